// An item in execution whose leads stopped reporting: no progress note for two whole periods
// (quarters) in a row. The stall rule asks whether an item moves; this one asks whether anyone still
// says what happens to it, which the coordinator's quarterly request and the progress report rest on.
import { periodLabel, periodOf, periodsApart, periodStart, previousPeriod, shiftPeriod } from "../../periods";
import { itemExecutionHref } from "../links";
import type { FlagHit } from "../types";
import { text, untitled, type RegionRule } from "./rule";

export const EXECUTION_STATUS = "in_uitvoering";

/**
 * Two quarters: one missed note is a busy quarter or a late request; two in a row means nobody keeps
 * the item's record, and half a year of execution goes unreported.
 */
export const MISSED_PERIODS = 2;
/** Four missed quarters (a year without a word) makes it severe. */
export const SEVERE_MISSED_PERIODS = 4;

/**
 * Whole periods, before the current one, since the item last reported. An item that never reported
 * counts from the period it went into execution: the quarter it started in is its first to report.
 */
export function missedPeriods(item: { lastProgressPeriod?: string | null; executionSince?: number | null; progressAt: number | null; changedAt: number }, now: number): number {
  const current = periodOf(now);
  const reported = item.lastProgressPeriod ?? previousPeriod(periodOf(item.executionSince ?? item.progressAt ?? item.changedAt));
  return Math.max(0, periodsApart(reported, current) - 1);
}

export const noProgressNote: RegionRule = {
  rule: "no-progress-note",
  evaluate({ view, now, wake }) {
    const regionId = view.rows.region.id;
    const hits: FlagHit[] = [];
    for (const item of view.items) {
      if (item.status !== EXECUTION_STATUS) continue;
      const missed = missedPeriods(item, now);
      const current = periodOf(now);
      // The count rises when a period ends; wake then, and not before.
      if (missed < SEVERE_MISSED_PERIODS) wake(periodStart(shiftPeriod(current, 1)));
      if (missed < MISSED_PERIODS) continue;
      const lastReported = item.lastProgressPeriod ?? null;
      const firstMissed = shiftPeriod(current, -missed);
      hits.push({
        key: `no-progress-note:item-${item.id}`,
        rule: "no-progress-note",
        severity: missed >= SEVERE_MISSED_PERIODS ? "hoog" : "middel",
        score: missed,
        regionId,
        regionIds: [regionId],
        agendaId: item.agendaId,
        since: periodStart(firstMissed),
        basis: () => `no-progress-note|${item.id}|${lastReported}|${firstMissed}|${missed}`,
        describe: () => ({
          subject: untitled(item.title),
          explanation: lastReported
            ? text("flags.explain.no-progress-note", { item: item.title || "—", missed, last: { nl: periodLabel(lastReported, "nl"), en: periodLabel(lastReported, "en") } })
            : text("flags.explain.no-progress-note.never", { item: item.title || "—", missed }),
          figures: [
            { label: "flags.figure.missedPeriods", value: missed },
            { label: "flags.figure.lastProgressNote", value: lastReported ?? "—" },
          ],
          threshold: text("flags.threshold.no-progress-note", { periods: MISSED_PERIODS }),
          links: [{ href: itemExecutionHref(item.agendaId, item.id), label: text("flags.link.itemExecution"), regionId }],
        }),
      });
    }
    return hits;
  },
};
