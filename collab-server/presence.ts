// Who is where in a room (y-websocket "awareness"): the states and clocks of every client id, the
// rules for claiming an id, and what changed this turn for the relay. Kept here rather than in
// y-protocols' Awareness, which runs a timer per room and re-decodes what the strict decoder
// (protocol.ts) already read: entries arrive decoded and leave encoded once per turn.
import type { Connection } from "./connection";
import type { AwarenessEntry } from "./protocol";
import { ProtocolError } from "./protocol";
import { Refusal } from "./types";

/** What y-protocols' clients treat as gone: no renewal for 30 s. */
export const PRESENCE_TIMEOUT_MS = 30_000;

type Meta = { clock: number; lastUpdated: number };
type State = Record<string, unknown>;

export class RoomPresence {
  private readonly states = new Map<number, State>();
  private readonly meta = new Map<number, Meta>();
  /** Client id -> user that first claimed it, so nobody can take over another's cursor. Created when needed. */
  private owners: Map<number, number> | null = null;
  /** Client ids whose state changed this turn; a removed one keeps the entry to relay. */
  private changed: Map<number, AwarenessEntry | null> | null = null;

  constructor(
    /** The server's own client id in this room's document: nobody's to claim. */
    private readonly reservedId: number,
    private readonly maxIdsPerConnection: number,
  ) {}

  get size() {
    return this.states.size;
  }

  /** Whether an entry is an echo of a state at least as new as one we have (left undecoded). */
  isStale(conn: Connection, clientId: number, clock: number): boolean {
    if (conn.controlledIds.has(clientId)) return false;
    const meta = this.meta.get(clientId);
    return meta !== undefined && clock <= meta.clock;
  }

  /**
   * Applies the entries a connection sent. y-websocket clients echo every state they receive, so
   * foreign ids are normal traffic and filtered out; a new id is claimed only if it is fresh (not
   * an echo of a stale state), not someone else's and within the per-connection bound.
   * `check` turns a claimed state into what is relayed (or throws a Refusal).
   */
  apply(conn: Connection, entries: AwarenessEntry[], others: Iterable<Connection>, check: (state: State) => State) {
    for (const entry of entries) {
      const fresh = !conn.controlledIds.has(entry.clientId);
      if (fresh && !this.claim(conn, entry, others)) continue;
      let state = entry.state as State | null;
      if (state !== null) {
        try {
          state = check(state);
        } catch (err) {
          if (!(err instanceof Refusal)) throw err;
          // Once a connection has its own id, a refused state under a new id is most likely an
          // echo of another's, relayed by an earlier server or an older tab: it is not claimed and
          // goes nowhere. Closing would disconnect every editor who received it, since each echoes it.
          if (fresh && conn.controlledIds.size > 1) {
            this.release(conn, entry.clientId);
            continue;
          }
          throw new ProtocolError(err.message, err.closeCode);
        }
      }
      this.set(entry.clientId, entry.clock, state);
    }
  }

  private claim(conn: Connection, entry: AwarenessEntry, others: Iterable<Connection>): boolean {
    const meta = this.meta.get(entry.clientId);
    const owner = this.owners?.get(entry.clientId);
    if (entry.state === null) return false;
    if (meta && entry.clock <= meta.clock) return false;
    if (owner !== undefined && owner !== conn.userId) return false;
    if (entry.clientId === this.reservedId) return false;
    if (conn.controlledIds.size >= this.maxIdsPerConnection) return false;
    for (const other of others) if (other !== conn && other.controlledIds.has(entry.clientId)) return false;
    conn.controlledIds.add(entry.clientId);
    (this.owners ??= new Map()).set(entry.clientId, conn.userId);
    return true;
  }

  private release(conn: Connection, clientId: number) {
    conn.controlledIds.delete(clientId);
    this.owners?.delete(clientId);
  }

  /** y-protocols' rule: a newer clock wins; at the same clock only a removal does. */
  private set(clientId: number, clock: number, state: State | null) {
    const current = this.meta.get(clientId)?.clock ?? 0;
    if (!(current < clock || (current === clock && state === null && this.states.has(clientId)))) return;
    const had = this.states.has(clientId) || this.meta.has(clientId);
    if (state === null) this.states.delete(clientId);
    else this.states.set(clientId, state);
    this.meta.set(clientId, { clock, lastUpdated: Date.now() });
    if (state === null && !had) return;
    const changed = (this.changed ??= new Map());
    changed.set(clientId, state === null ? { clientId, clock, state: null } : null);
  }

  /** Removes states (the connection left, or they expired); relayed as removals. */
  remove(ids: Iterable<number>) {
    for (const clientId of ids) {
      if (!this.states.delete(clientId)) continue;
      (this.changed ??= new Map()).set(clientId, { clientId, clock: this.meta.get(clientId)?.clock ?? 0, state: null });
    }
  }

  /**
   * A connection left: its states go, and their clocks are forgotten. A reconnecting client resends
   * its state with the same clock; without this the server would ignore it until the next renewal
   * (15 s) and the user's presence would blink out.
   */
  leave(conn: Connection) {
    this.remove(conn.controlledIds);
    for (const id of conn.controlledIds) this.meta.delete(id);
  }

  /** Expires states not renewed for PRESENCE_TIMEOUT_MS (one sweep for all rooms, not a timer per room). */
  expire(now: number) {
    const outdated: number[] = [];
    for (const [clientId, meta] of this.meta) {
      if (now - meta.lastUpdated >= PRESENCE_TIMEOUT_MS && this.states.has(clientId)) outdated.push(clientId);
    }
    this.remove(outdated);
  }

  /** Every state, for someone joining or asking. */
  all(): AwarenessEntry[] {
    return [...this.states].map(([clientId, state]) => ({ clientId, clock: this.meta.get(clientId)!.clock, state }));
  }

  get hasChanges() {
    return this.changed !== null && this.changed.size > 0;
  }

  /** What changed since the last call, as entries to relay (current states, and removals). */
  takeChanges(): AwarenessEntry[] {
    const changed = this.changed;
    this.changed = null;
    if (!changed) return [];
    const entries: AwarenessEntry[] = [];
    for (const [clientId, removed] of changed) {
      const state = this.states.get(clientId);
      const meta = this.meta.get(clientId);
      if (state !== undefined && meta) entries.push({ clientId, clock: meta.clock, state });
      else if (removed) entries.push(removed);
    }
    return entries;
  }
}
