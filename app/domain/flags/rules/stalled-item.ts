// An item on its way that stopped moving: its end date passed while it is still under way, its
// status has not changed for two months, or a committed item has no lead (trekker). Looks at every
// active status (idee to in uitvoering), not at priorities alone: an item in execution stalls too.
// Progress is a change of status, a milestone or a progress note (decision 028), never a mere edit:
// fixing a typo does not make an item move.
import { daysBetween } from "../dates";
import { itemHref } from "../links";
import { ACTIVE_ITEM_STATUSES } from "../region";
import { DAY_MS } from "../thresholds";
import type { FlagHit, FlagText } from "../types";
import { text, untitled, type RegionRule } from "./rule";

/**
 * Two months: regional workgroups meet about monthly, so an item whose status did not move in two
 * meetings is no longer being worked on, or its status is no longer kept.
 */
export const NO_PROGRESS_DAYS = 60;

/** Statuses the region committed to: these need a lead, and a stall there is at least "middel". */
export const COMMITTED_STATUSES: ReadonlySet<string> = new Set(["prioriteit", "in_voorbereiding", "in_uitvoering"]);

export const stalledItem: RegionRule = {
  rule: "stalled-item",
  evaluate({ view, now, today, wake }) {
    const regionId = view.rows.region.id;
    const hits: FlagHit[] = [];
    for (const item of view.items) {
      if (!ACTIVE_ITEM_STATUSES.has(item.status)) continue;
      const committed = COMMITTED_STATUSES.has(item.status);
      const progressAt = item.progressAt ?? item.changedAt;
      const endPassed = item.endDate !== null && item.endDate < today;
      const noProgress = now - progressAt > NO_PROGRESS_DAYS * DAY_MS;
      // End dates pass at the Dutch midnight, when the runner evaluates every region anyway.
      if (!noProgress) wake(progressAt + NO_PROGRESS_DAYS * DAY_MS + 1);
      const noLead = committed && !item.leadOrganisation.trim();
      const count = Number(endPassed) + Number(noProgress) + Number(noLead);
      if (!count) continue;
      const endMs = endPassed ? Date.parse(item.endDate!) : NaN;
      const since = Math.min(Number.isFinite(endMs) ? endMs : Infinity, noProgress || noLead ? progressAt : Infinity);
      hits.push({
        key: `stalled-item:item-${item.id}`,
        rule: "stalled-item",
        severity: !committed ? "laag" : count >= 2 ? "hoog" : "middel",
        score: count,
        regionId,
        regionIds: [regionId],
        agendaId: item.agendaId,
        since,
        basis: () => `stalled-item|${item.id}|${item.status}|${item.endDate}|${item.leadOrganisation.trim()}|${progressAt}`,
        describe: (now) => {
          const days = daysBetween(progressAt, now);
          const status = text("status." + item.status);
          const reasons: FlagText[] = [];
          if (endPassed) reasons.push(text("flags.reason.endDatePassed", { endDate: item.endDate!, status }));
          if (noProgress) reasons.push(text("flags.reason.noProgress", { days, threshold: NO_PROGRESS_DAYS }));
          if (noLead) reasons.push(text("flags.reason.noLead"));
          return {
            subject: untitled(item.title),
            explanation: text("flags.explain.stalled-item", { item: item.title || "—" }, reasons),
            figures: [
              { label: "flags.figure.itemStatus", value: status },
              { label: "flags.figure.endDate", value: item.endDate ?? "—" },
              { label: "flags.figure.daysWithoutProgress", value: days },
              { label: "flags.figure.lead", value: item.leadOrganisation.trim() || "—" },
            ],
            threshold: text("flags.threshold.stalled-item", { days: NO_PROGRESS_DAYS }),
            links: [{ href: itemHref(item.agendaId, item.id), label: text("flags.link.item"), regionId }],
          };
        },
      });
    }
    return hits;
  },
};
