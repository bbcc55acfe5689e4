// Realised and net savings and the recalibration rule, with figures checked by hand (decision 031).
import { describe, expect, it } from "vitest";
import {
  REALISED_ASSUMPTIONS,
  acrossRegions,
  attributableInnovation,
  compare,
  farBelowProjection,
  netRange,
  netSaving,
  realisedMechanism,
  realisedSaving,
  realisedShare,
  recalibrate,
  type MeasuredRow,
  type Realised,
} from "../../app/domain/realised-savings";
import { HOURS_PER_FTE_YEAR } from "../../app/domain/savings";

let nextId = 1;
const row = (hoursPerWeek: number, period: string, over: Partial<MeasuredRow> = {}): MeasuredRow => ({
  id: nextId++,
  unit: "hours_per_week",
  hoursPerWeek,
  profession: "",
  team: "",
  period,
  createdAt: nextId,
  ...over,
});

describe("realised saving", () => {
  it("is the baseline minus the latest period's mean, × 52 calendar weeks: (400 − 385) × 52 = 780 h", () => {
    const r = realisedSaving({
      baselines: [row(400, "2025-Q4")],
      // The latest period (2026-Q2) has two figures: their mean, 385, is compared.
      measurements: [row(390, "2026-Q1"), row(380, "2026-Q2"), row(390, "2026-Q2")],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.hoursPerYear).toBe(780);
    expect(r.fte).toBeCloseTo(780 / 1620);
    expect(r.periods).toBe(2);
    expect(r.latestPeriod).toBe("2026-Q2");
    expect(r.evidenceLevel).toBe(2);
    expect(r.series[0].measurementIds).toHaveLength(2);
  });

  it("counts one fewer vacancy (1 FTE × 36 h a week) as 36 × 45 = 1,620 h = 1 FTE", () => {
    const r = realisedSaving({
      baselines: [row(3 * 36, "2025-Q4", { unit: "vacancies_fte" })],
      measurements: [row(2 * 36, "2026-Q1", { unit: "vacancies_fte" })],
    });
    expect(r.ok && r.hoursPerYear).toBe(HOURS_PER_FTE_YEAR);
    expect(r.ok && r.fte).toBe(1);
  });

  it("adds the series of different professions, each against its own baseline", () => {
    const r = realisedSaving({
      baselines: [row(100, "2025-Q4", { profession: "verzorgende IG" }), row(50, "2025-Q4", { profession: "verpleegkundige" })],
      measurements: [row(90, "2026-Q1", { profession: "verzorgende IG" }), row(45, "2026-Q1", { profession: "verpleegkundige" })],
    });
    // (10 + 5) × 52 = 780
    expect(r.ok && r.hoursPerYear).toBe(780);
    expect(r.ok && r.series).toHaveLength(2);
  });

  it("keeps a rise in hours as a negative saving, never clamped", () => {
    const r = realisedSaving({ baselines: [row(100, "2025-Q4")], measurements: [row(110, "2026-Q1")] });
    expect(r.ok && r.hoursPerYear).toBe(-520);
  });

  it("has no figure without a baseline, and says so", () => {
    expect(realisedSaving({ baselines: [], measurements: [row(100, "2026-Q1")] })).toEqual({ ok: false, reason: "no_baseline", unmatched: 1 });
  });

  it("has no figure from a baseline alone", () => {
    expect(realisedSaving({ baselines: [row(100, "2025-Q4")], measurements: [] })).toEqual({ ok: false, reason: "no_measurement", unmatched: 0 });
  });

  it("never compares mixed units: overtime against a baseline of roster hours is no figure", () => {
    const r = realisedSaving({ baselines: [row(400, "2025-Q4")], measurements: [row(10, "2026-Q1", { unit: "overtime_hours_per_month" })] });
    expect(r).toEqual({ ok: false, reason: "unit_mismatch", unmatched: 1 });
  });

  it("counts the matching unit and reports the other as unmatched", () => {
    const r = realisedSaving({
      baselines: [row(400, "2025-Q4")],
      measurements: [row(390, "2026-Q1"), row(10, "2026-Q1", { unit: "overtime_hours_per_month" })],
    });
    expect(r.ok && r.hoursPerYear).toBe(520);
    expect(r.unmatched).toBe(1);
  });

  it("with one measurement has a figure over one period", () => {
    const r = realisedSaving({ baselines: [row(400, "2025-Q4")], measurements: [row(390, "2026-Q1")] });
    expect(r.ok && r.periods).toBe(1);
  });
});

describe("net saving", () => {
  it("writes the one-off hours off in the first year and states the payback: 1,000 a year, 250 once", () => {
    expect(netSaving(1000, 250)).toEqual({ oneOffHours: 250, firstYearHours: 750, laterYearHours: 1000, paybackMonths: 3 });
  });

  it("can be negative in the first year, paid back after more than 12 months", () => {
    const n = netSaving(600, 900);
    expect(n.firstYearHours).toBe(-300);
    expect(n.paybackMonths).toBe(18);
  });

  it("never pays back without a positive saving; costs nothing when there are no one-off hours", () => {
    expect(netSaving(0, 100).paybackMonths).toBeNull();
    expect(netSaving(-50, 100).paybackMonths).toBeNull();
    expect(netSaving(500, 0).paybackMonths).toBe(0);
  });

  it("subtracts from each of low, expected and high", () => {
    expect(netRange({ low: 500, expected: 1000, high: 2000 }, 400)).toEqual({ low: 100, expected: 600, high: 1600 });
  });
});

const measured = (hoursPerYear: number, periods: number): Realised => ({
  ok: true,
  hoursPerYear,
  fte: hoursPerYear / HOURS_PER_FTE_YEAR,
  periods,
  latestPeriod: "2026-Q2",
  series: [],
  unmatched: 0,
  evidenceLevel: 2,
});
const none: Realised = { ok: false, reason: "no_measurement", unmatched: 0 };

describe("realised against projected", () => {
  it("is a share of a positive projection only: a zero or missing projection gives none", () => {
    expect(realisedShare(550, 1000)).toBe(0.55);
    expect(realisedShare(550, 0)).toBeNull();
    expect(realisedShare(550, null)).toBeNull();
  });

  it("compares measured items with their own projection, not with the unmeasured ones", () => {
    const c = compare([
      { projectedHours: 1000, realised: measured(400, 2) },
      { projectedHours: 3000, realised: none },
    ]);
    expect(c).toEqual({ projectedHours: 4000, measuredItems: 1, realisedHours: 400, projectedOfMeasured: 1000, share: 0.4 });
  });

  it("calls realised far below at under 50% after two periods, not after one", () => {
    expect(farBelowProjection(measured(400, 2), 1000)).toBe(true);
    expect(farBelowProjection(measured(400, 1), 1000)).toBe(false);
    expect(farBelowProjection(measured(500, 2), 1000)).toBe(false);
    expect(farBelowProjection(measured(400, 2), 0)).toBe(false);
    expect(farBelowProjection(none, 1000)).toBe(false);
    expect(REALISED_ASSUMPTIONS.farBelowShare).toBe(0.5);
  });

  it("credits an innovation only when it is the item's one link with a figure", () => {
    expect(attributableInnovation([{ innovationId: 1, projectedHours: 100 }, { innovationId: 2, projectedHours: null }])).toBe(1);
    expect(attributableInnovation([{ innovationId: 1, projectedHours: 100 }, { innovationId: 2, projectedHours: 50 }])).toBeNull();
  });

  it("counts realised under the item's mechanism, else the link projecting most", () => {
    const links = [{ mechanism: "prevention" as const, projectedHours: 10 }, { mechanism: "working-differently" as const, projectedHours: 90 }];
    expect(realisedMechanism(null, links)).toBe("working-differently");
    expect(realisedMechanism("substitution", links)).toBe("substitution");
    expect(realisedMechanism(null, [])).toBeNull();
  });
});

const inRegion = (regionId: number, projectedHours: number | null, realised: Realised) => ({ regionId, regionName: `Regio ${regionId}`, projectedHours, realised });

describe("across regions and the recalibration rule", () => {
  it("gives the median of the regions' shares: 40%, 50%, 60%, 70% → 55%", () => {
    const a = acrossRegions([
      inRegion(1, 1000, measured(400, 2)),
      inRegion(2, 1000, measured(500, 2)),
      inRegion(3, 1000, measured(600, 2)),
      inRegion(4, 1000, measured(700, 2)),
    ]);
    expect(a.regions).toHaveLength(4);
    expect(a.medianShare).toBeCloseTo(0.55);
    expect(a.recalibration).toEqual({ ok: true, factor: expect.closeTo(0.55), regions: 4, evidenceLevel: 2 });
  });

  it("does not recalibrate from two regions, however well measured", () => {
    const a = acrossRegions([inRegion(1, 1000, measured(400, 4)), inRegion(2, 1000, measured(500, 4))]);
    expect(a.medianShare).toBeCloseTo(0.45);
    expect(a.recalibration).toEqual({ ok: false, regions: 2, needed: 3, periods: 2 });
  });

  it("does not count a region measured in one period towards the rule, but shows it", () => {
    const a = acrossRegions([inRegion(1, 1000, measured(400, 2)), inRegion(2, 1000, measured(500, 2)), inRegion(3, 1000, measured(900, 1))]);
    expect(a.regions.map((r) => r.qualifies)).toEqual([true, true, false]);
    expect(a.recalibration.ok).toBe(false);
    // Shown: all three regions' median.
    expect(a.medianShare).toBeCloseTo(0.5);
  });

  it("recalibrates from the qualifying regions only", () => {
    const a = acrossRegions([
      inRegion(1, 1000, measured(300, 2)),
      inRegion(2, 1000, measured(400, 2)),
      inRegion(3, 1000, measured(500, 3)),
      inRegion(4, 1000, measured(2000, 1)),
    ]);
    expect(a.recalibration).toMatchObject({ ok: true, factor: 0.4, regions: 3 });
  });

  it("leaves out regions with a zero projection or without a measurement", () => {
    const a = acrossRegions([inRegion(1, 0, measured(400, 2)), inRegion(2, 1000, none)]);
    expect(a.regions).toEqual([]);
    expect(a.medianShare).toBeNull();
  });

  it("scales a catalogue range by the factor, to show beside it", () => {
    expect(recalibrate({ low: 100, expected: 200, high: 400 }, 0.5)).toEqual({ low: 50, expected: 100, high: 200 });
  });
});
