// A region whose projected saving is far below the target it set itself. No target, no signal: a
// region that has not set one is not "behind" a share of the national aim somebody else divided out
// for it (until it sets one, its chart shows the saving without a target line).
import { regionHref, regionSavingsHref } from "../links";
import { round1, raw, text, type RegionRule } from "./rule";

/** Half the target: below it the plan as written cannot reach the aim even if every item delivers. */
export const TARGET_SHARE = 0.5;
/** Below a quarter the gap is severe: the agenda would have to more than quadruple. */
export const TARGET_SHARE_SEVERE = 0.25;

export const belowTarget: RegionRule = {
  rule: "below-target",
  evaluate({ view }) {
    const r = view.rows.region;
    const target = r.ownTargetFte;
    if (target === null || !(target > 0)) return [];
    const s = view.saving;
    const share = s.expected / target;
    if (share >= TARGET_SHARE) return [];
    const pct = Math.round(share * 100);
    return [
      {
        key: `below-target:region-${r.id}`,
        rule: "below-target",
        severity: share < TARGET_SHARE_SEVERE ? "hoog" : "middel",
        // Percentage points short: rises as soon as the projection drops.
        score: 100 - pct,
        regionId: r.id,
        regionIds: [r.id],
        agendaId: null,
        since: null,
        basis: () => `below-target|${r.id}|${Math.round(s.expected * 100) / 100}|${target}`,
        describe: () => ({
          subject: raw(r.name),
          explanation: text("flags.explain.below-target", { region: r.name, projected: round1(s.expected), target: round1(target), pct, threshold: Math.round(TARGET_SHARE * 100) }),
          figures: [
            { label: "flags.figure.projectedFte", value: round1(s.expected) },
            { label: "flags.figure.projectedRange", value: `${round1(s.low)}–${round1(s.high)}` },
            { label: "flags.figure.targetFte", value: round1(target) },
            { label: "flags.figure.share", value: `${pct}%` },
          ],
          threshold: text("flags.threshold.below-target", { pct: Math.round(TARGET_SHARE * 100) }),
          links: [
            s.agendaId !== null
              ? { href: regionSavingsHref(s.agendaId), label: text("flags.link.savings"), regionId: r.id }
              : { href: regionHref(r.slug), label: text("flags.link.region"), regionId: r.id },
          ],
        }),
      },
    ];
  },
};
