import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireRegionPermission } from "~/utils/auth.server";
import { getAgenda, listAgendaItems, parseId } from "~/models/agenda.server";
import { can } from "~/domain/permissions";
import { useT } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.agenda.title ?? "Agenda"} · Agendawerk` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const agendaId = parseId(params.agendaId);
  const agenda = agendaId ? getAgenda({ db: context.db, agendaId }) : null;
  if (!agenda) notFound();
  const { user, scope } = requireRegionPermission({ request, context }, agenda.regionId, "read:agenda");
  return {
    agenda,
    items: listAgendaItems({ db: context.db, agendaId: agenda.id }),
    canEdit: can(user.principal, "edit:agenda", scope),
  };
}

export default function AgendaPage() {
  const { agenda, items } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={`/regios/${agenda.regionSlug}`} className="text-sm text-brand-700 underline">
          {agenda.regionName}
        </Link>
        <h1 className="text-2xl font-semibold">{agenda.title}</h1>
        <p className="text-sm text-slate-700">{t("agenda.period", { period: agenda.period })}</p>
      </div>
      <section aria-labelledby="items">
        <h2 id="items" className="mb-3 text-lg font-semibold">{t("agenda.items")}</h2>
        <ol className="flex flex-col gap-3">
          {items.map((item) => (
            <li key={item.id} className="rounded border border-slate-200 bg-white p-4">
              <h3 className="font-semibold">{item.title}</h3>
              <p className="whitespace-pre-line text-sm">{item.planText}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
