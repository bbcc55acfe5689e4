// The user's inbox: notifications of every kind, newest first. A feature adds a kind by adding a
// case to `describe` (and inserting rows with `notify`).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../utils/auth.server";
import { listNotifications, markNotificationsRead, openNotification } from "../models/notifications.server";
import { barrierNotificationDetails } from "../models/barriers.server";
import { commentNotificationDetails } from "../models/comments.server";
import { questionNotificationDetails } from "../models/learning.server";
import { useFormatDate } from "../components/approvals/format";
import { useLocale, useT } from "../i18n";
import { periodLabel } from "../domain/periods";
import { progressReportHref, regionProgressHref } from "../progress-report/links";
import { commentThreadHref } from "../domain/comment-anchors";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("inbox.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser({ request, context });
  // Only what the user may read now: a line about a barrier or proposal they lost access to, and
  // its quote, is gone.
  const notifications = listNotifications({ db: context.db, actor: user.principal });
  // Barriers (issue 5): the quoted passage and who wrote, for mention/assigned/reply lines.
  const barrierIds = notifications.filter((n) => n.barrierId !== null).map((n) => n.id);
  const barrierDetails = Object.fromEntries(barrierNotificationDetails({ db: context.db, notificationIds: barrierIds }));
  // Passage comments (issue 16): the quoted passage, who wrote and in which region.
  const commentIds = notifications.filter((n) => n.threadCommentId !== null).map((n) => n.id);
  const commentDetails = Object.fromEntries(commentNotificationDetails({ db: context.db, notificationIds: commentIds }));
  // Questions from other regions (issue 18): who asked, from where, about which item, and the words.
  const questionIds = notifications.filter((n) => n.questionId !== null).map((n) => n.id);
  const questionDetails = Object.fromEntries(questionNotificationDetails({ db: context.db, notificationIds: questionIds }));
  return { notifications, barrierDetails, commentDetails, questionDetails };
}

