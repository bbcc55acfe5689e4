// The generic room server's contract with its embedder: who connects (Identity), what the
// embedder plugs in (Extension hooks, RoomStorage) and the limits (ServerOptions). Nothing here
// knows what a room holds; the agenda is one embedder (app/collab/).
import type { IncomingMessage } from "node:http";
import type * as Y from "yjs";
import type { CloseCodeValue } from "./close-codes";

export type Logger = {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/**
 * What a connection may do. "limited": it sends updates like an editor, but each is judged in full
 * by the embedder (an extension with `beforeUpdate` sees the trial copy before it and checkUpdate
 * after it); without such an extension its updates are refused. "read": its updates are dropped.
 */
export type Access = "edit" | "limited" | "read";

/**
 * Who a socket speaks for, as the authenticate hook found. `context` is the hook's own (e.g. every
 * membership of the user) for authorize; only userId, sessionId and name stay with the socket.
 */
export type Identity = { userId: number; sessionId: string; name: string; context?: unknown };

/** A refusal from a hook: the connection (or the API caller) gets this close code. */
export class Refusal extends Error {
  constructor(
    readonly closeCode: CloseCodeValue,
    message: string,
  ) {
    super(message);
  }
}

/** What hooks see of a room: its name and live document (read it; change it only through transact). */
export type RoomView = { readonly name: string; readonly doc: Y.Doc };

/** What hooks see of a connection. */
export type ConnectionView = Identity & { readonly access: Access };

/**
 * What an embedder plugs into the server. Hooks run in this order over a room's life (decision 020):
 * authenticate → authorize → load → checkUpdate / checkPresence (every message) → beforeChange →
 * afterCommit (every turn that changed the document) → beforeUnload → afterUnload.
 * Hooks of several extensions run in the order the extensions were given; the first authenticate
 * and authorize that answer decide.
 */
export type Extension = {
  /** Who sends this upgrade request; null refuses it (Unauthorized). */
  authenticate?(request: IncomingMessage): Identity | null | Promise<Identity | null>;
  /** What this identity may do in the room `roomName` names, or a close code refusing it. */
  authorize?(args: { identity: Identity; roomName: string }): Access | CloseCodeValue;
  /** Whether a session authenticated earlier is still live; asked every sessionCheckIntervalMs. */
  sessionLive?(sessionId: string): boolean;
  /** A session's sockets sent accepted edits since the last check (use of the session). */
  sessionUsed?(sessionId: string): void;
  /** The room's document was read from storage. */
  load?(room: RoomView): void;
  /**
   * An update (a client's, or a server-side change's: connection null) applied to the room's trial
   * copy, with the transactions it made there. Throw a Refusal to refuse it; nothing reaches the
   * live document, the log or anyone else.
   */
  checkUpdate?(args: {
    room: RoomView;
    connection: ConnectionView | null;
    doc: Y.Doc;
    transactions: Y.Transaction[];
    /** What this extension's beforeUpdate returned, for a "limited" connection's update; else undefined. */
    before?: unknown;
  }): void;
  /**
   * A "limited" connection's update is about to be tried on the trial copy `doc`: return what
   * checkUpdate needs of the state before it (the copy is changed in place).
   */
  beforeUpdate?(args: { room: RoomView; connection: ConnectionView; doc: Y.Doc }): unknown;
  /** A presence state a connection claims for one of its client ids: return what to relay, throw a Refusal to refuse. */
  checkPresence?(args: { room: RoomView; connection: ConnectionView; state: Record<string, unknown> }): Record<string, unknown>;
  /**
   * The turn is about to apply checked changes to the live document. What it returns runs inside the
   * turn's commit transaction, before the log rows, if the turn changed the document (`userId`: who
   * made the first change).
   */
  beforeChange?(room: RoomView): ((userId: number | null) => void) | void;
  /** The turn's changes to the room are durable and relayed (e.g. mark the room for projection). */
  afterCommit?(room: RoomView): void;
  /** Last call before the room is written a final time and forgotten. */
  beforeUnload?(room: RoomView): void;
  /** The room is gone: unloaded, or dropped because its state could not be trusted. */
  afterUnload?(room: RoomView): void;
};

/** A row of the update log, with the client ids its user claims by it (client-owners.ts). */
export type LogRow = { room: string; update: Uint8Array; userId: number | null; claims: number[] };

/**
 * Durable storage of room documents: an append-only update log folded now and then into one
 * snapshot per room, and the client-id owners. Synchronous: when a call returns, it is committed.
 */
export interface RoomStorage {
  /** The room's snapshot and the log rows after it, in order. */
  read(room: string): { snapshot: { state: Uint8Array; upToUpdateId: number } | null; updates: Array<{ id: number; update: Uint8Array }> };
  /** Client id -> user who first wrote under it. */
  owners(room: string): Map<number, number>;
  /** One transaction: `before` (extensions' writes), then the rows and their claims. Returns the rows' ids in order. */
  append(rows: readonly LogRow[], before: () => void): number[];
  /** Replaces the snapshot by `state` (everything up to `upToUpdateId`) and deletes those log rows. */
  compact(room: string, state: Uint8Array, upToUpdateId: number, now: Date): void;
}

export type ServerOptions = {
  /** URL path prefix; the rest of the path is the room name. */
  pathPrefix?: string;
  /** Whether a page of this Origin may open a room; unset refuses every upgrade (fail closed). */
  originAllowed?: (origin: string | undefined) => boolean;
  /** Largest WebSocket frame accepted; bigger frames close the connection with 1009. */
  maxPayloadBytes?: number;
  /**
   * Work one update may ask for before it is applied anywhere (update-cost.ts; one unit is about
   * one step of Yjs's conflict resolution). More closes with 4413.
   */
  maxUpdateCostUnits?: number;
  /** Measured time of one update's trial apply past which it is refused (4413) after all. */
  maxUpdateMs?: number;
  /** Bytes of one connection handled per event-loop turn; the rest wait for later turns. */
  maxBytesPerTurn?: number;
  /** Handling time of one connection per event-loop turn; the rest wait for later turns. */
  maxMsPerTurn?: number;
  /** Handling time one user may spend on average (ms per second), over all their sockets... */
  userMsPerSecond?: number;
  /** ...and in one burst before their frames wait. */
  userBurstMs?: number;
  /** How long a user whose update was refused as too expensive may not open sockets (4413). */
  expensiveCooldownMs?: number;
  /** Open sockets per user; 0 for no limit. More are closed with 4429. */
  maxConnectionsPerUser?: number;
  /** Open sockets per client address; 0 for no limit. More are closed with 4429. */
  maxConnectionsPerAddress?: number;
  /** The client's address for the per-address cap (behind a proxy: from X-Forwarded-For). */
  clientAddress?: (req: IncomingMessage) => string | undefined;
  /** How often every open socket's session is checked (Extension.sessionLive); 0 never. */
  sessionCheckIntervalMs?: number;
  /** Bytes queued towards one client before it is considered stuck and closed. */
  maxBufferedBytes?: number;
  pingIntervalMs?: number;
  /** How long a room without connections stays loaded. */
  idleUnloadMs?: number;
  /** Fold the update log into the snapshot after this many updates of one room. */
  compactEvery?: number;
  /** Messages a connection may send while its room is still loading. */
  maxQueuedMessages?: number;
  maxAwarenessStateBytes?: number;
  maxAwarenessClientsPerConnection?: number;
  /** Frames of one connection handled per event-loop turn; the rest wait for later turns. */
  maxFramesPerTurn?: number;
  /** How long a room keeps its trial copy without updates before dropping it. */
  shadowIdleMs?: number;
  now?: () => Date;
};

export type ResolvedOptions = Required<ServerOptions>;

export function resolveOptions(options: ServerOptions = {}): ResolvedOptions {
  return {
    pathPrefix: options.pathPrefix ?? "/collab/",
    originAllowed: options.originAllowed ?? (() => false),
    // Limits and their reasons: README "Limits" and decision 009.
    maxPayloadBytes: options.maxPayloadBytes ?? 256 * 1024,
    maxUpdateCostUnits: options.maxUpdateCostUnits ?? 100_000,
    maxUpdateMs: options.maxUpdateMs ?? 100,
    maxBytesPerTurn: options.maxBytesPerTurn ?? 256 * 1024,
    maxMsPerTurn: options.maxMsPerTurn ?? 20,
    userMsPerSecond: options.userMsPerSecond ?? 250,
    userBurstMs: options.userBurstMs ?? 1_000,
    expensiveCooldownMs: options.expensiveCooldownMs ?? 60_000,
    maxConnectionsPerUser: options.maxConnectionsPerUser ?? 32,
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? 512,
    clientAddress: options.clientAddress ?? ((req) => req.socket.remoteAddress),
    sessionCheckIntervalMs: options.sessionCheckIntervalMs ?? 5_000,
    maxBufferedBytes: options.maxBufferedBytes ?? 16 * 1024 * 1024,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    idleUnloadMs: options.idleUnloadMs ?? 2_000,
    compactEvery: options.compactEvery ?? 500,
    maxQueuedMessages: options.maxQueuedMessages ?? 200,
    maxAwarenessStateBytes: options.maxAwarenessStateBytes ?? 8 * 1024,
    maxAwarenessClientsPerConnection: options.maxAwarenessClientsPerConnection ?? 4,
    maxFramesPerTurn: options.maxFramesPerTurn ?? 256,
    shadowIdleMs: options.shadowIdleMs ?? 60_000,
    now: options.now ?? (() => new Date()),
  };
}
