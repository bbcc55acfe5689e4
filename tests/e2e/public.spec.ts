// The public page and open data of an adopted agenda (issue 18, decision 039), as a visitor without
// a login: the demo's Zuid-Limburg agenda as its stuurgroep adopted it, only its public items, with
// progress since (a plan the workgroup edited after the decision shows as adopted); nothing that is not public in any page or file (every non-public text of the
// region, every user's name and e-mail address, read from the database); the JSON valid against
// the published schema; 304 for a current copy; crawlers let into the public pages only, which the
// sitemap lists. Changes nothing.
import Database from "better-sqlite3";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { databasePath } from "../../playwright.config";
import { axeAtBothWidths, screenshots } from "./helpers";
import { openDataValidator } from "../support/open-data-schema";
import { periodOf, previousPeriod } from "../../app/domain/periods";

const PUBLIC_TITLES = ["Slimme medicijndispensers thuis", "Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland", "Digicoaches in de thuiszorgteams"];
// db/seed/demo-adoption.ts: a workgroup member rewrote this plan after the board adopted it.
const EDITED = { title: "Digicoaches in de thuiszorgteams", adopted: "Twaalf thuiszorgteams krijgen een digicoach", live: "Achttien thuiszorgteams" };

function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The live agenda's text of an item of Zuid-Limburg, as the logged-in app shows it. */
const livePlan = (title: string) =>
  readDb((db) => (db.prepare("select i.plan_text as v from agenda_items i join agendas a on a.id = i.agenda_id join regions r on r.id = a.region_id where r.slug = 'zuid-limburg' and i.title = ?").get(title) as { v: string }).v);

/** Everything of Zuid-Limburg (and every user) that no public answer may contain. */
function notPublic(): string[] {
  return readDb((db) => {
    const agenda = db.prepare("select a.id from agendas a join regions r on r.id = a.region_id where r.slug = 'zuid-limburg'").get() as { id: number };
    const all = (sql: string) => (db.prepare(sql).all(agenda.id) as Array<{ v: string | null }>).map((r) => r.v).filter((v): v is string => !!v && v.length > 3);
    return [
      ...all("select title as v from agenda_items where agenda_id = ? and is_public = 0"),
      ...all("select plan_text as v from agenda_items where agenda_id = ? and is_public = 0"),
      ...all("select contact as v from agenda_items where agenda_id = ?"),
      ...all("select professionals_how as v from agenda_items where agenda_id = ?"),
      ...all("select description as v from barriers where agenda_id = ?"),
      ...all("select v.reason as v from votes v join priority_proposals p on p.id = v.proposal_id where p.agenda_id = ?"),
      ...all("select risk_note as v from progress_notes where agenda_id = ?"),
      ...all("select note as v from item_status_changes where agenda_id = ?"),
      ...all("select note as v from measurements where agenda_id = ?"),
      ...all("select resolution as v from barriers where agenda_id = ?"),
      ...all("select c.body as v from barrier_comments c join barriers b on b.id = c.barrier_id where b.agenda_id = ?"),
      ...all("select c.body as v from thread_comments c join comment_threads t on t.id = c.thread_id where t.agenda_id = ?"),
      ...all("select lesson_learned as v from item_status_changes where agenda_id = ? and status <> 'gestopt'"),
      ...all("select note as v from item_funding where agenda_id = ?"),
      ...all("select body as v from item_questions where agenda_id = ?"),
      ...all("select p.advice as v from region_period_advice p join agendas a on a.region_id = p.region_id where a.id = ?"),
      ...all("select p.request_message as v from region_period_advice p join agendas a on a.region_id = p.region_id where a.id = ?"),
      ...all("select r.saving_target_source as v from regions r join agendas a on a.region_id = r.id where a.id = ?"),
      ...(db.prepare("select email as v from users union all select name as v from users").all() as Array<{ v: string }>).map((r) => r.v),
    ];
  });
}

async function text(request: APIRequestContext, path: string) {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  return response.text();
}

