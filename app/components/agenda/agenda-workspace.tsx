// The live agenda with every feature that lives inside its items. Loaded lazily by the agenda page:
// Tiptap, ProseMirror and Yjs are most of the page's script, and the server-rendered read model is
// readable (and the page interactive) before they arrive.
import type { ReactNode } from "react";
import { useAgendaBarriers } from "~/components/barriers/agenda-barriers";
import { ItemSavings } from "~/components/item-savings";
import { ChangedSinceAdoptionBadge } from "~/components/approvals/adoption-status";
import type { AgendaSavings } from "~/models/savings.server";
import { LiveAgenda } from "./live-agenda";

type Props = {
  agendaId: number;
  user: { id: number; name: string };
  canEdit: boolean;
  savings: AgendaSavings;
  changedItemIds: readonly string[];
  fallback: ReactNode;
};

export default function AgendaWorkspace({ agendaId, user, canEdit, savings, changedItemIds, fallback }: Props) {
  const barriers = useAgendaBarriers(agendaId);
  return (
    <LiveAgenda
      agendaId={agendaId}
      user={user}
      canEdit={canEdit}
      fallback={fallback}
      itemSlot={(itemId) => (
        <>
          <ChangedSinceAdoptionBadge agendaId={agendaId} itemId={itemId} changedItemIds={changedItemIds} />
          <ItemSavings agendaId={agendaId} itemId={itemId} savings={savings} canEdit={canEdit} />
          {barriers.itemSlot(itemId)}
        </>
      )}
      planExtensions={barriers.planExtensions}
      onDoc={barriers.onDoc}
    />
  );
}
