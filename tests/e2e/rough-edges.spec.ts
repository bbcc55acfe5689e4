// Rough edges of issue 14: logging in by keyboard alone without a script error, a favicon, a styled
// page in the reader's language for an unknown board-pack job, and a 10,000-character title that
// stops at its limit (with a message) without widening the page at 390 px.
import { expect, test } from "@playwright/test";
import { agendaIdOf, DEMO_PASSWORD, demo, login } from "./helpers";

test("logging in by keyboard alone raises no console error (no hydration mismatch)", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  // A slow device widens the gap between the markup and the hydrated page; typing starts in that
  // gap, as a fast keyboard user's would (it raised React error 345 before app/entry.client.tsx).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 8 });
  await page.goto("/login", { waitUntil: "commit" });
  await page.getByLabel("E-mailadres").focus();
  await page.keyboard.type(demo.coordinator);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/\/login/);
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
});

test("every page has a favicon, also at /favicon.ico", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect((await ico.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  await page.goto("/login");
  await expect(page.locator('link[rel="icon"][href="/favicon.ico"]')).toHaveCount(1);
});

test("an unknown board-pack job gets the app's styled error page, in the reader's language", async ({ page }) => {
  await login(page, demo.coordinator);
  for (const path of ["/bestuurspakket/onbekend", "/bestuurspakket/onbekend?download=1"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("alert")).toContainText("404 · Deze pagina bestaat niet of je hebt er geen toegang toe.");
    await expect(page.getByRole("navigation", { name: "Hoofdnavigatie" })).toBeAttached();
  }
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("alert")).toContainText("404 · This page does not exist or you have no access to it.");
  await page.getByRole("button", { name: "Nederlands" }).click();
});

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a 10,000-character unbroken title stops at 200 characters with a message; the page does not widen", async ({ page }) => {
    await login(page, demo.coordinator);
    const agendaId = await agendaIdOf(page, "amsterdam");
    await page.goto(`/agendas/${agendaId}`);
    await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
    const title = page.getByTestId("agenda-item").first().getByTestId("item-title");
    const before = await title.inputValue();
    await title.fill("W".repeat(10_000));
    await expect(title).toHaveValue("W".repeat(200));
    await expect(page.getByTestId("agenda-item").first().getByTestId("field-limit")).toHaveText("Je hebt het maximum van 200 tekens bereikt.");
    await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The other pages that show the title.
    for (const path of [`/agendas/${agendaId}/voorleggen`, "/regios/amsterdam", `/agendas/${agendaId}/innovaties`]) {
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
    await page.goto(`/agendas/${agendaId}`);
    await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
    await page.getByTestId("agenda-item").first().getByTestId("item-title").fill(before);
    await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  });

  test("the header folds its navigation behind a menu button (a disclosure)", async ({ page }) => {
    await login(page, demo.member);
    const header = page.getByRole("banner");
    expect((await header.boundingBox())!.height).toBeLessThan(80);
    const button = page.getByRole("button", { name: "Menu" });
    const nav = page.getByRole("navigation", { name: "Hoofdnavigatie" });
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();
    await button.focus();
    await page.keyboard.press("Enter");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Innovaties" })).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link").first()).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(button).toBeFocused();
    await button.click();
    await nav.getByRole("link", { name: "Innovaties" }).click();
    await expect(page).toHaveURL(/\/innovaties$/);
    await expect(nav).toBeHidden();
  });

  test("without scripts the navigation is a plain list of links", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await login(page, demo.member);
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Innovaties" })).toBeVisible();
    await context.close();
  });
});
