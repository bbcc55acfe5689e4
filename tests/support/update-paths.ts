// The ways one change can reach a room over the wire: an update message in either encoding, sync
// step 2, or merged into an update with an honest edit. The room must judge the state a change
// leaves, not its bytes, so every refusal is tested on each of these paths.
import * as Y from "yjs";
import * as encoding from "lib0/encoding";

type Change = (doc: Y.Doc) => void;
/** What a path needs of a raw y-protocols client (tests/collab/helpers.ts RawClient). */
type Wire = { send(frame: Uint8Array): void; sendUpdate(update: Uint8Array): void };
export type Crafted = (change: Change, encodeV2?: boolean) => Promise<Uint8Array>;

/** Makes a change on a copy of the live document and returns it as the update a client would send. */
export const crafter =
  (liveState: () => Promise<Uint8Array>): Crafted =>
  async (change, encodeV2 = false) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, await liveState());
    const before = Y.encodeStateVector(copy);
    change(copy);
    // The same content through the other encoding: what is judged is the state, not the bytes.
    return encodeV2 ? Y.convertUpdateFormatV2ToV1(Y.encodeStateAsUpdateV2(copy, before)) : Y.encodeStateAsUpdate(copy, before);
  };

export const syncStep2Frame = (update: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
};

export type UpdatePath = { name: string; send: (client: Wire, change: Change) => Promise<void> };

/** `honest` is an edit the sender may make: a refused change must not pass hidden beside one. */
export const updatePaths = (crafted: Crafted, honest: Change): UpdatePath[] => [
  { name: "update message (V1)", send: async (c, change) => c.sendUpdate(await crafted(change)) },
  { name: "update encoded as V2, converted", send: async (c, change) => c.sendUpdate(await crafted(change, true)) },
  { name: "sync step 2", send: async (c, change) => c.send(syncStep2Frame(await crafted(change))) },
  { name: "merged with an honest edit", send: async (c, change) => c.sendUpdate(Y.mergeUpdates([await crafted(honest), await crafted(change)])) },
];
