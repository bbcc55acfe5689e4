// Every assumption behind a projected labour saving lives in this module, so that one review
// (docs/savings.md, "Aannames arbeidsbesparing / Saving assumptions") covers them all. Pure: shared by
// loaders, the catalogue and the tests; no database, no Remix.

import { mechanisms, savingUnits, type Mechanism, type SavingUnit } from "./vocabulary";

export { mechanisms, savingUnits, type Mechanism, type SavingUnit };
export const reachUnits = ["clients", "fte"] as const;
export type ReachUnit = (typeof reachUnits)[number];
export const evidenceLevels = [1, 2, 3, 4] as const;
export type EvidenceLevel = (typeof evidenceLevels)[number];

export const ASSUMPTIONS = {
  /** Contracted full-time week in the care-and-welfare collective agreements (CAO VVT, ziekenhuizen: 36 hours). */
  fteHoursPerWeek: 36,
  /** Weeks a full-time worker actually works in a year, after holidays, public holidays and leave. */
  workingWeeksPerYear: 45,
  /** Clients need care every week of the year, so a saving per client counts 52 weeks. */
  clientWeeksPerYear: 52,
  /**
   * Weight of a rating by its evidence level: each level up counts twice as much, so a single
   * evaluated figure (3) outweighs four expectations (1) and a proven process (4) dominates.
   */
  evidenceWeight: { 1: 1, 2: 2, 3: 4, 4: 8 } as Record<EvidenceLevel, number>,
  /** National aim of the supplementary agreement (AZWA): 100,000 fewer shortages (people, counted as FTE) in 2028. */
  nationalTargetFte: 100_000,
  targetYear: 2028,
  /** People working in Dutch care and welfare (about 1.6 million); the denominator of a region's share. */
  nationalCareWorkers: 1_600_000,
  regionCount: 28,
  /** Figures are shown with this many significant digits: the inputs do not carry more. */
  significantDigits: 2,
} as const;

/** Productive hours of one FTE in a year: 36 × 45 = 1,620. */
export const HOURS_PER_FTE_YEAR = ASSUMPTIONS.fteHoursPerWeek * ASSUMPTIONS.workingWeeksPerYear;

export type Range = { low: number; expected: number; high: number };
export const zeroRange: Range = { low: 0, expected: 0, high: 0 };

export type RatingInput = {
  unit: SavingUnit;
  low: number;
  expected: number;
  high: number;
  evidenceLevel: number;
  /** pct_task_time only: hours per week per FTE spent on the task the percentage applies to. */
  taskHoursPerWeek?: number | null;
};

/** What a saving is counted per: one client or one FTE in reach. */
export type Basis = "client" | "fte";

/**
 * A rating as hours saved per week per unit of reach, or null when it cannot be expressed in hours
 * (a percentage of a task whose weekly hours nobody stated).
 */
export function ratingHoursPerWeek(r: RatingInput): { basis: Basis; range: Range } | null {
  switch (r.unit) {
    case "hours_per_week_per_client":
      return { basis: "client", range: { low: r.low, expected: r.expected, high: r.high } };
    case "hours_per_week_per_fte":
      return { basis: "fte", range: { low: r.low, expected: r.expected, high: r.high } };
    case "pct_task_time": {
      const task = r.taskHoursPerWeek;
      if (task == null || !(task > 0)) return null;
      const f = task / 100;
      return { basis: "fte", range: { low: r.low * f, expected: r.expected * f, high: r.high * f } };
    }
  }
}

export const evidenceWeight = (level: number) =>
  ASSUMPTIONS.evidenceWeight[Math.min(4, Math.max(1, Math.round(level))) as EvidenceLevel];

export type Combined = Range & {
  basis: Basis;
  /** Highest evidence level among the ratings combined. */
  evidenceLevel: number;
  ratingCount: number;
};

/**
 * The catalogue's figure for an innovation, per basis: low, expected and high are each the
 * evidence-weighted mean of the ratings' low, expected and high. Ratings that cannot be put in hours
 * are left out (and reported as `unconvertible`).
 */
export function combineRatings(ratings: RatingInput[]): { perBasis: Partial<Record<Basis, Combined>>; unconvertible: number } {
  const acc: Partial<Record<Basis, { w: number; low: number; expected: number; high: number; level: number; n: number }>> = {};
  let unconvertible = 0;
  for (const r of ratings) {
    const h = ratingHoursPerWeek(r);
    if (!h) {
      unconvertible++;
      continue;
    }
    const w = evidenceWeight(r.evidenceLevel);
    const a = (acc[h.basis] ??= { w: 0, low: 0, expected: 0, high: 0, level: 0, n: 0 });
    a.w += w;
    a.low += w * h.range.low;
    a.expected += w * h.range.expected;
    a.high += w * h.range.high;
    a.level = Math.max(a.level, r.evidenceLevel);
    a.n++;
  }
  const perBasis: Partial<Record<Basis, Combined>> = {};
  for (const basis of ["client", "fte"] as const) {
    const a = acc[basis];
    if (!a) continue;
    perBasis[basis] = { basis, low: a.low / a.w, expected: a.expected / a.w, high: a.high / a.w, evidenceLevel: a.level, ratingCount: a.n };
  }
  return { perBasis, unconvertible };
}

