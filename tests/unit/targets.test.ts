// Targets that mean what they say (decision 015): numbers typed the Dutch way reach the database as
// meant, through the real route actions; a region has no target until its coordinator sets one (with
// a source, in people or FTE), and then no below-target signal fires; the saving as a share of the
// region's expected shortage, with year and source; the migration keeps only targets a coordinator set.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RouteWorld, type Who, startRouteWorld } from "../support/route-calls";
import type { TestAgenda, TestUser } from "../support/factories";
import * as s from "../../db/schema";
import { registerSearchFunctions, type Db } from "../../db";
import * as savingsRoute from "../../app/routes/agendas.$agendaId_.innovaties";
import { getAgendaSavings } from "../../app/models/savings.server";
import { computeFlags, sqlFlagSource } from "../../app/models/flags.server";
import { ASSUMPTIONS, regionTarget, shareOfShortage } from "../../app/domain/savings";
import { translate } from "../../app/i18n/messages";
import shortagesJson from "../../db/reference/regional-shortages.json" with { type: "json" };

describe("the region's target, in the domain", () => {
  it("is null until the region sets one: no share of a national figure stands in for it", () => {
    expect(regionTarget({ savingTarget: null, savingTargetUnit: null })).toBeNull();
    expect(regionTarget({ savingTarget: 1200, savingTargetUnit: null })).toBeNull();
  });
  it("keeps people and FTE apart and converts with the stated part-time factor (0.68)", () => {
    expect(regionTarget({ savingTarget: 1000, savingTargetUnit: "people", savingTargetSource: "RAAT" })).toEqual({ value: 1000, unit: "people", fte: 680, source: "RAAT", setAt: null });
    expect(regionTarget({ savingTarget: 1000, savingTargetUnit: "fte" })!.fte).toBe(1000);
  });
  it("compares a saving with a shortage in the shortage's own unit", () => {
    // 68 FTE of work is what 100 average workers do.
    expect(shareOfShortage(68, { shortage: 9900, unit: "people" })).toBeCloseTo(100 / 9900);
    expect(shareOfShortage(73, { shortage: 7300, unit: "fte" })).toBeCloseTo(0.01);
    expect(shareOfShortage(5, { shortage: 0, unit: "fte" })).toBe(0);
  });
  it("says the national aim is people, through all measures, and not a regional target", () => {
    expect(ASSUMPTIONS.nationalAimPeople).toBe(100_000);
    expect(ASSUMPTIONS).not.toHaveProperty("nationalTargetFte");
    expect(translate("nl", "chart.national", { people: "100.000", year: 2028 })).toMatch(/100\.000 mensen.*alle maatregelen samen.*geen doel per regio/);
  });
});

