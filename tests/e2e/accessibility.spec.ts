// WCAG 2.1 A and AA checks (axe-core) on the pages each role works with. Dutch government sites
// must meet WCAG 2.1 AA; axe finds the machine-checkable part (contrast, names, labels, landmarks,
// ARIA), the keyboard flows are covered by the feature specs.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { agendaIdOf, demo, userPage } from "./helpers";

async function expectAccessible(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  // The first node's failure summary says why (the measured contrast ratio, the missing name).
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}; ${v.nodes[0]?.failureSummary ?? ""}`);
  expect.soft(summary, `${path}\n${summary.join("\n")}`).toEqual([]);
}

// Each page at a desktop width and at 390 px (a phone), where the header folds into a menu and
// wide tables scroll in their own region.
for (const width of [1366, 390]) {
  test.describe(`at ${width} px`, () => {
    const viewport = { width, height: width === 390 ? 844 : 900 };
    test.use({ viewport });

    test("the login page", async ({ page }) => {
      await expectAccessible(page, "/login");
    });

    test("a workgroup member's pages", async ({ browser }) => {
      const { page } = await userPage(browser, demo.memberTwente, { viewport });
      const agendaId = await agendaIdOf(page, "twente");
      for (const path of [`/agendas/${agendaId}`, `/agendas/${agendaId}/versies`, "/regios/twente", "/regios/twente/belemmeringen", "/innovaties", "/zoeken?q=zorg", "/inbox", "/account"]) {
        await expectAccessible(page, path);
      }
    });

    test("an adviser's pages", async ({ browser }) => {
      const { page } = await userPage(browser, demo.adviser, { viewport });
      for (const path of ["/regios", "/knelpunten", "/belemmeringen", "/innovaties/beeldbellen"]) {
        await expectAccessible(page, path);
      }
    });

    test("a coordinator's and an administrator's pages", async ({ browser }) => {
      const coordinator = await userPage(browser, demo.coordinator, { viewport });
      const agendaId = await agendaIdOf(coordinator.page, "amsterdam");
      for (const path of [`/agendas/${agendaId}/voorleggen`, "/regios/amsterdam/leden", "/regios/amsterdam/besluiten"]) {
        await expectAccessible(coordinator.page, path);
      }
      const admin = await userPage(browser, demo.admin, { viewport });
      for (const path of ["/beheer/gebruikers", "/beheer/gebruikers?q=demo", "/beheer/regios", "/beheer/regios/twente", "/beheer/organisaties"]) {
        await expectAccessible(admin.page, path);
      }
    });
  });
}
