// Flags from a real SQLite file with three regions built by factories: a national bottleneck only
// for one cause, versions per region moved by triggers, progress recorded by the projection,
// personal snoozes and team acknowledgements (with audit and hidden counts), the dismissal form
// and the CSV export. What the demo data shows: tests/unit/demo-data.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import { tempDatabase } from "../support/temp-db";
import { factoryDatabase, type Region, type TestUser } from "../support/factories";
import type { Db } from "../../db";
import { agendaItems, agendas, auditLog, barriers, flagDismissals } from "../../db/schema";
import { computeFlags, dismissFlag, getNationalOverview, getRegionFlagView, getWorstRegionFlag, runFlags, untilDate } from "../../app/models/flags.server";
import { parseFlagFilter } from "../../app/domain/flags/filter";
import { flagsToCsv, csvCell } from "../../app/domain/flags/csv";
import { dutchCalendarDay } from "../../app/domain/dutch-time";
import { DAY_MS } from "../../app/domain/flags/thresholds";
import { dismissFlagSchema } from "../../app/forms/flags";
import { parseForm } from "../../app/forms/validation";
import { translate, type MessageKey } from "../../app/i18n/messages";
import { addItem, getItem } from "../../app/domain/agenda-doc";
import { projectToReadModel } from "../../app/collab/projection.server";
import { formData } from "../support/form-data";

let env: ReturnType<typeof factoryDatabase>;
let db: Db;
let ams: Region, twente: Region, limburg: Region;
let adviser: TestUser, second: TestUser, coordinator: TestUser, limburgMember: TestUser;
const noFilter = () => parseFlagFilter(new URLSearchParams());
const versionOf = (id: number) => (db.$client.prepare("select n from flag_region_versions where region_id = ?").pluck().get(id) as number | undefined) ?? 0;
const highBarrierKey = () => computeFlags({ db }).find((f) => f.rule === "high-barrier" && f.regionId === ams.id)!.key;

// Each region has an agenda whose first item has its basics, and one open financing barrier, each
// with another cause (Wlz, Zvw, Wmo); Amsterdam's is severe and long open. Zuid-Limburg's second
// item lacks a why and says nothing about professionals.
beforeAll(() => {
  env = factoryDatabase();
  db = env.db;
  const { make } = env;
  [ams, twente, limburg] = ["amsterdam", "twente", "zuid-limburg"].map((slug) => make.region(slug));
  const complete = { why: "Minder zoeken naar materiaal.", professionalsInvolved: "ja" as const, status: "prioriteit" as const };
  const causes: Array<[Region, string, "hoog" | "middel"]> = [[ams, "financing-wlz", "hoog"], [twente, "financing-zvw", "middel"], [limburg, "financing-wmo", "middel"]];
  const author = make.admin();
  for (const [region, subTypeKey, severity] of causes) {
    const items = region === limburg ? [{ title: "Sensoren in de thuiszorg", ...complete }, { title: "Digicoaches in de thuiszorgteams", professionalsInvolved: null }] : [{ title: `Slimme zorg in ${region.name}`, ...complete }];
    const agenda = make.agenda({ region, items });
    make.barrier({ agenda, itemId: agenda.itemIds[0], createdBy: author.id, typeKey: "financing", subTypeKey, severity, createdAt: new Date(Date.now() - 45 * DAY_MS) });
  }
  adviser = make.adviser([ams, twente, limburg], { name: "Sanne Bakker" });
  second = make.adviser([ams], { name: "Tweede Adviseur" });
  coordinator = make.member(ams, "coordinator");
  limburgMember = make.member(limburg);
});
afterAll(() => env.cleanup());

