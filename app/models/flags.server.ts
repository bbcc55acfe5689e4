// Bottleneck flags: the rows the rules read (set-based queries per set of regions, no Yjs), the
// national overview, a region's own flags, and dismissing a flag (personal, or for the whole team).
// The rules run in app/domain/flags/runner.ts, which keeps each region's findings until that region's
// inputs change: the triggers of migration 0009 move a version per region in flag_region_versions.
import type { Statement } from "better-sqlite3";
import type { Db } from "../../db";
import { flagDismissals } from "../../db/schema";
import { can, canReadBarriers, type Principal, type RegionScope } from "../domain/permissions";
import { NotAllowedError } from "./errors.server";
import { hiddenSummary, hidingDismissal, viewerDismissals, type HiddenSummary } from "../domain/flags/dismissals";
import { startOfDutchDay } from "../domain/dutch-time";
import { applyFilter, type FlagFilter } from "../domain/flags/filter";
import { FlagRunner, fingerprintOf, toFlag, type FlagSet, type FlagSource } from "../domain/flags/runner";
import { NATIONAL_BOTTLENECK_REGIONS } from "../domain/flags/rules/national-bottleneck";
import type { NationalRegionView } from "../domain/flags/rules/rule";
import { barrierFlagRules, flagSeverities, severityRank, type Flag, type FlagDismissal, type FlagHit, type FlagSeverity, type RegionRows, type SharedRows } from "../domain/flags/types";
import type { DismissFlagInput } from "../forms/flags";
import { recordAudit } from "./audit.server";
import { inFte, type TargetUnit } from "../domain/savings";
import type { MeasurementUnit } from "../domain/vocabulary";

// Plain SQL through statements prepared once per connection, with only the columns the rules use;
// `?` is a JSON array of region ids. The big tables come as arrays (`raw`), made into objects here.
const inRegions = "a.region_id in (select value from json_each(?))";
const queries = {
  versions: "select r.id, coalesce(v.n, 0) from regions r left join flag_region_versions v on v.region_id = r.id",
  sharedVersion: "select coalesce((select n from flag_region_versions where region_id = 0), 0)",
  // The region's own target only (decision 015): null while it has set none.
  regions: "select id, slug, name, saving_target, saving_target_unit from regions where id in (select value from json_each(?))",
  agendas: `select a.region_id, a.id, a.title, a.status, a.created_at from agendas a where ${inRegions} order by a.id`,
  items: `select a.region_id, i.id, i.agenda_id, i.title, i.status, i.end_date, i.lead_organisation, trim(i.why) <> '', i.professionals_involved, i.changed_at, i.progress_at,
      (select max(n.period) from progress_notes n where n.item_id = i.id),
      (select max(c.changed_at) from item_status_changes c where c.item_id = i.id and c.status = 'in_uitvoering')
    from agenda_items i join agendas a on a.id = i.agenda_id where ${inRegions} order by i.id`,
  // Closed barriers count for nothing. The latest adviser entry in the thread answers an escalation.
  barriers: `select a.region_id, b.id, b.agenda_id, b.item_id, b.type_key, b.sub_type_key, b.severity, b.status, b.created_at, b.status_changed_at,
      (select max(c.created_at) from barrier_comments c join users u on u.id = c.author_id where c.barrier_id = b.id and u.kind = 'adviser')
    from barriers b join agendas a on a.id = b.agenda_id
    where b.status in ('open', 'in_behandeling', 'geescaleerd') and ${inRegions} order by b.id`,
  links: `select a.region_id, l.item_id, l.agenda_id, l.innovation_id, l.reach, l.reach_unit, l.task_hours_per_week, l.events_per_week
    from item_innovations l join agendas a on a.id = l.agenda_id where ${inRegions} order by l.id`,
  proposals: `select a.region_id, p.id, p.agenda_id, p.created_at, p.deadline from priority_proposals p join agendas a on a.id = p.agenda_id
    where p.status = 'open' and ${inRegions} order by p.id`,
  // Open training lines only: done training is no demand (decision 030).
  trainingNeeds: `select a.region_id, t.item_id, t.agenda_id, t.kind, t.people, t.hours_per_person, t.provider, t.status
    from training_needs t join agendas a on a.id = t.agenda_id where t.kind = 'opleiding' and t.status <> 'afgerond' and ${inRegions} order by t.id`,
  // Baselines and measurements, for realised against projected (decision 031).
  measurements: `select a.region_id, m.id, m.item_id, m.kind, m.unit, m.hours_per_week, m.profession, m.team, m.period, m.created_at
    from measurements m join agendas a on a.id = m.agenda_id where ${inRegions} order by m.id`,
  adopted: `select distinct a.region_id, v.agenda_id from adopted_versions v join agendas a on a.id = v.agenda_id where ${inRegions}`,
  // What the national rules read of every region, for one region's page: open barriers by region and
  // id (the order a full run meets them in), with the title of the item when it is on a live agenda of
  // the same region (as a region's view knows its items).
  nationalBarriers: `select a.region_id, r.name, b.id, b.agenda_id, b.item_id, b.type_key, b.sub_type_key, b.status, b.created_at,
      (select i.title from agenda_items i join agendas ia on ia.id = i.agenda_id where i.id = b.item_id and ia.region_id = a.region_id and ia.status <> 'gearchiveerd')
    from barriers b join agendas a on a.id = b.agenda_id join regions r on r.id = a.region_id
    where b.status in ('open', 'in_behandeling', 'geescaleerd') order by a.region_id, b.id`,
  barrierTypes: "select key as key, name_nl as nameNl, name_en as nameEn from barrier_types",
  barrierSubTypes: "select key as key, type_key as typeKey, name_nl as nameNl, name_en as nameEn from barrier_sub_types",
  // Kind and whether an expected value was stated decide whether a rating adds up to a saving.
  ratings: `select id, innovation_id as innovationId, kind, unit, low, expected, high, expected_stated as expectedStated,
      evidence_level as evidenceLevel, task_hours_per_week as taskHoursPerWeek
    from innovation_ratings`,
  // The latest team dismissal per key, and the actor's latest personal one per key, in id order.
  dismissals: `select d.flag_key as flagKey, d.kind, d.scope, d.reason, d.until, d.score, d.fingerprint, d.user_id as userId, u.name as userName, d.created_at as createdAt
    from flag_dismissals d left join users u on u.id = d.user_id
    where d.id in (select max(id) from flag_dismissals where scope = 'team' group by flag_key)
       or d.id in (select max(id) from flag_dismissals where scope = 'personal' and user_id = ? group by flag_key)
    order by d.id`,
} as const;

