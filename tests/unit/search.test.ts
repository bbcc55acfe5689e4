// Search the way a Dutch reader expects (docs/decisions/019-dutch-search.md), on a real SQLite file
// with agendas and barriers built by factories: compounds and inflections, barriers and their threads for those who may read
// them, snippets as text, and the migration that rebuilt the index from what was stored.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { factoryDatabase, type Region, type TestAgenda, type TestUser } from "../support/factories";
import { migrationsBefore, migrationsFolder } from "../support/migrations";
import * as s from "../../db/schema";
import { registerSearchFunctions, type Db } from "../../db";
import { search, toFtsQuery, type SearchHit } from "../../app/models/search.server";
import { addReply } from "../../app/models/barriers.server";
import { highlight, queryWords, stem } from "../../app/domain/search-terms";
import { MarkedText } from "../../app/components/marked-text";
import type { Principal } from "../../app/domain/permissions";

const INCONTINENCE = "Slim incontinentiemateriaal in alle verpleeghuizen";
const VIDEO = "Beeldbellen in de wijkverpleging";
const DIGICOACHES = "Digicoaches voor digitale vaardigheden";
const DIGICOACH_BARRIER = "Teams hebben geen roosterruimte om digicoaches vrij te maken naast de zorg.";

let ctx: ReturnType<typeof factoryDatabase>;
let db: Db;
let amsterdam: Region;
let member: TestUser, adviser: TestUser, twenteMember: TestUser;
// Amsterdam's agenda with three items and a barrier on the digicoaches' plan (with a thread); a
// financing barrier in each of three regions.
beforeEach(() => {
  ctx = factoryDatabase();
  db = ctx.db;
  const { make } = ctx;
  amsterdam = make.region("amsterdam");
  const [twente, limburg] = [make.region("twente"), make.region("zuid-limburg")];
  const agenda = make.agenda({
    region: amsterdam,
    items: [
      { title: INCONTINENCE, sectors: ["verpleeghuiszorg"], plan: ["We rollen sensoren in incontinentiemateriaal uit op twaalf afdelingen."] },
      { title: DIGICOACHES, plan: ["Elke organisatie leidt twee digicoaches op via het ROC; zij begeleiden collega's op de werkvloer."] },
      { title: VIDEO, plan: ["Wijkteams onderzoeken welke bezoeken op afstand kunnen."] },
    ],
  });
  member = make.member(amsterdam);
  adviser = make.adviser([amsterdam, twente, limburg]);
  twenteMember = make.member(twente);
  const barrier = make.barrier({ agenda, itemId: agenda.itemIds[1], createdBy: member.id, typeKey: "training-capacity", description: DIGICOACH_BARRIER, quote: "Elke organisatie leidt twee digicoaches op via het ROC" });
  addReply({ db, barrier: { id: barrier, regionId: amsterdam.id }, actor: member.principal(), body: "Het ROC zoekt uit of de opleiding in de avond kan." });
  const financing = (a: TestAgenda, region: Region) =>
    make.barrier({ agenda: a, itemId: a.itemIds[0], createdBy: adviser.id, typeKey: "financing", description: `Na de pilot betaalt niemand in ${region.name}.` });
  financing(agenda, amsterdam);
  for (const r of [twente, limburg]) financing(make.agenda({ region: r, items: [{ title: `Slimme zorg in ${r.name}` }] }), r);
});
afterEach(() => ctx.cleanup());

const item = (title: string) => db.select().from(s.agendaItems).where(eq(s.agendaItems.title, title)).get()!;
const setPlan = (title: string, planText: string) => db.update(s.agendaItems).set({ planText }).where(eq(s.agendaItems.id, item(title).id)).run();
const refs = (hits: SearchHit[], kind: SearchHit["kind"]) => hits.filter((h) => h.kind === kind).map((h) => h.ref);
const text = (parts: SearchHit["snippet"]) => parts.map((p) => p.text).join("");

