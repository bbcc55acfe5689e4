// Each bottleneck rule on its own, on small hand-made rows: when it fires, when it does not (the
// edges its thresholds name: exactly 30 days is not "longer than 30 days"), and what it says.
import { describe, expect, it } from "vitest";
import { belowTarget } from "../../app/domain/flags/rules/below-target";
import { boardDecision } from "../../app/domain/flags/rules/board-decision";
import { highBarrier } from "../../app/domain/flags/rules/high-barrier";
import { itemBasics } from "../../app/domain/flags/rules/item-basics";
import { nationalBottleneck } from "../../app/domain/flags/rules/national-bottleneck";
import { scaledWithoutEvidence } from "../../app/domain/flags/rules/scaled-without-evidence";
import { stalledItem } from "../../app/domain/flags/rules/stalled-item";
import { vwsNoAnswer } from "../../app/domain/flags/rules/vws-no-answer";
import { weakEvidence } from "../../app/domain/flags/rules/weak-evidence";
import { regionRules, nationalRules } from "../../app/domain/flags/rules";
import { flagRules } from "../../app/domain/flags/types";
import { DAY_MS } from "../../app/domain/flags/thresholds";
import { ago, barrier, item, link, NOW, rating, region, render, runNational, runRule, shared } from "../support/flag-fixtures";
import { translate, type MessageKey } from "../../app/i18n/messages";

const keys = (hits: { key: string }[]) => hits.map((h) => h.key);
const figure = (hit: { describe: (now: number) => { figures: Array<{ label: string; value: unknown }> } }, label: string) =>
  hit.describe(NOW).figures.find((f) => f.label === label)?.value;

describe("the rule set", () => {
  it("has one module per rule, each with its Dutch and English texts", () => {
    expect([...regionRules, ...nationalRules].map((r) => r.rule).sort()).toEqual([...flagRules].sort());
    for (const rule of flagRules) {
      expect(translate("nl", `flags.rule.${rule}` as MessageKey)).not.toBe(`flags.rule.${rule}`);
      expect(translate("en", `flags.rule.${rule}` as MessageKey)).not.toBe(`flags.rule.${rule}`);
    }
  });

  it("fires nothing on a healthy region", () => {
    const healthy = region(1, { items: [item("a", { status: "prioriteit" })], links: [link("a", 5)] });
    const s = shared({ ratings: [rating(5, 2)] });
    expect(regionRules.flatMap((r) => runRule(r, healthy, s))).toEqual([]);
  });
});

describe("high-barrier: a severe barrier open longer than 30 days", () => {
  const rows = (over: Parameters<typeof barrier>[2]) => region(1, { items: [item("a", { title: "Slim incontinentiemateriaal" })], barriers: [barrier(7, 1, { severity: "hoog", ...over })] });

  it("names the barrier's sub-type when it has one", () => {
    const [hit] = runRule(highBarrier, rows({ createdAt: ago(45), subTypeKey: "financing-wlz" }));
    expect(render(hit.describe(NOW).subject)).toBe("Belemmering “Bekostiging en financiering: Wlz: tarieven en zorgkantoren” bij “Slim incontinentiemateriaal”");
  });

  it("fires after 30 days, not at exactly 30", () => {
    expect(keys(runRule(highBarrier, rows({ createdAt: ago(30) })))).toEqual([]);
    expect(keys(runRule(highBarrier, rows({ createdAt: ago(30) - 1 })))).toEqual(["high-barrier:barrier-7"]);
  });

  it("does not fire for severity middel, nor for a solved barrier", () => {
    expect(runRule(highBarrier, rows({ severity: "middel", createdAt: ago(400) }))).toEqual([]);
    expect(runRule(highBarrier, rows({ status: "opgelost", createdAt: ago(400) }))).toEqual([]);
  });

  it("explains itself with days, status and threshold, and links to the passage and the barrier", () => {
    const [hit] = runRule(highBarrier, rows({ createdAt: ago(45) }));
    const d = hit.describe(NOW);
    expect(render(d.explanation)).toBe(
      "De belemmering “Bekostiging en financiering” bij “Slim incontinentiemateriaal” heeft ernst hoog en staat al 45 dagen open (status: open). Dat is langer dan 30 dagen.",
    );
    expect(render(d.threshold)).toBe("ernst hoog en langer dan 30 dagen open");
    expect(d.links.map((l) => l.href)).toEqual(["/agendas/1#item-a", "/belemmeringen/7"]);
    expect(hit.score).toBe(1);
    expect(runRule(highBarrier, rows({ createdAt: ago(60) }))[0].score).toBe(2);
  });
});

