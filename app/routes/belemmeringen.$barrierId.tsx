import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { barrierStatuses } from "~/domain/vocabulary";
import { readBarrierAction } from "~/domain/permissions";
import { requireBarrierPermission } from "~/utils/barrier-guard.server";
import { allowedOr403 } from "~/utils/auth.server";
import { withLiveDoc } from "~/utils/live-change.server";
import {
  addReply,
  changeStatus,
  listComments,
  barrierThreadPeople,
  statusChangeRefusal,
} from "~/models/barriers.server";
import { replySchema, statusSchema } from "~/forms/barriers";
import { parseForm, useFormValidation, type FieldErrors } from "~/forms/validation";
import { FormError } from "~/components/field";
import { MentionTextarea } from "~/components/mention-textarea";
import { RouteError } from "~/components/route-error";
import { useLocale, useT } from "~/i18n";
import { formatDutchDate } from "~/domain/dutch-time";
import { localName } from "~/i18n/names";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("title.barrier")]);

// Readable by those who may take part in the thread; 404 for anyone without a role in the region.
const requireBarrier = (args: LoaderFunctionArgs | ActionFunctionArgs) => requireBarrierPermission(args, readBarrierAction);

export async function loader(args: LoaderFunctionArgs) {
  const { barrier, user, role } = requireBarrier(args);
  const db = args.context.db;
  const { anchorStart: _s, anchorEnd: _e, ...rest } = barrier;
  return {
    barrier: rest,
    comments: listComments({ db, barrierId: barrier.id }),
    people: barrierThreadPeople({ db, regionId: barrier.regionId }).filter((p) => p.id !== user.id).map((p) => p.name),
    // Offer only the moves this role may make; the action checks again.
    statuses: barrierStatuses.filter((s) => !statusChangeRefusal(role, barrier.status, s)),
  };
}

type Result = { intent: string; ok: boolean; errors?: FieldErrors };

