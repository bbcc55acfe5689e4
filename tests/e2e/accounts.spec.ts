// Issue 11, finding 5 and the account features, in a real browser: a crafted redirectTo keeps the
// browser on the site, logging out removes the offline copies of agendas, and a password the
// administrator chose must be changed before anything else works.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, agendaIdOf, demo, login } from "./helpers";
import { baseURL } from "../../playwright.config";

const origin = new URL(baseURL).origin;

async function fillLogin(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

/** Every host the page asked for anything, to prove nothing went to the attacker's site. */
function hostsAskedFor(page: Page) {
  const hosts = new Set<string>();
  page.on("request", (request) => hosts.add(new URL(request.url()).host));
  return hosts;
}

test("a redirectTo with a tab after the first slash leaves the browser on the site", async ({ page }) => {
  const hosts = hostsAskedFor(page);
  // The finding's sample: the URL parser drops the tab, and "/\t/evil.example" becomes "//evil.example".
  await page.goto(`/login?redirectTo=${encodeURIComponent("/\t/evil.example/")}`);
  await fillLogin(page, demo.board);
  await expect(page.getByRole("alert")).toHaveText("Het adres waarnaar je na het inloggen zou gaan is ongeldig.");
  expect(new URL(page.url()).origin).toBe(origin);
  // Without control characters, a value that leads off the site ends on the start page.
  await page.goto(`/login?redirectTo=${encodeURIComponent("/.//evil.example/")}`);
  await fillLogin(page, demo.board);
  await expect(page).not.toHaveURL(/\/login/);
  expect(new URL(page.url()).origin).toBe(origin);
  expect([...hosts].filter((host) => host.includes("evil"))).toEqual([]);
});

const offlineCopies = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((name) => name?.startsWith("agendawerk:")));

async function openAgendaOffline(page: Page) {
  await page.goto(`/agendas/${await agendaIdOf(page, "amsterdam")}`);
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  await expect.poll(() => offlineCopies(page)).toHaveLength(1);
}

test("logging out removes the browser's offline copy of the agenda", async ({ page }) => {
  await login(page, demo.member);
  await openAgendaOffline(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect.poll(() => offlineCopies(page)).toEqual([]);
});

test("the logout response alone clears it (Clear-Site-Data), without the page's own clean-up", async ({ page }) => {
  await login(page, demo.member);
  await openAgendaOffline(page);
  // A plain form post, as without JavaScript: only the server's answer can remove the copy.
  await page.evaluate(() => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/logout";
    document.body.append(form);
    HTMLFormElement.prototype.submit.call(form);
  });
  await expect(page).toHaveURL(/\/login$/);
  await expect.poll(() => offlineCopies(page)).toEqual([]);
});

test("a password the administrator chose must be changed at first login", async ({ page, browser }) => {
  await login(page, demo.admin);
  await page.goto("/beheer/gebruikers");
  await page.getByLabel("Naam", { exact: true }).first().fill("Eerste Keer");
  await page.getByLabel("E-mailadres").fill("eerste.keer@example.nl");
  await page.getByLabel(/Tijdelijk wachtwoord/).fill("tijdelijk-van-de-beheerder");
  await page.getByRole("button", { name: "Aanmaken" }).click();
  await expect(page.getByText("Gebruiker eerste.keer@example.nl is aangemaakt.")).toBeVisible();

  const context = await browser.newContext();
  const user = await context.newPage();
  await user.goto("/login");
  await fillLogin(user, "eerste.keer@example.nl", "tijdelijk-van-de-beheerder");
  await expect(user).toHaveURL(/\/account$/);
  await expect(user.getByRole("alert")).toContainText("Kies eerst een eigen wachtwoord");
  // Any other page sends them back.
  await user.goto("/regios");
  await expect(user).toHaveURL(/\/account$/);

  const changeTo = async (password: string) => {
    await user.getByLabel("Huidig wachtwoord").fill("tijdelijk-van-de-beheerder");
    await user.getByLabel("Nieuw wachtwoord", { exact: true }).fill(password);
    await user.getByLabel("Nieuw wachtwoord (nogmaals)").fill(password);
    await user.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  };
  await changeTo("wachtwoord2026");
  await expect(user.getByText("Dit wachtwoord is te makkelijk te raden.")).toBeVisible();
  await expect(user.getByText("Voeg meer woorden toe die minder vaak voorkomen.")).toBeVisible();
  await changeTo("Zeilboot-Pannenkoek-Vuurtoren-19");
  await expect(user).not.toHaveURL(/\/account/);
  await user.goto("/regios");
  await expect(user).toHaveURL(/\/regios$/);
  await expect(user.getByRole("heading", { level: 1 })).toHaveText("Regio's");
  await context.close();
});