describe("through the real route actions", () => {
  let ctx: RouteWorld;
  let db: Db;
  const agendas: Record<string, TestAgenda> = {};
  let member: TestUser, coordinator: TestUser;
  // Amsterdam's agenda projects a saving (a rated innovation linked to its second item); Zuid-Limburg
  // has an agenda too, and a published shortage in the reference data.
  beforeEach(async () => {
    ctx = await startRouteWorld();
    db = ctx.db;
    const { make } = ctx;
    const amsterdam = make.region("amsterdam");
    agendas.amsterdam = make.agenda({ region: amsterdam, items: [{ title: "Digicoaches", status: "in_uitvoering" }, { title: "Slim incontinentiemateriaal", status: "prioriteit" }] });
    make.link({ agenda: agendas.amsterdam, itemId: agendas.amsterdam.itemIds[1], innovation: "slim-incontinentiemateriaal", reach: 180, reachUnit: "fte", taskHoursPerWeek: 4 });
    agendas["zuid-limburg"] = make.agenda({ region: make.region("zuid-limburg"), items: [{ title: "Digicoaches in de thuiszorgteams" }] });
    member = make.member(amsterdam);
    coordinator = make.member(amsterdam, "coordinator", { name: "Joost de Vries" });
  });
  afterEach(async () => {
    await ctx.stop();
  });

  const agendaOf = (slug: string) => agendas[slug];
  const region = (id: number) => db.select().from(s.regions).where(eq(s.regions.id, id)).get()!;
  const post = (who: Who, agendaId: number, form: Record<string, string>, headers: Record<string, string> = {}) =>
    ctx.call(savingsRoute.action, who, { params: { agendaId: String(agendaId) }, form, headers });
  const firstItem = (agendaId: number) => db.select({ id: s.agendaItems.id }).from(s.agendaItems).where(eq(s.agendaItems.agendaId, agendaId)).get()!.id;
  // An innovation rated per FTE, so a reach in FTE can produce a figure.
  const innovationId = () => db.select({ id: s.innovationRatings.innovationId }).from(s.innovationRatings).where(eq(s.innovationRatings.unit, "hours_per_week_per_fte")).get()!.id;
  const reachOf = (agendaId: number, itemId: string) =>
    db.select({ reach: s.itemInnovations.reach }).from(s.itemInnovations).where(and(eq(s.itemInnovations.agendaId, agendaId), eq(s.itemInnovations.itemId, itemId))).all().map((r) => r.reach);

  it("store a reach of \"1.200\" as 1200 and a target of \"1.250\" as 1250 (the issue's samples)", async () => {
    const agenda = agendaOf("amsterdam");
    const item = firstItem(agenda.id);
    db.delete(s.itemInnovations).where(eq(s.itemInnovations.itemId, item)).run();
    const link = await post(member, agenda.id, { intent: "add-link", itemId: item, innovationId: String(innovationId()), reach: "1.200", reachUnit: "fte" });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(reachOf(agenda.id, item)).toEqual([1200]);

    const target = await post(coordinator, agenda.id, { intent: "set-target", targetValue: "1.250", targetUnit: "fte", targetSource: "Besluit stuurgroep 12 maart 2026" });
    expect(target.status, JSON.stringify(target.body)).toBe(200);
    expect(region(agenda.regionId)).toMatchObject({ savingTarget: 1250, savingTargetUnit: "fte", savingTargetSource: "Besluit stuurgroep 12 maart 2026" });
    expect(region(agenda.regionId).savingTargetSetAt).toBeInstanceOf(Date);
    expect(region(agenda.regionId).savingTargetSetBy).toBe(coordinator.id);
    const [entry] = db.select().from(s.auditLog).where(eq(s.auditLog.action, "region.saving_target")).all();
    expect(entry.data).toMatchObject({ from: null, to: { value: 1250, unit: "fte" } });

    // "1.250,5" is 1250.5; the English UI reads "1,250.5" the same way and "1.200" as 1.2.
    await post(coordinator, agenda.id, { intent: "set-target", targetValue: "1.250,5", targetUnit: "people", targetSource: "RAAT-plan" });
    expect(region(agenda.regionId).savingTarget).toBe(1250.5);
    await post(coordinator, agenda.id, { intent: "set-target", targetValue: "1,250.5", targetUnit: "people", targetSource: "RAAT-plan" }, { Cookie: "aw_locale=en" });
    expect(region(agenda.regionId).savingTarget).toBe(1250.5);
    await post(member, agenda.id, { intent: "add-link", itemId: item, innovationId: String(innovationId()), reach: "1.200", reachUnit: "fte" }, { Cookie: "aw_locale=en" });
    expect(reachOf(agenda.id, item)).toEqual([1200, 1.2]);
  });

  it("refuse an ambiguous number with the Dutch message and a target without a source, and change nothing", async () => {
    const agenda = agendaOf("amsterdam");
    const ambiguous = await post(coordinator, agenda.id, { intent: "set-target", targetValue: "1.25", targetUnit: "fte", targetSource: "Stuurgroep" });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors).toEqual({ targetValue: "numbers.error.ambiguous" });
    const reach = await post(member, agenda.id, { intent: "add-link", itemId: firstItem(agenda.id), innovationId: String(innovationId()), reach: "2.5", reachUnit: "fte" });
    expect(reach.body.errors).toMatchObject({ reach: "numbers.error.ambiguous" });
    const unsourced = await post(coordinator, agenda.id, { intent: "set-target", targetValue: "500", targetUnit: "people", targetSource: "" });
    expect(unsourced.body.errors).toEqual({ targetSource: "targets.error.source" });
    const badUnit = await post(coordinator, agenda.id, { intent: "set-target", targetValue: "500", targetUnit: "banen", targetSource: "Stuurgroep" });
    expect(badUnit.body.errors).toEqual({ targetUnit: "targets.error.unit" });
    expect(region(agenda.regionId).savingTarget).toBeNull();
    // Only the coordinator sets it.
    expect((await post(member, agenda.id, { intent: "set-target", targetValue: "500", targetUnit: "people", targetSource: "Stuurgroep" })).status).toBe(403);
  });

  it("give no target, no target in the chart data and no below-target signal until the region sets one; then both", async () => {
    const agenda = agendaOf("amsterdam");
    const savings = getAgendaSavings({ db, agendaId: agenda.id })!;
    expect(savings.target).toBeNull();
    // The flag rules read the region's own target only: null for every region.
    const rows = sqlFlagSource(db).regions(db.select({ id: s.regions.id }).from(s.regions).all().map((r) => r.id));
    expect(rows.every((r) => r.region.ownTargetFte === null)).toBe(true);
    expect(computeFlags({ db }).filter((f) => f.rule === "below-target")).toEqual([]);

    // A target of 10,000 people (6,800 FTE) is far above the agenda's projection.
    await post(coordinator, agenda.id, { intent: "set-target", targetValue: "10.000", targetUnit: "people", targetSource: "Stuurgroep" });
    expect(getAgendaSavings({ db, agendaId: agenda.id })!.target).toMatchObject({ value: 10000, unit: "people", source: "Stuurgroep", setByName: "Joost de Vries" });
    expect(getAgendaSavings({ db, agendaId: agenda.id })!.target!.fte).toBeCloseTo(6800);
    expect(sqlFlagSource(db).regions([agenda.regionId])[0].region.ownTargetFte).toBeCloseTo(6800);
    expect(computeFlags({ db }).filter((f) => f.rule === "below-target").map((f) => f.regionId)).toEqual([agenda.regionId]);

    // Cleared: no target again, and the signal goes.
    const cleared = await post(coordinator, agenda.id, { intent: "set-target", targetValue: "", targetUnit: "people", targetSource: "" });
    expect(cleared.body.message).toBe("targets.form.cleared");
    expect(getAgendaSavings({ db, agendaId: agenda.id })!.target).toBeNull();
    expect(computeFlags({ db }).filter((f) => f.rule === "below-target")).toEqual([]);
  });

  it("carry the region's expected shortage with its year, unit and source where one is known, and none elsewhere", () => {
    const limburg = getAgendaSavings({ db, agendaId: agendaOf("zuid-limburg").id })!;
    expect(limburg.shortage).toEqual({
      shortage: 9900,
      unit: "people",
      year: 2034,
      vintage: "Prognosemodel Zorg en Welzijn 2024",
      publisher: expect.stringContaining("Skipr"),
      sourceUrl: "https://www.skipr.nl/nieuws/zuid-limburg-krijgt-127-miljoen-iza-geld-voor-arbeidsmarkt/",
      reporting: "second_hand",
    });
    expect(getAgendaSavings({ db, agendaId: agendaOf("amsterdam").id })!.shortage).toBeNull();
    const text = translate("nl", "chart.shortage", { pct: "0,5", shortage: "9.900", unit: translate("nl", "targets.unit.people"), year: 2034, vintage: limburg.shortage!.vintage });
    expect(text).toBe("De verwachte besparing is 0,5% van het verwachte tekort van 9.900 mensen in 2034 (Prognosemodel Zorg en Welzijn 2024).");
  });

  it("seed every reference shortage, once, for a known region, with a quote and an address", () => {
    const rows = db.select().from(s.regionShortages).all();
    expect(rows).toHaveLength(shortagesJson.shortages.length);
    for (const r of rows) {
      expect(r.quote.length).toBeGreaterThan(20);
      expect(r.sourceUrl).toMatch(/^https:\/\//);
      expect(r.year).toBeGreaterThanOrEqual(2019);
    }
  });
});

