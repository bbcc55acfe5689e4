// The evidence aggregate and the units of sourced ratings, checked by hand (arithmetic next to each
// expectation). Before issue 12 the catalogue blended ratings by evidence weight under the highest
// level, and telemonitoring's "-40% nursing days" counted as a share of task time.
import { describe, expect, it } from "vitest";
import {
  catalogueSummary,
  evidenceOf,
  linkCapability,
  orderLinkOptions,
  projectLink,
  projectSaving,
  ratingPerWeek,
  spreadOf,
  sumFigures,
  type Figure,
  type RatingInput,
} from "../../app/domain/savings";

const r = (o: Partial<RatingInput> & Pick<RatingInput, "unit"> & { taskName?: string }, value = 1, level = 2): RatingInput & { taskName?: string } => ({
  low: value,
  expected: value,
  high: value,
  evidenceLevel: level,
  ...o,
});
const fig = (low: number, expected: number, high: number, weakest: number, strongest = weakest, count = 1): Figure => ({
  hoursPerYear: { low, expected, high },
  fte: { low: low / 1620, expected: expected / 1620, high: high / 1620 },
  evidence: evidenceOf([weakest, strongest, ...Array(Math.max(0, count - 2)).fill(weakest)].slice(0, count))!,
  ratingIds: [],
});

describe("the evidence aggregate", () => {
  it("labels a sum with its weakest level, never its best", () => {
    const total = sumFigures([fig(100, 200, 300, 3), fig(10, 20, 30, 1), null])!;
    expect(total.evidence).toEqual({ weakest: 1, strongest: 3, count: 2 });
    // low, expected and high each summed: 100 + 10, 200 + 20, 300 + 30
    expect(total.hoursPerYear).toEqual({ low: 110, expected: 220, high: 330 });
  });

  it("is nothing when nothing gives a figure", () => {
    expect(sumFigures([null, undefined])).toBeNull();
    expect(evidenceOf([])).toBeNull();
  });

  it("spreads several ratings of one innovation from the lowest to the highest, the median as expected, without weights", () => {
    const s = spreadOf([
      { range: { low: 1, expected: 1, high: 1 }, level: 3, id: 1 },
      { range: { low: 2.5, expected: 2.5, high: 2.5 }, level: 1, id: 2 },
      { range: { low: 2, expected: 2, high: 2 }, level: 2, id: 3 },
    ])!;
    // The old weighted blend would give (4×1 + 1×2.5 + 2×2) / 7 = 1.5 under level 3.
    expect(s.range).toEqual({ low: 1, expected: 2, high: 2.5 });
    expect(s.evidence).toEqual({ weakest: 1, strongest: 3, count: 3 });
    expect(s.ratingIds).toEqual([1, 2, 3]);
  });

  it("projects the medication dispenser's three sourced figures for 200 clients", () => {
    const ratings = [
      r({ id: 1, unit: "minutes_per_day_per_client" }, 10, 2), // 10 × 7 / 60 = 1.1667 h a week
      r({ id: 2, unit: "minutes_per_day_per_client" }, 22, 2), // 22 × 7 / 60 = 2.5667
      r({ id: 3, unit: "hours_per_week_per_client" }, 2.5, 1),
    ];
    const p = projectLink(ratings, { reach: 200, reachUnit: "clients" });
    // × 200 clients × 52 weeks = 10,400: low 12,133, expected (median 2.5) 26,000, high 26,693
    expect(p.saved!.hoursPerYear.low).toBeCloseTo(12133.3, 0);
    expect(p.saved!.hoursPerYear.expected).toBeCloseTo(26000, 6);
    expect(p.saved!.hoursPerYear.high).toBeCloseTo(26693.3, 0);
    expect(p.saved!.evidence).toEqual({ weakest: 1, strongest: 2, count: 3 });
    expect(projectSaving(ratings, 200, "clients")).toMatchObject({ ok: true, evidenceLevel: 1, evidence: { weakest: 1 } });
  });

  it("keeps labour supply and task shifting apart from labour saved", () => {
    const ratings = [
      r({ unit: "hours_per_week_per_fte" }, 2, 2),
      r({ kind: "labour_supply", unit: "hours_per_week_per_fte" }, 1, 1),
      r({ kind: "task_shifting", unit: "pct_task_time", professions: { from: ["verpleegkundige"], to: ["helpende"] } }, 50, 2),
    ];
    const p = projectLink(ratings, { reach: 10, reachUnit: "fte", taskHoursPerWeek: 4 });
    expect(p.saved!.hoursPerYear.expected).toBe(2 * 10 * 45); // 900
    expect(p.supply!.hoursPerYear.expected).toBe(1 * 10 * 45); // 450, not in saved
    expect(p.shifted!.hoursPerYear.expected).toBe(0.5 * 4 * 10 * 45); // 900, not in saved
    expect(p.shifted!.professions).toEqual({ from: ["verpleegkundige"], to: ["helpende"] });
    // Supply or shifting alone saves nothing.
    expect(projectSaving([ratings[1]], 10, "fte")).toEqual({ ok: false, reason: "not_labour_saved" });
    expect(projectSaving([ratings[2]], 10, "fte", { taskHoursPerWeek: 4 })).toEqual({ ok: false, reason: "not_labour_saved" });
  });
});

