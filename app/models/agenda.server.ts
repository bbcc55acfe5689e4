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

// The projection (the only writer) stamps changed_at on every content change; a move changes the
// position; an insert or delete changes the list. So this string changes whenever the list does.
const itemsVersionQuery = preparedFor((db) =>
  db.$client
    .prepare("SELECT count(*) || '/' || coalesce(group_concat(id || ':' || position || ':' || changed_at, ','), '') FROM agenda_items WHERE agenda_id = ?")
    .pluck(),
);

/** Changes whenever the agenda's items do: a key for data derived from them. */
export function agendaItemsVersion({ db, agendaId }: { db: Db; agendaId: number }): string {
  return itemsVersionQuery(db).get(agendaId) as string;
}

/** Parses a route param as a positive integer id, or null (the one id pattern: shared/rooms.ts). */
export { parseId } from "../../shared/rooms";
