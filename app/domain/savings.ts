// Every assumption behind a projected labour saving lives in this module, so that one review
// (docs/savings.md, "Aannames arbeidsbesparing / Saving assumptions") covers them all. Pure: shared by
// loaders, the catalogue and the tests; no database, no Remix.

import { mechanisms, ratingKinds, savingUnits, targetUnits, type Mechanism, type RatingKind, type SavingUnit, type TargetUnit } from "./vocabulary";
import { formatDecimal, type NumberLocale } from "./numbers";

export { mechanisms, ratingKinds, savingUnits, targetUnits, type Mechanism, type RatingKind, type SavingUnit, type TargetUnit };
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
  /** Clients get care every day: a figure per client per day counts 7 days a week. */
  clientCareDaysPerWeek: 7,
  /**
   * National aim of the supplementary agreement (AZWA): the threatened shortage 100,000 people smaller
   * in 2028, through all measures together (more hours, intake, retention, labour saving). Context
   * only: it is in people, not FTE, and it is not divided into regional targets.
   */
  nationalAimPeople: 100_000,
  nationalAimYear: 2028,
  /**
   * Average part-time factor in care and welfare: the average working week is 68% of a 36-hour
   * full-time week (SiRM 2023, "De potentie van een hogere deeltijdfactor"; CBS/AZW gave 67% for Q3
   * 2018). It converts between people and FTE: 1 FTE of work = 1 / 0.68 ≈ 1.5 average workers.
   */
  partTimeFactor: 0.68,
  /** Figures are shown with this many significant digits: the inputs do not carry more. */
  significantDigits: 2,
} as const;

/** Productive hours of one FTE in a year: 36 × 45 = 1,620. */
export const HOURS_PER_FTE_YEAR = ASSUMPTIONS.fteHoursPerWeek * ASSUMPTIONS.workingWeeksPerYear;

export type Range = { low: number; expected: number; high: number };
export const zeroRange: Range = { low: 0, expected: 0, high: 0 };

export type RatingInput = {
  id?: number;
  /** Missing means labour_saved: every rating entered before kinds existed was meant as a saving. */
  kind?: RatingKind;
  unit: SavingUnit;
  low: number;
  expected: number;
  high: number;
  /** False (or 0 from plain SQL): the source gives a range without a most likely value (never summed, never shown). */
  expectedStated?: boolean | number;
  evidenceLevel: number;
  /** pct_task_time: hours per week per FTE spent on the task, when the rating itself states them. */
  taskHoursPerWeek?: number | null;
  /** task_shifting: from which professions to which. */
  professions?: { from: string[]; to: string[] } | null;
};

/** What a saving is counted per: one client or one FTE in reach. */
export type Basis = "client" | "fte";

export const basisOfReach = (unit: ReachUnit): Basis => (unit === "clients" ? "client" : "fte");

/** What the region states when it links an innovation to an item. */
export type LinkFields = {
  reach: number;
  reachUnit: ReachUnit;
  /** Hours per FTE per week spent on the task a percentage is a share of. */
  taskHoursPerWeek?: number | null;
  /** How often the rated event (a wash, a handover, a care moment) happens per unit of reach per week. */
  eventsPerWeek?: number | null;
};

/**
 * How a unit becomes hours per week per unit of reach. `basis` is what the figure is counted per
 * ("reach": per event, so whatever the reach counts); `needs` is the link field (or the assumption)
 * the conversion cannot do without.
 */
type UnitRule = {
  basis: Basis | "reach" | null;
  needs: "task_hours" | "events" | "assumption" | null;
  perWeek: (value: number, f: { taskHours: number; events: number }) => number;
};

export const unitRules: Record<SavingUnit, UnitRule> = {
  hours_per_week_per_client: { basis: "client", needs: null, perWeek: (v) => v },
  hours_per_week_per_fte: { basis: "fte", needs: null, perWeek: (v) => v },
  pct_task_time: { basis: "fte", needs: "task_hours", perWeek: (v, f) => (v / 100) * f.taskHours },
  minutes_per_day_per_client: { basis: "client", needs: null, perWeek: (v) => (v * ASSUMPTIONS.clientCareDaysPerWeek) / 60 },
  minutes_per_week_per_client: { basis: "client", needs: null, perWeek: (v) => v / 60 },
  // A yearly figure per worker spreads over the weeks a worker works (the same 45 as the FTE year).
  hours_per_year_per_fte: { basis: "fte", needs: null, perWeek: (v) => v / ASSUMPTIONS.workingWeeksPerYear },
  minutes_per_event: { basis: "reach", needs: "events", perWeek: (v, f) => (v / 60) * f.events },
  // Fewer nursing days or emergency visits are less care demand, not staff hours: converting them
  // needs hours per nursing day and a baseline nobody has stated. Never converted.
  pct_care_use: { basis: null, needs: "assumption", perWeek: () => NaN },
};

