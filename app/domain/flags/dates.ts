// Calendar dates in the Netherlands: end dates, snooze dates and "today" are Dutch calendar days.
import { DAY_MS } from "./thresholds";

// Building an Intl formatter costs far more than using one.
const dutchDateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date in the Netherlands, as YYYY-MM-DD. */
export function dutchDate(at: number): string {
  return dutchDateFormat.format(at);
}

/** Whole days from `since` to `now` (never negative). */
export const daysBetween = (since: number, now: number) => Math.max(0, Math.floor((now - since) / DAY_MS));

/** The start of a Dutch calendar day (YYYY-MM-DD) as an instant: a snooze "until 12 May" ends then. */
export function dutchDayStart(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  return utcMidnight - amsterdamOffsetMs(utcMidnight);
}

/** The next Dutch midnight after `now`: when "today" turns and end dates pass. */
export function nextDutchMidnight(now: number): number {
  // Noon UTC of the Dutch date is always within that day, whatever the offset; a day later is tomorrow.
  return dutchDayStart(dutchDate(Date.parse(`${dutchDate(now)}T12:00:00Z`) + DAY_MS));
}

function amsterdamOffsetMs(at: number): number {
  const parts = offsetFormat
    .formatToParts(at)
    .reduce<Record<string, number>>((acc, p) => (p.type === "literal" ? acc : { ...acc, [p.type]: Number(p.value) }), {});
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - at;
}
const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Amsterdam", hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
