// The runner: it reloads and re-evaluates only the regions whose inputs changed, reruns every rule
// when the minute turns, orders flags worst first; and dismissals: personal unless an adviser
// acknowledges for the team, and every overview can say how many are hidden and by whom.
import { describe, expect, it } from "vitest";
import { dismissalHolds, hiddenSummary, hidingDismissal, viewerDismissals } from "../../app/domain/flags/dismissals";
import { FlagRunner, fingerprintOf, toFlag, type FlagSource } from "../../app/domain/flags/runner";
import { DAY_MS } from "../../app/domain/flags/thresholds";
import type { FlagDismissal, RegionRows } from "../../app/domain/flags/types";
import { ago, barrier, item, NOW, region, shared } from "../support/flag-fixtures";

/** A source over plain arrays that counts what the runner asks for. */
function source(rows: RegionRows[]) {
  const versions = new Map(rows.map((r) => [r.region.id, 1]));
  const data = new Map(rows.map((r) => [r.region.id, r]));
  let sharedVersion = 1;
  const asked: number[][] = [];
  const src: FlagSource = {
    versions: () => ({ shared: sharedVersion, regions: new Map(versions) }),
    shared: () => shared(),
    regions: (ids) => {
      asked.push([...ids]);
      return ids.map((id) => structuredClone(data.get(id)!));
    },
  };
  return {
    src,
    asked,
    change(id: number, edit: (r: RegionRows) => void) {
      edit(data.get(id)!);
      versions.set(id, versions.get(id)! + 1);
    },
    changeShared() {
      sharedVersion++;
    },
  };
}

const threeRegions = () => [1, 2, 3].map((id) => region(id, { items: [item("a" + id, { agendaId: id })], barriers: [barrier(id, id, { itemId: "a" + id })] }));

describe("incremental recompute", () => {
  it("loads every region once, then only the region whose version moved", () => {
    const s = source(threeRegions());
    const runner = new FlagRunner(s.src);
    const first = runner.run(NOW);
    expect(s.asked).toEqual([[1, 2, 3]]);
    expect(first.all().map((h) => h.key)).toEqual(["national-bottleneck:type-financing"]);

    // Same data, same minute: nothing is loaded or evaluated again.
    const before = { ...runner.stats };
    runner.run(NOW + 1000);
    expect(runner.stats).toEqual(before);

    s.change(2, (r) => (r.items[0].hasWhy = false));
    const second = runner.run(NOW + 2000);
    expect(s.asked).toEqual([[1, 2, 3], [2]]);
    expect(runner.stats.regionEvaluations - before.regionEvaluations).toBe(1);
    expect(second.all().map((h) => h.key)).toEqual(["national-bottleneck:type-financing", "item-basics:item-a2"]);

    // A change that ends the national bottleneck in one region is seen nationally too.
    s.change(3, (r) => (r.barriers = []));
    expect(runner.run(NOW + 3000).all().map((h) => h.key)).toEqual(["item-basics:item-a2"]);
    expect(s.asked.at(-1)).toEqual([3]);
  });

  it("re-evaluates, from kept rows, only the region whose threshold the clock crosses", () => {
    // Region 1: an idea whose status last changed 60 days less 45 seconds ago: "more than 60 days" 45 seconds on.
    const s = source([region(1, { items: [item("a", { progressAt: NOW - 60 * DAY_MS + 45_000 })] }), region(2, { items: [item("b", { agendaId: 2 })] })]);
    const runner = new FlagRunner(s.src);
    expect(runner.run(NOW).all()).toEqual([]);
    const evaluated = runner.stats.regionEvaluations;
    runner.run(NOW + 30_000);
    expect(runner.stats.regionEvaluations).toBe(evaluated);
    expect(runner.run(NOW + 60_000).all().map((h) => h.key)).toEqual(["stalled-item:item-a"]);
    expect(runner.stats.regionEvaluations).toBe(evaluated + 1);
    expect(s.asked).toHaveLength(1);
    // An hour on nothing else is due: nothing is evaluated again.
    runner.run(NOW + 3_600_000);
    expect(runner.stats.regionEvaluations).toBe(evaluated + 1);
  });

  it("re-evaluates every region at the Dutch midnight, when end dates pass", () => {
    // 2026-06-15 10:00 UTC; the Dutch day turns at 22:00 UTC (summer time).
    const s = source([region(1, { items: [item("a", { status: "prioriteit", endDate: "2026-06-15" })] })]);
    const runner = new FlagRunner(s.src);
    const midnight = Date.parse("2026-06-15T22:00:00Z");
    expect(runner.run(midnight - 1).all().map((h) => h.rule)).toEqual(["weak-evidence"]);
    expect(runner.run(midnight).all().map((h) => h.rule).sort()).toEqual(["stalled-item", "weak-evidence"]);
  });

  it("rebuilds every region's view from kept rows when the shared inputs change, without reloading them", () => {
    const s = source(threeRegions());
    const runner = new FlagRunner(s.src);
    runner.run(NOW);
    s.changeShared();
    runner.run(NOW);
    expect(runner.stats.sharedLoads).toBe(2);
    expect(s.asked).toHaveLength(1);
    expect(runner.stats.regionEvaluations).toBe(6);
  });

  it("drops a region that is gone", () => {
    const rows = threeRegions();
    const s = source(rows);
    const runner = new FlagRunner({ ...s.src, versions: () => ({ shared: 1, regions: new Map([[1, 1], [2, 1]]) }) });
    expect(runner.run(NOW).regions.map((r) => r.id)).toEqual([1, 2]);
  });
});

