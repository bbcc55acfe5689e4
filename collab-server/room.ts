// One loaded document and the connections on it: loading, join and leave, dispatching a client's
// messages, server-side changes, and unloading. Checking changes is the gate's (gate.ts), presence
// rules are presence.ts's, committing and relaying is the turn's (turn.ts).
import * as Y from "yjs";
import { CloseCode } from "./close-codes";
import type { Connection } from "./connection";
import { UpdateGate, type CheckedBatch, type ServerChange } from "./gate";
import { RoomPresence } from "./presence";
import {
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2FromUpdate,
  parseClientMessage,
  ProtocolError,
  type AwarenessEntry,
  type ClientMessage,
} from "./protocol";
import { decodeRoomState, type StoredRoom } from "./storage";
import type { Turn, TurnRoom } from "./turn";
import type { Extension, Logger, ResolvedOptions, RoomStorage } from "./types";

/** Whole-document sync answers at least this big are kept for the next joiner. */
const FULL_STATE_CACHE_BYTES = 16 * 1024;

/** One object shared by every room (not one per room: memory per open document). */
export type RoomDeps = {
  storage: RoomStorage;
  extensions: readonly Extension[];
  log: Logger;
  options: ResolvedOptions;
  turn: Turn;
  onUnloaded(room: Room): void;
};

export class Room implements TurnRoom {
  state: "loading" | "ready" | "closing" | "closed" = "loading";
  readonly conns = new Set<Connection>();
  readonly ready: Promise<void>;
  readonly closed: Promise<void>;
  /** Callers (API operations) that need the room to stay loaded. */
  holds = 0;
  droppedReadOnlyUpdates = 0;
  doc!: Y.Doc;
  private presence!: RoomPresence;
  private gate!: UpdateGate;
  private lastUpdateId = 0;
  private uncompacted = 0;
  /** Sync step 2 with the whole document, until the next change or a sweep; big documents only. */
  private fullState: Uint8Array | null = null;
  /**
   * A big room's stored snapshot as sync step 2 (its `fullState`), once read and before it is
   * decoded: joiners get it while the room decodes it (decision 048). null when there is none, or
   * log rows follow it.
   */
  readonly storedAnswer: Promise<Uint8Array | null>;
  /** The rows read for loading, between the read and the decode. */
  private stored: StoredRoom | null = null;
  /** The state vector of what `storedAnswer` sent: the decoded snapshot's. */
  private storedStateVector: Uint8Array | null = null;
  private unloadTimer: NodeJS.Timeout | null = null;
  private resolveClosed!: () => void;

