// Reporting periods: execution is reported per calendar quarter on the Dutch clock ("2026-Q4"). The key is
// the stored and URL form, sortable as text; labels are for people ("4e kwartaal 2026"). Pure: used by the
// execution records, measurements, the progress report, the national totals and the flag rules.
import { dutchCalendarDay, endOfDutchDay, startOfDutchDay } from "./dutch-time";

/** A quarter as "YYYY-Qn" (n 1–4). */
export type Period = `${number}-Q${1 | 2 | 3 | 4}`;

const PERIOD_PATTERN = /^(\d{4})-Q([1-4])$/;

export function isPeriod(value: unknown): value is Period {
  return typeof value === "string" && PERIOD_PATTERN.test(value);
}

/** The period's year and quarter; throws on anything that is not a period (callers validate input first). */
export function periodParts(period: string): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new Error(`Not a period: ${period}`);
  return { year: Number(match[1]), quarter: Number(match[2]) as 1 | 2 | 3 | 4 };
}

export function makePeriod(year: number, quarter: number): Period {
  // Normalise quarters outside 1–4 into neighbouring years, so stepping is plain arithmetic.
  const index = year * 4 + (quarter - 1);
  const y = Math.floor(index / 4);
  const q = (index - y * 4 + 1) as 1 | 2 | 3 | 4;
  return `${y}-Q${q}`;
}

/** The quarter that contains `at`, on the Dutch calendar (31 December 23:30 UTC is already next year's Q1). */
export function periodOf(at: Date | number): Period {
  const [year, month] = dutchCalendarDay(at).split("-").map(Number);
  return makePeriod(year, Math.floor((month - 1) / 3) + 1);
}

/** The period `steps` quarters after `period` (negative: before). */
export function shiftPeriod(period: string, steps: number): Period {
  const { year, quarter } = periodParts(period);
  return makePeriod(year, quarter + steps);
}

export function previousPeriod(period: string): Period {
  return shiftPeriod(period, -1);
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function comparePeriods(a: string, b: string): number {
  return periodIndex(a) - periodIndex(b);
}

/** How many quarters from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function periodsApart(from: string, to: string): number {
  return periodIndex(to) - periodIndex(from);
}

/** Every period from `from` to `to`, both included, oldest first; empty when `to` is before `from`. */
export function periodRange(from: string, to: string): Period[] {
  const count = periodsApart(from, to) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => shiftPeriod(from, i));
}

/** The first Dutch day of the period, as YYYY-MM-DD. */
export function periodFirstDay(period: string): string {
  const { year, quarter } = periodParts(period);
  return `${year}-${String((quarter - 1) * 3 + 1).padStart(2, "0")}-01`;
}

/** The last Dutch day of the period, as YYYY-MM-DD. */
export function periodLastDay(period: string): string {
  return dutchCalendarDay(startOfDutchDay(periodFirstDay(shiftPeriod(period, 1))) - 1);
}

/** The instant the period starts (Dutch midnight of its first day). */
export function periodStart(period: string): number {
  return startOfDutchDay(periodFirstDay(period));
}

/** The last second of the period's last Dutch day. */
export function periodEnd(period: string): Date {
  return endOfDutchDay(periodLastDay(period));
}

/** "4e kwartaal 2026" / "Q4 2026". */
export function periodLabel(period: string, locale: "nl" | "en"): string {
  const { year, quarter } = periodParts(period);
  return locale === "en" ? `Q${quarter} ${year}` : `${quarter}e kwartaal ${year}`;
}

/** A short label for charts and narrow tables: "K4 2026" / "Q4 2026". */
export function periodShortLabel(period: string, locale: "nl" | "en"): string {
  const { year, quarter } = periodParts(period);
  return `${locale === "en" ? "Q" : "K"}${quarter} ${year}`;
}

function periodIndex(period: string): number {
  const { year, quarter } = periodParts(period);
  return year * 4 + quarter - 1;
}