describe("national bottleneck", () => {
  it("keeps three different financing causes apart", () => {
    const flags = computeFlags({ db });
    expect(flags.filter((f) => f.rule === "national-bottleneck")).toEqual([]);
    expect(flags.some((f) => f.rule === "high-barrier" && f.regionId === ams.id)).toBe(true);
  });

  it("joins them into one when the causes are the same; a snooze hides it for its adviser only", () => {
    const ids = db.select({ id: barriers.id, sub: barriers.subTypeKey }).from(barriers).where(eq(barriers.typeKey, "financing")).all();
    for (const { id } of ids) db.update(barriers).set({ subTypeKey: "financing-wlz" }).where(eq(barriers.id, id)).run();
    const national = computeFlags({ db }).find((f) => f.rule === "national-bottleneck")!;
    expect(national.key).toBe("national-bottleneck:subtype-financing-wlz");
    expect(national.regionIds).toEqual([ams, twente, limburg].map((r) => r.id).sort((a, b) => a - b));
    // One adviser snoozes it: for her the page says it is hidden (not that there is none); the other still has it.
    const until = dutchCalendarDay(Date.now() + 2 * DAY_MS);
    dismissFlag({ db, actor: adviser.principal(), input: { intent: "dismiss-flag", flagKey: national.key, kind: "snooze", scope: "personal", reason: "Ligt bij VWS", until } });
    const hers = getNationalOverview({ db, actor: adviser.principal(), filter: noFilter() });
    expect([hers.national.length, hers.hiddenNational]).toEqual([0, 1]);
    const his = getNationalOverview({ db, actor: second.principal(), filter: noFilter() });
    expect([his.national.map((f) => f.key), his.hiddenNational]).toEqual([[national.key], 0]);
    // Back as built, for the tests below.
    for (const { id, sub } of ids) db.update(barriers).set({ subTypeKey: sub }).where(eq(barriers.id, id)).run();
  });
});

describe("versions per region", () => {
  it("move for the region whose rows change, not for the others", () => {
    const item = db.select().from(agendaItems).innerJoin(agendas, eq(agendas.id, agendaItems.agendaId)).where(eq(agendas.regionId, ams.id)).get()!.agenda_items;
    const [a, t] = [versionOf(ams.id), versionOf(twente.id)];
    db.update(agendaItems).set({ leadOrganisation: item.leadOrganisation + " " }).where(eq(agendaItems.id, item.id)).run();
    expect(versionOf(ams.id)).toBe(a + 1);
    expect(versionOf(twente.id)).toBe(t);
  });

  it("let the runner reload only the changed region", () => {
    runFlags({ db });
    const before = computeFlags({ db }).filter((f) => f.regionId === ams.id).length;
    const item = db.select().from(agendaItems).innerJoin(agendas, eq(agendas.id, agendaItems.agendaId)).where(eq(agendas.regionId, ams.id)).get()!.agenda_items;
    db.update(agendaItems).set({ why: "", professionalsInvolved: null }).where(eq(agendaItems.id, item.id)).run();
    const set = runFlags({ db });
    expect(set.ofRegion(ams.id).some((h) => h.key === `item-basics:item-${item.id}`)).toBe(true);
    expect(computeFlags({ db }).filter((f) => f.regionId === ams.id).length).toBeGreaterThanOrEqual(before);
  });
});

describe("progress", () => {
  it("is a change of status: the projection moves progress_at then, and not for other edits", () => {
    const own = tempDatabase();
    try {
      const rid = Number(own.db.$client.prepare("insert into regions (slug, name) values ('x', 'X')").run().lastInsertRowid);
      const agendaId = Number(own.db.$client.prepare("insert into agendas (region_id, title, period) values (?, 'A', 'p')").run(rid).lastInsertRowid);
      const doc = new Y.Doc();
      const id = addItem(doc, { title: "Punt", status: "prioriteit" });
      const quiet = { info() {}, warn() {}, error() {} };
      const at = (ms: number) => new Date(Date.parse("2026-01-01T00:00:00Z") + ms);
      const row = () => own.db.select().from(agendaItems).where(eq(agendaItems.id, id)).get()!;
      projectToReadModel(own.db, agendaId, doc, at(0), quiet);
      expect(row().progressAt!.getTime()).toBe(at(0).getTime());
      (getItem(doc, id)!.get("title") as Y.Text).insert(5, " (typo)");
      projectToReadModel(own.db, agendaId, doc, at(1000), quiet);
      expect([row().changedAt.getTime(), row().progressAt!.getTime()]).toEqual([at(1000).getTime(), at(0).getTime()]);
      getItem(doc, id)!.set("status", "in_uitvoering");
      projectToReadModel(own.db, agendaId, doc, at(2000), quiet);
      expect(row().progressAt!.getTime()).toBe(at(2000).getTime());
    } finally {
      own.cleanup();
    }
  });
});

