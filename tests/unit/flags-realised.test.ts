// realised-below-projection and scaled-without-measurement (decision 031). The item's projection is
// 2 h per FTE a week × 10 FTE × 45 weeks = 900 h a year; the measurements are roster hours a week.
import { describe, expect, it } from "vitest";
import { realisedBelowProjection } from "../../app/domain/flags/rules/realised-below-projection";
import { scaledWithoutMeasurement } from "../../app/domain/flags/rules/scaled-without-measurement";
import { regionRules } from "../../app/domain/flags/rules";
import type { RegionRows } from "../../app/domain/flags/types";
import { item, link, rating, region, render, runRule, shared } from "../support/flag-fixtures";

type Row = NonNullable<RegionRows["measurements"]>[number];
let id = 1;
const m = (kind: Row["kind"], hoursPerWeek: number, period: string, over: Partial<Row> = {}): Row => ({
  id: id++, itemId: "a", kind, unit: "hours_per_week", hoursPerWeek, profession: "", team: "", period, createdAt: id, ...over,
});
const withRatings = shared({ ratings: [{ id: 1, ...rating(7, 2) }] });
const measured = (measurements: Row[], over: Parameters<typeof item>[1] = {}) =>
  region(1, { items: [item("a", { title: "Slimme bedsensoren", status: "in_uitvoering", ...over })], links: [link("a", 7)], measurements });

describe("realised-below-projection: under half of the projection after two measured quarters", () => {
  it("fires at (100 − 95) × 52 = 260 of 900 h (29%) over two quarters", () => {
    const hits = runRule(realisedBelowProjection, measured([m("baseline", 100, "2025-Q4"), m("measurement", 97, "2026-Q1"), m("measurement", 95, "2026-Q2")]), withRatings);
    expect(hits.map((h) => h.key)).toEqual(["realised-below-projection:item-a"]);
    expect(hits[0].severity).toBe("middel");
    const d = hits[0].describe(0);
    expect(render(d.explanation)).toBe("“Slimme bedsensoren” realiseert 29% van de verwachte besparing, gemeten in 2 kwartalen (laatst het 2e kwartaal 2026).");
    expect(render(d.explanation, "en")).toBe("“Slimme bedsensoren” realises 29% of the projected saving, measured in 2 quarters (latest Q2 2026).");
    expect(render(d.threshold)).toBe("gerealiseerd minder dan 50% van de verwachting, na minstens 2 gemeten kwartalen");
    expect(d.links.map((l) => l.href)).toEqual(["/agendas/1/punten/a#gerealiseerd"]);
  });

  it("does not fire after one quarter, nor at half or more, nor without a projection", () => {
    expect(runRule(realisedBelowProjection, measured([m("baseline", 100, "2025-Q4"), m("measurement", 95, "2026-Q2")]), withRatings)).toEqual([]);
    // (100 − 91) × 52 = 468 of 900 = 52%
    expect(runRule(realisedBelowProjection, measured([m("baseline", 100, "2025-Q4"), m("measurement", 91, "2026-Q1"), m("measurement", 91, "2026-Q2")]), withRatings)).toEqual([]);
    expect(runRule(realisedBelowProjection, measured([m("baseline", 100, "2025-Q4"), m("measurement", 99, "2026-Q1"), m("measurement", 99, "2026-Q2")]))).toEqual([]);
  });

  it("is hoog when the hours rose instead", () => {
    const [hit] = runRule(realisedBelowProjection, measured([m("baseline", 100, "2025-Q4"), m("measurement", 101, "2026-Q1"), m("measurement", 102, "2026-Q2")]), withRatings);
    expect(hit.severity).toBe("hoog");
  });
});

describe("scaled-without-measurement: scaled up and never measured", () => {
  it("fires for a scaled-up item without any measurement, and says whether a baseline exists", () => {
    const [none] = runRule(scaledWithoutMeasurement, measured([], { status: "opgeschaald" }));
    expect(none.key).toBe("scaled-without-measurement:item-a");
    expect(render(none.describe(0).explanation)).toBe("“Slimme bedsensoren” staat op opgeschaald, maar de regio heeft de besparing nooit gemeten: geen nulmeting en geen meting.");
    const [baselineOnly] = runRule(scaledWithoutMeasurement, measured([m("baseline", 100, "2025-Q4")], { status: "opgeschaald" }));
    expect(render(baselineOnly.describe(0).explanation, "en")).toBe("“Slimme bedsensoren” is marked scaled up, but nothing was measured after the baseline.");
    expect(baselineOnly.basis()).not.toBe(none.basis());
  });

  it("does not fire once measured, nor for items that are not scaled up", () => {
    expect(runRule(scaledWithoutMeasurement, measured([m("baseline", 100, "2025-Q4"), m("measurement", 90, "2026-Q1")], { status: "opgeschaald" }))).toEqual([]);
    expect(runRule(scaledWithoutMeasurement, measured([], { status: "in_uitvoering" }))).toEqual([]);
  });

  it("both rules run with the others", () => {
    expect(regionRules.map((r) => r.rule)).toEqual(expect.arrayContaining(["realised-below-projection", "scaled-without-measurement"]));
  });
});