/** Why a link has no labour-saved figure: each has its own message (app/i18n/evidence.ts). */
export const missingReasons = ["unrated", "unit_mismatch", "task_hours", "events", "care_demand", "not_labour_saved"] as const;
export type Missing = (typeof missingReasons)[number];

const positive = (v: number | null | undefined) => (v != null && v > 0 ? v : null);
const kindOf = (r: RatingInput): RatingKind => r.kind ?? "labour_saved";
// Rows read with plain SQL carry SQLite's 0/1; missing (older callers) means stated.
const statesExpected = (r: RatingInput) => Boolean((r.expectedStated as boolean | number | null | undefined) ?? true);

/** One rating as hours per week per unit of the link's reach, or what is missing to get there. */
export function ratingPerWeek(
  r: RatingInput,
  link: Omit<LinkFields, "reach">,
): { ok: true; range: Range } | { ok: false; missing: Missing } {
  const rule = unitRules[r.unit];
  if (!rule || rule.basis === null || rule.needs === "assumption") return { ok: false, missing: "care_demand" };
  if (rule.basis !== "reach" && rule.basis !== basisOfReach(link.reachUnit)) return { ok: false, missing: "unit_mismatch" };
  let taskHours = 0;
  let events = 0;
  if (rule.needs === "task_hours") {
    // The rating's own task hours win: they come with the source; otherwise the region states its own.
    const hours = positive(r.taskHoursPerWeek) ?? positive(link.taskHoursPerWeek);
    if (hours == null) return { ok: false, missing: "task_hours" };
    taskHours = hours;
  }
  if (rule.needs === "events") {
    const n = positive(link.eventsPerWeek);
    if (n == null) return { ok: false, missing: "events" };
    events = n;
  }
  const f = (v: number) => rule.perWeek(v, { taskHours, events });
  return { ok: true, range: { low: f(r.low), expected: f(r.expected), high: f(r.high) } };
}

/**
 * The evidence behind an aggregate: it is as strong as its weakest part, so that is its label;
 * the strongest and the count are shown beside it, never instead.
 */
export type Evidence = { weakest: EvidenceLevel; strongest: EvidenceLevel; count: number };

/**
 * A labour-saved rating as hours per week per client or FTE when it needs no field of a link (no
 * task hours of the region, no frequency); null otherwise, and for every other kind.
 */
export function ratingHoursPerWeek(r: RatingInput): { basis: Basis; range: Range } | null {
  if (kindOf(r) !== "labour_saved" || !statesExpected(r)) return null;
  const basis = unitRules[r.unit]?.basis;
  if (basis !== "client" && basis !== "fte") return null;
  const h = ratingPerWeek(r, { reachUnit: basis === "client" ? "clients" : "fte" });
  return h.ok ? { basis, range: h.range } : null;
}

const clampLevel = (level: number) => Math.min(4, Math.max(1, Math.round(level))) as EvidenceLevel;

export function evidenceOf(levels: number[]): Evidence | null {
  if (!levels.length) return null;
  const clamped = levels.map(clampLevel);
  return { weakest: Math.min(...clamped) as EvidenceLevel, strongest: Math.max(...clamped) as EvidenceLevel, count: clamped.length };
}

export function mergeEvidence(a: Evidence | null, b: Evidence | null): Evidence | null {
  if (!a) return b;
  if (!b) return a;
  return {
    weakest: Math.min(a.weakest, b.weakest) as EvidenceLevel,
    strongest: Math.max(a.strongest, b.strongest) as EvidenceLevel,
    count: a.count + b.count,
  };
}

