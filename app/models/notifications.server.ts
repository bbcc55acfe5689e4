// The inbox: notifications per user, by kind. Generic on purpose: each feature inserts its own
// kinds (proposal, decision here; mention, assigned, reply for barriers) and the inbox page
// renders each kind with its own line.
import { and, desc, eq, exists, inArray, isNull, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db";
import { agendas, barriers, commentThreads, notifications, priorityProposals, progressReports, proposalVoters, regionPeriodAdvice, regions, threadComments, users } from "../../db/schema";
import {
  canReadSubject,
  regionsWhere,
  subjectReadAction,
  type NotificationSubject,
  type Principal,
} from "../domain/permissions";
import { loadPrincipal } from "./session.server";
import { mailNotification } from "./mail-notifications.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type NotificationKind = (typeof notifications.$inferInsert)["kind"];

const barrierAgenda = alias(agendas, "barrier_agenda");
const subjectRegion = alias(regions, "subject_region");
const reportRegion = alias(regions, "report_region");
const commentAgenda = alias(agendas, "comment_agenda");
const periodRegion = alias(regions, "period_region");
const periodRequester = alias(users, "period_requester");

/** The subject's region, for the read rule: a barrier's or a proposal's agenda decides, a report's or a period's region. */
function subjectOf(
  db: Db | Tx,
  { barrierId, proposalId, reportId, threadCommentId, regionPeriodId }: { barrierId: number | null; proposalId: number | null; reportId: number | null; threadCommentId: number | null; regionPeriodId: number | null },
): NotificationSubject | null {
  if (regionPeriodId !== null) {
    const region = db
      .select({ regionId: regions.id, partnersMayRead: regions.partnersMayRead })
      .from(regionPeriodAdvice)
      .innerJoin(regions, eq(regions.id, regionPeriodAdvice.regionId))
      .where(eq(regionPeriodAdvice.id, regionPeriodId))
      .get();
    return region ? { kind: "period", region } : null;
  }
  if (threadCommentId !== null) {
    const region = db
      .select({ regionId: regions.id, partnersMayRead: regions.partnersMayRead })
      .from(threadComments)
      .innerJoin(commentThreads, eq(commentThreads.id, threadComments.threadId))
      .innerJoin(agendas, eq(agendas.id, commentThreads.agendaId))
      .innerJoin(regions, eq(regions.id, agendas.regionId))
      .where(eq(threadComments.id, threadCommentId))
      .get();
    return region ? { kind: "comment", region } : null;
  }
  if (reportId !== null) {
    const region = db
      .select({ regionId: regions.id, partnersMayRead: regions.partnersMayRead })
      .from(progressReports)
      .innerJoin(regions, eq(regions.id, progressReports.regionId))
      .where(eq(progressReports.id, reportId))
      .get();
    return region ? { kind: "report", region } : null;
  }
  const kind = barrierId !== null ? "barrier" : proposalId !== null ? "proposal" : null;
  if (!kind) return null;
  const query =
    kind === "barrier"
      ? db
          .select({ regionId: subjectRegion.id, partnersMayRead: subjectRegion.partnersMayRead })
          .from(barriers)
          .innerJoin(agendas, eq(agendas.id, barriers.agendaId))
          .innerJoin(subjectRegion, eq(subjectRegion.id, agendas.regionId))
          .where(eq(barriers.id, barrierId!))
      : db
          .select({ regionId: subjectRegion.id, partnersMayRead: subjectRegion.partnersMayRead })
          .from(priorityProposals)
          .innerJoin(agendas, eq(agendas.id, priorityProposals.agendaId))
          .innerJoin(subjectRegion, eq(subjectRegion.id, agendas.regionId))
          .where(eq(priorityProposals.id, proposalId!));
  const region = query.get();
  return region ? { kind, region } : null;
}

/**
 * Call inside the transaction of the change the notification is about. Only recipients who may
 * read the subject now get it: a follower who lost their role hears nothing more.
 */
export function notify({
  db,
  userIds,
  kind,
  proposalId = null,
  barrierId = null,
  commentId = null,
  reportId = null,
  threadCommentId = null,
  questionId = null,
  regionPeriodId = null,
  exceptUserId = null,
}: {
  db: Db | Tx;
  userIds: readonly number[];
  kind: NotificationKind;
  proposalId?: number | null;
  barrierId?: number | null;
  commentId?: number | null;
  reportId?: number | null;
  threadCommentId?: number | null;
  /** A question to a lead (issue 18): no subject to read, it is addressed to the recipients. */
  questionId?: number | null;
  /** A progress request (issue 17): the region's period it asks for. */
  regionPeriodId?: number | null;
  exceptUserId?: number | null;
}) {
  const unique = [...new Set(userIds)].filter((id) => id !== exceptUserId);
  if (!unique.length) return;
  const subject = subjectOf(db, { barrierId, proposalId, reportId, threadCommentId, regionPeriodId });
  // A transaction runs on the database's one connection: the principal's statements work in it alike.
  const recipients = unique.filter((userId) => {
    const principal = loadPrincipal({ db: db as Db, userId });
    return principal !== null && (subject === null || canReadSubject(principal, subject));
  });
  if (!recipients.length) return;
  db.insert(notifications)
    .values(recipients.map((userId) => ({ userId, kind, proposalId, barrierId, commentId, reportId, threadCommentId, questionId, regionPeriodId })))
    .run();
  // Its e-mail, queued in the same transaction (decision 037): sent by the worker, never here.
  mailNotification({ db, userIds: recipients, kind, subject: { proposalId, barrierId, commentId, reportId, threadCommentId, regionPeriodId, questionId } });
}

/**
 * The user's notifications that they may still read: rights are checked when the inbox is read,
 * not only when a notification was sent, since roles change in many places afterwards. The rule is
 * the subject page's own (`canReadSubject`), applied per region so the database can filter and limit.
 */
function visibleTo(db: Db, actor: Principal): SQL {
  const scopes = db.select({ regionId: regions.id, partnersMayRead: regions.partnersMayRead }).from(regions).all();
  const barrierRegions = regionsWhere(actor, subjectReadAction.barrier, scopes);
  const proposalRegions = regionsWhere(actor, subjectReadAction.proposal, scopes);
  const reportRegions = regionsWhere(actor, subjectReadAction.report, scopes);
  const commentRegions = regionsWhere(actor, subjectReadAction.comment, scopes);
  const periodRegions = regionsWhere(actor, subjectReadAction.period, scopes);
  return and(
    eq(notifications.userId, actor.id),
    or(
      and(isNull(notifications.barrierId), isNull(notifications.proposalId), isNull(notifications.reportId), isNull(notifications.threadCommentId), isNull(notifications.regionPeriodId)),
      periodRegions.length ? inArray(periodRegion.id, periodRegions) : undefined,
      reportRegions.length ? inArray(progressReports.regionId, reportRegions) : undefined,
      commentRegions.length ? inArray(commentAgenda.regionId, commentRegions) : undefined,
      // The joins reach a barrier's agenda and a proposal's agenda; a missing one is null, never in the list.
      barrierRegions.length ? inArray(barrierAgenda.regionId, barrierRegions) : undefined,
      proposalRegions.length ? and(isNull(notifications.barrierId), inArray(agendas.regionId, proposalRegions)) : undefined,
      // The proposal page's exception (voorstellen.$proposalId): its frozen electorate reads an open
      // proposal even after a membership change, so the line asking them to vote stays too.
      and(
        isNull(notifications.barrierId),
        eq(priorityProposals.status, "open"),
        exists(
          db
            .select({ one: proposalVoters.userId })
            .from(proposalVoters)
            .where(and(eq(proposalVoters.proposalId, notifications.proposalId), eq(proposalVoters.userId, actor.id))),
        ),
      ),
    ),
  )!;
}

/** Newest first; proposal notifications carry what the inbox needs to show and link them. */
export function listNotifications({ db, actor, limit = 100 }: { db: Db; actor: Principal; limit?: number }) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      barrierId: notifications.barrierId,
      commentId: notifications.commentId,
      proposalId: notifications.proposalId,
      reportId: notifications.reportId,
      threadCommentId: notifications.threadCommentId,
      questionId: notifications.questionId,
      regionPeriodId: notifications.regionPeriodId,
      periodPeriod: regionPeriodAdvice.period,
      periodMessage: regionPeriodAdvice.requestMessage,
      periodDueDate: regionPeriodAdvice.requestDueDate,
      periodRegionSlug: periodRegion.slug,
      periodRegionName: periodRegion.name,
      periodRequesterName: periodRequester.name,
      commentAgendaId: commentThreads.agendaId,
      commentThreadId: commentThreads.id,
      reportPeriod: progressReports.period,
      reportRegionSlug: reportRegion.slug,
      reportRegionName: reportRegion.name,
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
    .leftJoin(barriers, eq(barriers.id, notifications.barrierId))
    .leftJoin(barrierAgenda, eq(barrierAgenda.id, barriers.agendaId))
    .leftJoin(progressReports, eq(progressReports.id, notifications.reportId))
    .leftJoin(reportRegion, eq(reportRegion.id, progressReports.regionId))
    .leftJoin(threadComments, eq(threadComments.id, notifications.threadCommentId))
    .leftJoin(commentThreads, eq(commentThreads.id, threadComments.threadId))
    .leftJoin(commentAgenda, eq(commentAgenda.id, commentThreads.agendaId))
    .leftJoin(regionPeriodAdvice, eq(regionPeriodAdvice.id, notifications.regionPeriodId))
    .leftJoin(periodRegion, eq(periodRegion.id, regionPeriodAdvice.regionId))
    .leftJoin(periodRequester, eq(periodRequester.id, regionPeriodAdvice.requestedBy))
    .where(visibleTo(db, actor))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all();
}