describe("order", () => {
  it("puts national bottlenecks first, then severity, score, age and key", () => {
    const rows = threeRegions();
    rows[0].items.push(item("z", { hasWhy: false, professionalsInvolved: "nee" }), item("y", { hasWhy: false }));
    rows[0].barriers.push(barrier(9, 1, { severity: "hoog", createdAt: ago(40), typeKey: "regulation" }));
    const keys = new FlagRunner(source(rows).src).run(NOW).all().map((h) => h.key);
    expect(keys).toEqual(["national-bottleneck:type-financing", "high-barrier:barrier-9", "item-basics:item-z", "item-basics:item-y"]);
  });

  it("gives a region its own flags and the national ones it is part of", () => {
    const rows = [...threeRegions(), region(4, { items: [item("d", { agendaId: 4, hasWhy: false })] })];
    const set = new FlagRunner(source(rows).src).run(NOW);
    expect(set.ofRegion(4).map((h) => h.key)).toEqual(["item-basics:item-d"]);
    expect(set.ofRegion(1).map((h) => h.key)).toEqual(["national-bottleneck:type-financing"]);
  });

  it("hands out plain objects with every field", () => {
    const set = new FlagRunner(source([region(1, { items: [item("a", { hasWhy: false })] })]).src).run(NOW);
    const flag = toFlag(set.all()[0], NOW);
    expect(Object.getPrototypeOf(flag)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(flag))).toEqual(flag);
    expect(flag.links[0].href).toBe("/agendas/1#item-a");
    expect(flag.fingerprint).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe("dismissals", () => {
  const set = new FlagRunner(source(threeRegions()).src).run(NOW);
  const hit = set.all()[0];
  const d = (over: Partial<FlagDismissal>): FlagDismissal => ({
    flagKey: hit.key,
    kind: "snooze",
    scope: "personal",
    reason: "Later",
    until: NOW + DAY_MS,
    score: hit.score,
    fingerprint: fingerprintOf(hit),
    userId: 1,
    userName: "Sanne Bakker",
    createdAt: NOW,
    ...over,
  });

  it("a personal snooze hides the flag for its adviser only", () => {
    const rows = [d({})];
    expect(hidingDismissal(hit, fingerprintOf, viewerDismissals(rows, 1), NOW)).not.toBeNull();
    expect(hidingDismissal(hit, fingerprintOf, viewerDismissals(rows, 2), NOW)).toBeNull();
  });

  it("a team acknowledgement hides it for everyone until the data changes", () => {
    const rows = [d({ kind: "acknowledge", scope: "team", until: null })];
    expect(hidingDismissal(hit, fingerprintOf, viewerDismissals(rows, 2), NOW)!.userName).toBe("Sanne Bakker");
    expect(hidingDismissal(hit, fingerprintOf, viewerDismissals([d({ kind: "acknowledge", scope: "team", until: null, fingerprint: "other" })], 2), NOW)).toBeNull();
  });

  it("the latest dismissal per person and scope counts", () => {
    const rows = [d({}), d({ until: NOW - 1 })];
    expect(hidingDismissal(hit, fingerprintOf, viewerDismissals(rows, 1), NOW)).toBeNull();
  });

  it("ends when the score rises, the date passes, or (acknowledged) the fingerprint changes", () => {
    const snooze = d({});
    expect(dismissalHolds({ score: hit.score, fingerprint: "changed" }, snooze, NOW)).toBe(true);
    expect(dismissalHolds({ score: hit.score + 1, fingerprint: snooze.fingerprint }, snooze, NOW)).toBe(false);
    expect(dismissalHolds({ score: hit.score, fingerprint: snooze.fingerprint }, snooze, NOW + DAY_MS)).toBe(false);
  });

  it("summarises how many are hidden and by whom", () => {
    const summary = hiddenSummary(
      [d({}), d({ flagKey: "x" }), d({ scope: "team", kind: "acknowledge", userId: 7, userName: "Piet de Vries" })],
      1,
    );
    expect(summary).toEqual({
      total: 3,
      by: [
        { userName: "Sanne Bakker", scope: "personal", mine: true, count: 2 },
        { userName: "Piet de Vries", scope: "team", mine: false, count: 1 },
      ],
    });
  });
});