/** A projected yearly figure with its spread, in hours and FTE, and the ratings behind it. */
export type Figure = { hoursPerYear: Range; fte: Range; evidence: Evidence; ratingIds: number[] };

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Several ratings of one innovation for one link: the spread runs from the lowest low to the highest
 * high, the expected value is the median of the ratings' expected values (no rating counts more for
 * its level), and the label is the weakest level among them.
 */
export function spreadOf(parts: Array<{ range: Range; level: number; id?: number }>): { range: Range; evidence: Evidence; ratingIds: number[] } | null {
  if (!parts.length) return null;
  return {
    range: {
      low: Math.min(...parts.map((p) => p.range.low)),
      expected: median(parts.map((p) => p.range.expected)),
      high: Math.max(...parts.map((p) => p.range.high)),
    },
    evidence: evidenceOf(parts.map((p) => p.level))!,
    ratingIds: parts.flatMap((p) => (p.id != null ? [p.id] : [])),
  };
}

/**
 * The evidence aggregate of many figures (links of an item, items of an agenda, agendas of a region
 * or the country): low, expected and high each summed, labelled with the weakest level among them.
 */
export function sumFigures(figures: Array<Figure | null | undefined>): Figure | null {
  let out: Figure | null = null;
  for (const f of figures) {
    if (!f) continue;
    out = out
      ? {
          hoursPerYear: addRange(out.hoursPerYear, f.hoursPerYear),
          fte: addRange(out.fte, f.fte),
          evidence: mergeEvidence(out.evidence, f.evidence)!,
          ratingIds: [...new Set([...out.ratingIds, ...f.ratingIds])],
        }
      : { ...f, ratingIds: [...f.ratingIds] };
  }
  return out;
}

const weeksPerYear = (basis: Basis) =>
  basis === "client" ? ASSUMPTIONS.clientWeeksPerYear : ASSUMPTIONS.workingWeeksPerYear;

/** What one link adds up to, kept apart by kind: only `saved` is labour saved. */
export type LinkProjection = {
  saved: Figure | null;
  /** More hours worked: labour supply, not a saving. */
  supply: Figure | null;
  /** Hours moved between professions, with which; not a saving. */
  shifted: (Figure & { professions: { from: string[]; to: string[] } }) | null;
  /** Ratings of care demand (fewer nursing days ...): shown as stated, never converted. */
  careDemand: number;
  /** Why `saved` is null. */
  missing: Missing | null;
};

function figureOfKind(ratings: RatingInput[], link: LinkFields) {
  const basis = basisOfReach(link.reachUnit);
  const n = Math.max(0, link.reach) * weeksPerYear(basis);
  const parts: Array<{ range: Range; level: number; id?: number }> = [];
  const missing: Missing[] = [];
  for (const r of ratings) {
    // A range without a stated expected value is no figure to add up.
    if (!statesExpected(r)) continue;
    const h = ratingPerWeek(r, link);
    if (h.ok) parts.push({ range: h.range, level: r.evidenceLevel, id: r.id });
    else missing.push(h.missing);
  }
  const spread = spreadOf(parts);
  if (!spread) return { figure: null, missing };
  const hoursPerYear = { low: spread.range.low * n, expected: spread.range.expected * n, high: spread.range.high * n };
  return { figure: { hoursPerYear, fte: toFte(hoursPerYear), evidence: spread.evidence, ratingIds: spread.ratingIds } as Figure, missing };
}

// The fillable fields first: a region can state task hours or a frequency, not change the unit.
const missingOrder: Missing[] = ["task_hours", "events", "unit_mismatch", "care_demand"];

/** Projected yearly figures of one innovation on one link, at full reach. */
export function projectLink(ratings: RatingInput[], link: LinkFields): LinkProjection {
  const of = (kind: RatingKind) => ratings.filter((r) => kindOf(r) === kind);
  const saved = figureOfKind(of("labour_saved"), link);
  const supply = figureOfKind(of("labour_supply"), link).figure;
  const shiftRatings = of("task_shifting");
  const shifted = figureOfKind(shiftRatings, link).figure;
  const careDemand = of("care_demand").length;
  let missing: Missing | null = null;
  if (!saved.figure) {
    if (!ratings.length) missing = "unrated";
    else if (!of("labour_saved").length) missing = careDemand ? "care_demand" : "not_labour_saved";
    else missing = missingOrder.find((m) => saved.missing.includes(m)) ?? "unit_mismatch";
  }
  return {
    saved: saved.figure,
    supply,
    shifted: shifted
      ? {
          ...shifted,
          professions: {
            from: [...new Set(shiftRatings.flatMap((r) => r.professions?.from ?? []))],
            to: [...new Set(shiftRatings.flatMap((r) => r.professions?.to ?? []))],
          },
        }
      : null,
    careDemand,
    missing,
  };
}

