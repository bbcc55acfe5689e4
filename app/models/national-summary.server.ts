// The national results' summary (decision 033): what each item adds to the overview's groups (region,
// way of saving, innovation, evidence level) as changes per quarter, kept in national_summary_items, and
// their sums per group in national_summary, so the read sums a few thousand rows instead of every link
// and measurement. Triggers (migration 0025) list, in the transaction of any write to a source
// (measurements, links, status history, items, agendas, innovations, ratings), the items it touches
// in national_summary_stale; syncNationalSummary rebuilds those items' rows, and currentSummary
// recomputes the ones still listed, so no write path can leave the read behind.
//
// An item's contribution at a quarter's end: each link that gives a labour-saved figure counts from the
// quarter it was made, or from the item's first measured quarter when that is earlier, so a realised
// saving is never counted without the projection it is compared with (projectLink, computed once per
// link shape since a projection is linear in the reach); realised is realisedSaving's rule, per series (item, profession, team, unit) the baseline
// (baselineFor) minus the mean of its latest period up to the quarter, × the unit's weeks a year; an
// item stopped at the quarter's end (its status history; stopped before history was kept: throughout)
// counts nowhere. It changes only in the quarters where a link was made, a status changed or a series
// was measured: those changes are the rows.
import type { Db } from "../../db";
import { periodEnd, periodOf, shiftPeriod, type Period } from "../domain/periods";
import { baselineFor } from "../domain/measurements";
import type { MeasurementUnit } from "../domain/vocabulary";
import { weeksPerYearOf } from "../domain/realised-savings";
import { projectLink, type Mechanism } from "../domain/savings";
import { ratingsByInnovation } from "./catalogue.server";

/** A group of the overview; '' and 0 stand for no way of saving, no innovation, no level (realised). */
export type SummaryGroup = { kind: "projected" | "realised"; regionId: number; mechanism: string; innovationId: number; level: number };
const figureNames = ["low", "expected", "high", "links", "realised", "projectedOfMeasured", "measuredItems"] as const;
export const summaryFigures = { names: figureNames, zero: (): SummaryFigures => ({ low: 0, expected: 0, high: 0, links: 0, realised: 0, projectedOfMeasured: 0, measuredItems: 0 }) };
export type SummaryFigures = Record<(typeof figureNames)[number], number>;
export type SummaryRow = SummaryGroup & SummaryFigures & { period: Period };

const columns = "kind, region_id AS regionId, mechanism, innovation_id AS innovationId, level, period, low, expected, high, links, realised, projected_of_measured AS projectedOfMeasured, measured_items AS measuredItems";
const groupColumns = ["kind", "region_id", "mechanism", "innovation_id", "level"];
const groupKey = (g: SummaryGroup) => `${g.kind}|${g.regionId}|${g.mechanism}|${g.innovationId}|${g.level}`;

/** A summary row as SQLite gives it raw (the read takes a thousand): the group, the period, the figures in figureNames order. */
export type SummaryTuple = [kind: SummaryGroup["kind"], regionId: number, mechanism: string, innovationId: number, level: number, period: Period, ...figures: number[]];
const tupleColumns = "kind, region_id, mechanism, innovation_id, level, period, low, expected, high, links, realised, projected_of_measured, measured_items";
const asTuple = (r: SummaryRow): SummaryTuple => [r.kind, r.regionId, r.mechanism, r.innovationId, r.level, r.period, ...figureNames.map((f) => r[f])];

/**
 * The summary as changes per group and quarter up to `upTo`, as it stands for the sources now: the stored
 * sums, with each item still listed stale taken out as stored and put back as recomputed.
 */
export function currentSummary({ db, upTo }: { db: Db; upTo: Period }): SummaryTuple[] {
  const c = db.$client;
  // One snapshot: a sync in another connection between the reads would count an item twice.
  return c.transaction(() => {
    const rows = c.prepare(`SELECT ${tupleColumns} FROM national_summary WHERE period <= ?`).raw().all(upTo) as SummaryTuple[];
    const stale = c.prepare("SELECT item_id FROM national_summary_stale").pluck().all() as string[];
    if (!stale.length) return rows;
    const stored = c.prepare(`SELECT ${tupleColumns} FROM national_summary_items WHERE item_id IN (SELECT value FROM json_each(?)) AND period <= ?`).raw().all(JSON.stringify(stale), upTo) as SummaryTuple[];
    const negated = stored.map((r) => r.map((x, i) => (i < 6 ? x : -x)) as SummaryTuple);
    return [...rows, ...negated, ...itemRows(db, stale).filter((r) => r.period <= upTo).map(asTuple)];
  })();
}

