// Reading a room's document from its storage (types.ts RoomStorage): the snapshot, then the log
// rows after it, into a fresh document (gc on: versions, kept by the embedder, hold history).
import * as Y from "yjs";
import type { Logger, RoomStorage } from "./types";

export type LoadedState = {
  doc: Y.Doc;
  /** Highest log row id folded into `doc` (snapshot or log), 0 when none. */
  lastUpdateId: number;
  /** Log rows after the snapshot: how much compaction would fold. */
  uncompacted: number;
};

/** What a room's storage holds: its snapshot and the log rows after it. */
export type StoredRoom = ReturnType<RoomStorage["read"]>;

/** Yjs's default, but one function for every document instead of a closure each. */
const collectEverything = () => true;

export function loadRoomState(storage: Pick<RoomStorage, "read">, room: string, log: Logger): LoadedState {
  return decodeRoomState(storage.read(room), room, log);
}

/** Rows read from a room's storage, folded into a fresh document. */
export function decodeRoomState({ snapshot, updates }: StoredRoom, room: string, log: Logger): LoadedState {
  // The room's name as the guid (only subdocuments use one) saves a fresh UUID string per open document.
  const doc = new Y.Doc({ guid: room, gcFilter: collectEverything });
  let lastUpdateId = 0;
  if (snapshot) {
    Y.applyUpdate(doc, snapshot.state);
    lastUpdateId = snapshot.upToUpdateId;
  }
  if (updates.length > 0) {
    doc.transact(() => {
      for (const row of updates) {
        try {
          Y.applyUpdate(doc, row.update);
        } catch (err) {
          // Only checked updates are stored; a failure here means disk corruption. Losing one
          // update beats refusing the whole room.
          log.error("collab: stored update does not apply", { room, id: row.id, err: String(err) });
        }
      }
    });
    lastUpdateId = updates[updates.length - 1].id;
  }
  return { doc, lastUpdateId, uncompacted: updates.length };
}

/** Current state of a room as one update, without keeping a room loaded. */
export function readRoomState(storage: Pick<RoomStorage, "read">, room: string, log: Logger): Uint8Array {
  const { doc } = loadRoomState(storage, room, log);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
