// Every route of the built app that names a region-owned thing in its URL is tried by a member of
// another region, with GET and POST: the answer must be 403 or 404, never the data. New routes are
// picked up from the build manifest, so a forgotten guard fails here without anyone writing a test.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { databasePath } from "../../playwright.config";
import { demo, login } from "./helpers";

type RouteEntry = { id: string; parentId?: string; path?: string; index?: boolean };

async function routePaths() {
  // Built by `npm run build` before the end-to-end tests run; not there when the typechecker runs.
  const buildUrl = pathToFileURL(path.resolve("build/index.js")).href;
  const build = (await import(buildUrl)) as { routes: Record<string, RouteEntry> };
  const routes = build.routes;
  const full = (r: RouteEntry): string => {
    const parent = r.parentId && routes[r.parentId] ? full(routes[r.parentId]) : "";
    return [parent, r.path ?? ""].filter(Boolean).join("/");
  };
  // The public pages (/openbaar/<regio>) are for everyone by design, once a region's agenda is
  // adopted; that they show nothing non-public is public.spec's and public-data.test's to prove.
  return Object.values(routes)
    .map((r) => "/" + full(r))
    .filter((p) => p.includes(":") && !p.startsWith("/openbaar"));
}

/** Real ids of things that belong to Twente, so a refusal cannot be mistaken for "does not exist". */
function twenteIds() {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const region = db.prepare("select id, slug from regions where slug = 'twente'").get() as { id: number; slug: string };
    const agenda = db.prepare("select id from agendas where region_id = ?").get(region.id) as { id: number };
    const one = (sql: string) => (db.prepare(sql).get(agenda.id) as { id: number | string } | undefined)?.id;
    return {
      slug: region.slug,
      regionId: region.id,
      agendaId: agenda.id,
      itemId: one("select id from agenda_items where agenda_id = ?"),
      versionId: one("select id from agenda_versions where agenda_id = ?"),
      proposalId: one("select id from priority_proposals where agenda_id = ?"),
      barrierId: one("select id from barriers where agenda_id = ?"),
    } as Record<string, string | number | undefined>;
  } finally {
    db.close();
  }
}

test("a member of Amsterdam is refused every Twente URL, for GET and POST", async ({ page, browser }) => {
  // Make sure Twente has a version to aim at.
  const coordinator = await browser.newPage();
  await login(coordinator, "coordinator.twente@demo.agendawerk.nl");
  const ids0 = twenteIds();
  await coordinator.request.post(`/agendas/${ids0.agendaId}/versies`, { form: { intent: "create", name: "Doelwit" } });
  await coordinator.close();

  const ids = twenteIds();
  const paths = await routePaths();
  expect(paths.length).toBeGreaterThan(3);
  await login(page, demo.member);
  const tried: string[] = [];
  for (const pattern of paths) {
    let missing = false;
    const url = pattern.replace(/:(\w+)\??/g, (_, name: string) => {
      const value = ids[name];
      if (value === undefined) missing = true;
      return String(value ?? "1");
    });
    if (missing) {
      // A parameter we have no Twente id for: still must not answer 200 with someone's data.
      const get = await page.request.get(url, { maxRedirects: 0 });
      expect(get.status(), `GET ${url}`).not.toBe(200);
      continue;
    }
    tried.push(url);
    const get = await page.request.get(url, { maxRedirects: 0 });
    expect([403, 404, 405], `GET ${url}`).toContain(get.status());
    const post = await page.request.post(url, { form: { intent: "create", name: "x" }, maxRedirects: 0 });
    expect([403, 404, 405], `POST ${url}`).toContain(post.status());
  }
  expect(tried).toContain(`/agendas/${ids.agendaId}`);
  expect(tried).toContain(`/regios/twente`);
});
