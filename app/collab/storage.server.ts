// Where the collaboration server keeps documents: its RoomStorage (collab-server/types.ts) on the
// app's tables. The update log (`ydoc_updates`) is folded now and then into one snapshot per room
// (`ydoc_snapshots`); `ydoc_clients` holds who owns which Yjs client id. All calls are synchronous
// better-sqlite3 statements: when one returns, the data is committed.
import { and, asc, eq, gt, lte } from "drizzle-orm";
import type * as Y from "yjs";
import type { Db } from "../../db";
import { ydocSnapshots, ydocUpdates } from "../../db/schema";
import { loadRoomState as loadFromStorage, readRoomState as readFromStorage, type LogRow, type Logger, type RoomStorage } from "../../collab-server";

const buf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * Reads through drizzle's query builder, so the seed can read inside its own transaction (a
 * drizzle transaction is not a raw connection); writes are the server's, on statements prepared
 * once per connection: the log insert runs on every relayed change.
 */
function readOnly(db: Db): Pick<RoomStorage, "read"> {
  return {
    read(room) {
      const snapshot = db.select().from(ydocSnapshots).where(eq(ydocSnapshots.room, room)).get();
      const updates = db
        .select({ id: ydocUpdates.id, update: ydocUpdates.update })
        .from(ydocUpdates)
        .where(and(eq(ydocUpdates.room, room), gt(ydocUpdates.id, snapshot?.upToUpdateId ?? 0)))
        .orderBy(asc(ydocUpdates.id))
        .all();
      return { snapshot: snapshot ? { state: snapshot.state, upToUpdateId: snapshot.upToUpdateId } : null, updates };
    },
  };
}

export function agendaStorage(db: Db): RoomStorage {
  const sqlite = db.$client;
  const insert = sqlite.prepare('INSERT INTO ydoc_updates (room, "update", user_id) VALUES (?, ?, ?)');
  const claim = sqlite.prepare("INSERT OR IGNORE INTO ydoc_clients (room, client_id, user_id) VALUES (?, ?, ?)");
  const owners = sqlite.prepare("select client_id, user_id from ydoc_clients where room = ?").raw();
  const append = sqlite.transaction((rows: readonly LogRow[], before: () => void) => {
    before();
    const ids: number[] = [];
    for (const row of rows) {
      ids.push(Number(insert.run(row.room, buf(row.update), row.userId).lastInsertRowid));
      for (const clientId of row.claims) claim.run(row.room, clientId, row.userId);
    }
    return ids;
  });
  return {
    ...readOnly(db),
    owners: (room) => new Map(owners.all(room) as Array<[number, number]>),
    append: (rows, before) => append(rows, before),
    compact(room, state, upToUpdateId, now) {
      db.transaction((tx) => {
        tx.insert(ydocSnapshots)
          .values({ room, state: buf(state), upToUpdateId, updatedAt: now })
          .onConflictDoUpdate({ target: ydocSnapshots.room, set: { state: buf(state), upToUpdateId, updatedAt: now } })
          .run();
        tx.delete(ydocUpdates)
          .where(and(eq(ydocUpdates.room, room), lte(ydocUpdates.id, upToUpdateId)))
          .run();
      });
    },
  };
}

/** A room's document as stored (snapshot and later log rows), without loading the room; and the last log row it holds. */
export function loadRoomState(db: Db, room: string, log: Logger): { doc: Y.Doc; lastUpdateId: number } {
  return loadFromStorage(readOnly(db), room, log);
}

/** A room's stored state as one Yjs update, without loading the room. */
export function readRoomState(db: Db, room: string, log: Logger): Uint8Array {
  return readFromStorage(readOnly(db), room, log);
}
