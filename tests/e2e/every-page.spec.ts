// Every page the app has (each route module with a component), as the role that works with it, at
// 1366 and 390 px: axe-core finds nothing serious or critical, and the page is never wider than the
// screen. The list is checked against app/routes, so a new page without a check fails here. Pages
// that exist only after an upload (the two import previews) are checked by the spec that makes them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { agendaIdOf, demo, firstLink, userPage } from "./helpers";

const routesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");

type Role = "anonymous" | "member" | "coordinator" | "coordinatorLimburg" | "board" | "adviser" | "admin";
type Ids = {
  amsterdam: number;
  limburg: number;
  item: string;
  version: string;
  proposal: string;
};
type Check = { as: Role; paths: (ids: Ids) => string[]; status?: number } | { checkedIn: string };

const PAGES: Record<string, Check> = {
  login: { as: "anonymous", paths: () => ["/login"] },
  "wachtwoord-vergeten": {
    as: "anonymous",
    paths: () => ["/wachtwoord-vergeten"],
  },
  // A link that is not (or no longer) valid: the page the user then sees.
  "wachtwoord.$token": {
    as: "anonymous",
    paths: () => ["/wachtwoord/verlopen-of-onbekend"],
    status: 410,
  },
  "afmelden.$token": {
    as: "anonymous",
    paths: () => ["/afmelden/verlopen-of-onbekend"],
    status: 404,
  },
  "openbaar._index": { as: "anonymous", paths: () => ["/openbaar"] },
  "openbaar.$slug": {
    as: "anonymous",
    paths: () => ["/openbaar/zuid-limburg"],
  },
  "regios._index": { as: "adviser", paths: () => ["/regios"] },
  "regios.$slug": { as: "member", paths: () => ["/regios/amsterdam"] },
  "regios.$slug_.belemmeringen": {
    as: "member",
    paths: () => ["/regios/amsterdam/belemmeringen"],
  },
  "regios.$slug_.besluiten": {
    as: "board",
    paths: () => ["/regios/amsterdam/besluiten"],
  },
  "regios.$slug_.leden": {
    as: "coordinator",
    paths: () => ["/regios/amsterdam/leden"],
  },
  "regios.$slug_.opleidingsvraag": {
    as: "coordinator",
    paths: () => ["/regios/amsterdam/opleidingsvraag"],
  },
  "regios.$slug_.rapportage": {
    as: "coordinator",
    paths: () => ["/regios/amsterdam/rapportage"],
  },
  "regios.$slug_.voortgang": {
    as: "coordinator",
    paths: () => ["/regios/amsterdam/voortgang"],
  },
  "agendas.$agendaId": {
    as: "member",
    paths: ({ amsterdam }) => [`/agendas/${amsterdam}`],
  },
  "agendas.$agendaId_.importeren": {
    as: "coordinator",
    paths: ({ amsterdam }) => [`/agendas/${amsterdam}/importeren`],
  },
  "agendas.$agendaId_.importeren_.$importId": {
    checkedIn: "word-import.spec.ts",
  },
  "agendas.$agendaId_.punten.$itemId": {
    as: "member",
    paths: ({ item }) => [item],
  },
  "agendas.$agendaId_.punten.$itemId_.metingen": {
    as: "member",
    paths: ({ item }) => [`${item}/metingen`],
  },
  "agendas.$agendaId_.punten.$itemId_.metingen_.import": {
    as: "member",
    paths: ({ item }) => [`${item}/metingen/import`],
  },
  "agendas.$agendaId_.punten.$itemId_.metingen_.import_.$importId": {
    checkedIn: "execution-measurements.spec.ts",
  },
  "agendas.$agendaId_.punten.$itemId_.opleiding": {
    as: "member",
    paths: ({ item }) => [`${item}/opleiding`],
  },
  "agendas.$agendaId_.vastgesteld": {
    as: "coordinatorLimburg",
    paths: ({ limburg }) => [`/agendas/${limburg}/vastgesteld`],
  },
  "agendas.$agendaId_.versies": {
    as: "member",
    paths: ({ amsterdam }) => [`/agendas/${amsterdam}/versies`],
  },
  "agendas.$agendaId_.versies_.$versionId": {
    as: "member",
    paths: ({ version }) => [version],
  },
  "agendas.$agendaId_.voorleggen": {
    as: "coordinator",
    paths: ({ amsterdam }) => [`/agendas/${amsterdam}/voorleggen`],
  },
  "voorstellen.$proposalId": {
    as: "coordinatorLimburg",
    paths: ({ proposal }) => [proposal],
  },
  // An unknown job: the styled page that says so, not a bare "Niet gevonden".
  "bestuurspakket.$jobId_.voortgang": {
    as: "board",
    paths: () => ["/bestuurspakket/999999/voortgang"],
    status: 404,
  },
  "belemmeringen._index": { as: "adviser", paths: () => ["/belemmeringen"] },
  "belemmeringen.$barrierId": {
    as: "adviser",
    paths: () => ["/belemmeringen/1"],
  },
  knelpunten: { as: "adviser", paths: () => ["/knelpunten"] },
  landelijk: { as: "adviser", paths: () => ["/landelijk"] },
  "innovaties._index": { as: "member", paths: () => ["/innovaties"] },
  "innovaties.$slug": {
    as: "member",
    paths: () => ["/innovaties/beeldbellen"],
  },
  zoeken: { as: "member", paths: () => ["/zoeken?q=zorg"] },
  inbox: { as: "member", paths: () => ["/inbox"] },
  account: { as: "member", paths: () => ["/account"] },
  beheer: { as: "admin", paths: () => ["/beheer/gebruikers"] },
  "beheer.gebruikers": {
    as: "admin",
    paths: () => ["/beheer/gebruikers", "/beheer/gebruikers?q=demo"],
  },
  "beheer.organisaties": { as: "admin", paths: () => ["/beheer/organisaties"] },
  "beheer.regios": { as: "admin", paths: () => ["/beheer/regios"] },
  "beheer.regios_.$slug": {
    as: "admin",
    paths: () => ["/beheer/regios/twente"],
  },
  "beheer.uitgaande-mail": {
    as: "admin",
    paths: () => ["/beheer/uitgaande-mail"],
  },
};

