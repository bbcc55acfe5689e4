// Barriers (belemmeringen): the SQL rows are the source of truth; a small marker per barrier in the
// agenda's Yjs document lets every open editor highlight the passage live
// (docs/decisions/004-barrier-anchors.md). Functions that touch the document take it as `doc`:
// routes pass the live document from `context.collab.changeAgenda`, tests and the seed their own.
import { and, asc, desc, eq, inArray, lte, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type * as Y from "yjs";
import type { Db } from "../../db";
import {
  adviserCoverage,
  agendaItems,
  agendas,
  barrierComments,
  barrierFollowers,
  barrierSubTypes,
  barrierTypes,
  barriers,
  memberships,
  notifications,
  regions,
  users,
} from "../../db/schema";
import {
  getBarrierMarkers,
  resolveAnchor,
  itemPlan,
  type BarrierMarker,
  type BarrierStatus,
} from "../domain/barrier-anchors";
import { findMentions } from "../domain/mentions";
import { can, roleInRegion, type Principal, type Role } from "../domain/permissions";
import type { CreateBarrierInput, BarrierFilter } from "../forms/barriers";
import type { FieldErrors } from "../forms/validation";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";
import { notify } from "./notifications.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type BarrierResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const QUOTE_MAX = 500;

/** The barrier types, each with its sub-types (financing: Wlz, Zvw, ...; most types have none). */
export function listBarrierTypes({ db }: { db: Db }) {
  const subTypes = db.select().from(barrierSubTypes).orderBy(asc(barrierSubTypes.nameNl)).all();
  return db
    .select()
    .from(barrierTypes)
    .orderBy(asc(barrierTypes.nameNl))
    .all()
    .map((t) => ({ ...t, subTypes: subTypes.filter((s) => s.typeKey === t.key).map(({ key, nameNl, nameEn }) => ({ key, nameNl, nameEn })) }));
}

/** Everyone with business in the region who can take part in a thread: members and covering advisers. */
export function barrierThreadPeople({ db, regionId }: { db: Db | Tx; regionId: number }) {
  const members = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.regionId, regionId))
    .all();
  const advisers = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(adviserCoverage)
    .innerJoin(users, eq(users.id, adviserCoverage.userId))
    .where(eq(adviserCoverage.regionId, regionId))
    .all();
  const byId = new Map([...members, ...advisers].map((u) => [u.id, u]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Region members: who can be asked to pick a barrier up. */
export function regionMembers({ db, regionId }: { db: Db; regionId: number }) {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.regionId, regionId))
    .orderBy(asc(users.name))
    .all();
}

function regionMemberIds(db: Db | Tx, regionId: number) {
  return new Set(
    db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.regionId, regionId)).all().map((m) => m.id),
  );
}

export function markerFor(row: { itemId: string; anchorStart: Buffer | null; anchorEnd: Buffer | null; severity: BarrierMarker["severity"]; status: BarrierStatus }): BarrierMarker | null {
  if (!row.anchorStart || !row.anchorEnd) return null;
  return {
    itemId: row.itemId,
    start: row.anchorStart.toString("base64"),
    end: row.anchorEnd.toString("base64"),
    severity: row.severity,
    status: row.status,
  };
}

/**
 * Validates and stores a barrier, then writes its marker into `doc`. Nothing is stored and `doc` is
 * untouched when the input is refused. Bad input is answered, not thrown: a throw inside
 * `changeAgenda` discards the whole change and reaches the caller as an error (decision 020).
 */
