// National totals over time (issue 15, decision 033): projected and realised labour saving per quarter,
// by way of saving, by innovation and by region, for the ministry's regional team. The figures come from
// the summary kept on every write (app/models/national-summary.server.ts): each group's changes per
// quarter, summed here up to each quarter's end. tests/unit/national-results.test.ts holds them beside
// projectLink and realisedSaving applied item by item, tests/unit/national-summary.test.ts beside a
// recomputation from scratch after every write path.
import type { Db } from "../../db";
import { can, type Principal } from "../domain/permissions";
import { periodOf, shiftPeriod, type Period } from "../domain/periods";
import { REALISED_ASSUMPTIONS, realisedShare } from "../domain/realised-savings";
import { HOURS_PER_FTE_YEAR, mechanisms, type EvidenceLevel, type Mechanism } from "../domain/savings";
import { emptyTotals, type NationalResults, type Totals } from "../domain/national-results";
import { currentSummary, summaryFigures, type SummaryFigures, type SummaryGroup, type SummaryTuple } from "./national-summary.server";
import { NotAllowedError } from "./errors.server";

/** How many quarters the overview shows, the current one last. */
export const NATIONAL_QUARTERS = 8;

// One collator for every sort: localeCompare with a locale builds one per comparison (milliseconds here).
const byName = new Intl.Collator("nl");

/** The quarters shown: `count` quarters ending with the one `now` falls in. */
export function shownQuarters(now: Date, count = NATIONAL_QUARTERS): Period[] {
  const last = periodOf(now);
  return Array.from({ length: count }, (_, i) => shiftPeriod(last, i - count + 1));
}

/**
 * The national totals per quarter, for whoever may see the national overview. No filtering by region:
 * the overview is national by definition, and it shows sums, never an item's text.
 */
export function getNationalResults({ db, actor, now = new Date(), quarters = shownQuarters(now) }: { db: Db; actor: Principal; now?: Date; quarters?: Period[] }): NationalResults {
  if (!can(actor, "view:national-overview")) throw new NotAllowedError();
  return assemble({ db, quarters, groups: upToEachQuarter(currentSummary({ db, upTo: quarters[quarters.length - 1] }), quarters) });
}

/**
 * Per group its totals at each quarter's end: the changes up to it summed (those before the first shown
 * quarter into it). A group without links (or measured items) at a quarter has nothing there, whatever
 * rounding its hours' changes left.
 */
function upToEachQuarter(rows: SummaryTuple[], quarters: Period[]) {
  const groups = new Map<string, { group: SummaryGroup; at: SummaryFigures[] }>();
  for (const r of rows) {
    const [kind, regionId, mechanism, innovationId, level, period] = r;
    const i = quarters.findIndex((q) => q >= period);
    if (i < 0) continue;
    const key = `${kind}|${regionId}|${mechanism}|${innovationId}|${level}`;
    const group = groups.get(key) ?? groups.set(key, { group: { kind, regionId, mechanism, innovationId, level }, at: quarters.map(summaryFigures.zero) }).get(key)!;
    summaryFigures.names.forEach((f, k) => (group.at[i][f] += r[6 + k] as number));
  }
  return [...groups.values()].map(({ group, at }) => {
    for (let i = 1; i < at.length; i++) for (const f of summaryFigures.names) at[i][f] += at[i - 1][f];
    return { group, at: at.map((x) => ((group.kind === "projected" ? x.links : x.measuredItems) > 0 ? x : null)) };
  });
}

function assemble({ db, quarters, groups: summed }: { db: Db; quarters: Period[]; groups: ReturnType<typeof upToEachQuarter> }): NationalResults {
  const total = quarters.map(emptyTotals);
  const groups = {
    mechanism: new Map<Mechanism, Totals[]>(mechanisms.map((m) => [m, quarters.map(emptyTotals)])),
    innovation: new Map<number, Totals[]>(),
    region: new Map<number, Totals[]>(),
  };
  const slot = <K>(map: Map<K, Totals[]>, key: K) => map.get(key) ?? map.set(key, quarters.map(emptyTotals)).get(key)!;
  for (const { group: g, at } of summed) {
    at.forEach((r, i) => {
      if (!r) return;
      if (g.kind === "projected") {
        const level = Math.min(4, Math.max(1, g.level)) as EvidenceLevel;
        for (const t of [total[i], slot(groups.mechanism, g.mechanism as Mechanism)[i], slot(groups.innovation, g.innovationId)[i], slot(groups.region, g.regionId)[i]]) {
          t.projected.low += r.low;
          t.projected.expected += r.expected;
          t.projected.high += r.high;
          t.links += r.links;
          t.mix[level] += r.expected;
        }
        return;
      }
      const targets = [total[i], slot(groups.region, g.regionId)[i]];
      if (g.mechanism) targets.push(slot(groups.mechanism, g.mechanism as Mechanism)[i]);
      if (g.innovationId) targets.push(slot(groups.innovation, g.innovationId)[i]);
      for (const t of targets) {
        t.realised += r.realised;
        t.projectedOfMeasured += r.projectedOfMeasured;
        t.measuredItems += r.measuredItems;
      }
    });
  }
  for (const t of [total, ...groups.mechanism.values(), ...groups.innovation.values(), ...groups.region.values()].flat()) {
    t.share = t.measuredItems ? realisedShare(t.realised, t.projectedOfMeasured) : null;
  }
  const names = namesOf(db, [...groups.innovation.keys()], [...groups.region.keys()]);
  const latest = (s: Totals[]) => s[s.length - 1].projected.expected;
  return {
    quarters,
    total,
    byMechanism: mechanisms.map((m) => ({ key: m, name: m, quarters: groups.mechanism.get(m)! })),
    byInnovation: [...groups.innovation]
      .map(([id, q]) => ({ key: id, name: names.innovations.get(id)?.name ?? String(id), slug: names.innovations.get(id)?.slug ?? "", quarters: q }))
      .sort((a, b) => latest(b.quarters) - latest(a.quarters) || byName.compare(a.name, b.name)),
    byRegion: [...groups.region]
      .map(([id, q]) => ({ key: id, name: names.regions.get(id)?.name ?? String(id), slug: names.regions.get(id)?.slug ?? "", quarters: q }))
      .sort((a, b) => byName.compare(a.name, b.name)),
    hoursPerFteYear: HOURS_PER_FTE_YEAR,
    measuredEvidenceLevel: REALISED_ASSUMPTIONS.measuredEvidenceLevel,
  };
}

function namesOf(db: Db, innovationIds: number[], regionIds: number[]) {
  const read = (sql: string, ids: number[]) =>
    new Map((db.$client.prepare(sql).all(JSON.stringify(ids)) as Array<{ id: number; name: string; slug: string }>).map((r) => [r.id, r]));
  return {
    innovations: read("SELECT id, name_nl AS name, slug FROM innovations WHERE id IN (SELECT value FROM json_each(?))", innovationIds),
    regions: read("SELECT id, name, slug FROM regions WHERE id IN (SELECT value FROM json_each(?))", regionIds),
  };
}
