// Durable storage of room documents in SQLite: an append-only update log (`ydoc_updates`)
// folded now and then into one snapshot per room (`ydoc_snapshots`). All calls are synchronous
// better-sqlite3 statements: when one returns, the data is committed.
import * as Y from "yjs";
import { and, asc, desc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../db";
import { agendaVersions, ydocSnapshots, ydocUpdates } from "../db/schema";
import type { Logger } from "./types";
import { claimsOf } from "./client-owners";

export type VersionKind = "daily" | "named" | "before_proposal" | "before_restore";

export type LoadedState = {
  doc: Y.Doc;
  /** Highest `ydoc_updates.id` folded into `doc` (snapshot or log), 0 when none. */
  lastUpdateId: number;
  /** Log rows after the snapshot: how much compaction would fold. */
  uncompacted: number;
  /** The stored snapshot when no log rows follow it: then it is the whole document, encoded. */
  wholeState: Uint8Array | null;
};

export type PendingUpdate = { room: string; update: Uint8Array; userId: number | null };
export type PendingVersion = {
  agendaId: number;
  kind: VersionKind;
  name: string | null;
  state: Uint8Array;
  userId: number | null;
  createdAt: Date;
};

const buf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

const versionRow = (v: PendingVersion) => ({
  agendaId: v.agendaId,
  kind: v.kind,
  name: v.name,
  state: buf(v.state),
  createdBy: v.userId,
  createdAt: v.createdAt,
});

/** Reads a room from snapshot + later log rows into a fresh doc (gc on: versions keep history). */
export function loadRoomState(db: Db, room: string, log: Logger): LoadedState {
  const doc = new Y.Doc();
  const snapshot = db.select().from(ydocSnapshots).where(eq(ydocSnapshots.room, room)).get();
  let lastUpdateId = 0;
  if (snapshot) {
    Y.applyUpdate(doc, snapshot.state);
    lastUpdateId = snapshot.upToUpdateId;
  }
  const rows = db
    .select({ id: ydocUpdates.id, update: ydocUpdates.update })
    .from(ydocUpdates)
    .where(and(eq(ydocUpdates.room, room), gt(ydocUpdates.id, lastUpdateId)))
    .orderBy(asc(ydocUpdates.id))
    .all();
  if (rows.length > 0) {
    doc.transact(() => {
      for (const row of rows) {
        try {
          Y.applyUpdate(doc, row.update);
        } catch (err) {
          // Only validated updates are stored; a failure here means disk corruption. Losing one
          // update beats refusing the whole room.
          log.error("collab: stored update does not apply", { room, id: row.id, err: String(err) });
        }
      }
    });
    lastUpdateId = rows[rows.length - 1].id;
  }
  return { doc, lastUpdateId, uncompacted: rows.length, wholeState: snapshot && rows.length === 0 ? snapshot.state : null };
}

/** Current state of a room as one update, without keeping a room loaded. */
export function readRoomState(db: Db, room: string, log: Logger): Uint8Array {
  const { doc } = loadRoomState(db, room, log);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

type BatchWriter = (versions: readonly PendingVersion[], updates: readonly PendingUpdate[]) => number[];
const batchWriters = new WeakMap<Db, BatchWriter>();

/**
 * Writes one batch in one transaction and returns the ids assigned to the updates (in order).
 * Versions go first: a daily version holds the state from before the update that triggered it.
 * The log insert is one statement prepared once per connection: it runs on every relayed change.
 */
export function writeBatch(
  db: Db,
  versions: readonly PendingVersion[],
  updates: readonly PendingUpdate[],
): number[] {
  let write = batchWriters.get(db);
  if (!write) {
    const insert = db.$client.prepare('INSERT INTO ydoc_updates (room, "update", user_id) VALUES (?, ?, ?)');
    const claim = db.$client.prepare("INSERT OR IGNORE INTO ydoc_clients (room, client_id, user_id) VALUES (?, ?, ?)");
    write = db.$client.transaction((versions: readonly PendingVersion[], updates: readonly PendingUpdate[]) => {
      for (const v of versions) db.insert(agendaVersions).values(versionRow(v)).run();
      const ids: number[] = [];
      for (const u of updates) {
        ids.push(Number(insert.run(u.room, buf(u.update), u.userId).lastInsertRowid));
        for (const clientId of claimsOf(u.update, u.userId)) claim.run(u.room, clientId, u.userId);
      }
      return ids;
    }) as BatchWriter;
    batchWriters.set(db, write);
  }
  return write(versions, updates);
}

/**
 * Folds the log into the snapshot. `state` must be exactly the merge of everything up to
 * `upToUpdateId`; the caller guarantees that by compacting only right after a commit.
 */
export function compactRoom(db: Db, room: string, state: Uint8Array, upToUpdateId: number, now: Date) {
  db.transaction((tx) => {
    tx.insert(ydocSnapshots)
      .values({ room, state: buf(state), upToUpdateId, updatedAt: now })
      .onConflictDoUpdate({
        target: ydocSnapshots.room,
        set: { state: buf(state), upToUpdateId, updatedAt: now },
      })
      .run();
    tx.delete(ydocUpdates)
      .where(and(eq(ydocUpdates.room, room), lte(ydocUpdates.id, upToUpdateId)))
      .run();
  });
}

export function insertVersion(db: Db, v: PendingVersion): number {
  return db.insert(agendaVersions).values(versionRow(v)).returning({ id: agendaVersions.id }).get().id;
}

export function readVersion(db: Db, agendaId: number, versionId: number) {
  return (
    db
      .select({ id: agendaVersions.id, state: agendaVersions.state })
      .from(agendaVersions)
      .where(and(eq(agendaVersions.id, versionId), eq(agendaVersions.agendaId, agendaId)))
      .get() ?? null
  );
}

export function latestDailyVersionAt(db: Db, agendaId: number): Date | null {
  const row = db
    .select({ createdAt: agendaVersions.createdAt })
    .from(agendaVersions)
    .where(and(eq(agendaVersions.agendaId, agendaId), eq(agendaVersions.kind, "daily")))
    .orderBy(desc(agendaVersions.createdAt))
    .limit(1)
    .get();
  return row?.createdAt ?? null;
}

/** "YYYY-MM-DD" of `date` in `timeZone`: versions follow the Dutch calendar day, not UTC. */
export function calendarDay(date: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // Building a formatter costs about 0.1 ms; it is asked for on every change.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(date);
}
const dayFormats = new Map<string, Intl.DateTimeFormat>();