describe("the migration of existing targets", () => {
  const migrations = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations");
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps a target a coordinator set (with who and when) and clears one an administrator typed or nobody recorded", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "agendawerk-targets-"));
    const folder = path.join(dir, "migrations");
    fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(migrations, "meta/_journal.json"), "utf8"));
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e: { tag: string }) => e.tag === "0011_region-targets-shortages"));
    for (const e of journal.entries) fs.copyFileSync(path.join(migrations, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
    fs.writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify(journal));
    const sqlite = new Database(path.join(dir, "old.sqlite"));
    sqlite.pragma("foreign_keys = ON");
    registerSearchFunctions(sqlite);
    const db = drizzle(sqlite, { schema: s }) as Db;
    migrate(db, { migrationsFolder: folder });
    const at = 1_780_000_000_000;
    sqlite.exec(`
      INSERT INTO users (id, email, name, kind) VALUES (1, 'coord@x.nl', 'Coördinator', 'member'), (2, 'beheer@x.nl', 'Beheerder', 'admin');
      INSERT INTO regions (id, slug, name, saving_target_fte) VALUES
        (1, 'a', 'Coördinator stelde in', 2500), (2, 'b', 'Beheerder typte', 900), (3, 'c', 'Niemand', 1234),
        (4, 'd', 'Geen doel', NULL), (5, 'e', 'Later door beheerder overschreven', 700);
      INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, region_id, data) VALUES
        (${at}, 1, 'region.saving_target', 'region', '1', 1, '{"from":null,"to":2000}'),
        (${at + 1000}, 1, 'region.saving_target', 'region', '1', 1, '{"from":2000,"to":2500}'),
        (${at}, 2, 'region.settings', 'region', '2', 2, '{"from":{"savingTargetFte":null},"to":{"savingTargetFte":900}}'),
        (${at}, 1, 'region.saving_target', 'region', '5', 5, '{"from":null,"to":600}'),
        (${at + 1000}, 2, 'region.settings', 'region', '5', 5, '{"from":{"savingTargetFte":600},"to":{"savingTargetFte":700}}'),
        (${at + 2000}, 2, 'region.settings', 'region', '5', 5, '{"from":{"savingTargetFte":700},"to":{"savingTargetFte":700}}');
    `);

    migrate(db, { migrationsFolder: migrations });

    const rows = db.select().from(s.regions).all();
    const byId = (id: number) => rows.find((r) => r.id === id)!;
    expect(byId(1)).toMatchObject({ savingTarget: 2500, savingTargetUnit: "fte", savingTargetSource: null, savingTargetSetBy: 1, savingTargetSetAt: new Date(at + 1000) });
    for (const id of [2, 3, 4, 5]) expect(byId(id), `region ${id}`).toMatchObject({ savingTarget: null, savingTargetUnit: null, savingTargetSetBy: null });
    expect(regionTarget(byId(1))).toMatchObject({ fte: 2500, source: null });
    sqlite.close();
  });
});
