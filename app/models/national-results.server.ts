// National totals over time (issue 15, decision 033): projected and realised labour saving per quarter,
// by way of saving, by innovation and by region, for the ministry's regional team. Each source is read
// once in an indexed scan and folded per quarter here; the catalogue's per-unit projection
// (app/domain/savings.ts) is computed once per distinct link shape, because a projection is linear in
// the reach. Realised follows realisedSaving (app/domain/realised-savings.ts) exactly: per series the
// baseline minus the mean of its latest period up to the quarter; tests/unit/national-results.test.ts
// holds the two side by side.
import type { Db } from "../../db";
import { can, type Principal } from "../domain/permissions";
import { periodEnd, periodOf, shiftPeriod, type Period } from "../domain/periods";
import { baselineFor } from "../domain/measurements";
import type { MeasurementUnit } from "../domain/vocabulary";
import { REALISED_ASSUMPTIONS, realisedShare, weeksPerYearOf } from "../domain/realised-savings";
import { HOURS_PER_FTE_YEAR, mechanisms, projectLink, type EvidenceLevel, type Mechanism } from "../domain/savings";
import { emptyTotals, type NationalResults, type Totals } from "../domain/national-results";
import { ratingsByInnovation } from "./catalogue.server";
import { NotAllowedError } from "./errors.server";

/** How many quarters the overview shows, the current one last. */
export const NATIONAL_QUARTERS = 8;

type LinkRow = [id: number, itemId: string, innovationId: number, createdAt: number, regionId: number, mechanism: Mechanism | null, innovationMechanism: Mechanism, reach: number, reachUnit: "clients" | "fte", taskHours: number | null, events: number | null];
type ProjectedRow = { period: Period; regionId: number; mechanism: Mechanism | null; innovationId: number; level: number; lo: number; ex: number; hi: number; n: number };
type RealisedRow = { period: Period; regionId: number; mechanism: Mechanism | null; innovationId: number | null; realised: number; projected: number; items: number };
type Factor = { low: number; expected: number; high: number; level: number } | null;

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
  // Each source is read once in one indexed scan and folded per quarter in JS (decision 033,
  // Performance): a quarter × series join in SQL cost seconds at national scale.
  const ends = quarters.map((p) => periodEnd(p).getTime());
  const links = readLinks(db);
  const stopped = stoppedByQuarter(db, ends);
  return assemble({ db, quarters, projected: projectedRows(links, quarters, ends, stopped), realised: realisedRows(db, links, quarters, stopped) });
}

function readLinks(db: Db) {
  const rows = db.$client
    .prepare(
      `SELECT l.id, l.item_id, l.innovation_id, l.created_at, a.region_id, i.mechanism, inn.mechanism,
              l.reach, l.reach_unit, l.task_hours_per_week, l.events_per_week
       FROM item_innovations l
       JOIN agenda_items i ON i.id = l.item_id AND i.agenda_id = l.agenda_id
       JOIN agendas a ON a.id = l.agenda_id
       JOIN innovations inn ON inn.id = l.innovation_id`,
    )
    .raw()
    .all() as LinkRow[];
  const ratings = ratingsByInnovation({ db, innovationIds: [...new Set(rows.map((l) => l[2]))] });
  // The catalogue's projection is linear in the reach: computed once per link shape for a reach of 1.
  const factors = new Map<string, Factor>();
  const factorOf = ([, , innovationId, , , , , , reachUnit, taskHoursPerWeek, eventsPerWeek]: LinkRow): Factor => {
    const key = `${innovationId}|${reachUnit}|${taskHoursPerWeek}|${eventsPerWeek}`;
    if (!factors.has(key)) {
      const saved = projectLink(ratings.get(innovationId) ?? [], { reach: 1, reachUnit, taskHoursPerWeek, eventsPerWeek }).saved;
      factors.set(key, saved ? { ...saved.hoursPerYear, level: saved.evidence.weakest } : null);
    }
    return factors.get(key)!;
  };
  return rows.map((row) => {
    const f = factorOf(row);
    const [id, itemId, innovationId, createdAt, regionId, ownMechanism, innovationMechanism, reach] = row;
    return {
      id, itemId, innovationId, createdAt, regionId, innovationMechanism,
      mechanism: ownMechanism ?? innovationMechanism,
      saved: f && { lo: f.low * reach, ex: f.expected * reach, hi: f.high * reach, level: f.level },
    };
  });
}
type Link = ReturnType<typeof readLinks>[number];