export type Projection =
  | {
      ok: true;
      hoursPerYear: Range;
      fte: Range;
      /** The weakest level among the ratings behind the figure: the label an aggregate carries. */
      evidenceLevel: number;
      evidence: Evidence;
    }
  | { ok: false; reason: Missing };

/**
 * The labour saved by one innovation at full reach: hours per week per unit × reach × weeks a year
 * (52 for clients, 45 for FTE); FTE = hours ÷ HOURS_PER_FTE_YEAR. Only labour-saved ratings count;
 * a figure per client says nothing about a reach in FTE.
 */
export function projectSaving(
  ratings: RatingInput[],
  reach: number,
  reachUnit: ReachUnit,
  fields: Omit<LinkFields, "reach" | "reachUnit"> = {},
): Projection {
  const p = projectLink(ratings, { reach, reachUnit, ...fields });
  if (!p.saved) return { ok: false, reason: p.missing ?? "unrated" };
  return { ok: true, hoursPerYear: p.saved.hoursPerYear, fte: p.saved.fte, evidenceLevel: p.saved.evidence.weakest, evidence: p.saved.evidence };
}

/** What linking an innovation can give, before any reach is stated: the link form's guide. */
export type LinkCapability = {
  produces: boolean;
  /** Ways to a figure: what the reach is counted in and which extra field it needs. */
  routes: Array<{ basis: Basis | "reach"; needs: "task_hours" | "events" | null; task: string | null }>;
  missing: Missing | null;
  /** care_demand: what the care-use percentages are shares of ("verpleegdagen"). */
  careDemandOf: string[];
  /** not_labour_saved: which kinds the ratings are instead. */
  otherKinds: RatingKind[];
};

export function linkCapability(ratings: Array<RatingInput & { taskName?: string | null }>): LinkCapability {
  const saved = ratings.filter((r) => kindOf(r) === "labour_saved" && statesExpected(r));
  const routes: LinkCapability["routes"] = [];
  for (const r of saved) {
    const rule = unitRules[r.unit];
    if (!rule || rule.basis === null) continue;
    const needs = rule.needs === "task_hours" && positive(r.taskHoursPerWeek) ? null : (rule.needs as "task_hours" | "events" | null);
    const task = needs ? (r.taskName ?? null) : null;
    if (!routes.some((x) => x.basis === rule.basis && x.needs === needs && x.task === task)) routes.push({ basis: rule.basis, needs, task });
  }
  // Routes that need nothing but the reach first.
  routes.sort((a, b) => Number(a.needs != null) - Number(b.needs != null));
  const careDemand = ratings.filter((r) => kindOf(r) === "care_demand");
  const produces = routes.length > 0;
  return {
    produces,
    routes,
    missing: produces ? null : !ratings.length ? "unrated" : !saved.length && careDemand.length ? "care_demand" : !saved.length ? "not_labour_saved" : "unit_mismatch",
    careDemandOf: [...new Set(careDemand.map((r) => r.taskName ?? "").filter(Boolean))],
    otherKinds: [...new Set(ratings.map(kindOf).filter((k) => k !== "labour_saved"))],
  };
}

/**
 * The link form's order for one item: innovations that can give a figure first, then the others;
 * within each, those that share a sector with the item first, then by name.
 */
export function orderLinkOptions<T extends { nameNl: string; sectors: string[]; capability: LinkCapability }>(options: T[], itemSectors: string[]): T[] {
  const shares = (o: T) => o.sectors.some((s) => itemSectors.includes(s));
  return [...options].sort(
    (a, b) =>
      Number(b.capability.produces) - Number(a.capability.produces) ||
      Number(shares(b)) - Number(shares(a)) ||
      a.nameNl.localeCompare(b.nameNl, "nl"),
  );
}

/**
 * The catalogue's summary of an innovation's labour-saved ratings that need no link field, per basis:
 * the spread over the ratings, the median, and the weakest level (see spreadOf).
 */
