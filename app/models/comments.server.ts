// Comments on a passage of the introduction or an item's plan (decision 036): a conversation that
// anyone who may read the agenda can start, answer, resolve and reopen. The SQL thread is the truth;
// a marker per thread in the agenda's Yjs document (written here, by the server) highlights the
// passage and tells every open browser that the conversation moved, as barriers do (decision 004).
// Functions that touch the document take it as `doc`: routes pass the live one from `withLiveDoc`.
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type * as Y from "yjs";
import type { Db } from "../../db";
import { agendas, commentThreads, notifications, regions, threadComments, users } from "../../db/schema";
import { passageFragment, resolveAnchor } from "../domain/barrier-anchors";
import { getCommentMarkers } from "../domain/comment-anchors";
import { findMentions } from "../domain/mentions";
import { can, type Principal, type RegionScope } from "../domain/permissions";
import type { CreateCommentInput } from "../forms/comments";
import type { FieldErrors } from "../forms/validation";
import { regionWorkgroup } from "./approvals.server";
import { barrierThreadPeople } from "./barriers.server";
import { NotAllowedError } from "./errors.server";
import { notify } from "./notifications.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type CommentResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const QUOTE_MAX = 500;
/** More names than this in one comment is a broadcast, not a mention: refused, so nobody is spammed. */
export const MENTIONS_MAX = 10;

/** The agenda's region as the permission rule needs it, read here rather than trusted from the caller. */
function agendaScope(db: Db | Tx, agendaId: number): RegionScope | null {
  return (
    db
      .select({ regionId: regions.id, partnersMayRead: regions.partnersMayRead })
      .from(agendas)
      .innerJoin(regions, eq(regions.id, agendas.regionId))
      .where(eq(agendas.id, agendaId))
      .get() ?? null
  );
}

function authorize(db: Db | Tx, actor: Principal, agendaId: number): RegionScope {
  const scope = agendaScope(db, agendaId);
  if (!scope || !can(actor, "comment:agenda", scope)) throw new NotAllowedError();
  return scope;
}

/** Who can be mentioned: the region's members and covering advisers, as in a barrier's thread. */
export const commentPeople = barrierThreadPeople;


function mentionsIn(db: Db | Tx, regionId: number, body: string): number[] | null {
  const mentioned = findMentions(body, barrierThreadPeople({ db, regionId }));
  return mentioned.length > MENTIONS_MAX ? null : mentioned;
}

/**
 * Starts a thread on a passage: validates the anchor against `doc` (it must lie in that item's plan,
 * or the introduction for `itemId` null), stores thread, first comment and notifications in one
 * transaction, then writes the marker. Refused input is answered, not thrown (decision 020).
 */
export function createThread({
  db,
  doc,
  agendaId,
  actor,
  input,
  now = new Date(),
}: {
  db: Db;
  doc: Y.Doc;
  agendaId: number;
  actor: Principal;
  input: CreateCommentInput;
  now?: Date;
}): CommentResult<{ id: number; quote: string }> {
  const scope = authorize(db, actor, agendaId);
  const fragment = passageFragment(doc, input.itemId);
  if (!fragment) return { ok: false, errors: { form: "comments.error.item" } };
  const anchor = resolveAnchor(doc, fragment, input.start, input.end);
  if (anchor.kind === "outside") return { ok: false, errors: { form: "comments.error.anchor" } };
  if (anchor.kind === "deleted") return { ok: false, errors: { form: "comments.error.anchorEmpty" } };
  const mentioned = mentionsIn(db, scope.regionId, input.body);
  if (!mentioned) return { ok: false, errors: { body: "comments.error.tooManyMentions" } };
  const quote = anchor.quote.length > QUOTE_MAX ? `${anchor.quote.slice(0, QUOTE_MAX - 1)}…` : anchor.quote;

  const { id } = db.transaction((tx) => {
    const thread = tx
      .insert(commentThreads)
      .values({
        agendaId,
        itemId: input.itemId,
        anchorStart: Buffer.from(input.start, "base64"),
        anchorEnd: Buffer.from(input.end, "base64"),
        quote,
        createdBy: actor.id,
        createdAt: now,
      })
      .returning({ id: commentThreads.id })
      .get();
    const comment = tx.insert(threadComments).values({ threadId: thread.id, authorId: actor.id, body: input.body, createdAt: now }).returning({ id: threadComments.id }).get();
    notify({ db: tx, userIds: mentioned, kind: "comment_mention", threadCommentId: comment.id, exceptUserId: actor.id });
    const editors = regionWorkgroup({ db: tx, regionId: scope.regionId }).filter((userId) => !mentioned.includes(userId));
    notify({ db: tx, userIds: editors, kind: "comment", threadCommentId: comment.id, exceptUserId: actor.id });
    return thread;
  });
  getCommentMarkers(doc).set(String(id), { itemId: input.itemId, start: input.start, end: input.end, resolved: false, entries: 1 });
  return { ok: true, value: { id, quote } };
}

function threadOf(db: Db | Tx, agendaId: number, threadId: number) {
  return (
    db
      .select()
      .from(commentThreads)
      .where(and(eq(commentThreads.id, threadId), eq(commentThreads.agendaId, agendaId)))
      .get() ?? null
  );
}

type Thread = NonNullable<ReturnType<typeof threadOf>>;

function entryCount(db: Db | Tx, threadId: number) {
  return db.select({ id: threadComments.id }).from(threadComments).where(eq(threadComments.threadId, threadId)).all().length;
}