/**
 * Rebuilds the rows of the items listed stale and the sums of the groups they were or are in. Call it in
 * the transaction of a write to a source (the write's triggers listed its items); it also takes any
 * item an earlier write left listed. A group's sum is summed again from its items' rows, never adjusted
 * by a difference, so it cannot drift from them.
 */
export function syncNationalSummary({ db }: { db: Db }) {
  const c = db.$client;
  c.transaction(() => {
    const stale = c.prepare("SELECT item_id FROM national_summary_stale").pluck().all() as string[];
    if (!stale.length) return;
    const ids = JSON.stringify(stale);
    const rows = itemRows(db, stale);
    const groups = new Map<string, SummaryGroup>();
    for (const g of [...(c.prepare(`SELECT DISTINCT ${columns} FROM national_summary_items WHERE item_id IN (SELECT value FROM json_each(?))`).all(ids) as SummaryRow[]), ...rows]) {
      groups.set(groupKey(g), g);
    }
    c.prepare("DELETE FROM national_summary_items WHERE item_id IN (SELECT value FROM json_each(?))").run(ids);
    const insert = c.prepare(
      `INSERT INTO national_summary_items (item_id, ${groupColumns.join(", ")}, period, low, expected, high, links, realised, projected_of_measured, measured_items)
       VALUES (@itemId, @kind, @regionId, @mechanism, @innovationId, @level, @period, @low, @expected, @high, @links, @realised, @projectedOfMeasured, @measuredItems)`,
    );
    for (const r of rows) insert.run(r);
    const inGroup = groupColumns.map((col) => `${col} = ?`).join(" AND ");
    const clear = c.prepare(`DELETE FROM national_summary WHERE ${inGroup}`);
    const sum = c.prepare(
      `INSERT INTO national_summary SELECT ${groupColumns.join(", ")}, period, sum(low), sum(expected), sum(high), sum(links), sum(realised), sum(projected_of_measured), sum(measured_items)
       FROM national_summary_items WHERE ${inGroup} GROUP BY period`,
    );
    for (const g of groups.values()) {
      const key = [g.kind, g.regionId, g.mechanism, g.innovationId, g.level];
      clear.run(key);
      sum.run(key);
    }
    c.prepare("DELETE FROM national_summary_stale WHERE item_id IN (SELECT value FROM json_each(?))").run(ids);
  })();
}

/** The first quarter at whose end `at` has passed: a link or status change counts from it. */
function quarterFrom(at: number): Period {
  const p = periodOf(at);
  return periodEnd(p).getTime() >= at ? p : shiftPeriod(p, 1);
}

type LinkRow = [id: number, itemId: string, innovationId: number, createdAt: number, ownMechanism: Mechanism | null, innovationMechanism: Mechanism, reach: number, reachUnit: "clients" | "fte", taskHours: number | null, events: number | null];
type Factor = { low: number; expected: number; high: number; level: number } | null;
type Link = { id: number; innovationId: number; from: Period; mechanism: Mechanism; innovationMechanism: Mechanism; saved: { low: number; expected: number; high: number; level: number } | null };
type SeriesSteps = Array<{ period: Period; saved: number }>;

