// An item marked scaled up (opgeschaald) without a single measurement of its own (decision 031).
// scaled-without-evidence asks whether the catalogue's figure behind it was ever measured somewhere;
// this asks whether the region measured what the item did here, which the recalibration of the
// catalogue's projections across regions rests on.
import { itemExecutionHref } from "../links";
import type { FlagHit } from "../types";
import { text, untitled, type RegionRule } from "./rule";
import { SCALED_STATUS } from "./scaled-without-evidence";

export const scaledWithoutMeasurement: RegionRule = {
  rule: "scaled-without-measurement",
  evaluate({ view }) {
    const regionId = view.rows.region.id;
    const hits: FlagHit[] = [];
    for (const item of view.items) {
      if (item.status !== SCALED_STATUS) continue;
      const r = view.realised.get(item.id);
      if (r && r.measured > 0) continue;
      const hasBaseline = !!r;
      hits.push({
        key: `scaled-without-measurement:item-${item.id}`,
        rule: "scaled-without-measurement",
        severity: "middel",
        score: hasBaseline ? 1 : 2,
        regionId,
        regionIds: [regionId],
        agendaId: item.agendaId,
        since: item.progressAt ?? item.changedAt,
        basis: () => `scaled-without-measurement|${item.id}|${hasBaseline}`,
        describe: () => ({
          subject: untitled(item.title),
          explanation: text(`flags.explain.scaled-without-measurement.${hasBaseline ? "baselineOnly" : "nothing"}`, { item: item.title || "—" }),
          figures: [{ label: "flags.figure.hasBaseline", value: hasBaseline ? { nl: "ja", en: "yes" } : { nl: "nee", en: "no" } }],
          threshold: text("flags.threshold.scaled-without-measurement"),
          links: [{ href: `${itemExecutionHref(item.agendaId, item.id)}#gerealiseerd`, label: text("flags.link.itemRealised"), regionId }],
        }),
      });
    }
    return hits;
  },
};
