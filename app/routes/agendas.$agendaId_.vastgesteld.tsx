// The agenda exactly as the board adopted it, next to the live agenda: items changed since are
// marked with a field-level view of what changed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAgendaPermission } from "../utils/agenda-guard.server";
import { getAdoptedAgenda } from "../models/approvals.server";
import { ChangeTable, FrozenItem } from "../components/approvals/frozen-item";
import { useFormatDate } from "../components/approvals/format";
import { useT } from "../i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [data?.agenda.title ?? t("title.agenda"), t("approvals.status.adopted")]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { agenda } = requireAgendaPermission({ request, context, params }, "read:agenda");
  return { agenda, adopted: getAdoptedAgenda({ db: context.db, agendaId: agenda.id }) };
}

export default function AdoptedPage() {
  const { agenda, adopted } = useLoaderData<typeof loader>();
  const t = useT();
  const date = useFormatDate();
  if (!adopted) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold">{agenda.title}</h1>
        <p>{t("approvals.notAdopted")}</p>
        <Link to={`/agendas/${agenda.id}`} className="text-brand-700 underline">{t("approvals.toAgenda")}</Link>
      </div>
    );
  }
  const rank = new Map(adopted.rankedItems.map((r) => [r.itemId, r.rank]));
  const removed = new Set(adopted.removedIds);
  const prioritiesFirst = [...adopted.items].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
  return (
    <div className="flex flex-col gap-6">
      <div>
        <p className="text-sm">
          <Link to={`/agendas/${agenda.id}`} className="text-brand-700 underline">{t("approvals.toAgenda")}</Link>
          {" · "}
          <Link to={`/voorstellen/${adopted.proposalId}`} className="text-brand-700 underline">{t("approvals.viewProposal")}</Link>
          {" · "}
          <Link to={`/regios/${agenda.regionSlug}/besluiten`} className="text-brand-700 underline">{t("approvals.decisions")}</Link>
        </p>
        <h1 className="text-2xl font-semibold">{t("approvals.adoptedTitle", { agenda: agenda.title })}</h1>
        <p className="font-medium text-green-900" data-testid="adopted-on">{t("approvals.adoptedOn", { date: date(adopted.adoptedAt, true) })}</p>
        <p className="max-w-3xl text-sm text-slate-700">{t("approvals.adoptedIntro")}</p>
      </div>
      <ol className="flex flex-col gap-3" data-testid="adopted-items">
        {prioritiesFirst.map((item) => {
          const changes = adopted.changes[item.id];
          return (
            <li key={item.id}>
              <FrozenItem item={item} rank={rank.get(item.id)}>
                {removed.has(item.id) ? (
                  <p className="mt-1 text-sm font-medium text-red-800">{t("approvals.removedSince")}</p>
                ) : changes ? (
                  <details className="mt-2 rounded border border-amber-700 bg-amber-50 p-2" data-testid="item-changes">
                    <summary className="cursor-pointer text-sm font-medium text-amber-900">
                      {t("approvals.changedSince")} · {t("approvals.showChanges")}
                    </summary>
                    <ChangeTable changes={changes} />
                  </details>
                ) : (
                  <p className="mt-1 text-xs text-slate-700">{t("approvals.unchanged")}</p>
                )}
              </FrozenItem>
            </li>
          );
        })}
      </ol>
      {adopted.added.length ? (
        <section aria-labelledby="added">
          <h2 id="added" className="mb-2 text-lg font-semibold">{t("approvals.addedSince")}</h2>
          <ul className="list-disc pl-5">
            {adopted.added.map((a) => <li key={a.id}>{a.title || t("agenda.untitled")}</li>)}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