describe("vws-no-answer: escalated to VWS and no answer after 42 days", () => {
  const rows = (over: Parameters<typeof barrier>[2]) =>
    region(1, { items: [item("a", { title: "Telemonitoring" })], barriers: [barrier(3, 1, { status: "geescaleerd", createdAt: ago(100), ...over })] });

  it("fires when the escalation is older than 42 days and no adviser wrote since", () => {
    expect(keys(runRule(vwsNoAnswer, rows({ statusChangedAt: ago(43) })))).toEqual(["vws-no-answer:barrier-3"]);
    // An adviser's entry from before the escalation is no answer to it.
    expect(keys(runRule(vwsNoAnswer, rows({ statusChangedAt: ago(43), lastAdviserEntryAt: ago(50) })))).toEqual(["vws-no-answer:barrier-3"]);
    expect(runRule(vwsNoAnswer, rows({ statusChangedAt: ago(90) }))[0].severity).toBe("hoog");
  });

  it("does not fire at exactly 42 days, after an answer, or for a barrier that is not escalated", () => {
    expect(runRule(vwsNoAnswer, rows({ statusChangedAt: ago(42) }))).toEqual([]);
    expect(runRule(vwsNoAnswer, rows({ statusChangedAt: ago(60), lastAdviserEntryAt: ago(10) }))).toEqual([]);
    expect(runRule(vwsNoAnswer, rows({ status: "in_behandeling", statusChangedAt: ago(60) }))).toEqual([]);
  });

  it("explains itself", () => {
    const [hit] = runRule(vwsNoAnswer, rows({ statusChangedAt: ago(50) }));
    expect(render(hit.describe(NOW).explanation)).toBe(
      "De belemmering “Bekostiging en financiering” bij “Telemonitoring” is 50 dagen geleden naar VWS geëscaleerd, en sindsdien staat er geen antwoord van het regioteam in de draad. Dat is langer dan 42 dagen.",
    );
    expect(render(hit.describe(NOW).threshold)).toBe("geëscaleerd naar VWS en langer dan 42 dagen geen antwoord");
    expect(hit.since).toBe(ago(50));
  });
});

describe("national-bottleneck: the same barrier open in three regions", () => {
  const three = (sub: Array<string | null>) => sub.map((subTypeKey, i) => region(i + 1, { barriers: [barrier(i + 1, i + 1, { subTypeKey })] }));

  it("fires at exactly three regions, not at two", () => {
    expect(runNational(nationalBottleneck, three([null, null]))).toEqual([]);
    const [hit] = runNational(nationalBottleneck, three([null, null, null]));
    expect(hit.key).toBe("national-bottleneck:type-financing");
    expect(hit.regionId).toBeNull();
    expect(hit.regionIds).toEqual([1, 2, 3]);
    expect(hit.score).toBe(3);
  });

  it("groups by sub-type when barriers have one: three financing causes are not one bottleneck", () => {
    expect(runNational(nationalBottleneck, three(["financing-wlz", "financing-zvw", null]))).toEqual([]);
    expect(keys(runNational(nationalBottleneck, three(["financing-wlz", "financing-wlz", "financing-wlz"])))).toEqual(["national-bottleneck:subtype-financing-wlz"]);
  });

  it("ignores solved barriers", () => {
    const rows = three([null, null, null]);
    rows[2].barriers[0].status = "opgelost";
    expect(runNational(nationalBottleneck, rows)).toEqual([]);
  });

  it("explains itself with the sub-type's name, the regions and links to each passage", () => {
    const [hit] = runNational(nationalBottleneck, three(["financing-wlz", "financing-wlz", "financing-wlz"]));
    const d = hit.describe(NOW);
    expect(render(d.explanation)).toBe(
      "Belemmering “Bekostiging en financiering: Wlz: tarieven en zorgkantoren” staat open in 3 regio's (3 keer). Vanaf 3 regio's vraagt dit om een landelijke aanpak, die de regioadviseurs bij VWS kunnen agenderen.",
    );
    expect(figure(hit, "flags.figure.regionNames")).toBe("Regio 1, Regio 2, Regio 3");
    expect(d.links.map((l) => l.regionId)).toEqual([1, 2, 3]);
  });
});

