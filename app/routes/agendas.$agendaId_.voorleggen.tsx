// The coordinator ranks items and puts them to the board.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { allowedOr403 } from "../utils/auth.server";
import { requireAgendaPermission } from "../utils/agenda-guard.server";
import { createProposal, getProposalForm } from "../models/approvals.server";
import { proposeSchema, rankField } from "../forms/approvals";
import { dutchCalendarDayAfter, endOfDutchDay } from "../domain/dutch-time";
import { parseForm, useFormValidation, type FieldErrors } from "../forms/validation";
import { Field, FormError } from "../components/field";
import { RuleText } from "../components/approvals/votes";
import { useT } from "../i18n";
import type { MessageKey } from "../i18n/messages";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data?.agenda.title ?? t("title.agenda"), t("approvals.propose")]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { agenda } = requireAgendaPermission({ request, context, params }, "propose:priority");
  const now = new Date();
  return {
    agenda,
    ...getProposalForm({ db: context.db, agendaId: agenda.id, regionId: agenda.regionId, now }),
    defaultDeadline: dutchCalendarDayAfter(now, 14),
    minDeadline: dutchCalendarDayAfter(now, 1),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { agenda, user } = requireAgendaPermission({ request, context, params }, "propose:priority");
  const form = await request.formData();
  if (form.get("intent") !== "propose") throw new Response("Onbekende actie", { status: 400 });
  const parsed = parseForm(proposeSchema, form);
  if (!parsed.ok) return data<{ errors: FieldErrors }>({ errors: parsed.errors }, { status: 400 });
  const result = await allowedOr403(() =>
    createProposal({
      db: context.db,
      createVersion: (args) => context.collab.createVersion(args),
      agendaId: agenda.id,
      actor: user.principal,
      rankedItemIds: parsed.data.rankedItemIds,
      deadline: endOfDutchDay(parsed.data.deadline),
    }),
  );
  if (!result.ok) {
    const field = result.error.startsWith("approvals.error.deadline") ? "deadline" : "items";
    return data<{ errors: FieldErrors }>({ errors: { [field]: result.error } }, { status: result.error === "approvals.error.alreadyOpen" ? 409 : 400 });
  }
  return redirect(`/voorstellen/${result.proposalId}`);
}

export default function ProposePage() {
  const { agenda, items, board, rule, openProposal, defaultDeadline, minDeadline } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const { errors, onSubmit } = useFormValidation(proposeSchema, result?.errors);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={`/agendas/${agenda.id}`} className="text-sm text-brand-700 underline">{agenda.title}</Link>
        <h1 className="text-2xl font-semibold">{t("approvals.proposeTitle")}</h1>
      </div>
      {openProposal ? (
        <p role="status" className="rounded border border-sky-300 bg-sky-50 p-3">
          {t("approvals.openExists")}{" "}
          <Link to={`/voorstellen/${openProposal.id}`} className="font-medium text-brand-700 underline">{t("approvals.viewProposal")}</Link>
        </p>
      ) : items.length === 0 ? (
        <p>{t("approvals.noItemsInAgenda")}</p>
      ) : (
        <Form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="propose" />
          <p className="max-w-3xl text-sm">{t("approvals.proposeIntro")}</p>
          <fieldset aria-describedby={errors.items ? "items-error" : undefined}>
            <legend className="mb-2 font-semibold">{t("approvals.priorities")}</legend>
            <table className="w-full max-w-3xl border-collapse bg-white text-sm">
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="w-24 p-2">{t("approvals.rank")}</th>
                  <th scope="col" className="p-2">{t("approvals.item")}</th>
                  <th scope="col" className="p-2">{t("field.status")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} className="border-b">
                    <td className="p-2">
                      <input
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={999}
                        step={1}
                        name={rankField(item.id)}
                        aria-label={t("approvals.rankFor", { title: item.title || t("agenda.untitled") })}
                        aria-invalid={errors.items ? true : undefined}
                        className="w-20 rounded border border-slate-400 px-2 py-1"
                      />
                    </td>
                    <td className="p-2">{item.title || t("agenda.untitled")}</td>
                    <td className="p-2">{t(`status.${item.status}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {errors.items ? <p id="items-error" role="alert" className="mt-2 text-sm text-red-700">{t(errors.items)}</p> : null}
          </fieldset>
          <div className="max-w-xs">
            <Field label={t("approvals.deadline")} name="deadline" type="date" min={minDeadline} defaultValue={defaultDeadline} error={errors.deadline} required />
          </div>
          <div className="max-w-3xl rounded border border-slate-200 bg-white p-3">
            <h2 className="font-semibold">{t("approvals.rule")}</h2>
            <RuleText rule={rule} boardSize={board.length} />
            <p className="mt-1 text-sm">{t("approvals.boardMembers", { count: board.length, names: board.map((b) => b.name).join(", ") || "–" })}</p>
          </div>
          <FormError message={errors.form ? t(errors.form) : null} />
          <button type="submit" disabled={navigation.state === "submitting"} className="self-start rounded bg-brand-700 px-4 py-2 font-medium text-white">
            {t("approvals.submitProposal")}
          </button>
        </Form>
      )}
    </div>
  );
}
