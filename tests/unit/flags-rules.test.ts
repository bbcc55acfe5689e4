// Each bottleneck rule on small hand-made data, with the edges the thresholds name
// (exactly 30 days is not "longer than 30 days"; exactly three regions is a national bottleneck).
import { describe, expect, it } from "vitest";
import { evaluateFlags, dismissalHolds } from "../../app/domain/flags/evaluate";
import { applyFilter, parseFlagFilter } from "../../app/domain/flags/filter";
import { renderText } from "../../app/domain/flags/text";
import { DAY_MS, THRESHOLDS } from "../../app/domain/flags/thresholds";
import type { FlagInputs } from "../../app/domain/flags/types";
import { ago, item, NOW } from "../support/flag-fixtures";
import { translate, type MessageKey } from "../../app/i18n/messages";
import { ASSUMPTIONS } from "../../app/domain/savings";

/** Three regions with one agenda each (1, 2, 3), targets met, all adopted: no flag fires. */
function base(over: Partial<FlagInputs> = {}): FlagInputs {
  return {
    regions: [1, 2, 3, 4].map((id) => ({ id, slug: `r${id}`, name: `Regio ${id}`, careWorkers: null, savingTargetFte: 0 })),
    agendas: [1, 2, 3, 4].map((id) => ({ id, regionId: id, title: `Agenda ${id}`, status: "actief" as const, createdAt: ago(100) })),
    items: [],
    barriers: [],
    barrierTypes: [{ key: "financing", nameNl: "Bekostiging en financiering", nameEn: "Financing" }],
    links: [],
    ratings: [],
    proposals: [],
    adoptedAgendaIds: [1, 2, 3, 4],
    dismissals: [],
    ...over,
  };
}

const barrier = (id: number, agendaId: number, over: Partial<FlagInputs["barriers"][number]> = {}) => ({
  id,
  agendaId,
  itemId: "a",
  typeKey: "financing",
  severity: "middel",
  status: "open",
  createdAt: ago(5),
  ...over,
});

const run = (inputs: FlagInputs) => evaluateFlags(inputs, THRESHOLDS, NOW);
const keys = (inputs: FlagInputs) => run(inputs).map((f) => f.key);
const nl = (t: Parameters<typeof renderText>[2]) => renderText((k, v) => translate("nl", k as MessageKey, v), "nl", t);

describe("baseline", () => {
  it("fires nothing on healthy data", () => {
    expect(run(base({ items: [item("a")] }))).toEqual([]);
  });
});

describe("rule 1: severe barrier open longer than 30 days", () => {
  it("does not fire at exactly 30 days, fires after", () => {
    const at30 = base({ items: [item("a")], barriers: [barrier(1, 1, { severity: "hoog", createdAt: ago(30) })] });
    expect(keys(at30)).toEqual([]);
    const after = base({ items: [item("a")], barriers: [barrier(1, 1, { severity: "hoog", createdAt: ago(30) - 1 })] });
    expect(keys(after)).toEqual(["high-barrier:barrier-1"]);
  });

  it("counts in_behandeling and geescaleerd as open, not opgelost; and only severity hoog", () => {
    const inputs = base({
      items: [item("a")],
      barriers: [
        barrier(1, 1, { severity: "hoog", status: "in_behandeling", createdAt: ago(40) }),
        barrier(2, 1, { severity: "hoog", status: "geescaleerd", createdAt: ago(40) }),
        barrier(3, 1, { severity: "hoog", status: "opgelost", createdAt: ago(40) }),
        barrier(4, 1, { severity: "middel", createdAt: ago(400) }),
      ],
    });
    expect(keys(inputs).sort()).toEqual(["high-barrier:barrier-1", "high-barrier:barrier-2"]);
  });

  it("explains itself in Dutch with the figures, threshold and a link to the passage", () => {
    const [f] = run(base({ items: [item("a", { title: "Slim incontinentiemateriaal" })], barriers: [barrier(7, 1, { severity: "hoog", createdAt: ago(45) })] }));
    expect(nl(f.explanation)).toBe(
      "De belemmering “Bekostiging en financiering” bij “Slim incontinentiemateriaal” heeft ernst hoog en staat al 45 dagen open (status: open). Dat is langer dan 30 dagen.",
    );
    expect(nl(f.threshold)).toBe("ernst hoog en langer dan 30 dagen open");
    expect(f.figures.map((x) => [translate("nl", x.label as MessageKey), x.value])).toContainEqual(["Dagen open", 45]);
    expect(f.links.map((l) => l.href)).toEqual(["/agendas/1#item-a", "/belemmeringen/7"]);
    expect(f.severity).toBe("hoog");
    expect(f.regionId).toBe(1);
  });

  it("scores in steps of 30 days, so the score rises only when the wait grows a step", () => {
    const score = (d: number) => run(base({ items: [item("a")], barriers: [barrier(1, 1, { severity: "hoog", createdAt: ago(d) })] }))[0].score;
    expect(score(31)).toBe(1);
    expect(score(59)).toBe(1);
    expect(score(60)).toBe(2);
  });
});

