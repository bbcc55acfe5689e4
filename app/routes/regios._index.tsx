import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/utils/auth.server";
import { listRegionsFor } from "~/models/region.server";
import { useT } from "~/i18n";
import { roleLabel } from "~/components/role";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("regions.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser({ request, context });
  return { ...listRegionsFor({ db: context.db, actor: user.principal }), kind: user.kind };
}

type RegionRow = Awaited<ReturnType<typeof loader>>["mine"][number];

function RegionList({ regions }: { regions: RegionRow[] }) {
  const t = useT();
  return (
    <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
      {regions.map((r) => (
        <li key={r.id} className="rounded border border-slate-200 bg-white p-3">
          {r.role ? (
            <Link to={`/regios/${r.slug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {r.name}
            </Link>
          ) : (
            <span className="font-medium">{r.name}</span>
          )}
          <p className="text-sm text-slate-700">
            {t("regions.agendaCount", { count: r.agendaCount })}
            {r.role ? ` · ${t(roleLabel(r.role))}` : ` · ${t("regions.noAccess")}`}
          </p>
        </li>
      ))}
    </ul>
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
          <RegionList regions={mine} />
        </section>
      ) : null}
      <section aria-labelledby="all">
        <h2 id="all" className="mb-3 text-lg font-semibold">
          {t("regions.all")}
        </h2>
        <RegionList regions={others} />
      </section>
    </div>
  );
}
