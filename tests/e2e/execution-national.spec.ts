// National results in Chromium (issue 15, decision 033): the ministry's adviser opens Resultaten
// landelijk from the navigation, sees the trend chart per way of saving (an SVG image with a title and
// a description, the same figures in a table) with the caveats, downloads the XLSX and finds in it the
// page's total for this quarter and the caveats sheet. A workgroup member is refused. Axe at 1366 and
// 390 px, no sideways scroll.
import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { periodOf, periodShortLabel } from "../../app/domain/periods";
import { HOURS_PER_FTE_YEAR, formatNumber } from "../../app/domain/savings";
import { demo, login } from "./helpers";

test("an adviser sees the national trend chart and exports the figures with their caveats as XLSX", async ({ page }) => {
  await login(page, demo.adviser);
  await page.getByRole("link", { name: "Resultaten landelijk" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Resultaten landelijk" })).toBeVisible();

  const total = page.getByRole("img", { name: /Totaal: verwacht en gerealiseerd per kwartaal/ });
  await expect(total).toBeVisible();
  await expect(total).toHaveAccessibleName(/Van .* kwartaal \d{4} tot .* kwartaal \d{4}: verwacht van/);
  const quarter = periodShortLabel(periodOf(Date.now()), "nl");
  const row = page.getByTestId("national-trend-table").first().getByRole("row", { name: new RegExp(`^${quarter}`) });
  const projectedOnPage = (await row.getByRole("cell").first().textContent())!.trim();
  await expect(page.getByTestId("national-caveats")).toContainText("Niet meegeteld");
  await expect(page.getByTestId("national-headline")).toContainText(`verwacht ${projectedOnPage} fte`);

  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical"), `at ${width}px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll at ${width}px`).toBeLessThanOrEqual(width);
    // Chart labels stay readable: at least 12 px on screen.
    const smallest = await page.locator("[data-testid=national-trend] svg text").evaluateAll((ts) => Math.min(...ts.map((t) => t.getBoundingClientRect().height)));
    expect(smallest, `chart labels at ${width}px`).toBeGreaterThanOrEqual(12);
  }
  await page.setViewportSize({ width: 1366, height: 900 });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("national-xlsx").click()]);
  expect(download.suggestedFilename()).toMatch(/^resultaten-landelijk-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await download.path())!);
  const sheet = book.getWorksheet("Cijfers")!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const col = (name: string) => header.indexOf(name) + 1;
  let found: number | null = null;
  sheet.eachRow((r, n) => {
    if (n > 1 && r.getCell(col("Indeling")).value === "Totaal" && r.getCell(col("Kwartaal")).value === quarter) found = Number(r.getCell(col("Verwacht (uur per jaar)")).value);
  });
  expect(found, "the total of this quarter is in the XLSX").not.toBeNull();
  expect(formatNumber(found! / HOURS_PER_FTE_YEAR, "nl")).toBe(projectedOnPage);
  const caveats = book.getWorksheet("Kanttekeningen")!;
  const text = (caveats.getColumn(1).values as unknown[]).filter(Boolean).join("\n");
  expect(text).toContain("Niet meegeteld: meer uren werken");
  expect(text).toContain("zwakste bewijsniveau");
  expect(text).toMatch(/Aannames: http.*\/innovaties#aannames/);
});

test("a workgroup member does not see the national results", async ({ page }) => {
  await login(page, demo.member);
  await expect(page.getByRole("link", { name: "Resultaten landelijk" })).toHaveCount(0);
  expect((await page.goto("/landelijk"))!.status()).toBe(403);
  expect((await page.request.get("/landelijk.xlsx")).status()).toBe(403);
});