export function catalogueSummary(ratings: RatingInput[]) {
  const perBasis: Partial<Record<Basis, { range: Range; evidence: Evidence }>> = {};
  const saved = ratings.filter((r) => kindOf(r) === "labour_saved" && statesExpected(r));
  for (const basis of ["client", "fte"] as const) {
    const parts = saved.flatMap((r) => {
      const rule = unitRules[r.unit];
      if (rule?.basis !== basis) return [];
      const h = ratingPerWeek(r, { reachUnit: basis === "client" ? "clients" : "fte" });
      return h.ok ? [{ range: h.range, level: r.evidenceLevel, id: r.id }] : [];
    });
    const spread = spreadOf(parts);
    if (spread) perBasis[basis] = { range: spread.range, evidence: spread.evidence };
  }
  const counted = Object.values(perBasis).reduce((n, b) => n + b.evidence.count, 0);
  const byKind = Object.fromEntries(ratingKinds.map((k) => [k, ratings.filter((r) => kindOf(r) === k).length])) as Record<RatingKind, number>;
  return {
    perBasis,
    /** Labour-saved ratings that need the region's task hours or a frequency before they are hours. */
    needsLinkFields: saved.length - counted,
    byKind,
    evidence: evidenceOf(ratings.map((r) => r.evidenceLevel)),
  };
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

export const fteToPeople = (fte: number) => fte / ASSUMPTIONS.partTimeFactor;
export const peopleToFte = (people: number) => people * ASSUMPTIONS.partTimeFactor;
/** A figure in people or FTE, in FTE (the unit every projected saving is computed in). */
export const inFte = (value: number, unit: TargetUnit) => (unit === "fte" ? value : peopleToFte(value));

/** The saving target a region set itself (decision 015). There is no default: unset is null. */
export type RegionTarget = {
  value: number;
  unit: TargetUnit;
  /** The same target in FTE, through the part-time factor when the region stated people. */
  fte: number;
  /** What the region based it on; null only for targets set before sources were asked for. */
  source: string | null;
  setAt: Date | null;
};

export function regionTarget(row: {
  savingTarget: number | null;
  savingTargetUnit: TargetUnit | null;
  savingTargetSource?: string | null;
  savingTargetSetAt?: Date | null;
}): RegionTarget | null {
  const { savingTarget: value, savingTargetUnit: unit } = row;
  if (value == null || unit == null || !(value >= 0)) return null;
  return { value, unit, fte: inFte(value, unit), source: row.savingTargetSource ?? null, setAt: row.savingTargetSetAt ?? null };
}

/** A region's expected shortage as one published source states it (db/reference/regional-shortages.json). */
export type RegionShortage = {
  shortage: number;
  unit: TargetUnit;
  year: number;
  vintage: string;
  publisher: string;
  sourceUrl: string;
  reporting: "first_hand" | "second_hand";
};

/**
 * A saving in FTE as a share (0–1) of the region's expected shortage, in the shortage's own unit:
 * a shortage in people is compared with the saving in people (FTE ÷ part-time factor).
 */
export function shareOfShortage(savingFte: number, s: Pick<RegionShortage, "shortage" | "unit">): number {
  if (!(s.shortage > 0)) return 0;
  return (s.unit === "fte" ? savingFte : fteToPeople(savingFte)) / s.shortage;
}

/** Rounds to the significant digits the inputs can carry (1,234 → 1,200; 0.0456 → 0.046). */
export function roundSignificant(value: number, digits: number = ASSUMPTIONS.significantDigits): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** (digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

export function formatNumber(value: number, locale: NumberLocale): string {
  return formatDecimal(roundSignificant(value), locale);
}

/** A stated constant (an assumption) or a figure someone typed, shown as it is. */
export function formatExact(value: number, locale: NumberLocale): string {
  return formatDecimal(value, locale, 6);
}

/** "1.200 (800–1.600)": expected with its spread, never more precise than the inputs. */
export function formatRange(r: Range, locale: NumberLocale): string {
  const f = (v: number) => formatNumber(v, locale);
  if (roundSignificant(r.low) === roundSignificant(r.high)) return f(r.expected);
  return `${f(r.expected)} (${f(r.low)}–${f(r.high)})`;
}
