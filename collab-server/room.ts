// One loaded agenda document and the connections editing it.
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { Db } from "../db";
import { ClientOwners, type OwnershipVerdict } from "./client-owners";
import { CloseCode } from "./close-codes";
import { Connection } from "./connection";
import {
  calendarDay,
  compactRoom,
  latestDailyVersionAt,
  loadRoomState,
  type PendingVersion,
} from "./persistence";
import { projectToReadModel, type Projectable, type ProjectionSchedule } from "./projection";
import {
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2FromUpdate,
  encodeUpdateMessage,
  parseClientMessage,
  ProtocolError,
  type AwarenessEntry,
  type ClientMessage,
} from "./protocol";
import type { Logger, ResolvedOptions } from "./types";
import { assessUpdate, type CostVerdict } from "./update-cost";
import { changeViolations, SchemaViolationError, type SchemaViolation } from "../app/domain/agenda-schema";
import { parsePresence } from "../app/domain/presence";
import type { WriteParticipant, WriteQueue } from "./write-queue";

/** Whole-document sync answers at least this big are kept for the next joiner. */
const FULL_STATE_CACHE_BYTES = 16 * 1024;

/** Origin of changes the server makes itself (restore), with the user to record. */
export class LocalOrigin {
  constructor(readonly userId: number | null) {}
}

type RoomDeps = {
  db: Db;
  log: Logger;
  options: ResolvedOptions;
  writer: WriteQueue;
  projections: ProjectionSchedule;
  onUnloaded(room: Room): void;
};

export class Room implements WriteParticipant, Projectable {
  state: "loading" | "ready" | "closing" | "closed" = "loading";
  readonly conns = new Set<Connection>();
  readonly ready: Promise<void>;
  readonly closed: Promise<void>;
  /** Callers (API operations) that need the room to stay loaded. */
  holds = 0;
  droppedReadOnlyUpdates = 0;

  doc!: Y.Doc;
  // A twin of `doc` that every incoming update is tried on first: if Yjs throws half-way
  // through integrating a crafted update, only the twin is damaged (and rebuilt), never the
  // live document and never the log.
  // Built on the first update and dropped after a while without updates (see sweep): copying a
  // big document doubles its load time and its memory, and nobody needs the copy to read.
  private shadow: Y.Doc | null = null;
  /** Date.now() of the last accepted update, for dropping the shadow when idle. */
  private lastUpdateAt = 0;
  awareness!: awarenessProtocol.Awareness;
  private lastUpdateId = 0;
  private uncompacted = 0;
  private lastDailyDay: string | null = null;
  private outbox: Array<[Connection, Uint8Array]> = [];
  // What changed during the current event-loop turn. Relayed once it is committed, encoded once
  // for everyone: one merged update message and one awareness message per turn, however many
  // frames came in (a burst of keystrokes, every editor's presence renewal).
  private tickUpdates: Array<{ update: Uint8Array; origin: unknown }> = [];
  // Validated client updates of this turn, per sender in arrival order, applied to the live
  // document at the end of the turn in one transaction each: one merged update to log and relay.
  private pendingLive: Array<{ conn: Connection; updates: Uint8Array[] }> = [];
  /** Sync step 2 with the whole document, until the next change or a sweep; big documents only. */
  private fullState: Uint8Array | null = null;
  // Created when needed, as are the owners: an empty Map costs ~200 bytes per open room.
  private tickAwareness: Map<number, AwarenessEntry | null> | null = null;
  /** Awareness client id -> user that first claimed it, so nobody can take over another's cursor. */
  private awarenessOwners: Map<number, number> | null = null;
  /**
   * Client id -> user that first wrote content under it, so nobody writes under another's id.
   * Loaded from ydoc_clients on the first update. Kept apart from presence: clients echo each
   * other's presence, so who first sent a presence state proves nothing about who made it.
   */
  private contentOwners: ClientOwners | null = null;
  private unloadTimer: NodeJS.Timeout | null = null;
  private dirtyForProjection = false;
  private resolveClosed!: () => void;

