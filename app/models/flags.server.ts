// Bottleneck flags: loading the rows the rules need (a fixed number of set-based queries, no per-item
// queries, no Yjs), the national overview, a region's own flags, and dismissing a flag.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db";
import {
  adoptedVersions,
  agendaItems,
  agendas,
  barriers,
  barrierTypes,
  flagDismissals,
  innovationRatings,
  itemInnovations,
  priorityProposals,
  regions,
  users,
} from "../../db/schema";
import { can, type Principal } from "../domain/permissions";
import { evaluateFlags } from "../domain/flags/evaluate";
import { applyFilter, type FlagFilter } from "../domain/flags/filter";
import { THRESHOLDS, type Thresholds } from "../domain/flags/thresholds";
import { severityRank, type Flag, type FlagInputs, type FlagSeverity } from "../domain/flags/types";
import type { DismissFlagInput } from "../forms/flags";
import { recordAudit } from "./audit.server";

const ms = (d: Date | null) => (d ? d.getTime() : 0);

export function loadFlagInputs({ db }: { db: Db; now?: Date | number }): FlagInputs {
  const latestDismissal = db
    .select({ id: sql<number>`max(${flagDismissals.id})` })
    .from(flagDismissals)
    .groupBy(flagDismissals.flagKey);
  return {
    regions: db
      .select({ id: regions.id, slug: regions.slug, name: regions.name, careWorkers: regions.careWorkers, savingTargetFte: regions.savingTargetFte })
      .from(regions)
      .all(),
    agendas: db
      .select({ id: agendas.id, regionId: agendas.regionId, title: agendas.title, status: agendas.status, createdAt: agendas.createdAt })
      .from(agendas)
      .all()
      .map((a) => ({ ...a, createdAt: ms(a.createdAt) })),
    // The three big tables go through plain SQL rows (no per-column mapping, no Date per row): with
    // 28 × 500 items this halves the load. The why is only tested for being empty, never shipped.
    items: db.all<FlagInputs["items"][number]>(sql`
      select ${agendaItems.id} as id, ${agendaItems.agendaId} as agendaId, ${agendaItems.title} as title,
        ${agendaItems.status} as status, ${agendaItems.endDate} as endDate, ${agendaItems.leadOrganisation} as leadOrganisation,
        trim(${agendaItems.why}) <> '' as hasWhy, ${agendaItems.professionalsInvolved} as professionalsInvolved,
        ${agendaItems.changedAt} as changedAt
      from ${agendaItems}`),
    // Closed barriers count for nothing; leave them in the database.
    barriers: db.all<FlagInputs["barriers"][number]>(sql`
      select ${barriers.id} as id, ${barriers.agendaId} as agendaId, ${barriers.itemId} as itemId, ${barriers.typeKey} as typeKey,
        ${barriers.severity} as severity, ${barriers.status} as status, ${barriers.createdAt} as createdAt
      from ${barriers} where ${inArray(barriers.status, ["open", "in_behandeling", "geescaleerd"])}`),
    barrierTypes: db.select({ key: barrierTypes.key, nameNl: barrierTypes.nameNl, nameEn: barrierTypes.nameEn }).from(barrierTypes).all(),
    links: db.all<FlagInputs["links"][number]>(sql`
      select ${itemInnovations.itemId} as itemId, ${itemInnovations.agendaId} as agendaId,
        ${itemInnovations.innovationId} as innovationId, ${itemInnovations.reach} as reach, ${itemInnovations.reachUnit} as reachUnit
      from ${itemInnovations}`),
    ratings: db
      .select({
        innovationId: innovationRatings.innovationId,
        unit: innovationRatings.unit,
        low: innovationRatings.low,
        expected: innovationRatings.expected,
        high: innovationRatings.high,
        evidenceLevel: innovationRatings.evidenceLevel,
        taskHoursPerWeek: innovationRatings.taskHoursPerWeek,
      })
      .from(innovationRatings)
      .all(),
    proposals: db
      .select({
        id: priorityProposals.id,
        agendaId: priorityProposals.agendaId,
        status: priorityProposals.status,
        createdAt: priorityProposals.createdAt,
        deadline: priorityProposals.deadline,
      })
      .from(priorityProposals)
      .where(eq(priorityProposals.status, "open"))
      .all()
      .map((p) => ({ ...p, createdAt: ms(p.createdAt), deadline: ms(p.deadline) })),
    adoptedAgendaIds: db
      .selectDistinct({ agendaId: adoptedVersions.agendaId })
      .from(adoptedVersions)
      .all()
      .map((r) => r.agendaId),
    dismissals: db
      .select({
        flagKey: flagDismissals.flagKey,
        kind: flagDismissals.kind,
        reason: flagDismissals.reason,
        until: flagDismissals.until,
        score: flagDismissals.score,
        fingerprint: flagDismissals.fingerprint,
        userName: users.name,
        createdAt: flagDismissals.createdAt,
      })
      .from(flagDismissals)
      .leftJoin(users, eq(users.id, flagDismissals.userId))
      .where(inArray(flagDismissals.id, latestDismissal))
      .all()
      .map((d) => ({ ...d, until: d.until ? d.until.getTime() : null, createdAt: ms(d.createdAt) })),
  };
}

