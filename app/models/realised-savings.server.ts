// Realised and net savings (decision 031): the measurements (15B) and the training and implementation
// hours (15D) of items whose links are projected, set beside those projections, per item and per
// mechanism. The arithmetic is app/domain/realised-savings.ts; the pages' reads are in savings.server.ts
// (item, region, innovation across regions), which projects the links this module is given.
import type { Db } from "../../db";
import {
  compare,
  farBelowProjection,
  netRange,
  netSaving,
  realisedMechanism,
  realisedSaving,
  realisedShare,
  type Comparison,
  type Net,
  type Realised,
} from "../domain/realised-savings";
import { mechanisms, sumFigures, type Figure, type Mechanism, type Range } from "../domain/savings";
import { measurementsForItems, type MeasurementRow } from "./measurements.server";
import type { LinkSaving } from "./savings.server";
import { trainingHoursForItems } from "./training.server";

/** A baseline or measurement as the pages show it: each figure leads to its period, unit and source file. */
export type MeasurementRef = Pick<
  MeasurementRow,
  "id" | "kind" | "period" | "value" | "unit" | "clientsPerWeek" | "hoursPerWeek" | "profession" | "team" | "source" | "sourceFile" | "sourceRow"
>;

export type ItemRealised = {
  itemId: string;
  mechanism: Mechanism | null;
  projected: Figure | null;
  realised: Realised;
  /** Realised as a share of the expected projection; null without both. */
  share: number | null;
  farBelow: boolean;
  /** Training and implementation hours (once); null when the item states none. */
  oneOff: { training: number; implementation: number; total: number } | null;
  /** First-year net of the projection (low, expected, high) and its payback at the expected value. */
  netProjected: { firstYear: Range; paybackMonths: number | null } | null;
  netRealised: Net | null;
  measurements: MeasurementRef[];
};

type ItemInput = { itemId: string; mechanism: Mechanism | null; links: readonly LinkSaving[] };

const refOf = ({ id, kind, period, value, unit, clientsPerWeek, hoursPerWeek, profession, team, source, sourceFile, sourceRow }: MeasurementRow): MeasurementRef => ({
  id, kind, period, value, unit, clientsPerWeek, hoursPerWeek, profession, team, source, sourceFile, sourceRow,
});

/** Realised and net savings of some items whose links are already projected. */
export function realisedForItems({ db, items }: { db: Db; items: readonly ItemInput[] }): Map<string, ItemRealised> {
  const ids = items.map((i) => i.itemId);
  const measured = measurementsForItems({ db, itemIds: ids });
  const training = trainingHoursForItems({ db, itemIds: ids });
  const out = new Map<string, ItemRealised>();
  for (const item of items) {
    const rows = measured.get(item.itemId) ?? { baselines: [], measurements: [] };
    const projected = sumFigures(item.links.map((l) => l.projection.saved));
    const realised = realisedSaving(rows);
    const hours = training.get(item.itemId);
    const oneOff = hours ? { training: hours.training, implementation: hours.implementation, total: hours.total } : null;
    const expected = projected?.hoursPerYear.expected ?? null;
    out.set(item.itemId, {
      itemId: item.itemId,
      mechanism: realisedMechanism(item.mechanism, item.links.map((l) => ({ mechanism: l.mechanism, projectedHours: l.projection.saved?.hoursPerYear.expected ?? null }))),
      projected,
      realised,
      share: realised.ok ? realisedShare(realised.hoursPerYear, expected) : null,
      farBelow: farBelowProjection(realised, expected),
      oneOff,
      netProjected: projected
        ? { firstYear: netRange(projected.hoursPerYear, oneOff?.total ?? 0), paybackMonths: netSaving(projected.hoursPerYear.expected, oneOff?.total ?? 0).paybackMonths }
        : null,
      netRealised: realised.ok ? netSaving(realised.hoursPerYear, oneOff?.total ?? 0) : null,
      measurements: [...rows.baselines, ...rows.measurements].map(refOf),
    });
  }
  return out;
}

export type MechanismComparison = Comparison & { mechanism: Mechanism };

/** Realised against projected per mechanism and in total, over the items that count (not stopped). */
export function compareByMechanism(items: ReadonlyArray<ItemRealised & { counts: boolean }>) {
  const counted = items.filter((i) => i.counts);
  const asCompared = (list: typeof counted) => list.map((i) => ({ projectedHours: i.projected?.hoursPerYear.expected ?? null, realised: i.realised }));
  return {
    byMechanism: mechanisms.map((mechanism): MechanismComparison => ({ mechanism, ...compare(asCompared(counted.filter((i) => i.mechanism === mechanism))) })),
    total: compare(asCompared(counted)),
  };
}

/** A measured item in a list: what a chart or region page links to. */
export type MeasuredItem = {
  itemId: string;
  agendaId: number;
  title: string;
  mechanism: Mechanism | null;
  projectedHours: number | null;
  realisedHours: number;
  share: number | null;
  periods: number;
  latestPeriod: string;
  sourceFiles: string[];
  farBelow: boolean;
};

export function measuredItemsOf(items: ReadonlyArray<ItemRealised & { agendaId: number; title: string }>): MeasuredItem[] {
  return items.flatMap((i) =>
    i.realised.ok
      ? [
          {
            itemId: i.itemId,
            agendaId: i.agendaId,
            title: i.title,
            mechanism: i.mechanism,
            projectedHours: i.projected?.hoursPerYear.expected ?? null,
            realisedHours: i.realised.hoursPerYear,
            share: i.share,
            periods: i.realised.periods,
            latestPeriod: i.realised.latestPeriod,
            sourceFiles: [...new Set(i.measurements.flatMap((m) => (m.sourceFile ? [m.sourceFile] : [])))],
            farBelow: i.farBelow,
          },
        ]
      : [],
  );
}
