// One proposal to the board: the frozen agenda, the ranked priorities, the rule, the votes and,
// for the region's board members, the vote form. Also the board pack.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { forbidden } from "../utils/auth.server";
import { requireProposal } from "../utils/proposal-guard.server";
import { can } from "../domain/permissions";
import { castVote } from "../models/approvals.server";
import { priorityContext } from "../models/proposal-context.server";
import { PriorityContext } from "../components/approvals/priority-context";
import { voteSchema } from "../forms/approvals";
import { parseForm, useFormValidation, type FieldErrors } from "../forms/validation";
import { FormError } from "../components/field";
import { FrozenItem } from "../components/approvals/frozen-item";
import { BoardPackButtons } from "../components/approvals/board-pack-buttons";
import { OutcomeText, RuleText, VoteList } from "../components/approvals/votes";
import { useFormatDate } from "../components/approvals/format";
import { translate, useT } from "../i18n";
import type { MessageKey } from "../i18n/messages";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data?.proposal.agendaTitle ?? t("title.proposal")]);

export async function loader(args: LoaderFunctionArgs) {
  const { proposal, user, scope, isVoter } = requireProposal(args);
  return {
    proposal,
    myVote: proposal.votes.find((v) => v.userId === user.id) ?? null,
    canVote: isVoter,
    canPropose: can(user.principal, "propose:priority", scope),
    // Today's savings and barriers of the priorities, beside those frozen with the proposal.
    today: priorityContext({ db: args.context.db, agendaId: proposal.agendaId, itemIds: proposal.rankedItems.map((r) => r.itemId) }).items,
  };
}

type ActionResult = { errors: FieldErrors; message?: MessageKey };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { proposal, user, isVoter } = requireProposal({ request, context, params });
  // castVote checks again inside the write's transaction; this answers early, before the body is read.
  if (!isVoter && proposal.status === "open") forbidden(translate("nl", "approvals.error.notVoter"));
  const form = await request.formData();
  if (form.get("intent") !== "vote") throw new Response("Onbekende actie", { status: 400 });
  const parsed = parseForm(voteSchema, form);
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors }, { status: 400 });
  const result = castVote({ db: context.db, proposalId: proposal.id, actor: user.principal, ...parsed.data });
  if (!result.ok) {
    const status = result.error === "approvals.error.closed" ? 409 : result.error === "approvals.error.notVoter" ? 403 : 400;
    return data<ActionResult>({ errors: { form: result.error } }, { status });
  }
  return data<ActionResult>({ errors: {}, message: !result.changed ? "approvals.voteUnchanged" : result.first ? "approvals.voteSaved" : "approvals.voteChanged" });
}

const statusClass: Record<string, string> = {
  open: "bg-sky-100 text-sky-900",
  adopted: "bg-green-100 text-green-900",
  returned: "bg-amber-100 text-amber-900",
  expired: "bg-slate-200 text-slate-900",
};

