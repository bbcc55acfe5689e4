// How the evaluation gets to the rules' result fast, checked against the plain reading of the rules:
// end dates compared as numbers only when written YYYY-MM-DD, ties ordered by key from the prepared
// key order, the index the loader attaches, and flags handed out as plain objects.
import { describe, expect, it } from "vitest";
import { compareFlags, evaluateFlags, plainFlag } from "../../app/domain/flags/evaluate";
import { prepareFlagInputs } from "../../app/domain/flags/prepare";
import { DAY_MS, THRESHOLDS } from "../../app/domain/flags/thresholds";
import type { FlagInputs } from "../../app/domain/flags/types";
import { ago, item, NOW } from "../support/flag-fixtures";

function inputs(over: Partial<FlagInputs> = {}): FlagInputs {
  return {
    regions: [1, 2, 3].map((id) => ({ id, slug: `r${id}`, name: `Regio ${id}`, careWorkers: null, savingTargetFte: 0 })),
    agendas: [1, 2, 3].map((id) => ({ id, regionId: id, title: `Agenda ${id}`, status: "actief" as const, createdAt: ago(100) })),
    items: [],
    barriers: [],
    barrierTypes: [{ key: "financing", nameNl: "Bekostiging", nameEn: "Financing" }],
    links: [],
    ratings: [],
    proposals: [],
    adoptedAgendaIds: [1, 2, 3],
    dismissals: [],
    ...over,
  };
}
const run = (i: FlagInputs) => evaluateFlags(i, THRESHOLDS, NOW);
const barrier = (id: number, agendaId: number, createdAt: number) => ({ id, agendaId, itemId: "a", typeKey: "financing", severity: "hoog", status: "open", createdAt });

describe("end dates", () => {
  it("compares an end date not written YYYY-MM-DD as text, as the rule always did", () => {
    // As text "2026-6-1" comes after "2026-06-15": not passed, although 1 June is.
    const odd = run(inputs({ items: [item("a", { status: "prioriteit", endDate: "2026-6-1" })] }));
    expect(odd.find((f) => f.rule === "stalled-priority")).toBeUndefined();
    const passed = run(inputs({ items: [item("a", { status: "prioriteit", endDate: "2026-06-14" })] }));
    expect(passed.find((f) => f.rule === "stalled-priority")!.since).toBe(Date.parse("2026-06-14"));
  });
});

describe("order", () => {
  it("orders equal ranks by key, as strings, whatever the input order", () => {
    const ids = ["b", "a10", "a9", "a1", "c"];
    const flags = run(inputs({ items: ids.map((id) => item(id, { hasWhy: false })) }));
    expect(flags.map((f) => f.key)).toEqual(["a1", "a10", "a9", "b", "c"].map((id) => `item-basics:item-${id}`));
    // Barrier ids compare as text too: 10 before 9.
    const barriers = run(inputs({ items: [item("a")], barriers: [barrier(9, 1, ago(40)), barrier(10, 1, ago(40))] }));
    expect(barriers.map((f) => f.key)).toEqual(["high-barrier:barrier-10", "high-barrier:barrier-9"]);
  });

  it("sorts by comparing keys when an id repeats, with the same result as compareFlags", () => {
    const flags = run(inputs({ items: [item("a", { hasWhy: false, changedAt: ago(3) }), item("a", { hasWhy: false, changedAt: ago(9) }), item("b", { professionalsInvolved: null })] }));
    expect(flags.map((f) => f.key)).toEqual([...flags].sort(compareFlags).map((f) => f.key));
  });
});

describe("index", () => {
  const data = () =>
    inputs({
      adoptedAgendaIds: [1],
      items: [item("a", { status: "prioriteit", leadOrganisation: "" }), item("b", { hasWhy: false })],
      barriers: [barrier(1, 1, ago(40)), { ...barrier(2, 2, ago(5)), itemId: "b" }, { ...barrier(3, 3, ago(5)), itemId: "zz" }],
      dismissals: [{ flagKey: "item-basics:item-b", kind: "snooze", reason: "Later", until: NOW + DAY_MS, score: 1, fingerprint: "", userName: null, createdAt: NOW }],
    });

  it("gives the same flags from inputs indexed by the loader as from the rows alone", () => {
    const plain = JSON.stringify(run(data()));
    expect(JSON.stringify(run(prepareFlagInputs(data())))).toBe(plain);
    expect(run(data()).find((f) => f.key === "item-basics:item-b")!.dismissal).not.toBeNull();
  });

  it("indexes again when the inputs carry an index of other rows", () => {
    const stale = { ...prepareFlagInputs(data()), items: [item("c", { professionalsInvolved: "nee" })] };
    expect(run(stale).map((f) => f.key)).toEqual(run({ ...data(), items: [item("c", { professionalsInvolved: "nee" })] }).map((f) => f.key));
  });
});

describe("plain flags", () => {
  it("hands out plain objects with every field, as JSON.stringify sees the flag", () => {
    const [f] = run(inputs({ items: [item("a", { hasWhy: false })] }));
    const plain = plainFlag(f);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.keys(plain)).toEqual(["key", "rule", "severity", "score", "fingerprint", "regionId", "regionIds", "agendaId", "subject", "explanation", "figures", "threshold", "links", "since", "ageDays", "dismissal"]);
    expect(JSON.stringify(f)).toBe(JSON.stringify(plain));
    expect(plain.links[0].href).toBe("/agendas/1#item-a");
  });
});