  constructor(
    readonly name: string,
    readonly agendaId: number,
    private deps: RoomDeps,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    // Loading is asynchronous by contract (a slower store could sit behind it); everything a
    // client sends meanwhile is queued on its connection and replayed after load.
    this.ready = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.load());
    this.ready.catch(() => {});
  }

  private load() {
    const { db, log } = this.deps;
    const started = performance.now();
    const loaded = loadRoomState(db, this.name, log);
    this.doc = loaded.doc;
    this.lastUpdateId = loaded.lastUpdateId;
    this.uncompacted = loaded.uncompacted;
    // People opening a big agenda right after it loads get the stored snapshot as it is: no
    // encoding of the document on the way in.
    if (loaded.wholeState && loaded.wholeState.byteLength >= FULL_STATE_CACHE_BYTES) {
      this.fullState = encodeSyncStep2FromUpdate(loaded.wholeState);
    }
    const lastDaily = latestDailyVersionAt(db, this.agendaId);
    this.lastDailyDay = lastDaily ? calendarDay(lastDaily, this.deps.options.timeZone) : null;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // One sweep for all rooms expires presence (see sweep), not a timer per room.
    clearInterval(this.awareness._checkInterval);
    this.awareness._checkInterval = null;
    this.awareness.setLocalState(null);
    this.awareness.on("update", this.onAwarenessUpdate);
    this.doc.on("update", this.onDocUpdate);
    this.state = "ready";
    // The read model may predate what the projection reads now (parts stored damaged before the
    // schema was enforced are marked since): one projection per load, batched off the load's path.
    this.dirtyForProjection = true;
    this.deps.projections.mark(this);
    log.info("collab: room loaded", { room: this.name, ms: performance.now() - started, logRows: loaded.uncompacted });
  }

  // ---- connections -------------------------------------------------------------------------

  join(conn: Connection) {
    this.cancelUnload();
    this.conns.add(conn);
    // Read-only clients are not asked for their state: whatever they have would be dropped.
    if (conn.access === "edit") this.send(conn, encodeSyncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      this.send(
        conn,
        encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])),
      );
    }
    for (const frame of conn.queued.splice(0)) this.receive(conn, frame);
  }

  leave(conn: Connection) {
    if (!this.conns.delete(conn)) return;
    if (conn.controlledIds.size > 0 && this.state === "ready") {
      const ids = [...conn.controlledIds];
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
      // A reconnecting client resends its state with the same clock; without this the server
      // would ignore it until the next renewal (15 s) and the user's presence would blink out.
      for (const id of ids) this.awareness.meta.delete(id);
    }
    this.maybeScheduleUnload();
  }

  receive(conn: Connection, frame: Uint8Array) {
    if (conn.closing || this.state !== "ready") return;
    let message: ClientMessage;
    try {
      message = parseClientMessage(frame, {
        maxAwarenessStateBytes: this.deps.options.maxAwarenessStateBytes,
        // A y-websocket client echoes the presence snapshot it got on joining, one entry per
        // person in the room: the bound must exceed any real room, the payload limit does the rest.
        maxAwarenessEntries: 4096,
        decodeUpdates: false,
        isStale: (clientId, clock) => {
          if (conn.controlledIds.has(clientId)) return false;
          const meta = this.awareness.meta.get(clientId);
          return meta !== undefined && clock <= meta.clock;
        },
      });
    } catch (err) {
      this.deps.log.warn("collab: malformed frame", { room: this.name, userId: conn.userId, err: String(err) });
      conn.close(CloseCode.MalformedMessage);
      return;
    }
    try {
      this.handle(conn, message);
    } catch (err) {
      if (err instanceof ProtocolError) {
        this.deps.log.warn("collab: rejected message", { room: this.name, userId: conn.userId, err: err.message });
        conn.close(err.closeCode);
      } else if (err instanceof SchemaViolationError) {
        this.deps.log.warn("collab: update breaks the document schema", { room: this.name, userId: conn.userId, err: err.message });
        conn.close(CloseCode.SchemaViolation);
      } else {
        this.deps.log.error("collab: message handling failed", { room: this.name, err: String(err) });
        conn.close(CloseCode.InternalError);
      }
    }
  }

  private handle(conn: Connection, message: ClientMessage) {
    switch (message.kind) {
      case "sync-step-1":
        // A client with nothing (state vector of zero entries: one byte, 0) gets the whole
        // document: encoded once and shared by everyone who joins before the next change, so ten
        // people opening a big agenda at once do not cost ten encodings.
        if (message.stateVector.length === 1 && message.stateVector[0] === 0) {
          const full = this.fullState ?? encodeSyncStep2FromUpdate(Y.encodeStateAsUpdate(this.doc));
          // Small documents are cheap to encode again; keeping them would cost memory per room.
          if (full.byteLength >= FULL_STATE_CACHE_BYTES) this.fullState = full;
          this.send(conn, full);
        } else {
          this.send(conn, encodeSyncStep2(this.doc, message.stateVector));
        }
        return;
      case "update":
        if (conn.access !== "edit") {
          // Dropped silently: the y-websocket client sends its state after every sync, and
          // closing read-only viewers for that would lock them out.
          this.droppedReadOnlyUpdates++;
          return;
        }
        this.applyClientUpdate(conn, message.update);
        return;
      case "awareness":
        this.applyAwareness(conn, message.entries);
        return;
      case "query-awareness": {
        const ids = [...this.awareness.getStates().keys()];
        this.send(conn, encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
        return;
      }
    }
  }

  // ---- document updates --------------------------------------------------------------------

  private owners(): ClientOwners {
    return (this.contentOwners ??= ClientOwners.load(this.deps.db, this.name));
  }

  private ensureShadow(): Y.Doc {
    if (!this.shadow && this.state !== "closed") {
      this.shadow = new Y.Doc();
      Y.applyUpdate(this.shadow, Y.encodeStateAsUpdate(this.doc));
    }
    return this.shadow!;
  }

  private applyClientUpdate(conn: Connection, update: Uint8Array) {
    // No structs and no deletions (what a client with an empty document answers to sync step 1):
    // nothing to apply, log or relay.
    if (update.length === 2 && update[0] === 0 && update[1] === 0) return;
    this.lastUpdateAt = Date.now();
    // Before anything is applied, on the state it would be applied to (the live document when
    // there is no copy yet: then nothing is pending): a refusal here costs no rebuild.
    this.refuseCostly(update);
    const shadow = this.ensureShadow();
    let verdict: OwnershipVerdict;
    try {
      verdict = this.owners().admit(
        conn.userId,
        update,
        (id) => id === this.doc.clientID || id === shadow.clientID,
        (id) => Y.getState(shadow.store, id),
      );
    } catch (err) {
      throw new ProtocolError(`update does not decode: ${(err as Error).message}`);
    }
    if (!verdict.ok) throw new ProtocolError(`update writes under client id ${verdict.clientId}, which is not this user's`);
    let violations: SchemaViolation[];
    const started = performance.now();
    try {
      // Judged on the state the update leaves, not on its bytes (app/domain/agenda-schema.ts).
      violations = changeViolations(shadow, () => Y.applyUpdate(shadow, update));
    } catch (err) {
      this.rebuildShadow();
      throw new ProtocolError(`update does not integrate: ${(err as Error).message}`);
    }
    // Content that waits for parts the server has never seen would be kept as "pending" and
    // handed to every client in sync step 2 and into snapshots. Everything a client knows came
    // through this server, so an honest client never sends that.
    if (shadow.store.pendingStructs || shadow.store.pendingDs) {
      this.rebuildShadow();
      throw new ProtocolError("update depends on unknown content");
    }
    // What the cost check could not foresee, measured: refused before it reaches the live
    // document (which would cost as much again), and its sender is held off (index.ts).
    const ms = performance.now() - started;
    if (ms > this.deps.options.maxUpdateMs) {
      this.rebuildShadow();
      throw new ProtocolError(`update took ${Math.round(ms)} ms to apply`, CloseCode.UpdateTooExpensive);
    }
    if (violations.length > 0) {
      this.rebuildShadow();
      throw new SchemaViolationError(violations);
    }
    conn.editedSinceSessionCheck = true;
    const last = this.pendingLive[this.pendingLive.length - 1];
    if (last && last.conn === conn) last.updates.push(update);
    else this.pendingLive.push({ conn, updates: [update] });
    this.deps.writer.touch(this);
  }

  private refuseCostly(update: Uint8Array) {
    let verdict: CostVerdict;
    try {
      verdict = assessUpdate(update, this.shadow ?? this.doc, { maxUnits: this.deps.options.maxUpdateCostUnits });
    } catch (err) {
      throw new ProtocolError(`update does not decode: ${(err as Error).message}`);
    }
    if (verdict.ok) return;
    // Content waiting for unknown parts is malformed (no honest client sends it); the rest is cost.
    const code = verdict.kind === "unknown-content" ? CloseCode.MalformedMessage : CloseCode.UpdateTooExpensive;
    throw new ProtocolError(`update refused unapplied: ${verdict.reason}`, code);
  }

  /** End of the turn, before the commit: the turn's client updates go into the live document. */
  beforeCommit() {
    const batches = this.pendingLive;
    this.pendingLive = [];
    for (const batch of batches) {
      if (this.state !== "ready" && this.state !== "closing") return;
      try {
        this.applyToLive(batch.updates, batch.conn, batch.conn.userId);
      } catch {
        // applyToLive already dropped the room (and logged why); the commit goes on for the others.
        return;
      }
    }
  }

  /** Applies already validated updates (or runs a local change) on the live document. */
  private applyToLive(updates: Uint8Array[] | null, origin: unknown, userId: number | null, change?: () => void) {
    const now = this.deps.options.now();
    const today = calendarDay(now, this.deps.options.timeZone);
    // Encoding the whole state is only paid once per room per day.
    const before = this.lastDailyDay !== today ? Y.encodeStateAsUpdate(this.doc) : null;
    const hadContent = this.doc.store.clients.size > 0;
    let changed = false;
    const mark = () => (changed = true);
    this.doc.once("update", mark);
    try {
      if (updates) {
        this.doc.transact(() => {
          for (const update of updates) Y.applyUpdate(this.doc, update, origin);
        }, origin);
      } else change?.();
    } catch (err) {
      this.doc.off("update", mark);
      // The live doc may now hold part of the change: it can no longer be trusted.
      this.fail(err);
      throw err;
    }
    this.doc.off("update", mark);
    if (changed && before && today !== this.lastDailyDay) {
      this.lastDailyDay = today;
      // The state of an empty document is not worth a version.
      if (hadContent) {
        const version: PendingVersion = {
          agendaId: this.agendaId,
          kind: "daily",
          name: null,
          state: before,
          userId,
          createdAt: now,
        };
        this.deps.writer.enqueueVersion(this, version);
      }
    }
  }

  /** Runs a server-side change (restore) through the same pipeline as a client update. */
  applyLocalChange(userId: number | null, change: (doc: Y.Doc, origin: LocalOrigin) => void) {
    const origin = new LocalOrigin(userId);
    // Our own changes keep the schema too. A Yjs change cannot be taken back, so a violating one
    // fails the room like any throwing change: its update is discarded, never logged.
    this.applyToLive(null, origin, userId, () => {
      const violations = changeViolations(this.doc, () => change(this.doc, origin));
      if (violations.length > 0) throw new SchemaViolationError(violations);
    });
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.state !== "ready" && this.state !== "closing") return;
    const userId =
      origin instanceof LocalOrigin
        ? origin.userId
        : origin instanceof Connection
          ? origin.userId
          : null;
    if (!(origin instanceof Connection)) {
      // Changes that did not come through the shadow (restore) are mirrored into it.
      if (this.shadow) Y.applyUpdate(this.shadow, update);
    }
    this.fullState = null;
    this.deps.writer.enqueueUpdate(this, { room: this.name, update, userId });
    this.tickUpdates.push({ update, origin });
    this.dirtyForProjection = true;
  };

  /**
   * Periodic upkeep, one timer for all rooms: expires presence not renewed for 30 s (what
   * y-protocols' Awareness does with a timer of its own per room), drops the validation copy after
   * `shadowIdleMs` without updates and the cached sync answer.
   */
  sweep(now: number) {
    if (this.state !== "ready") return;
    const outdated: number[] = [];
    this.awareness.meta.forEach((meta, clientId) => {
      if (now - meta.lastUpdated >= awarenessProtocol.outdatedTimeout && this.awareness.states.has(clientId)) {
        outdated.push(clientId);
      }
    });
    if (outdated.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, outdated, "timeout");
    if (this.shadow && this.pendingLive.length === 0 && now - this.lastUpdateAt >= this.deps.options.shadowIdleMs) {
      this.shadow.destroy();
      this.shadow = null;
    }
    this.fullState = null;
  }

  private rebuildShadow() {
    this.shadow?.destroy();
    this.shadow = null;
  }

  // ---- awareness ---------------------------------------------------------------------------

  private applyAwareness(conn: Connection, entries: AwarenessEntry[]) {
    const accepted: AwarenessEntry[] = [];
    const max = this.deps.options.maxAwarenessClientsPerConnection;
    for (const entry of entries) {
      if (!conn.controlledIds.has(entry.clientId)) {
        // y-websocket clients echo every awareness state they receive, so foreign ids are
        // normal traffic: filter them out. A new id is claimed only if it is fresh (not an
        // echo of a stale state), not someone else's and within the per-connection bound.
        const meta = this.awareness.meta.get(entry.clientId);
        const owner = this.awarenessOwners?.get(entry.clientId);
        if (entry.state === null) continue;
        if (meta && entry.clock <= meta.clock) continue;
        if (owner !== undefined && owner !== conn.userId) continue;
        if (entry.clientId === this.doc.clientID) continue;
        if (conn.controlledIds.size >= max) continue;
        let takenByOther = false;
        for (const other of this.conns) {
          if (other !== conn && other.controlledIds.has(entry.clientId)) takenByOther = true;
        }
        if (takenByOther) continue;
        conn.controlledIds.add(entry.clientId);
        (this.awarenessOwners ??= new Map()).set(entry.clientId, conn.userId);
      }
      // Only presence is relayed: the caret code in every other editor throws on anything else.
      if (entry.state !== null && parsePresence(entry.state) === null) throw new ProtocolError("awareness state does not have the presence shape");
      accepted.push({ ...entry, state: this.withVerifiedUser(conn, entry.state) });
    }
    if (accepted.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), conn);
  }

  /** Cursor labels come from the session, not from what the browser claims. */
  private withVerifiedUser(conn: Connection, state: unknown): unknown {
    if (state === null || typeof state !== "object") return state;
    const s = state as Record<string, unknown>;
    const user = s.user && typeof s.user === "object" && !Array.isArray(s.user) ? (s.user as Record<string, unknown>) : {};
    return {
      ...s,
      user: { ...user, id: conn.userId, name: conn.userName, readOnly: conn.access !== "edit" },
    };
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ) => {
    if (added.length + updated.length + removed.length === 0) return;
    const tick = (this.tickAwareness ??= new Map());
    for (const id of added.concat(updated)) tick.set(id, null);
    // A removed entry's clock must be taken now: `leave` forgets its meta right after this.
    for (const id of removed) {
      tick.set(id, { clientId: id, clock: this.awareness.meta.get(id)?.clock ?? 0, state: null });
    }
    this.deps.writer.touch(this);
  };

  // ---- outgoing messages and commits -------------------------------------------------------

  /** Sends the turn's document changes and presence to everyone, each encoded once. */
  private relayTick() {
    const updates = this.tickUpdates;
    const presence = this.tickAwareness;
    this.tickUpdates = [];
    this.tickAwareness = null;
    if (updates.length > 0) {
      const merge = (list: typeof updates) =>
        encodeUpdateMessage(list.length === 1 ? list[0].update : Y.mergeUpdates(list.map((u) => u.update)));
      const origins = new Set(updates.map((u) => u.origin));
      const everyone = merge(updates);
      // A sender gets what others changed in the same turn, not its own edits back.
      const forOrigin = new Map<unknown, Uint8Array | null>();
      for (const conn of this.conns) {
        if (!origins.has(conn)) {
          conn.send(everyone);
          continue;
        }
        let message = forOrigin.get(conn);
        if (message === undefined) {
          const others = updates.filter((u) => u.origin !== conn);
          message = others.length > 0 ? merge(others) : null;
          forOrigin.set(conn, message);
        }
        if (message) conn.send(message);
      }
    }
    if (presence && presence.size > 0 && this.awareness) {
      const entries: AwarenessEntry[] = [];
      for (const [id, removed] of presence) {
        const meta = this.awareness.meta.get(id);
        const state = this.awareness.states.get(id);
        if (state !== undefined && meta) entries.push({ clientId: id, clock: meta.clock, state });
        else if (removed) entries.push(removed);
      }
      if (entries.length === 0) return;
      const message = encodeAwarenessMessage(encodeAwarenessEntries(entries));
      // Sent to the origin too: y-websocket clients treat 30 s without any message (their own
      // awareness renewal included) as a dead connection.
      for (const conn of this.conns) conn.send(message);
    }
  }

  private send(conn: Connection, message: Uint8Array) {
    if (this.deps.writer.pending) {
      this.outbox.push([conn, message]);
      this.deps.writer.touch(this);
    } else {
      conn.send(message);
    }
  }

  committed(updateIds: number[]) {
    if (updateIds.length > 0) {
      this.lastUpdateId = updateIds[updateIds.length - 1];
      this.uncompacted += updateIds.length;
    }
    const outbox = this.outbox;
    this.outbox = [];
    // One write per client for everything of this turn (an edit and its cursor move are two frames).
    for (const conn of this.conns) conn.cork();
    try {
      for (const [conn, message] of outbox) conn.send(message);
      this.relayTick();
    } finally {
      for (const conn of this.conns) conn.uncork();
    }
    if (this.state !== "ready") return;
    // Right after a commit the live document is exactly the committed log: safe to fold.
    if (this.uncompacted >= this.deps.options.compactEvery) this.compact();
    if (this.dirtyForProjection) this.deps.projections.mark(this);
  }

  writeFailed(err: unknown) {
    this.fail(err);
  }

  /**
   * The live document holds state that is not durable (or is damaged): drop it and everyone on
   * it. Clients keep their edits locally and send them again when they reconnect.
   */
  private fail(err: unknown) {
    if (this.state === "closed") return;
    this.deps.log.error("collab: room failed, dropping it", { room: this.name, err: String(err) });
    this.outbox = [];
    this.tickUpdates = [];
    this.tickAwareness = null;
    this.pendingLive = [];
    this.deps.writer.discard(this);
    for (const conn of this.conns) conn.close(CloseCode.InternalError);
    this.dispose();
  }

  private compact() {
    compactRoom(this.deps.db, this.name, Y.encodeStateAsUpdate(this.doc), this.lastUpdateId, this.deps.options.now());
    this.uncompacted = 0;
  }

  // ---- read model --------------------------------------------------------------------------

  projectNow() {
    if (this.state !== "ready" && this.state !== "closing") return;
    // The read model must never show what the log does not hold.
    this.deps.writer.flush();
    this.projectIfDirty();
  }

  projectIfDirty() {
    if (!this.dirtyForProjection || (this.state !== "ready" && this.state !== "closing")) return;
    this.dirtyForProjection = false;
    try {
      projectToReadModel(this.deps.db, this.agendaId, this.doc, this.deps.options.now(), this.deps.log);
    } catch (err) {
      this.dirtyForProjection = true;
      this.deps.log.error("collab: projection failed", { room: this.name, err: String(err) });
    }
  }

  /** Forces a projection even without updates (e.g. the read model was never written). */
  markDirty() {
    this.dirtyForProjection = true;
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
      this.deps.writer.flush();
      if ((this.state as string) === "closing") {
        this.projectNow();
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
    this.deps.projections.forget(this);
    this.awareness?.off("update", this.onAwarenessUpdate);
    this.awareness?.destroy();
    this.doc?.off("update", this.onDocUpdate);
    this.doc?.destroy();
    this.shadow?.destroy();
    this.fullState = null;
    this.deps.onUnloaded(this);
    this.resolveClosed();
  }
}
