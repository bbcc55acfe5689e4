// A severe barrier that stays open: the region marked it "hoog" and a month later it still blocks.
import { daysBetween } from "../dates";
import { barrierHref, itemHref } from "../links";
import { ageStep, DAY_MS } from "../thresholds";
import { barrierTypeName, itemTitle, nextAgeStep, text, type RegionRule } from "./rule";

/** A month: long enough for a region to pick a barrier up, short enough that a severe one does not sink. */
export const HIGH_BARRIER_OPEN_DAYS = 30;

export const highBarrier: RegionRule = {
  rule: "high-barrier",
  evaluate({ view, now, wake }) {
    return view.barriers
      .filter((b) => {
        if (b.severity !== "hoog") return false;
        const fires = now - b.createdAt > HIGH_BARRIER_OPEN_DAYS * DAY_MS;
        wake(fires ? nextAgeStep(b.createdAt, now) : b.createdAt + HIGH_BARRIER_OPEN_DAYS * DAY_MS + 1);
        return fires;
      })
      .map((b) => ({
        key: `high-barrier:barrier-${b.id}`,
        rule: "high-barrier",
        severity: "hoog",
        // Steps of 30 days, so a dismissal holds until the wait has grown by a month.
        score: ageStep(daysBetween(b.createdAt, now)),
        regionId: view.rows.region.id,
        regionIds: [view.rows.region.id],
        agendaId: b.agendaId,
        since: b.createdAt,
        basis: () => `high-barrier|${b.id}|${b.status}|${b.severity}|${b.typeKey}|${b.subTypeKey}|${b.itemId}`,
        describe: (now) => {
          const type = barrierTypeName(view.shared, b.typeKey, b.subTypeKey);
          const item = itemTitle(view, b.itemId);
          const days = daysBetween(b.createdAt, now);
          const status = text("flags.barrierStatus." + b.status);
          return {
            subject: text("flags.subject.barrier", { type, item }),
            explanation: text("flags.explain.high-barrier", { type, item, days, status, threshold: HIGH_BARRIER_OPEN_DAYS }),
            figures: [
              { label: "flags.figure.daysOpen", value: days },
              { label: "flags.figure.barrierSeverity", value: text("flags.severity." + b.severity) },
              { label: "flags.figure.barrierStatus", value: status },
            ],
            threshold: text("flags.threshold.high-barrier", { days: HIGH_BARRIER_OPEN_DAYS }),
            links: [
              { href: itemHref(b.agendaId, b.itemId), label: text("flags.link.passage"), regionId: view.rows.region.id },
              { href: barrierHref(b.id), label: text("flags.link.barrier"), regionId: view.rows.region.id },
            ],
          };
        },
      }));
  },
};