export async function action(args: ActionFunctionArgs) {
  const { barrier, user, role } = requireBarrier(args);
  const db = args.context.db;
  const form = await args.request.formData();
  const intent = String(form.get("intent"));
  const fail = (errors: FieldErrors) => data<Result>({ intent, ok: false, errors }, { status: 400 });
  switch (intent) {
    case "reply": {
      const parsed = parseForm(replySchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      allowedOr403(() => addReply({ db, barrier, actor: user.principal, body: parsed.data.body }));
      return data<Result>({ intent, ok: true });
    }
    case "status": {
      const parsed = parseForm(statusSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      const refusal = statusChangeRefusal(role, barrier.status, parsed.data.status);
      if (refusal) return fail({ status: refusal });
      // Through the live document, so every open editor drops or keeps the highlight at once.
      const outcome = await withLiveDoc(args.context, { agendaId: barrier.agendaId, actor: user.principal }, (doc) =>
        changeStatus({ db, doc, barrierId: barrier.id, actor: user.principal, to: parsed.data.status, reason: parsed.data.reason }),
      );
      if (!outcome.ok) return fail(outcome.errors);
      return data<Result>({ intent, ok: true });
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

export default function BarrierPage() {
  const { barrier, comments, people, statuses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const format = (at: Date | string | number) => formatDutchDate(at, locale, { dateStyle: "medium", timeStyle: "short" });
  const reply = useFormValidation(replySchema, actionData?.intent === "reply" ? actionData.errors : undefined);
  const status = useFormValidation(statusSchema, actionData?.intent === "status" ? actionData.errors : undefined);
  const busy = navigation.state !== "idle";
  // Clear the forms after a successful post: a new key remounts them.
  const formKey = `${comments.length}-${barrier.status}`;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div>
        <Link to={`/agendas/${barrier.agendaId}`} className="text-sm text-brand-700 underline">
          {t("barriers.backToAgenda")}: {barrier.agendaTitle}
        </Link>
        <h1 className="text-2xl font-semibold">
          {localName({ nameNl: barrier.typeNameNl, nameEn: barrier.typeNameEn }, locale)}
        </h1>
        <p className="text-sm text-slate-700">
          {barrier.regionName} · {t(`barriers.severity.${barrier.severity}`)} · {t(`barriers.level.${barrier.level}`)} ·{" "}
          <span data-testid="barrier-status">{t(`barriers.status.${barrier.status}`)}</span>
        </p>
      </div>
      <section className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-4">
        <p className="italic">
          <span className="not-italic font-medium">{t("barriers.quote")}:</span> “{barrier.quote}”
        </p>
        <p className="whitespace-pre-line" data-testid="barrier-description">{barrier.description}</p>
        <p className="text-sm text-slate-700">{t("barriers.createdBy", { name: barrier.createdByName, date: format(barrier.createdAt) })}</p>
        {barrier.assigneeName ? <p className="text-sm text-slate-700">{t("barriers.assignedTo", { name: barrier.assigneeName })}</p> : null}
      </section>
      <section aria-labelledby="thread" className="flex flex-col gap-3">
        <h2 id="thread" className="text-lg font-semibold">{t("barriers.thread")}</h2>
        <ol className="flex flex-col gap-2" data-testid="barrier-thread">
          {comments.map((c) => (
            <li key={c.id} id={`reactie-${c.id}`} className="rounded border border-slate-200 bg-white px-3 py-2" data-testid="barrier-comment">
              <p className="text-sm text-slate-700">
                <span className="font-medium text-slate-900">{c.authorName}</span> · {format(c.createdAt)}
              </p>
              {c.statusFrom && c.statusTo ? (
                <p className="text-sm font-medium">{t("barriers.statusChanged", { from: t(`barriers.status.${c.statusFrom}`), to: t(`barriers.status.${c.statusTo}`) })}</p>
              ) : null}
              <p className="whitespace-pre-line">{c.body}</p>
            </li>
          ))}
        </ol>
        <Form method="post" key={`reply-${formKey}`} onSubmit={reply.onSubmit} className="flex flex-col gap-2">
          <input type="hidden" name="intent" value="reply" />
          <MentionTextarea name="body" label={t("barriers.replyBody")} people={people} className="rounded border border-slate-400 px-3 py-2" invalid={!!reply.errors.body} />
          {reply.errors.body ? <span className="text-sm font-medium text-red-700">{t(reply.errors.body)}</span> : null}
          <button type="submit" disabled={busy} className="self-start rounded bg-brand-700 px-4 py-2 font-medium text-white">
            {t("barriers.replySubmit")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="status" className="flex flex-col gap-2">
        <h2 id="status" className="text-lg font-semibold">{t("barriers.changeStatus")}</h2>
        <Form method="post" key={`status-${formKey}`} onSubmit={status.onSubmit} className="flex flex-col gap-2">
          <input type="hidden" name="intent" value="status" />
          <FormError message={status.errors.form ? t(status.errors.form) : null} />
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("barriers.newStatus")}
            <select name="status" className="rounded border border-slate-400 bg-white px-2 py-1" defaultValue={statuses[0] ?? ""}>
              {statuses.map((s) => <option key={s} value={s}>{t(`barriers.status.${s}`)}</option>)}
            </select>
            {status.errors.status ? <span className="text-red-700">{t(status.errors.status)}</span> : null}
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("barriers.reason")}
            <span id="status-reason-hint" className="font-normal text-slate-700">{t("barriers.reasonHint")}</span>
            <textarea name="reason" rows={2} className="rounded border border-slate-400 px-3 py-2" aria-describedby="status-reason-hint" aria-invalid={status.errors.reason ? true : undefined} />
            {status.errors.reason ? <span className="text-red-700">{t(status.errors.reason)}</span> : null}
          </label>
          <button type="submit" disabled={busy} className="self-start rounded bg-brand-700 px-4 py-2 font-medium text-white">
            {t("barriers.statusSubmit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
