// The live agenda with every feature that lives inside its items. Loaded lazily by the agenda page:
// Tiptap, ProseMirror and Yjs are most of the page's script, and the server-rendered read model is
// readable (and the page interactive) before they arrive.
import { useCallback, useMemo } from "react";
import type * as Y from "yjs";
import { useAgendaBarriers } from "~/components/barriers/agenda-barriers";
import { useAgendaComments } from "~/components/comments/agenda-comments";
import { ItemSavings, type ItemSavingsView } from "~/components/item-savings";
import { ChangedSinceAdoptionBadge } from "~/components/approvals/adoption-status";
import type { AgendaSavingsForPage } from "~/models/savings.server";
import { LiveAgenda } from "./live-agenda";

type Props = {
  agendaId: number;
  user: { id: number; name: string };
  canEdit: boolean;
  savings: AgendaSavingsForPage;
  changedItemIds: readonly string[];
  onItemsShown?: (shown: boolean) => void;
};

export default function AgendaWorkspace({ agendaId, user, canEdit, savings, changedItemIds, onItemsShown }: Props) {
  const barriers = useAgendaBarriers(agendaId);
  const comments = useAgendaComments(agendaId);
  const onDoc = useCallback(
    (live: { doc: Y.Doc } | null) => {
      barriers.onDoc(live);
      comments.onDoc(live);
    },
    [barriers.onDoc, comments.onDoc],
  );
  const items = useMemo(() => itemViews(savings), [savings]);
  return (
    <LiveAgenda
      agendaId={agendaId}
      user={user}
      canEdit={canEdit}
      onItemsShown={onItemsShown}
      itemSlot={(itemId) => (
        <>
          <ChangedSinceAdoptionBadge agendaId={agendaId} itemId={itemId} changedItemIds={changedItemIds} />
          <ItemSavings agendaId={agendaId} itemId={itemId} item={items.get(itemId)} savings={savings} canEdit={canEdit} />
          {barriers.itemSlot(itemId)}
          {comments.slotFor(itemId)}
        </>
      )}
      planExtensions={(itemId) => [...barriers.planExtensions(itemId), ...comments.extensionsFor(itemId)]}
      introExtensions={comments.extensionsFor(null)}
      introSlot={comments.slotFor(null)}
      onDoc={onDoc}
    />
  );
}

/** The savings' columns (AgendaSavingsForPage) as one entry per item. */
function itemViews({ itemIds, itemTitles, itemSectors, linkedItems }: AgendaSavingsForPage) {
  const linked = new Map(linkedItems.map((i) => [i.itemId, i]));
  return new Map<string, ItemSavingsView>(itemIds.map((id, i) => [id, { title: itemTitles[i], sectors: itemSectors[i], linked: linked.get(id) ?? null }]));
}
