// National results in Chromium (issue 15, decision 033): the ministry's adviser opens Resultaten
// landelijk from the navigation, sees the trend chart per way of saving (an SVG image with a title and
// a description, the same figures in a table) with the caveats, downloads the XLSX and finds in it the
// page's total for this quarter and the caveats sheet. A workgroup member is refused. The whole task runs
// at 1366 and at 390 px: axe, no sideways scroll, the main content on screen.
import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { periodOf, periodShortLabel } from "../../app/domain/periods";
import { HOURS_PER_FTE_YEAR, formatNumber } from "../../app/domain/savings";
import { demo, login } from "./helpers";

// The adviser's main task at a desktop width and at 390 px. Each run logs in on its own page and
// only reads (the page and its export change nothing), so neither depends on the other.
for (const width of [1366, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });

    test("an adviser sees the national trend chart and exports the figures with their caveats as XLSX", async ({ page }) => {
      await login(page, demo.adviser);
      // At 390 px the navigation is folded behind the menu button.
      if (width === 390) await page.getByRole("button", { name: "Menu" }).click();
      await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Resultaten landelijk" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Resultaten landelijk" })).toBeVisible();

      const total = page.getByRole("img", { name: /Totaal: verwacht en gerealiseerd per kwartaal/ });
      await expect(total).toBeVisible();
      await expect(total).toHaveAccessibleName(/Van .* kwartaal \d{4} tot .* kwartaal \d{4}: verwacht van/);
      const quarter = periodShortLabel(periodOf(Date.now()), "nl");
      const trendTable = page.getByTestId("national-trend-table").first();
      const row = trendTable.getByRole("row", { name: new RegExp(`^${quarter}`) });
      await expect(row).toBeVisible();
      const projectedOnPage = (await row.getByRole("cell").first().textContent())!.trim();
      await expect(page.getByTestId("national-caveats")).toContainText("Niet meegeteld");
      await expect(page.getByTestId("national-headline")).toContainText(`verwacht ${projectedOnPage} fte`);

      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), "no sideways scroll").toBeLessThanOrEqual(width);
      // The main content fits the screen: headline, caveats, the first chart with its table and the download link lie within it.
      for (const [name, part] of [
        ["headline", page.getByTestId("national-headline")],
        ["caveats", page.getByTestId("national-caveats")],
        ["total chart", total],
        ["trend table", trendTable],
        ["XLSX link", page.getByTestId("national-xlsx")],
      ] as const) {
        const box = (await part.boundingBox())!;
        expect(box.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${name} ends on screen`).toBeLessThanOrEqual(width);
      }
      // Chart labels stay readable: at least 12 px on screen.
      const smallest = await page.locator("[data-testid=national-trend] svg text").evaluateAll((ts) => Math.min(...ts.map((t) => t.getBoundingClientRect().height)));
      expect(smallest, "chart labels").toBeGreaterThanOrEqual(12);

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
  });
}

test("a workgroup member does not see the national results", async ({ page }) => {
  await login(page, demo.member);
  await expect(page.getByRole("link", { name: "Resultaten landelijk" })).toHaveCount(0);
  expect((await page.goto("/landelijk"))!.status()).toBe(403);
  expect((await page.request.get("/landelijk.xlsx")).status()).toBe(403);
});
