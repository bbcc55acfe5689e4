// Figures checked by hand; the arithmetic is written out next to each expectation.
import { describe, expect, it } from "vitest";
import {
  ASSUMPTIONS,
  HOURS_PER_FTE_YEAR,
  formatRange,
  projectSaving,
  ratingHoursPerWeek,
  roundSignificant,
  type RatingInput,
} from "../../app/domain/savings";

const perFte = (low: number, expected: number, high: number, evidenceLevel = 2): RatingInput => ({
  unit: "hours_per_week_per_fte",
  low,
  expected,
  high,
  evidenceLevel,
});

describe("assumptions", () => {
  it("counts 1 FTE as 36 hours × 45 weeks = 1,620 hours a year", () => {
    expect(HOURS_PER_FTE_YEAR).toBe(1620);
    expect(ASSUMPTIONS.clientWeeksPerYear).toBe(52);
  });
});

describe("units", () => {
  it("takes hours per client and per FTE as they are", () => {
    expect(ratingHoursPerWeek({ unit: "hours_per_week_per_client", low: 0.5, expected: 1, high: 1.5, evidenceLevel: 1 })).toEqual({
      basis: "client",
      range: { low: 0.5, expected: 1, high: 1.5 },
    });
    expect(ratingHoursPerWeek(perFte(2, 3, 4))).toEqual({ basis: "fte", range: { low: 2, expected: 3, high: 4 } });
  });

  it("turns a percentage of a task into hours per FTE: 30% of a 10-hour task = 3 hours", () => {
    const r = ratingHoursPerWeek({ unit: "pct_task_time", low: 30, expected: 30, high: 31.4, evidenceLevel: 2, taskHoursPerWeek: 10 });
    expect(r?.basis).toBe("fte");
    expect(r?.range.low).toBeCloseTo(3);
    expect(r?.range.expected).toBeCloseTo(3);
    expect(r?.range.high).toBeCloseTo(3.14);
  });

  it("cannot put a percentage in hours when the task's hours are unknown", () => {
    expect(ratingHoursPerWeek({ unit: "pct_task_time", low: 30, expected: 40, high: 40, evidenceLevel: 2 })).toBeNull();
  });
});

describe("low, expected, high", () => {
  it("projects digicoaches for 50 FTE: 2-3-4 h/week × 50 × 45 weeks = 4,500-6,750-9,000 hours", () => {
    const p = projectSaving([perFte(2, 3, 4)], 50, "fte");
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.hoursPerYear).toEqual({ low: 4500, expected: 6750, high: 9000 });
    // 4,500 / 1,620 = 2.78; 6,750 / 1,620 = 4.17; 9,000 / 1,620 = 5.56
    expect(p.fte.low).toBeCloseTo(2.778, 3);
    expect(p.fte.expected).toBeCloseTo(4.167, 3);
    expect(p.fte.high).toBeCloseTo(5.556, 3);
  });

  it("projects a per-client saving over 52 weeks: 0.5-1-1.5 h × 100 clients × 52 = 2,600-5,200-7,800 hours", () => {
    const p = projectSaving([{ unit: "hours_per_week_per_client", low: 0.5, expected: 1, high: 1.5, evidenceLevel: 2 }], 100, "clients");
    expect(p).toMatchObject({ ok: true, hoursPerYear: { low: 2600, expected: 5200, high: 7800 } });
    if (p.ok) expect(p.fte.expected).toBeCloseTo(3.21, 2); // 5,200 / 1,620
  });

  it("refuses to mix bases: a per-client figure says nothing about a reach in FTE", () => {
    expect(projectSaving([{ unit: "hours_per_week_per_client", low: 1, expected: 1, high: 1, evidenceLevel: 2 }], 10, "fte")).toEqual({
      ok: false,
      reason: "unit_mismatch",
    });
    expect(projectSaving([], 10, "fte")).toEqual({ ok: false, reason: "unrated" });
  });

  it("saves nothing with zero reach", () => {
    expect(projectSaving([perFte(2, 3, 4)], 0, "fte")).toMatchObject({ ok: true, hoursPerYear: { low: 0, expected: 0, high: 0 } });
  });
});

// The evidence aggregate (weakest level, spread, kinds apart): tests/unit/evidence.test.ts.

// The region's own target, its units and the shortage share: tests/unit/targets.test.ts.

describe("display", () => {
  it("rounds to two significant digits", () => {
    expect(roundSignificant(1234)).toBe(1200);
    expect(roundSignificant(0.04567)).toBe(0.046);
    expect(roundSignificant(6750)).toBe(6800);
  });
  it("shows expected with its spread", () => {
    expect(formatRange({ low: 4500, expected: 6750, high: 9000 }, "nl")).toBe("6.800 (4.500–9.000)");
    expect(formatRange({ low: 4500, expected: 6750, high: 9000 }, "en")).toBe("6,800 (4,500–9,000)");
    expect(formatRange({ low: 3, expected: 3, high: 3 }, "nl")).toBe("3");
  });
});
