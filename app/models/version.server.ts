import { and, desc, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../../db";
import { agendaVersions, users } from "../../db/schema";
import { projectAgenda } from "../domain/agenda-doc";

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
  try {
    // Old versions may predate the schema check: what cannot be read is marked, not thrown on.
    const { introText, introDamaged, items } = projectAgenda(doc);
    return { id: row.id, kind: row.kind, name: row.name, createdAt: row.createdAt, introText, introDamaged, items };
  } finally {
    doc.destroy();
  }
}
