import { and, eq, notInArray } from "drizzle-orm";
import type { Db } from "../../db";
import { agendaItems } from "../../db/schema";
import type { ProjectedItem } from "../domain/agenda-doc";

type Row = typeof agendaItems.$inferSelect;

const contentKeys = [
  "position", "title", "status", "mechanism", "actionLine", "leadOrganisation", "contact",
  "startDate", "endDate", "professionalsInvolved", "professionalsHow", "why", "planText", "isPublic",
] as const satisfies ReadonlyArray<keyof ProjectedItem & keyof Row>;

function changed(row: Row, item: ProjectedItem) {
  return (
    contentKeys.some((k) => row[k] !== item[k]) ||
    JSON.stringify(row.sectors) !== JSON.stringify(item.sectors)
  );
}

/**
 * Makes the agenda_items read model equal to the projected document, in one transaction.
 * `changed_at` moves only for items whose content differs, so "no change in 60 days" means what it says.
 */
export function syncAgendaItems({
  db,
  agendaId,
  items,
  now = new Date(),
}: {
  db: Db;
  agendaId: number;
  items: ProjectedItem[];
  now?: Date;
}) {
  db.transaction((tx) => {
    const existing = new Map(
      tx.select().from(agendaItems).where(eq(agendaItems.agendaId, agendaId)).all().map((r) => [r.id, r]),
    );
    for (const item of items) {
      const row = existing.get(item.id);
      if (row && !changed(row, item)) continue;
      const values = { ...item, agendaId, changedAt: now };
      if (row) tx.update(agendaItems).set(values).where(eq(agendaItems.id, item.id)).run();
      else tx.insert(agendaItems).values(values).run();
    }
    const ids = items.map((i) => i.id);
    tx.delete(agendaItems)
      .where(and(eq(agendaItems.agendaId, agendaId), ids.length ? notInArray(agendaItems.id, ids) : undefined))
      .run();
  });
}
