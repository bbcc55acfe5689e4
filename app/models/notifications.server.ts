// The inbox: notifications per user, by kind. Generic on purpose: each feature inserts its own
// kinds (proposal, decision here; mention, assigned, reply for barriers) and the inbox page
// renders each kind with its own line.
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db";
import { agendas, notifications, priorityProposals, regions } from "../../db/schema";

type Writer = Pick<Db, "insert">;
export type NotificationKind = (typeof notifications.$inferInsert)["kind"];

/** Call inside the transaction of the change the notification is about. */
export function notify({
  db,
  userIds,
  kind,
  proposalId = null,
  barrierId = null,
  commentId = null,
  exceptUserId = null,
}: {
  db: Writer;
  userIds: readonly number[];
  kind: NotificationKind;
  proposalId?: number | null;
  barrierId?: number | null;
  commentId?: number | null;
  exceptUserId?: number | null;
}) {
  const unique = [...new Set(userIds)].filter((id) => id !== exceptUserId);
  if (!unique.length) return;
  db.insert(notifications)
    .values(unique.map((userId) => ({ userId, kind, proposalId, barrierId, commentId })))
    .run();
}

/** Newest first; proposal notifications carry what the inbox needs to show and link them. */
export function listNotifications({ db, userId, limit = 100 }: { db: Db; userId: number; limit?: number }) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      barrierId: notifications.barrierId,
      commentId: notifications.commentId,
      proposalId: notifications.proposalId,
      proposalStatus: priorityProposals.status,
      proposalDeadline: priorityProposals.deadline,
      agendaId: agendas.id,
      agendaTitle: agendas.title,
      regionName: regions.name,
    })
    .from(notifications)
    .leftJoin(priorityProposals, eq(priorityProposals.id, notifications.proposalId))
    .leftJoin(agendas, eq(agendas.id, priorityProposals.agendaId))
    .leftJoin(regions, eq(regions.id, agendas.regionId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all();
}

export function countUnread({ db, userId }: { db: Db; userId: number }) {
  return db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .all().length;
}

/** Marks the user's own notifications read: the given ids, those about a proposal, or all. */
export function markNotificationsRead({
  db,
  userId,
  ids,
  proposalId,
  now = new Date(),
}: {
  db: Db;
  userId: number;
  ids?: number[];
  proposalId?: number;
  now?: Date;
}) {
  const conditions = [eq(notifications.userId, userId), isNull(notifications.readAt)];
  if (ids) {
    if (!ids.length) return 0;
    conditions.push(inArray(notifications.id, ids));
  }
  if (proposalId !== undefined) conditions.push(eq(notifications.proposalId, proposalId));
  return db.update(notifications).set({ readAt: now }).where(and(...conditions)).run().changes;
}