/** The summary rows of the given items (all items when null), from their sources. */
export function itemRows(db: Db, itemIds: string[] | null): Array<SummaryRow & { itemId: string }> {
  const c = db.$client;
  const only = (column: string) => (itemIds ? ` AND ${column} IN (SELECT value FROM json_each(?))` : "");
  const args = itemIds ? [JSON.stringify(itemIds)] : [];
  const items = c.prepare(`SELECT i.id, a.region_id, i.mechanism, i.status FROM agenda_items i JOIN agendas a ON a.id = i.agenda_id WHERE 1${only("i.id")}`).raw().all(...args) as Array<[string, number, Mechanism | null, string]>;
  const links = groupBy(readLinks(db, only("l.item_id"), args), (l) => l.itemId);
  const history = groupBy(
    c.prepare(`SELECT item_id, status, changed_at FROM item_status_changes WHERE 1${only("item_id")} ORDER BY item_id, changed_at, id`).raw().all(...args) as Array<[string, string, number]>,
    (h) => h[0],
  );
  const series = seriesSteps(db, only("item_id"), args);
  const out: Array<SummaryRow & { itemId: string }> = [];
  for (const [itemId, regionId, ownMechanism, status] of items) {
    const changes = (history.get(itemId) ?? []).map(([, s, at]) => ({ status: s, from: quarterFrom(at) }));
    if (!changes.length && status === "gestopt") continue;
    const steps = series.get(itemId) ?? [];
    const firstMeasured = steps.reduce<Period | null>((first, s) => (first === null || s[0].period < first ? s[0].period : first), null);
    const own = (links.get(itemId) ?? []).map((l) => (firstMeasured !== null && firstMeasured < l.from ? { ...l, from: firstMeasured } : l));
    // Under the item's way of saving, else that of its link that projects most; under an innovation
    // only when exactly one of its links gives a figure; beside the projection of all its links.
    const top = own.reduce<Link | null>((best, l) => (!best || (l.saved?.expected ?? -1) > (best.saved?.expected ?? -1) || ((l.saved?.expected ?? -1) === (best.saved?.expected ?? -1) && l.id < best.id) ? l : best), null);
    const figures = [...new Set(own.filter((l) => (l.saved?.expected ?? 0) > 0).map((l) => l.innovationId))];
    const measured: SummaryGroup = { kind: "realised", regionId, mechanism: ownMechanism ?? top?.innovationMechanism ?? "", innovationId: figures.length === 1 ? figures[0] : 0, level: 0 };
    const projected = own.reduce((n, l) => n + (l.saved?.expected ?? 0), 0);
    const quarters = [...new Set([...own.filter((l) => l.saved).map((l) => l.from), ...changes.map((h) => h.from), ...steps.flatMap((s) => s.map((x) => x.period))])].sort();
    // The item's groups, each a slot of figureNames.length figures in the state at a quarter's end.
    const groups: SummaryGroup[] = [];
    const slots = new Map<string, number>();
    const slotOf = (g: SummaryGroup) => slots.get(groupKey(g)) ?? (slots.set(groupKey(g), groups.length), groups.push(g) - 1);
    const counted = own.flatMap((l) => (l.saved ? [{ from: l.from, saved: l.saved, at: figureNames.length * slotOf({ kind: "projected", regionId, mechanism: l.mechanism, innovationId: l.innovationId, level: l.saved.level }) }] : []));
    const measuredAt = figureNames.length * slotOf(measured);
    let before = new Float64Array(groups.length * figureNames.length);
    let stopped = false;
    const seen = { changes: 0, steps: steps.map(() => 0) };
    const latest: Array<number | null> = steps.map(() => null);
    for (const q of quarters) {
      // Changes are in time order, so the status at q's end is the last one counting from q or before.
      while (seen.changes < changes.length && changes[seen.changes].from <= q) stopped = changes[seen.changes++].status === "gestopt";
      steps.forEach((s, i) => {
        while (seen.steps[i] < s.length && s[seen.steps[i]].period <= q) latest[i] = s[seen.steps[i]++].saved;
      });
      const now = new Float64Array(before.length);
      if (!stopped) {
        for (const l of counted) {
          if (l.from > q) continue;
          now[l.at] += l.saved.low;
          now[l.at + 1] += l.saved.expected;
          now[l.at + 2] += l.saved.high;
          now[l.at + 3] += 1;
        }
        let realised: number | null = null;
        for (const saved of latest) if (saved !== null) realised = (realised ?? 0) + saved;
        if (realised !== null) {
          now[measuredAt + 4] += realised;
          now[measuredAt + 5] += projected;
          now[measuredAt + 6] += 1;
        }
      }
      groups.forEach((g, i) => {
        const at = i * figureNames.length;
        if (!figureNames.some((_, f) => now[at + f] !== before[at + f])) return;
        const change = summaryFigures.zero();
        figureNames.forEach((f, k) => (change[f] = now[at + k] - before[at + k]));
        out.push({ itemId, ...g, ...change, period: q });
      });
      before = now;
    }
  }
  return out;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string) {
  const groups = new Map<string, T[]>();
  for (const x of xs) (groups.get(key(x)) ?? groups.set(key(x), []).get(key(x))!).push(x);
  return groups;
}

