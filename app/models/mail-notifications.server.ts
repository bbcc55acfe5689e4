// What each inbox notification says by e-mail, and the proposal reminder (decision 037). Every
// notification kind is a mail kind: `notify` calls `mailNotification` in the same transaction, so
// a message exists exactly when its notification does; the reminder is the minute sweep's.
import { and, eq, gt, inArray, isNull, lte, notExists } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db";
import { agendaItems, agendas, barrierComments, barriers, commentThreads, itemQuestions, organisations, priorityProposals, progressReports, progressRequestReminders, proposalReminders, proposalVoters, regionPeriodAdvice, regions, threadComments, users, votes } from "../../db/schema";
import type { NotificationKind } from "./notifications.server";
import { REMINDER_LEAD_MS, reminderDue, type MailKind } from "../domain/mail";
import { endOfDutchDay, formatDutchDate } from "../domain/dutch-time";
import { periodLabel } from "../domain/periods";
import { translate, type Locale } from "../i18n";
import { progressReportHref, regionProgressHref } from "../progress-report/links";
import { commentThreadHref } from "../domain/comment-anchors";
import type { MailContent } from "../mail/templates.server";
import { enqueueUserMail, mailUrl, type Recipient } from "./outbox.server";
import { regionNamesOfUsers } from "./user.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Writer = Db | Tx;
type Subject = { proposalId: number | null; barrierId: number | null; commentId: number | null; reportId: number | null; threadCommentId: number | null; regionPeriodId?: number | null; questionId?: number | null };

/** Which choice of the user's governs each inbox kind: comments in the agenda count as mentions and replies. */
const MAIL_KIND_OF: Record<NotificationKind, MailKind> = {
  mention: "mention",
  assigned: "assigned",
  reply: "reply",
  proposal: "proposal",
  decision: "decision",
  report: "report",
  comment: "reply",
  comment_mention: "mention",
  comment_reply: "reply",
  // A question from another region (issue 18): a choice of its own, since it asks something of the lead.
  question: "question",
  progress_request: "progress",
};
type Compose = (locale: Locale) => Omit<MailContent, "footer">;
/** A message to queue: its content per language, the page it is about, and where an answer goes. */
type Composed = { compose: Compose; path: string; replyTo?: string };

const deadlineText = (deadline: Date, locale: Locale) => formatDutchDate(deadline, locale, { dateStyle: "long", timeStyle: "short" });