type Statements = { [K in keyof typeof queries]: Statement<unknown[]> };
const statements = new WeakMap<Db["$client"], Statements>();
const RAW: ReadonlyArray<keyof typeof queries> = ["versions", "regions", "agendas", "items", "barriers", "links", "proposals", "trainingNeeds", "measurements", "adopted", "nationalBarriers"];

function statementsFor(client: Db["$client"]): Statements {
  let s = statements.get(client);
  if (!s) {
    s = Object.fromEntries(Object.entries(queries).map(([name, query]) => [name, client.prepare(query)])) as Statements;
    for (const name of RAW) s[name].raw();
    s.sharedVersion.pluck();
    statements.set(client, s);
  }
  return s;
}

type Row = unknown[];
const n = (v: unknown) => v as number;
const str = (v: unknown) => v as string;

/** The SQL behind the runner: versions, the shared inputs, and the rows of a set of regions. */
export function sqlFlagSource(db: Db): FlagSource {
  const s = statementsFor(db.$client);
  return {
    versions: () => ({
      shared: s.sharedVersion.get() as number,
      regions: new Map((s.versions.all() as Row[]).map((r) => [n(r[0]), n(r[1])])),
    }),
    shared: (): SharedRows => ({
      barrierTypes: s.barrierTypes.all() as SharedRows["barrierTypes"],
      barrierSubTypes: s.barrierSubTypes.all() as SharedRows["barrierSubTypes"],
      ratings: s.ratings.all() as SharedRows["ratings"],
    }),
    regions: (ids) => {
      const arg = JSON.stringify(ids);
      const byRegion = new Map<number, RegionRows>();
      for (const r of s.regions.all(arg) as Row[]) {
        byRegion.set(n(r[0]), {
          region: { id: n(r[0]), slug: str(r[1]), name: str(r[2]), ownTargetFte: r[3] == null || r[4] == null ? null : inFte(r[3] as number, r[4] as TargetUnit) },
          agendas: [],
          items: [],
          barriers: [],
          links: [],
          proposals: [],
          adoptedAgendaIds: [],
          trainingNeeds: [],
          measurements: [],
        });
      }
      const each = (name: keyof typeof queries, add: (rows: RegionRows, r: Row) => void) => {
        for (const r of s[name].all(arg) as Row[]) {
          const rows = byRegion.get(n(r[0]));
          if (rows) add(rows, r);
        }
      };
      each("agendas", (x, r) => x.agendas.push({ id: n(r[1]), title: str(r[2]), status: r[3] as RegionRows["agendas"][number]["status"], createdAt: n(r[4]) }));
      each("items", (x, r) =>
        x.items.push({
          id: str(r[1]),
          agendaId: n(r[2]),
          title: str(r[3]),
          status: str(r[4]),
          endDate: r[5] as string | null,
          leadOrganisation: str(r[6]),
          hasWhy: r[7] === 1,
          professionalsInvolved: r[8] as RegionRows["items"][number]["professionalsInvolved"],
          changedAt: n(r[9]),
          progressAt: r[10] as number | null,
          lastProgressPeriod: r[11] as string | null,
          executionSince: r[12] as number | null,
        }),
      );
      each("barriers", (x, r) =>
        x.barriers.push({
          id: n(r[1]),
          agendaId: n(r[2]),
          itemId: str(r[3]),
          typeKey: str(r[4]),
          subTypeKey: r[5] as string | null,
          severity: str(r[6]),
          status: str(r[7]),
          createdAt: n(r[8]),
          statusChangedAt: r[9] as number | null,
          lastAdviserEntryAt: r[10] as number | null,
        }),
      );
      each("links", (x, r) =>
        x.links.push({
          itemId: str(r[1]),
          agendaId: n(r[2]),
          innovationId: n(r[3]),
          reach: n(r[4]),
          reachUnit: r[5] as "clients" | "fte",
          taskHoursPerWeek: r[6] as number | null,
          eventsPerWeek: r[7] as number | null,
        }),
      );
      each("proposals", (x, r) => x.proposals.push({ id: n(r[1]), agendaId: n(r[2]), createdAt: n(r[3]), deadline: n(r[4]) }));
      each("trainingNeeds", (x, r) =>
        x.trainingNeeds!.push({ itemId: str(r[1]), agendaId: n(r[2]), kind: r[3] as "opleiding", people: n(r[4]), hoursPerPerson: n(r[5]), provider: str(r[6]), status: r[7] as "gepland" | "bezig" }),
      );
      each("measurements", (x, r) =>
        x.measurements!.push({
          id: n(r[1]),
          itemId: str(r[2]),
          kind: r[3] as "baseline" | "measurement",
          unit: r[4] as MeasurementUnit,
          hoursPerWeek: n(r[5]),
          profession: str(r[6]),
          team: str(r[7]),
          period: str(r[8]),
          createdAt: n(r[9]),
        }),
      );
      each("adopted", (x, r) => x.adoptedAgendaIds.push(n(r[1])));
      return [...byRegion.values()];
    },
    nationalRegions: () => {
      const byRegion = new Map<number, { rows: { region: { id: number; name: string } }; barriers: NationalRegionView["barriers"][number][]; itemById: Map<string, { title: string }> }>();
      for (const r of s.nationalBarriers.all() as Row[]) {
        let view = byRegion.get(n(r[0]));
        if (!view) byRegion.set(n(r[0]), (view = { rows: { region: { id: n(r[0]), name: str(r[1]) } }, barriers: [], itemById: new Map() }));
        view.barriers.push({ id: n(r[2]), agendaId: n(r[3]), itemId: str(r[4]), typeKey: str(r[5]), subTypeKey: r[6] as string | null, status: str(r[7]), createdAt: n(r[8]) });
        if (r[9] != null) view.itemById.set(str(r[4]), { title: str(r[9]) });
      }
      return [...byRegion.values()];
    },
  };
}