function readLinks(db: Db, only: string, args: string[]) {
  const rows = db.$client
    .prepare(
      `SELECT l.id, l.item_id, l.innovation_id, l.created_at, i.mechanism, inn.mechanism,
              l.reach, l.reach_unit, l.task_hours_per_week, l.events_per_week
       FROM item_innovations l
       JOIN agenda_items i ON i.id = l.item_id AND i.agenda_id = l.agenda_id
       JOIN innovations inn ON inn.id = l.innovation_id
       WHERE 1${only}`,
    )
    .raw()
    .all(...args) as LinkRow[];
  const ratings = ratingsByInnovation({ db, innovationIds: [...new Set(rows.map((l) => l[2]))] });
  // The catalogue's projection is linear in the reach: computed once per link shape for a reach of 1.
  const factors = new Map<string, Factor>();
  const factorOf = ([, , innovationId, , , , , reachUnit, taskHoursPerWeek, eventsPerWeek]: LinkRow): Factor => {
    const key = `${innovationId}|${reachUnit}|${taskHoursPerWeek}|${eventsPerWeek}`;
    if (!factors.has(key)) {
      const saved = projectLink(ratings.get(innovationId) ?? [], { reach: 1, reachUnit, taskHoursPerWeek, eventsPerWeek }).saved;
      factors.set(key, saved ? { ...saved.hoursPerYear, level: saved.evidence.weakest } : null);
    }
    return factors.get(key)!;
  };
  const from = new Map<number, Period>();
  return rows.map((row): Link & { itemId: string } => {
    const f = factorOf(row);
    const [id, itemId, innovationId, createdAt, ownMechanism, innovationMechanism, reach] = row;
    return {
      id, itemId, innovationId, innovationMechanism,
      from: from.get(createdAt) ?? from.set(createdAt, quarterFrom(createdAt)).get(createdAt)!,
      mechanism: ownMechanism ?? innovationMechanism,
      saved: f && { low: f.low * reach, expected: f.expected * reach, high: f.high * reach, level: f.level },
    };
  });
}

/**
 * Per item its series with a baseline, each as its periods (ascending) with the saving each gives: the
 * baseline minus the period's mean, × the unit's weeks a year. In the order realisedSaving reads them.
 */
function seriesSteps(db: Db, only: string, args: string[]) {
  const c = db.$client;
  // Within one profession and team in the order baselineFor reads them, so it picks the same one.
  const baselines = groupBy(
    (c.prepare(`SELECT id, item_id, unit, profession, team, hours_per_week, created_at FROM measurements WHERE kind = 'baseline'${only} ORDER BY item_id, profession, team, unit, period, created_at, id`).raw().all(...args) as Array<[number, string, string, string, string, number, number]>).map(
      ([id, itemId, unit, profession, team, hoursPerWeek, createdAt]) => ({ id, itemId, unit, profession, team, hoursPerWeek, createdAt }),
    ),
    (b) => `${b.itemId}|${b.unit}`,
  );
  // One row per series (marshalling rows, not SQLite, is what costs at national scale), its periods and
  // figures in measurements_series order (period, created, id), the order realisedSaving reads them; a
  // REAL as text round-trips exactly. Should a plan read a series out of period order, it is sorted here.
  const series = c
    .prepare(
      `SELECT item_id, profession, team, unit, group_concat(period, ' '), group_concat(hours_per_week, ' ')
       FROM measurements WHERE kind = 'measurement'${only} GROUP BY item_id, profession, team, unit`,
    )
    .raw()
    .all(...args) as Array<[string, string, string, MeasurementUnit, string, string]>;
  const result = new Map<string, SeriesSteps[]>();
  for (const [itemId, profession, team, unit, periodList, figureList] of series) {
    const baseline = baselineFor(baselines.get(`${itemId}|${unit}`) ?? [], { profession, team });
    if (!baseline) continue;
    let periods = periodList.split(" ") as Period[];
    let figures = figureList.split(" ").map(Number);
    if (periods.some((p, i) => i > 0 && p < periods[i - 1])) {
      const order = periods.map((_, i) => i).sort((x, y) => (periods[x] < periods[y] ? -1 : periods[x] > periods[y] ? 1 : 0));
      [periods, figures] = [order.map((i) => periods[i]), order.map((i) => figures[i])];
    }
    const weeks = weeksPerYearOf(unit);
    const steps: SeriesSteps = [];
    for (let at = 0; at < periods.length; ) {
      let end = at;
      let sum = 0;
      while (end < periods.length && periods[end] === periods[at]) sum += figures[end++];
      steps.push({ period: periods[at], saved: (baseline.hoursPerWeek - sum / (end - at)) * weeks });
      at = end;
    }
    (result.get(itemId) ?? result.set(itemId, []).get(itemId)!).push(steps);
  }
  return result;
}
