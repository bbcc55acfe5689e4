// Resultaten landelijk (decision 033): the ministry's regional team sees projected and realised labour
// saving of all regions per quarter, by way of saving (trend charts), by innovation (bars) and by region,
// each total with its evidence mix and the caveats, and downloads the same figures as XLSX or CSV.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { allowedOr403, requirePermission } from "~/utils/auth.server";
import { getNationalResults } from "~/models/national-results.server";
import { caveatKeys } from "~/domain/national-results";
import { formatNumber, formatExact, roundSignificant } from "~/domain/savings";
import { periodLabel } from "~/domain/periods";
import { useLocale, useT } from "~/i18n";
import { RouteError } from "~/components/route-error";
import { EvidenceMixText, FiguresTable, InnovationBars, Legend, TrendChart } from "~/components/national-results";
import { colours } from "~/components/savings-chart";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("national.title")]);

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "view:national-overview");
  return allowedOr403(() => getNationalResults({ db: args.context.db, actor: user.principal }));
}

export default function NationalResultsPage() {
  const results = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const last = results.quarters.length - 1;
  const now = results.total[last];
  const fte = (h: number) => formatNumber(h / results.hoursPerFteYear, locale);
  const vars = { level: results.measuredEvidenceLevel, hours: formatExact(results.hoursPerFteYear, locale) };
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold">{t("national.title")}</h1>
        <p className="max-w-3xl text-slate-800">{t("national.intro")}</p>
        <p className="max-w-3xl text-lg font-medium text-slate-900" data-testid="national-headline">
          {t("national.headline", { quarter: periodLabel(results.quarters[last], locale), projected: fte(now.projected.expected), realised: fte(now.realised), items: now.measuredItems })}
          {now.share !== null ? ` ${t("national.headlineShare", { share: formatExact(roundSignificant(now.share * 100), locale) })}` : now.measuredItems > 0 ? ` ${t("national.headlineNoProjection")}` : null}
        </p>
        <p className="text-sm text-slate-800">
          {t("national.col.evidence")}: <EvidenceMixText totals={now} />
        </p>
        <nav aria-label={t("national.download")} className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
          <a href="/landelijk.xlsx" download className="font-medium text-brand-700 underline" data-testid="national-xlsx">
            {t("national.downloadXlsx")}
          </a>
          <a href="/landelijk.csv" download className="font-medium text-brand-700 underline">
            {t("national.downloadCsv")}
          </a>
        </nav>
      </header>

      <section aria-labelledby="caveats" className="max-w-3xl rounded border border-amber-300 bg-amber-50 p-4 text-sm text-slate-900" data-testid="national-caveats">
        <h2 id="caveats" className="text-base font-semibold">{t("national.caveats")}</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {caveatKeys.map((k) => (
            <li key={k}>{t(k, vars)}</li>
          ))}
        </ul>
        <p className="mt-2">
          <a href="/innovaties#aannames" className="text-brand-700 underline">
            {t("national.caveat.assumptions")}
          </a>
        </p>
      </section>

      {now.links === 0 && now.measuredItems === 0 ? <p className="text-slate-800">{t("national.noData")}</p> : null}

      <section aria-labelledby="trend" className="flex flex-col gap-3">
        <h2 id="trend" className="text-xl font-semibold">{t("national.trend.title")}</h2>
        <p className="max-w-3xl text-sm text-slate-800">{t("national.trend.intro")}</p>
        <Legend />
        <div className="grid grid-cols-1 gap-6 md:grid-cols-2 xl:grid-cols-3">
          <TrendChart name={t("national.total")} colour={colours.total} quarters={results.quarters} series={results.total} hoursPerFteYear={results.hoursPerFteYear} />
          {results.byMechanism.map((m) => (
            <TrendChart key={m.key} name={t(`mechanism.${m.key}`)} colour={colours[m.key]} quarters={results.quarters} series={m.quarters} hoursPerFteYear={results.hoursPerFteYear} />
          ))}
        </div>
      </section>

      <section aria-labelledby="per-innovation" className="flex flex-col gap-3">
        <h2 id="per-innovation" className="text-xl font-semibold">{t("national.innovation.title")}</h2>
        <p className="max-w-3xl text-sm text-slate-800">{t("national.innovation.intro", { quarter: periodLabel(results.quarters[last], locale) })}</p>
        <InnovationBars results={results} />
      </section>

      <section aria-labelledby="per-region" className="flex flex-col gap-3">
        <h2 id="per-region" className="text-xl font-semibold">{t("national.region.title")}</h2>
        <FiguresTable
          caption={t("national.region.title")}
          nameHeader={t("national.col.region")}
          rows={results.byRegion.map((r) => ({ key: r.key, name: r.name, href: r.slug ? `/regios/${r.slug}` : null, totals: r.quarters[last] }))}
          hoursPerFteYear={results.hoursPerFteYear}
          testId="national-region-table"
        />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