function proposalFacts(db: Writer, proposalId: number) {
  return db
    .select({ id: priorityProposals.id, status: priorityProposals.status, deadline: priorityProposals.deadline, createdAt: priorityProposals.createdAt, agenda: agendas.title, region: regions.name })
    .from(priorityProposals)
    .innerJoin(agendas, eq(agendas.id, priorityProposals.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(eq(priorityProposals.id, proposalId))
    .get();
}

function proposalMail(kind: "proposal" | "reminder", p: NonNullable<ReturnType<typeof proposalFacts>>): Compose {
  return (locale) => {
    const vars = { agenda: p.agenda, region: p.region, deadline: deadlineText(p.deadline, locale) };
    return {
      subject: translate(locale, `mail.${kind}.subject`, vars),
      paragraphs: [translate(locale, `mail.${kind}.body`, vars)],
      action: { label: translate(locale, "mail.proposal.action"), url: mailUrl(`/voorstellen/${p.id}`) },
      note: translate(locale, "mail.vote.afterLogin"),
    };
  };
}

const author = alias(users, "author");

function progressRequestFacts(db: Writer, regionPeriodId: number) {
  const r = db
    .select({ period: regionPeriodAdvice.period, message: regionPeriodAdvice.requestMessage, dueDate: regionPeriodAdvice.requestDueDate, requestedAt: regionPeriodAdvice.requestedAt, requestedBy: regionPeriodAdvice.requestedBy, regionId: regions.id, region: regions.name, slug: regions.slug, name: author.name })
    .from(regionPeriodAdvice)
    .innerJoin(regions, eq(regions.id, regionPeriodAdvice.regionId))
    .leftJoin(author, eq(author.id, regionPeriodAdvice.requestedBy))
    .where(eq(regionPeriodAdvice.id, regionPeriodId))
    .get();
  return r?.dueDate && r.requestedAt ? { ...r, dueDate: r.dueDate, requestedAt: r.requestedAt } : null;
}
type ProgressRequestFacts = NonNullable<ReturnType<typeof progressRequestFacts>>;

/** The request for the quarter's progress and its reminder: the period, the due date, the coordinator's words. */
function progressMail(kind: "progressRequest" | "progressReminder", r: ProgressRequestFacts, unreported = 0): { compose: Compose; path: string } {
  const path = regionProgressHref(r.slug, r.period);
  return {
    path,
    compose: (locale) => {
      const vars = { region: r.region, period: periodLabel(r.period, locale), due: formatDutchDate(endOfDutchDay(r.dueDate), locale), name: r.name ?? "", count: unreported };
      return {
        subject: translate(locale, `mail.${kind}.subject`, vars),
        paragraphs: [translate(locale, `mail.${kind}.body`, vars), ...(r.message ? [r.message] : [])],
        action: { label: translate(locale, "mail.progress.action"), url: mailUrl(path) },
      };
    },
  };
}

const asker = alias(users, "asker");

/**
 * A question from another region (decision 039): who asked (name, organisation, regions), about
 * which item of which agenda, in their words. An answer is a reply to the message, straight to the
 * asker: Agendawerk keeps no threads. The digest's line opens the inbox, where the words are.
 */
function questionMail(db: Writer, questionId: number): Composed | null {
  const q = db
    .select({ body: itemQuestions.body, askerId: asker.id, name: asker.name, email: asker.email, organisation: organisations.name, agendaId: itemQuestions.agendaId, itemId: itemQuestions.itemId, item: agendaItems.title, agenda: agendas.title, region: regions.name })
    .from(itemQuestions)
    .innerJoin(asker, eq(asker.id, itemQuestions.askedBy))
    .leftJoin(organisations, eq(organisations.id, asker.organisationId))
    .innerJoin(agendas, eq(agendas.id, itemQuestions.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .leftJoin(agendaItems, and(eq(agendaItems.agendaId, itemQuestions.agendaId), eq(agendaItems.id, itemQuestions.itemId)))
    .where(eq(itemQuestions.id, questionId))
    .get();
  if (!q) return null;
  const from = regionNamesOfUsers({ db, userIds: [q.askerId] }).get(q.askerId) ?? "";
  const itemPath = `/agendas/${q.agendaId}/punten/${encodeURIComponent(q.itemId)}`;
  return {
    path: "/inbox",
    replyTo: q.email,
    compose: (locale) => {
      const vars = { name: q.name, region: from, who: [q.organisation, from].filter(Boolean).join(", "), item: q.item ?? "", agenda: q.agenda, itemRegion: q.region, email: q.email };
      return {
        subject: translate(locale, "mail.question.subject", vars),
        paragraphs: [translate(locale, "mail.question.body", vars), { quote: q.body }, translate(locale, "mail.question.reply", vars)],
        action: { label: translate(locale, "mail.question.action"), url: mailUrl(itemPath) },
        note: translate(locale, "mail.question.inbox"),
      };
    },
  };
}

type Template = "mail.mention" | "mail.assigned" | "mail.reply" | "mail.commentMention" | "mail.comment" | "mail.decision" | "mail.report";
type ActionLabel = "mail.barrier.action" | "mail.comment.action" | "mail.decision.action" | "mail.report.action";

/** A message of one subject line, one paragraph and the button to the page it is about. */
function simpleMail(template: Template, actionLabel: ActionLabel, path: string, vars: (locale: Locale) => Record<string, string>) {
  return {
    path,
    compose: (locale: Locale) => {
      const v = vars(locale);
      return {
        subject: translate(locale, `${template}.subject`, v),
        paragraphs: [translate(locale, `${template}.body`, v)],
        action: { label: translate(locale, actionLabel), url: mailUrl(path) },
      };
    },
  };
}

/** The message for a notification kind about its subject, and the page it opens; null if the subject is gone. */
function composeFor(db: Writer, kind: MailKind, s: Subject): Composed | null {
  if (s.questionId) return questionMail(db, s.questionId);
  if (s.regionPeriodId) {
    const r = progressRequestFacts(db, s.regionPeriodId);
    return r ? progressMail("progressRequest", r) : null;
  }
  if (s.threadCommentId !== null) {
    const c = db
      .select({ quote: commentThreads.quote, agendaId: commentThreads.agendaId, threadId: commentThreads.id, region: regions.name, name: author.name })
      .from(threadComments)
      .innerJoin(commentThreads, eq(commentThreads.id, threadComments.threadId))
      .innerJoin(agendas, eq(agendas.id, commentThreads.agendaId))
      .innerJoin(regions, eq(regions.id, agendas.regionId))
      .innerJoin(author, eq(author.id, threadComments.authorId))
      .where(eq(threadComments.id, s.threadCommentId))
      .get();
    if (!c) return null;
    return simpleMail(kind === "mention" ? "mail.commentMention" : "mail.comment", "mail.comment.action", commentThreadHref(c.agendaId, c.threadId), () => ({ quote: c.quote, region: c.region, name: c.name }));
  }
  if (s.barrierId !== null) {
    const b = db
      .select({ quote: barriers.quote, region: regions.name, name: author.name })
      .from(barriers)
      .innerJoin(agendas, eq(agendas.id, barriers.agendaId))
      .innerJoin(regions, eq(regions.id, agendas.regionId))
      .leftJoin(barrierComments, eq(barrierComments.id, s.commentId ?? -1))
      .leftJoin(author, eq(author.id, barrierComments.authorId))
      .where(eq(barriers.id, s.barrierId))
      .get();
    if (!b || (kind !== "mention" && kind !== "assigned" && kind !== "reply")) return null;
    return simpleMail(`mail.${kind}`, "mail.barrier.action", `/belemmeringen/${s.barrierId}`, () => ({ quote: b.quote, region: b.region, name: b.name ?? "" }));
  }
  if (s.proposalId !== null) {
    const p = proposalFacts(db, s.proposalId);
    if (!p) return null;
    const path = `/voorstellen/${p.id}`;
    if (kind === "proposal") return { path, compose: proposalMail("proposal", p) };
    return simpleMail("mail.decision", "mail.decision.action", path, (locale) => ({ agenda: p.agenda, region: p.region, outcome: translate(locale, `approvals.status.${p.status}`) }));
  }
  if (s.reportId !== null) {
    const r = db
      .select({ period: progressReports.period, region: regions.name, slug: regions.slug })
      .from(progressReports)
      .innerJoin(regions, eq(regions.id, progressReports.regionId))
      .where(eq(progressReports.id, s.reportId))
      .get();
    if (!r) return null;
    return simpleMail("mail.report", "mail.report.action", progressReportHref(r.slug, r.period), (locale) => ({ region: r.region, period: periodLabel(r.period, locale) }));
  }
  return null;
}

function recipients(db: Writer, userIds: readonly number[]): Recipient[] {
  if (!userIds.length) return [];
  return db.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(and(inArray(users.id, [...userIds]), isNull(users.disabledAt))).all();
}

function enqueueAll(db: Writer, kind: MailKind, to: Recipient[], compose: Compose, path: string, now: Date, replyTo: string | null = null) {
  const byLocale = new Map<Locale, Omit<MailContent, "footer">>();
  for (const r of to) {
    const content = byLocale.get(r.locale) ?? compose(r.locale);
    byLocale.set(r.locale, content);
    enqueueUserMail({ db, to: r, kind, content, link: mailUrl(path), replyTo, now });
  }
}

/** The e-mail of a notification, for the recipients `notify` chose; inside its transaction. */
export function mailNotification({ db, userIds, kind: notificationKind, subject, now = new Date() }: { db: Writer; userIds: readonly number[]; kind: NotificationKind; subject: Subject; now?: Date }) {
  const kind = MAIL_KIND_OF[notificationKind];
  const found = composeFor(db, kind, subject);
  if (found) enqueueAll(db, kind, recipients(db, userIds), found.compose, found.path, now, found.replyTo);
}

/**
 * The minute sweep's reminders: for each open proposal two days from its deadline, once, to the
 * voters who have not voted. The reminder's row and its messages are one transaction, so a crash
 * sends neither or both, and a second sweep finds it done.
 */
export function sendDueReminders({ db, now = new Date() }: { db: Db; now?: Date }) {
  const candidates = db
    .select({ id: priorityProposals.id })
    .from(priorityProposals)
    .where(
      and(
        eq(priorityProposals.status, "open"),
        gt(priorityProposals.deadline, now),
        lte(priorityProposals.deadline, new Date(now.getTime() + REMINDER_LEAD_MS)),
        notExists(db.select({ one: proposalReminders.proposalId }).from(proposalReminders).where(eq(proposalReminders.proposalId, priorityProposals.id))),
      ),
    )
    .all();
  let reminded = 0;
  for (const { id } of candidates) {
    db.transaction((tx) => {
      const p = proposalFacts(tx, id);
      if (!p || p.status !== "open") return;
      if (!reminderDue({ createdAt: p.createdAt, deadline: p.deadline, now })) return;
      if (tx.insert(proposalReminders).values({ proposalId: id, sentAt: now }).onConflictDoNothing().run().changes === 0) return;
      const notVoted = tx
        .select({ userId: proposalVoters.userId })
        .from(proposalVoters)
        .where(and(eq(proposalVoters.proposalId, id), notExists(tx.select({ one: votes.id }).from(votes).where(and(eq(votes.proposalId, id), eq(votes.userId, proposalVoters.userId))))))
        .all()
        .map((r) => r.userId);
      enqueueAll(tx, "reminder", recipients(tx, notVoted), proposalMail("reminder", p), `/voorstellen/${id}`, now);
      reminded++;
    });
  }
  return reminded;
}

/**
 * A progress request's reminder, once its due date is two days away (the proposal's rule), to the
 * given members of the workgroup; once per request and due date, in one transaction with its row.
 * The caller (the minute sweep in execution.server) knows who has not reported.
 */
export function mailProgressReminder({ db, regionPeriodId, userIds, unreported, now }: { db: Tx; regionPeriodId: number; userIds: readonly number[]; unreported: number; now: Date }) {
  const r = progressRequestFacts(db, regionPeriodId);
  if (!r || !reminderDue({ createdAt: r.requestedAt, deadline: endOfDutchDay(r.dueDate), now })) return false;
  if (db.insert(progressRequestReminders).values({ regionPeriodId, dueDate: r.dueDate, sentAt: now }).onConflictDoNothing().run().changes === 0) return false;
  const { compose, path } = progressMail("progressReminder", r, unreported);
  enqueueAll(db, "progress", recipients(db, userIds.filter((id) => id !== r.requestedBy)), compose, path, now);
  return true;
}