describe("category errors are no labour saved", () => {
  it("does not turn fewer nursing days into staff hours", () => {
    const nursingDays = r({ kind: "care_demand", unit: "pct_care_use", taskHoursPerWeek: 10 }, 40);
    expect(ratingPerWeek(nursingDays, { reachUnit: "clients", taskHoursPerWeek: 10 })).toEqual({ ok: false, missing: "care_demand" });
    const p = projectLink([nursingDays], { reach: 500, reachUnit: "clients" });
    expect(p).toMatchObject({ saved: null, careDemand: 1, missing: "care_demand" });
    // Even a rating stored by mistake as labour saved in this unit is never converted.
    expect(projectLink([{ ...nursingDays, kind: "labour_saved" }], { reach: 500, reachUnit: "clients" }).saved).toBeNull();
  });

  it("does not count a gap between two groups of staff, nor a range nobody gave an expected value for", () => {
    const gap = r({ kind: "time_spent", unit: "hours_per_week_per_fte", low: 2, expected: 2, high: 4, expectedStated: false });
    expect(projectLink([gap], { reach: 120, reachUnit: "fte" })).toMatchObject({ saved: null, supply: null, missing: "not_labour_saved" });
    expect(projectLink([{ ...gap, kind: "labour_saved" }], { reach: 120, reachUnit: "fte" }).saved).toBeNull();
    // Rows read with plain SQL (the flags) carry SQLite's 0 for false.
    expect(projectLink([{ ...gap, kind: "labour_saved", expectedStated: 0 }], { reach: 120, reachUnit: "fte" }).saved).toBeNull();
  });
});

describe("units as the sources state them", () => {
  it("converts minutes per client per week, hours per year per worker, and per occurrence", () => {
    expect(ratingPerWeek(r({ unit: "minutes_per_week_per_client" }, 102), { reachUnit: "clients" })).toEqual({ ok: true, range: { low: 1.7, expected: 1.7, high: 1.7 } });
    // 45 hours a year / 45 worked weeks = 1 hour a week
    expect(ratingPerWeek(r({ unit: "hours_per_year_per_fte" }, 45), { reachUnit: "fte" })).toMatchObject({ ok: true, range: { expected: 1 } });
    // 9 minutes per wash × 4 washes a week = 36 minutes = 0.6 h, for clients or FTE alike
    expect(ratingPerWeek(r({ unit: "minutes_per_event" }, 9), { reachUnit: "clients", eventsPerWeek: 4 })).toMatchObject({ ok: true, range: { expected: 0.6 } });
    expect(ratingPerWeek(r({ unit: "minutes_per_event" }, 9), { reachUnit: "clients" })).toEqual({ ok: false, missing: "events" });
  });

  it("takes a share of a task with the task's hours from the rating, else from the region's link", () => {
    const pct = r({ unit: "pct_task_time" }, 30);
    expect(ratingPerWeek(pct, { reachUnit: "fte" })).toEqual({ ok: false, missing: "task_hours" });
    expect(ratingPerWeek(pct, { reachUnit: "fte", taskHoursPerWeek: 4 })).toMatchObject({ ok: true, range: { expected: 1.2 } });
    expect(ratingPerWeek({ ...pct, taskHoursPerWeek: 10 }, { reachUnit: "fte", taskHoursPerWeek: 4 })).toMatchObject({ ok: true, range: { expected: 3 } });
    expect(projectLink([pct], { reach: 10, reachUnit: "fte" }).missing).toBe("task_hours");
    expect(projectLink([pct], { reach: 10, reachUnit: "clients" }).missing).toBe("unit_mismatch");
  });
});

describe("what linking can give", () => {
  const options = [
    { id: 1, nameNl: "Beta", sectors: ["ggz"], capability: linkCapability([]) },
    { id: 2, nameNl: "Alfa", sectors: ["wijkverpleging"], capability: linkCapability([r({ unit: "hours_per_week_per_client" })]) },
    { id: 3, nameNl: "Gamma", sectors: ["ggz"], capability: linkCapability([r({ unit: "pct_task_time", taskName: "rapporteren" }, 30)]) },
    { id: 4, nameNl: "Delta", sectors: ["ziekenhuis"], capability: linkCapability([r({ kind: "care_demand", unit: "pct_care_use", taskName: "verpleegdagen" }, 40)]) },
  ];

  it("says what each innovation needs, or what is missing", () => {
    expect(options[1].capability).toMatchObject({ produces: true, routes: [{ basis: "client", needs: null }] });
    expect(options[2].capability).toMatchObject({ produces: true, routes: [{ basis: "fte", needs: "task_hours", task: "rapporteren" }] });
    expect(options[0].capability).toMatchObject({ produces: false, missing: "unrated" });
    expect(options[3].capability).toMatchObject({ produces: false, missing: "care_demand", careDemandOf: ["verpleegdagen"] });
    expect(linkCapability([r({ kind: "labour_supply", unit: "hours_per_week_per_fte" })])).toMatchObject({ produces: false, missing: "not_labour_saved", otherKinds: ["labour_supply"] });
  });

  it("lists first those that give a figure, the item's sectors first within each group", () => {
    expect(orderLinkOptions(options, ["ggz"]).map((o) => o.id)).toEqual([3, 2, 1, 4]);
    expect(orderLinkOptions(options, []).map((o) => o.id)).toEqual([2, 3, 1, 4]);
  });

  it("summarises the catalogue per basis and counts what is shown apart", () => {
    const s = catalogueSummary([
      r({ unit: "minutes_per_day_per_client" }, 10, 2),
      r({ unit: "hours_per_week_per_client" }, 2.5, 1),
      r({ unit: "pct_task_time" }, 30, 3),
      r({ kind: "care_demand", unit: "pct_care_use" }, 40, 2),
    ]);
    expect(s.perBasis.client!.evidence).toEqual({ weakest: 1, strongest: 2, count: 2 });
    expect(s.perBasis.client!.range.low).toBeCloseTo(70 / 60);
    expect(s.perBasis.fte).toBeUndefined();
    expect(s.needsLinkFields).toBe(1);
    expect(s.byKind).toMatchObject({ labour_saved: 3, care_demand: 1 });
  });
});