/** The marker as the thread now stands; rebuilt from the row, so a lost marker comes back on the next change. */
function writeMarker(db: Db | Tx, doc: Y.Doc, thread: Thread) {
  getCommentMarkers(doc).set(String(thread.id), {
    itemId: thread.itemId,
    start: thread.anchorStart.toString("base64"),
    end: thread.anchorEnd.toString("base64"),
    resolved: thread.resolvedAt !== null,
    entries: entryCount(db, thread.id),
  });
}

/** A reply: the mentioned get "comment_mention", the thread's other participants "comment_reply". */
export function replyToThread({
  db,
  doc,
  agendaId,
  threadId,
  actor,
  body,
  now = new Date(),
}: {
  db: Db;
  doc: Y.Doc;
  agendaId: number;
  threadId: number;
  actor: Principal;
  body: string;
  now?: Date;
}): CommentResult<{ commentId: number }> {
  const scope = authorize(db, actor, agendaId);
  const thread = threadOf(db, agendaId, threadId);
  if (!thread) return { ok: false, errors: { form: "comments.error.thread" } };
  if (thread.resolvedAt) return { ok: false, errors: { form: "comments.error.resolved" } };
  const mentioned = mentionsIn(db, scope.regionId, body);
  if (!mentioned) return { ok: false, errors: { body: "comments.error.tooManyMentions" } };
  const commentId = db.transaction((tx) => {
    const participants = tx.selectDistinct({ id: threadComments.authorId }).from(threadComments).where(eq(threadComments.threadId, threadId)).all().map((p) => p.id);
    const comment = tx.insert(threadComments).values({ threadId, authorId: actor.id, body, createdAt: now }).returning({ id: threadComments.id }).get();
    notify({ db: tx, userIds: mentioned, kind: "comment_mention", threadCommentId: comment.id, exceptUserId: actor.id });
    notify({ db: tx, userIds: participants.filter((id) => !mentioned.includes(id)), kind: "comment_reply", threadCommentId: comment.id, exceptUserId: actor.id });
    return comment.id;
  });
  writeMarker(db, doc, thread);
  return { ok: true, value: { commentId } };
}

/** Resolves or reopens a thread; anyone who may comment may do either (it is their conversation). */
export function setThreadResolved({
  db,
  doc,
  agendaId,
  threadId,
  actor,
  resolved,
  now = new Date(),
}: {
  db: Db;
  doc: Y.Doc;
  agendaId: number;
  threadId: number;
  actor: Principal;
  resolved: boolean;
  now?: Date;
}): CommentResult<null> {
  authorize(db, actor, agendaId);
  const thread = threadOf(db, agendaId, threadId);
  if (!thread) return { ok: false, errors: { form: "comments.error.thread" } };
  if ((thread.resolvedAt !== null) === resolved) return { ok: false, errors: { form: resolved ? "comments.error.alreadyResolved" : "comments.error.alreadyOpen" } };
  const change = resolved ? { resolvedAt: now, resolvedBy: actor.id } : { resolvedAt: null, resolvedBy: null };
  db.update(commentThreads).set(change).where(eq(commentThreads.id, threadId)).run();
  writeMarker(db, doc, { ...thread, ...change });
  return { ok: true, value: null };
}

const author = alias(users, "author");
const resolver = alias(users, "resolver");

/** The agenda's threads, oldest first, each with its comments; for anyone who may comment there. */
export function listThreads({ db, actor, agendaId }: { db: Db; actor: Principal; agendaId: number }) {
  authorize(db, actor, agendaId);
  const threads = db
    .select({
      id: commentThreads.id,
      itemId: commentThreads.itemId,
      start: commentThreads.anchorStart,
      end: commentThreads.anchorEnd,
      quote: commentThreads.quote,
      createdAt: commentThreads.createdAt,
      resolvedAt: commentThreads.resolvedAt,
      resolvedByName: resolver.name,
    })
    .from(commentThreads)
    .leftJoin(resolver, eq(resolver.id, commentThreads.resolvedBy))
    .where(eq(commentThreads.agendaId, agendaId))
    .orderBy(asc(commentThreads.createdAt), asc(commentThreads.id))
    .all();
  const entries = threads.length
    ? db
        .select({ id: threadComments.id, threadId: threadComments.threadId, body: threadComments.body, createdAt: threadComments.createdAt, authorName: author.name })
        .from(threadComments)
        .innerJoin(author, eq(author.id, threadComments.authorId))
        .where(inArray(threadComments.threadId, threads.map((t) => t.id)))
        .orderBy(asc(threadComments.createdAt), asc(threadComments.id))
        .all()
    : [];
  return threads.map((t) => ({
    ...t,
    // Anchors travel to the browser as base64, like the document markers.
    start: t.start.toString("base64"),
    end: t.end.toString("base64"),
    comments: entries.filter((e) => e.threadId === t.id).map(({ threadId: _, ...e }) => e),
  }));
}

/** What the inbox shows for comment notifications, keyed by notification id. */
export function commentNotificationDetails({ db, notificationIds }: { db: Db; notificationIds: number[] }) {
  if (!notificationIds.length) return new Map<number, { quote: string; actorName: string; agendaId: number; threadId: number; regionName: string }>();
  const rows = db
    .select({
      id: notifications.id,
      quote: commentThreads.quote,
      actorName: author.name,
      agendaId: commentThreads.agendaId,
      threadId: commentThreads.id,
      regionName: regions.name,
    })
    .from(notifications)
    .innerJoin(threadComments, eq(threadComments.id, notifications.threadCommentId))
    .innerJoin(commentThreads, eq(commentThreads.id, threadComments.threadId))
    .innerJoin(author, eq(author.id, threadComments.authorId))
    .innerJoin(agendas, eq(agendas.id, commentThreads.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(inArray(notifications.id, notificationIds))
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}