describe("Dutch words", () => {
  it("finds a compound's part from the compound and the compound from its part, the exact word ranked first", () => {
    setPlan(INCONTINENCE, "Wij kiezen de technologie samen met de teams.");
    setPlan(VIDEO, "Een proef met zorgtechnologie op afstand.");
    const me = member.principal();
    const { id: part } = item(INCONTINENCE);
    const { id: compound } = item(VIDEO);

    const byCompound = search({ db, actor: me, q: "zorgtechnologie" });
    expect(refs(byCompound, "item")).toContain(part);
    expect(byCompound.find((h) => h.ref === compound)?.match).toBe("exact");
    expect(byCompound.find((h) => h.ref === part)?.match).toBe("compound");

    const byPart = search({ db, actor: me, q: "technologie" });
    const order = refs(byPart, "item");
    expect(order).toContain(compound);
    expect(order.indexOf(part)).toBeLessThan(order.indexOf(compound));
    // The match is visible: the compound is marked in the snippet, not only found.
    expect(byPart.find((h) => h.ref === compound)!.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(["zorgtechnologie"]);
  });

  it("finds an inflection: financiën finds financiering, with or without the diaeresis", () => {
    setPlan(VIDEO, "De financiering van de proef is rond.");
    const me = member.principal();
    for (const q of ["financiën", "financien", "Financiën"]) {
      const hit = search({ db, actor: me, q }).find((h) => h.ref === item(VIDEO).id);
      expect(hit, q).toBeDefined();
      expect(hit!.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(["financiering"]);
    }
    expect(stem("financiën")).toBe(stem("financien"));
    expect(stem("technologieën")).toBe(stem("technologie"));
  });

  it("requires every word, and never passes the user's operators on to FTS5", () => {
    setPlan(VIDEO, "Een proef met tilliften op afstand.");
    const me = member.principal();
    expect(refs(search({ db, actor: me, q: "tilliften afstand" }), "item")).toEqual([item(VIDEO).id]);
    expect(refs(search({ db, actor: me, q: "tilliften sensoren" }), "item")).toEqual([]);
    // FTS5 syntax typed by a person is read as words: no error, no operator.
    for (const q of ['tilliften* OR "x" NEAR(', "tilliften AND NOT)", "{title}: tilliften", "tilliften\"'"]) {
      expect(() => search({ db, actor: me, q })).not.toThrow();
    }
    const words = queryWords('sensor* OR "x" NEAR(', () => false);
    expect(words.map((w) => w.word)).toEqual(["sensor", "or", "near"]);
    expect(toFtsQuery(words)!.all).not.toMatch(/(^|\s)(OR|NEAR)\s*\(/);
    expect(toFtsQuery(queryWords("a", () => false))).toBeNull();
  });
});

describe("barriers and their threads", () => {
  const digicoachBarrier = () => db.select().from(s.barriers).where(eq(s.barriers.description, DIGICOACH_BARRIER)).get()!;

  function partnerOfAmsterdam(): Principal {
    db.update(s.regions).set({ partnersMayRead: true }).where(eq(s.regions.id, amsterdam.id)).run();
    const org = ctx.make.organisation({ region: amsterdam, name: "Gemeente Amsterdam", kind: "municipality" });
    return ctx.make.user({ organisationId: org.id }).principal();
  }

  it("finds a barrier and a thread comment for an adviser, not for a partner or a member of another region", () => {
    const barrier = digicoachBarrier();
    const commentId = addReply({ db, barrier: { id: barrier.id, regionId: amsterdam.id }, actor: member.principal(), body: "De avondopleiding start in maart." });
    const reader = adviser.principal();
    const partner = partnerOfAmsterdam();
    const twente = twenteMember.principal();

    const barrierHits = search({ db, actor: reader, q: "roosterruimte" });
    expect(refs(barrierHits, "barrier")).toEqual([String(barrier.id)]);
    expect(barrierHits[0]).toMatchObject({ href: `/belemmeringen/${barrier.id}`, context: "Amsterdam · Digicoaches voor digitale vaardigheden" });
    const commentHits = search({ db, actor: reader, q: "avondopleiding" });
    // First the reply with the word itself; then, through the compound, the thread's "opleiding in de avond".
    expect(commentHits[0]).toMatchObject({ kind: "comment", ref: String(commentId), match: "exact", href: `/belemmeringen/${barrier.id}#reactie-${commentId}` });
    // Members of the region take part in the threads, so they find them too.
    expect(refs(search({ db, actor: member.principal(), q: "avondopleiding" }), "comment")).toContain(String(commentId));

    for (const [who, p] of [["partner", partner], ["another region", twente]] as const) {
      for (const q of ["roosterruimte", "avondopleiding", "digicoaches"]) {
        expect(search({ db, actor: p, q }).filter((h) => h.kind === "barrier" || h.kind === "comment"), `${who}: ${q}`).toEqual([]);
      }
    }
    // The partner does read the agenda itself: only the barriers are withheld.
    expect(refs(search({ db, actor: partner, q: "digicoaches" }), "item")).toEqual([item(DIGICOACHES).id]);
  });

  it("finds a barrier by its type and a typed word of its passage", () => {
    const reader = adviser.principal();
    const financing = search({ db, actor: reader, q: "financiën" }).filter((h) => h.kind === "barrier");
    expect(financing.length).toBeGreaterThanOrEqual(3);
    expect(refs(search({ db, actor: reader, q: "twee digicoaches" }), "barrier")).toContain(String(digicoachBarrier().id));
  });
});

describe("snippets", () => {
  it("show the text of the fields, never the JSON they are stored in", () => {
    const me = member.principal();
    const hits = search({ db, actor: me, q: "verpleeghuiszorg" });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(text(h.snippet), h.title).not.toMatch(/[[\]{}"]/);
    expect(text(hits.find((h) => h.kind === "item")!.snippet)).toContain("verpleeghuiszorg");
  });

  it("name innovations in the reader's language and keep the other name out of the snippet", () => {
    const me = member.principal();
    const { id } = db.select({ id: s.innovations.id }).from(s.innovations).limit(1).get()!;
    db.update(s.innovations)
      .set({ nameNl: "Nachtelijke slaapbewaking", nameEn: "Night-time sleep watch", descriptionNl: "Sensoren melden onrust, zodat de nachtdienst minder rondes loopt." })
      .where(eq(s.innovations.id, id))
      .run();
    const find = (q: string, locale: "nl" | "en") => search({ db, actor: me, q, locale }).find((h) => h.kind === "innovation" && h.ref === String(id));
    const nl = find("slaapbewaking", "nl")!;
    expect(nl.title).toBe("Nachtelijke slaapbewaking");
    expect(text(nl.snippet)).toMatch(/^Sensoren melden onrust, zodat de nachtdienst minder rondes loopt\./);
    expect(find("slaapbewaking", "en")!.title).toBe("Night-time sleep watch");
    // The other language's name is searched, not shown in the snippet.
    expect(text(find("sleep", "nl")!.snippet)).not.toMatch(/sleep/i);
  });

  it("render markup in the text as text", () => {
    setPlan(VIDEO, 'Plan <script>alert("x")</script> met <b>tilliften</b> & meer.');
    const hit = search({ db, actor: member.principal(), q: "tilliften" })[0];
    expect(hit.snippet.find((p) => p.hit)?.text).toBe("tilliften");
    const html = renderToStaticMarkup(createElement(MarkedText, { parts: hit.snippet }));
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("<mark");
  });

  it("are cut around the matches", () => {
    const words = queryWords("zorg", () => false);
    const long = `${"woord ".repeat(40)}de zorg ${"staart ".repeat(40)}`;
    const parts = highlight(long, words, 10);
    expect(text(parts)).toMatch(/^… woord woord de zorg staart/);
    expect(text(parts)).toMatch(/ …$/);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(["zorg"]);
  });
});

describe("the migration to Dutch search", () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("rebuilds the index from what was stored, barriers and comments included", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "agendawerk-search-"));
    const sqlite = new Database(path.join(dir, "old.sqlite"));
    sqlite.pragma("foreign_keys = ON");
    registerSearchFunctions(sqlite);
    const old = drizzle(sqlite, { schema: s }) as unknown as Db;
    migrate(old, { migrationsFolder: migrationsBefore(dir, "0010_search-dutch") });
    // Raw SQL in the old shape; the old triggers index the item as it is written.
    sqlite.exec(`
      INSERT INTO regions (id, slug, name) VALUES (1, 'r', 'Regio');
      INSERT INTO users (id, email, name, kind) VALUES (1, 'lid@x.nl', 'Lid', 'member');
      INSERT INTO memberships (user_id, region_id, role) VALUES (1, 1, 'member');
      INSERT INTO agendas (id, region_id, title, period) VALUES (1, 1, 'Agenda', '2026');
      INSERT INTO agenda_items (id, agenda_id, position, title, plan_text, sectors, changed_at)
        VALUES ('i1', 1, 1, 'Zorgtechnologie', 'De financiering loopt.', '["ouderenzorg"]', 0);
      INSERT INTO barrier_types (key, name_nl, name_en, scope_hint, origin) VALUES ('financing', 'Bekostiging', 'Financing', 'national', 'test');
      INSERT INTO barriers (id, agenda_id, item_id, type_key, severity, level, description, quote, created_by)
        VALUES (1, 1, 'i1', 'financing', 'hoog', 'landelijk', 'Geen dekking na de pilot.', 'De financiering loopt.', 1);
      INSERT INTO barrier_comments (id, barrier_id, author_id, body) VALUES (1, 1, 1, 'Navragen bij het zorgkantoor.');
    `);
    migrate(old, { migrationsFolder });
    const member: Principal = { id: 1, kind: "member", memberships: [{ regionId: 1, role: "member" }], coveredRegionIds: [], organisationRegionId: null };
    expect(refs(search({ db: old, actor: member, q: "financiën" }), "item")).toEqual(["i1"]);
    expect(refs(search({ db: old, actor: member, q: "technologie" }), "item")).toEqual(["i1"]);
    expect(refs(search({ db: old, actor: member, q: "dekking" }), "barrier")).toEqual(["1"]);
    expect(refs(search({ db: old, actor: member, q: "zorgkantoor" }), "comment")).toEqual(["1"]);
    expect(text(search({ db: old, actor: member, q: "ouderenzorg" })[0].snippet)).not.toMatch(/[[\]"]/);
    sqlite.close();
  });
});

describe("the index follows every write", () => {
  it("updates and removes a barrier's and a comment's entries, and reindexes an item without scanning the index", () => {
    const reader = adviser.principal();
    const barrier = db.select().from(s.barriers).limit(1).get()!;
    db.update(s.barriers).set({ description: "Een nieuwe omschrijving met kwispelstaart." }).where(eq(s.barriers.id, barrier.id)).run();
    expect(refs(search({ db, actor: reader, q: "kwispelstaart" }), "barrier")).toEqual([String(barrier.id)]);
    db.delete(s.barriers).where(eq(s.barriers.id, barrier.id)).run();
    expect(search({ db, actor: reader, q: "kwispelstaart" })).toEqual([]);
    expect(db.$client.prepare("SELECT count(*) AS n FROM search_docs d LEFT JOIN search_index f ON f.rowid = d.id WHERE f.rowid IS NULL").get()).toEqual({ n: 0 });
    const plan = db.$client
      .prepare("EXPLAIN QUERY PLAN DELETE FROM search_index WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'item' AND ref = ?)")
      .all("x")
      .map((r) => (r as { detail: string }).detail);
    expect(plan.join("\n")).toMatch(/USING COVERING INDEX search_docs_ref|USING INDEX search_docs_ref/);
  });
});
