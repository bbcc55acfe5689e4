// Realised and net labour saving (issue 15, decision 031): what the region measured against its
// baseline, set beside what the catalogue's ratings project, minus the one-off hours an item costs.
// Every assumption is a named constant here and a line in docs/savings.md ("Gerealiseerde en netto
// besparing"). Pure: the item page, the agenda's chart, the innovation and region pages, the signals
// and the tests use the same functions; no database, no Remix.
import { baselineFor } from "./measurements";
import { ASSUMPTIONS, HOURS_PER_FTE_YEAR, median, type Mechanism, type Range } from "./savings";
import type { MeasurementUnit } from "./vocabulary";

export const REALISED_ASSUMPTIONS = {
  /**
   * A team's roster, its overtime and its client care run every week of the year (a colleague covers
   * the holidays), so a measured saving per week counts 52 weeks.
   */
  calendarWeeksPerYear: 52,
  /**
   * One-off hours (training, implementation) are written off in the first year: the net saving of
   * year one is the yearly saving minus them; from year two the net saving is the yearly saving.
   */
  writeOffYears: 1,
  /** "Far below": realised under half of the projection ... */
  farBelowShare: 0.5,
  /** ... measured in at least two periods, so one bad quarter or a first measurement does not fire it. */
  farBelowMinPeriods: 2,
  /** Recalibration needs this many regions with measurements ... */
  recalibrationMinRegions: 3,
  /** ... each over at least this many periods. */
  recalibrationMinPeriods: 2,
  /**
   * A region's own measurement is level 2 on the ladder: "measured in a local pilot, by one or more
   * organisations". Measurements of several regions together stay at 2: no value assessment, no control.
   */
  measuredEvidenceLevel: 2,
} as const;

/**
 * A vacancy of one FTE is one FTE of work not done: 36 hours a week over the 45 worked weeks, which
 * is HOURS_PER_FTE_YEAR a year. Every other unit counts calendar weeks (above).
 */
export const weeksPerYearOf = (unit: MeasurementUnit) =>
  unit === "vacancies_fte" ? ASSUMPTIONS.workingWeeksPerYear : REALISED_ASSUMPTIONS.calendarWeeksPerYear;

/** One stored baseline or measurement, as the measurement model reads it. */
export type MeasuredRow = {
  id: number;
  unit: MeasurementUnit;
  /** The entered value converted at write time (app/domain/measurements.ts). */
  hoursPerWeek: number;
  profession: string;
  team: string;
  period: string;
  createdAt: Date | number;
  sourceFile?: string | null;
};

/** One series (profession, team, unit): its baseline against the mean of its latest period. */
export type SeriesSaving = {
  profession: string;
  team: string;
  unit: MeasurementUnit;
  baselineId: number;
  baselineHoursPerWeek: number;
  latestPeriod: string;
  measuredHoursPerWeek: number;
  /** Baseline minus measured: positive is fewer hours needed; negative is more (shown, never clamped). */
  savedHoursPerWeek: number;
  hoursPerYear: number;
  /** Every period the series was measured in, oldest first. */
  periods: string[];
  /** The measurements of the latest period, whose mean is compared: each leads to its row and file. */
  measurementIds: number[];
};

export const realisedMissing = ["no_measurement", "no_baseline", "unit_mismatch"] as const;
export type RealisedMissing = (typeof realisedMissing)[number];

