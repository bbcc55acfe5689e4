// Time in the Netherlands: every calendar day, deadline, midnight and printed date of the product is a
// Dutch one, whatever the server's or browser's own time zone (decisions, end dates and daily versions are
// Dutch-time events, and server and browser must render the same date so that pages hydrate unchanged).
// Pure: shared by the app, its collaboration extensions and the flag rules.

export const DUTCH_TIME_ZONE = "Europe/Amsterdam";

const DAY_MS = 24 * 60 * 60 * 1000;

// Building an Intl formatter costs about 0.1 ms, far more than using one; these are asked for on every
// change, flag and rendered row.
const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: DUTCH_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const wallClockFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: DUTCH_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
});

/** The calendar day in the Netherlands at `at`, as YYYY-MM-DD. */
export function dutchCalendarDay(at: Date | number): string {
  return dayFormat.format(at);
}

/** The Dutch calendar day `days` whole days (of 24 hours) after `now`, as YYYY-MM-DD (for date inputs). */
export function dutchCalendarDayAfter(now: Date | number, days: number): string {
  return dutchCalendarDay(new Date(now).getTime() + days * DAY_MS);
}

/** The start of a Dutch calendar day (YYYY-MM-DD) as an instant: a snooze "until 12 May" ends then. */
export function startOfDutchDay(isoDate: string): number {
  const utcMidnight = utcOf(isoDate);
  // Amsterdam changes its clock at 01:00 UTC, so at UTC midnight the offset is still the one of local midnight.
  return utcMidnight - dutchOffsetMs(utcMidnight);
}

/** The last second of a Dutch calendar day (YYYY-MM-DD): a deadline "on 12 May" runs until then. */
export function endOfDutchDay(isoDate: string): Date {
  const naive = utcOf(isoDate) + DAY_MS - 1000;
  return new Date(naive - dutchOffsetMs(naive));
}

/** The next Dutch midnight after `now`: when "today" turns and end dates pass. */
export function nextDutchMidnight(now: number): number {
  // Noon UTC of the Dutch date is always within that day, whatever the offset; a day later is tomorrow.
  return startOfDutchDay(dutchCalendarDay(Date.parse(`${dutchCalendarDay(now)}T12:00:00Z`) + DAY_MS));
}

export type DutchDateStyle = { dateStyle: "medium" | "long"; timeStyle?: "short" };

const displayFormats = new Map<string, Intl.DateTimeFormat>();

/** A date (and time) as the reader's language writes it, on the Dutch clock. */
export function formatDutchDate(value: Date | string | number, locale: "nl" | "en", style: DutchDateStyle = { dateStyle: "long" }): string {
  const key = `${locale}|${style.dateStyle}|${style.timeStyle ?? ""}`;
  let format = displayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", { ...style, timeZone: DUTCH_TIME_ZONE });
    displayFormats.set(key, format);
  }
  return format.format(new Date(value));
}

function utcOf(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

/** How far the Dutch wall clock is ahead of UTC at `at` (one or two hours). */
function dutchOffsetMs(at: number): number {
  // The wall clock is read to the minute, so compare it with the instant truncated to the minute.
  const minute = at - (((at % 60_000) + 60_000) % 60_000);
  const parts = wallClockFormat
    .formatToParts(minute)
    .reduce<Record<string, number>>((acc, p) => (p.type === "literal" ? acc : { ...acc, [p.type]: Number(p.value) }), {});
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - minute;
}
