// The national results' shapes and what their page and exports share (decision 033): the evidence mix,
// the caveats every figure travels with, and the one table the XLSX and CSV exports both write. Pure: the
// model (app/models/national-results.server.ts) fills the shapes; no database, no Remix.
import { evidenceLevels, type EvidenceLevel, type Mechanism, type Range } from "./savings";
import type { Period } from "./periods";

/** Expected hours a year per weakest evidence level of the links they rest on (the evidence mix). */
export type EvidenceMix = Record<EvidenceLevel, number>;

export type Totals = {
  /** Projected at full reach: hours a year (low, expected, high), the links counted and their evidence mix. */
  projected: Range;
  links: number;
  mix: EvidenceMix;
  /** Realised by the items measured by then, with what was projected for those items (like with like). */
  realised: number;
  projectedOfMeasured: number;
  measuredItems: number;
  /** Realised as a share of the projection of the measured items; null when nothing positive was projected. */
  share: number | null;
};

export type Series<K> = { key: K; name: string; quarters: Totals[] };

export type NationalResults = {
  quarters: Period[];
  total: Totals[];
  byMechanism: Array<Series<Mechanism>>;
  byInnovation: Array<Series<number> & { slug: string }>;
  byRegion: Array<Series<number> & { slug: string }>;
  hoursPerFteYear: number;
  measuredEvidenceLevel: number;
};

const emptyMix = (): EvidenceMix => ({ 1: 0, 2: 0, 3: 0, 4: 0 });
export const emptyTotals = (): Totals => ({
  projected: { low: 0, expected: 0, high: 0 },
  links: 0,
  mix: emptyMix(),
  realised: 0,
  projectedOfMeasured: 0,
  measuredItems: 0,
  share: null,
});


/** The weakest evidence level among a total's parts (the label it carries); null when nothing is projected. */
export function weakestLevel(mix: EvidenceMix): EvidenceLevel | null {
  return evidenceLevels.find((l) => mix[l] > 0) ?? null;
}

/** The mix as shares (0–1) of the expected hours, for the levels that carry any. */
export function mixShares(mix: EvidenceMix): Array<{ level: EvidenceLevel; share: number }> {
  const sum = evidenceLevels.reduce((n, l) => n + mix[l], 0);
  return sum > 0 ? evidenceLevels.filter((l) => mix[l] > 0).map((l) => ({ level: l, share: mix[l] / sum })) : [];
}

type Tr = (key: string, vars?: Record<string, string | number>) => string;

/** The caveats, in the order the page, the XLSX caveat sheet and the CSV header give them. */
export const caveatKeys = [
  "national.caveat.projected",
  "national.caveat.realised",
  "national.caveat.share",
  "national.caveat.notCounted",
  "national.caveat.evidence",
  "national.caveat.innovation",
  "national.caveat.fte",
] as const;

export function caveatLines(results: Pick<NationalResults, "hoursPerFteYear" | "measuredEvidenceLevel">, tr: Tr, assumptionsUrl: string): string[] {
  const vars = { level: results.measuredEvidenceLevel, hours: results.hoursPerFteYear };
  return [...caveatKeys.map((k) => tr(k, vars)), tr("national.export.assumptionsAt", { url: assumptionsUrl })];
}

export type ExportCell = string | number | null;

/**
 * Every figure of the page as one table: a row per breakdown (total, way of saving, innovation, region)
 * per quarter, in hours a year unrounded (the page rounds) and FTE, with the evidence mix per level.
 */
export function exportTable(results: NationalResults, tr: Tr, names: { mechanism: (m: Mechanism) => string; quarter: (p: Period) => string }) {
  const header = [
    tr("national.export.col.dimension"),
    tr("national.export.col.name"),
    tr("national.export.col.quarter"),
    tr("national.export.col.projectedLow"),
    tr("national.export.col.projectedExpected"),
    tr("national.export.col.projectedHigh"),
    tr("national.export.col.projectedFte"),
    tr("national.export.col.links"),
    tr("national.export.col.realised"),
    tr("national.export.col.realisedFte"),
    tr("national.export.col.items"),
    tr("national.export.col.projectedOfMeasured"),
    tr("national.export.col.share"),
    tr("national.export.col.weakest"),
    ...evidenceLevels.map((level) => tr("national.export.col.mix", { level })),
  ];
  const fte = (hours: number) => hours / results.hoursPerFteYear;
  const rows: ExportCell[][] = [];
  const add = (dimension: string, name: string, quarters: Totals[]) =>
    quarters.forEach((t, i) =>
      rows.push([
        dimension,
        name,
        names.quarter(results.quarters[i]),
        t.projected.low,
        t.projected.expected,
        t.projected.high,
        fte(t.projected.expected),
        t.links,
        t.realised,
        fte(t.realised),
        t.measuredItems,
        t.projectedOfMeasured,
        t.share === null ? null : t.share * 100,
        weakestLevel(t.mix),
        ...evidenceLevels.map((l) => t.mix[l]),
      ]),
    );
  add(tr("national.export.dimension.total"), tr("national.total"), results.total);
  for (const m of results.byMechanism) add(tr("national.export.dimension.mechanism"), names.mechanism(m.key), m.quarters);
  for (const x of results.byInnovation) add(tr("national.export.dimension.innovation"), x.name, x.quarters);
  for (const x of results.byRegion) add(tr("national.export.dimension.region"), x.name, x.quarters);
  return { header, rows };
}
