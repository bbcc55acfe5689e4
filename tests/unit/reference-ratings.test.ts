// The catalogue's reference ratings against the researched file, the link form through its route,
// and the replacement of old demo ratings on an existing database (the demo agendas' figures:
// demo-data.test.ts).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray, isNull } from "drizzle-orm";
import * as s from "../../db/schema";
import sourced from "../../db/reference/innovations-sourced.json" with { type: "json" };
import fs from "node:fs";
import path from "node:path";
import { referenceRatings, referenceRatingRow, sourcedEvidence } from "../../db/seed/reference-ratings";
import { seedReferenceData } from "../../db/seed";
import { getAgendaSavings } from "../../app/models/savings.server";
import { getInnovationBySlug } from "../../app/models/catalogue.server";
import { describeCapability, ratingTaskText, ratingValueText } from "../../app/components/evidence";
import { translate, type MessageKey } from "../../app/i18n/messages";
import { loader as savingsLoader, action as savingsAction } from "../../app/routes/agendas.$agendaId_.innovaties";
import { startRouteWorld, type RouteWorld } from "../support/route-calls";
import type { TestUser } from "../support/factories";

const nl = (key: MessageKey, vars?: Record<string, string | number>) => (translate as (l: "nl", k: string, v?: object) => string)("nl", key, vars);

// Figures a source writes in words.
const inWords: Record<string, string> = { "mu-vws-20k": "één uur" };

describe("reference ratings", () => {
  // The researched file lives beside the repository (../shared/reference) where it is available.
  const sharedFile = path.resolve(import.meta.dirname, "../../../shared/reference/innovations-sourced.json");
  it.skipIf(!fs.existsSync(sharedFile))("are a copy of the researched file", () => {
    expect(sourced).toEqual(JSON.parse(fs.readFileSync(sharedFile, "utf8")));
  });

  it("state each figure as the source does: one value, or the source's own range; the quote verbatim", () => {
    const seen = new Set<string>();
    for (const r of referenceRatings) {
      expect(seen.has(r.ref), r.ref).toBe(false);
      seen.add(r.ref);
      const e = sourcedEvidence(r.evidence);
      const row = referenceRatingRow(r);
      expect(row.evidenceLevel, r.ref).toBe(e.evidenceLevel);
      expect(row.sourceUrl ?? "", r.ref).toBe(e.sourceUrl);
      expect(row.reporting, r.ref).toBe(e.reporting === "first-hand" ? "first_hand" : "second_hand");
      if (row.quote) expect(row.quote).toBe(e.sourceQuote);
      else expect(e.seenInSearchExcerpt && !e.sourceQuote.startsWith("(")).toBe(false);
      // A range only where the source gives one (then without an invented expected value).
      if (row.low !== row.high) {
        expect([e.low, e.high], r.ref).toEqual([row.low, row.high]);
        expect(row.expectedStated, r.ref).toBe(e.expected != null);
      }
      // Every figure is in the source's words, or computed from them in the open.
      const dutch = inWords[r.ref] ?? String(row.low).replace(".", ",");
      if (r.derivation) expect(r.derivation.length).toBeGreaterThan(5);
      else expect(`${e.sourceQuote} ${e.claim}`, r.ref).toContain(row.quote ? dutch : String(row.low));
      // Only labour saved adds up, and it must state an expected value.
      if (r.kind === "labour_saved") expect(row.expectedStated).toBe(true);
      if (r.unit === "pct_care_use") expect(r.kind).toBe("care_demand");
      if (r.kind === "task_shifting") expect(r.professions?.from.length && r.professions.to.length).toBeTruthy();
    }
  });

  it("read as the source states them wherever they are shown (in the app and on the public page): never rounded, a range only where given", () => {
    expect(ratingValueText({ low: 129, expected: 129, high: 129 }, "nl")).toBe("129");
    expect(ratingValueText({ low: 2.5, expected: 2.5, high: 2.5 }, "nl")).toBe("2,5");
    expect(ratingValueText({ low: 2, expected: null, high: 4 }, "nl")).toBe("2–4");
    expect(ratingValueText({ low: 12_000, expected: 26_250, high: 27_000 }, "nl")).toBe("26.250 (12.000–27.000)");
    expect(ratingTaskText(nl, { unit: "pct_task_time", taskName: "invoeren van rapportages" })).toBe("van: invoeren van rapportages");
    expect(ratingTaskText(nl, { unit: "minutes_per_event", taskName: "een valincident" })).toBe("per keer: een valincident");
    expect(ratingTaskText(nl, { unit: "hours_per_week_per_fte", taskName: null })).toBeNull();
  });

    it("no longer count the demo's category errors as labour saved", () => {
    const kinds = (innovation: string) => new Set(referenceRatings.filter((r) => r.innovation === innovation).map((r) => r.kind));
    expect(kinds("telemonitoring-hartfalen")).toEqual(new Set(["care_demand"]));
    expect(kinds("digitale-vaardigheden-digicoaches")).toEqual(new Set(["time_spent"]));
    expect(kinds("zelfroosteren-meer-uren")).toEqual(new Set(["labour_supply"]));
    expect(kinds("jobcarving")).toEqual(new Set(["task_shifting"]));
  });
});