export const basisOfReach = (unit: ReachUnit): Basis => (unit === "clients" ? "client" : "fte");

const weeksPerYear = (basis: Basis) =>
  basis === "client" ? ASSUMPTIONS.clientWeeksPerYear : ASSUMPTIONS.workingWeeksPerYear;

export type Projection =
  | { ok: true; hoursPerYear: Range; fte: Range; evidenceLevel: number }
  | { ok: false; reason: "unrated" | "unit_mismatch" };

/**
 * Projected yearly saving of one innovation at full reach: hours per week per unit × reach × weeks a
 * year; FTE = hours ÷ HOURS_PER_FTE_YEAR. Only ratings on the reach's basis count (a per-client figure
 * says nothing about a reach in FTE).
 */
export function projectSaving(ratings: RatingInput[], reach: number, reachUnit: ReachUnit): Projection {
  if (!ratings.length) return { ok: false, reason: "unrated" };
  const basis = basisOfReach(reachUnit);
  const combined = combineRatings(ratings).perBasis[basis];
  if (!combined) return { ok: false, reason: "unit_mismatch" };
  const n = Math.max(0, reach) * weeksPerYear(basis);
  const hoursPerYear = { low: combined.low * n, expected: combined.expected * n, high: combined.high * n };
  return { ok: true, hoursPerYear, fte: toFte(hoursPerYear), evidenceLevel: combined.evidenceLevel };
}

export const toFte = (hours: Range): Range => ({
  low: hours.low / HOURS_PER_FTE_YEAR,
  expected: hours.expected / HOURS_PER_FTE_YEAR,
  high: hours.high / HOURS_PER_FTE_YEAR,
});

export const addRange = (a: Range, b: Range): Range => ({ low: a.low + b.low, expected: a.expected + b.expected, high: a.high + b.high });
export const sumRanges = (rs: Range[]) => rs.reduce(addRange, zeroRange);

/** Items that no longer run do not save anything. */
export const countsTowardsTotal = (status: string) => status !== "gestopt";

/**
 * A region's default target in FTE: its share of the national 100,000 by care workers when known,
 * otherwise an equal 1/28 share. A target the region set itself always wins.
 */
export function regionTarget({ savingTargetFte, careWorkers }: { savingTargetFte: number | null; careWorkers: number | null }): {
  fte: number;
  source: "region" | "care_workers" | "equal_share";
} {
  if (savingTargetFte != null && savingTargetFte >= 0) return { fte: savingTargetFte, source: "region" };
  if (careWorkers != null && careWorkers > 0) {
    return { fte: (ASSUMPTIONS.nationalTargetFte * careWorkers) / ASSUMPTIONS.nationalCareWorkers, source: "care_workers" };
  }
  return { fte: ASSUMPTIONS.nationalTargetFte / ASSUMPTIONS.regionCount, source: "equal_share" };
}

/** Rounds to the significant digits the inputs can carry (1,234 → 1,200; 0.0456 → 0.046). */
export function roundSignificant(value: number, digits: number = ASSUMPTIONS.significantDigits): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** (digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

// Building an Intl.NumberFormat costs far more than formatting with one (the savings chart formats
// dozens per page), and the first one per locale loads that locale's data: built once, on first use.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: "nl" | "en", rounded: boolean) {
  const key = `${locale}:${rounded}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", rounded ? { maximumFractionDigits: 3 } : undefined);
    numberFormats.set(key, format);
  }
  return format;
}

export function formatNumber(value: number, locale: "nl" | "en"): string {
  return numberFormat(locale, true).format(roundSignificant(value));
}

/** A stated constant (an assumption), shown as it is. */
export function formatExact(value: number, locale: "nl" | "en"): string {
  return numberFormat(locale, false).format(value);
}

/** "1.200 (800–1.600)": expected with its spread, never more precise than the inputs. */
export function formatRange(r: Range, locale: "nl" | "en"): string {
  const f = (v: number) => formatNumber(v, locale);
  if (roundSignificant(r.low) === roundSignificant(r.high)) return f(r.expected);
  return `${f(r.expected)} (${f(r.low)}–${f(r.high)})`;
}