const emails: Record<Exclude<Role, "anonymous">, string> = {
  member: demo.member,
  coordinator: demo.coordinator,
  coordinatorLimburg: "coordinator.limburg@demo.agendawerk.nl",
  board: demo.board,
  adviser: demo.adviser,
  admin: demo.admin,
};

/** Route modules that render a page (resource routes, such as CSV files and redirects, have none). */
function pageRoutes() {
  return fs
    .readdirSync(routesDir)
    .filter((file) => file.endsWith(".tsx") && /^export default /m.test(fs.readFileSync(path.join(routesDir, file), "utf8")))
    .map((file) => file.replace(/\.tsx$/, ""))
    .sort();
}

async function expectFitsAndAccessible(page: Page, where: string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 5)
            .join(", ")}`
      );
    expect.soft(serious, `${where} at ${width} px`).toEqual([]);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect.soft(scrollWidth, `${where} at ${width} px is ${scrollWidth} px wide`).toBeLessThanOrEqual(width);
  }
}

test("every page in app/routes has a check here or names the spec that checks it", () => {
  expect(Object.keys(PAGES).sort()).toEqual(pageRoutes());
  for (const check of Object.values(PAGES)) {
    if ("checkedIn" in check) {
      const spec = fs.readFileSync(path.join(routesDir, "../../tests/e2e", check.checkedIn), "utf8");
      expect(spec, `${check.checkedIn} checks its pages at both widths`).toMatch(/axeAtBothWidths|for \(const width of \[1366, 390\]\)/);
    }
  }
});

test("every page: no serious axe finding and no sideways scroll at 1366 and 390 px", async ({ browser }) => {
  test.setTimeout(300_000);
  const pages = new Map<Role, Page>();
  const pageAs = async (role: Role) => {
    if (!pages.has(role)) {
      pages.set(role, role === "anonymous" ? await (await browser.newContext()).newPage() : (await userPage(browser, emails[role])).page);
    }
    return pages.get(role)!;
  };
  const member = await pageAs("member");
  const amsterdam = await agendaIdOf(member, "amsterdam");
  await member.goto(`/agendas/${amsterdam}`);
  const item = (await member.getByTestId("item-page-link").first().getAttribute("href"))!;
  await member.request.post(`/agendas/${amsterdam}/versies`, {
    form: { intent: "create", name: "Voor de paginatoets" },
  });
  const version = await firstLink(member, `/agendas/${amsterdam}/versies`, /^\/agendas\/\d+\/versies\/\d+$/);
  const coordinatorLimburg = await pageAs("coordinatorLimburg");
  const limburg = await agendaIdOf(coordinatorLimburg, "zuid-limburg");
  const proposal = await firstLink(coordinatorLimburg, "/regios/zuid-limburg/besluiten", /^\/voorstellen\/\d+$/);
  const ids: Ids = { amsterdam, limburg, item, version, proposal };

  for (const [route, check] of Object.entries(PAGES)) {
    if ("checkedIn" in check) continue;
    const page = await pageAs(check.as);
    for (const pathname of check.paths(ids)) {
      await page.setViewportSize({ width: 1366, height: 900 });
      const response = await page.goto(pathname);
      expect(response?.status(), `${pathname} as ${check.as}`).toBe(check.status ?? 200);
      await page.waitForLoadState("networkidle");
      await expectFitsAndAccessible(page, `${pathname} (${route}, as ${check.as})`);
    }
  }
});