describe("stalled-item: an active item that does not move", () => {
  const one = (over: Parameters<typeof item>[1]) => runRule(stalledItem, region(1, { items: [item("a", over)] }));

  it("looks at items in execution too, not only at priorities", () => {
    expect(keys(one({ status: "in_uitvoering", endDate: "2026-06-14" }))).toEqual(["stalled-item:item-a"]);
    expect(keys(one({ status: "voorgesteld", progressAt: ago(61) }))).toEqual(["stalled-item:item-a"]);
  });

  it("counts a change of status as progress, not any edit", () => {
    // Edited yesterday (a typo fix), status unchanged for 61 days: stalled.
    expect(keys(one({ status: "prioriteit", changedAt: ago(1), progressAt: ago(61) }))).toEqual(["stalled-item:item-a"]);
    expect(one({ status: "prioriteit", changedAt: ago(90), progressAt: ago(60) })).toEqual([]);
  });

  it("does not fire on the end date itself, nor for stopped or scaled-up items", () => {
    expect(one({ status: "prioriteit", endDate: "2026-06-15" })).toEqual([]);
    expect(one({ status: "gestopt", endDate: "2020-01-01", progressAt: ago(400) })).toEqual([]);
    expect(one({ status: "opgeschaald", endDate: "2020-01-01", progressAt: ago(400) })).toEqual([]);
  });

  it("asks a lead of committed items only; two reasons are severe; ideas stay low", () => {
    expect(one({ status: "idee", leadOrganisation: "" })).toEqual([]);
    const [noLead] = one({ status: "prioriteit", leadOrganisation: " " });
    expect([noLead.severity, noLead.score]).toEqual(["middel", 1]);
    const [two] = one({ status: "in_uitvoering", leadOrganisation: "", endDate: "2026-01-01" });
    expect([two.severity, two.score]).toEqual(["hoog", 2]);
    expect(one({ status: "idee", progressAt: ago(61), endDate: "2026-01-01" })[0].severity).toBe("laag");
  });

  it("explains itself with each reason", () => {
    const [hit] = one({ status: "in_uitvoering", endDate: "2026-06-14", progressAt: ago(70) });
    expect(render(hit.describe(NOW).explanation)).toBe(
      "“Punt a” komt niet verder: de einddatum 2026-06-14 is verstreken en het punt staat nog op “In uitvoering”; de status is al 70 dagen niet veranderd (drempel 60 dagen; andere wijzigingen tellen niet als voortgang).",
    );
    expect(render(hit.describe(NOW).threshold)).toBe("einddatum verstreken, geen trekker (vanaf prioriteit), of langer dan 60 dagen geen voortgang (status, mijlpaal of voortgangsnotitie)");
  });
});

describe("weak-evidence: a saving that rests on nothing measured", () => {
  const rows = (status: string, links: ReturnType<typeof link>[] = []) => region(1, { items: [item("a", { status })], links });

  it("fires without a link, without a usable rating, and when the weakest rating is below level 2", () => {
    expect(runRule(weakEvidence, rows("prioriteit"))[0].describe(NOW).explanation.key).toBe("flags.explain.weak-evidence.noLink");
    expect(runRule(weakEvidence, rows("in_uitvoering", [link("a", 5)]))[0].describe(NOW).explanation.key).toBe("flags.explain.weak-evidence.unrated");
    // One measured rating does not lift a blend that also rests on an expectation.
    const mixed = runRule(weakEvidence, rows("voorgesteld", [link("a", 5), link("a", 6)]), shared({ ratings: [rating(5, 1), rating(6, 3)] }));
    expect(mixed.map((h) => [h.severity, h.describe(NOW).explanation.key])).toEqual([["laag", "flags.explain.weak-evidence.weak"]]);
  });

  it("does not fire when every figure is measured (level 2 or more), nor for ideas or scaled-up items", () => {
    expect(runRule(weakEvidence, rows("prioriteit", [link("a", 5)]), shared({ ratings: [rating(5, 2)] }))).toEqual([]);
    expect(runRule(weakEvidence, rows("idee"))).toEqual([]);
    expect(runRule(weakEvidence, rows("opgeschaald"))).toEqual([]);
  });

  it("explains itself", () => {
    const [hit] = runRule(weakEvidence, rows("prioriteit", [link("a", 5)]), shared({ ratings: [rating(5, 1)] }));
    expect(render(hit.describe(NOW).explanation)).toBe(
      "De besparing van “Punt a” rust op beoordelingen waarvan de zwakste onder bewijsniveau 2 ligt: een verwachting of claim, niet gemeten.",
    );
    expect(figure(hit, "flags.figure.weakestEvidence")).toBe(1);
  });
});

describe("scaled-without-evidence: scaled up without a measured saving", () => {
  const rows = (links: ReturnType<typeof link>[] = [], status = "opgeschaald") => region(1, { items: [item("a", { status, title: "Valdetectie" })], links });

  it("fires for a scaled-up item without a figure or with an unmeasured one", () => {
    expect(keys(runRule(scaledWithoutEvidence, rows()))).toEqual(["scaled-without-evidence:item-a"]);
    expect(runRule(scaledWithoutEvidence, rows([link("a", 5)]), shared({ ratings: [rating(5, 1)] }))[0].describe(NOW).explanation.key).toBe(
      "flags.explain.scaled-without-evidence.notMeasured",
    );
  });

  it("does not fire with a measured saving, nor for items not scaled up", () => {
    expect(runRule(scaledWithoutEvidence, rows([link("a", 5)]), shared({ ratings: [rating(5, 2)] }))).toEqual([]);
    expect(runRule(scaledWithoutEvidence, rows([], "in_uitvoering"))).toEqual([]);
  });

  it("explains itself", () => {
    const [hit] = runRule(scaledWithoutEvidence, rows());
    expect(render(hit.describe(NOW).explanation)).toBe(
      "“Valdetectie” staat op opgeschaald, maar geen gekoppelde innovatie geeft een besparingscijfer: de opschaling rust op geen meting.",
    );
    expect(render(hit.describe(NOW).threshold)).toBe("opgeschaald zonder besparing met bewijsniveau 2 of hoger");
  });
});

