// The public page and open data (issue 18, decision 039) against the demo's adopted Zuid-Limburg
// agenda: what they show, that nothing non-public reaches any public output (marker strings planted
// in every kind of private content, then looked for in every loader's answer), the documented
// schema, and the validators.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, and, inArray } from "drizzle-orm";
import Papa from "papaparse";
import fs from "node:fs";
import type { AppLoadContext } from "@remix-run/node";
import { seededTempDatabase } from "../support/temp-db";
import { openDataValidator } from "../support/open-data-schema";
import type { Db } from "../../db";
import * as s from "../../db/schema";
import type { ProjectedItem } from "../../app/domain/agenda-doc";
import { loader as pageLoader } from "../../app/routes/openbaar.$slug";
import { loader as indexLoader } from "../../app/routes/openbaar._index";
import { loader as fileLoader } from "../../app/routes/openbaar.bestand.$slug.$format";
import { loader as nationalLoader } from "../../app/routes/openbaar[.]json";
import { loader as sitemapLoader } from "../../app/routes/sitemap[.]xml";
import { loader as robotsLoader } from "../../app/routes/robots[.]txt";

let env: Awaited<ReturnType<typeof seededTempDatabase>>;
let db: Db;
const ORIGIN = "http://agendawerk.test";
const schema = JSON.parse(fs.readFileSync(new URL("../../public/open-data.schema.json", import.meta.url), "utf8"));

type AnyLoader = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => Promise<unknown>;
async function call(loader: unknown, path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const result = await (loader as AnyLoader)({ request: new Request(`${ORIGIN}${path}`, { headers }), context: { db } as unknown as AppLoadContext, params });
  return result;
}
const fileOf = async (format: string, headers: Record<string, string> = {}) => (await call(fileLoader, `/openbaar/bestand/zuid-limburg/${format}`, { slug: "zuid-limburg", format }, headers)) as Response;

/** Every public answer as text: the pages' loader data (all the HTML renders) and the files. */
async function everyPublicOutput() {
  const page = await call(pageLoader, "/openbaar/zuid-limburg", { slug: "zuid-limburg" });
  const index = await call(indexLoader, "/openbaar");
  return [
    JSON.stringify(page),
    JSON.stringify(index),
    await (await fileOf("json")).text(),
    await (await fileOf("csv")).text(),
    await ((await call(nationalLoader, "/openbaar.json")) as Response).text(),
    await ((await call(sitemapLoader, "/sitemap.xml")) as Response).text(),
    await ((await call(robotsLoader, "/robots.txt")) as Response).text(),
  ];
}

const limburgAgenda = () => db.select({ id: s.agendas.id }).from(s.agendas).innerJoin(s.regions, eq(s.regions.id, s.agendas.regionId)).where(eq(s.regions.slug, "zuid-limburg")).get()!.id;

beforeAll(async () => {
  env = await seededTempDatabase();
  db = env.db;
});
afterAll(() => env.cleanup());

describe("the public page of an adopted agenda", () => {
  it("shows the published items as adopted, with their decision, savings and progress", async () => {
    const page = (await call(pageLoader, "/openbaar/zuid-limburg", { slug: "zuid-limburg" })) as Awaited<ReturnType<typeof pageLoader>>;
    expect(page.items.map((i) => [i.rank, i.title])).toEqual([
      [1, "Slimme medicijndispensers thuis"],
      [2, "Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland"],
      [4, "Digicoaches in de thuiszorgteams"],
    ]);
    expect(page.decision).toMatchObject({ boardSize: 2, votes: { akkoord: 2, bezwaar: 0, onthouding: 0 }, itemsAdopted: 4, itemsPublished: 3 });
    const spoken = page.items[1];
    expect(spoken.savings.projected!.evidenceLevel).toBe(2);
    expect(spoken.savings.realised).toMatchObject({ latestPeriod: expect.stringMatching(/^\d{4}-Q\d$/) });
    expect(spoken.savings.realised!.hoursPerYear).toBeCloseTo((96 - 84) * 52);
    // Each figure leads to its ratings with unit, level and source.
    const ratings = spoken.savings.links.flatMap((l) => l.ratings);
    expect(ratings.length).toBeGreaterThan(0);
    for (const r of ratings) expect(r.source.length * r.evidenceLevel * r.unit.length).toBeGreaterThan(0);
    // A share of time says of which task: two shares from one source are otherwise two bare numbers.
    const shares = ratings.filter((r) => r.unit === "pct_task_time");
    expect(shares.length).toBeGreaterThan(0);
    for (const r of shares) expect(r.taskName).toMatch(/\S/);
    expect(spoken.progress.latest).toMatchObject({ progressPct: 60 });
    expect(spoken.progress.statusHistory.map((h) => h.to)).toEqual(["prioriteit", "in_uitvoering"]);
  });

  it("stays as adopted when the live agenda changes, and answers 404 for a region without an adopted agenda", async () => {
    const agendaId = limburgAgenda();
    db.update(s.agendaItems).set({ title: "Live titel na vaststelling" }).where(and(eq(s.agendaItems.agendaId, agendaId), eq(s.agendaItems.title, "Slimme medicijndispensers thuis"))).run();
    const page = (await call(pageLoader, "/openbaar/zuid-limburg", { slug: "zuid-limburg" })) as Awaited<ReturnType<typeof pageLoader>>;
    expect(page.items[0].title).toBe("Slimme medicijndispensers thuis");
    await expect(call(pageLoader, "/openbaar/amsterdam", { slug: "amsterdam" })).rejects.toMatchObject({ status: 404 });
    await expect(call(fileLoader, "/openbaar/bestand/amsterdam/json", { slug: "amsterdam", format: "json" })).rejects.toMatchObject({ status: 404 });
    const index = (await call(indexLoader, "/openbaar")) as Awaited<ReturnType<typeof indexLoader>>;
    expect(index.regions).toEqual([{ slug: "zuid-limburg", name: expect.any(String) }]);
  });
});

