// The region's training demand (issue 15, decision 030): every agenda item's open training needs summed
// per role and per school type, and the schools' view (named providers, people and hours per quarter).
// Each sum leads to its lines, and each line to its item.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { requireRegion } from "~/utils/region-guard.server";
import { allowedOr403 } from "~/utils/auth.server";
import { regionTrainingDemand } from "~/models/training.server";
import { itemExecutionHref } from "~/domain/flags/links";
import { formatDecimal } from "~/domain/numbers";
import { periodLabel } from "~/domain/periods";
import { lineHours, type DemandRow } from "~/domain/training";
import { ScrollRegion } from "~/components/scroll-region";
import { TRAINING_ANCHOR } from "~/components/training/training-section";
import { RouteError } from "~/components/route-error";
import { useLocale, useT } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data?.region.name ?? t("title.region"), t("demand.link")]);

export async function loader(args: LoaderFunctionArgs) {
  const { region, user, scope } = requireRegion(args, "read:agenda");
  const demand = allowedOr403(() => regionTrainingDemand({ db: args.context.db, actor: user.principal, region: { id: region.id, partnersMayRead: scope.partnersMayRead } }));
  return { region: { slug: region.slug, name: region.name }, ...demand };
}

function DemandTable({ caption, keyHeader, rows, keyLabel }: { caption: string; keyHeader: string; rows: DemandRow[]; keyLabel: (row: DemandRow) => React.ReactNode }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ScrollRegion label={caption}>
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="p-2">{keyHeader}</th>
            <th scope="col" className="p-2 text-right">{t("demand.col.people")}</th>
            <th scope="col" className="p-2 text-right">{t("demand.col.hours")}</th>
            <th scope="col" className="p-2 text-right">{t("demand.col.lines")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t border-slate-200">
              <th scope="row" className="p-2 font-normal">{keyLabel(row)}</th>
              <td className="p-2 text-right">{formatDecimal(row.people, locale)}</td>
              <td className="p-2 text-right">{formatDecimal(row.hours, locale, 1)}</td>
              <td className="p-2 text-right">{formatDecimal(row.lines, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export default function TrainingDemand() {
  const { region, lines, total, byRole, bySchoolType, byProviderPeriod } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const schoolType = (key: string) => (key === "mbo" || key === "hbo" || key === "anders" ? t(`training.schoolType.${key}`) : t("demand.schoolType.none"));
  const providerPeriod = (row: DemandRow) => {
    const [provider, period] = row.key.split("|");
    return `${provider || t("training.noProvider")} · ${period ? periodLabel(period, locale) : t("training.noPeriod")}`;
  };
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={`/regios/${region.slug}`} className="text-sm text-brand-700 underline">{region.name}</Link>
        <h1 className="text-2xl font-semibold">{t("demand.title", { region: region.name })}</h1>
        <p className="text-sm text-slate-700">{t("demand.intro")}</p>
      </div>
      {lines.length === 0 ? (
        <p>{t("demand.none")}</p>
      ) : (
        <>
          <p className="text-lg font-medium" data-testid="demand-total">{t("demand.summary", { people: total.people, hours: formatDecimal(total.hours, locale, 1) })}</p>
          <section aria-labelledby="demand-role" className="flex flex-col gap-2">
            <h2 id="demand-role" className="text-lg font-semibold">{t("demand.byRole")}</h2>
            <DemandTable caption={t("demand.byRole")} keyHeader={t("demand.col.role")} rows={byRole} keyLabel={(r) => r.label} />
          </section>
          <section aria-labelledby="demand-type" className="flex flex-col gap-2">
            <h2 id="demand-type" className="text-lg font-semibold">{t("demand.bySchoolType")}</h2>
            <DemandTable caption={t("demand.bySchoolType")} keyHeader={t("demand.col.schoolType")} rows={bySchoolType} keyLabel={(r) => schoolType(r.key)} />
          </section>
          <section aria-labelledby="demand-schools" className="flex flex-col gap-2">
            <h2 id="demand-schools" className="text-lg font-semibold">{t("demand.forSchools")}</h2>
            <p className="text-sm text-slate-700">{t("demand.forSchoolsIntro")}</p>
            <DemandTable caption={t("demand.forSchools")} keyHeader={`${t("demand.col.provider")} · ${t("demand.col.period")}`} rows={byProviderPeriod} keyLabel={providerPeriod} />
          </section>
          <section aria-labelledby="demand-lines" className="flex flex-col gap-2">
            <h2 id="demand-lines" className="text-lg font-semibold">{t("demand.lines")}</h2>
            <ul className="flex flex-col gap-1 text-sm">
              {lines.map((line) => (
                <li key={line.id}>
                  <Link to={`${itemExecutionHref(line.agendaId, line.itemId)}#${TRAINING_ANCHOR}`} className="text-brand-700 underline">{line.itemTitle || "—"}</Link>
                  {": "}
                  {line.role}, {formatDecimal(line.people, locale)} × {formatDecimal(line.hoursPerPerson, locale, 1)} = {formatDecimal(lineHours(line), locale, 1)} {t("demand.col.hours").toLowerCase()}
                  {" · "}
                  {line.provider || t("training.noProvider")}
                  {line.schoolType ? ` (${t(`training.schoolType.${line.schoolType}`)})` : ""}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
