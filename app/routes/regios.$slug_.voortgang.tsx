// A region's progress per quarter: the coordinator asks the leads for their notes and sees who has
// not reported; the regioadviseur writes an advice on the quarter (one record, which the progress
// report carries; decision 028).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { requireRegion } from "~/utils/region-guard.server";
import { allowedOr403 } from "~/utils/auth.server";
import { can } from "~/domain/permissions";
import { dutchCalendarDayAfter, formatDutchDate } from "~/domain/dutch-time";
import { isPeriod, periodLabel, periodOf, periodRange, shiftPeriod } from "~/domain/periods";
import { parseForm, type FieldErrors } from "~/forms/validation";
import { adviceSchema, progressRequestSchema } from "~/forms/execution";
import { getRegionPeriod, requestProgress, saveAdvice } from "~/models/execution.server";
import { Field, FormError } from "~/components/field";
import { Saved, Section, SelectField, TextAreaField } from "~/components/execution/fields";
import { itemExecutionHref } from "~/domain/flags/links";
import { RouteError } from "~/components/route-error";
import { progressReportHref } from "~/progress-report/links";
import { useLocale, useT } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data?.region.name ?? t("title.region"), t("execution.region.link")]);

/** Quarters to choose from: two years back and the next one (a request can go out before the quarter ends). */
const PERIODS_BACK = 8;
/** A request's default due date: three weeks, one workgroup meeting and some slack. */
const DEFAULT_DUE_DAYS = 21;