export function createBarrier({
  db,
  doc,
  agenda,
  actor,
  input,
  now = new Date(),
}: {
  db: Db;
  doc: Y.Doc;
  agenda: { id: number; regionId: number };
  actor: Principal;
  input: CreateBarrierInput;
  now?: Date;
}): BarrierResult<{ id: number; quote: string }> {
  if (!can(actor, "annotate:barrier", { regionId: agenda.regionId })) throw new NotAllowedError();
  const type = db.select({ key: barrierTypes.key }).from(barrierTypes).where(eq(barrierTypes.key, input.typeKey)).get();
  if (!type) return { ok: false, errors: { typeKey: "barriers.error.type" } };
  // A sub-type must belong to the chosen type: "Wlz" under "Privacy" would group it wrongly.
  if (input.subTypeKey && !db.select({ key: barrierSubTypes.key }).from(barrierSubTypes).where(and(eq(barrierSubTypes.key, input.subTypeKey), eq(barrierSubTypes.typeKey, input.typeKey))).get()) {
    return { ok: false, errors: { subTypeKey: "barriers.error.subType" } };
  }
  if (input.assigneeId !== null && !regionMemberIds(db, agenda.regionId).has(input.assigneeId)) {
    return { ok: false, errors: { assigneeId: "barriers.error.assignee" } };
  }
  const plan = itemPlan(doc, input.itemId);
  if (!plan) return { ok: false, errors: { form: "barriers.error.item" } };
  const anchor = resolveAnchor(doc, plan, input.start, input.end);
  if (anchor.kind === "outside") return { ok: false, errors: { form: "barriers.error.anchor" } };
  if (anchor.kind === "deleted") return { ok: false, errors: { form: "barriers.error.anchorEmpty" } };
  const quote = anchor.quote.length > QUOTE_MAX ? `${anchor.quote.slice(0, QUOTE_MAX - 1)}…` : anchor.quote;

  const id = db.transaction((tx) => {
    const row = tx
      .insert(barriers)
      .values({
        agendaId: agenda.id,
        itemId: input.itemId,
        typeKey: input.typeKey,
        subTypeKey: input.subTypeKey ?? null,
        severity: input.severity,
        level: input.level,
        description: input.description,
        assigneeId: input.assigneeId,
        status: "open",
        anchorStart: Buffer.from(input.start, "base64"),
        anchorEnd: Buffer.from(input.end, "base64"),
        quote,
        createdBy: actor.id,
        createdAt: now,
      })
      .returning({ id: barriers.id })
      .get();
    const followers = [actor.id, ...(input.assigneeId ? [input.assigneeId] : [])];
    tx.insert(barrierFollowers).values(followers.map((userId) => ({ barrierId: row.id, userId }))).onConflictDoNothing().run();
    if (input.assigneeId) notify({ db: tx, userIds: [input.assigneeId], kind: "assigned", barrierId: row.id, exceptUserId: actor.id });
    recordAudit({
      db: tx,
      actorId: actor.id,
      action: "barrier.created",
      entityType: "barrier",
      entityId: row.id,
      regionId: agenda.regionId,
      data: { agendaId: agenda.id, itemId: input.itemId, typeKey: input.typeKey, subTypeKey: input.subTypeKey ?? null, severity: input.severity, level: input.level },
    });
    return row.id;
  });
  getBarrierMarkers(doc).set(String(id), {
    itemId: input.itemId,
    start: input.start,
    end: input.end,
    severity: input.severity,
    status: "open",
  });
  return { ok: true, value: { id, quote } };
}

const creator = alias(users, "creator");
const assignee = alias(users, "assignee");

const barrierColumns = {
  id: barriers.id,
  agendaId: barriers.agendaId,
  itemId: barriers.itemId,
  typeKey: barriers.typeKey,
  typeNameNl: barrierTypes.nameNl,
  typeNameEn: barrierTypes.nameEn,
  severity: barriers.severity,
  level: barriers.level,
  description: barriers.description,
  status: barriers.status,
  quote: barriers.quote,
  anchorStart: barriers.anchorStart,
  anchorEnd: barriers.anchorEnd,
  createdAt: barriers.createdAt,
  statusChangedAt: barriers.statusChangedAt,
  createdById: barriers.createdBy,
  createdByName: creator.name,
  assigneeId: barriers.assigneeId,
  assigneeName: assignee.name,
  agendaTitle: agendas.title,
  // From the read model: null once the item is gone from the agenda (the barrier stays).
  itemTitle: agendaItems.title,
  regionId: regions.id,
  regionSlug: regions.slug,
  regionName: regions.name,
};

