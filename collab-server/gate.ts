// The update gate of one room: every change (a client's update, a server-side change) is judged
// and tried on a trial copy of the document before it may reach the live document, the log or
// anyone else. What passes waits here, per sender, for the end of the turn (turn.ts).
import * as Y from "yjs";
import { claimsOf, ClientOwners } from "./client-owners";
import { CloseCode } from "./close-codes";
import { ProtocolError } from "./protocol";
import { Refusal, type ConnectionView, type Extension, type ResolvedOptions, type RoomView } from "./types";
import { assessUpdate, type CostVerdict } from "./update-cost";

/**
 * Checked changes of one sender in this turn, in arrival order; `origin` is the connection or the
 * server change; `claims`: the client ids they add content under (read once, by the ownership check).
 */
export type CheckedBatch = { origin: unknown; userId: number | null; updates: Uint8Array[]; claims: Set<number> };

/** Origin of changes the server makes itself (transact), with the user to record. */
export class ServerChange {
  constructor(readonly userId: number | null) {}
}

type GateDeps = {
  options: ResolvedOptions;
  extensions: readonly Extension[];
  loadOwners(): Map<number, number>;
};

export class UpdateGate {
  // A twin of the live document that every incoming change is tried on first: if Yjs throws
  // half-way through integrating a crafted update, only the twin is damaged (and rebuilt), never
  // the live document and never the log. Built on the first update and dropped after a while
  // without updates (sweep): copying a big document doubles its load time and its memory, and
  // nobody needs the copy to read.
  private shadow: Y.Doc | null = null;
  private lastUpdateAt = 0;
  /** Loaded from storage on the first update: an empty Map costs ~200 bytes per open room. */
  private owners: ClientOwners | null = null;
  private pending: CheckedBatch[] = [];

  constructor(
    private readonly room: RoomView,
    private readonly deps: GateDeps,
  ) {}

  get hasPending() {
    return this.pending.length > 0;
  }

  /**
   * Judges a client's update: cost before anything is applied, then client-id ownership, then the
   * trial apply (timed) and the extensions' checks on what it left. Throws ProtocolError to refuse.
   */
  checkClientUpdate(conn: ConnectionView & { editedSinceSessionCheck: boolean }, update: Uint8Array) {
    // No structs and no deletions (what a client with an empty document answers to sync step 1):
    // nothing to apply, log or relay.
    if (update.length === 2 && update[0] === 0 && update[1] === 0) return;
    this.lastUpdateAt = Date.now();
    // Before anything is applied, on the state it would be applied to (the live document when
    // there is no copy yet: then nothing is pending): a refusal here costs no rebuild.
    const ends = this.refuseCostly(update);
    const shadow = this.trialDoc();
    const verdict = (this.owners ??= new ClientOwners(this.deps.loadOwners())).admit(
      conn.userId,
      ends,
      (id) => id === this.room.doc.clientID || id === shadow.clientID,
      (id) => Y.getState(shadow.store, id),
    );
    if (!verdict.ok) throw new ProtocolError(`update writes under client id ${verdict.clientId}, which is not this user's`);
    const before = conn.access === "limited" ? this.stateBefore(conn, shadow) : undefined;
    const started = performance.now();
    let transactions: Y.Transaction[];
    try {
      transactions = this.tryOn(shadow, () => Y.applyUpdate(shadow, update));
    } catch (err) {
      this.dropTrialDoc();
      throw new ProtocolError(`update does not integrate: ${(err as Error).message}`);
    }
    // Content that waits for parts the server has never seen would be kept as "pending" and
    // handed to every client in sync step 2 and into snapshots. Everything a client knows came
    // through this server, so an honest client never sends that.
    if (shadow.store.pendingStructs || shadow.store.pendingDs) {
      this.dropTrialDoc();
      throw new ProtocolError("update depends on unknown content");
    }
    // What the cost check could not foresee, measured: refused before it reaches the live
    // document (which would cost as much again), and its sender is held off (index.ts).
    const ms = performance.now() - started;
    if (ms > this.deps.options.maxUpdateMs) {
      this.dropTrialDoc();
      throw new ProtocolError(`update took ${Math.round(ms)} ms to apply`, CloseCode.UpdateTooExpensive);
    }
    this.runChecks(conn, shadow, transactions, before);
    conn.editedSinceSessionCheck = true;
    let batch = this.pending[this.pending.length - 1];
    if (!batch || batch.origin !== conn) this.pending.push((batch = { origin: conn, userId: conn.userId, updates: [], claims: new Set() }));
    batch.updates.push(update);
    for (const clientId of verdict.clientIds) batch.claims.add(clientId);
  }