describe("rule 2: national bottleneck", () => {
  it("fires at exactly three regions, not at two", () => {
    const two = base({ barriers: [barrier(1, 1), barrier(2, 2), barrier(3, 2)] });
    expect(keys(two)).toEqual([]);
    const three = base({ barriers: [barrier(1, 1), barrier(2, 2), barrier(3, 3)] });
    const flags = run(three);
    expect(flags.map((f) => f.key)).toEqual(["national-bottleneck:type-financing"]);
    expect(flags[0].regionId).toBeNull();
    expect(flags[0].regionIds).toEqual([1, 2, 3]);
    expect(flags[0].score).toBe(3);
    expect(flags[0].links).toHaveLength(3);
    expect(nl(flags[0].explanation)).toContain("staat open in 3 regio's (3 keer)");
  });

  it("ignores solved barriers and counts per type", () => {
    const inputs = base({
      barrierTypes: [
        { key: "financing", nameNl: "Bekostiging", nameEn: "Financing" },
        { key: "regulation", nameNl: "Regelgeving", nameEn: "Regulation" },
      ],
      barriers: [barrier(1, 1), barrier(2, 2), barrier(3, 3, { status: "opgelost" }), barrier(4, 3, { typeKey: "regulation" })],
    });
    expect(keys(inputs)).toEqual([]);
  });

  it("puts national bottlenecks first", () => {
    const inputs = base({
      items: [item("a")],
      barriers: [barrier(1, 1, { severity: "hoog", createdAt: ago(90) }), barrier(2, 2), barrier(3, 3)],
    });
    expect(keys(inputs)[0]).toBe("national-bottleneck:type-financing");
  });
});

describe("rule 3: a priority that stalls", () => {
  it("fires when the end date passed (not on the end date itself)", () => {
    expect(keys(base({ items: [item("a", { status: "prioriteit", endDate: "2026-06-15" })] }))).not.toContain("stalled-priority:item-a");
    const f = run(base({ items: [item("a", { status: "prioriteit", endDate: "2026-06-14" })] })).find((x) => x.rule === "stalled-priority")!;
    expect(nl(f.explanation)).toBe("Prioriteit “Punt a” loopt vast: de einddatum 2026-06-14 is verstreken terwijl het punt nog niet in uitvoering is.");
  });

  it("does not fire for items already in progress with a passed end date", () => {
    expect(keys(base({ items: [item("a", { status: "in_uitvoering", endDate: "2020-01-01" })] }))).toEqual([]);
  });

  it("fires after more than 60 days without change, not at exactly 60", () => {
    expect(keys(base({ items: [item("a", { status: "prioriteit", changedAt: ago(60) })] }))).not.toContain("stalled-priority:item-a");
    expect(keys(base({ items: [item("a", { status: "prioriteit", changedAt: ago(61) })] }))).toContain("stalled-priority:item-a");
  });

  it("fires without a lead organisation, and gets severe with two reasons", () => {
    const one = run(base({ items: [item("a", { status: "prioriteit", leadOrganisation: "  " })] })).find((x) => x.rule === "stalled-priority")!;
    expect(one.severity).toBe("middel");
    expect(one.score).toBe(1);
    const two = run(base({ items: [item("a", { status: "prioriteit", leadOrganisation: "", endDate: "2026-01-01" })] })).find(
      (x) => x.rule === "stalled-priority",
    )!;
    expect(two.severity).toBe("hoog");
    expect(two.score).toBe(2);
    expect(two.links[0].href).toBe("/agendas/1#item-a");
  });
});

