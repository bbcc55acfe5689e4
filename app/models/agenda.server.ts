import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { agendaItems, agendas, regions } from "../../db/schema";
import { preparedFor } from "../utils/prepared.server";

const agendaQuery = preparedFor((db) =>
  db
    .select({
        id: agendas.id,
        title: agendas.title,
        period: agendas.period,
        status: agendas.status,
        regionId: agendas.regionId,
        regionName: regions.name,
        regionSlug: regions.slug,
      })
      .from(agendas)
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(eq(agendas.id, sql.placeholder("agendaId")))
    .prepare(),
);

export function getAgenda({ db, agendaId }: { db: Db; agendaId: number }) {
  return agendaQuery(db).get({ agendaId }) ?? null;
}

const itemsQuery = preparedFor((db) =>
  db.select().from(agendaItems).where(eq(agendaItems.agendaId, sql.placeholder("agendaId"))).orderBy(asc(agendaItems.position)).prepare(),
);

export function listAgendaItems({ db, agendaId }: { db: Db; agendaId: number }) {
  return itemsQuery(db).all({ agendaId });
}

// Two primary-key reads: the agenda's own number and the catalogue's (agenda 0), both moved by the
// triggers of migration 0012 on every write to what the page derives from.
const contentVersionQuery = preparedFor((db) =>
  db.$client
    .prepare(
      "SELECT coalesce((SELECT n FROM agenda_content_versions WHERE agenda_id = ?), 0) || '.' || coalesce((SELECT n FROM agenda_content_versions WHERE agenda_id = 0), 0)",
    )
    .pluck(),
);

/** Changes whenever anything the agenda page derives (first paint, savings) reads does: a cache key. */
export function agendaContentVersion({ db, agendaId }: { db: Db; agendaId: number }): string {
  return contentVersionQuery(db).get(agendaId) as string;
}

/** Parses a route param as a positive integer id, or null (the one id pattern: shared/rooms.ts). */
export { parseId } from "../../shared/rooms";
