import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRegion } from "~/utils/region-guard.server";
import { getRegionDetail } from "~/models/region.server";
import { regionRealised } from "~/models/savings.server";
import { RealisedComparison } from "~/components/realised-savings";
import { can, canReadBarriers } from "~/domain/permissions";
import { useT } from "~/i18n";
import { roleLabel } from "~/components/role";
// Bottleneck flags (issue 7): the region's own signals, read-only.
import { getRegionFlagView } from "~/models/flags.server";
import { RegionFlags } from "~/components/flags";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(matches, (t) => [data?.region.name ?? t("title.region")]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { region, role, user, scope } = requireRegion({ request, context, params }, "read:agenda");
  return {
    region: { id: region.id, slug: region.slug, name: region.name },
    role,
    canManageMembers: can(user.principal, "manage:members", scope),
    canReadBarriers: canReadBarriers(user.principal, scope),
    ...getRegionDetail({ db: context.db, regionId: region.id }),
    ...getRegionFlagView({ db: context.db, actor: user.principal, region: scope }),
    realised: regionRealised({ db: context.db, regionId: region.id }),
  };
}

export default function Region() {
  const { region, role, canManageMembers, canReadBarriers, agendas, organisations, members, flags, hidden, hiddenFlags, realised } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">{region.name}</h1>
        <p className="text-sm text-slate-700">{t("region.yourRole", { role: t(roleLabel(role)) })}</p>
      </div>
      <section aria-labelledby="agendas">
        <h2 id="agendas" className="mb-3 text-lg font-semibold">
          {t("region.agendas")}
        </h2>
        <p className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {canReadBarriers ? <Link to={`/regios/${region.slug}/belemmeringen`} className="text-brand-700 underline">{t("barriers.title")}</Link> : null}
          <Link to={`/regios/${region.slug}/besluiten`} className="text-brand-700 underline">{t("approvals.decisions")}</Link>
          <Link to={`/regios/${region.slug}/voortgang`} className="text-brand-700 underline">{t("execution.region.link")}</Link>
          <Link to={`/regios/${region.slug}/rapportage`} className="text-brand-700 underline">{t("report.link")}</Link>
        </p>
        {agendas.length ? (
          <ul className="flex flex-col gap-2">
            {agendas.map((a) => (
              <li key={a.id} className="rounded border border-slate-200 bg-white p-3">
                <Link to={`/agendas/${a.id}`} className="font-medium text-brand-700 hover:underline">
                  {a.title}
                </Link>
                <p className="text-sm text-slate-700">
                  {t("agenda.period", { period: a.period })} · {t(`agenda.status.${a.status}`)} · {a.itemCount} {t("agenda.items").toLowerCase()}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("region.noAgendas")}</p>
        )}
      </section>
      <RegionFlags flags={flags} hidden={hidden} hiddenFlags={hiddenFlags} title="flags.regionTitle" />
      <div className="rounded border border-slate-200 bg-white p-4" data-testid="region-realised">
        <RealisedComparison realised={realised} title={t("realised.region.title")} heading="h2" />
      </div>
      <div className="grid gap-8 md:grid-cols-2">
        <section aria-labelledby="orgs">
          <h2 id="orgs" className="mb-3 text-lg font-semibold">
            {t("region.organisations")}
          </h2>
          <ul className="flex flex-col gap-1">
            {organisations.map((o) => (
              <li key={o.id}>
                {o.name} <span className="text-sm text-slate-700">· {t(`orgkind.${o.kind}`)}{o.sector ? ` (${o.sector})` : ""}{o.schoolLevel ? ` (${o.schoolLevel})` : ""}</span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="members">
          <h2 id="members" className="mb-3 text-lg font-semibold">
            {t("region.members")}
          </h2>
          {canManageMembers ? (
            <Link to={`/regios/${region.slug}/leden`} className="mb-2 inline-block text-sm text-brand-700 underline">
              {t("members.manage")}
            </Link>
          ) : null}
          <ul className="flex flex-col gap-1">
            {members.map((m) => (
              <li key={m.id}>
                {m.name} <span className="text-sm text-slate-700">· {t(roleLabel(m.role))}{m.organisation ? ` · ${m.organisation}` : ""}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
