import { lazy, Suspense, useEffect, useState } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { can } from "~/domain/permissions";
import { useT } from "~/i18n";
import { FirstPaintList } from "~/components/agenda/first-paint";
import { agendaFirstPaintHtml } from "~/utils/first-paint.server";
import { inDocumentOnly } from "~/utils/document-only";
import { chunkUrls } from "~/utils/preload.server";
import { requestLocale } from "~/root";
import { agendaSavingsForPage } from "~/models/savings.server";
import { AgendaSavingsChart } from "~/components/savings-chart";
import { AgendaEvidence } from "~/components/evidence";
import { getWorstRegionFlag } from "~/models/flags.server";
import { RegionFlags } from "~/components/flags";
import { getAdoptionStatus } from "~/models/approvals.server";
import { AdoptionNotice } from "~/components/approvals/adoption-status";
import { ID } from "../../shared/rooms";
import { SuggestRights } from "~/components/agenda/suggest-rights";
import { provenForSectors, solvedElsewhere } from "~/models/learning.server";
import { AgendaLearning } from "~/components/learning/proven-elsewhere";

// In the browser this module starts the live agenda's two chunks: first the connection (small: Yjs
// and the websocket provider), which on a document load of this page opens at once, before
// hydration (the agenda is in the address; who the user is and whether they may edit are added
// when the editor takes it over); then the editor (Tiptap, ProseMirror: most of the page's script),
// which loads and compiles while the document syncs.
const connectionLoading = typeof document === "undefined" ? null : import("~/components/agenda/agenda-connection");
const agendaInAddress = typeof document === "undefined" ? null : new RegExp(`^/agendas/(${ID})/?$`).exec(window.location.pathname);
if (agendaInAddress) void connectionLoading?.then((m) => m.startAgendaConnection(Number(agendaInAddress[1])));
const loadWorkspace = () => import("~/components/agenda/agenda-workspace");
const workspaceLoading = connectionLoading?.then(loadWorkspace, loadWorkspace) ?? null;
const AgendaWorkspace = lazy(() => workspaceLoading ?? loadWorkspace());

/** After a client navigation to this page the module ran elsewhere: open the connection now. */
function useEarlyConnection(agendaId: number) {
  useEffect(() => {
    let current = true;
    void connectionLoading?.then((m) => current && m.startAgendaConnection(agendaId));
    return () => {
      current = false;
      void connectionLoading?.then((m) => m.dropAgendaConnection(agendaId));
    };
  }, [agendaId]);
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(matches, (t) => [data?.agenda.title ?? t("title.agenda")]);

export async function loader(args: LoaderFunctionArgs) {
  const { context } = args;
  const { agenda, user, scope } = requireAgendaPermission(args, "read:agenda");
  // The coordinator both sets the region's saving target and puts priorities to the board (decision 005).
  const canPropose = can(user.principal, "propose:priority", scope);
  const html = agendaFirstPaintHtml({ db: context.db, agendaId: agenda.id, locale: requestLocale(args.request, user) });
  return {
    agenda,
    // The items reach the browser once: as markup on a document load, as data on a client navigation.
    firstPaint: inDocumentOnly(context, "agendaFirstPaint", html),
    // The connection's code, fetched with the page (see the lazy imports above); the editor's follows.
    preload: chunkUrls("app/components/agenda/agenda-connection.ts"),
    user: { id: user.id, name: user.name },
    canEdit: can(user.principal, "edit:agenda", scope),
    canSuggest: can(user.principal, "suggest:agenda", scope),
    savings: agendaSavingsForPage({ db: context.db, agendaId: agenda.id })!,
    // The agenda page shows the worst signal; the full list lives on the region page.
    ...topFlag(getWorstRegionFlag({ db: context.db, actor: user.principal, region: scope, agendaId: agenda.id })),
    adoption: getAdoptionStatus({ db: context.db, agendaId: agenda.id }),
    canPropose,
    // Learning across regions (issue 18): what other regions proved for these sectors, and solved.
    learning: { sectors: provenForSectors({ db: context.db, actor: user.principal, agenda: scopeOf(agenda, scope) }), solved: solvedElsewhere({ db: context.db, actor: user.principal, agenda: scopeOf(agenda, scope) }) },
  };
}

const scopeOf = (agenda: { id: number; regionId: number }, scope: { partnersMayRead?: boolean }) => ({ id: agenda.id, regionId: agenda.regionId, partnersMayRead: scope.partnersMayRead });

function topFlag({ flag, count }: ReturnType<typeof getWorstRegionFlag>) {
  return { flags: flag ? [flag] : [], flagCount: count };
}

/** The live editor needs the browser (websocket, IndexedDB); the server sends the read model meanwhile. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export default function AgendaPage() {
  const { agenda, firstPaint, preload, user, canEdit, canSuggest, savings, flags, flagCount, adoption, canPropose, learning } = useLoaderData<typeof loader>();
  const t = useT();
  const hydrated = useHydrated();
  useEarlyConnection(agenda.id);
  const [liveShown, setLiveShown] = useState(false);
  return (
    <div className="flex flex-col gap-6">
      {preload.map((href) => (
        <link key={href} rel="modulepreload" href={href} />
      ))}
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <Link to={`/regios/${agenda.regionSlug}`} className="text-sm text-brand-700 underline">
            {agenda.regionName}
          </Link>
          <h1 className="text-2xl font-semibold">{agenda.title}</h1>
          <p className="text-sm text-slate-700">{t("agenda.period", { period: agenda.period })}</p>
        </div>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {canEdit ? (
            <Link to={`/agendas/${agenda.id}/importeren`} className="text-sm text-brand-700 underline">
              {t("wordImport.link")}
            </Link>
          ) : null}
          <Link to={`/agendas/${agenda.id}/versies`} className="text-sm text-brand-700 underline">
            {t("versions.title")}
          </Link>
        </div>
      </div>
      <AgendaSavingsChart savings={savings} canSetTarget={canPropose} />
      <AgendaEvidence savings={savings} />
      <RegionFlags flags={flags} total={flagCount} moreHref={`/regios/${agenda.regionSlug}#region-flags`} title="flags.agendaTitle" limit={1} />
      <AdoptionNotice agendaId={agenda.id} adoption={adoption} canPropose={canPropose} regionSlug={agenda.regionSlug} />
      {hydrated ? (
        <Suspense fallback={null}>
          <SuggestRights.Provider value={canSuggest}>
          <AgendaWorkspace
            agendaId={agenda.id}
            user={user}
            canEdit={canEdit}
            savings={savings}
            changedItemIds={adoption.changedItemIds}
            onItemsShown={setLiveShown}
          />
          </SuggestRights.Provider>
        </Suspense>
      ) : null}
      {liveShown ? null : <FirstPaintList html={firstPaint} />}
      <AgendaLearning sectors={learning.sectors} solved={learning.solved} />
    </div>
  );
}
