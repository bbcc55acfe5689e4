// The national totals (decision 033) on factories: hand-checked projections per quarter, realised equal
// to realisedSaving item by item (the SQL restates the pure rule), stopped items, the evidence mix, and
// who may read them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { factoryDatabase, type Factories, type TestAgenda } from "../support/factories";
import { getNationalResults } from "../../app/models/national-results.server";
import { realisedSaving } from "../../app/domain/realised-savings";
import { measurementsForItems } from "../../app/models/measurements.server";
import { periodStart, type Period } from "../../app/domain/periods";
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
