import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { describeCloseCode } from "../../../collab-server/close-codes";
import { agendaRoom } from "~/domain/rooms";
import { colorForUser } from "./colors";

export type SyncState = "connecting" | "synced" | "unsynced" | "offline";

export type LiveAgenda = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  state: SyncState;
  /** A close code's message when the server refused us; no reconnect follows. */
  refusal: { nl: string; en: string } | null;
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
    const room = agendaRoom(agendaId);
    const doc = new Y.Doc();
    const local = canEdit ? new IndexeddbPersistence(`agendawerk:${room}:u${user.id}`, doc) : null;
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const provider = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, room, doc, {
      // Tabs must not sync each other behind the server's back: the server decides who may write.
      disableBc: true,
      maxBackoffTime: 5000,
    });
    provider.awareness.setLocalStateField("user", { id: user.id, name: user.name, color: colorForUser(user.id) });

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
        refusal = { nl: info.nl, en: info.en };
        provider.disconnect();
      }
      publish();
    };
    doc.on("update", onUpdate);
    provider.on("sync", onSync);
    provider.on("status", publish);
    provider.on("connection-close", onClose);
    publish();
    return () => {
      doc.off("update", onUpdate);
      provider.destroy();
      void local?.destroy();
      doc.destroy();
    };
  }, [agendaId, user.id, user.name, canEdit]);

  return live;
}