describe("what is not public", () => {
  it("appears in no public page or file: private items, barriers, vote reasons, names, e-mail addresses, risks and notes", async () => {
    const agendaId = limburgAgenda();
    const proposal = db.select().from(s.priorityProposals).where(eq(s.priorityProposals.agendaId, agendaId)).get()!;
    const frozen = proposal.frozenItems as ProjectedItem[];
    // A private item with its plan, a contact name on a public item, and a public item made private since.
    const markers = {
      privateTitle: "MARKER-PRIVATE-TITLE",
      privatePlan: "MARKER-PRIVATE-PLAN",
      contact: "MARKER-CONTACT-NAME",
      withdrawn: "MARKER-WITHDRAWN-TITLE",
      professionalsHow: "MARKER-PROFESSIONALS-HOW",
      barrier: "MARKER-BARRIER-DESCRIPTION",
      voteReason: "MARKER-VOTE-REASON",
      voteComment: "MARKER-VOTE-COMMENT",
      riskNote: "MARKER-RISK-NOTE",
      statusNote: "MARKER-STATUS-NOTE",
      measurementNote: "MARKER-MEASUREMENT-NOTE",
      userName: "MARKER-USER-NAME",
      barrierResolution: "MARKER-BARRIER-RESOLUTION",
      barrierComment: "MARKER-BARRIER-COMMENT",
      passageComment: "MARKER-PASSAGE-COMMENT",
      passageQuote: "MARKER-PASSAGE-QUOTE",
      lessonNotStopped: "MARKER-LESSON-NOT-STOPPED",
      fundingNote: "MARKER-FUNDING-NOTE",
      targetSource: "MARKER-TARGET-SOURCE",
      advice: "MARKER-ADVISER-ADVICE",
      progressRequest: "MARKER-PROGRESS-REQUEST",
      question: "MARKER-QUESTION",
    };
    const privateItem = frozen.find((i) => !i.isPublic)!;
    const [first, second] = frozen.filter((i) => i.isPublic);
    const edited = frozen.map((i) =>
      i.id === privateItem.id ? { ...i, title: markers.privateTitle, planText: markers.privatePlan }
      : i.id === first.id ? { ...i, contact: markers.contact, professionalsHow: markers.professionalsHow }
      : i.id === second.id ? { ...i, title: markers.withdrawn }
      : i,
    );
    db.update(s.priorityProposals).set({ frozenItems: edited }).where(eq(s.priorityProposals.id, proposal.id)).run();
    db.update(s.agendaItems).set({ isPublic: false }).where(eq(s.agendaItems.id, second.id)).run();
    const barrier = db.select({ id: s.barriers.id }).from(s.barriers).where(eq(s.barriers.agendaId, agendaId)).get()!;
    // Solved, with how: other regions see the way out when logged in, the public does not.
    db.update(s.barriers).set({ description: markers.barrier, status: "opgelost", resolution: markers.barrierResolution }).where(eq(s.barriers.id, barrier.id)).run();
    db.update(s.votes).set({ reason: markers.voteReason, comment: markers.voteComment }).where(eq(s.votes.proposalId, proposal.id)).run();
    const publicIds = frozen.filter((i) => i.isPublic).map((i) => i.id);
    db.update(s.progressNotes).set({ riskNote: markers.riskNote }).where(inArray(s.progressNotes.itemId, publicIds)).run();
    db.update(s.itemStatusChanges).set({ note: markers.statusNote }).where(inArray(s.itemStatusChanges.itemId, publicIds)).run();
    db.update(s.measurements).set({ note: markers.measurementNote }).where(inArray(s.measurements.itemId, publicIds)).run();
    // Only a stopped item's lesson is public; these changes are to other statuses.
    db.update(s.itemStatusChanges).set({ lessonLearned: markers.lessonNotStopped }).where(inArray(s.itemStatusChanges.itemId, publicIds)).run();
    db.update(s.itemFunding).set({ note: markers.fundingNote }).where(inArray(s.itemFunding.itemId, publicIds)).run();
    const author = db.select({ id: s.users.id }).from(s.users).get()!.id;
    db.insert(s.barrierComments).values({ barrierId: barrier.id, authorId: author, body: markers.barrierComment }).run();
    const thread = db.insert(s.commentThreads).values({ agendaId, itemId: publicIds[0], anchorStart: Buffer.from([0]), anchorEnd: Buffer.from([0]), quote: markers.passageQuote, createdBy: author }).returning({ id: s.commentThreads.id }).get();
    db.insert(s.threadComments).values({ threadId: thread.id, authorId: author, body: markers.passageComment }).run();
    db.insert(s.itemQuestions).values({ askedBy: author, agendaId, itemId: publicIds[0], body: markers.question }).run();
    const limburg = db.select({ id: s.regions.id }).from(s.regions).where(eq(s.regions.slug, "zuid-limburg")).get()!.id;
    db.update(s.regions).set({ savingTarget: 120, savingTargetUnit: "fte", savingTargetSource: markers.targetSource }).where(eq(s.regions.id, limburg)).run();
    db.insert(s.regionPeriodAdvice).values({ regionId: limburg, period: "2020-Q1", requestMessage: markers.progressRequest, advice: markers.advice }).run();
    const people = db.select({ id: s.memberships.userId }).from(s.memberships).innerJoin(s.regions, eq(s.regions.id, s.memberships.regionId)).where(eq(s.regions.slug, "zuid-limburg")).all().map((m) => m.id);
    db.update(s.users).set({ name: markers.userName }).where(inArray(s.users.id, people)).run();
    const emails = db.select({ email: s.users.email }).from(s.users).all().map((u) => u.email);

    const outputs = await everyPublicOutput();
    // The check can fail: the withdrawn item's marker is in the adopted snapshot, the page leaves it out.
    expect(JSON.stringify(edited)).toContain(markers.withdrawn);
    // Every marker is planted: none is absent from the outputs only because its row is missing.
    const planted = JSON.stringify([edited, db.select().from(s.barriers).all(), db.select().from(s.barrierComments).all(), db.select().from(s.threadComments).all(), db.select().from(s.commentThreads).all(), db.select().from(s.votes).all(), db.select().from(s.progressNotes).all(), db.select().from(s.itemStatusChanges).all(), db.select().from(s.measurements).all(), db.select().from(s.users).all(), db.select().from(s.itemFunding).all(), db.select().from(s.regions).all(), db.select().from(s.regionPeriodAdvice).all(), db.select().from(s.itemQuestions).all()]);
    for (const [kind, marker] of Object.entries(markers)) expect(planted, kind).toContain(marker);
    for (const text of outputs) {
      for (const [kind, marker] of Object.entries(markers)) expect(text, kind).not.toContain(marker);
      for (const email of emails) expect(text, "e-mail").not.toContain(email);
      expect(text).not.toMatch(/@demo\.agendawerk\.nl/);
    }
    // And the public items are still there.
    expect(outputs[2]).toContain("Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland");
  });
});

