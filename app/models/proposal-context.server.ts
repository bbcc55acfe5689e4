// The priorities' projected savings and open barriers (app/domain/proposal-context.ts): taken when a
// proposal is made and stored with it, and read live for today's values beside the frozen ones.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { barriers, barrierTypes } from "../../db/schema";
import { OPEN_BARRIER_STATUSES } from "../domain/flags/region";
import type { ItemContext, ProposalContext } from "../domain/proposal-context";
import { getAgendaSavings } from "./savings.server";

type Reader = Pick<Db, "select">;

export function priorityContext({ db, agendaId, itemIds, now = new Date() }: { db: Db; agendaId: number; itemIds: string[]; now?: Date }): ProposalContext {
  const savings = getAgendaSavings({ db, agendaId });
  const open = openBarriers({ db, agendaId, itemIds });
  const items: Record<string, ItemContext> = {};
  for (const id of itemIds) {
    const s = savings?.items[id];
    items[id] = {
      saving: s?.saved ? { hoursPerYear: s.saved.hoursPerYear, fte: s.saved.fte, evidenceLevel: s.saved.evidence.weakest } : null,
      links: (s?.links ?? []).map((l) => ({
        innovationSlug: l.innovationSlug,
        innovationNameNl: l.innovationNameNl,
        innovationNameEn: l.innovationNameEn,
        hoursPerYear: l.projection.saved?.hoursPerYear ?? null,
        fte: l.projection.saved?.fte ?? null,
        evidenceLevel: l.projection.saved?.evidence.weakest ?? null,
        ratings: l.basis,
      })),
      barriers: open.filter((b) => b.itemId === id).map(({ itemId: _, ...b }) => b),
    };
  }
  return { takenAt: now.toISOString(), items };
}

function openBarriers({ db, agendaId, itemIds }: { db: Reader; agendaId: number; itemIds: string[] }) {
  if (!itemIds.length) return [];
  return db
    .select({
      id: barriers.id,
      itemId: barriers.itemId,
      typeKey: barriers.typeKey,
      typeNl: barrierTypes.nameNl,
      typeEn: barrierTypes.nameEn,
      severity: barriers.severity,
      description: barriers.description,
    })
    .from(barriers)
    .innerJoin(barrierTypes, eq(barrierTypes.key, barriers.typeKey))
    .where(and(eq(barriers.agendaId, agendaId), inArray(barriers.itemId, itemIds), inArray(barriers.status, [...OPEN_BARRIER_STATUSES] as Array<"open">)))
    .orderBy(barriers.id)
    .all();
}