describe("rule 4: a priority's saving on weak evidence or none", () => {
  const rating = (innovationId: number, evidenceLevel: number) => ({
    innovationId,
    unit: "hours_per_week_per_fte" as const,
    low: 1,
    expected: 2,
    high: 3,
    evidenceLevel,
  });
  const prio = item("a", { status: "prioriteit" });
  const link = (innovationId: number) => ({ itemId: "a", agendaId: 1, innovationId, reach: 10, reachUnit: "fte" as const });

  it("fires with no linked innovation", () => {
    const f = run(base({ items: [prio] })).find((x) => x.rule === "weak-evidence")!;
    expect(f.explanation.key).toBe("flags.explain.weak-evidence.noLink");
    expect(f.score).toBe(2);
  });

  it("fires when linked innovations have no rating", () => {
    const f = run(base({ items: [prio], links: [link(5)] })).find((x) => x.rule === "weak-evidence")!;
    expect(f.explanation.key).toBe("flags.explain.weak-evidence.unrated");
  });

  it("fires when every rating is evidence level 1, not when one reaches level 2", () => {
    const weak = run(base({ items: [prio], links: [link(5)], ratings: [rating(5, 1)] })).find((x) => x.rule === "weak-evidence")!;
    expect(weak.explanation.key).toBe("flags.explain.weak-evidence.weak");
    expect(weak.score).toBe(1);
    const mixed = base({ items: [prio], links: [link(5), { ...link(6) }], ratings: [rating(5, 1), rating(6, 2)] });
    expect(keys(mixed)).not.toContain("weak-evidence:item-a");
  });

  it("applies to priorities only", () => {
    expect(keys(base({ items: [item("a", { status: "voorgesteld" })] }))).toEqual([]);
  });
});

describe("rule 5: region below half its target", () => {
  // 10 FTE reach × 18 h/week × 45 weeks = 8,100 h = 5 FTE a year.
  const setup = (target: number) =>
    base({
      regions: [{ id: 1, slug: "r1", name: "Regio 1", careWorkers: null, savingTargetFte: target }],
      agendas: [{ id: 1, regionId: 1, title: "Agenda 1", status: "actief", createdAt: ago(100) }],
      items: [item("a")],
      links: [{ itemId: "a", agendaId: 1, innovationId: 5, reach: 10, reachUnit: "fte" }],
      ratings: [{ innovationId: 5, unit: "hours_per_week_per_fte", low: 18, expected: 18, high: 18, evidenceLevel: 3 }],
    });

  it("does not fire at exactly half, fires below", () => {
    expect(keys(setup(10))).toEqual([]);
    const f = run(setup(10.1)).find((x) => x.rule === "below-target")!;
    expect(f.severity).toBe("middel");
    expect(f.score).toBe(100 - 50);
    expect(nl(f.explanation)).toContain("De verwachte besparing van Regio 1 is 5 fte: 50% van het doel van 10,1 fte");
  });

  it("is severe below a quarter, and the region's equal share applies when no target is set", () => {
    expect(run(setup(21)).find((x) => x.rule === "below-target")!.severity).toBe("hoog");
    const noTarget = setup(0);
    noTarget.regions[0].savingTargetFte = null;
    const f = run(noTarget).find((x) => x.rule === "below-target")!;
    expect(f.explanation.key).toBe("flags.explain.below-target.equal_share");
    expect(translate("nl", f.figures[2].label as MessageKey)).toBe("Doel (fte)");
    expect(f.figures[2].value).toBe(Math.round((ASSUMPTIONS.nationalTargetFte / 28) * 10) / 10);
  });

  it("does not count stopped items or archived agendas", () => {
    const stopped = setup(6);
    stopped.items[0].status = "gestopt";
    expect(keys(stopped)).toContain("below-target:region-1");
  });
});

describe("rule 6: board decisions that do not come", () => {
  it("flags an agenda without adopted priorities, not an archived one", () => {
    const inputs = base({ adoptedAgendaIds: [1, 2, 3] });
    expect(keys(inputs)).toEqual(["board-decision:agenda-4"]);
    inputs.agendas[3].status = "gearchiveerd";
    expect(keys(inputs)).toEqual([]);
  });

  it("flags a proposal open longer than 30 days, not at exactly 30", () => {
    const p = (createdAt: number, status = "open") => ({ id: 9, agendaId: 2, status, createdAt, deadline: NOW + 10 * DAY_MS });
    expect(keys(base({ proposals: [p(ago(30))] }))).toEqual([]);
    expect(keys(base({ proposals: [p(ago(30) - 1)] }))).toEqual(["board-decision:proposal-9"]);
    expect(keys(base({ proposals: [p(ago(45), "adopted")] }))).toEqual([]);
  });
});