/** Where a notification leads; the same on the server (after opening it) and in the list. */
function subjectHref(n: { barrierId: number | null; proposalId: number | null; reportPeriod: string | null; reportRegionSlug: string | null; commentAgendaId: number | null; commentThreadId: number | null; periodPeriod: string | null; periodRegionSlug: string | null }) {
  if (n.barrierId !== null) return `/belemmeringen/${n.barrierId}`;
  if (n.commentAgendaId !== null && n.commentThreadId !== null) return commentThreadHref(n.commentAgendaId, n.commentThreadId);
  if (n.proposalId !== null) return `/voorstellen/${n.proposalId}`;
  if (n.reportPeriod !== null && n.reportRegionSlug !== null) return progressReportHref(n.reportRegionSlug, n.reportPeriod);
  if (n.periodPeriod !== null && n.periodRegionSlug !== null) return regionProgressHref(n.periodRegionSlug, n.periodPeriod);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser({ request, context });
  const form = await request.formData();
  switch (form.get("intent")) {
    case "open": {
      // Opening a line answers it: a post, since reading a page never writes.
      const id = Number(form.get("id"));
      const subject = Number.isInteger(id) && id > 0 ? openNotification({ db: context.db, actor: user.principal, id }) : null;
      return redirect((subject && subjectHref(subject)) ?? "/inbox");
    }
    case "mark-read": {
      const id = Number(form.get("id"));
      // Only the user's own notifications: the model filters on userId.
      if (Number.isInteger(id) && id > 0) markNotificationsRead({ db: context.db, actor: user.principal, ids: [id] });
      return data({ ok: true });
    }
    case "mark-all-read":
      markNotificationsRead({ db: context.db, actor: user.principal });
      return data({ ok: true });
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["notifications"][number];
type BarrierDetails = ReturnType<typeof useLoaderData<typeof loader>>["barrierDetails"];
type CommentDetails = ReturnType<typeof useLoaderData<typeof loader>>["commentDetails"];
type QuestionDetails = ReturnType<typeof useLoaderData<typeof loader>>["questionDetails"];

function useDescribe(barrierDetails: BarrierDetails, commentDetails: CommentDetails, questionDetails: QuestionDetails) {
  const t = useT();
  const locale = useLocale();
  const date = useFormatDate();
  return (n: Row): { text: string; href: string | null; body?: string; replyTo?: string } => {
    switch (n.kind) {
      case "proposal":
        return {
          text: t("inbox.kind.proposal", { agenda: n.agendaTitle ?? "", region: n.regionName ?? "", deadline: n.proposalDeadline ? date(n.proposalDeadline) : "" }),
          href: subjectHref(n),
        };
      case "decision":
        return {
          text: `${t("inbox.kind.decision", { agenda: n.agendaTitle ?? "", region: n.regionName ?? "" })}${n.proposalStatus ? `: ${t(`approvals.status.${n.proposalStatus}`)}` : ""}`,
          href: subjectHref(n),
        };
      case "mention":
      case "assigned":
      case "reply": {
        const b = barrierDetails[n.id];
        return {
          text: t(`inbox.kind.${n.kind}`, { name: b?.actorName ?? "", quote: b?.quote ?? "" }),
          href: subjectHref(n),
        };
      }
      case "comment":
      case "comment_mention":
      case "comment_reply": {
        const c = commentDetails[n.id];
        return { text: t(`inbox.kind.${n.kind}`, { name: c?.actorName ?? "", quote: c?.quote ?? "", region: c?.regionName ?? "" }), href: subjectHref(n) };
      }
      case "report":
        return { text: t("inbox.kind.report", { region: n.reportRegionName ?? "", period: n.reportPeriod ? periodLabel(n.reportPeriod, locale) : "" }), href: subjectHref(n) };
      case "progress_request":
        return {
          text: t("inbox.kind.progress_request", { name: n.periodRequesterName ?? "", region: n.periodRegionName ?? "", period: n.periodPeriod ? periodLabel(n.periodPeriod, locale) : "", due: n.periodDueDate ? date(n.periodDueDate) : "" }),
          href: subjectHref(n),
          body: n.periodMessage ?? undefined,
        };
      case "question": {
        const q = questionDetails[n.id];
        return { text: t("inbox.kind.question", { name: q?.askerName ?? "", region: q?.askerRegion ?? "", item: q?.itemTitle ?? "" }), href: null, body: q?.body, replyTo: q?.askerEmail };
      }
      default:
        return { text: t("inbox.kind.other"), href: null };
    }
  };
}

export default function Inbox() {
  const { notifications, barrierDetails, commentDetails, questionDetails } = useLoaderData<typeof loader>();
  const t = useT();
  const date = useFormatDate();
  const describe = useDescribe(barrierDetails, commentDetails, questionDetails);
  const unread = notifications.some((n) => !n.readAt);
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">{t("inbox.title")}</h1>
        {unread ? (
          <Form method="post">
            <input type="hidden" name="intent" value="mark-all-read" />
            <button type="submit" className="rounded border border-slate-400 px-3 py-1 text-sm">{t("inbox.markAllRead")}</button>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <p>{t("inbox.empty")}</p>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="inbox">
          {notifications.map((n) => {
            const { text, href, body, replyTo } = describe(n);
            return (
              <li key={n.id} className={`flex flex-wrap items-start gap-3 rounded border p-3 ${n.readAt ? "border-slate-200 bg-white" : "border-brand-700 bg-brand-50"}`} data-kind={n.kind}>
                {!n.readAt ? <span className="rounded bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">{t("inbox.unread")}</span> : null}
                <div className="flex-1">
                  {href && !n.readAt ? (
                    // Unread: opening posts, so the line is answered (works without JavaScript too).
                    <Form method="post">
                      <input type="hidden" name="intent" value="open" />
                      <input type="hidden" name="id" value={n.id} />
                      <button type="submit" className="text-left font-medium text-brand-800 underline">{text}</button>
                    </Form>
                  ) : href ? (
                    <Link to={href} className="font-medium text-brand-800 underline">{text}</Link>
                  ) : (
                    <span className="font-medium">{text}</span>
                  )}
                  {body ? <blockquote className="mt-1 border-l-4 border-slate-300 pl-3 whitespace-pre-line break-words" data-testid="question-body">{body}</blockquote> : null}
                  {replyTo ? <p className="text-sm"><a className="text-brand-700 underline" href={`mailto:${replyTo}`}>{t("inbox.replyByMail", { email: replyTo })}</a></p> : null}
                  <p className="text-xs text-slate-700">{date(n.createdAt, true)}</p>
                </div>
                {!n.readAt ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="mark-read" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="rounded border border-slate-400 px-2 py-1 text-xs">{t("inbox.markRead")}</button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
