// An agenda item's own page: its execution (status history, milestones, progress per quarter) and the
// sections other parts of issue 15 add (measurements, savings, training and funding), each a component
// of its own file placed in the list below. Records in SQL, never co-edited text (decision 028).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { allowedOr403, notFound } from "~/utils/auth.server";
import { withLiveDoc } from "~/utils/live-change.server";
import { requestLocale } from "~/root";
import { can } from "~/domain/permissions";
import { periodOf, periodRange, shiftPeriod } from "~/domain/periods";
import { dutchCalendarDay } from "~/domain/dutch-time";
import { parseForm, type FieldErrors } from "~/forms/validation";
import { milestoneSchema, progressNoteSchema, statusChangeSchema } from "~/forms/execution";
import { changeItemStatus, getItemExecution, saveMilestone, saveProgressNote } from "~/models/execution.server";
import { MilestonesSection, ProgressSection, StatusSection, type ExecutionData } from "~/components/execution/sections";
import { trainingSection } from "~/models/training.server";
import { TRAINING_ANCHOR, TrainingSection } from "~/components/training/training-section";
import { measurementsSection } from "~/models/measurements.server";
import { MeasurementsSection } from "~/components/measurements/measurements-section";
import { itemRealisedSaving } from "~/models/savings.server";
import { RealisedSection } from "~/components/realised-savings";
import { RouteError } from "~/components/route-error";
import { askLead, provenElsewhere } from "~/models/learning.server";
import { askLeadSchema } from "~/forms/learning";
import { ELSEWHERE_ANCHOR, ProvenElsewhereSection } from "~/components/learning/proven-elsewhere";
import { useT } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data ? t("execution.pageTitle", { title: data.item.title || "—" }) : t("execution.title")]);

/** Quarters a note may be posted for: the running one and the three before (a late report is still a report). */
const NOTE_PERIODS_BACK = 3;

export async function loader(args: LoaderFunctionArgs) {
  const { agenda, user, scope } = requireAgendaPermission(args, "read:agenda");
  const execution = allowedOr403(() => getItemExecution({ db: args.context.db, actor: user.principal, agenda, itemId: args.params.itemId ?? "" }));
  if (!execution) notFound();
  const current = periodOf(Date.now());
  return {
    agenda: { id: agenda.id, title: agenda.title },
    ...execution,
    notePeriods: periodRange(shiftPeriod(current, -NOTE_PERIODS_BACK), current).reverse(),
    today: dutchCalendarDay(Date.now()),
    canRecord: can(user.principal, "record:execution", scope),
    training: trainingSection({ db: args.context.db, actor: user.principal, agenda: { ...agenda, partnersMayRead: scope.partnersMayRead }, itemId: execution.item.id }),
    measurements: measurementsSection({ db: args.context.db, actor: user.principal, agenda: { ...agenda, partnersMayRead: scope.partnersMayRead }, itemId: execution.item.id }),
    realised: itemRealisedSaving({ db: args.context.db, actor: user.principal, agenda: { ...agenda, partnersMayRead: scope.partnersMayRead }, itemId: execution.item.id }),
    elsewhere: provenElsewhere({ db: args.context.db, actor: user.principal, agenda: { ...agenda, partnersMayRead: scope.partnersMayRead }, itemId: execution.item.id }),
  } satisfies ExecutionData & Record<string, unknown>;
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  // A question to another region's lead is open to whoever reads this item; the records are not.
  const { agenda, user } = requireAgendaPermission(args, form.get("intent") === "ask" ? "read:agenda" : "record:execution");
  const itemId = args.params.itemId ?? "";
  const db = args.context.db;
  const actor = user.principal;
  const fail = (errors: FieldErrors, intent: string) => data({ errors, intent }, { status: 400 });
  const done = (saved: string) => redirect(`/agendas/${agenda.id}/punten/${encodeURIComponent(itemId)}?opgeslagen=${saved}#${saved}`);
  const intent = String(form.get("intent"));
  switch (intent) {
    case "status": {
      const parsed = parseForm(statusChangeSchema, form);
      if (!parsed.ok) return fail(parsed.errors, intent);
      const result = await allowedOr403(() => withLiveDoc(args.context, { agendaId: agenda.id, actor }, (doc) => changeItemStatus({ db, doc, actor, agenda, itemId, input: parsed.data })));
      return result.ok ? done("status") : fail(result.errors, intent);
    }
    case "milestone": {
      const parsed = parseForm(milestoneSchema, form);
      if (!parsed.ok) return fail(parsed.errors, intent);
      const result = allowedOr403(() => saveMilestone({ db, actor, agenda, itemId, input: parsed.data }));
      return result.ok ? done("milestone") : fail(result.errors, intent);
    }
    case "progress": {
      const parsed = parseForm(progressNoteSchema, form, requestLocale(args.request, user));
      if (!parsed.ok) return fail(parsed.errors, intent);
      const result = allowedOr403(() => saveProgressNote({ db, actor, agenda, itemId, input: parsed.data }));
      return result.ok ? done("progress") : fail(result.errors, intent);
    }
    case "ask": {
      const parsed = parseForm(askLeadSchema, form);
      const target = String(form.get("targetItemId") ?? "");
      if (!parsed.ok) return data({ errors: parsed.errors, intent, target }, { status: 400 });
      const result = allowedOr403(() => askLead({ db, actor, itemId: parsed.data.targetItemId, body: parsed.data.question }));
      return result.ok ? done(ELSEWHERE_ANCHOR) : data({ errors: { question: result.error }, intent, target }, { status: result.error === "learning.error.rateLimited" ? 429 : 400 });
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

export default function ItemPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const { agenda, item } = loaded;
  const errorsFor = (intent: string) => (answer && answer.intent === intent ? answer.errors : undefined);
  const saved = params.get("opgeslagen");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={`/agendas/${agenda.id}#item-${encodeURIComponent(item.id)}`} className="text-sm text-brand-700 underline">
          {t("execution.backToAgenda", { agenda: agenda.title })}
        </Link>
        <h1 className="text-2xl font-semibold break-words">{item.title || "—"}</h1>
        <p className="text-sm text-slate-700">
          {t("execution.lead")}: {item.leadOrganisation.trim() || t("execution.noLead")}
        </p>
        {!loaded.canRecord ? <p className="mt-2 text-sm text-slate-700">{t("execution.readOnly")}</p> : null}
      </div>
      {/* Sections in reading order; issue 15's other parts add theirs here. */}
      <StatusSection data={loaded} errors={errorsFor("status")} saved={saved === "status"} />
      <MilestonesSection data={loaded} errors={errorsFor("milestone")} saved={saved === "milestone"} />
      <ProgressSection data={loaded} errors={errorsFor("progress")} saved={saved === "progress"} />
      {loaded.measurements ? <MeasurementsSection data={loaded.measurements} saved={saved} /> : null}
      {loaded.training ? <TrainingSection data={loaded.training} saved={saved === TRAINING_ANCHOR} /> : null}
      {loaded.realised ? <RealisedSection data={loaded.realised} /> : null}
      <ProvenElsewhereSection
        data={loaded.elsewhere}
        sent={saved === ELSEWHERE_ANCHOR}
        answer={answer && answer.intent === "ask" && "target" in answer ? { target: answer.target, error: Object.values(answer.errors)[0] ?? null } : null}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
