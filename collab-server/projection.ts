// Keeps the relational read model (`agenda_items`) equal to the live document, so page requests
// never parse Yjs. Written only here.
import * as Y from "yjs";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { agendaItems, itemStatuses, mechanisms } from "../db/schema";
import { getItems, itemContentFields, projectItem, type ProjectedItem } from "../app/domain/agenda-doc";
import type { Logger } from "./types";

type Row = typeof agendaItems.$inferInsert;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | null =>
  typeof v === "string" && (list as readonly string[]).includes(v) ? (v as T) : null;

// The document is written by browsers: values outside the schema's vocabulary are mapped to
// defaults here rather than let into the tables the app trusts.
function toRow(agendaId: number, item: ProjectedItem): Omit<Row, "changedAt"> {
  return {
    id: item.id,
    agendaId,
    position: Number.isFinite(item.position) ? item.position : 0,
    title: item.title,
    status: oneOf(itemStatuses, item.status) ?? "idee",
    mechanism: oneOf(mechanisms, item.mechanism),
    actionLine: item.actionLine,
    leadOrganisation: item.leadOrganisation,
    contact: item.contact,
    startDate: item.startDate && DATE.test(item.startDate) ? item.startDate : null,
    endDate: item.endDate && DATE.test(item.endDate) ? item.endDate : null,
    sectors: item.sectors,
    professionalsInvolved: oneOf(["ja", "deels", "nee"] as const, item.professionalsInvolved),
    professionalsHow: item.professionalsHow,
    why: item.why,
    planText: item.planText,
    isPublic: item.isPublic,
  };
}

function sameContent(a: Omit<Row, "changedAt">, b: Omit<Row, "changedAt">): boolean {
  return itemContentFields.every((k) => JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null));
}

/**
 * Like projectAgenda, but a browser-written document may hold anything: entries that are not
 * item maps are skipped instead of failing the whole projection, and the map key (what
 * removeItem deletes by) is the id.
 */
export function projectItemsSafely(doc: Y.Doc, log: Logger): ProjectedItem[] {
  const items: ProjectedItem[] = [];
  for (const [key, value] of getItems(doc).entries()) {
    if (!(value instanceof Y.Map)) continue;
    try {
      items.push({ ...projectItem(value), id: key });
    } catch (err) {
      log.warn("collab: item does not project", { itemId: key, err: String(err) });
    }
  }
  const pos = (p: ProjectedItem) => (Number.isFinite(p.position) ? p.position : 0);
  items.sort((a, b) => pos(a) - pos(b) || (a.id < b.id ? -1 : 1));
  return items;
}

export type ProjectionResult = { inserted: number; updated: number; moved: number; deleted: number };

export function projectToReadModel(
  db: Db,
  agendaId: number,
  doc: Y.Doc,
  now: Date,
  log: Logger,
): ProjectionResult {
  const projected = projectItemsSafely(doc, log);
  const result: ProjectionResult = { inserted: 0, updated: 0, moved: 0, deleted: 0 };
  db.transaction((tx) => {
    const existing = new Map(
      tx
        .select()
        .from(agendaItems)
        .where(eq(agendaItems.agendaId, agendaId))
        .all()
        .map((r) => [r.id, r] as const),
    );
    const seen = new Set<string>();
    for (const item of projected) {
      const row = toRow(agendaId, item);
      if (!row.id || seen.has(row.id)) continue;
      seen.add(row.id);
      const old = existing.get(row.id);
      if (!old) {
        // Item ids are global keys; an id taken by another agenda is refused, not stolen.
        const taken = tx
          .select({ agendaId: agendaItems.agendaId })
          .from(agendaItems)
          .where(eq(agendaItems.id, row.id))
          .get();
        if (taken) {
          log.warn("collab: item id belongs to another agenda", { agendaId, itemId: row.id });
          continue;
        }
        tx.insert(agendaItems).values({ ...row, changedAt: now }).run();
        result.inserted++;
      } else if (!sameContent(old, row)) {
        tx.update(agendaItems)
          .set({ ...row, changedAt: now })
          .where(and(eq(agendaItems.id, row.id), eq(agendaItems.agendaId, agendaId)))
          .run();
        result.updated++;
      } else if (old.position !== row.position) {
        tx.update(agendaItems)
          .set({ position: row.position })
          .where(and(eq(agendaItems.id, row.id), eq(agendaItems.agendaId, agendaId)))
          .run();
        result.moved++;
      }
    }
    const gone = [...existing.keys()].filter((id) => !seen.has(id));
    if (gone.length > 0) {
      tx.delete(agendaItems)
        .where(and(eq(agendaItems.agendaId, agendaId), inArray(agendaItems.id, gone)))
        .run();
      result.deleted = gone.length;
    }
  });
  return result;
}
