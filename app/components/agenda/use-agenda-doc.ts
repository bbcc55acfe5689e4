import { useEffect, useState } from "react";
import type * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import { describeCloseCode, type CloseMessageKey } from "../../../shared/close-codes";
import { releaseAgendaConnection, takeAgendaConnection } from "./agenda-connection";

export type SyncState = "connecting" | "synced" | "unsynced" | "offline";

export type LiveAgenda = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  state: SyncState;
  /** The message key of a close code when the server refused us; no reconnect follows. */
  refusal: CloseMessageKey | null;
};

/**
 * The agenda's live document: IndexedDB keeps edits across reloads and outages (editors only),
 * the websocket provider syncs with our collaboration server.
 */
export function useAgendaDoc({
  agendaId,
  user,
  canEdit,
}: {
  agendaId: number;
  user: { id: number; name: string };
  canEdit: boolean;
}): LiveAgenda | null {
  const [live, setLive] = useState<LiveAgenda | null>(null);

  useEffect(() => {
    const args = { agendaId, user: { id: user.id, name: user.name }, canEdit };
    // Possibly opened (and even synced, or refused) already while the editor's code loaded.
    const connection = takeAgendaConnection(args);
    const { doc, provider, local } = connection;

    let refusal: LiveAgenda["refusal"] = null;
    // Local changes the server has not confirmed by a completed sync round since they were made.
    let pending = false;
    const compute = (): SyncState =>
      !provider.wsconnected ? (pending ? "offline" : "connecting") : pending || !provider.synced ? "unsynced" : "synced";
    const publish = () => setLive({ doc, provider, state: compute(), refusal });

    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider && origin !== local) {
        // Sent at once when connected; only a change made offline waits for the next sync round.
        if (!provider.wsconnected) pending = true;
        publish();
      }
    };
    const onSync = (synced: boolean) => {
      if (synced) pending = false;
      publish();
    };
    const onClose = (event: CloseEvent | null) => {
      const info = event ? describeCloseCode(event.code) : null;
      if (info && !info.reconnect) {
        refusal = info.message;
        provider.disconnect();
      }
      publish();
    };
    // A refusal that came before we listened: the provider is retrying; stop it and say why.
    const earlyRefusal = connection.closedWith !== null ? describeCloseCode(connection.closedWith) : null;
    if (earlyRefusal && !earlyRefusal.reconnect) {
      refusal = earlyRefusal.message;
      provider.disconnect();
    }
    doc.on("update", onUpdate);
    provider.on("sync", onSync);
    provider.on("status", publish);
    provider.on("connection-close", onClose);
    publish();
    return () => {
      doc.off("update", onUpdate);
      provider.off("sync", onSync);
      provider.off("status", publish);
      provider.off("connection-close", onClose);
      releaseAgendaConnection(agendaId, connection);
    };
  }, [agendaId, user.id, user.name, canEdit]);

  return live;
}