describe("rule 7: no why or no care professionals", () => {
  it("fires for an empty why, for professionals 'nee' and for not filled in; not for 'deels'", () => {
    expect(keys(base({ items: [item("a", { hasWhy: false })] }))).toEqual(["item-basics:item-a"]);
    expect(keys(base({ items: [item("a", { professionalsInvolved: "nee" })] }))).toEqual(["item-basics:item-a"]);
    expect(keys(base({ items: [item("a", { professionalsInvolved: null })] }))).toEqual(["item-basics:item-a"]);
    expect(keys(base({ items: [item("a", { professionalsInvolved: "deels" })] }))).toEqual([]);
    const both = run(base({ items: [item("a", { hasWhy: false, professionalsInvolved: "nee" })] }))[0];
    expect(both.score).toBe(2);
    expect(nl(both.explanation)).toBe("Bij “Punt a” ontbreekt de basis: er staat geen “waarom”; zorgprofessionals zijn niet betrokken.");
  });

  it("skips stopped items", () => {
    expect(keys(base({ items: [item("a", { hasWhy: false, status: "gestopt" })] }))).toEqual([]);
  });
});

describe("keys, fingerprints and dismissals", () => {
  const inputs = () => base({ items: [item("a", { hasWhy: false })] });

  it("keeps key and fingerprint stable for the same data, and changes the fingerprint with the data", () => {
    const [a] = run(inputs());
    const [b] = run(inputs());
    expect(a.key).toBe(b.key);
    expect(a.fingerprint).toBe(b.fingerprint);
    const changed = inputs();
    changed.items[0].professionalsInvolved = "nee";
    expect(run(changed)[0].fingerprint).not.toBe(a.fingerprint);
  });

  it("hides an acknowledged flag until its fingerprint changes or its score rises", () => {
    const [f] = run(inputs());
    const ack = { flagKey: f.key, kind: "acknowledge" as const, reason: "Bekend", until: null, score: f.score, fingerprint: f.fingerprint, userName: "S", createdAt: NOW };
    expect(run({ ...inputs(), dismissals: [ack] })[0].dismissal).not.toBeNull();
    const worse = inputs();
    worse.items[0].professionalsInvolved = "nee";
    expect(run({ ...worse, dismissals: [ack] })[0].dismissal).toBeNull();
    expect(dismissalHolds({ score: f.score, fingerprint: "other" }, ack, NOW)).toBe(false);
  });

  it("hides a snoozed flag until the date, even if the data changes, unless it gets worse", () => {
    const f = { score: 1, fingerprint: "x" };
    const snooze = { flagKey: "k", kind: "snooze" as const, reason: "Later", until: NOW + DAY_MS, score: 1, fingerprint: "x", userName: null, createdAt: NOW };
    expect(dismissalHolds(f, snooze, NOW)).toBe(true);
    expect(dismissalHolds({ score: 1, fingerprint: "y" }, snooze, NOW)).toBe(true);
    expect(dismissalHolds(f, snooze, NOW + DAY_MS)).toBe(false);
    expect(dismissalHolds({ score: 2, fingerprint: "x" }, snooze, NOW)).toBe(false);
  });
});

describe("filter", () => {
  it("filters by rule, region (national flags included), severity and age", () => {
    const flags = run(
      base({
        adoptedAgendaIds: [1, 2, 3],
        items: [item("a", { hasWhy: false, changedAt: ago(10) })],
        barriers: [barrier(1, 1, { createdAt: ago(100) }), barrier(2, 2), barrier(3, 3)],
      }),
    );
    const regions = [1, 2, 3, 4].map((id) => ({ id, slug: `r${id}` }));
    const f = (q: string) => applyFilter(flags, parseFlagFilter(new URLSearchParams(q)), regions).map((x) => x.key);
    expect(f("regel=item-basics")).toEqual(["item-basics:item-a"]);
    expect(f("regio=r1")).toEqual(["national-bottleneck:type-financing", "item-basics:item-a"]);
    expect(f("regio=r4")).toEqual(["board-decision:agenda-4"]);
    expect(f("ernst=hoog")).toEqual(["national-bottleneck:type-financing"]);
    expect(f("ouderdan=30")).toEqual(["national-bottleneck:type-financing", "board-decision:agenda-4"]);
    expect(f("regel=bogus&ernst=x&ouderdan=-1")).toHaveLength(3);
  });
});
