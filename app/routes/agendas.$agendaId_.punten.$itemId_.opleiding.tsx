// An item's training and funding (issue 15, decision 030): the action behind the training section of
// the item page, and the section on a page of its own (where a refused form shows its errors).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ItemSubpageHeading } from "~/components/execution/fields";
import { titleMeta } from "~/i18n/meta";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { allowedOr403, notFound } from "~/utils/auth.server";
import { requestLocale } from "~/root";
import { itemExecutionHref } from "~/domain/flags/links";
import { parseForm, type FieldErrors } from "~/forms/validation";
import { fundingSchema, removeLineSchema, trainingSchema } from "~/forms/training";
import { removeTrainingOrFunding, saveFunding, saveTrainingNeed, trainingSection } from "~/models/training.server";
import { TRAINING_ANCHOR, TrainingSection } from "~/components/training/training-section";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [t("training.section"), data?.item.title || "—"]);

export async function loader(args: LoaderFunctionArgs) {
  const { agenda, user, scope } = requireAgendaPermission(args, "read:agenda");
  const section = allowedOr403(() =>
    trainingSection({ db: args.context.db, actor: user.principal, agenda: { ...agenda, partnersMayRead: scope.partnersMayRead }, itemId: args.params.itemId ?? "" }),
  );
  if (!section) notFound();
  return section;
}

export async function action(args: ActionFunctionArgs) {
  const { agenda, user } = requireAgendaPermission(args, "record:execution");
  const itemId = args.params.itemId ?? "";
  const form = await args.request.formData();
  const db = args.context.db;
  const actor = user.principal;
  const intent = String(form.get("intent"));
  // An edit form's errors belong to its line: the page has one form per line.
  const answerIntent = intent.startsWith("edit-") ? `${intent}-${String(form.get("lineId"))}` : intent;
  const fail = (errors: FieldErrors) => data({ errors, intent: answerIntent }, { status: 400 });
  const done = () => redirect(`${itemExecutionHref(agenda.id, itemId)}?opgeslagen=${TRAINING_ANCHOR}#${TRAINING_ANCHOR}`);
  const failure = { item: "training.error.item", line: "training.error.line" } as const;
  switch (intent) {
    case "add-training":
    case "edit-training": {
      const parsed = parseForm(trainingSchema, form, requestLocale(args.request, user));
      if (!parsed.ok) return fail(parsed.errors);
      const result = allowedOr403(() => saveTrainingNeed({ db, actor, agenda, itemId, input: parsed.data }));
      return result.ok ? done() : fail({ form: failure[result.error] });
    }
    case "add-funding":
    case "edit-funding": {
      const parsed = parseForm(fundingSchema, form, requestLocale(args.request, user));
      if (!parsed.ok) return fail(parsed.errors);
      const result = allowedOr403(() => saveFunding({ db, actor, agenda, itemId, input: parsed.data }));
      return result.ok ? done() : fail({ form: failure[result.error] });
    }
    case "remove-training":
    case "remove-funding": {
      const parsed = parseForm(removeLineSchema, form);
      if (!parsed.ok) return fail({ form: "training.error.line" });
      const removed = allowedOr403(() => removeTrainingOrFunding({ db, actor, agenda, itemId, intent: parsed.data.intent, lineId: parsed.data.lineId }));
      return removed ? done() : fail({ form: "training.error.line" });
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

export default function TrainingPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="flex flex-col gap-6">
      <ItemSubpageHeading agendaId={loaded.agendaId} item={loaded.item} title={t("training.section")} />
      {answer?.errors.form ? <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{t(answer.errors.form)}</p> : null}
      <TrainingSection data={loaded} errors={answer?.errors} intent={answer?.intent} saved={false} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