const runners = new WeakMap<Db["$client"], FlagRunner>();

/** One runner per database keeps each region's findings until its inputs change. */
function runnerFor(db: Db): FlagRunner {
  let runner = runners.get(db.$client);
  if (!runner) runners.set(db.$client, (runner = new FlagRunner(sqlFlagSource(db))));
  return runner;
}

/** The flags as of `now`. */
export function runFlags({ db, now = new Date() }: { db: Db; now?: Date }): FlagSet {
  const runner = runnerFor(db);
  // One read transaction: versions and rows belong together.
  return db.$client.transaction(() => runner.run(now.getTime()))();
}

/** One region's flags as of `now` (runFlags(...).ofRegion(regionId)), without evaluating the other regions. */
function runRegionFlags({ db, regionId, now }: { db: Db; regionId: number; now: Date }): FlagHit[] {
  const runner = runnerFor(db);
  return db.$client.transaction(() => runner.runRegion(now.getTime(), regionId))();
}

/** Every flag of every region, worst first, as plain objects (for tests and scripts; pages take less). */
export function computeFlags({ db, now = new Date() }: { db: Db; now?: Date }): Flag[] {
  const set = runFlags({ db, now });
  return set.all().map((h) => toFlag(h, set.now));
}

function loadDismissals(db: Db, viewerId: number) {
  const rows = statementsFor(db.$client).dismissals.all(viewerId) as Array<Omit<FlagDismissal, "until"> & { until: number | null }>;
  return viewerDismissals(rows, viewerId);
}

