// Dutch search in a real browser (docs/decisions/019-dutch-search.md): an inflection finds the
// word the text uses, barriers are among the hits for an adviser, snippets are text, and another
// region's member gets none of those barriers.
import { expect, test } from "@playwright/test";
import { demo, login } from "./helpers";

test("an adviser's search for financiën finds barriers and items that say financiering, marked, with text snippets", async ({ page, browser }) => {
  await login(page, demo.adviser);
  await page.goto("/zoeken");
  const box = page.getByRole("searchbox");
  await box.fill("financiën");
  await box.press("Enter");
  const results = page.getByTestId("search-results");
  await expect(results.getByText("Belemmering", { exact: false }).first()).toBeVisible();
  await expect(results.locator("mark", { hasText: /^financiering$/i }).first()).toBeVisible();
  for (const snippet of await page.getByTestId("search-snippet").allTextContents()) expect(snippet).not.toMatch(/[[\]{}"]/);
  // A barrier hit opens the barrier.
  const barrierLink = results.locator("li", { hasText: "Belemmering" }).first().getByRole("link");
  await barrierLink.click();
  await expect(page).toHaveURL(/\/belemmeringen\/\d+$/);

  const other = await browser.newPage();
  await login(other, demo.memberTwente);
  // Amsterdam's barrier about "roosterruimte" is not theirs to read (compounds may still find other things).
  await other.goto("/zoeken?q=roosterruimte");
  await expect(other.getByRole("status")).toBeVisible();
  await expect(other.getByTestId("search-results")).not.toContainText("Belemmering");
  await expect(other.getByTestId("search-results")).not.toContainText("roosterruimte");
  await other.close();
});
