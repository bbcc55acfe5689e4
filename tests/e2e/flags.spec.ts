// Bottleneck flags in a real browser. Independent of other spec files: it relies on the demo seed
// (one severe Amsterdam barrier older than 30 days; financing open in three regions with three
// different causes) and dismisses only the flag it picks itself; the second adviser it needs it
// creates through the admin page.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { demo, login } from "./helpers";

const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

const SECOND = { name: "Karim Haddou", email: "tweede.adviseur@example.nl", temp: "tijdelijk-van-de-beheerder", password: "Zeilboot-Pannenkoek-Adviseur-19" };

async function openOverview(page: Page) {
  await page.getByRole("navigation", { name: "Hoofdnavigatie" }).locator('a[href="/knelpunten"]').click();
  await expect(page.getByTestId("region-grid")).toBeVisible();
}

test("the overview does not flag every region: counts per severity, worst first, a national bottleneck only for one cause", async ({ page }) => {
  await login(page, demo.adviser);
  await openOverview(page);
  const tiles = page.getByTestId("region-tile");
  await expect(tiles).toHaveCount(28);
  // Regions without an agenda or target have nothing to act on; the demo's three regions lead the grid.
  expect(await page.locator('[data-testid="region-tile"][data-worst="none"]').count()).toBeGreaterThanOrEqual(20);
  const first = tiles.first();
  await expect(first).toHaveAttribute("data-region", "amsterdam");
  const high = await severeCount(first);
  expect(high).toBeGreaterThanOrEqual(1);
  await expect(first.locator('[data-severity-count="middel"]')).toBeVisible();
  await expect(page.locator('[data-testid="region-tile"][data-region="zeeland"]')).toContainText("Geen signalen");

  // Financing is open in Amsterdam (Wlz), Twente (Zvw) and Zuid-Limburg (Wmo): three causes, no national bottleneck.
  await expect(page.getByTestId("national-bottlenecks").locator('[data-rule="national-bottleneck"]')).toHaveCount(0);
  await expect(page.getByTestId("national-bottlenecks")).toContainText("Er is nu geen belemmering die in 3 of meer regio's tegelijk openstaat.");

  // The tile counts what the region's list holds, the severe barrier older than 30 days among them
  // (how many more are severe depends on the day: the demo's progress is dated by quarter).
  await page.goto("/knelpunten?regio=amsterdam&ernst=hoog");
  const severe = page.getByTestId("flag-list").getByTestId("flag");
  await expect(severe).toHaveCount(high);
  await expect(severe.and(page.locator('[data-rule="high-barrier"]'))).toHaveCount(1);
});

/** The number a region tile shows for "hoog" (▲ n hoog). */
async function severeCount(tile: Locator): Promise<number> {
  const count = tile.locator('[data-severity-count="hoog"]');
  await expect(count).toHaveText(/^▲ \d+ hoog$/);
  return Number((await count.textContent())!.match(/\d+/)![0]);
}

