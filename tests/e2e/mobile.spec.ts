// At 390 px (a phone) no page scrolls sideways, for every role: the document is never wider than the
// screen. Wide parts (tables) scroll inside their own region instead. werkgroep.limburg is not used:
// foundation.spec locks it out.
import { expect, test, type Page } from "@playwright/test";
import { agendaIdOf, demo, firstLink, login } from "./helpers";

test.use({ viewport: { width: 390, height: 844 } });

async function expectNoSidewaysScroll(page: Page, paths: string[]) {
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect.soft(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(390);
  }
}

test("the login page", async ({ page }) => {
  await expectNoSidewaysScroll(page, ["/login"]);
});

test("a workgroup member's pages", async ({ page }) => {
  await login(page, demo.member);
  const agendaId = await agendaIdOf(page, "amsterdam");
  const barrier = await firstLink(page, "/belemmeringen", /^\/belemmeringen\/\d+$/);
  await expectNoSidewaysScroll(page, [
    "/regios",
    "/regios/amsterdam",
    `/agendas/${agendaId}`,
    `/agendas/${agendaId}/versies`,
    `/agendas/${agendaId}/innovaties`,
    `/agendas/${agendaId}/belemmeringen`,
    "/regios/amsterdam/belemmeringen",
    "/belemmeringen",
    barrier,
    "/innovaties",
    "/innovaties/beeldbellen",
    "/zoeken?q=zorg",
    "/inbox",
    "/account",
  ]);
});

test("a coordinator's pages", async ({ page }) => {
  await login(page, demo.coordinator);
  const agendaId = await agendaIdOf(page, "amsterdam");
  await expectNoSidewaysScroll(page, [`/agendas/${agendaId}`, `/agendas/${agendaId}/voorleggen`, "/regios/amsterdam/leden", "/regios/amsterdam/besluiten"]);
});

test("an adviser's pages", async ({ page }) => {
  await login(page, demo.adviser);
  const agendaId = await agendaIdOf(page, "twente");
  await expectNoSidewaysScroll(page, ["/regios", "/regios/twente", `/agendas/${agendaId}`, "/knelpunten", "/belemmeringen", "/innovaties/beeldbellen", "/zoeken?q=zorg"]);
});

test("a board member's pages", async ({ page }) => {
  await login(page, demo.board);
  const agendaId = await agendaIdOf(page, "amsterdam");
  await expectNoSidewaysScroll(page, ["/regios/amsterdam", `/agendas/${agendaId}`, "/regios/amsterdam/besluiten", "/inbox", "/innovaties"]);
});

test("an administrator's pages", async ({ page }) => {
  await login(page, demo.admin);
  await expectNoSidewaysScroll(page, ["/beheer", "/beheer/gebruikers", "/beheer/regios", "/beheer/regios/twente", "/beheer/organisaties", "/innovaties", "/regios"]);
});
