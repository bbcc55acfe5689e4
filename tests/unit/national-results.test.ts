// The national totals (decision 033) on factories: hand-checked projections per quarter (a link counts
// from its quarter or its item's first measured one), realised equal to realisedSaving item by item (the
// SQL restates the pure rule), no share without a projection, stopped items, the evidence mix, and who
// may read them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { factoryDatabase, type Factories, type TestAgenda } from "../support/factories";
import { getNationalResults } from "../../app/models/national-results.server";
import { syncNationalSummary } from "../../app/models/national-summary.server";
import { realisedSaving } from "../../app/domain/realised-savings";
import { measurementsForItems } from "../../app/models/measurements.server";
import { periodEnd, periodStart, shiftPeriod, type Period } from "../../app/domain/periods";
import { projectLink } from "../../app/domain/savings";
import { ratingsByInnovation } from "../../app/models/catalogue.server";
import type { Db } from "../../db";
import type { Principal } from "../../app/domain/permissions";

const quarters: Period[] = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];
const at = (p: Period, days = 10) => new Date(periodStart(p) + days * 86_400_000);

let w: ReturnType<typeof factoryDatabase>;
let make: Factories;
let db: Db;
let adviser: Principal;
let amsterdam: TestAgenda;
let twente: TestAgenda;

function measure(a: TestAgenda, itemId: string, kind: "baseline" | "measurement", hoursPerWeek: number, period: Period, extra: Partial<typeof s.measurements.$inferInsert> = {}) {
  db.insert(s.measurements)
    .values({ agendaId: a.id, itemId, kind, value: hoursPerWeek, unit: "hours_per_week", hoursPerWeek, period, source: "hand", createdAt: at(period), ...extra })
    .run();
}

function linkAt(p: Period, args: Parameters<Factories["link"]>[0]) {
  const id = make.link(args);
  db.$client.prepare("UPDATE item_innovations SET created_at = ? WHERE id = ?").run(at(p).getTime(), id);
  return id;
}

beforeEach(() => {
  w = factoryDatabase();
  make = w.make;
  db = w.db;
  adviser = make.adviser([]).principal();
  amsterdam = make.agenda({
    region: make.region("amsterdam"),
    items: [
      { title: "Incontinentie", status: "in_uitvoering", mechanism: "working-differently" },
      { title: "Beeldzorg", status: "in_uitvoering" },
      { title: "Gestopt", status: "gestopt", mechanism: "working-differently" },
    ],
  });
  twente = make.agenda({ region: make.region("twente"), items: [{ title: "Spraak", status: "prioriteit", mechanism: "working-differently" }] });
  // 30% of 4 h × 180 FTE × 45 weeks = 9,720 h, level 2 (docs/savings.md).
  linkAt("2026-Q1", { agenda: amsterdam, itemId: amsterdam.itemIds[0], innovation: "slim-incontinentiemateriaal", reach: 180, reachUnit: "fte", taskHoursPerWeek: 4 });
  // Made in Q3: counts from Q3. The stopped item never counts.
  linkAt("2026-Q3", { agenda: twente, itemId: twente.itemIds[0], innovation: "slim-incontinentiemateriaal", reach: 90, reachUnit: "fte", taskHoursPerWeek: 4 });
  linkAt("2026-Q1", { agenda: amsterdam, itemId: amsterdam.itemIds[2], innovation: "slim-incontinentiemateriaal", reach: 1000, reachUnit: "fte", taskHoursPerWeek: 4 });
});
afterEach(() => w.cleanup());

const run = () => getNationalResults({ db, actor: adviser, quarters });

