// Bottleneck flags: loading the rows the rules need (a fixed number of set-based queries, no per-item
// queries, no Yjs), the national overview, a region's own flags, and dismissing a flag.
import type { Statement } from "better-sqlite3";
import type { Db } from "../../db";
import { flagDismissals } from "../../db/schema";
import { can, canReadBarriers, type Principal, type RegionScope } from "../domain/permissions";
import { evaluateFlags, plainFlag } from "../domain/flags/evaluate";
import { applyFilter, type FlagFilter } from "../domain/flags/filter";
import { prepareFlagInputs, type PreparedFlagInputs } from "../domain/flags/prepare";
import { THRESHOLDS, type Thresholds } from "../domain/flags/thresholds";
import { barrierFlagRules, severityRank, type Flag, type FlagInputs, type FlagSeverity } from "../domain/flags/types";
import type { DismissFlagInput } from "../forms/flags";
import { recordAudit } from "./audit.server";

// Plain SQL through statements prepared once per connection, with only the columns the rules use;
// times are the stored epoch milliseconds (no Date per row). The three big tables come as arrays
// (`raw`) made into objects here: better-sqlite3 builds a row object through V8's C++ API, property
// by property, which took twice as long as the whole read.
const flagInputQueries = {
  regions: "select id, slug, name, care_workers as careWorkers, saving_target_fte as savingTargetFte from regions",
  agendas: "select id, region_id as regionId, title, status, created_at as createdAt from agendas",
  // In key order (flag keys end in the item id), so indexing need not sort them. The why is only
  // tested for being empty, never shipped.
  items: `select id, agenda_id, title, status, end_date, lead_organisation, trim(why) <> '', professionals_involved, changed_at
    from agenda_items order by id`,
  // Closed barriers count for nothing; leave them in the database. In key order, as above.
  barriers: `select id, agenda_id, item_id, type_key, severity, status, created_at
    from barriers where status in ('open', 'in_behandeling', 'geescaleerd') order by cast(id as text)`,
  barrierTypes: "select key, name_nl as nameNl, name_en as nameEn from barrier_types",
  // By item, in the items' order: each link can take its item's id string (see loadFlagInputs).
  links: "select item_id, agenda_id, innovation_id, reach, reach_unit from item_innovations order by item_id, id",
  ratings: `select innovation_id as innovationId, unit, low, expected, high, evidence_level as evidenceLevel, task_hours_per_week as taskHoursPerWeek
    from innovation_ratings`,
  proposals: "select id, agenda_id as agendaId, status, created_at as createdAt, deadline from priority_proposals where status = 'open'",
  adoptedAgendaIds: "select distinct agenda_id from adopted_versions",
  // The latest dismissal per flag key.
  dismissals: `select d.flag_key as flagKey, d.kind, d.reason, d.until, d.score, d.fingerprint, u.name as userName, d.created_at as createdAt
    from flag_dismissals d left join users u on u.id = d.user_id
    where d.id in (select max(id) from flag_dismissals group by flag_key)`,
} as const;

type Statements = { [K in keyof typeof flagInputQueries]: Statement<[]> };
const statements = new WeakMap<Db["$client"], Statements>();

function flagInputStatements(client: Db["$client"]): Statements {
  let s = statements.get(client);
  if (!s) {
    s = Object.fromEntries(Object.entries(flagInputQueries).map(([name, query]) => [name, client.prepare(query)])) as Statements;
    s.items.raw();
    s.barriers.raw();
    s.links.raw();
    s.adoptedAgendaIds.pluck();
    statements.set(client, s);
  }
  return s;
}

type Row = unknown[];
type Item = FlagInputs["items"][number];
type Barrier = FlagInputs["barriers"][number];
type Link = FlagInputs["links"][number];

// One string per vocabulary word instead of one per row: fewer objects for the garbage collector
// to copy while the inputs are built. Words not listed pass through as read.
const words = new Map(
  ["idee", "voorgesteld", "prioriteit", "in_uitvoering", "opgeschaald", "gestopt", "ja", "deels", "nee", "clients", "fte", "laag", "middel", "hoog", "open", "in_behandeling", "geescaleerd"].map(
    (w) => [w, w],
  ),
);
const word = <T>(value: unknown) => (typeof value === "string" ? (words.get(value) ?? value) : value) as T;

