// An item whose measured saving stays far below what its ratings project (decision 031): under half
// of the projection after at least two measured periods. Either the projection was too hopeful or the
// item does not land as planned; both are worth the coordinator's and the adviser's question.
import { HOURS_PER_FTE_YEAR } from "../../savings";
import { REALISED_ASSUMPTIONS, farBelowProjection, realisedShare } from "../../realised-savings";
import { periodLabel } from "../../periods";
import { itemExecutionHref } from "../links";
import type { FlagHit } from "../types";
import { round2, text, untitled, type RegionRule } from "./rule";

/** Below a quarter of the projection (or a rise in hours) the signal is severe. */
export const SEVERE_SHARE = 0.25;

export const realisedBelowProjection: RegionRule = {
  rule: "realised-below-projection",
  evaluate({ view }) {
    const regionId = view.rows.region.id;
    const hits: FlagHit[] = [];
    for (const item of view.items) {
      const realised = view.realised.get(item.id);
      const projectedHours = view.evidence.get(item.id)!.fte.expected * HOURS_PER_FTE_YEAR;
      if (!realised?.ok || !farBelowProjection(realised, projectedHours)) continue;
      const share = realisedShare(realised.hoursPerYear, projectedHours)!;
      const percent = Math.round(share * 100);
      hits.push({
        key: `realised-below-projection:item-${item.id}`,
        rule: "realised-below-projection",
        severity: share < SEVERE_SHARE ? "hoog" : "middel",
        // Further below is worse: a dismissed flag returns when the gap grows by ten points.
        score: Math.max(1, Math.ceil((REALISED_ASSUMPTIONS.farBelowShare - share) * 10)),
        regionId,
        regionIds: [regionId],
        agendaId: item.agendaId,
        since: null,
        basis: () => `realised-below-projection|${item.id}|${realised.latestPeriod}|${realised.periods}|${percent}`,
        describe: () => ({
          subject: untitled(item.title),
          explanation: text("flags.explain.realised-below-projection", {
            item: item.title || "—",
            share: percent,
            periods: realised.periods,
            last: { nl: periodLabel(realised.latestPeriod, "nl"), en: periodLabel(realised.latestPeriod, "en") },
          }),
          figures: [
            { label: "flags.figure.realisedHours", value: Math.round(realised.hoursPerYear) },
            { label: "flags.figure.projectedHours", value: Math.round(projectedHours) },
            { label: "flags.figure.realisedShare", value: round2(share) },
            { label: "flags.figure.measuredPeriods", value: realised.periods },
          ],
          threshold: text("flags.threshold.realised-below-projection", { share: REALISED_ASSUMPTIONS.farBelowShare * 100, periods: REALISED_ASSUMPTIONS.farBelowMinPeriods }),
          links: [{ href: `${itemExecutionHref(item.agendaId, item.id)}#gerealiseerd`, label: text("flags.link.itemRealised"), regionId }],
        }),
      });
    }
    return hits;
  },
};