export type Realised =
  | {
      ok: true;
      hoursPerYear: number;
      fte: number;
      /** Distinct periods with a compared measurement (the signals and the recalibration count these). */
      periods: number;
      latestPeriod: string;
      series: SeriesSaving[];
      /** Measurements without a baseline in the same unit: shown, not counted. */
      unmatched: number;
      evidenceLevel: number;
    }
  | { ok: false; reason: RealisedMissing; unmatched: number };

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The realised yearly saving of one item: per series (profession, team and unit), the baseline for that
 * series in the same unit (15B's baselineFor: same team, else same profession, else item-wide) minus
 * the mean of the series' latest period, × weeks a year. The level the item saves at now, comparable
 * with a projection (a yearly saving at full reach). Different units are never compared: overtime
 * against a baseline of roster hours says nothing.
 */
export function realisedSaving({ baselines, measurements }: { baselines: readonly MeasuredRow[]; measurements: readonly MeasuredRow[] }): Realised {
  if (!measurements.length) return { ok: false, reason: "no_measurement", unmatched: 0 };
  const groups = new Map<string, MeasuredRow[]>();
  for (const m of measurements) {
    const key = JSON.stringify([m.profession, m.team, m.unit]);
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const series: SeriesSaving[] = [];
  let unmatched = 0;
  for (const rows of groups.values()) {
    const { profession, team, unit } = rows[0];
    const baseline = baselineFor(baselines.filter((b) => b.unit === unit), { profession, team });
    if (!baseline) {
      unmatched += rows.length;
      continue;
    }
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    const latestPeriod = periods[periods.length - 1];
    const latest = rows.filter((r) => r.period === latestPeriod);
    const measuredHoursPerWeek = mean(latest.map((r) => r.hoursPerWeek));
    const savedHoursPerWeek = baseline.hoursPerWeek - measuredHoursPerWeek;
    series.push({
      profession,
      team,
      unit,
      baselineId: baseline.id,
      baselineHoursPerWeek: baseline.hoursPerWeek,
      latestPeriod,
      measuredHoursPerWeek,
      savedHoursPerWeek,
      hoursPerYear: savedHoursPerWeek * weeksPerYearOf(unit),
      periods,
      measurementIds: latest.map((r) => r.id),
    });
  }
  if (!series.length) return { ok: false, reason: baselines.length ? "unit_mismatch" : "no_baseline", unmatched };
  const hoursPerYear = series.reduce((n, s) => n + s.hoursPerYear, 0);
  const allPeriods = [...new Set(series.flatMap((s) => s.periods))].sort();
  return {
    ok: true,
    hoursPerYear,
    fte: hoursPerYear / HOURS_PER_FTE_YEAR,
    periods: allPeriods.length,
    latestPeriod: allPeriods[allPeriods.length - 1],
    series,
    unmatched,
    evidenceLevel: REALISED_ASSUMPTIONS.measuredEvidenceLevel,
  };
}

export type Net = {
  oneOffHours: number;
  /** The yearly saving minus the one-off hours (written off in the first year). */
  firstYearHours: number;
  /** From the second year on: the yearly saving itself. */
  laterYearHours: number;
  /** Months until the saving has paid the one-off hours back; null when it never does (no positive saving). */
  paybackMonths: number | null;
};

/** The net saving of a yearly saving that costs `oneOffHours` once (training and implementation). */
export function netSaving(hoursPerYear: number, oneOffHours: number): Net {
  const oneOff = Math.max(0, oneOffHours);
  return {
    oneOffHours: oneOff,
    firstYearHours: hoursPerYear - oneOff / REALISED_ASSUMPTIONS.writeOffYears,
    laterYearHours: hoursPerYear,
    paybackMonths: oneOff === 0 ? 0 : hoursPerYear > 0 ? (oneOff / hoursPerYear) * 12 : null,
  };
}

/** The net first-year saving of a projected range: each of low, expected and high minus the one-off hours. */
export function netRange(hoursPerYear: Range, oneOffHours: number): Range {
  const f = (v: number) => netSaving(v, oneOffHours).firstYearHours;
  return { low: f(hoursPerYear.low), expected: f(hoursPerYear.expected), high: f(hoursPerYear.high) };
}

/** Realised as a share of the projection (0.55 = 55%); null when nothing positive was projected. */
export function realisedShare(realisedHours: number, projectedHours: number | null | undefined): number | null {
  if (projectedHours == null || !(projectedHours > 0) || !Number.isFinite(realisedHours)) return null;
  return realisedHours / projectedHours;
}

/** Realised below `farBelowShare` of the projection, after at least `farBelowMinPeriods` periods. */
export function farBelowProjection(realised: Realised, projectedHours: number | null): boolean {
  if (!realised.ok || realised.periods < REALISED_ASSUMPTIONS.farBelowMinPeriods) return false;
  const share = realisedShare(realised.hoursPerYear, projectedHours);
  return share !== null && share < REALISED_ASSUMPTIONS.farBelowShare;
}

/** One item as the aggregations read it: its projected expected hours (null: no figure) and what was measured. */
export type ComparedItem = { projectedHours: number | null; realised: Realised };

export type Comparison = {
  /** Projected over every item given (expected hours a year). */
  projectedHours: number;
  /** Items with a realised figure. */
  measuredItems: number;
  realisedHours: number;
  /** Projected for the measured items only: the share compares like with like. */
  projectedOfMeasured: number;
  share: number | null;
};

/** Realised against projected over some items (an agenda's mechanism, a region, an innovation in a region). */
export function compare(items: readonly ComparedItem[]): Comparison {
  let projectedHours = 0;
  let measuredItems = 0;
  let realisedHours = 0;
  let projectedOfMeasured = 0;
  for (const i of items) {
    projectedHours += i.projectedHours ?? 0;
    if (!i.realised.ok) continue;
    measuredItems += 1;
    realisedHours += i.realised.hoursPerYear;
    projectedOfMeasured += i.projectedHours ?? 0;
  }
  return { projectedHours, measuredItems, realisedHours, projectedOfMeasured, share: realisedShare(realisedHours, projectedOfMeasured) };
}

/**
 * Which mechanism an item's realised saving counts under: the item's own, else the mechanism of the link
 * that projects the most (a measurement is of the item, not of one link).
 */
export function realisedMechanism(own: Mechanism | null, links: ReadonlyArray<{ mechanism: Mechanism; projectedHours: number | null }>): Mechanism | null {
  if (own) return own;
  const best = [...links].sort((a, b) => (b.projectedHours ?? -1) - (a.projectedHours ?? -1))[0];
  return best?.mechanism ?? null;
}

/**
 * The innovation an item's measurement says something about: only when exactly one of its links gives
 * a labour-saved figure. With two, nobody can say which of them saved the hours, so neither is credited.
 */
export function attributableInnovation(links: ReadonlyArray<{ innovationId: number; projectedHours: number | null }>): number | null {
  const withFigure = [...new Set(links.filter((l) => (l.projectedHours ?? 0) > 0).map((l) => l.innovationId))];
  return withFigure.length === 1 ? withFigure[0] : null;
}

export type RegionMeasured = {
  regionId: number;
  regionName: string;
  items: number;
  projectedHours: number;
  realisedHours: number;
  share: number;
  /** The most periods any of its items was measured in. */
  periods: number;
  /** Enough periods for the recalibration rule. */
  qualifies: boolean;
};

export type AcrossRegions = {
  regions: RegionMeasured[];
  /** Median over the regions' shares; null when no region measured. */
  medianShare: number | null;
  recalibration:
    | { ok: true; factor: number; regions: number; evidenceLevel: number }
    | { ok: false; regions: number; needed: number; periods: number };
};

/**
 * One innovation across the regions that use it and measured: per region, realised against projected
 * over its attributable measured items; the median of those shares ("gemeten in 4 regio's: mediaan 55%
 * van de projectie"); and the recalibration rule: only when at least `recalibrationMinRegions` regions
 * measured over at least `recalibrationMinPeriods` periods each is there a recalibrated factor (the
 * median of those regions' shares), shown beside the catalogue's projection and never instead of it.
 */
export function acrossRegions(items: ReadonlyArray<ComparedItem & { regionId: number; regionName: string }>): AcrossRegions {
  const byRegion = new Map<number, { name: string; items: ComparedItem[] }>();
  for (const i of items) {
    const entry = byRegion.get(i.regionId) ?? { name: i.regionName, items: [] };
    entry.items.push(i);
    byRegion.set(i.regionId, entry);
  }
  const regions: RegionMeasured[] = [];
  for (const [regionId, { name, items: own }] of byRegion) {
    const c = compare(own);
    if (c.share === null) continue;
    const periods = Math.max(...own.map((i) => (i.realised.ok ? i.realised.periods : 0)));
    regions.push({
      regionId,
      regionName: name,
      items: c.measuredItems,
      projectedHours: c.projectedOfMeasured,
      realisedHours: c.realisedHours,
      share: c.share,
      periods,
      qualifies: periods >= REALISED_ASSUMPTIONS.recalibrationMinPeriods,
    });
  }
  regions.sort((a, b) => a.regionName.localeCompare(b.regionName, "nl"));
  const qualifying = regions.filter((r) => r.qualifies);
  const { recalibrationMinRegions: needed, recalibrationMinPeriods: periods, measuredEvidenceLevel } = REALISED_ASSUMPTIONS;
  return {
    regions,
    medianShare: regions.length ? median(regions.map((r) => r.share)) : null,
    recalibration:
      qualifying.length >= needed
        ? { ok: true, factor: median(qualifying.map((r) => r.share)), regions: qualifying.length, evidenceLevel: measuredEvidenceLevel }
        : { ok: false, regions: qualifying.length, needed, periods },
  };
}

/** A catalogue figure recalibrated by the measured factor, to show beside the catalogue's own. */
export const recalibrate = (r: Range, factor: number): Range => ({ low: r.low * factor, expected: r.expected * factor, high: r.high * factor });