describe("national results", () => {
  it("sums projections per quarter from the quarter a link was made, without stopped items", () => {
    const r = run();
    expect(r.total.map((t) => Math.round(t.projected.expected))).toEqual([9720, 9720, 14580, 14580]);
    expect(r.total[3].links).toBe(2);
    const work = r.byMechanism.find((m) => m.key === "working-differently")!;
    expect(Math.round(work.quarters[3].projected.expected)).toBe(14580);
    expect(r.byRegion.map((x) => [x.slug, Math.round(x.quarters[3].projected.expected)])).toEqual([
      ["amsterdam", 9720],
      ["twente", 4860],
    ]);
    expect(r.byInnovation.map((x) => x.slug)).toEqual(["slim-incontinentiemateriaal"]);
  });

  it("gives the evidence mix: the expected hours by the weakest level of the links behind them", () => {
    const t = run().total[3];
    expect(t.mix[2]).toBeCloseTo(t.projected.expected);
    expect(t.mix[1] + t.mix[3] + t.mix[4]).toBe(0);
  });

  it("counts realised as realisedSaving does, carrying the latest period forward", () => {
    const item = amsterdam.itemIds[0];
    measure(amsterdam, item, "baseline", 400, "2025-Q4");
    measure(amsterdam, item, "baseline", 300, "2025-Q4", { profession: "verzorgende", createdAt: at("2025-Q4", 20) });
    measure(amsterdam, item, "measurement", 390, "2026-Q1");
    measure(amsterdam, item, "measurement", 380, "2026-Q1");
    measure(amsterdam, item, "measurement", 370, "2026-Q3");
    measure(amsterdam, item, "measurement", 280, "2026-Q2", { profession: "verzorgende", team: "Noord" });
    // Another unit without a baseline: not counted.
    measure(amsterdam, item, "measurement", 10, "2026-Q2", { unit: "overtime_hours_per_month" });
    const r = run();
    const rows = measurementsForItems({ db, itemIds: [item] }).get(item)!;
    const upTo = (p: Period) => realisedSaving({ baselines: rows.baselines, measurements: rows.measurements.filter((m) => m.period <= p) });
    const expected = quarters.map((p) => {
      const x = upTo(p);
      return x.ok ? x.hoursPerYear : 0;
    });
    // Q1 (400 − 385) × 52 = 780; Q2 adds (300 − 280) × 52 = 1,040; Q3 (400 − 370) × 52 + 1,040.
    expect(expected).toEqual([780, 1820, 2600, 2600]);
    expect(r.total.map((t) => t.realised)).toEqual(expected);
    expect(r.total[0].measuredItems).toBe(1);
    expect(r.total[0].share).toBeCloseTo(780 / 9720);
    expect(r.byInnovation[0].quarters[2].realised).toBe(2600);
    expect(r.byMechanism.find((m) => m.key === "working-differently")!.quarters[2].realised).toBe(2600);
  });

  it("counts a link from its item's first measured quarter when that comes before the link, so realised never stands beside no projection", () => {
    // Twente's link is made in Q3, its item measured from Q2 (an import of older roster rows, say).
    const item = twente.itemIds[0];
    measure(twente, item, "baseline", 200, "2025-Q4");
    measure(twente, item, "measurement", 190, "2026-Q2");
    const r = run();
    expect(r.total.map((t) => Math.round(t.projected.expected))).toEqual([9720, 14580, 14580, 14580]);
    const region = r.byRegion.find((x) => x.slug === "twente")!.quarters;
    expect(region.map((t) => Math.round(t.projected.expected))).toEqual([0, 4860, 4860, 4860]);
    expect(region.map((t) => t.realised)).toEqual([0, 520, 520, 520]);
    expect(region[1].share).toBeCloseTo(520 / 4860);
    // Nothing measured in Q1: no share, and the projection there is the link's own (Amsterdam's).
    expect(region[0].share).toBeNull();
    // A link made before the first measurement keeps its own quarter.
    measure(amsterdam, amsterdam.itemIds[0], "baseline", 400, "2025-Q4");
    measure(amsterdam, amsterdam.itemIds[0], "measurement", 390, "2026-Q3");
    expect(run().total.map((t) => Math.round(t.projected.expected))).toEqual([9720, 14580, 14580, 14580]);
  });

  it("shows no share for measured items without a projection", () => {
    // Beeldzorg has no link: measured, realised, nothing projected to compare with.
    const item = amsterdam.itemIds[1];
    const zeeland = make.agenda({ region: make.region("zeeland"), items: [{ title: "Zonder koppeling", status: "in_uitvoering" }] });
    measure(zeeland, zeeland.itemIds[0], "baseline", 100, "2025-Q4");
    measure(zeeland, zeeland.itemIds[0], "measurement", 90, "2026-Q1");
    measure(amsterdam, item, "baseline", 100, "2025-Q4");
    measure(amsterdam, item, "measurement", 90, "2026-Q1");
    const r = run();
    const region = r.byRegion.find((x) => x.slug === "zeeland")!.quarters[0];
    expect([region.projected.expected, region.realised, region.measuredItems, region.share]).toEqual([0, 520, 1, null]);
    // Amsterdam's total: one measured item without a projection, so no share either.
    expect(r.byRegion.find((x) => x.slug === "amsterdam")!.quarters[0]).toMatchObject({ realised: 520, measuredItems: 1, share: null });
  });

  it("does not count an item stopped at the quarter's end, from its status history", () => {
    const item = twente.itemIds[0];
    db.insert(s.itemStatusChanges).values({ agendaId: twente.id, itemId: item, fromStatus: "prioriteit", status: "gestopt", lessonLearned: "x", changedAt: at("2026-Q4") }).run();
    expect(run().total.map((t) => Math.round(t.projected.expected))).toEqual([9720, 9720, 14580, 9720]);
  });

  it("is for the ministry's advisers only (view:national-overview), not members or the platform's administrator", () => {
    expect(() => getNationalResults({ db, actor: make.member(make.region("amsterdam"), "coordinator").principal(), quarters })).toThrow("not allowed");
    expect(() => getNationalResults({ db, actor: make.admin().principal(), quarters })).toThrow("not allowed");
  });
});

