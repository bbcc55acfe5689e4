import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { agendaItems, agendas, regions } from "../../db/schema";

export function getAgenda({ db, agendaId }: { db: Db; agendaId: number }) {
  return (
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
      .where(eq(agendas.id, agendaId))
      .get() ?? null
  );
}

export function listAgendaItems({ db, agendaId }: { db: Db; agendaId: number }) {
  return db.select().from(agendaItems).where(eq(agendaItems.agendaId, agendaId)).orderBy(asc(agendaItems.position)).all();
}

/** Parses a route param as a positive integer id, or null. */
export function parseId(value: string | undefined): number | null {
  return value && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null;
}
