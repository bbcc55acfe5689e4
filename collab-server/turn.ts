// The turn: everything the rooms accepted during one event-loop turn leaves it together, in one
// straight line: (the gate checked each change as it came) → apply to the live documents →
// persist in one SQLite transaction → relay, encoded once per room → compact → tell the
// extensions (projection). Write-before-relay: a client never sees a change the server could lose
// in a crash. And because apply and persist happen in one synchronous step, a live document never
// holds anything the log does not: whoever reads it (a sync answer, a projection, an API call)
// reads what is durable, without having to flush first.
import * as Y from "yjs";
import type { Connection } from "./connection";
import type { CheckedBatch } from "./gate";
import type { AwarenessEntry } from "./protocol";
import { relay } from "./relay";
import type { Extension, LogRow, Logger, RoomStorage, RoomView } from "./types";

/** What the turn needs of a room. */
export interface TurnRoom extends RoomView {
  readonly conns: ReadonlySet<Connection>;
  /** Takes the changes the gate checked this turn (and stops accepting more until the next turn). */
  takeChecked(): CheckedBatch[];
  /** Takes the presence changes of this turn. */
  takePresence(): AwarenessEntry[];
  /** The live document changed (caches of it are stale). */
  changed(): void;
  /** Rows of the log were appended for this room; returns whether it is time to compact. */
  logged(ids: number[]): boolean;
  compact(): void;
  /** The room's state cannot be trusted (or made durable): drop it and everyone on it. */
  fail(err: unknown): void;
  readonly live: boolean;
}

type Applied = { room: TurnRoom; updates: Array<{ update: Uint8Array; origin: unknown }>; rows: LogRow[]; writes: Array<() => void> };

export class Turn {
  private rooms = new Set<TurnRoom>();
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    private readonly storage: RoomStorage,
    private readonly extensions: readonly Extension[],
    private readonly log: Logger,
  ) {}

  /** `room` has something for the end of this turn (checked changes, presence). */
  add(room: TurnRoom) {
    this.rooms.add(room);
    this.scheduled ??= setImmediate(() => this.run());
  }

  forget(room: TurnRoom) {
    this.rooms.delete(room);
  }

  /** Ends the turn now: what an API call or the next share of a flood must not overtake. */
  run() {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.rooms.size === 0) return;
    const rooms = [...this.rooms];
    this.rooms.clear();

    // 1. Apply: each room's checked changes into its live document, one Yjs update per sender.
    const applied: Applied[] = [];
    for (const room of rooms) {
      const done = this.apply(room);
      if (done) applied.push(done);
    }

    // 2. Persist, in one transaction for every room: extensions' writes (daily versions: the state
    //    before the change), then the log rows with the client ids they claim.
    const rows = applied.flatMap((a) => a.rows);
    const writes = applied.flatMap((a) => a.writes);
    let ids: number[] = [];
    if (rows.length > 0 || writes.length > 0) {
      try {
        ids = this.storage.append(rows, () => writes.forEach((write) => write()));
      } catch (err) {
        this.log.error("collab: write batch failed", { err: String(err), updates: rows.length });
        for (const { room } of applied) room.fail(err);
        return;
      }
    }

    let next = 0;
    for (const { room, updates, rows } of applied) {
      const roomIds = ids.slice(next, (next += rows.length));
      try {
        // 3. Relay: the turn's changes and presence to everyone, each encoded once.
        relay(room.conns, updates, room.takePresence());
        if (!room.live) continue;
        // 4. Compact: right after a commit the live document is exactly the committed log, safe to fold.
        if (room.logged(roomIds)) room.compact();
        // 5. Tell the extensions (projection into the read model).
        if (updates.length > 0) this.afterCommit(room);
      } catch (err) {
        // What is committed stays committed; the other rooms of the turn go on.
        this.log.error("collab: after-commit step failed", { room: room.name, err: String(err) });
      }
    }
  }

  private apply(room: TurnRoom): Applied | null {
    const batches = room.takeChecked();
    const applied: Applied = { room, updates: [], rows: [], writes: [] };
    if (batches.length === 0 || !room.live) return applied;
    const before: Array<(userId: number | null) => void> = [];
    const collect = (update: Uint8Array, origin: unknown) => applied.updates.push({ update, origin });
    room.doc.on("update", collect);
    try {
      for (const ext of this.extensions) {
        const write = ext.beforeChange?.(room);
        if (write) before.push(write);
      }
      for (const batch of batches) {
        const count = applied.updates.length;
        room.doc.transact(() => {
          for (const update of batch.updates) Y.applyUpdate(room.doc, update, batch.origin);
        }, batch.origin);
        if (applied.updates.length > count) this.addRow(applied, room.name, applied.updates[applied.updates.length - 1].update, batch);
      }
    } catch (err) {
      // The live document may now hold part of a change (or an extension failed before it): drop it.
      room.fail(err);
      return null;
    } finally {
      room.doc.off("update", collect);
    }
    if (applied.updates.length === 0) return applied;
    room.changed();
    const firstUser = applied.rows[0]?.userId ?? null;
    for (const write of before) applied.writes.push(() => write(firstUser));
    return applied;
  }

  /** Consecutive changes of one room by one user become one row (their Yjs merge): the log still says who wrote what. */
  private addRow(applied: Applied, room: string, update: Uint8Array, { userId, claims }: CheckedBatch) {
    // A change without a user (the system's) claims no ids.
    const claimed = userId === null ? [] : [...claims];
    const last = applied.rows[applied.rows.length - 1];
    if (last && last.userId === userId) {
      last.update = Y.mergeUpdates([last.update, update]);
      last.claims = [...new Set([...last.claims, ...claimed])];
    } else {
      applied.rows.push({ room, update, userId, claims: claimed });
    }
  }

  private afterCommit(room: TurnRoom) {
    for (const ext of this.extensions) {
      try {
        ext.afterCommit?.(room);
      } catch (err) {
        this.log.error("collab: after-commit step failed", { room: room.name, err: String(err) });
      }
    }
  }
}
