// For the live agenda page: where the adopted version is, and which items changed since.
import { Link } from "@remix-run/react";
import { useT } from "../../i18n";
import { useFormatDate } from "./format";

export type AdoptionStatusProps = {
  agendaId: number;
  adoption: {
    adopted: { id: number; adoptedAt: Date | string } | null;
    /** The latest proposal, when the board returned it or it expired. */
    notAdopted?: { proposalId: number; status: "returned" | "expired"; decidedAt: Date | string; objections: Array<{ name: string; reason: string }> } | null;
    changedItemIds: string[];
    addedItemIds?: string[];
  };
  /** Coordinator: show "put to the board". */
  canPropose?: boolean;
  /** Region slug: link to the decision history. */
  regionSlug?: string;
};

/** A bar above the live agenda: "vastgesteld op …", link to that version, count of changes, actions. */
export function AdoptionNotice({ agendaId, adoption, canPropose, regionSlug }: AdoptionStatusProps) {
  const t = useT();
  const date = useFormatDate();
  const changed = adoption.changedItemIds.length + (adoption.addedItemIds?.length ?? 0);
  const last = adoption.notAdopted;
  return (
    <section aria-label={t("approvals.decisions")} className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded border border-slate-200 bg-slate-50 px-4 py-2 text-sm">
      {last ? (
        <div className="w-full rounded border border-amber-300 bg-amber-50 p-2" data-testid="not-adopted">
          <p className="font-medium">
            {t(last.status === "returned" ? "approvals.lastReturned" : "approvals.lastExpired", { date: date(last.decidedAt, true) })}{" "}
            <Link to={`/voorstellen/${last.proposalId}`} className="text-brand-700 underline">{t("approvals.viewProposal")}</Link>
          </p>
          {last.objections.length ? (
            <ul className="mt-1 list-disc pl-5" aria-label={t("approvals.returnedReasons")}>
              {last.objections.map((o) => (
                <li key={o.name} className="break-words"><span className="font-medium">{o.name}:</span> {o.reason}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {adoption.adopted ? (
        <>
          <span className="font-medium">{t("approvals.adoptedOn", { date: date(adoption.adopted.adoptedAt) })}</span>
          <Link to={`/agendas/${agendaId}/vastgesteld`} className="text-brand-700 underline">
            {t("approvals.viewAdopted")}
          </Link>
          {changed ? <span className="text-amber-900">{t("approvals.changedCount", { count: changed })}</span> : null}
        </>
      ) : (
        <span>{t("approvals.notAdopted")}</span>
      )}
      <span className="flex-1" />
      {regionSlug ? (
        <Link to={`/regios/${regionSlug}/besluiten`} className="text-brand-700 underline">
          {t("approvals.decisions")}
        </Link>
      ) : null}
      {canPropose ? (
        <Link to={`/agendas/${agendaId}/voorleggen`} className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white">
          {t("approvals.propose")}
        </Link>
      ) : null}
    </section>
  );
}

/** A badge on a live item that changed since adoption, linking to what changed. Renders nothing otherwise. */
export function ChangedSinceAdoptionBadge({ agendaId, itemId, changedItemIds }: { agendaId: number; itemId: string; changedItemIds: readonly string[] }) {
  const t = useT();
  if (!changedItemIds.includes(itemId)) return null;
  return (
    <Link
      to={`/agendas/${agendaId}/vastgesteld#item-${itemId}`}
      className="inline-block rounded border border-amber-700 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900"
      data-testid="changed-since-adoption"
    >
      {t("approvals.changedSince")}
    </Link>
  );
}
