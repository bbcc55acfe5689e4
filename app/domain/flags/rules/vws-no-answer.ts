// A barrier escalated to VWS that gets no answer. Escalating is the adviser's step (decision 002);
// the answer comes back through the regional team, so an entry in the barrier's thread by an adviser
// after the escalation counts as the answer. Until then the region waits on The Hague.
import { daysBetween } from "../dates";
import { barrierHref } from "../links";
import { ageStep, DAY_MS } from "../thresholds";
import { barrierTypeName, itemTitle, nextAgeStep, text, type RegionRule } from "./rule";

/**
 * Six weeks: the regional team takes escalations to the ministry in its monthly round; an answer
 * that has not come in one round and a half has missed it, and the region should hear why.
 */
export const VWS_ANSWER_DAYS = 42;

export const vwsNoAnswer: RegionRule = {
  rule: "vws-no-answer",
  evaluate({ view, now, wake }) {
    const regionId = view.rows.region.id;
    return view.barriers.flatMap((b) => {
      if (b.status !== "geescaleerd") return [];
      // Escalated when the status last changed; a barrier created escalated counts from its creation.
      const escalatedAt = b.statusChangedAt ?? b.createdAt;
      if (b.lastAdviserEntryAt !== null && b.lastAdviserEntryAt > escalatedAt) return [];
      if (!(now - escalatedAt > VWS_ANSWER_DAYS * DAY_MS)) {
        wake(escalatedAt + VWS_ANSWER_DAYS * DAY_MS + 1);
        return [];
      }
      const severe = now - escalatedAt > 2 * VWS_ANSWER_DAYS * DAY_MS;
      wake(severe ? nextAgeStep(escalatedAt, now) : Math.min(nextAgeStep(escalatedAt, now), escalatedAt + 2 * VWS_ANSWER_DAYS * DAY_MS + 1));
      return [
        {
          key: `vws-no-answer:barrier-${b.id}`,
          rule: "vws-no-answer" as const,
          // Twice the wait is severe: two rounds of the regional team went by.
          severity: severe ? ("hoog" as const) : ("middel" as const),
          score: ageStep(daysBetween(escalatedAt, now)),
          regionId,
          regionIds: [regionId],
          agendaId: b.agendaId,
          since: escalatedAt,
          basis: () => `vws-no-answer|${b.id}|${escalatedAt}|${b.lastAdviserEntryAt}`,
          describe: (now) => {
            const days = daysBetween(escalatedAt, now);
            const type = barrierTypeName(view.shared, b.typeKey, b.subTypeKey);
            const item = itemTitle(view, b.itemId);
            return {
              subject: text("flags.subject.barrier", { type, item }),
              explanation: text("flags.explain.vws-no-answer", { type, item, days, threshold: VWS_ANSWER_DAYS }),
              figures: [
                { label: "flags.figure.daysSinceEscalation", value: days },
                { label: "flags.figure.barrierSeverity", value: text("flags.severity." + b.severity) },
              ],
              threshold: text("flags.threshold.vws-no-answer", { days: VWS_ANSWER_DAYS }),
              links: [{ href: barrierHref(b.id), label: text("flags.link.barrier"), regionId }],
            };
          },
        },
      ];
    });
  },
};