/** Unread notifications the user may still read (the same filter as the inbox). */
export function countUnread({ db, actor }: { db: Db; actor: Principal }) {
  return db
    .select({ id: notifications.id })
    .from(notifications)
    .leftJoin(priorityProposals, eq(priorityProposals.id, notifications.proposalId))
    .leftJoin(agendas, eq(agendas.id, priorityProposals.agendaId))
    .leftJoin(barriers, eq(barriers.id, notifications.barrierId))
    .leftJoin(barrierAgenda, eq(barrierAgenda.id, barriers.agendaId))
    .leftJoin(progressReports, eq(progressReports.id, notifications.reportId))
    .leftJoin(threadComments, eq(threadComments.id, notifications.threadCommentId))
    .leftJoin(commentThreads, eq(commentThreads.id, threadComments.threadId))
    .leftJoin(commentAgenda, eq(commentAgenda.id, commentThreads.agendaId))
    .leftJoin(regionPeriodAdvice, eq(regionPeriodAdvice.id, notifications.regionPeriodId))
    .leftJoin(periodRegion, eq(periodRegion.id, regionPeriodAdvice.regionId))
    .where(and(visibleTo(db, actor), isNull(notifications.readAt)))
    .all().length;
}

/** Marks the user's own notifications read: the given ids, those about a proposal, or all. */
export function markNotificationsRead({
  db,
  actor,
  ids,
  proposalId,
  now = new Date(),
}: {
  db: Db;
  actor: Principal;
  ids?: number[];
  proposalId?: number;
  now?: Date;
}) {
  const conditions = [eq(notifications.userId, actor.id), isNull(notifications.readAt)];
  if (ids) {
    if (!ids.length) return 0;
    conditions.push(inArray(notifications.id, ids));
  }
  if (proposalId !== undefined) conditions.push(eq(notifications.proposalId, proposalId));
  return db.update(notifications).set({ readAt: now }).where(and(...conditions)).run().changes;
}