describe("dismissing", () => {
  it("refuses anyone but an adviser", () => {
    expect(() =>
      dismissFlag({ db, actor: coordinator.principal(), input: { intent: "dismiss-flag", flagKey: highBarrierKey(), kind: "acknowledge", scope: "personal", reason: "Gezien" } }),
    ).toThrow();
  });

  it("a snooze is personal: it hides the flag for its adviser, not for another adviser nor the region", () => {
    const key = highBarrierKey();
    const now = new Date();
    const until = dutchCalendarDay(now.getTime() + 3 * DAY_MS);
    expect(dismissFlag({ db, actor: adviser.principal(), now, input: { intent: "dismiss-flag", flagKey: key, kind: "snooze", scope: "personal", reason: "Ligt bij VWS", until } })).toEqual({ ok: true });
    const row = db.select().from(flagDismissals).where(eq(flagDismissals.flagKey, key)).get()!;
    expect([row.scope, row.until!.getTime()]).toEqual(["personal", untilDate(until).getTime()]);
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, key)).all().map((a) => [a.action, (a.data as { scope: string }).scope])).toEqual([["flag.snooze", "personal"]]);

    const mine = getNationalOverview({ db, actor: adviser.principal(), filter: noFilter(), now });
    expect(mine.flags.some((f) => f.key === key)).toBe(false);
    expect(mine.hidden).toEqual({ total: 1, by: [{ userName: "Sanne Bakker", scope: "personal", mine: true, count: 1 }] });
    const shown = getNationalOverview({ db, actor: adviser.principal(), filter: parseFlagFilter(new URLSearchParams("weggezet=1")), now });
    expect(shown.flags.find((f) => f.key === key)!.dismissal!.reason).toBe("Ligt bij VWS");

    const other = getNationalOverview({ db, actor: second.principal(), filter: noFilter(), now });
    expect(other.flags.some((f) => f.key === key)).toBe(true);
    expect(other.hidden.total).toBe(0);
    const region = getRegionFlagView({ db, actor: coordinator.principal(), region: { regionId: ams.id }, now });
    expect(region.flags.some((f) => f.key === key)).toBe(true);

    // After the date it is back for the snoozer too.
    const later = new Date(untilDate(until).getTime() + 1);
    expect(getNationalOverview({ db, actor: adviser.principal(), filter: noFilter(), now: later }).flags.some((f) => f.key === key)).toBe(true);
  });

  it("a team acknowledgement hides the flag for every adviser and the region, and each says by whom", () => {
    const flag = computeFlags({ db }).find((f) => f.rule === "item-basics" && f.regionId === limburg.id)!;
    dismissFlag({ db, actor: second.principal(), input: { intent: "dismiss-flag", flagKey: flag.key, kind: "acknowledge", scope: "team", reason: "Werkgroep weet ervan" } });
    const overview = getNationalOverview({ db, actor: adviser.principal(), filter: noFilter() });
    expect(overview.flags.some((f) => f.key === flag.key)).toBe(false);
    expect(overview.hidden.by).toContainEqual({ userName: "Tweede Adviseur", scope: "team", mine: false, count: 1 });
    const region = getRegionFlagView({ db, actor: limburgMember.principal(), region: { regionId: limburg.id } });
    expect(region.flags.some((f) => f.key === flag.key)).toBe(false);
    expect(region.hidden).toEqual({ total: 1, by: [{ userName: "Tweede Adviseur", scope: "team", mine: false, count: 1 }] });
    expect(region.hiddenFlags.map((f) => [f.key, f.dismissal!.scope])).toEqual([[flag.key, "team"]]);
    // The agenda page's one signal: the region view's first flag and count, without the hidden one.
    expect(region.flags.length).toBeGreaterThan(0);
    expect(getWorstRegionFlag({ db, actor: limburgMember.principal(), region: { regionId: limburg.id } })).toEqual({ flag: region.flags[0], count: region.flags.length });

    // The data change (professionals now partly involved, the why still missing): the acknowledgement ends.
    const itemId = flag.key.replace("item-basics:item-", "");
    db.update(agendaItems).set({ professionalsInvolved: "deels", why: "" }).where(eq(agendaItems.id, itemId)).run();
    expect(getNationalOverview({ db, actor: adviser.principal(), filter: noFilter() }).flags.some((f) => f.key === flag.key)).toBe(true);
  });

  it("reports a flag that no longer exists", () => {
    expect(dismissFlag({ db, actor: adviser.principal(), input: { intent: "dismiss-flag", flagKey: "item-basics:item-nope", kind: "acknowledge", scope: "personal", reason: "Weg" } })).toEqual({
      ok: false,
      error: "flags.error.gone",
    });
  });
});

