import { and, asc, desc, eq, gt } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../../db";
import { agendaVersions, users, ydocSnapshots, ydocUpdates } from "../../db/schema";
import { projectAgenda } from "../domain/agenda-doc";
import { loadRoomState } from "../collab/storage.server";
import { agendaRoom } from "../../shared/rooms";
import { lruPerDb } from "../utils/cache.server";
import { log } from "../utils/log.server";

type Content = ReturnType<typeof projectAgenda>;

export function listVersions({ db, agendaId }: { db: Db; agendaId: number }) {
  return db
    .select({ id: agendaVersions.id, kind: agendaVersions.kind, name: agendaVersions.name, createdAt: agendaVersions.createdAt, author: users.name })
    .from(agendaVersions)
    .leftJoin(users, eq(users.id, agendaVersions.createdBy))
    .where(eq(agendaVersions.agendaId, agendaId))
    .orderBy(desc(agendaVersions.createdAt), desc(agendaVersions.id))
    .all();
}

/**
 * Projected versions by id. A version is never changed once stored, so an entry cannot go stale;
 * the row is still read on every call, so a deleted version or another agenda's id finds nothing.
 * The page only reads what it gets: entries are shared between requests.
 */
const versionContent = lruPerDb<number, Content>(32);

/**
 * The content of an old version. Viewing history is the one page that decodes Yjs: an old state
 * has no read model. Decoding a B4-sized state takes a few hundred milliseconds on the event
 * loop, so each version is decoded once (versionContent) rather than on every view.
 */
export function readVersionContent({ db, agendaId, versionId }: { db: Db; agendaId: number; versionId: number }) {
  const row = db
    .select({ id: agendaVersions.id, kind: agendaVersions.kind, name: agendaVersions.name, createdAt: agendaVersions.createdAt })
    .from(agendaVersions)
    .where(and(eq(agendaVersions.id, versionId), eq(agendaVersions.agendaId, agendaId)))
    .get();
  if (!row) return null;
  const cache = versionContent(db);
  let content = cache.get(row.id);
  if (!content) {
    const { state } = db.select({ state: agendaVersions.state }).from(agendaVersions).where(eq(agendaVersions.id, row.id)).get()!;
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state);
      content = project(doc);
    } finally {
      doc.destroy();
    }
    cache.set(row.id, content);
  }
  return { ...row, ...content };
}

/**
 * Today's document per agenda, kept decoded with the last log row it holds: a later view applies
 * only the rows written since (log ids only grow, AUTOINCREMENT), so an edit never shows stale and
 * costs one projection, not a decode of the whole state. Reloaded when a compaction folded rows
 * it has not seen into the snapshot. Few entries: a B4-sized document holds megabytes.
 */
const todayDocs = lruPerDb<number, { doc: Y.Doc; lastUpdateId: number; content: Content }>(4, (t) => t.doc.destroy());

/**
 * Today's content, read and projected exactly like a version's, so a comparison of the two shows
 * only real differences. Read from the stored document without loading the room: every change is
 * committed before it is relayed, so what is stored is what the editors see. (The agenda_items read
 * model would do for the items, but holds no intro and lags the document by up to a second.)
 */
export function readCurrentContent({ db, agendaId }: { db: Db; agendaId: number }): Content {
  const room = agendaRoom(agendaId);
  const cache = todayDocs(db);
  const kept = cache.get(agendaId);
  const snapshotUpTo = db.select({ upTo: ydocSnapshots.upToUpdateId }).from(ydocSnapshots).where(eq(ydocSnapshots.room, room)).get()?.upTo ?? 0;
  if (kept && kept.lastUpdateId >= snapshotUpTo) {
    const rows = db
      .select({ id: ydocUpdates.id, update: ydocUpdates.update })
      .from(ydocUpdates)
      .where(and(eq(ydocUpdates.room, room), gt(ydocUpdates.id, kept.lastUpdateId)))
      .orderBy(asc(ydocUpdates.id))
      .all();
    if (rows.length === 0) return kept.content;
    kept.doc.transact(() => {
      for (const row of rows) {
        try {
          Y.applyUpdate(kept.doc, row.update);
        } catch (err) {
          // As loading the room does (collab-server/storage.ts): a row that cannot apply is logged and skipped.
          log.error("collab: stored update does not apply", { room, id: row.id, err: String(err) });
        }
      }
    });
    kept.lastUpdateId = rows[rows.length - 1].id;
    kept.content = project(kept.doc);
    return kept.content;
  }
  const { doc, lastUpdateId } = loadRoomState(db, room, log);
  const entry = { doc, lastUpdateId, content: project(doc) };
  cache.set(agendaId, entry);
  return entry.content;
}

// Old versions may predate the schema check: what cannot be read is marked, not thrown on.
const project = (doc: Y.Doc): Content => projectAgenda(doc);