/**
 * Per item that was ever stopped, whether it was stopped at each quarter's end: the status its history
 * gives at that moment (decision 028); an item stopped before any history was kept counts as stopped
 * throughout. Items absent from the map count in every quarter.
 */
function stoppedByQuarter(db: Db, ends: number[]) {
  const result = new Map<string, boolean[]>();
  const history = db.$client
    .prepare("SELECT item_id, status, changed_at FROM item_status_changes ORDER BY item_id, changed_at, id")
    .raw()
    .all() as Array<[string, string, number]>;
  for (let from = 0; from < history.length; ) {
    let to = from;
    while (to < history.length && history[to][0] === history[from][0]) to++;
    const changes = history.slice(from, to);
    if (changes.some((c) => c[1] === "gestopt")) {
      result.set(history[from][0], ends.map((end) => changes.filter((c) => c[2] <= end).pop()?.[1] === "gestopt"));
    }
    from = to;
  }
  const stoppedWithoutHistory = db.$client
    .prepare("SELECT id FROM agenda_items i WHERE status = 'gestopt' AND NOT EXISTS (SELECT 1 FROM item_status_changes s WHERE s.item_id = i.id)")
    .pluck()
    .all() as string[];
  for (const id of stoppedWithoutHistory) result.set(id, ends.map(() => true));
  return result;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string) {
  const groups = new Map<string, T[]>();
  for (const x of xs) (groups.get(key(x)) ?? groups.set(key(x), []).get(key(x))!).push(x);
  return groups;
}

/** Rows per group key and quarter: `at` gives a group's row of quarter i, made by `init` on first use. */
function grouper<R>(quarters: Period[]) {
  const groups = new Map<string, Array<R | undefined>>();
  return {
    group(key: string, init: (period: Period) => R) {
      const slots = groups.get(key) ?? groups.set(key, quarters.map(() => undefined)).get(key)!;
      return (i: number) => (slots[i] ??= init(quarters[i]));
    },
    rows: () => [...groups.values()].flat().filter((r): r is R => r !== undefined),
  };
}

/**
 * Projected per quarter: every link that gives a labour-saved figure counts from the quarter it was made
 * (links made before the first shown quarter count from it) in every quarter its item was not stopped at
 * the quarter's end.
 */
function projectedRows(links: Link[], quarters: Period[], ends: number[], stopped: Map<string, boolean[]>) {
  const out = grouper<ProjectedRow>(quarters);
  for (const l of links) {
    if (!l.saved) continue;
    const { lo, ex, hi, level } = l.saved;
    const stops = stopped.get(l.itemId);
    const at = out.group(`${l.regionId}|${l.mechanism}|${l.innovationId}|${level}`, (period) => ({ period, regionId: l.regionId, mechanism: l.mechanism, innovationId: l.innovationId, level, lo: 0, ex: 0, hi: 0, n: 0 }));
    for (let i = 0; i < quarters.length; i++) {
      if (l.createdAt > ends[i] || stops?.[i]) continue;
      const r = at(i);
      r.lo += lo;
      r.ex += ex;
      r.hi += hi;
      r.n++;
    }
  }
  return out.rows();
}

/**
 * Realised per quarter: per series (item, profession, team, unit) the mean of its latest period up to
 * the quarter against its baseline (baselineFor), × the unit's weeks a year; summed per item over the
 * series with a baseline. The item counts under its own way of saving, else that of its link that
 * projects the most, and under an innovation only when exactly one of its links gives a figure
 * (realisedMechanism, attributableInnovation).
 */
