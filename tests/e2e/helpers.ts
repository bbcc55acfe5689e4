import { expect, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Agendawerk-demo-2026";

export const demo = {
  member: "werkgroep@demo.agendawerk.nl",
  coordinator: "coordinator@demo.agendawerk.nl",
  board: "bestuurder@demo.agendawerk.nl",
  adviser: "adviseur@demo.agendawerk.nl",
  admin: "beheer@demo.agendawerk.nl",
  memberTwente: "werkgroep.twente@demo.agendawerk.nl",
  memberLimburg: "werkgroep.limburg@demo.agendawerk.nl",
} as const;

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** A fresh browser context (own cookies, own IndexedDB) logged in as `email`. */
export async function userPage(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  return { context, page };
}

export async function agendaIdOf(page: Page, regionSlug: string) {
  await page.goto(`/regios/${regionSlug}`);
  const href = await page.locator('main a[href^="/agendas/"]').first().getAttribute("href");
  return Number(href!.split("/").pop());
}
