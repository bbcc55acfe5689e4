// National totals over time (issue 15, decision 033): projected and realised labour saving per quarter,
// by way of saving, by innovation and by region, for the ministry's regional team. The sums are SQL
// aggregates; the catalogue's per-unit projection (app/domain/savings.ts) is computed once per distinct
// link shape in JS and handed to the query, because a projection is linear in the reach. Realised
// follows realisedSaving (app/domain/realised-savings.ts) exactly: per series the baseline minus the mean
// of its latest period up to the quarter; tests/unit/national-results.test.ts holds the two side by side.
import type { Db } from "../../db";
import { can, type Principal } from "../domain/permissions";
import { periodEnd, periodOf, periodStart, shiftPeriod, type Period } from "../domain/periods";
import { REALISED_ASSUMPTIONS, realisedShare, weeksPerYearOf } from "../domain/realised-savings";
import { HOURS_PER_FTE_YEAR, mechanisms, projectLink, type EvidenceLevel, type Mechanism } from "../domain/savings";
import { emptyTotals, type NationalResults, type Totals } from "../domain/national-results";
import { ratingsByInnovation } from "./catalogue.server";
import { NotAllowedError } from "./errors.server";

/** How many quarters the overview shows, the current one last. */
export const NATIONAL_QUARTERS = 8;

type Shape = { innovationId: number; reachUnit: "clients" | "fte"; taskHours: number | null; events: number | null };

/**
 * Per distinct link shape (innovation, reach unit, task hours, frequency) the labour saved per unit of
 * reach a year and its weakest level: what projectLink gives for a reach of 1. Shapes without a figure
 * are left out (their links project nothing).
 */
function unitFactors(db: Db) {
  const shapes = db.$client
    .prepare(
      `SELECT DISTINCT innovation_id AS innovationId, reach_unit AS reachUnit, task_hours_per_week AS taskHours, events_per_week AS events
       FROM item_innovations`,
    )
    .all() as Shape[];
  const ratings = ratingsByInnovation({ db, innovationIds: [...new Set(shapes.map((s) => s.innovationId))] });
  return shapes.flatMap((s) => {
    const saved = projectLink(ratings.get(s.innovationId) ?? [], { reach: 1, reachUnit: s.reachUnit, taskHoursPerWeek: s.taskHours, eventsPerWeek: s.events }).saved;
    return saved ? [{ ...s, low: saved.hoursPerYear.low, expected: saved.hoursPerYear.expected, high: saved.hoursPerYear.high, level: saved.evidence.weakest }] : [];
  });
}

// The CTEs both queries share: the shown quarters with their bounds, the unit factors, every link with
// its projection, and the spans in which an item was stopped (from its status history; an item stopped
// before any history was kept counts as stopped throughout).
const COMMON = `
  q(period, starts, ends) AS MATERIALIZED (SELECT value->>'$[0]', value->>'$[1]', value->>'$[2]' FROM json_each(:quarters)),
  f(innovation_id, reach_unit, task_hours, events, lo, ex, hi, level) AS MATERIALIZED (
    SELECT value->>'innovationId', value->>'reachUnit', value->>'taskHours', value->>'events',
           value->>'low', value->>'expected', value->>'high', value->>'level'
    FROM json_each(:factors)),
  link AS MATERIALIZED (
    SELECT l.id, l.item_id, l.innovation_id, l.created_at, a.region_id, i.mechanism AS own_mechanism,
           COALESCE(i.mechanism, inn.mechanism) AS mechanism, inn.mechanism AS innovation_mechanism,
           f.lo * l.reach AS lo, f.ex * l.reach AS ex, f.hi * l.reach AS hi, f.level
    FROM item_innovations l
    JOIN agenda_items i ON i.id = l.item_id AND i.agenda_id = l.agenda_id
    JOIN agendas a ON a.id = l.agenda_id
    JOIN innovations inn ON inn.id = l.innovation_id
    LEFT JOIN f ON f.innovation_id = l.innovation_id AND f.reach_unit = l.reach_unit
      AND f.task_hours IS l.task_hours_per_week AND f.events IS l.events_per_week),
  stopped(item_id, since, until) AS (
    SELECT item_id, changed_at, next FROM (
      SELECT item_id, status, changed_at, LEAD(changed_at) OVER (PARTITION BY item_id ORDER BY changed_at, id) AS next
      FROM item_status_changes) WHERE status = 'gestopt'
    UNION ALL
    SELECT i.id, NULL, NULL FROM agenda_items i
    WHERE i.status = 'gestopt' AND NOT EXISTS (SELECT 1 FROM item_status_changes s WHERE s.item_id = i.id)),
  stopped_q(period, item_id) AS MATERIALIZED (
    SELECT DISTINCT q.period, s.item_id FROM q JOIN stopped s
    ON (s.since IS NULL OR s.since <= q.ends) AND (s.until IS NULL OR s.until > q.ends))`;

