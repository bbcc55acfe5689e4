// "Start with the why, with the people who do the work": an item without a why, or without care
// professionals involved. Looks at every item that is not stopped, scaled-up ones included: the why
// and the professionals matter most where an item spreads.
import { itemHref } from "../links";
import type { FlagHit, FlagText } from "../types";
import { text, untitled, type RegionRule } from "./rule";

export const itemBasics: RegionRule = {
  rule: "item-basics",
  evaluate({ view }) {
    const regionId = view.rows.region.id;
    const hits: FlagHit[] = [];
    for (const item of view.items) {
      if (item.status === "gestopt") continue;
      const noWhy = !item.hasWhy;
      const noProfessionals = item.professionalsInvolved === null || item.professionalsInvolved === "nee";
      if (!noWhy && !noProfessionals) continue;
      hits.push({
        key: `item-basics:item-${item.id}`,
        rule: "item-basics",
        severity: "laag",
        score: Number(noWhy) + Number(noProfessionals),
        regionId,
        regionIds: [regionId],
        agendaId: item.agendaId,
        since: item.changedAt,
        basis: () => `item-basics|${item.id}|${noWhy ? 1 : 0}|${item.professionalsInvolved}`,
        describe: () => {
          const parts: FlagText[] = [];
          if (noWhy) parts.push(text("flags.reason.noWhy"));
          if (noProfessionals) parts.push(text(item.professionalsInvolved === "nee" ? "flags.reason.professionalsNo" : "flags.reason.professionalsUnknown"));
          return {
            subject: untitled(item.title),
            explanation: text("flags.explain.item-basics", { item: item.title || "—" }, parts),
            figures: [
              { label: "flags.figure.why", value: noWhy ? "—" : "✓" },
              { label: "flags.figure.professionals", value: text("flags.professionals." + (item.professionalsInvolved ?? "unknown")) },
            ],
            threshold: text("flags.threshold.item-basics"),
            links: [{ href: itemHref(item.agendaId, item.id), label: text("flags.link.item"), regionId }],
          };
        },
      });
    }
    return hits;
  },
};
