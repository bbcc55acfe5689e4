// The regioadviseur's start page: the regions they cover first, each with what needs attention,
// the other regions folded away. (Marking a barrier by keyboard: barriers.spec.ts.)
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { databasePath } from "../../playwright.config";
import { demo, screenshots, userPage } from "./helpers";

/** Open barriers (not solved, not unsolvable) per region slug, from the database the server uses. */
function openBarrierCounts(): Record<string, number> {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        "select r.slug, count(b.id) n from regions r join agendas a on a.region_id = r.id left join barriers b on b.agenda_id = a.id and b.status in ('open', 'in_behandeling', 'geescaleerd') group by r.slug",
      )
      .all() as Array<{ slug: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.slug, r.n]));
  } finally {
    db.close();
  }
}

for (const width of [1366, 390]) {
  test(`at ${width} px the start page shows the covered regions first, with barriers, signals and agenda state`, async ({ browser }) => {
    const viewport = { width, height: width === 390 ? 844 : 900 };
    const { page, context } = await userPage(browser, demo.adviser, { viewport });
    await page.goto("/regios");
    const mine = page.getByRole("region", { name: "Regio's die ik volg" });
    const cards = mine.getByTestId("my-region");
    await expect(cards.getByRole("heading")).toHaveText([/^Amsterdam/, /^Haaglanden/, /^Twente/, /^Zuid-Limburg/]);
    const counts = openBarrierCounts();
    const amsterdam = cards.filter({ has: page.getByRole("heading", { name: /^Amsterdam/ }) });
    const n = counts.amsterdam ?? 0;
    await expect(amsterdam.getByTestId("open-barriers")).toHaveText(n === 0 ? "Geen open belemmeringen" : n === 1 ? "1 open belemmering" : `${n} open belemmeringen`);
    await expect(amsterdam.getByTestId("open-barriers")).toHaveAttribute("href", "/regios/amsterdam/belemmeringen");
    await expect(amsterdam.getByTestId("signals")).toHaveText(/^(Geen signalen|1 signaal|\d+ signalen)$/);
    await expect(amsterdam.getByTestId("agenda-state").first()).toHaveText(/^(concept, nog niet voorgelegd|voorgelegd aan de stuurgroep .*|vastgesteld op \d+ \w+ \d{4}|teruggestuurd op .*|voorstel verlopen op .*)$/);
    // Haaglanden has no agenda yet: said once, not "0 agenda's".
    await expect(cards.filter({ has: page.getByRole("heading", { name: /^Haaglanden/ }) })).toContainText("Nog geen agenda.");

    // The other 24 are folded away, by name only.
    const others = page.getByTestId("other-regions");
    await expect(others.locator("summary")).toHaveText("Andere regio's (24)");
    await expect(others.getByText("Groningen")).toBeHidden();
    await expect(page.locator("main")).not.toContainText(/Geen toegang|agenda\('s\)|0 agenda/);
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/14I-regions-${width}.png`, fullPage: true });
    await others.locator("summary").press("Enter");
    await expect(others.getByText("Groningen")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  });
}

test("a member's own region comes first on the region list", async ({ browser }) => {
  const { page, context } = await userPage(browser, demo.memberTwente);
  await page.goto("/regios");
  await expect(page.getByRole("region", { name: "Mijn regio's" }).getByTestId("my-region").getByRole("heading")).toHaveText([/^Twente/]);
  await expect(page.getByTestId("other-regions").locator("summary")).toHaveText("Andere regio's (27)");
  await context.close();
});
