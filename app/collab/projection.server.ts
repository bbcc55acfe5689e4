// Projects an agenda document into the relational read model (`agenda_items`), so page requests
// never parse Yjs. Written only here: by the collaboration server's read-model extension
// (read-model.server.ts) and by the seed, through the same statements.
import * as Y from "yjs";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { agendaItems, itemStatuses, mechanisms } from "../../db/schema";
import { getItems, itemContentFields, projectItem, type ProjectedItem } from "../domain/agenda-doc";
import { initialItemStatus } from "../domain/vocabulary";
import type { Logger } from "../../collab-server";
import { syncNationalSummary } from "../models/national-summary.server";

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
    status: oneOf(itemStatuses, item.status) ?? initialItemStatus,
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
    damaged: item.damaged,
  };
}

function sameContent(a: Omit<Row, "changedAt">, b: Omit<Row, "changedAt">): boolean {
  return [...itemContentFields, "damaged" as const].every((k) => JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null));
}

/**
 * Like projectAgenda, but a browser-written document may hold anything: what cannot be read is
 * projected as damaged (the page shows it with a way to restore it) instead of failing the whole
 * projection or dropping the item's row, and the map key (what removeItem deletes by) is the id.
 */
export function projectItemsSafely(doc: Y.Doc, log: Logger): ProjectedItem[] {
  const items: ProjectedItem[] = [];
  for (const [key, value] of getItems(doc).entries()) {
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

// The statements of the common path (read an agenda's rows, rewrite a changed row), prepared once
// per connection: building and preparing them per row cost more than running them.
type Statements = {
  existing: { all(values: { agendaId: number }): Array<typeof agendaItems.$inferSelect> };
  updateContent(row: Omit<Row, "changedAt">, now: Date, progressAt: Date | null): unknown;
};
const statements = new WeakMap<Db, Statements>();

function statementsFor(db: Db): Statements {
  let st = statements.get(db);
  if (!st) {
    const update = db.$client.prepare(
      `UPDATE agenda_items SET position = ?, title = ?, status = ?, mechanism = ?, action_line = ?,
         lead_organisation = ?, contact = ?, start_date = ?, end_date = ?, sectors = ?,
         professionals_involved = ?, professionals_how = ?, why = ?, plan_text = ?, is_public = ?,
         damaged = ?, changed_at = ?, progress_at = ? WHERE id = ? AND agenda_id = ?`,
    );
    st = {
      existing: db
        .select()
        .from(agendaItems)
        .where(eq(agendaItems.agendaId, sql.placeholder("agendaId")))
        .prepare(),
      // Values as drizzle stores them: json as text, boolean as 0/1, timestamp_ms as a number.
      updateContent: (row: Omit<Row, "changedAt">, now: Date, progressAt: Date | null) =>
        update.run(
          row.position,
          row.title,
          row.status,
          row.mechanism,
          row.actionLine,
          row.leadOrganisation,
          row.contact,
          row.startDate,
          row.endDate,
          JSON.stringify(row.sectors),
          row.professionalsInvolved,
          row.professionalsHow,
          row.why,
          row.planText,
          row.isPublic ? 1 : 0,
          JSON.stringify(row.damaged ?? []),
          now.getTime(),
          progressAt?.getTime() ?? null,
          row.id,
          row.agendaId,
        ),
    };
    statements.set(db, st);
  }
  return st;
}

export function projectToReadModel(
  db: Db,
  agendaId: number,
  doc: Y.Doc,
  now: Date,
  log: Logger,
): ProjectionResult {
  const projected = projectItemsSafely(doc, log);
  const result: ProjectionResult = { inserted: 0, updated: 0, moved: 0, deleted: 0 };
  // The seed passes its own db inside its transaction: the same statements, nested as a savepoint.
  const st = statementsFor(db);
  db.transaction((tx) => {
    const rows = st.existing.all({ agendaId });
    const existing = new Map(rows.map((r) => [r.id, r] as const));
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
        tx.insert(agendaItems).values({ ...row, changedAt: now, progressAt: now }).run();
        result.inserted++;
      } else if (!sameContent(old, row)) {
        // Progress is a change of status, not any edit: the stall signal reads progress_at (decision 017).
        const progressAt = old.status !== row.status ? now : old.progressAt;
        st.updateContent(row, now, progressAt);
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
    // An item's status, way of saving or removal moves the national results (decision 033).
    syncNationalSummary({ db });
  });
  return result;
}

export interface Projectable {
  /** Projects the room if it changed since its last projection. */
  projectIfDirty(): void;
  markDirty(): void;
}

/**
 * One timer for the read model of every room: a room that changed is projected at most
 * `delayMs` later, together with other changed rooms in one transaction, instead of each room
 * paying its own timer and transaction. A batch takes at most `sliceMs` of a turn; the rest
 * follows in the next turns, so many busy rooms do not add up to one long stall for everyone.
 */
export class ProjectionSchedule {
  private dirty = new Set<Projectable>();
  private timer: NodeJS.Timeout | null = null;
  private continuing: NodeJS.Immediate | null = null;

  constructor(
    private db: Db,
    private delayMs: number,
    private log: Logger,
    private sliceMs = 5,
  ) {}

  mark(room: Projectable) {
    this.dirty.add(room);
    if (!this.timer && !this.continuing) this.timer = setTimeout(() => this.run(), this.delayMs);
  }

  forget(room: Projectable) {
    this.dirty.delete(room);
  }

  /** Projects changed rooms for up to one slice; schedules the rest. */
  run() {
    this.cancel();
    if (this.dirty.size === 0) return;
    // Nothing to commit first: a live document is never ahead of the update log (collab-server/turn.ts).
    const started = performance.now();
    const done: Projectable[] = [];
    let failed = false;
    try {
      this.db.$client.transaction(() => {
        for (const room of this.dirty) {
          done.push(room);
          room.projectIfDirty();
          if (performance.now() - started >= this.sliceMs) break;
        }
      })();
    } catch (err) {
      // The commit itself failed (a room's own projection error is handled by the room).
      failed = true;
      this.log.error("collab: projection batch failed", { rooms: done.length, err: String(err) });
      for (const room of done) room.markDirty();
    }
    if (!failed) for (const room of done) this.dirty.delete(room);
    if (this.dirty.size === 0) return;
    if (failed) this.timer = setTimeout(() => this.run(), this.delayMs);
    else this.continuing = setImmediate(() => this.run());
  }

  private cancel() {
    if (this.timer) clearTimeout(this.timer);
    if (this.continuing) clearImmediate(this.continuing);
    this.timer = null;
    this.continuing = null;
  }

  close() {
    this.cancel();
    this.dirty.clear();
  }
}