test("a visitor without a login sees the adopted agenda's public items as adopted, with progress, and nothing else", async ({ page, request }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  // The way in for the public: the login page, and the footer on every page.
  await page.goto("/login");
  await axeAtBothWidths(page);
  await page.getByRole("link", { name: "Geen account? Bekijk de openbare innovatieagenda's van de regio's" }).click();
  await expect(page).toHaveURL(/\/openbaar$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Openbare innovatieagenda's");
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Openbare innovatieagenda's" })).toHaveAttribute("aria-current", "page");
  await page.getByTestId("public-regions").getByRole("link", { name: "Zuid-Limburg" }).click();
  await expect(page).toHaveURL(/\/openbaar\/zuid-limburg$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Regionale innovatieagenda Zuid-Limburg");
  await expect(page.getByTestId("public-adopted-on")).toHaveText(/^Vastgesteld door de stuurgroep op \d+ \w+ \d{4}$/);
  await expect(page.getByTestId("public-decision")).toContainText("De stuurgroep telde 2 bestuurders: 2 akkoord, 0 bezwaar, 0 onthouding.");
  const items = page.getByTestId("public-item");
  await expect(items.getByRole("heading", { level: 2 })).toHaveText(PUBLIC_TITLES);
  await expect(items.nth(0)).toContainText("Prioriteit 1");
  await expect(items.nth(2)).toContainText("Prioriteit 4");
  const spoken = items.nth(1);
  await expect(spoken.getByTestId("public-projected")).toContainText(/Verwacht: [\d.]+ .*uur per jaar .*bewijsniveau 2/);
  await expect(spoken.getByTestId("public-realised")).toContainText(/Gerealiseerd \(gemeten tot \d{4}-Q\d\): [\d.]+ uur per jaar/);
  await expect(spoken.getByTestId("public-ratings").getByRole("listitem").first()).toContainText(/^\d[\d.,]*( \([\d.,]+–[\d.,]+\))? .+, bewijsniveau \d: .+/);
  // A share of time names its task: two shares from one study are not two bare numbers.
  await expect(spoken.getByTestId("public-ratings")).toContainText("72 % van de tijd voor een taak (van: invoeren van rapportages (smartphone)), bewijsniveau 3");
  await expect(spoken.getByTestId("public-progress")).toContainText("60% gereed");
  // Frozen as adopted, with today's progress: the later edit is in the live agenda only, the note is the latest quarter's.
  expect(livePlan(EDITED.title)).toContain(EDITED.live);
  const edited = items.filter({ has: page.getByRole("heading", { name: EDITED.title }) });
  await expect(edited).toContainText(EDITED.adopted);
  await expect(edited).not.toContainText(EDITED.live);
  await expect(edited.getByTestId("public-progress")).toContainText(`${previousPeriod(periodOf(new Date()))}: 60% gereed`);
  // Indexable, with one address.
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /Zuid-Limburg .*3 openbare punten/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/openbaar\/zuid-limburg$/);
  await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
  if (screenshots) await page.screenshot({ path: `${screenshots}/039-public-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  if (screenshots) await page.screenshot({ path: `${screenshots}/039-public-390.png`, fullPage: true });
  await page.emulateMedia({ media: "print" });
  if (screenshots) await page.screenshot({ path: `${screenshots}/039-public-print.png`, fullPage: true });
  await expect(page.locator("body > header")).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  await axeAtBothWidths(page);

  const outputs = {
    page: await page.content(),
    index: await text(request, "/openbaar"),
    json: await text(request, "/openbaar/zuid-limburg.json"),
    csv: await text(request, "/openbaar/zuid-limburg.csv"),
    national: await text(request, "/openbaar.json"),
    robots: await text(request, "/robots.txt"),
    sitemap: await text(request, "/sitemap.xml"),
  };
  const secrets = notPublic();
  expect(secrets.length).toBeGreaterThan(20);
  expect(secrets).toContain("Leefstijlprogramma voor ouderen");
  for (const [name, body] of Object.entries(outputs)) {
    for (const secret of [...secrets, EDITED.live]) expect(body.includes(secret), `${name} contains "${secret}"`).toBe(false);
  }
  const document = JSON.parse(outputs.json) as { items: Array<{ title: string; plan: string }> };
  expect(document.items.find((i) => i.title === EDITED.title)?.plan).toMatch(new RegExp(`^${EDITED.adopted}`));
  for (const title of PUBLIC_TITLES) expect(outputs.csv).toContain(title);
});

test("the open data validates against the published schema and answers 304 for a current copy", async ({ request }) => {
  const schema = await (await request.get("/open-data.schema.json")).json();
  const validate = openDataValidator(schema);
  for (const path of ["/openbaar/zuid-limburg.json", "/openbaar.json"]) {
    const response = await request.get(path);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    const body = await response.json();
    expect(validate(body), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
    const etag = response.headers()["etag"];
    expect((await request.get(path, { headers: { "If-None-Match": etag } })).status()).toBe(304);
    expect((await request.get(path, { headers: { "If-Modified-Since": response.headers()["last-modified"] } })).status()).toBe(304);
  }
  const csv = await request.get("/openbaar/zuid-limburg.csv");
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  expect([...(await csv.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect((await request.get("/openbaar/amsterdam.json")).status()).toBe(404);
  expect((await request.get("/openbaar/amsterdam")).status()).toBe(404);
});

/** RFC 9309 for one group without wildcards: the longest matching rule wins, Allow on a tie. */
function allowedBy(robots: string, path: string) {
  const rules = [...robots.matchAll(/^(Allow|Disallow): *(\S*)$/gm)].map(([, kind, prefix]) => ({ allow: kind === "Allow", prefix }));
  const matching = rules.filter((r) => r.prefix && path.startsWith(r.prefix)).sort((a, b) => b.prefix.length - a.prefix.length || Number(b.allow) - Number(a.allow));
  return matching[0]?.allow ?? true;
}

test("crawlers may read the public pages, their data and the sitemap of them, and nothing of the logged-in app", async ({ request, baseURL }) => {
  const response = await request.get("/robots.txt");
  expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
  const robots = await response.text();
  expect(robots).toMatch(/^User-agent: \*$/m);
  for (const path of ["/openbaar", "/openbaar/zuid-limburg", "/openbaar/zuid-limburg.json", "/openbaar/zuid-limburg.csv", "/openbaar.json", "/open-data.schema.json", "/sitemap.xml"]) {
    expect(allowedBy(robots, path), `${path} allowed`).toBe(true);
  }
  for (const path of ["/", "/login", "/regios/zuid-limburg", "/agendas/1", "/inbox", "/innovaties", "/landelijk.csv", "/beheer"]) {
    expect(allowedBy(robots, path), `${path} disallowed`).toBe(false);
  }
  expect(robots).toMatch(new RegExp(`^Sitemap: ${baseURL}/sitemap.xml$`, "m"));

  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.headers()["content-type"]).toMatch(/^application\/xml/);
  const xml = await sitemap.text();
  expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
  const entries = [...xml.matchAll(/<url><loc>([^<]+)<\/loc><lastmod>([^<]+)<\/lastmod><\/url>/g)].map(([, loc, lastmod]) => ({ loc, lastmod }));
  // Every region with an adopted agenda, as the national open data list them: other specs in the
  // same run may have adopted another region's agenda by now.
  const national = (await (await request.get("/openbaar.json")).json()) as { regions: { region: { slug: string } }[] };
  const slugs = national.regions.map((r) => r.region.slug);
  expect(slugs).toContain("zuid-limburg");
  expect(entries.map((e) => e.loc)).toEqual([`${baseURL}/openbaar`, ...slugs.map((slug) => `${baseURL}/openbaar/${slug}`)]);
  for (const e of entries) {
    expect(Date.parse(e.lastmod), e.lastmod).not.toBeNaN();
    const page = await request.get(e.loc, { maxRedirects: 0 });
    expect(page.status(), e.loc).toBe(200);
    expect(allowedBy(robots, new URL(e.loc).pathname)).toBe(true);
  }
  // The region's entry changes when its data does: the same time as its open data.
  const json = await (await request.get("/openbaar/zuid-limburg.json")).json();
  expect(entries.find((e) => e.loc.endsWith("/openbaar/zuid-limburg"))?.lastmod).toBe(json.lastModified);
  expect((await request.get("/sitemap.xml", { headers: { "If-None-Match": sitemap.headers()["etag"] } })).status()).toBe(304);
});