type Evaluation = { inputs: FlagInputs; flags: ReturnType<typeof evaluateFlags> };
const evaluations = new WeakMap<Db["$client"], { key: string; evaluation: Evaluation }>();

/**
 * Inputs and flags, cached per database until a flag input changes (the triggers of migration 0003
 * move `flag_inputs_version`) or the minute turns (ages and snoozes move with the clock). Every agenda
 * and region page shows flags; recomputing all 28 regions for each page view would dominate its cost.
 */
function evaluate(db: Db, now: Date, thresholds: Thresholds): Evaluation {
  if (thresholds !== THRESHOLDS) {
    const inputs = loadFlagInputs({ db, now });
    return { inputs, flags: evaluateFlags(inputs, thresholds, now) };
  }
  const version = db.$client.prepare("select n from flag_inputs_version where id = 1").pluck().get() as number;
  const key = `${version}:${Math.floor(now.getTime() / 60_000)}`;
  const cached = evaluations.get(db.$client);
  if (cached?.key === key) return cached.evaluation;
  const inputs = loadFlagInputs({ db, now });
  const evaluation = { inputs, flags: evaluateFlags(inputs, thresholds, now) };
  evaluations.set(db.$client, { key, evaluation });
  return evaluation;
}

/** Every flag of every region, dismissed ones included (marked). */
export function computeFlags({ db, now = new Date(), thresholds = THRESHOLDS }: { db: Db; now?: Date; thresholds?: Thresholds }) {
  return evaluate(db, now, thresholds).flags;
}

export type RegionTile = { id: number; slug: string; name: string; count: number; worst: FlagSeverity | null; bySeverity: Record<FlagSeverity, number>; national: boolean };

/** The adviser's overview: all regions as tiles, national bottlenecks, and the filtered list. */
export function getNationalOverview({ db, filter, now = new Date() }: { db: Db; filter: FlagFilter; now?: Date }) {
  const { inputs, flags: all } = evaluate(db, now, THRESHOLDS);
  const active = all.filter((f) => !f.dismissal);
  const tiles: RegionTile[] = [...inputs.regions]
    .sort((a, b) => a.name.localeCompare(b.name, "nl"))
    .map((r) => {
      const own = active.filter((f) => f.regionId === r.id);
      const bySeverity = { hoog: 0, middel: 0, laag: 0 };
      for (const f of own) bySeverity[f.severity]++;
      const worst = own.reduce<FlagSeverity | null>((w, f) => (!w || severityRank[f.severity] > severityRank[w] ? f.severity : w), null);
      const national = active.some((f) => f.regionId === null && f.regionIds.includes(r.id));
      return { id: r.id, slug: r.slug, name: r.name, count: own.length, worst, bySeverity, national };
    });
  return {
    tiles,
    national: active.filter((f) => f.rule === "national-bottleneck"),
    flags: applyFilter(all, filter, inputs.regions),
    regions: tiles.map((t) => ({ slug: t.slug, name: t.name, id: t.id })),
    regionNames: Object.fromEntries(inputs.regions.map((r) => [r.id, r.name])) as Record<number, string>,
    thresholds: THRESHOLDS,
  };
}

/**
 * The active flags of one region (optionally only those of one agenda), for its own members. Call
 * after the region guard. A national bottleneck shows only this region's part: members of one region
 * do not learn from it which other regions are stuck, nor get links into their agendas.
 */
export function getRegionFlags({ db, regionId, agendaId, now = new Date() }: { db: Db; regionId: number; agendaId?: number; now?: Date }): Flag[] {
  return computeFlags({ db, now })
    .filter((f) => !f.dismissal && f.regionIds.includes(regionId))
    .filter((f) => agendaId === undefined || f.agendaId === null || f.agendaId === agendaId)
    .map((f) =>
      f.regionId === null
        ? {
            ...f,
            figures: f.figures.filter((fig) => fig.label !== "flags.figure.regionNames"),
            links: f.links.filter((l) => l.regionId === regionId && (agendaId === undefined || l.href.startsWith(`/agendas/${agendaId}`))),
          }
        : f,
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