function selectBarriers(db: Db) {
  return db
    .select(barrierColumns)
    .from(barriers)
    .innerJoin(barrierTypes, eq(barrierTypes.key, barriers.typeKey))
    .innerJoin(agendas, eq(agendas.id, barriers.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .innerJoin(creator, eq(creator.id, barriers.createdBy))
    .leftJoin(assignee, eq(assignee.id, barriers.assigneeId))
    .leftJoin(agendaItems, and(eq(agendaItems.id, barriers.itemId), eq(agendaItems.agendaId, barriers.agendaId)));
}

/** A barrier with its agenda's region (for the route's permission check), or null. */
export function getBarrier({ db, barrierId }: { db: Db; barrierId: number }) {
  return selectBarriers(db).where(eq(barriers.id, barrierId)).get() ?? null;
}

/** Anchors travel to the browser as base64, like the document markers. */
export function forClient<T extends { anchorStart: Buffer | null; anchorEnd: Buffer | null }>(row: T) {
  const { anchorStart, anchorEnd, ...rest } = row;
  return { ...rest, start: anchorStart?.toString("base64") ?? null, end: anchorEnd?.toString("base64") ?? null };
}

export function listBarriers({
  db,
  regionIds,
  agendaId,
  filter = {},
  now = new Date(),
}: {
  db: Db;
  regionIds: readonly number[];
  agendaId?: number;
  filter?: BarrierFilter;
  now?: Date;
}) {
  if (!regionIds.length) return [];
  const where: SQL[] = [inArray(agendas.regionId, [...regionIds])];
  if (agendaId !== undefined) where.push(eq(barriers.agendaId, agendaId));
  if (filter.type) where.push(eq(barriers.typeKey, filter.type));
  if (filter.severity) where.push(eq(barriers.severity, filter.severity));
  if (filter.status) where.push(eq(barriers.status, filter.status));
  if (filter.level) where.push(eq(barriers.level, filter.level));
  if (filter.olderThan) where.push(lte(barriers.createdAt, new Date(now.getTime() - Number(filter.olderThan) * 86_400_000)));
  const order = filter.sort === "newest" ? [desc(barriers.createdAt), desc(barriers.id)] : [asc(barriers.createdAt), asc(barriers.id)];
  return selectBarriers(db)
    .where(and(...where))
    .orderBy(...order)
    .all();
}

export function listComments({ db, barrierId }: { db: Db; barrierId: number }) {
  return db
    .select({
      id: barrierComments.id,
      body: barrierComments.body,
      statusFrom: barrierComments.statusFrom,
      statusTo: barrierComments.statusTo,
      createdAt: barrierComments.createdAt,
      authorId: barrierComments.authorId,
      authorName: users.name,
    })
    .from(barrierComments)
    .innerJoin(users, eq(users.id, barrierComments.authorId))
    .where(eq(barrierComments.barrierId, barrierId))
    .orderBy(asc(barrierComments.createdAt), asc(barrierComments.id))
    .all();
}

function follow(tx: Tx, barrierId: number, userId: number) {
  tx.insert(barrierFollowers).values({ barrierId, userId }).onConflictDoNothing().run();
}

function followerIds(tx: Tx, barrierId: number) {
  return tx.select({ id: barrierFollowers.userId }).from(barrierFollowers).where(eq(barrierFollowers.barrierId, barrierId)).all().map((f) => f.id);
}

/** A reply in the barrier's thread: mentions notify ("mention"), other followers get "reply". */
export function addReply({
  db,
  barrier,
  actor,
  body,
  now = new Date(),
}: {
  db: Db;
  barrier: { id: number; regionId: number };
  actor: Principal;
  body: string;
  now?: Date;
}) {
  if (!can(actor, "comment:barrier", { regionId: barrier.regionId })) throw new NotAllowedError();
  return db.transaction((tx) => {
    const comment = tx.insert(barrierComments).values({ barrierId: barrier.id, authorId: actor.id, body, createdAt: now }).returning({ id: barrierComments.id }).get();
    notifyThread(tx, barrier, actor.id, body, comment.id);
    return comment.id;
  });
}

function notifyThread(tx: Tx, barrier: { id: number; regionId: number }, authorId: number, body: string, commentId: number) {
  const mentioned = findMentions(body, barrierThreadPeople({ db: tx, regionId: barrier.regionId }));
  const followers = followerIds(tx, barrier.id).filter((id) => !mentioned.includes(id));
  notify({ db: tx, userIds: mentioned, kind: "mention", barrierId: barrier.id, commentId, exceptUserId: authorId });
  notify({ db: tx, userIds: followers, kind: "reply", barrierId: barrier.id, commentId, exceptUserId: authorId });
  follow(tx, barrier.id, authorId);
}

/** Who may move a barrier to which status: escalation to VWS is the adviser's (decision 002). */
export function statusChangeRefusal(role: Role, from: BarrierStatus, to: BarrierStatus) {
  if (from === to) return "barriers.error.sameStatus" as const;
  if (to === "geescaleerd" && role !== "adviser") return "barriers.error.escalateAdviser" as const;
  return null;
}

/**
 * Moves the barrier to `to`, with the reason as a thread entry and an audit entry in the same
 * transaction; updates the document marker when `doc` is given.
 */
export function changeStatus({
  db,
  doc,
  barrierId,
  actor,
  to,
  reason,
  now = new Date(),
}: {
  db: Db;
  doc?: Y.Doc;
  barrierId: number;
  actor: Principal;
  to: BarrierStatus;
  reason: string;
  now?: Date;
}): BarrierResult<{ commentId: number }> {
  const current = getBarrier({ db, barrierId });
  if (!current) return { ok: false, errors: { form: "error.notFound" } };
  const scope = { regionId: current.regionId };
  const role = roleInRegion(actor, scope);
  if (!role || !can(actor, "comment:barrier", scope)) throw new NotAllowedError();
  const refusal = statusChangeRefusal(role, current.status, to);
  if (refusal) return { ok: false, errors: { status: refusal } };
  const commentId = db.transaction((tx) => {
    // Solving says how (issue 18): other regions with the same barrier type see it; reopening clears it.
    tx.update(barriers).set({ status: to, statusChangedAt: now, resolution: to === "opgelost" ? reason : null }).where(eq(barriers.id, barrierId)).run();
    const comment = tx
      .insert(barrierComments)
      .values({ barrierId, authorId: actor.id, body: reason, statusFrom: current.status, statusTo: to, createdAt: now })
      .returning({ id: barrierComments.id })
      .get();
    recordAudit({
      db: tx,
      actorId: actor.id,
      action: to === "geescaleerd" ? "barrier.escalated" : "barrier.status_changed",
      entityType: "barrier",
      entityId: barrierId,
      regionId: current.regionId,
      data: { from: current.status, to, reason, level: current.level },
    });
    notifyThread(tx, { id: barrierId, regionId: current.regionId }, actor.id, reason, comment.id);
    return comment.id;
  });
  if (doc) {
    const markers = getBarrierMarkers(doc);
    const marker = markers.get(String(barrierId)) ?? markerFor({ ...current, status: to });
    if (marker) markers.set(String(barrierId), { ...marker, status: to });
  }
  return { ok: true, value: { commentId } };
}

/** What the inbox shows for barrier notifications, keyed by notification id. */
export function barrierNotificationDetails({ db, notificationIds }: { db: Db; notificationIds: number[] }) {
  if (!notificationIds.length) return new Map<number, { barrierId: number; quote: string; actorName: string | null; agendaId: number; regionName: string }>();
  const author = alias(users, "author");
  const rows = db
    .select({
      id: notifications.id,
      barrierId: barriers.id,
      quote: barriers.quote,
      actorName: author.name,
      agendaId: barriers.agendaId,
      regionName: regions.name,
    })
    .from(notifications)
    .innerJoin(barriers, eq(barriers.id, notifications.barrierId))
    .innerJoin(agendas, eq(agendas.id, barriers.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .leftJoin(barrierComments, eq(barrierComments.id, notifications.commentId))
    .leftJoin(author, eq(author.id, barrierComments.authorId))
    .where(inArray(notifications.id, notificationIds))
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}

