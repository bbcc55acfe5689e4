import { and, desc, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../../db";
import { agendaVersions, users } from "../../db/schema";
import { projectAgenda } from "../domain/agenda-doc";
import { loadRoomState } from "../collab/storage.server";
import { agendaRoom } from "../../shared/rooms";
import { log } from "../utils/log.server";

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
 * The content of an old version. Viewing history is the one page that decodes Yjs: an old state
 * has no read model, and keeping one per version would cost more than this rare request.
 */
export function readVersionContent({ db, agendaId, versionId }: { db: Db; agendaId: number; versionId: number }) {
  const row = db
    .select()
    .from(agendaVersions)
    .where(and(eq(agendaVersions.id, versionId), eq(agendaVersions.agendaId, agendaId)))
    .get();
  if (!row) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, row.state);
  return { id: row.id, kind: row.kind, name: row.name, createdAt: row.createdAt, ...projectAndDestroy(doc) };
}


/**
 * Today's content, read and projected exactly like a version's, so a comparison of the two shows
 * only real differences. Read from the stored document without loading the room: every change is
 * committed before it is relayed, so what is stored is what the editors see. (The agenda_items read
 * model would do for the items, but holds no intro and lags the document by up to a second.)
 */
export function readCurrentContent({ db, agendaId }: { db: Db; agendaId: number }) {
  return projectAndDestroy(loadRoomState(db, agendaRoom(agendaId), log).doc);
}

function projectAndDestroy(doc: Y.Doc) {
  try {
    // Old versions may predate the schema check: what cannot be read is marked, not thrown on.
    return projectAgenda(doc);
  } finally {
    doc.destroy();
  }
}