/** Every row the rules read, indexed for evaluation (prepare.ts). Treat the result as read-only. */
export function loadFlagInputs({ db }: { db: Db; now?: Date | number }): PreparedFlagInputs {
  const s = flagInputStatements(db.$client);
  // One read transaction: the rows belong together (a link and its item, a barrier and its agenda).
  const inputs = db.$client.transaction((): FlagInputs => {
    const items = (s.items.all() as Row[]).map(
      (r): Item => ({
        id: r[0] as string,
        agendaId: r[1] as number,
        title: r[2] as string,
        status: word(r[3]),
        endDate: r[4] as string | null,
        leadOrganisation: r[5] as string,
        hasWhy: r[6] as 0 | 1,
        professionalsInvolved: word(r[7]),
        changedAt: r[8] as number,
      }),
    );
    // Links and items are both by item id: walking them together, a link takes its item's id string,
    // whose hash the index then computes once.
    let j = 0;
    const links = (s.links.all() as Row[]).map((r): Link => {
      let itemId = r[0] as string;
      while (j < items.length && items[j].id < itemId) j++;
      if (j < items.length && items[j].id === itemId) itemId = items[j].id;
      return { itemId, agendaId: r[1] as number, innovationId: r[2] as number, reach: r[3] as number, reachUnit: word(r[4]) };
    });
    return {
      regions: s.regions.all() as FlagInputs["regions"],
      agendas: s.agendas.all() as FlagInputs["agendas"],
      items,
      barriers: (s.barriers.all() as Row[]).map(
        (r): Barrier => ({
          id: r[0] as number,
          agendaId: r[1] as number,
          itemId: r[2] as string,
          typeKey: r[3] as string,
          severity: word(r[4]),
          status: word(r[5]),
          createdAt: r[6] as number,
        }),
      ),
      barrierTypes: s.barrierTypes.all() as FlagInputs["barrierTypes"],
      links,
      ratings: s.ratings.all() as FlagInputs["ratings"],
      proposals: s.proposals.all() as FlagInputs["proposals"],
      adoptedAgendaIds: s.adoptedAgendaIds.all() as number[],
      dismissals: s.dismissals.all() as FlagInputs["dismissals"],
    };
  })();
  return prepareFlagInputs(inputs);
}

type Evaluation = { inputs: FlagInputs; flags: ReturnType<typeof evaluateFlags> };
const evaluations = new WeakMap<Db["$client"], { version: number; minute: number; evaluation: Evaluation }>();

/**
 * Inputs and flags, cached per database until a flag input changes (the triggers of migration 0003
 * move `flag_inputs_version`) or the minute turns (ages and snoozes move with the clock). Every agenda
 * and region page shows flags; recomputing all 28 regions for each page view would dominate its cost.
 * When only the minute turned, the rows are still those loaded: only the rules run again.
 */
function evaluate(db: Db, now: Date, thresholds: Thresholds): Evaluation {
  if (thresholds !== THRESHOLDS) {
    const inputs = loadFlagInputs({ db, now });
    return { inputs, flags: evaluateFlags(inputs, thresholds, now) };
  }
  const version = db.$client.prepare("select n from flag_inputs_version where id = 1").pluck().get() as number;
  const minute = Math.floor(now.getTime() / 60_000);
  const cached = evaluations.get(db.$client);
  if (cached?.version === version && cached.minute === minute) return cached.evaluation;
  const inputs = cached?.version === version ? cached.evaluation.inputs : loadFlagInputs({ db, now });
  const evaluation = { inputs, flags: evaluateFlags(inputs, thresholds, now) };
  evaluations.set(db.$client, { version, minute, evaluation });
  return evaluation;
}

/** Every flag of every region, dismissed ones included (marked). */
export function computeFlags({ db, now = new Date(), thresholds = THRESHOLDS }: { db: Db; now?: Date; thresholds?: Thresholds }) {
  return evaluate(db, now, thresholds).flags;
}

export type RegionTile = { id: number; slug: string; name: string; count: number; worst: FlagSeverity | null; bySeverity: Record<FlagSeverity, number>; national: boolean };

/**
 * The adviser's overview: all regions as tiles, national bottlenecks, and the filtered list. Flags
 * leave as plain objects (`plainFlag`): the page and the CSV serialise or render every one of them.
 */
