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
