// Realised beside projected in Chromium (issue 15, decision 031): the coordinator opens Amsterdam's
// measured demo item (15B's seed: a baseline of 312 h a week in 2025-Q4, 298 and 287 from the sample
// roster in 2026-Q1 and Q2) and sees (312 − 287) × 52 = 1,300 h a year beside the projection of
// 30% × 4 h × 180 FTE × 45 = 9,720 h, i.e. 13%, with the measurements and their file; the agenda's
// chart, the region page and the innovation page say the same. Axe at 1366 and 390 px.
import { expect, test, type Page } from "@playwright/test";
import { axeAtBothWidths, agendaIdOf, demo, login } from "./helpers";

const ITEM = "Slim incontinentiemateriaal in alle verpleeghuizen";


test("the coordinator sees the realised saving beside the projection, with what it rests on", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, demo.coordinator);
  const agendaId = await agendaIdOf(page, "amsterdam");

  // The agenda's savings chart: realised next to projected per way of saving, the item linked.
  await page.goto(`/agendas/${agendaId}`);
  const chart = page.getByTestId("agenda-savings").getByTestId("realised-comparison");
  await expect(chart.getByRole("heading", { name: "Gemeten naast verwacht" })).toBeVisible();
  const total = chart.getByTestId("realised-table").locator('tr[data-mechanism="total"]');
  await expect(total).toContainText("1.300");
  await expect(total).toContainText("13%");
  const itemLink = chart.getByTestId("realised-items").getByRole("link", { name: new RegExp(ITEM) });
  await expect(itemLink).toContainText("1.300 van 9.700 uur per jaar (13%)");
  await expect(chart.getByTestId("realised-items")).toContainText("rooster-voorbeeld.xlsx");

  // The item page: projected with its rating, realised with its series and the rows behind it.
  await itemLink.click();
  await expect(page).toHaveURL(/\/punten\/.+#gerealiseerd$/);
  const section = page.getByTestId("realised-section");
  await expect(section.getByRole("heading", { level: 2, name: "Gerealiseerde en netto besparing" })).toBeVisible();
  await expect(section.getByTestId("realised-projected")).toContainText("9.700 uur per jaar (6 fte)");
  await expect(section.getByTestId("realised-projected").getByRole("link", { name: /Beoordeling .*niveau 2/ }).first()).toHaveAttribute("href", /\/innovaties\/.+#beoordeling-\d+/);
  await expect(section.getByTestId("realised-value")).toHaveText("1.300 uur per jaar (0,8 fte), gemeten in 2 kwartalen, laatst 2e kwartaal 2026");
  await expect(section.getByTestId("realised-share")).toHaveText("13% van de verwachting");
  await expect(section).toContainText("Ver onder de verwachting");
  await expect(section.getByTestId("realised-series")).toContainText("nulmeting 312 uur per week, 2e kwartaal 2026 gemiddeld 287 uur per week, 25 uur per week minder × 52 weken = 1.300 uur per jaar");
  const rows = section.getByTestId("realised-measurements");
  await expect(rows.getByRole("row", { name: /Nulmeting/ })).toContainText("met de hand ingevoerd");
  await expect(rows.getByRole("row", { name: /Meting/ })).toHaveCount(2);
  await expect(rows.getByRole("row", { name: /Meting/ }).first()).toContainText("rooster-voorbeeld.xlsx, rij");
  await expect(section.getByTestId("realised-net")).toBeVisible();
  await axeAtBothWidths(page);

  // The region page compares the same, and the innovation page counts the region.
  await page.goto("/regios/amsterdam");
  await expect(page.getByTestId("region-realised").getByRole("heading", { level: 2, name: "Gerealiseerde besparing in de regio" })).toBeVisible();
  await expect(page.getByTestId("region-realised").locator('tr[data-mechanism="total"]')).toContainText("13%");
});

test("the innovation page says in how many regions it was measured and why it is not recalibrated", async ({ page }) => {
  await login(page, demo.coordinator);
  await page.goto("/innovaties");
  await page.getByRole("link", { name: /incontinentie/i }).first().click();
  const measured = page.getByTestId("innovation-realised");
  await expect(measured.getByTestId("innovation-realised-summary")).toHaveText("Gemeten in 1 regio: mediaan 13% van de projectie.");
  await expect(measured.getByRole("row", { name: /Amsterdam/ })).toContainText("1.300");
  await expect(measured.getByTestId("innovation-not-recalibrated")).toContainText("minstens 3 regio's over minstens 2 kwartalen elk (nu 1 regio)");
  await axeAtBothWidths(page);
});