test("an adviser's snooze does not hide the signal from another adviser", async ({ page, browser }) => {
  // A second adviser, made by the administrator, with their own password.
  await login(page, demo.admin);
  await page.goto("/beheer/gebruikers");
  await page.getByLabel("Naam", { exact: true }).first().fill(SECOND.name);
  await page.getByLabel("E-mailadres").fill(SECOND.email);
  await page.getByLabel(/Tijdelijk wachtwoord/).fill(SECOND.temp);
  await page.getByLabel("Soort gebruiker").selectOption({ label: "Regioadviseur" });
  await page.getByRole("button", { name: "Aanmaken" }).click();
  await expect(page.getByText(`Gebruiker ${SECOND.email} is aangemaakt.`)).toBeVisible();
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await login(other, SECOND.email, SECOND.temp);
  await other.getByLabel("Huidig wachtwoord").fill(SECOND.temp);
  await other.getByLabel("Nieuw wachtwoord", { exact: true }).fill(SECOND.password);
  await other.getByLabel("Nieuw wachtwoord (nogmaals)").fill(SECOND.password);
  await other.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(other).not.toHaveURL(/\/account/);

  // What the other adviser's Amsterdam tile counts as severe before anyone hides anything.
  await other.goto("/knelpunten");
  const severeBefore = await severeCount(other.locator('[data-testid="region-tile"][data-region="amsterdam"]'));

  // The first adviser snoozes Amsterdam's severe barrier, for herself.
  const adviserContext = await browser.newContext();
  const adviser = await adviserContext.newPage();
  await login(adviser, demo.adviser);
  await adviser.goto("/knelpunten?regel=high-barrier&regio=amsterdam");
  const flag = adviser.getByTestId("flag-list").locator('[data-rule="high-barrier"]').first();
  await expect(flag.getByTestId("flag-explanation")).toContainText("staat al 45 dagen open");
  const key = (await flag.getAttribute("data-flag-key"))!;
  await flag.locator("summary", { hasText: "Wegzetten" }).click();
  await expect(flag.getByLabel(/^Alleen voor mij/)).toBeChecked();
  await flag.getByLabel("Tot een datum (sluimeren)").check();
  await flag.getByRole("button", { name: "Wegzetten", exact: true }).click();
  await expect(flag.getByText("Geef een reden op (minstens 3 tekens).")).toBeVisible();
  await flag.getByLabel("Reden", { exact: true }).fill("Besproken met VWS; bekostiging volgt in het najaar.");
  await flag.getByLabel("Tot en met").fill(inDays(-1));
  await flag.getByRole("button", { name: "Wegzetten", exact: true }).click();
  await expect(flag.getByText("Kies een datum in de toekomst.")).toBeVisible();
  await flag.getByLabel("Tot en met").fill(inDays(14));
  await flag.getByRole("button", { name: "Wegzetten", exact: true }).click();
  await expect(adviser.getByTestId("flag-list").locator(`[data-flag-key="${key}"]`)).toHaveCount(0);

  // Gone for her, and the page says so, with who hid it and a way to see it.
  await adviser.goto("/knelpunten");
  const note = adviser.getByTestId("hidden-note");
  await expect(note).toContainText("1 signaal is verborgen: 1 door jou, alleen voor jou.");
  await note.getByRole("link", { name: "Verborgen signalen tonen" }).click();
  await expect(adviser.locator(`[data-flag-key="${key}"]`).getByTestId("flag-dismissal")).toContainText(
    "Voor zichzelf weggezet door Sanne Bakker: “Besproken met VWS; bekostiging volgt in het najaar.”",
  );

  // The other adviser still sees it, in the list and in Amsterdam's tile.
  await other.goto("/knelpunten?regel=high-barrier&regio=amsterdam");
  await expect(other.locator(`[data-flag-key="${key}"]`)).toBeVisible();
  await expect(other.getByTestId("hidden-note")).toHaveCount(0);
  await other.goto("/knelpunten");
  await expect(other.locator('[data-testid="region-tile"][data-region="amsterdam"]').locator('[data-severity-count="hoog"]')).toHaveText(`▲ ${severeBefore} hoog`);

  // An acknowledgement for the whole team hides it for the other adviser too, and says by whom.
  await other.goto("/knelpunten?regel=high-barrier&regio=amsterdam");
  const otherFlag = other.locator(`[data-flag-key="${key}"]`);
  await otherFlag.locator("summary", { hasText: "Wegzetten" }).click();
  await otherFlag.getByLabel(/^Voor het hele regioteam/).check();
  await expect(otherFlag.getByLabel("Tot een datum (sluimeren)")).toBeDisabled();
  await otherFlag.getByLabel("Reden", { exact: true }).fill("Staat op de agenda van het VWS-overleg.");
  await otherFlag.getByRole("button", { name: "Wegzetten", exact: true }).click();
  await expect(other.getByTestId("flag-list").locator(`[data-flag-key="${key}"]`)).toHaveCount(0);
  await adviser.goto("/knelpunten");
  await expect(adviser.getByTestId("hidden-note")).toContainText(`door ${SECOND.name} voor het hele regioteam`);

  // The region sees that its signal was acknowledged, and by whom.
  const regionContext = await browser.newContext();
  const region = await regionContext.newPage();
  await login(region, demo.coordinator);
  await region.goto("/regios/amsterdam");
  await expect(region.getByTestId("region-flags").getByTestId("hidden-note")).toContainText(`1 door ${SECOND.name} voor het hele regioteam`);
  await region.getByTestId("hidden-flags").locator("summary").click();
  await expect(region.getByTestId("hidden-flags").locator(`[data-flag-key="${key}"]`)).toContainText("Staat op de agenda van het VWS-overleg.");

  // The CSV has the BOM and semicolons Dutch Excel expects, and who hid what.
  const csv = await other.request.get("/knelpunten.csv?weggezet=1&regel=high-barrier");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString("utf8")).toContain("Regel;Ernst;Score;Regio;Onderwerp");
  expect(body.toString("utf8")).toContain(`Voor het hele regioteam weggezet door ${SECOND.name}`);
  await Promise.all([otherContext.close(), adviserContext.close(), regionContext.close()]);
});

test("a region member sees only their own region's flags; the overview is for advisers", async ({ page }) => {
  await login(page, demo.memberTwente);
  await page.goto("/regios/twente");
  const own = page.getByTestId("region-flags");
  await expect(own.getByRole("heading", { name: "Signalen voor deze regio" })).toBeVisible();
  await expect(own.getByTestId("flag").first()).toBeVisible();
  await expect(own).not.toContainText("Amsterdam");
  await expect(own).not.toContainText("Zuid-Limburg");

  const response = await page.goto("/knelpunten");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Je hebt geen toegang tot deze pagina.")).toBeVisible();
  expect((await page.request.get("/knelpunten.csv")).status()).toBe(403);
  await expect(page.getByRole("navigation", { name: "Hoofdnavigatie" }).locator('a[href="/knelpunten"]')).toHaveCount(0);
});