type Entry = { hit: FlagHit; dismissal: FlagDismissal | null };

function withDismissals(hits: FlagHit[], db: Db, actor: Principal, now: number): Entry[] {
  const ds = loadDismissals(db, actor.id);
  return hits.map((hit) => ({ hit, dismissal: hidingDismissal(hit, fingerprintOf, ds, now) }));
}

export type RegionTile = {
  id: number;
  slug: string;
  name: string;
  count: number;
  worst: FlagSeverity | null;
  bySeverity: Record<FlagSeverity, number>;
  national: boolean;
};

const worstFirst = (a: RegionTile, b: RegionTile) =>
  flagSeverities.reduce((d, s) => d || b.bySeverity[s] - a.bySeverity[s], 0) || a.name.localeCompare(b.name, "nl");

/**
 * The adviser's overview: every region as a tile with its counts per severity (worst regions first),
 * the national bottlenecks, the filtered list, and how many flags are hidden for this actor and by
 * whom. Flags leave as plain objects; only those on the page (or in the export) get their texts.
 */
export function getNationalOverview({ db, actor, filter, limit = Infinity, now = new Date() }: { db: Db; actor: Principal; filter: FlagFilter; limit?: number; now?: Date }) {
  const set = runFlags({ db, now });
  const at = set.now;
  const entries = withDismissals(set.all(), db, actor, at);
  const tiles = new Map<number, RegionTile>(
    set.regions.map((r) => [r.id, { id: r.id, slug: r.slug, name: r.name, count: 0, worst: null, bySeverity: { hoog: 0, middel: 0, laag: 0 }, national: false }]),
  );
  for (const { hit, dismissal } of entries) {
    if (dismissal) continue;
    if (hit.regionId === null) {
      for (const id of hit.regionIds) {
        const tile = tiles.get(id);
        if (tile) tile.national = true;
      }
      continue;
    }
    const tile = tiles.get(hit.regionId);
    if (!tile) continue;
    tile.count++;
    tile.bySeverity[hit.severity]++;
    if (!tile.worst || severityRank[hit.severity] > severityRank[tile.worst]) tile.worst = hit.severity;
  }
  const listed = applyFilter(entries, filter, set.regions, at);
  const hidden = entries.filter((e) => e.dismissal);
  return {
    tiles: [...tiles.values()].sort(worstFirst),
    national: entries.filter((e) => e.hit.rule === "national-bottleneck" && !e.dismissal).map((e) => toFlag(e.hit, at)),
    flags: listed.slice(0, limit).map((e) => toFlag(e.hit, at, e.dismissal)),
    total: listed.length,
    hidden: hiddenSummary(hidden.map((e) => e.dismissal!), actor.id),
    hiddenNational: hidden.filter((e) => e.hit.rule === "national-bottleneck").length,
    regions: [...set.regions].sort((a, b) => a.name.localeCompare(b.name, "nl")).map((r) => ({ slug: r.slug, name: r.name, id: r.id })),
    regionNames: Object.fromEntries(set.regions.map((r) => [r.id, r.name])) as Record<number, string>,
    nationalBottleneckRegions: NATIONAL_BOTTLENECK_REGIONS,
  };
}

export type RegionFlagView = { flags: Flag[]; hidden: HiddenSummary; hiddenFlags: Flag[] };

