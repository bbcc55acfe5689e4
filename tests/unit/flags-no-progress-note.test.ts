// no-progress-note: an item in execution without a progress note for two whole quarters. The fixture
// clock (NOW) is 15 June 2026, in the second quarter: the first and the fourth are the edges.
import { describe, expect, it } from "vitest";
import { missedPeriods, noProgressNote } from "../../app/domain/flags/rules/no-progress-note";
import type { RegionRule } from "../../app/domain/flags/rules/rule";
import { prepareRegion, prepareShared } from "../../app/domain/flags/region";
import { dutchCalendarDay } from "../../app/domain/dutch-time";
import { ago, item, NOW, region, render, runRule, shared } from "../support/flag-fixtures";

const one = (over: Parameters<typeof item>[1]) => runRule(noProgressNote, region(1, { items: [item("a", { status: "in_uitvoering", ...over })] }));
const keys = (hits: { key: string }[]) => hits.map((h) => h.key);

describe("no-progress-note: in execution and two quarters without a progress note", () => {
  it("fires after two whole quarters without a note, not after one", () => {
    expect(one({ lastProgressPeriod: "2026-Q1" })).toEqual([]);
    expect(one({ lastProgressPeriod: "2025-Q4" })).toEqual([]); // only the first quarter missed
    expect(keys(one({ lastProgressPeriod: "2025-Q3" }))).toEqual(["no-progress-note:item-a"]);
    // A note for the running quarter counts as reported, however long before that the last one was.
    expect(one({ lastProgressPeriod: "2026-Q2" })).toEqual([]);
  });

  it("is middel at two missed quarters and hoog after a year", () => {
    expect(one({ lastProgressPeriod: "2025-Q3" })[0]).toMatchObject({ severity: "middel", score: 2 });
    expect(one({ lastProgressPeriod: "2025-Q2" })[0]).toMatchObject({ severity: "middel", score: 3 });
    expect(one({ lastProgressPeriod: "2025-Q1" })[0]).toMatchObject({ severity: "hoog", score: 4 });
  });

  it("counts an item that never reported from the quarter it went into execution", () => {
    // In execution since November 2025: the fourth and the first quarter passed without a note.
    expect(keys(one({ executionSince: ago(200) }))).toEqual(["no-progress-note:item-a"]);
    // Since March: only the first quarter passed.
    expect(one({ executionSince: ago(100) })).toEqual([]);
    // Without a status history the last progress stands in for the start of execution.
    expect(keys(one({ executionSince: null, progressAt: ago(200) }))).toEqual(["no-progress-note:item-a"]);
  });

  it("looks only at items in execution", () => {
    for (const status of ["idee", "prioriteit", "in_voorbereiding", "geborgd", "opgeschaald", "gestopt"]) {
      expect(one({ status, lastProgressPeriod: "2024-Q1" }), status).toEqual([]);
    }
  });

  it("says how many quarters and which was the last, in Dutch and with a link to the item's page", () => {
    const [hit] = one({ title: "Leefstijlcoach", lastProgressPeriod: "2025-Q3" });
    const d = hit.describe(NOW);
    expect(render(d.explanation)).toBe("“Leefstijlcoach” is in uitvoering, maar heeft 2 kwartalen geen voortgangsnotitie gehad; de laatste was over het 3e kwartaal 2025.");
    expect(render(d.threshold)).toBe("in uitvoering en 2 hele kwartalen op rij geen voortgangsnotitie");
    expect(d.links.map((l) => l.href)).toEqual(["/agendas/1/punten/a"]);
    const [never] = one({ title: "Leefstijlcoach", executionSince: ago(200) });
    expect(render(never.describe(NOW).explanation)).toBe("“Leefstijlcoach” is in uitvoering, maar heeft in 2 kwartalen nog nooit een voortgangsnotitie gehad.");
  });

  it("keeps its fingerprint while nothing changes and wakes when the quarter ends", () => {
    const a = one({ lastProgressPeriod: "2025-Q3" })[0].basis();
    expect(one({ lastProgressPeriod: "2025-Q3", changedAt: ago(0) })[0].basis()).toBe(a);
    const wakes: number[] = [];
    const rule: RegionRule = noProgressNote;
    rule.evaluate({ view: prepareRegion(region(1, { items: [item("a", { status: "in_uitvoering", lastProgressPeriod: "2026-Q1" })] }), prepareShared(shared())), now: NOW, today: dutchCalendarDay(NOW), wake: (at) => wakes.push(at) });
    expect(wakes).toEqual([Date.parse("2026-06-30T22:00:00Z")]); // Dutch midnight, 1 July
    expect(missedPeriods({ lastProgressPeriod: "2026-Q1", progressAt: null, changedAt: 0 }, Date.parse("2026-06-30T22:00:00Z"))).toBe(1); // the second quarter has now passed
  });
});