describe("below-target: a region far below the target it set itself", () => {
  // 10 FTE reach × 18 h/week × 45 weeks = 8,100 h = 5 FTE a year.
  const rows = (ownTargetFte: number | null) =>
    region(1, {
      region: { id: 1, slug: "r1", name: "Regio 1", ownTargetFte },
      items: [item("a")],
      links: [link("a", 5)],
    });
  const s = shared({ ratings: [rating(5, 3, { low: 18, expected: 18, high: 18 })] });

  it("fires below half the target, severe below a quarter", () => {
    const [hit] = runRule(belowTarget, rows(10.1), s);
    expect([hit.key, hit.severity, hit.score]).toEqual(["below-target:region-1", "middel", 50]);
    expect(runRule(belowTarget, rows(21), s)[0].severity).toBe("hoog");
  });

  it("does not fire at exactly half, nor when the region set no target", () => {
    expect(runRule(belowTarget, rows(10), s)).toEqual([]);
    expect(runRule(belowTarget, rows(null), s)).toEqual([]);
    expect(runRule(belowTarget, rows(0), s)).toEqual([]);
  });

  it("explains itself", () => {
    const [hit] = runRule(belowTarget, rows(10.1), s);
    expect(render(hit.describe(NOW).explanation)).toBe(
      "De verwachte besparing van Regio 1 is 5 fte: 50% van het doel van 10,1 fte dat de regio zelf stelde. Dat is minder dan 50%.",
    );
  });
});

describe("board-decision: decisions of the stuurgroep that do not come", () => {
  const proposal = (createdAt: number) => ({ id: 9, agendaId: 1, createdAt, deadline: NOW + 10 * DAY_MS });

  it("fires for an agenda without adopted priorities, and a proposal open longer than 30 days", () => {
    expect(keys(runRule(boardDecision, region(1, { adoptedAgendaIds: [] })))).toEqual(["board-decision:agenda-1"]);
    expect(keys(runRule(boardDecision, region(1, { proposals: [proposal(ago(30) - 1)] })))).toEqual(["board-decision:proposal-9"]);
  });

  it("does not fire for an archived agenda or a proposal of exactly 30 days", () => {
    expect(runRule(boardDecision, region(1, { adoptedAgendaIds: [], agendas: [{ id: 1, title: "A", status: "gearchiveerd", createdAt: ago(9) }] }))).toEqual([]);
    expect(runRule(boardDecision, region(1, { proposals: [proposal(ago(30))] }))).toEqual([]);
  });

  it("explains itself", () => {
    const [hit] = runRule(boardDecision, region(1, { proposals: [proposal(ago(45))] }));
    expect(render(hit.describe(NOW).explanation)).toBe(
      "Het voorstel aan de stuurgroep voor “Agenda 1” wacht al 45 dagen op een besluit (langer dan 30 dagen; uiterste datum 2026-06-25).",
    );
  });
});

describe("item-basics: no why, or no care professionals", () => {
  const one = (over: Parameters<typeof item>[1]) => runRule(itemBasics, region(1, { items: [item("a", over)] }));

  it("fires for an empty why, for professionals 'nee' and for not filled in", () => {
    expect(keys(one({ hasWhy: false }))).toEqual(["item-basics:item-a"]);
    expect(keys(one({ professionalsInvolved: "nee" }))).toEqual(["item-basics:item-a"]);
    expect(keys(one({ professionalsInvolved: null, status: "opgeschaald" }))).toEqual(["item-basics:item-a"]);
  });

  it("does not fire for 'deels', nor for stopped items", () => {
    expect(one({ professionalsInvolved: "deels" })).toEqual([]);
    expect(one({ hasWhy: false, status: "gestopt" })).toEqual([]);
  });

  it("explains itself with both reasons", () => {
    const [hit] = one({ hasWhy: false, professionalsInvolved: "nee" });
    expect(hit.score).toBe(2);
    expect(render(hit.describe(NOW).explanation)).toBe("Bij “Punt a” ontbreekt de basis: er staat geen “waarom”; zorgprofessionals zijn niet betrokken.");
    expect(render(hit.describe(NOW).explanation, "en")).toBe("“Punt a” lacks the basics: there is no “why”; care professionals are not involved.");
  });
});
