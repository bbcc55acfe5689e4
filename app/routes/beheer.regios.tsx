import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/utils/auth.server";
import { listRegionSettings } from "~/models/admin.server";
import { RouteError } from "~/components/route-error";
import { formatExact } from "~/domain/savings";
import { useLocale, useT } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("admin.regions"), t("nav.admin")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission({ request, context }, "manage:platform");
  return { regions: listRegionSettings({ db: context.db }) };
}

export default function AdminRegions() {
  const { regions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("admin.regions")}</h1>
      <p className="max-w-3xl text-slate-700">{t("admin.regions.intro")}</p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="p-2">{t("admin.region")}</th>
              <th scope="col" className="p-2 text-right">{t("admin.region.careWorkers")}</th>
              <th scope="col" className="p-2 text-right">{t("admin.region.target")}</th>
              <th scope="col" className="p-2">{t("admin.region.rule")}</th>
              <th scope="col" className="p-2">{t("admin.region.partnersMayRead")}</th>
              <th scope="col" className="p-2 text-right">{t("admin.region.members")}</th>
              <td className="p-2" />
            </tr>
          </thead>
          <tbody>
            {regions.map((r) => (
              <tr key={r.id} className="border-b">
                <th scope="row" className="p-2 text-left font-medium">{r.name}</th>
                <td className="p-2 text-right">{r.careWorkers == null ? "–" : formatExact(r.careWorkers, locale)}</td>
                <td className="p-2 text-right">
                  {r.target ? `${formatExact(r.target.value, locale)} ${t(`targets.unit.${r.target.unit}`)}` : t("admin.region.targetNone")}
                </td>
                <td className="p-2">
                  {t(`admin.region.rule.${r.decisionRule.kind}`)}, {Math.round(r.decisionRule.quorum * 100)}%
                </td>
                <td className="p-2">{r.partnersMayRead ? t("admin.yes") : t("admin.no")}</td>
                <td className="p-2 text-right">{r.members}</td>
                <td className="p-2">
                  <Link to={`/beheer/regios/${r.slug}`} className="text-brand-700 underline" aria-label={t("admin.region.edit", { region: r.name })}>
                    {t("admin.region.editLink")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
