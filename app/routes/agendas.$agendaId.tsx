import { lazy, Suspense, useEffect, useState } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { can } from "~/domain/permissions";
import { useT } from "~/i18n";
import { FirstPaintList } from "~/components/agenda/first-paint";
import { agendaFirstPaintHtml, firstPaintData } from "~/utils/first-paint.server";
import { requestLocale } from "~/root";
import { agendaSavingsForPage } from "~/models/savings.server";
import { AgendaSavingsChart } from "~/components/savings-chart";
import { getRegionFlags } from "~/models/flags.server";
import { RegionFlags } from "~/components/flags";
import { getAdoptionStatus } from "~/models/approvals.server";
import { AdoptionNotice } from "~/components/approvals/adoption-status";

// The editor's code (most of the page's script) starts loading as soon as this module runs in the
// browser, while the page hydrates, not after.
const loadWorkspace = () => import("~/components/agenda/agenda-workspace");
const workspaceLoading = typeof document === "undefined" ? null : loadWorkspace();
const AgendaWorkspace = lazy(() => workspaceLoading ?? loadWorkspace());

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.agenda.title ?? "Agenda"} · Agendawerk` }];

export async function loader(args: LoaderFunctionArgs) {
  const { context } = args;
  const { agenda, user, scope } = requireAgendaPermission(args, "read:agenda");
  // The coordinator both sets the region's saving target and puts priorities to the board (decision 005).
  const canPropose = can(user.principal, "propose:priority", scope);
  const html = agendaFirstPaintHtml({ db: context.db, agendaId: agenda.id, locale: requestLocale(args.request, user) });
  return {
    agenda,
    // The items reach the browser once: as markup on a document load, as data on a client navigation.
    firstPaint: firstPaintData(html, context.documentRequest),
    user: { id: user.id, name: user.name },
    canEdit: can(user.principal, "edit:agenda", scope),
    savings: agendaSavingsForPage({ db: context.db, agendaId: agenda.id })!,
    // The agenda page shows the worst signal; the full list lives on the region page.
    ...topFlags(getRegionFlags({ db: context.db, regionId: agenda.regionId, agendaId: agenda.id })),
    adoption: getAdoptionStatus({ db: context.db, agendaId: agenda.id }),
    canPropose,
  };
}

function topFlags(all: ReturnType<typeof getRegionFlags>) {
  return { flags: all.slice(0, 1), flagCount: all.length };
}

/** The live editor needs the browser (websocket, IndexedDB); the server sends the read model meanwhile. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export default function AgendaPage() {
  const { agenda, firstPaint, user, canEdit, savings, flags, flagCount, adoption, canPropose } = useLoaderData<typeof loader>();
  const t = useT();
  const hydrated = useHydrated();
  const [liveShown, setLiveShown] = useState(false);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <Link to={`/regios/${agenda.regionSlug}`} className="text-sm text-brand-700 underline">
            {agenda.regionName}
          </Link>
          <h1 className="text-2xl font-semibold">{agenda.title}</h1>
          <p className="text-sm text-slate-700">{t("agenda.period", { period: agenda.period })}</p>
        </div>
        <Link to={`/agendas/${agenda.id}/versies`} className="text-sm text-brand-700 underline">
          {t("versions.title")}
        </Link>
      </div>
      <AgendaSavingsChart savings={savings} canSetTarget={canPropose} />
      <RegionFlags flags={flags} total={flagCount} moreHref={`/regios/${agenda.regionSlug}#region-flags`} title="flags.agendaTitle" limit={1} />
      <AdoptionNotice agendaId={agenda.id} adoption={adoption} canPropose={canPropose} regionSlug={agenda.regionSlug} />
      {hydrated ? (
        <Suspense fallback={null}>
          <AgendaWorkspace
            agendaId={agenda.id}
            user={user}
            canEdit={canEdit}
            savings={savings}
            changedItemIds={adoption.changedItemIds}
            onItemsShown={setLiveShown}
          />
        </Suspense>
      ) : null}
      {liveShown ? null : <FirstPaintList html={firstPaint.html} />}
    </div>
  );
}