  /**
   * Runs a server-side change on the trial copy and returns its result. If it throws or an
   * extension refuses what it did, the copy is rebuilt and the error goes back to the caller:
   * nothing reaches the live document, the log or any connection.
   */
  checkServerChange<T>(userId: number | null, change: (doc: Y.Doc, origin: ServerChange) => T): T {
    const origin = new ServerChange(userId);
    const shadow = this.trialDoc();
    const updates: Uint8Array[] = [];
    const collect = (update: Uint8Array) => updates.push(update);
    shadow.on("update", collect);
    let result: T;
    try {
      const transactions = this.tryOn(shadow, () => (result = shadow.transact(() => change(shadow, origin), origin)));
      this.runChecks(null, shadow, transactions);
    } catch (err) {
      this.dropTrialDoc();
      throw err;
    } finally {
      shadow.off("update", collect);
    }
    if (updates.length > 0) this.pending.push({ origin, userId, updates, claims: new Set(updates.flatMap((u) => claimsOf(u, userId))) });
    return result!;
  }

  /** The checked changes of this turn, for the turn to apply; the gate starts empty again. */
  takePending(): CheckedBatch[] {
    const pending = this.pending;
    this.pending = [];
    return pending;
  }

  /** Drops the trial copy after `shadowIdleMs` without updates. */
  sweep(now: number) {
    if (this.shadow && this.pending.length === 0 && now - this.lastUpdateAt >= this.deps.options.shadowIdleMs) this.dropTrialDoc();
  }

  /** Forgets everything checked but not applied (the room failed). */
  discard() {
    this.pending = [];
    this.dropTrialDoc();
  }

  private trialDoc(): Y.Doc {
    if (!this.shadow) {
      this.shadow = new Y.Doc();
      Y.applyUpdate(this.shadow, Y.encodeStateAsUpdate(this.room.doc));
    }
    return this.shadow;
  }

  private dropTrialDoc() {
    this.shadow?.destroy();
    this.shadow = null;
  }

  /** Runs `apply` on the copy and returns the transactions it made there. */
  private tryOn(doc: Y.Doc, apply: () => void): Y.Transaction[] {
    const transactions: Y.Transaction[] = [];
    const collect = (tr: Y.Transaction) => transactions.push(tr);
    doc.on("afterTransaction", collect);
    try {
      apply();
    } finally {
      doc.off("afterTransaction", collect);
    }
    return transactions;
  }

  /**
   * What each extension takes of the trial copy before a limited connection's update; refused when
   * no extension judges such updates (a limited connection must never edit like an editor).
   */
  private stateBefore(conn: ConnectionView, shadow: Y.Doc): unknown[] {
    if (!this.deps.extensions.some((ext) => ext.beforeUpdate)) throw new ProtocolError("nobody judges this connection's updates", CloseCode.Forbidden);
    return this.deps.extensions.map((ext) => ext.beforeUpdate?.({ room: this.room, connection: conn, doc: shadow }));
  }

  private runChecks(connection: ConnectionView | null, doc: Y.Doc, transactions: Y.Transaction[], before?: unknown[]) {
    try {
      this.deps.extensions.forEach((ext, i) => ext.checkUpdate?.({ room: this.room, connection, doc, transactions, before: before?.[i] }));
    } catch (err) {
      this.dropTrialDoc();
      if (!connection) throw err;
      // A check that cannot even read what a client's update left judges it malformed.
      if (err instanceof Refusal) throw new ProtocolError(err.message, err.closeCode);
      throw new ProtocolError(`update does not integrate: ${(err as Error).message}`);
    }
  }

  /** Returns the update's end clock per client id, read by the check. */
  private refuseCostly(update: Uint8Array): Map<number, number> {
    let verdict: CostVerdict;
    try {
      verdict = assessUpdate(update, this.shadow ?? this.room.doc, { maxUnits: this.deps.options.maxUpdateCostUnits });
    } catch (err) {
      throw new ProtocolError(`update does not decode: ${(err as Error).message}`);
    }
    if (verdict.ok) return verdict.ends;
    // Content waiting for unknown parts is malformed (no honest client sends it); the rest is cost.
    const code = verdict.kind === "unknown-content" ? CloseCode.MalformedMessage : CloseCode.UpdateTooExpensive;
    throw new ProtocolError(`update refused unapplied: ${verdict.reason}`, code);
  }
}