/**
 * The flags of one region (optionally only those of one agenda), as `actor` may see them: the ones
 * hidden for the actor apart, with who hid them. Call after the region guard. A national bottleneck
 * shows only this region's part: members of one region do not learn from it which other regions are
 * stuck, nor get links into their agendas. Flags resting on barriers go only to those who may read
 * the region's barriers: a partner, who reads the agenda but not its barriers, gets no count, type
 * or passage of one through a flag.
 */
export function getRegionFlagView(args: RegionFlagArgs): RegionFlagView {
  const { entries, regional } = regionEntries(args);
  const hidden = entries.filter((e) => e.dismissal);
  return {
    flags: entries.filter((e) => !e.dismissal).map(regional),
    hidden: hiddenSummary(hidden.map((e) => e.dismissal!), args.actor.id),
    hiddenFlags: hidden.map(regional),
  };
}

/**
 * The worst flag `actor` sees for the region (or one of its agendas) and how many there are: what
 * a page showing one signal needs. Only that flag gets its texts; an agenda with hundreds of items
 * has hundreds of flags, and building every one's texts cost a few ms per page view.
 */
export function getWorstRegionFlag(args: RegionFlagArgs): { flag: Flag | null; count: number } {
  const { entries, regional } = regionEntries(args);
  const shown = entries.filter((e) => !e.dismissal);
  return { flag: shown.length > 0 ? regional(shown[0]) : null, count: shown.length };
}

type RegionFlagArgs = { db: Db; actor: Principal; region: RegionScope; agendaId?: number; now?: Date };

/** The region's hits the actor may see, worst first, with their dismissals, and how one becomes a Flag. */
function regionEntries({ db, actor, region, agendaId, now = new Date() }: RegionFlagArgs) {
  const regionId = region.regionId;
  const mayReadBarriers = canReadBarriers(actor, region);
  const at = now.getTime();
  const hits = runRegionFlags({ db, regionId, now })
    .filter((h) => mayReadBarriers || !barrierFlagRules.has(h.rule))
    .filter((h) => agendaId === undefined || h.agendaId === null || h.agendaId === agendaId);
  const regional = (e: Entry): Flag => {
    const f = toFlag(e.hit, at, e.dismissal);
    if (f.regionId !== null) return f;
    return {
      ...f,
      figures: f.figures.filter((fig) => fig.label !== "flags.figure.regionNames"),
      links: f.links.filter((l) => l.regionId === regionId && (agendaId === undefined || l.href.startsWith(`/agendas/${agendaId}`))),
    };
  };
  return { entries: withDismissals(hits, db, actor, at), regional };
}

export type DismissResult = { ok: true } | { ok: false; error: "flags.error.gone" };

/**
 * Snoozes or acknowledges a flag, for the adviser alone or (acknowledging) for the whole team. Score
 * and fingerprint are taken from the flag as computed now, never from the form, so a dismissal cannot
 * be made to outlive a worsening.
 */
export function dismissFlag({ db, actor, input, now = new Date() }: { db: Db; actor: Principal; input: DismissFlagInput; now?: Date }): DismissResult {
  if (!can(actor, "view:national-overview")) throw new NotAllowedError();
  const hit = runFlags({ db, now }).byKey(input.flagKey);
  if (!hit) return { ok: false, error: "flags.error.gone" };
  const until = input.kind === "snooze" ? untilDate(input.until!) : null;
  // A snooze is always personal: "later" is one adviser's planning, not a finding for the team.
  const scope = input.kind === "acknowledge" && input.scope === "team" ? "team" : "personal";
  const fp = fingerprintOf(hit);
  db.transaction((tx) => {
    const row = tx
      .insert(flagDismissals)
      .values({ flagKey: hit.key, kind: input.kind, scope, reason: input.reason, until, score: hit.score, fingerprint: fp, userId: actor.id })
      .returning({ id: flagDismissals.id })
      .get();
    recordAudit({
      db: tx,
      actorId: actor.id,
      action: `flag.${input.kind}`,
      entityType: "flag",
      entityId: hit.key,
      regionId: hit.regionId,
      data: { dismissalId: row.id, scope, reason: input.reason, until: until?.toISOString() ?? null, score: hit.score, fingerprint: fp },
    });
  });
  return { ok: true };
}

/** A snooze "until 12 May" ends at the start of 12 May, Dutch time: the flag is back that morning. */
export function untilDate(isoDate: string): Date {
  return new Date(startOfDutchDay(isoDate));
}