  constructor(
    readonly name: string,
    private deps: RoomDeps,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    // Loading is asynchronous by contract (a slower store could sit behind it); everything a
    // client sends meanwhile is queued on its connection and replayed after load. Reading and
    // decoding are a turn apart, so the stored answer leaves before the decode holds the loop.
    this.storedAnswer = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.readStored());
    this.ready = this.storedAnswer.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => this.load());
    this.storedAnswer.catch(() => {});
    this.ready.catch(() => {});
  }

  get live() {
    return this.state === "ready" || this.state === "closing";
  }

  /**
   * Reads the room's storage. Only a loaded room writes its storage, and none of this name is loaded
   * until this one is, so the decode a turn later folds exactly these rows. A big snapshot with no
   * log rows after it is the whole document as it is: people opening it get it without encoding.
   */
  private readStored(): Uint8Array | null {
    const stored = (this.stored = this.deps.storage.read(this.name));
    const { snapshot, updates } = stored;
    if (!snapshot || updates.length > 0 || snapshot.state.byteLength < FULL_STATE_CACHE_BYTES) return null;
    this.fullState = encodeSyncStep2FromUpdate(snapshot.state);
    return this.fullState;
  }

  private load() {
    const { storage, log, options, extensions } = this.deps;
    const started = performance.now();
    const loaded = decodeRoomState(this.stored!, this.name, log);
    this.stored = null;
    this.doc = loaded.doc;
    this.lastUpdateId = loaded.lastUpdateId;
    this.uncompacted = loaded.uncompacted;
    if (this.fullState) this.storedStateVector = Y.encodeStateVector(this.doc);
    this.presence = new RoomPresence(this.doc.clientID, options.maxAwarenessClientsPerConnection);
    this.gate = new UpdateGate(this, { options, extensions, loadOwners: () => storage.owners(this.name) });
    for (const ext of extensions) ext.load?.(this);
    this.state = "ready";
    log.info("collab: room loaded", { room: this.name, ms: performance.now() - started, logRows: loaded.uncompacted });
  }

  // ---- connections -------------------------------------------------------------------------

  join(conn: Connection) {
    this.cancelUnload();
    this.conns.add(conn);
    // Read-only clients are not asked for their state: whatever they have would be dropped.
    if (conn.access !== "read") conn.send(encodeSyncStep1(this.doc));
    if (this.presence.size > 0) conn.send(this.presenceMessage(this.presence.all()));
    conn.attach((c, frame) => this.receive(c, frame));
  }

  leave(conn: Connection) {
    if (!this.conns.delete(conn)) return;
    if (conn.controlledIds.size > 0 && this.state === "ready") {
      this.presence.leave(conn);
      this.deps.turn.add(this);
    }
    this.maybeScheduleUnload();
  }

  /** One frame from a client: decoded strictly, then acted on; anything refused closes its sender. */
  receive(conn: Connection, frame: Uint8Array) {
    if (conn.closing || this.state !== "ready") return;
    let message: ClientMessage;
    try {
      message = parseClientMessage(frame, {
        maxAwarenessStateBytes: this.deps.options.maxAwarenessStateBytes,
        // A y-websocket client echoes the presence snapshot it got on joining, one entry per
        // person in the room: the bound must exceed any real room, the payload limit does the rest.
        maxAwarenessEntries: 4096,
        // Readers' updates are dropped unread; editors' are decoded once, by the cost check.
        decodeUpdates: false,
        isStale: (clientId, clock) => this.presence.isStale(conn, clientId, clock),
      });
    } catch (err) {
      this.deps.log.warn("collab: malformed frame", { room: this.name, conn: conn.id, userId: conn.userId, err: String(err) });
      conn.close(CloseCode.MalformedMessage);
      return;
    }
    try {
      this.dispatch(conn, message);
    } catch (err) {
      if (err instanceof ProtocolError) {
        this.deps.log.warn("collab: rejected message", { room: this.name, conn: conn.id, userId: conn.userId, err: err.message });
        conn.close(err.closeCode);
      } else {
        this.deps.log.error("collab: message handling failed", { room: this.name, conn: conn.id, userId: conn.userId, err: String(err) });
        conn.close(CloseCode.InternalError);
      }
    }
  }

  private dispatch(conn: Connection, message: ClientMessage) {
    switch (message.kind) {
      case "sync-step-1":
        conn.send(this.syncAnswer(conn, message.stateVector));
        return;
      case "update":
        if (conn.access === "read") {
          // Dropped silently: the y-websocket client sends its state after every sync, and
          // closing read-only viewers for that would lock them out.
          this.droppedReadOnlyUpdates++;
          return;
        }
        this.gate.checkClientUpdate(conn, message.update);
        if (this.gate.hasPending) this.deps.turn.add(this);
        return;
      case "awareness":
        this.presence.apply(conn, message.entries, this.conns, (state) => this.checkPresence(conn, state));
        if (this.presence.hasChanges) this.deps.turn.add(this);
        return;
      case "query-awareness":
        conn.send(this.presenceMessage(this.presence.all()));
        return;
    }
  }

  /**
   * Sync step 2. A client with nothing (state vector of zero entries: one byte, 0) gets the whole
   * document: encoded once and shared by everyone who joins before the next change, so ten people
   * opening a big document at once do not cost ten encodings.
   */
  private syncAnswer(conn: Connection, stateVector: Uint8Array): Uint8Array {
    // A joiner sent the stored snapshot while the room loaded asked before it had it: it needs only
    // what changed since (without this, 312 KB went out twice).
    const early = conn.sentStoredState;
    conn.sentStoredState = false;
    if (early && this.storedStateVector && stateVector.length === 1 && stateVector[0] === 0) return encodeSyncStep2(this.doc, this.storedStateVector);
    if (stateVector.length !== 1 || stateVector[0] !== 0) return encodeSyncStep2(this.doc, stateVector);
    const full = this.fullState ?? encodeSyncStep2FromUpdate(Y.encodeStateAsUpdate(this.doc));
    // Small documents are cheap to encode again; keeping them would cost memory per room.
    if (full.byteLength >= FULL_STATE_CACHE_BYTES) this.fullState = full;
    return full;
  }

  private checkPresence(conn: Connection, state: Record<string, unknown>) {
    for (const ext of this.deps.extensions) if (ext.checkPresence) state = ext.checkPresence({ room: this, connection: conn, state });
    return state;
  }

  private presenceMessage(entries: AwarenessEntry[]) {
    return encodeAwarenessMessage(encodeAwarenessEntries(entries));
  }

  // ---- server-side changes -----------------------------------------------------------------

  /**
   * Runs a server-side change through the gate and the turn like a client's update: checked on the
   * trial copy, then applied, logged and relayed before this returns. Its errors (its own, or an
   * extension's refusal) go back to the caller; the live document and the connections never see
   * them.
   */
  transact<T>(userId: number | null, change: (doc: Y.Doc, origin: ServerChange) => T): T {
    if (this.state !== "ready") throw new Error(`room ${this.name} is not loaded`);
    const result = this.gate.checkServerChange(userId, change);
    this.deps.turn.add(this);
    this.deps.turn.run();
    // The commit failed: the room (with the change) was dropped, and the caller must know.
    if ((this.state as Room["state"]) === "closed") throw new Error(`room ${this.name} failed; the change was not stored`);
    return result;
  }

  // ---- the turn's part (turn.ts) -----------------------------------------------------------

  takeChecked(): CheckedBatch[] {
    return this.live ? this.gate.takePending() : [];
  }

  takePresence(): AwarenessEntry[] {
    return this.live ? this.presence.takeChanges() : [];
  }

  changed() {
    this.fullState = null;
  }

  logged(ids: number[]): boolean {
    if (ids.length > 0) {
      this.lastUpdateId = ids[ids.length - 1];
      this.uncompacted += ids.length;
    }
    return this.state === "ready" && this.uncompacted >= this.deps.options.compactEvery;
  }

  compact() {
    this.deps.storage.compact(this.name, Y.encodeStateAsUpdate(this.doc), this.lastUpdateId, this.deps.options.now());
    this.uncompacted = 0;
  }

  /**
   * The live document holds state that is not durable (or is damaged): drop it and everyone on
   * it. Clients keep their edits locally and send them again when they reconnect.
   */
  fail(err: unknown) {
    if (this.state === "closed") return;
    this.deps.log.error("collab: room failed, dropping it", { room: this.name, err: String(err) });
    this.gate?.discard();
    this.presence?.takeChanges();
    this.deps.turn.forget(this);
    for (const conn of this.conns) conn.close(CloseCode.InternalError);
    this.dispose();
  }

  /**
   * Periodic upkeep, one timer for all rooms: expires presence not renewed for 30 s, drops the
   * trial copy after `shadowIdleMs` without updates and the cached sync answer.
   */
  sweep(now: number) {
    if (this.state !== "ready") return;
    this.presence.expire(now);
    if (this.presence.hasChanges) this.deps.turn.add(this);
    this.gate.sweep(now);
    this.fullState = null;
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  private cancelUnload() {
    if (this.unloadTimer) {
      clearTimeout(this.unloadTimer);
      this.unloadTimer = null;
    }
  }

  maybeScheduleUnload() {
    if (this.state !== "ready" || this.conns.size > 0 || this.holds > 0 || this.unloadTimer) return;
    this.unloadTimer = setTimeout(() => {
      this.unloadTimer = null;
      if (this.conns.size === 0 && this.holds === 0) void this.unload();
    }, this.deps.options.idleUnloadMs);
  }

  /**
   * Final write, then forget the room. While this runs the room stays registered as "closing",
   * so a reconnect waits for `closed` and then loads what was written.
   */
  async unload() {
    if (this.state === "loading") await this.ready.catch(() => {});
    if (this.state !== "ready") return this.closed;
    this.state = "closing";
    this.cancelUnload();
    try {
      this.deps.turn.run();
      if ((this.state as string) === "closing") {
        for (const ext of this.deps.extensions) ext.beforeUnload?.(this);
        if (this.uncompacted > 0) this.compact();
      }
    } catch (err) {
      this.deps.log.error("collab: final write of room failed", { room: this.name, err: String(err) });
    } finally {
      this.dispose();
    }
    return this.closed;
  }

  private dispose() {
    if (this.state === "closed") return;
    this.state = "closed";
    this.cancelUnload();
    this.deps.turn.forget(this);
    this.doc?.destroy();
    this.gate?.discard();
    this.fullState = null;
    for (const ext of this.deps.extensions) {
      try {
        ext.afterUnload?.(this);
      } catch (err) {
        this.deps.log.error("collab: after-unload step failed", { room: this.name, err: String(err) });
      }
    }
    this.deps.onUnloaded(this);
    this.resolveClosed();
  }
}