function realisedRows(db: Db, links: Link[], quarters: Period[], stopped: Map<string, boolean[]>) {
  const realisedByItem = realisedPerItem(db, quarters);
  const items = new Map(
    (db.$client.prepare("SELECT i.id, a.region_id, i.mechanism FROM agenda_items i JOIN agendas a ON a.id = i.agenda_id").raw().all() as Array<[string, number, Mechanism | null]>).map(
      ([id, regionId, mechanism]) => [id, { regionId, mechanism }],
    ),
  );
  const linksByItem = groupBy(links, (l) => l.itemId);
  const out = grouper<RealisedRow>(quarters);
  for (const [itemId, perQuarter] of realisedByItem) {
    const item = items.get(itemId);
    if (!item) continue;
    const own = linksByItem.get(itemId) ?? [];
    const top = own.reduce<Link | null>((best, l) => (!best || (l.saved?.ex ?? -1) > (best.saved?.ex ?? -1) || ((l.saved?.ex ?? -1) === (best.saved?.ex ?? -1) && l.id < best.id) ? l : best), null);
    const mechanism = item.mechanism ?? top?.innovationMechanism ?? null;
    const projected = own.reduce((n, l) => n + (l.saved?.ex ?? 0), 0);
    const figures = [...new Set(own.filter((l) => (l.saved?.ex ?? 0) > 0).map((l) => l.innovationId))];
    const innovationId = figures.length === 1 ? figures[0] : null;
    const stops = stopped.get(itemId);
    const at = out.group(`${item.regionId}|${mechanism}|${innovationId}`, (period) => ({ period, regionId: item.regionId, mechanism, innovationId, realised: 0, projected: 0, items: 0 }));
    perQuarter.forEach((realised, i) => {
      if (realised === null || stops?.[i]) return;
      const r = at(i);
      r.realised += realised;
      r.projected += projected;
      r.items++;
    });
  }
  return out.rows();
}

/**
 * Per measured item its realised saving at each quarter's end (null while no series with a baseline was
 * measured): one ordered scan of the measurements, the baselines chosen by baselineFor.
 */
function realisedPerItem(db: Db, quarters: Period[]) {
  const c = db.$client;
  // Within one profession and team in the order baselineFor reads them, so it picks the same one.
  const baselines = groupBy(
    (c.prepare("SELECT id, item_id, unit, profession, team, hours_per_week, created_at FROM measurements WHERE kind = 'baseline' ORDER BY item_id, profession, team, unit, period, created_at, id").raw().all() as Array<[number, string, string, string, string, number, number]>).map(
      ([id, itemId, unit, profession, team, hoursPerWeek, createdAt]) => ({ id, itemId, unit, profession, team, hoursPerWeek, createdAt }),
    ),
    (b) => `${b.itemId}|${b.unit}`,
  );
  // One row per series (the rows' marshalling, not SQLite, is what costs at national scale), its periods
  // and figures in measurements_series order, the order realisedSaving reads them (period, created, id),
  // so the means are the same figures; a REAL as text round-trips exactly. An ORDER BY inside
  // group_concat would sort every series again (+60% here); should a plan read a series out of period
  // order, it is sorted here.
  const series = c
    .prepare(
      `SELECT item_id, profession, team, unit, group_concat(period, ' '), group_concat(hours_per_week, ' ')
       FROM measurements WHERE kind = 'measurement' GROUP BY item_id, profession, team, unit`,
    )
    .raw()
    .all() as Array<[string, string, string, MeasurementUnit, string, string]>;
  const result = new Map<string, Array<number | null>>();
  for (const [itemId, profession, team, unit, periodList, figureList] of series) {
    const baseline = baselineFor(baselines.get(`${itemId}|${unit}`) ?? [], { profession, team });
    if (!baseline) continue;
    let periods = periodList.split(" ");
    let figures = figureList.split(" ").map(Number);
    if (periods.some((p, i) => i > 0 && p < periods[i - 1])) {
      const order = periods.map((_, i) => i).sort((x, y) => (periods[x] < periods[y] ? -1 : periods[x] > periods[y] ? 1 : 0));
      [periods, figures] = [order.map((i) => periods[i]), order.map((i) => figures[i])];
    }
    const perQuarter = result.get(itemId) ?? result.set(itemId, quarters.map(() => null)).get(itemId)!;
    const weeks = weeksPerYearOf(unit);
    // Walk the series' periods (ascending) beside the quarters: each quarter takes the latest period up to it.
    let saved: number | null = null;
    let at = 0;
    for (let i = 0; i < quarters.length; i++) {
      while (at < periods.length && periods[at] <= quarters[i]) {
        let end = at;
        let sum = 0;
        while (end < periods.length && periods[end] === periods[at]) sum += figures[end++];
        saved = (baseline.hoursPerWeek - sum / (end - at)) * weeks;
        at = end;
      }
      if (saved !== null) perQuarter[i] = (perQuarter[i] ?? 0) + saved;
    }
  }
  return result;
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