export async function loader(args: LoaderFunctionArgs) {
  const { region, user, scope } = requireRegion(args, "read:agenda");
  const current = periodOf(Date.now());
  const asked = new URL(args.request.url).searchParams.get("periode");
  const period = isPeriod(asked) ? asked : current;
  const view = allowedOr403(() => getRegionPeriod({ db: args.context.db, actor: user.principal, region, period }));
  return {
    region: { id: region.id, slug: region.slug, name: region.name },
    period,
    periods: periodRange(shiftPeriod(current, -PERIODS_BACK), shiftPeriod(current, 1)).reverse(),
    defaultDue: dutchCalendarDayAfter(Date.now(), DEFAULT_DUE_DAYS),
    ...view,
    canRequest: can(user.principal, "request:progress", scope),
    canAdvise: can(user.principal, "advise:region", scope),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { region, user } = requireRegion(args, "read:agenda");
  const form = await args.request.formData();
  const intent = String(form.get("intent"));
  const schema = intent === "request" ? progressRequestSchema : intent === "advice" ? adviceSchema : null;
  if (!schema) throw new Response("Onbekende actie", { status: 400 });
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return data({ errors: parsed.errors as FieldErrors, intent }, { status: 400 });
  const args2 = { db: args.context.db, actor: user.principal, region };
  allowedOr403(() => (parsed.data.intent === "request" ? requestProgress({ ...args2, input: parsed.data }) : saveAdvice({ ...args2, input: parsed.data })));
  return redirect(`/regios/${region.slug}/voortgang?periode=${parsed.data.period}&opgeslagen=${intent}#${intent}`);
}

const button = "self-start rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2";

export default function RegionProgress() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const date = (v: string | number | Date) => formatDutchDate(v, locale);
  const errors = (intent: string) => (answer?.intent === intent ? answer.errors : undefined);
  const saved = params.get("opgeslagen");
  const label = periodLabel(d.period, locale);
  const who = (i: { leadOrganisation: string; contact: string }) => [i.leadOrganisation.trim(), i.contact.trim()].filter(Boolean).join(" · ") || t("execution.noLead");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={`/regios/${d.region.slug}`} className="text-sm text-brand-700 underline">{d.region.name}</Link>
        <h1 className="text-2xl font-semibold">{t("execution.region.title", { period: label })}</h1>
        <p className="text-sm text-slate-700">{t("execution.region.intro")}</p>
        <Form method="get" className="mt-3 flex flex-wrap items-end gap-2">
          <SelectField label={t("execution.region.choosePeriod")} name="periode" defaultValue={d.period} options={d.periods.map((p) => [p, periodLabel(p, locale)] as const)} />
          <button type="submit" className={button}>{t("execution.region.show")}</button>
        </Form>
        <p className="mt-2 text-sm"><Link to={progressReportHref(d.region.slug, d.period)} className="text-brand-700 underline">{t("report.link")}</Link></p>
      </div>

      <Section id="request" title={t("execution.region.request")}>
        <Saved show={saved === "request"}>{t("execution.saved.request")}</Saved>
        {d.record?.requestedAt ? (
          <div data-testid="progress-request">
            <p>{t("execution.region.requested", { name: d.record.requestedBy ?? "—", date: date(d.record.requestedAt), due: d.record.requestDueDate ? date(d.record.requestDueDate) : "—" })}</p>
            {d.record.requestMessage ? <p className="break-words">{d.record.requestMessage}</p> : null}
          </div>
        ) : (
          <p className="text-sm text-slate-700">{t("execution.region.notRequested")}</p>
        )}
        {d.canRequest ? (
          <Form method="post" className="flex flex-col gap-3" aria-label={t("execution.region.requestSubmit")}>
            <input type="hidden" name="intent" value="request" />
            <input type="hidden" name="period" value={d.period} />
            <FormError message={errors("request")?.period ? t(errors("request")!.period!) : null} />
            <TextAreaField label={t("execution.region.message")} name="message" defaultValue={d.record?.requestMessage ?? ""} error={errors("request")?.message} maxLength={2000} />
            <Field label={t("execution.region.due")} name="dueDate" type="date" defaultValue={d.record?.requestDueDate ?? d.defaultDue} error={errors("request")?.dueDate} required />
            <button type="submit" className={button}>{t("execution.region.requestSubmit")}</button>
          </Form>
        ) : null}
        <h3 className="font-medium">{t("execution.region.notReported", { count: d.notReported.length })}</h3>
        {d.notReported.length === 0 ? (
          <p className="text-sm">{d.reported.length === 0 ? t("execution.region.nothingToReport") : t("execution.region.allReported")}</p>
        ) : (
          <ItemList testId="not-reported" border="border-amber-400" items={d.notReported} line={(i) => `${t(`status.${i.status}`)} · ${t("execution.lead")}: ${who(i)}`} />
        )}
        <h3 className="font-medium">{t("execution.region.reported", { count: d.reported.length })}</h3>
        {d.reported.length === 0 ? (
          <p className="text-sm">{t("execution.region.noneReported")}</p>
        ) : (
          <ItemList
            testId="reported"
            border="border-green-600"
            items={d.reported}
            line={(i) => `${t("execution.progress.pctValue", { pct: i.note!.progressPct })} · ${t("execution.progress.riskValue", { risk: t(`risk.${i.note!.risk}`) })} · ${who(i)}`}
          />
        )}
      </Section>

      <Section id="advice" title={t("execution.region.advice")}>
        <Saved show={saved === "advice"}>{t("execution.saved.advice")}</Saved>
        {d.record?.advice ? (
          <div data-testid="region-advice">
            <p className="whitespace-pre-line break-words">{d.record.advice}</p>
            <p className="text-sm text-slate-700">{t("execution.region.adviceBy", { name: d.record.adviceBy ?? "—", date: d.record.adviceAt ? date(d.record.adviceAt) : "—" })}</p>
          </div>
        ) : (
          <p className="text-sm text-slate-700">{t("execution.region.noAdvice")}</p>
        )}
        {d.canAdvise ? (
          <Form method="post" className="flex flex-col gap-3" aria-label={t("execution.region.adviceSubmit")}>
            <input type="hidden" name="intent" value="advice" />
            <input type="hidden" name="period" value={d.period} />
            <TextAreaField label={t("execution.region.adviceField")} name="advice" rows={5} defaultValue={d.record?.advice ?? ""} error={errors("advice")?.advice} maxLength={5000} required />
            <button type="submit" className={button}>{t("execution.region.adviceSubmit")}</button>
          </Form>
        ) : null}
      </Section>
    </div>
  );
}

type ReportingItem = ReturnType<typeof useLoaderData<typeof loader>>["reported"][number];

/** Items of the quarter, each linked to its page, with one line of what matters for the list. */
function ItemList({ testId, border, items, line }: { testId: string; border: string; items: ReportingItem[]; line: (item: ReportingItem) => string }) {
  return (
    <ul className="flex flex-col gap-2" data-testid={testId}>
      {items.map((i) => (
        <li key={i.id} className={`border-l-4 ${border} pl-3`}>
          <Link to={itemExecutionHref(i.agendaId, i.id)} className="font-medium text-brand-700 underline break-words">{i.title || "—"}</Link>
          <p className="text-sm text-slate-700">{line(i)}</p>
        </li>
      ))}
    </ul>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
