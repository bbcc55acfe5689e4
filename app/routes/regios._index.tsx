import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/utils/auth.server";
import { regionOverview } from "~/models/region.server";
import { useT } from "~/i18n";
import { roleLabel } from "~/components/role";
import { useFormatDate } from "~/components/approvals/format";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("regions.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser({ request, context });
  return { ...regionOverview({ db: context.db, actor: user.principal }), kind: user.kind };
}

type Data = Awaited<ReturnType<typeof loader>>;
type MyRegion = Data["mine"][number];
type AgendaLine = MyRegion["agendas"][number];

const linkClass = "text-brand-700 underline underline-offset-2";

function AgendaStateLine({ agenda }: { agenda: AgendaLine }) {
  const t = useT();
  const date = useFormatDate();
  const { state } = agenda;
  const label =
    state.kind === "concept"
      ? t("regions.state.concept")
      : state.kind === "voorgelegd"
        ? t("regions.state.voorgelegd", { date: date(state.deadline) })
        : t(`regions.state.${state.kind}`, { date: date(state.at) });
  const tone = state.kind === "vastgesteld" ? "text-green-800" : state.kind === "concept" || state.kind === "voorgelegd" ? "text-slate-700" : "text-amber-900";
  return (
    <li className="break-words">
      <Link to={`/agendas/${agenda.id}`} className={linkClass}>
        {agenda.title}
      </Link>
      : <span className={`font-medium ${tone}`} data-testid="agenda-state">{label}</span>
    </li>
  );
}

function RegionCard({ region }: { region: MyRegion }) {
  const t = useT();
  const headingId = `region-${region.slug}`;
  return (
    <li className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3" data-testid="my-region" aria-labelledby={headingId}>
      <h3 id={headingId} className="font-semibold">
        <Link to={`/regios/${region.slug}`} className={linkClass}>
          {region.name}
        </Link>{" "}
        {region.role ? <span className="text-sm font-normal text-slate-700">· {t(roleLabel(region.role))}</span> : null}
      </h3>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {region.openBarriers !== null ? (
          <Link to={`/regios/${region.slug}/belemmeringen`} className={linkClass} data-testid="open-barriers">
            {t("regions.openBarriers", { count: region.openBarriers })}
          </Link>
        ) : null}
        <Link to={`/regios/${region.slug}#region-flags`} className={linkClass} data-testid="signals">
          {t("regions.signals", { count: region.signals })}
        </Link>
      </p>
      {region.agendas.length ? (
        <ul className="flex flex-col gap-1 text-sm" aria-label={t("regions.agendas")}>
          {region.agendas.map((a) => (
            <AgendaStateLine key={a.id} agenda={a} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">{t("regions.noAgenda")}</p>
      )}
    </li>
  );
}

export default function Regions() {
  const { mine, others, kind } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold">{t("regions.title")}</h1>
      {mine.length ? (
        <section aria-labelledby="mine">
          <h2 id="mine" className="mb-3 text-lg font-semibold">
            {kind === "adviser" ? t("regions.covered") : t("regions.mine")}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {mine.map((r) => (
              <RegionCard key={r.id} region={r} />
            ))}
          </ul>
        </section>
      ) : null}
      {others.length ? (
        // Open when there is nothing of one's own to show first (an administrator: every region).
        <details open={mine.length === 0} className="rounded border border-slate-200 bg-white p-3" data-testid="other-regions">
          <summary className="cursor-pointer font-semibold">{t(mine.length ? "regions.others" : "regions.all", { count: others.length })}</summary>
          <ul className="mt-3 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
            {others.map((r) => (
              <li key={r.id}>
                {r.role ? (
                  <Link to={`/regios/${r.slug}`} className={linkClass}>
                    {r.name}
                  </Link>
                ) : (
                  r.name
                )}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