describe("the link form", () => {
  let world: RouteWorld;
  let agendaId: number;
  let member: TestUser;
  beforeEach(async () => {
    world = await startRouteWorld();
    const region = world.make.region("amsterdam");
    agendaId = world.make.agenda({ region, items: [{ title: "Digicoaches voor digitale vaardigheden", status: "in_uitvoering" }] }).id;
    member = world.make.member(region);
  });
  afterEach(() => world.stop());

  it("lists in the link form first what can give a figure, and says what is missing for the others", async () => {
    const res = await world.call(savingsLoader, member, { params: { agendaId: String(agendaId) } });
    expect(res.status).toBe(200);
    const options = res.body.innovationOptions as Array<{ slug: string; capability: Parameters<typeof describeCapability>[1] }>;
    const firstOther = options.findIndex((o) => !o.capability.produces);
    expect(firstOther).toBeGreaterThan(0);
    expect(options.slice(firstOther).every((o) => !o.capability.produces)).toBe(true);
    const note = (slug: string) => describeCapability(nl, options.find((o) => o.slug === slug)!.capability);
    expect(note("telemonitoring-hartfalen")).toBe("eenheid: verpleegdagen, spoedritten, SEH-bezoeken, klinische opnames — vraagt een aanname");
    expect(note("beeldbellen")).toBe("geen beoordeling");
    expect(note("zelfroosteren-meer-uren")).toBe("geen arbeidsbesparing: arbeidsaanbod (meer uren werken)");
    expect(note("digitale-vaardigheden-digicoaches")).toBe("geen arbeidsbesparing: tijdsbesteding (geen effect)");
    expect(note("jobcarving")).toBe("geen arbeidsbesparing: taakverschuiving tussen beroepen");
    expect(note("medicijndispenser")).toBe("per cliënt: bereik in cliënten");
    expect(note("verzorgend-wassen")).toBe("per keer, met hoe vaak per week: wasbeurt");
    expect(note("slimme-planning")).toBe("per fte: bereik in fte, met de uren per week aan: plannen van de zorg (planners of zelfplannende teams)");
    for (const slug of ["medicijndispenser", "spraakgestuurd-rapporteren", "verzorgend-wassen"]) {
      expect(options.findIndex((o) => o.slug === slug)).toBeLessThan(firstOther);
    }
  });

  it("refuses through the route a reach the ratings cannot use, with the reason on the field", async () => {
    const item = world.db.select({ id: s.agendaItems.id }).from(s.agendaItems).where(eq(s.agendaItems.title, "Digicoaches voor digitale vaardigheden")).get()!;
    const dispenser = world.db.select({ id: s.innovations.id }).from(s.innovations).where(eq(s.innovations.slug, "medicijndispenser")).get()!;
    const form = { intent: "add-link", itemId: item.id, innovationId: String(dispenser.id), reach: "40", reachUnit: "fte" };
    const refused = await world.call(savingsAction, member, { params: { agendaId: String(agendaId) }, form });
    expect(refused).toMatchObject({ status: 400, body: { errors: { reachUnit: "evidence.error.reachClients" } } });
    expect(nl("evidence.error.reachClients")).toBe("De beoordelingen van deze innovatie gelden per cliënt: kies het bereik in cliënten.");
    const linked = await world.call(savingsAction, member, { params: { agendaId: String(agendaId) }, form: { ...form, reachUnit: "clients" } });
    expect(linked).toMatchObject({ status: 200, body: { message: "savings.linked" } });
  });
});

