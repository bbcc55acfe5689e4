// A region's progress report per quarter (voortgangsrapportage, decision 032): the draft drawn from
// the records as a preview, the coordinator's foreword, the PDF and Word file (made in the document
// queue), and sending it to the stuurgroep, after which it shows the content as sent.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { requireRegion } from "~/utils/region-guard.server";
import { allowedOr403 } from "~/utils/auth.server";
import { requestLocale } from "~/root";
import { formatDutchDate } from "~/domain/dutch-time";
import { isPeriod, periodLabel, periodOf, periodRange, shiftPeriod } from "~/domain/periods";
import { parseForm, type FieldErrors } from "~/forms/validation";
import { FOREWORD_MAX_CHARS, forewordSchema, sendReportSchema } from "~/forms/report";
import { getProgressReport, listProgressReports, saveForeword, sendReport } from "~/models/progress-report.server";
import { progressReportDocument } from "~/progress-report/document";
import { progressReportHref } from "~/progress-report/links";
import { FormError } from "~/components/field";
import { Saved, Section, SelectField, TextAreaField } from "~/components/execution/fields";
import { DocumentPreview } from "~/components/documents/document-preview";
import { DocumentJobButtons } from "~/components/approvals/board-pack-buttons";
import { RouteError } from "~/components/route-error";
import { useLocale, useT } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data?.region.name ?? t("title.region"), t("report.pageTitle")]);

/** Quarters to choose from: two years back and the current one (a report is of a quarter that has begun). */
const PERIODS_BACK = 8;

export async function loader(args: LoaderFunctionArgs) {
  const { region, user } = requireRegion(args, "read:agenda");
  const current = periodOf(Date.now());
  const asked = new URL(args.request.url).searchParams.get("periode");
  // Default: the quarter just ended, the one a report is usually about.
  const period = isPeriod(asked) ? asked : shiftPeriod(current, -1);
  const db = args.context.db;
  const view = allowedOr403(() => getProgressReport({ db, actor: user.principal, region, period }));
  const sentReports = listProgressReports({ db, actor: user.principal, region }).filter((r) => r.sentAt);
  const document = progressReportDocument({ content: view.content, sent: view.sent, locale: requestLocale(args.request, user) });
  return {
    region: { slug: region.slug, name: region.name },
    period,
    periods: periodRange(shiftPeriod(current, -PERIODS_BACK), current).reverse(),
    sentReports: sentReports.map((r) => ({ period: r.period, sentAt: r.sentAt!.getTime() })),
    foreword: view.foreword,
    sent: view.sent,
    mayWrite: view.mayWrite,
    blocks: document.blocks,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { region, user } = requireRegion(args, "read:agenda");
  const form = await args.request.formData();
  const intent = String(form.get("intent"));
  const base = { db: args.context.db, actor: user.principal, region };
  if (intent === "foreword") {
    const parsed = parseForm(forewordSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors as FieldErrors, intent }, { status: 400 });
    const result = allowedOr403(() => saveForeword({ ...base, period: parsed.data.period, foreword: parsed.data.foreword }));
    if (!result.ok) return data({ errors: { form: result.error } as FieldErrors, intent }, { status: 409 });
    return redirect(`${progressReportHref(region.slug, parsed.data.period)}&opgeslagen=foreword#foreword`);
  }
  if (intent === "send") {
    const parsed = parseForm(sendReportSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors as FieldErrors, intent }, { status: 400 });
    const result = allowedOr403(() => sendReport({ ...base, period: parsed.data.period }));
    if (!result.ok) return data({ errors: { form: result.error } as FieldErrors, intent }, { status: 409 });
    return redirect(`${progressReportHref(region.slug, parsed.data.period)}&opgeslagen=send#status`);
  }
  throw new Response("Onbekende actie", { status: 400 });
}

const button = "self-start rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2";

export default function ProgressReport() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const saved = params.get("opgeslagen");
  const errors = (intent: string) => (answer?.intent === intent ? answer.errors : undefined);
  const dateTime = (at: number) => formatDutchDate(at, locale, { dateStyle: "long", timeStyle: "short" });
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div>
        <Link to={`/regios/${d.region.slug}`} className="text-sm text-brand-700 underline">{d.region.name}</Link>
        <h1 className="text-2xl font-semibold">{t("report.title", { region: d.region.name, period: periodLabel(d.period, locale) })}</h1>
        <p className="text-sm text-slate-700">{t("report.intro")}</p>
        <Form method="get" className="mt-3 flex flex-wrap items-end gap-2">
          <SelectField label={t("report.choosePeriod")} name="periode" defaultValue={d.period} options={d.periods.map((p) => [p, periodLabel(p, locale)] as const)} />
          <button type="submit" className={button}>{t("report.show")}</button>
        </Form>
        <p className="mt-2 text-sm"><Link to={`/regios/${d.region.slug}/voortgang?periode=${d.period}`} className="text-brand-700 underline">{t("report.toProgress")}</Link></p>
      </div>

      <Section id="status" title={t("report.pageTitle")}>
        <Saved show={saved === "send" && !!d.sent}>{t("report.sentNow")}</Saved>
        <p data-testid="report-state">{d.sent ? t("report.state.sent", { date: dateTime(d.sent.at), name: d.sent.by ?? "—" }) : t("report.state.draft")}</p>
        <h3 className="font-medium">{t("report.sentReports")}</h3>
        {d.sentReports.length ? (
          <ul className="list-disc pl-5">
            {d.sentReports.map((r) => (
              <li key={r.period}><Link to={progressReportHref(d.region.slug, r.period)} className="text-brand-700 underline">{t("report.sentItem", { period: periodLabel(r.period, locale), date: dateTime(r.sentAt) })}</Link></li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">{t("report.noneSent")}</p>
        )}
      </Section>

      <DocumentJobButtons action={`/regios/${d.region.slug}/rapportage/${d.period}`} heading={t("report.download")} documentName={t("report.documentName")} />

      {d.mayWrite && !d.sent ? (
        <Section id="foreword" title={t("report.forewordLabel")}>
          <Saved show={saved === "foreword"}>{t("report.forewordSaved")}</Saved>
          <Form method="post" className="flex flex-col gap-3" aria-label={t("report.forewordSave")}>
            <input type="hidden" name="intent" value="foreword" />
            <input type="hidden" name="period" value={d.period} />
            <FormError message={errors("foreword")?.form ? t(errors("foreword")!.form!) : null} />
            <TextAreaField label={t("report.forewordLabel")} name="foreword" rows={6} defaultValue={d.foreword} maxLength={FOREWORD_MAX_CHARS} hint={t("report.forewordHint", { max: FOREWORD_MAX_CHARS })} error={errors("foreword")?.foreword} />
            <button type="submit" className={button}>{t("report.forewordSave")}</button>
          </Form>
          <Form method="post" className="flex flex-col gap-2 border-t border-slate-200 pt-3" aria-label={t("report.send")}>
            <input type="hidden" name="intent" value="send" />
            <input type="hidden" name="period" value={d.period} />
            <FormError message={errors("send")?.form ? t(errors("send")!.form!) : null} />
            <p className="text-sm text-slate-700">{t("report.sendHint")}</p>
            <button type="submit" className={button}>{t("report.send")}</button>
          </Form>
        </Section>
      ) : null}

      <section aria-labelledby="preview-heading" className="min-w-0 rounded border border-slate-200 bg-white p-4" data-testid="report-preview">
        <h2 id="preview-heading" className="mb-2 text-lg font-semibold">{t("report.preview")}</h2>
        <DocumentPreview blocks={d.blocks} level={3} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
