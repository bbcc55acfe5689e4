// An item marked scaled up (opgeschaald) whose saving was never measured: scaling up is the claim
// that it works, and other regions copy what is marked so. Fires when no linked innovation gives a
// figure, or the weakest evidence under the figure is below level 2 (measured in a local pilot).
import { itemHref } from "../links";
import { MEASURED_LEVEL } from "../evidence";
import type { FlagHit } from "../types";
import { evidenceFigures, text, untitled, type RegionRule } from "./rule";

export const SCALED_STATUS = "opgeschaald";

const variants = ["noFigure", "notMeasured"] as const;

export const scaledWithoutEvidence: RegionRule = {
  rule: "scaled-without-evidence",
  evaluate({ view }) {
    const regionId = view.rows.region.id;
    const hits: FlagHit[] = [];
    for (const item of view.items) {
      if (item.status !== SCALED_STATUS) continue;
      const e = view.evidence.get(item.id)!;
      if (e.weakestLevel !== null && e.weakestLevel >= MEASURED_LEVEL) continue;
      const variant = e.rated === 0 ? 0 : 1;
      hits.push({
        key: `scaled-without-evidence:item-${item.id}`,
        rule: "scaled-without-evidence",
        severity: "middel",
        score: variant === 0 ? 2 : 1,
        regionId,
        regionIds: [regionId],
        agendaId: item.agendaId,
        since: item.progressAt ?? item.changedAt,
        basis: () => `scaled-without-evidence|${item.id}|${variants[variant]}|${e.links}|${e.rated}|${e.weakestLevel}`,
        describe: () => ({
          subject: untitled(item.title),
          explanation: text(`flags.explain.scaled-without-evidence.${variants[variant]}`, { item: item.title || "—", level: MEASURED_LEVEL }),
          figures: evidenceFigures(e),
          threshold: text("flags.threshold.scaled-without-evidence", { level: MEASURED_LEVEL }),
          links: [{ href: itemHref(item.agendaId, item.id), label: text("flags.link.item"), regionId }],
        }),
      });
    }
    return hits;
  },
};