describe("the open data", () => {
  it("validates against the documented schema, per region and nationally", async () => {
    const validate = openDataValidator(schema);
    const region = JSON.parse(await (await fileOf("json")).text());
    expect(validate(region), JSON.stringify(validate.errors)).toBe(true);
    expect(region.licence.id).toBe("CC0-1.0");
    const national = JSON.parse(await ((await call(nationalLoader, "/openbaar.json")) as Response).text());
    expect(validate(national), JSON.stringify(validate.errors)).toBe(true);
    expect(national.regions).toHaveLength(1);
    // An extra field is a schema change: the schema refuses it.
    expect(validate({ ...region, items: [{ ...region.items[0], contact: "x" }] })).toBe(false);
    // Formats count: a local time or a relative address is not what the schema promises.
    expect(validate({ ...region, lastModified: "2026-03-01 10:00" })).toBe(false);
    expect(validate({ ...region, url: "/openbaar/zuid-limburg" })).toBe(false);
  });

  it("gives a CSV with a byte-order mark, commas and decimal points, one row per published item", async () => {
    const response = await fileOf("csv");
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.title)).toContain("Slimme medicijndispensers thuis");
    const spoken = parsed.data.find((r) => r.title.startsWith("Spraakgestuurd"))!;
    expect(spoken.realised_hours_per_year).toMatch(/^\d+\.\d$/);
    expect(spoken.evidence_level).toBe("2");
  });

  it("answers a current copy with 304 by ETag or by date, and a stale one with the file", async () => {
    for (const format of ["json", "csv"]) {
      const first = await fileOf(format);
      const etag = first.headers.get("ETag")!;
      const modified = first.headers.get("Last-Modified")!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(new Date(modified).getTime()).toBeGreaterThan(0);
      expect((await fileOf(format, { "If-None-Match": etag })).status).toBe(304);
      expect((await fileOf(format, { "If-Modified-Since": modified })).status).toBe(304);
      expect((await fileOf(format, { "If-None-Match": '"other"' })).status).toBe(200);
      expect((await fileOf(format, { "If-Modified-Since": new Date(Date.parse(modified) - 1000).toUTCString() })).status).toBe(200);
    }
    const national = (await call(nationalLoader, "/openbaar.json")) as Response;
    expect(((await call(nationalLoader, "/openbaar.json", {}, { "If-None-Match": national.headers.get("ETag")! })) as Response).status).toBe(304);
  });
});
