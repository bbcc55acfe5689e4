// An item whose projected saving rests on nothing measured: no linked innovation, no usable rating,
// or only ratings below level 2 (an expectation or a supplier's claim, not measured in a pilot).
// Looks at items from "voorgesteld" to "in uitvoering": once an item is put forward its saving
// counts in the region's figures. An idea is where the search for evidence starts, so it is left
// alone; a scaled-up item has its own, stronger rule (scaled-without-evidence).
import { itemHref } from "../links";
import { MEASURED_LEVEL } from "../evidence";
import type { FlagHit } from "../types";
import { evidenceFigures, text, untitled, type RegionRule } from "./rule";

export const WEAK_EVIDENCE_STATUSES: ReadonlySet<string> = new Set(["voorgesteld", "prioriteit", "in_voorbereiding", "in_uitvoering"]);

/** The variants, worst first: nothing linked, nothing usable, or only expectations. */
const variants = ["noLink", "unrated", "weak"] as const;

export const weakEvidence: RegionRule = {
  rule: "weak-evidence",
  evaluate({ view }) {
    const regionId = view.rows.region.id;
    const hits: FlagHit[] = [];
    for (const item of view.items) {
      if (!WEAK_EVIDENCE_STATUSES.has(item.status)) continue;
      const e = view.evidence.get(item.id)!;
      if (e.weakestLevel !== null && e.weakestLevel >= MEASURED_LEVEL) continue;
      const variant = e.links === 0 ? 0 : e.rated === 0 ? 1 : 2;
      hits.push({
        key: `weak-evidence:item-${item.id}`,
        rule: "weak-evidence",
        severity: variant === 2 ? "laag" : "middel",
        score: variant === 2 ? 1 : 2,
        regionId,
        regionIds: [regionId],
        agendaId: item.agendaId,
        since: item.changedAt,
        basis: () => `weak-evidence|${item.id}|${variants[variant]}|${e.links}|${e.rated}|${e.weakestLevel}`,
        describe: () => ({
          subject: untitled(item.title),
          explanation: text(`flags.explain.weak-evidence.${variants[variant]}`, { item: item.title || "—", level: MEASURED_LEVEL }),
          figures: evidenceFigures(e),
          threshold: text("flags.threshold.weak-evidence", { level: MEASURED_LEVEL }),
          links: [{ href: itemHref(item.agendaId, item.id), label: text("flags.link.item"), regionId }],
        }),
      });
    }
    return hits;
  },
};