// An anti-join on the few stopped (quarter, item) pairs: a row-value IN is evaluated per row.
const notStopped = (item: string, period: string) =>
  `LEFT JOIN stopped_q sq ON sq.period = ${period} AND sq.item_id = ${item}`;

/**
 * Projected per quarter: every link that gives a labour-saved figure counts from the quarter it was made
 * (links made before the first shown quarter count from it) in every quarter its item was not stopped at
 * the quarter's end.
 */
const PROJECTED_SQL = `
  WITH ${COMMON}
  SELECT q.period, link.region_id AS regionId, link.mechanism, link.innovation_id AS innovationId, link.level,
         SUM(link.lo) AS lo, SUM(link.ex) AS ex, SUM(link.hi) AS hi, COUNT(*) AS n
  FROM q JOIN link ON link.created_at <= q.ends ${notStopped("link.item_id", "q.period")}
  WHERE link.ex IS NOT NULL AND sq.item_id IS NULL
  GROUP BY q.period, link.region_id, link.mechanism, link.innovation_id, link.level`;

/**
 * Realised per quarter: per series (item, profession, team, unit) the mean of its latest period up to
 * the quarter against its baseline (baselineFor's order: same team, else same profession, else
 * item-wide; the latest entered wins), × the unit's weeks a year; summed per item over the series with a
 * baseline. The item counts under its own way of saving, else that of its link that projects the most,
 * and under an innovation only when exactly one of its links gives a figure (realisedMechanism,
 * attributableInnovation).
 */
const REALISED_SQL = `
  WITH ${COMMON},
  sp AS MATERIALIZED (
    SELECT item_id, profession, team, unit, period, AVG(hours_per_week) AS m,
           LEAD(period) OVER (PARTITION BY item_id, profession, team, unit ORDER BY period) AS next
    FROM measurements WHERE kind = 'measurement'
    GROUP BY item_id, profession, team, unit, period),
  base AS (
    SELECT x.item_id, x.profession, x.team, x.unit, COALESCE(
      (SELECT b.hours_per_week FROM measurements b WHERE b.kind = 'baseline' AND b.item_id = x.item_id AND b.unit = x.unit
         AND b.profession = x.profession AND b.team = x.team ORDER BY b.created_at DESC, b.period DESC, b.id DESC LIMIT 1),
      (SELECT b.hours_per_week FROM measurements b WHERE b.kind = 'baseline' AND b.item_id = x.item_id AND b.unit = x.unit
         AND b.profession = x.profession AND b.team = '' ORDER BY b.created_at DESC, b.period DESC, b.id DESC LIMIT 1),
      (SELECT b.hours_per_week FROM measurements b WHERE b.kind = 'baseline' AND b.item_id = x.item_id AND b.unit = x.unit
         AND b.profession = '' AND b.team = '' ORDER BY b.created_at DESC, b.period DESC, b.id DESC LIMIT 1)) AS hours
    FROM (SELECT DISTINCT item_id, profession, team, unit FROM sp) x),
  item_q AS (
    SELECT q.period, sp.item_id,
           SUM((base.hours - sp.m) * CASE sp.unit WHEN 'vacancies_fte' THEN :vacancyWeeks ELSE :calendarWeeks END) AS realised
    FROM q JOIN sp ON sp.period <= q.period AND (sp.next IS NULL OR sp.next > q.period)
    JOIN base ON base.item_id = sp.item_id AND base.profession = sp.profession AND base.team = sp.team AND base.unit = sp.unit
    WHERE base.hours IS NOT NULL
    GROUP BY q.period, sp.item_id),
  ranked AS (
    SELECT item_id, innovation_mechanism, ROW_NUMBER() OVER (PARTITION BY item_id ORDER BY COALESCE(ex, -1) DESC, id) AS rank FROM link),
  item_attr AS (
    SELECT i.id AS item_id, a.region_id, COALESCE(i.mechanism, r.innovation_mechanism) AS mechanism,
           p.projected, CASE WHEN p.figures = 1 THEN p.innovation_id END AS innovation_id
    FROM agenda_items i JOIN agendas a ON a.id = i.agenda_id
    LEFT JOIN ranked r ON r.item_id = i.id AND r.rank = 1
    LEFT JOIN (
      SELECT item_id, SUM(ex) AS projected, COUNT(DISTINCT CASE WHEN ex > 0 THEN innovation_id END) AS figures,
             MIN(CASE WHEN ex > 0 THEN innovation_id END) AS innovation_id
      FROM link GROUP BY item_id) p ON p.item_id = i.id
    WHERE i.id IN (SELECT item_id FROM sp))
  SELECT item_q.period, item_attr.region_id AS regionId, item_attr.mechanism, item_attr.innovation_id AS innovationId,
         SUM(item_q.realised) AS realised, SUM(COALESCE(item_attr.projected, 0)) AS projected, COUNT(*) AS items
  FROM item_q JOIN item_attr ON item_attr.item_id = item_q.item_id ${notStopped("item_q.item_id", "item_q.period")}
  WHERE sq.item_id IS NULL
  GROUP BY item_q.period, item_attr.region_id, item_attr.mechanism, item_attr.innovation_id`;

