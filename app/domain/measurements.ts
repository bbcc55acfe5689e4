// Measured figures become hours per week, the one unit realised savings are compared in. Pure: the hand
// entry form, the import preview and the savings model use the same conversions. Every factor is an
// assumption written down in docs/savings.md ("Gemeten besparing").
import { ASSUMPTIONS } from "./savings";
import type { MeasurementUnit } from "./vocabulary";

export const MEASUREMENT_ASSUMPTIONS = {
  /** A month is 52/12 weeks: overtime per month × 12 ÷ 52. */
  weeksPerMonth: 52 / 12,
  /** An open vacancy of one FTE is a contracted full-time week of work not done (36 hours, savings.ts). */
  hoursPerVacancyFte: ASSUMPTIONS.fteHoursPerWeek,
} as const;

/** The units that need the number of clients a week to become hours. */
export const unitNeedsClients = (unit: MeasurementUnit) => unit === "minutes_per_client";

/**
 * The figure as hours per week, or null when it cannot be converted (minutes per client without a
 * positive number of clients a week).
 */
export function toHoursPerWeek(value: number, unit: MeasurementUnit, clientsPerWeek: number | null = null): number | null {
  switch (unit) {
    case "hours_per_week":
      return value;
    case "overtime_hours_per_month":
      return value / MEASUREMENT_ASSUMPTIONS.weeksPerMonth;
    case "vacancies_fte":
      return value * MEASUREMENT_ASSUMPTIONS.hoursPerVacancyFte;
    case "minutes_per_client":
      return clientsPerWeek != null && clientsPerWeek > 0 ? (value * clientsPerWeek) / 60 : null;
  }
}

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar day as YYYY-MM-DD (what a date input sends): "2026-02-30" is refused. */
export function isIsoDay(value: string) {
  if (!ISO_DAY.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Hard bounds on one figure, whatever its unit: far above anything a team or region reports. */
export const MEASUREMENT_LIMITS = { maxValue: 1_000_000, maxClientsPerWeek: 1_000_000 } as const;

type Series = { profession: string; team: string };

/**
 * The baseline a measurement is compared with: the one for the same profession and team, else the one
 * for the same profession (any team), else the item-wide one (no profession, no team); the latest
 * entered wins within a match. Null when the item has no fitting baseline.
 */
export function baselineFor<B extends Series & { createdAt: Date | number }>(baselines: readonly B[], measurement: Series): B | null {
  const latest = (matches: B[]) => matches.reduce<B | null>((best, b) => (!best || +b.createdAt >= +best.createdAt ? b : best), null);
  return (
    latest(baselines.filter((b) => b.profession === measurement.profession && b.team === measurement.team)) ??
    latest(baselines.filter((b) => b.profession === measurement.profession && b.team === "")) ??
    latest(baselines.filter((b) => b.profession === "" && b.team === ""))
  );
}