/**
 * Opening a line of the inbox: every unread notification of the user about the same subject is
 * answered by it. Returns the subject to go to, or null when the notification is not the user's.
 */
export function openNotification({ db, actor, id, now = new Date() }: { db: Db; actor: Principal; id: number; now?: Date }) {
  const row = db
    .select({
      barrierId: notifications.barrierId,
      proposalId: notifications.proposalId,
      reportId: notifications.reportId,
      reportPeriod: progressReports.period,
      reportRegionSlug: regions.slug,
      commentAgendaId: commentThreads.agendaId,
      commentThreadId: commentThreads.id,
      regionPeriodId: notifications.regionPeriodId,
      periodPeriod: regionPeriodAdvice.period,
      periodRegionSlug: periodRegion.slug,
    })
    .from(notifications)
    .leftJoin(progressReports, eq(progressReports.id, notifications.reportId))
    .leftJoin(regions, eq(regions.id, progressReports.regionId))
    .leftJoin(regionPeriodAdvice, eq(regionPeriodAdvice.id, notifications.regionPeriodId))
    .leftJoin(periodRegion, eq(periodRegion.id, regionPeriodAdvice.regionId))
    .leftJoin(threadComments, eq(threadComments.id, notifications.threadCommentId))
    .leftJoin(commentThreads, eq(commentThreads.id, threadComments.threadId))
    .where(and(eq(notifications.id, id), eq(notifications.userId, actor.id)))
    .get();
  if (!row) return null;
  const about =
    row.barrierId !== null
      ? eq(notifications.barrierId, row.barrierId)
      : row.proposalId !== null
        ? eq(notifications.proposalId, row.proposalId)
        : row.reportId !== null
          ? eq(notifications.reportId, row.reportId)
          : row.regionPeriodId !== null
            ? eq(notifications.regionPeriodId, row.regionPeriodId)
            : row.commentThreadId !== null
              ? inArray(notifications.threadCommentId, db.select({ id: threadComments.id }).from(threadComments).where(eq(threadComments.threadId, row.commentThreadId)))
              : eq(notifications.id, id);
  db.update(notifications).set({ readAt: now }).where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt), about)).run();
  return row;
}
