// The y-websocket wire protocol, decoded strictly: a frame is parsed completely (and must end
// exactly where its last field ends) before anything acts on it, so a malformed frame can never
// be half-applied. Anything that does not parse throws ProtocolError.
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import { CloseCode, type CloseCodeValue } from "./close-codes";

export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

/** A frame or message refused; its connection is closed with `closeCode`. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly closeCode: CloseCodeValue = CloseCode.MalformedMessage,
  ) {
    super(message);
  }
}

export type AwarenessEntry = { clientId: number; clock: number; state: unknown };

export type ClientMessage =
  | { kind: "sync-step-1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array; step2: boolean }
  | { kind: "awareness"; entries: AwarenessEntry[] }
  | { kind: "query-awareness" };

export type ParseLimits = {
  maxAwarenessStateBytes: number;
  maxAwarenessEntries: number;
  /**
   * Entries for which this returns true are bounds-checked but neither UTF-8- nor JSON-decoded,
   * and left out of the result: the receiver already knows a state at least that new (the echoes
   * y-websocket clients send of everything they receive, N per change in a room of N).
   */
  isStale?: (clientId: number, clock: number) => boolean;
  /**
   * Decode update payloads here (default). The room turns this off: readers' updates are dropped
   * unread (decoding a few MB only to drop them cost hundreds of MB), editors' are decoded once by
   * the cost check before anything is applied.
   */
  decodeUpdates?: boolean;
};

function readVarUint(decoder: decoding.Decoder): number {
  // lib0 happily reads past the end into undefined; guard so truncation is an error, not NaN.
  if (!decoding.hasContent(decoder)) throw new ProtocolError("truncated");
  const n = decoding.readVarUint(decoder);
  if (!Number.isSafeInteger(n) || n < 0) throw new ProtocolError("bad varuint");
  return n;
}

function readBytes(decoder: decoding.Decoder): Uint8Array {
  const len = readVarUint(decoder);
  if (decoder.pos + len > decoder.arr.length) throw new ProtocolError("truncated bytes");
  return decoding.readUint8Array(decoder, len);
}

function readString(decoder: decoding.Decoder, maxBytes: number): string {
  const len = readVarUint(decoder);
  if (len > maxBytes) throw new ProtocolError("string too long");
  if (decoder.pos + len > decoder.arr.length) throw new ProtocolError("truncated string");
  const bytes = decoding.readUint8Array(decoder, len);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ProtocolError("invalid utf-8");
  }
}

function expectEnd(decoder: decoding.Decoder) {
  if (decoding.hasContent(decoder)) throw new ProtocolError("trailing bytes");
}

/** Structural check of an update: throws on anything Yjs cannot decode. */
export function assertDecodableUpdate(update: Uint8Array) {
  try {
    Y.decodeUpdate(update);
  } catch (err) {
    throw new ProtocolError(`undecodable update: ${(err as Error).message}`);
  }
}

export function decodeAwarenessUpdate(bytes: Uint8Array, limits: ParseLimits): AwarenessEntry[] {
  const decoder = decoding.createDecoder(bytes);
  const count = readVarUint(decoder);
  if (count > limits.maxAwarenessEntries) throw new ProtocolError("too many awareness entries");
  // Each entry takes at least three bytes: a count the payload cannot hold is a lie.
  if (count * 3 > decoder.arr.length - decoder.pos) throw new ProtocolError("truncated awareness update");
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = readVarUint(decoder);
    const clock = readVarUint(decoder);
    // Yjs client ids are uint32.
    if (clientId > 0xffffffff) throw new ProtocolError("bad client id");
    if (limits.isStale?.(clientId, clock)) {
      const len = readVarUint(decoder);
      if (len > limits.maxAwarenessStateBytes) throw new ProtocolError("string too long");
      if (decoder.pos + len > decoder.arr.length) throw new ProtocolError("truncated string");
      decoder.pos += len;
      continue;
    }
    const json = readString(decoder, limits.maxAwarenessStateBytes);
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new ProtocolError("awareness state is not JSON");
    }
    if (state !== null && (typeof state !== "object" || Array.isArray(state))) {
      throw new ProtocolError("awareness state must be an object or null");
    }
    entries.push({ clientId, clock, state });
  }
  expectEnd(decoder);
  return entries;
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

export function parseClientMessage(frame: Uint8Array, limits: ParseLimits): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const type = readVarUint(decoder);
  switch (type) {
    case MessageType.Sync: {
      const syncType = readVarUint(decoder);
      const payload = readBytes(decoder);
      expectEnd(decoder);
      if (syncType === SyncType.Step1) {
        try {
          Y.decodeStateVector(payload);
        } catch {
          throw new ProtocolError("bad state vector");
        }
        return { kind: "sync-step-1", stateVector: payload };
      }
      if (syncType === SyncType.Step2 || syncType === SyncType.Update) {
        if (limits.decodeUpdates !== false) assertDecodableUpdate(payload);
        return { kind: "update", update: payload, step2: syncType === SyncType.Step2 };
      }
      throw new ProtocolError(`unknown sync type ${syncType}`);
    }
    case MessageType.Awareness: {
      const payload = readBytes(decoder);
      expectEnd(decoder);
      return { kind: "awareness", entries: decodeAwarenessUpdate(payload, limits) };
    }
    case MessageType.QueryAwareness:
      expectEnd(decoder);
      return { kind: "query-awareness" };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function encodeSyncMessage(type: (typeof SyncType)[keyof typeof SyncType], payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return encodeSyncMessage(SyncType.Step1, Y.encodeStateVector(doc));
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return encodeSyncMessage(SyncType.Step2, Y.encodeStateAsUpdate(doc, stateVector));
}

/** Sync step 2 carrying an already encoded update (the whole document, for a client with nothing). */
export function encodeSyncStep2FromUpdate(update: Uint8Array): Uint8Array {
  return encodeSyncMessage(SyncType.Step2, update);
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  return encodeSyncMessage(SyncType.Update, update);
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}