describe("dismissal form", () => {
  const form = (fields: Record<string, string>) => parseForm(dismissFlagSchema, formData({ intent: "dismiss-flag", flagKey: "k", ...fields }));
  it("requires a reason, and is personal unless asked", () => {
    expect(form({ kind: "acknowledge", reason: "  " })).toEqual({ ok: false, errors: { reason: "flags.error.reason" } });
    const ok = form({ kind: "acknowledge", reason: "Gezien" });
    expect(ok.ok && ok.data.scope).toBe("personal");
  });
  it("requires a date in the future for a snooze, and never snoozes for the team", () => {
    expect(form({ kind: "snooze", reason: "Later" })).toEqual({ ok: false, errors: { until: "flags.error.untilRequired" } });
    expect(form({ kind: "snooze", reason: "Later", until: dutchCalendarDay(Date.now()) })).toEqual({ ok: false, errors: { until: "flags.error.untilFuture" } });
    expect(form({ kind: "snooze", reason: "Later", until: dutchCalendarDay(Date.now() + 2 * DAY_MS) }).ok).toBe(true);
    expect(form({ kind: "snooze", scope: "team", reason: "Later", until: dutchCalendarDay(Date.now() + 2 * DAY_MS) })).toEqual({ ok: false, errors: { scope: "flags.error.snoozeTeam" } });
  });
  it("has Dutch messages", () => {
    expect(translate("nl", "flags.error.reason")).toBe("Geef een reden op (minstens 3 tekens).");
    expect(translate("nl", "flags.hidden", { count: 1, parts: "1 door jou, alleen voor jou" })).toBe("1 signaal is verborgen: 1 door jou, alleen voor jou.");
    expect(translate("nl", "flags.gridCount", { count: 2 })).toBe("2 signalen");
  });
});

describe("CSV export", () => {
  it("starts with a BOM, separates by semicolons, quotes and defuses formulas, says who hid a flag", () => {
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell('zei "ja"')).toBe('"zei ""ja"""');
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    const { flags, regionNames } = getNationalOverview({ db, actor: adviser.principal(), filter: parseFlagFilter(new URLSearchParams("weggezet=1")) });
    const csv = flagsToCsv({ flags, tr: (k, v) => translate("nl", k as MessageKey, v), locale: "nl", origin: "https://agendawerk.example", regionNames });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("Regel;Ernst;Score;Regio;Onderwerp;Uitleg;Cijfers;Drempel;Sinds;Leeftijd (dagen);Link;Weggezet;Sleutel");
    expect(lines).toHaveLength(flags.length + 2);
    expect(csv).toContain("https://agendawerk.example/agendas/");
    expect(csv).toContain("Voor zichzelf weggezet door Sanne Bakker: “Ligt bij VWS”");
  });
});
