import { describe, expect, it } from "vitest";
import {
  comparePeriods,
  isPeriod,
  makePeriod,
  periodEnd,
  periodLabel,
  periodLastDay,
  periodOf,
  periodRange,
  periodShortLabel,
  periodsApart,
  periodStart,
  previousPeriod,
  shiftPeriod,
} from "../../app/domain/periods";

describe("periods", () => {
  it("takes the quarter from the Dutch calendar, not UTC", () => {
    expect(periodOf(Date.parse("2026-12-31T22:59:59Z"))).toBe("2026-Q4");
    expect(periodOf(Date.parse("2026-12-31T23:00:00Z"))).toBe("2027-Q1"); // midnight CET
    expect(periodOf(Date.parse("2026-06-30T22:00:00Z"))).toBe("2026-Q3"); // midnight CEST
    expect(periodOf(new Date("2026-06-30T21:59:59Z"))).toBe("2026-Q2");
  });

  it("steps across years", () => {
    expect(previousPeriod("2027-Q1")).toBe("2026-Q4");
    expect(shiftPeriod("2026-Q3", 6)).toBe("2028-Q1");
    expect(makePeriod(2026, 0)).toBe("2025-Q4");
    expect(periodsApart("2025-Q4", "2026-Q2")).toBe(2);
    expect(periodRange("2025-Q4", "2026-Q2")).toEqual(["2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(periodRange("2026-Q2", "2025-Q4")).toEqual([]);
    expect(comparePeriods("2026-Q1", "2025-Q4")).toBeGreaterThan(0);
  });

  it("validates the key form", () => {
    expect(isPeriod("2026-Q4")).toBe(true);
    for (const bad of ["2026-Q5", "2026-Q0", "2026Q4", "26-Q1", "", 2026]) expect(isPeriod(bad)).toBe(false);
    expect(() => previousPeriod("2026-Q5")).toThrow();
  });

  it("starts and ends on Dutch midnights", () => {
    expect(periodStart("2026-Q2")).toBe(Date.parse("2026-03-31T22:00:00Z"));
    expect(periodLastDay("2026-Q1")).toBe("2026-03-31");
    expect(periodLastDay("2026-Q4")).toBe("2026-12-31");
    expect(periodEnd("2026-Q4").toISOString()).toBe("2026-12-31T22:59:59.000Z");
  });

  it("labels in Dutch and English", () => {
    expect(periodLabel("2026-Q4", "nl")).toBe("4e kwartaal 2026");
    expect(periodLabel("2026-Q4", "en")).toBe("Q4 2026");
    expect(periodShortLabel("2026-Q1", "nl")).toBe("K1 2026");
  });
});