// The summary's rows (changes per item and quarter, summed per group) against the rules applied one item at a time:
// projectLink per link, realisedSaving per item on the measurements up to each quarter, the status
// history read at each quarter's end. A seeded world with several regions, series, units and stops.
describe("national results against a reference computation", () => {
  it("gives the same totals per quarter and region as the rules applied item by item", () => {
    let seed = 7;
    const rnd = (n: number) => Math.floor(((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * n);
    const slugs = ["slim-incontinentiemateriaal", "spraakgestuurd-rapporteren", "medicijndispenser", "beeldzorg-wijkverpleging"];
    const agendas = ["zuid-limburg", "groningen", "amsterdam"].map((slug) =>
      make.agenda({ region: make.region(slug), items: Array.from({ length: 6 }, (_, i) => ({ title: `Punt ${i}`, status: "in_uitvoering" as const, mechanism: i % 3 ? ("prevention" as const) : undefined })) }),
    );
    const all = [amsterdam, twente, ...agendas];
    const periods = ["2025-Q3", "2025-Q4", ...quarters] as Period[];
    for (const a of agendas) {
      for (const item of a.itemIds) {
        for (let k = rnd(3); k > 0; k--) {
          const reachUnit = rnd(2) ? "fte" : "clients";
          linkAt(periods[rnd(periods.length)], { agenda: a, itemId: item, innovation: slugs[rnd(4)], reach: 5 + rnd(50), reachUnit, taskHoursPerWeek: reachUnit === "fte" ? 1 + rnd(4) : null, eventsPerWeek: rnd(2) ? 3 : null });
        }
        for (const [profession, team] of [["", ""], ["verzorgende", ""], ["verzorgende", "Noord"]]) {
          if (rnd(3) === 0) continue;
          const unit = rnd(4) ? "hours_per_week" : "vacancies_fte";
          if (rnd(4)) measure(a, item, "baseline", 100 + rnd(200), "2025-Q3", { profession, team, unit, createdAt: at("2025-Q3", rnd(20)) });
          for (const p of periods) for (let m = rnd(3); m > 0; m--) measure(a, item, "measurement", 50 + rnd(250) + rnd(10) / 3, p, { profession, team, unit, createdAt: at(p, rnd(20)) });
        }
        for (let k = rnd(4) === 0 ? 1 + rnd(2) : 0; k > 0; k--) {
          const status = rnd(2) ? "gestopt" : "in_uitvoering";
          db.insert(s.itemStatusChanges).values({ agendaId: a.id, itemId: item, fromStatus: "in_uitvoering", status, lessonLearned: "x", changedAt: at(periods[1 + rnd(periods.length - 1)], rnd(80)) }).run();
        }
      }
    }

    const items = all.flatMap((a) => a.itemIds.map((id) => ({ id, regionId: a.regionId })));
    const links = db.select().from(s.itemInnovations).all();
    const ratings = ratingsByInnovation({ db, innovationIds: links.map((l) => l.innovationId) });
    const history = db.select().from(s.itemStatusChanges).all().sort((x, y) => +x.changedAt - +y.changedAt || x.id - y.id);
    const statusOf = new Map(db.select().from(s.agendaItems).all().map((i) => [i.id, i.status]));
    const measured = measurementsForItems({ db, itemIds: items.map((i) => i.id) });
    const reference = quarters.map((p) => {
      const end = periodEnd(p).getTime();
      const byRegion = new Map<number, { projected: number; links: number; realised: number; items: number }>();
      for (const item of items) {
        const own = history.filter((h) => h.itemId === item.id);
        const stopped = own.length ? own.filter((h) => +h.changedAt <= end).pop()?.status === "gestopt" : statusOf.get(item.id) === "gestopt";
        if (stopped) continue;
        const r = byRegion.get(item.regionId) ?? byRegion.set(item.regionId, { projected: 0, links: 0, realised: 0, items: 0 }).get(item.regionId)!;
        const rows = measured.get(item.id)!;
        const realised = realisedSaving({ baselines: rows.baselines, measurements: rows.measurements.filter((m) => m.period <= p) });
        if (realised.ok) (r.realised += realised.hoursPerYear), r.items++;
        // A link counts once made, or once its item is measured.
        for (const l of links.filter((l) => l.itemId === item.id && (+l.createdAt <= end || realised.ok))) {
          const saved = projectLink(ratings.get(l.innovationId) ?? [], l).saved;
          if (saved) (r.projected += saved.hoursPerYear.expected), r.links++;
        }
      }
      return byRegion;
    });

    const fast = run();
    // The world is not trivial: some items stopped for a while, several measured per region.
    expect(reference.some((q, i) => i > 0 && [...q.values()].reduce((n, r) => n + r.items, 0) > 8)).toBe(true);
    for (const region of fast.byRegion) {
      region.quarters.forEach((t, i) => {
        const r = reference[i].get(region.key) ?? { projected: 0, links: 0, realised: 0, items: 0 };
        expect(t.projected.expected).toBeCloseTo(r.projected, 6);
        expect(t.links).toBe(r.links);
        expect(t.realised).toBeCloseTo(r.realised, 6);
        expect(t.measuredItems).toBe(r.items);
      });
    }
    expect(fast.byRegion.map((x) => x.key).sort()).toEqual([...new Set(items.map((i) => i.regionId))].sort());
    // The factories wrote past the model functions, so that was the stale items recomputed; the stored
    // summary, once rebuilt, gives the same figures.
    syncNationalSummary({ db });
    expect(db.$client.prepare("SELECT count(*) FROM national_summary").pluck().get()).toBeGreaterThan(0);
    const stored = run();
    stored.byRegion.forEach((region, r) =>
      region.quarters.forEach((t, i) => {
        expect(t.projected.expected).toBeCloseTo(fast.byRegion[r].quarters[i].projected.expected, 6);
        expect(t.realised).toBeCloseTo(fast.byRegion[r].quarters[i].realised, 6);
        expect([t.links, t.measuredItems]).toEqual([fast.byRegion[r].quarters[i].links, fast.byRegion[r].quarters[i].measuredItems]);
      }),
    );
  });
});
