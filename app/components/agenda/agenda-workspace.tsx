// The live agenda with every feature that lives inside its items. Loaded lazily by the agenda page:
// Tiptap, ProseMirror and Yjs are most of the page's script, and the server-rendered read model is
// readable (and the page interactive) before they arrive.
import { useMemo } from "react";
import { useAgendaBarriers } from "~/components/barriers/agenda-barriers";
import { ItemSavings } from "~/components/item-savings";
import { ChangedSinceAdoptionBadge } from "~/components/approvals/adoption-status";
import type { AgendaSavings, AgendaSavingsForPage } from "~/models/savings.server";
import { LiveAgenda } from "./live-agenda";

type Props = {
  agendaId: number;
  user: { id: number; name: string };
  canEdit: boolean;
  savings: AgendaSavingsForPage;
  changedItemIds: readonly string[];
  onItemsShown?: (shown: boolean) => void;
};

export default function AgendaWorkspace({ agendaId, user, canEdit, savings: page, changedItemIds, onItemsShown }: Props) {
  const barriers = useAgendaBarriers(agendaId);
  const fullSavings = useMemo<AgendaSavings>(() => ({ ...page, items: JSON.parse(page.itemsJson) }), [page]);
  return (
    <LiveAgenda
      agendaId={agendaId}
      user={user}
      canEdit={canEdit}
      onItemsShown={onItemsShown}
      itemSlot={(itemId) => (
        <>
          <ChangedSinceAdoptionBadge agendaId={agendaId} itemId={itemId} changedItemIds={changedItemIds} />
          <ItemSavings agendaId={agendaId} itemId={itemId} savings={fullSavings} canEdit={canEdit} />
          {barriers.itemSlot(itemId)}
        </>
      )}
      planExtensions={barriers.planExtensions}
      onDoc={barriers.onDoc}
    />
  );
}