export default function ProposalPage() {
  const { proposal, myVote, canVote, canPropose, today } = useLoaderData<typeof loader>();
  const t = useT();
  const date = useFormatDate();
  const objections = proposal.votes.filter((v) => v.value === "bezwaar");
  const ranked = new Map(proposal.rankedItems.map((r) => [r.itemId, r.rank]));
  const frozenById = new Map(proposal.frozenItems.map((i) => [i.id, i]));
  const others = proposal.frozenItems.filter((i) => !ranked.has(i.id));
  return (
    <div className="flex flex-col gap-6">
      <div>
        <p className="text-sm">
          <Link to={`/regios/${proposal.regionSlug}`} className="text-brand-700 underline">{proposal.regionName}</Link>
          {" · "}
          <Link to={`/regios/${proposal.regionSlug}/besluiten`} className="text-brand-700 underline">{t("approvals.decisions")}</Link>
          {" · "}
          <Link to={`/agendas/${proposal.agendaId}`} className="text-brand-700 underline">{t("approvals.toAgenda")}</Link>
        </p>
        <h1 className="text-2xl font-semibold">{t("approvals.proposalTitle", { agenda: proposal.agendaTitle })}</h1>
        <p className="text-sm text-slate-700">
          {t("approvals.proposedBy", { name: proposal.proposerName, date: date(proposal.createdAt) })} · {t("approvals.deadlineOn", { date: date(proposal.deadline) })}
        </p>
      </div>

      <section aria-labelledby="status" className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-4">
        <h2 id="status" className="text-lg font-semibold">{t("approvals.status")}</h2>
        <p>
          <span className={`rounded px-2 py-1 font-medium ${statusClass[proposal.status]}`} data-testid="proposal-status">
            {t(`approvals.status.${proposal.status}`)}
          </span>
          {proposal.decidedAt ? <span className="ml-2 text-sm">{t("approvals.decidedOn", { date: date(proposal.decidedAt, true) })}</span> : null}
        </p>
        <OutcomeText proposal={proposal} />
        {proposal.status === "returned" && objections.length ? (
          <div className="rounded border border-amber-300 bg-amber-50 p-3">
            <h3 className="font-semibold">{t("approvals.returnedReasons")}</h3>
            <ul className="list-disc pl-5" data-testid="objection-reasons">
              {objections.map((v) => (
                <li key={v.userId}><span className="font-medium">{v.name}:</span> {v.reason}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {proposal.status === "adopted" ? (
          <p><Link to={`/agendas/${proposal.agendaId}/vastgesteld`} className="text-brand-700 underline">{t("approvals.viewAdopted")}</Link></p>
        ) : null}
        {canPropose && proposal.status !== "open" ? (
          <p><Link to={`/agendas/${proposal.agendaId}/voorleggen`} className="text-brand-700 underline">{t("approvals.newProposal")}</Link></p>
        ) : null}
        <h3 className="mt-2 font-semibold">{t("approvals.rule")}</h3>
        <RuleText rule={proposal.rule} boardSize={proposal.boardSize} deadline={proposal.deadline} />
      </section>

      {canVote ? <VoteForm myVote={myVote} /> : null}

      <section aria-labelledby="votes" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="votes" className="mb-2 text-lg font-semibold">{t("approvals.votes")}</h2>
        <p className="mb-2 text-sm">{t("approvals.votedCount", { voted: proposal.votes.length, size: proposal.boardSize })}</p>
        <p className="mb-2 text-sm" data-testid="proposal-voters">{t("approvals.voters", { names: proposal.voters.map((v) => v.name).join(", ") || "–" })}</p>
        <VoteList votes={proposal.votes} />
      </section>

      <section aria-labelledby="priorities">
        <h2 id="priorities" className="mb-1 text-lg font-semibold">{t("approvals.priorities")}</h2>
        <p className="mb-3 text-sm text-slate-700">{t("approvals.frozenNote")}</p>
        <ol className="flex flex-col gap-3">
          {proposal.rankedItems.map((r) => {
            const item = frozenById.get(r.itemId);
            const context = (
              <PriorityContext itemId={r.itemId} frozen={proposal.context?.items[r.itemId] ?? null} today={today[r.itemId]} />
            );
            return (
              <li key={r.itemId}>
                {item ? <FrozenItem item={item} rank={r.rank}>{context}</FrozenItem> : <>{r.title}{context}</>}
              </li>
            );
          })}
        </ol>
      </section>

      {others.length ? (
        <section aria-labelledby="others">
          <h2 id="others" className="mb-3 text-lg font-semibold">{t("approvals.frozenVersion")}</h2>
          <ul className="flex flex-col gap-3">
            {others.map((i) => <li key={i.id}><FrozenItem item={i} /></li>)}
          </ul>
        </section>
      ) : null}

      <BoardPackButtons proposalId={proposal.id} />
    </div>
  );
}

function VoteForm({ myVote }: { myVote: { value: "akkoord" | "bezwaar" | "onthouding"; reason: string | null; comment: string | null } | null }) {
  const t = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit, serverCurrent } = useFormValidation(voteSchema, result?.errors);
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`} className="rounded border-2 border-brand-700 bg-white p-4">
      <h2 id={`${id}-h`} className="mb-2 text-lg font-semibold">{t("approvals.yourVote")}</h2>
      {myVote ? <p className="mb-2 text-sm" data-testid="my-vote">{t("approvals.currentVote", { value: t(`approvals.vote.${myVote.value}`) })}</p> : null}
      {/* Keyed on the stored vote so the fields show it again after saving. */}
      <Form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-3" key={myVote ? `${myVote.value}-${myVote.reason}-${myVote.comment}` : "new"}>
        <input type="hidden" name="intent" value="vote" />
        <fieldset aria-describedby={errors.value ? `${id}-value-error` : undefined}>
          <legend className="text-sm font-medium">{t("approvals.yourVote")}</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {(["akkoord", "bezwaar", "onthouding"] as const).map((v) => (
              <label key={v} className="flex items-center gap-2">
                <input type="radio" name="value" value={v} defaultChecked={myVote?.value === v} aria-invalid={errors.value ? true : undefined} />
                {t(`approvals.vote.${v}`)}
              </label>
            ))}
          </div>
          {errors.value ? <p id={`${id}-value-error`} className="text-sm text-red-700">{t(errors.value)}</p> : null}
        </fieldset>
        <label className="flex flex-col gap-1 text-sm font-medium" htmlFor={`${id}-reason`}>
          {t("approvals.reason")}
        </label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          rows={3}
          maxLength={2000}
          defaultValue={myVote?.reason ?? ""}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
          className="rounded border border-slate-400 px-3 py-2"
        />
        {errors.reason ? <p id={`${id}-reason-error`} className="text-sm text-red-700">{t(errors.reason)}</p> : null}
        <label className="flex flex-col gap-1 text-sm font-medium" htmlFor={`${id}-comment`}>
          {t("approvals.comment")}
        </label>
        <textarea id={`${id}-comment`} name="comment" rows={2} maxLength={2000} defaultValue={myVote?.comment ?? ""} className="rounded border border-slate-400 px-3 py-2" />
        <FormError message={errors.form ? t(errors.form) : null} />
        {serverCurrent && result?.message ? <p role="status" className="text-sm text-green-800">{t(result.message)}</p> : null}
        <button type="submit" disabled={navigation.state === "submitting"} className="self-start rounded bg-brand-700 px-4 py-2 font-medium text-white">
          {myVote ? t("approvals.changeVote") : t("approvals.castVote")}
        </button>
      </Form>
    </section>
  );
}