export function getNationalOverview({ db, filter, now = new Date() }: { db: Db; filter: FlagFilter; now?: Date }) {
  const { inputs, flags: all } = evaluate(db, now, THRESHOLDS);
  const active = all.filter((f) => !f.dismissal);
  const perRegion = new Map(inputs.regions.map((r) => [r.id, { count: 0, worst: null as FlagSeverity | null, bySeverity: { hoog: 0, middel: 0, laag: 0 }, national: false }]));
  for (const f of active) {
    if (f.regionId === null) {
      for (const id of f.regionIds) {
        const tile = perRegion.get(id);
        if (tile) tile.national = true;
      }
      continue;
    }
    const tile = perRegion.get(f.regionId);
    if (!tile) continue;
    tile.count++;
    tile.bySeverity[f.severity]++;
    if (!tile.worst || severityRank[f.severity] > severityRank[tile.worst]) tile.worst = f.severity;
  }
  const tiles: RegionTile[] = [...inputs.regions]
    .sort((a, b) => a.name.localeCompare(b.name, "nl"))
    .map((r) => ({ id: r.id, slug: r.slug, name: r.name, ...perRegion.get(r.id)! }));
  return {
    tiles,
    national: active.filter((f) => f.rule === "national-bottleneck").map(plainFlag),
    flags: applyFilter(all, filter, inputs.regions).map(plainFlag),
    regions: tiles.map((t) => ({ slug: t.slug, name: t.name, id: t.id })),
    regionNames: Object.fromEntries(inputs.regions.map((r) => [r.id, r.name])) as Record<number, string>,
    thresholds: THRESHOLDS,
  };
}

/**
 * The active flags of one region (optionally only those of one agenda), as `viewer` may see them.
 * Call after the region guard. A national bottleneck shows only this region's part: members of one
 * region do not learn from it which other regions are stuck, nor get links into their agendas.
 * Flags resting on barriers go only to those who may read the region's barriers: a partner, who
 * reads the agenda but not its barriers, gets no count, type or passage of one through a flag.
 */
export function getRegionFlags({
  db,
  viewer,
  region,
  agendaId,
  now = new Date(),
}: {
  db: Db;
  viewer: Principal;
  region: RegionScope;
  agendaId?: number;
  now?: Date;
}): Flag[] {
  const regionId = region.regionId;
  const mayReadBarriers = canReadBarriers(viewer, region);
  return computeFlags({ db, now })
    .filter((f) => !f.dismissal && f.regionIds.includes(regionId))
    .filter((f) => mayReadBarriers || !barrierFlagRules.has(f.rule))
    .filter((f) => agendaId === undefined || f.agendaId === null || f.agendaId === agendaId)
    .map((f) =>
      f.regionId === null
        ? {
            ...plainFlag(f),
            figures: f.figures.filter((fig) => fig.label !== "flags.figure.regionNames"),
            links: f.links.filter((l) => l.regionId === regionId && (agendaId === undefined || l.href.startsWith(`/agendas/${agendaId}`))),
          }
        : plainFlag(f),
    );
}

export class NotAllowedError extends Error {
  constructor() {
    super("not allowed");
  }
}

export type DismissResult = { ok: true } | { ok: false; error: "flags.error.gone" };

/**
 * Acknowledges or snoozes a flag. Score and fingerprint are taken from the flag as computed now, never
 * from the form, so a dismissal cannot be made to outlive a worsening.
 */
export function dismissFlag({ db, actor, input, now = new Date() }: { db: Db; actor: Principal; input: DismissFlagInput; now?: Date }): DismissResult {
  if (!can(actor, "view:national-overview")) throw new NotAllowedError();
  const flag = computeFlags({ db, now }).find((f) => f.key === input.flagKey);
  if (!flag) return { ok: false, error: "flags.error.gone" };
  const until = input.kind === "snooze" ? untilDate(input.until!) : null;
  db.transaction((tx) => {
    const row = tx
      .insert(flagDismissals)
      .values({ flagKey: flag.key, kind: input.kind, reason: input.reason, until, score: flag.score, fingerprint: flag.fingerprint, userId: actor.id })
      .returning({ id: flagDismissals.id })
      .get();
    recordAudit({
      db: tx,
      actorId: actor.id,
      action: `flag.${input.kind}`,
      entityType: "flag",
      entityId: flag.key,
      regionId: flag.regionId,
      data: { dismissalId: row.id, reason: input.reason, until: until?.toISOString() ?? null, score: flag.score, fingerprint: flag.fingerprint },
    });
  });
  return { ok: true };
}

/** A snooze "until 12 May" ends at the start of 12 May, Dutch time: the flag is back that morning. */
export function untilDate(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  const offset = amsterdamOffsetMs(utcMidnight);
  return new Date(utcMidnight - offset);
}

function amsterdamOffsetMs(at: number): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Amsterdam", hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" })
    .formatToParts(at)
    .reduce<Record<string, number>>((acc, p) => (p.type === "literal" ? acc : { ...acc, [p.type]: Number(p.value) }), {});
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - at;
}