type ProjectedRow = { period: Period; regionId: number; mechanism: Mechanism; innovationId: number; level: number; lo: number; ex: number; hi: number; n: number };
type RealisedRow = { period: Period; regionId: number; mechanism: Mechanism | null; innovationId: number | null; realised: number; projected: number; items: number };

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
  // The first quarter's start is open: links made before it count from it (as "by then").
  const bounds = JSON.stringify(quarters.map((p, i) => [p, i === 0 ? 0 : periodStart(p), periodEnd(p).getTime()]));
  const params = {
    quarters: bounds,
    factors: JSON.stringify(unitFactors(db)),
    vacancyWeeks: weeksPerYearOf("vacancies_fte"),
    calendarWeeks: weeksPerYearOf("hours_per_week"),
  };
  const projected = db.$client.prepare(PROJECTED_SQL).all({ quarters: params.quarters, factors: params.factors }) as ProjectedRow[];
  const realised = db.$client.prepare(REALISED_SQL).all(params) as RealisedRow[];
  return assemble({ db, quarters, projected, realised });
}

function assemble({ db, quarters, projected, realised }: { db: Db; quarters: Period[]; projected: ProjectedRow[]; realised: RealisedRow[] }): NationalResults {
  const index = new Map(quarters.map((p, i) => [p, i]));
  const total = quarters.map(emptyTotals);
  const groups = {
    mechanism: new Map<Mechanism, Totals[]>(mechanisms.map((m) => [m, quarters.map(emptyTotals)])),
    innovation: new Map<number, Totals[]>(),
    region: new Map<number, Totals[]>(),
  };
  const slot = <K>(map: Map<K, Totals[]>, key: K) => map.get(key) ?? map.set(key, quarters.map(emptyTotals)).get(key)!;
  for (const r of projected) {
    const i = index.get(r.period)!;
    const level = Math.min(4, Math.max(1, Number(r.level))) as EvidenceLevel;
    for (const t of [total[i], slot(groups.mechanism, r.mechanism)[i], slot(groups.innovation, r.innovationId)[i], slot(groups.region, r.regionId)[i]]) {
      t.projected.low += r.lo;
      t.projected.expected += r.ex;
      t.projected.high += r.hi;
      t.links += r.n;
      t.mix[level] += r.ex;
    }
  }
  for (const r of realised) {
    const i = index.get(r.period)!;
    const targets = [total[i], slot(groups.region, r.regionId)[i]];
    if (r.mechanism) targets.push(slot(groups.mechanism, r.mechanism)[i]);
    if (r.innovationId != null) targets.push(slot(groups.innovation, r.innovationId)[i]);
    for (const t of targets) {
      t.realised += r.realised;
      t.projectedOfMeasured += r.projected;
      t.measuredItems += r.items;
    }
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
      .sort((a, b) => latest(b.quarters) - latest(a.quarters) || a.name.localeCompare(b.name, "nl")),
    byRegion: [...groups.region]
      .map(([id, q]) => ({ key: id, name: names.regions.get(id)?.name ?? String(id), slug: names.regions.get(id)?.slug ?? "", quarters: q }))
      .sort((a, b) => a.name.localeCompare(b.name, "nl")),
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