describe("an existing database", () => {
  let world: RouteWorld;
  beforeEach(async () => {
    world = await startRouteWorld();
  });
  afterEach(() => world.stop());

  it("replaces the old demo ratings, keeps the ones people entered, audits each change and is stable when run again", () => {
    const db = world.db;
    const inco = db.select({ id: s.innovations.id }).from(s.innovations).where(eq(s.innovations.slug, "slim-incontinentiemateriaal")).get()!.id;
    const tele = db.select({ id: s.innovations.id }).from(s.innovations).where(eq(s.innovations.slug, "telemonitoring-hartfalen")).get()!.id;
    const admin = world.make.admin().id;
    // The database as the release before left it: its three demo ratings, no reference ratings, and a person's own.
    db.delete(s.innovationRatings).run();
    const old = db
      .insert(s.innovationRatings)
      .values([
        { innovationId: tele, unit: "pct_task_time", taskName: "klinische verpleegdagen hartfalen", low: 30, expected: 40, high: 40, evidenceLevel: 2, source: "Voortgangsrapportage", claim: "-40%" },
        { innovationId: inco, unit: "pct_task_time", taskName: "verschonen", low: 30, expected: 30, high: 31.4, evidenceLevel: 2, source: "Voortgangsrapportage" },
      ])
      .returning({ id: s.innovationRatings.id })
      .all();
    const own = db.insert(s.innovationRatings).values({ innovationId: inco, unit: "hours_per_week_per_fte", low: 1, expected: 1, high: 1, evidenceLevel: 2, source: "Eigen meting", ratedBy: admin }).returning({ id: s.innovationRatings.id }).get();

    seedReferenceData({ db });
    const rows = db.select().from(s.innovationRatings).all();
    expect(rows.filter((r) => old.some((o) => o.id === r.id))).toEqual([]);
    expect(rows.find((r) => r.id === own.id)).toMatchObject({ source: "Eigen meting", ratedBy: admin });
    expect(rows.filter((r) => r.ref).map((r) => r.ref).sort()).toEqual(referenceRatings.map((r) => r.ref).sort());
    const removed = db.select().from(s.auditLog).where(eq(s.auditLog.action, "rating.reference_remove")).all();
    expect(removed.map((a) => Number(a.entityId)).sort()).toEqual(old.map((o) => o.id).sort());
    expect((removed[0].data as { row: { source: string } }).row.source).toBe("Voortgangsrapportage");
    const added = () => db.select().from(s.auditLog).where(eq(s.auditLog.action, "rating.reference_add")).all().length;
    const addedOnce = added();
    expect(addedOnce).toBeGreaterThanOrEqual(referenceRatings.length);

    // Run again: nothing changes. A reference figure someone altered in the database is put back.
    seedReferenceData({ db });
    expect(added()).toBe(addedOnce);
    const dzvb = db.select().from(s.innovationRatings).where(eq(s.innovationRatings.ref, "md-zvb-10min")).get()!;
    db.update(s.innovationRatings).set({ low: 99, expected: 99, high: 99 }).where(eq(s.innovationRatings.id, dzvb.id)).run();
    seedReferenceData({ db });
    expect(added()).toBe(addedOnce + 1);
    expect(db.select().from(s.innovationRatings).where(eq(s.innovationRatings.ref, "md-zvb-10min")).get()).toMatchObject({ low: 10, expected: 10, high: 10 });
    expect(db.select().from(s.innovationRatings).where(and(isNull(s.innovationRatings.ref), inArray(s.innovationRatings.id, [own.id]))).all()).toHaveLength(1);
  });
});
