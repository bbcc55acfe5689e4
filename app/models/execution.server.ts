// An item's execution records and a region's period (issue 15, decision 028): status history,
// milestones, progress notes per quarter, the coordinator's progress request and the adviser's advice.
// SQL records with history; every write is audited in its own transaction and moves the item's
// progress_at where it is progress (decision 017).
import { and, asc, desc, eq, gte, inArray, ne, notExists } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type * as Y from "yjs";
import type { Db } from "../../db";
import { agendaItems, agendas, itemMilestones, itemStatusChanges, progressNotes, progressRequestReminders, regionPeriodAdvice, users } from "../../db/schema";
import { getItem, setChoice } from "../domain/agenda-doc";
import { REPORTING_STATUSES } from "../domain/execution";
import { can, type Principal } from "../domain/permissions";
import type { ItemStatus } from "../domain/vocabulary";
import { dutchCalendarDay } from "../domain/dutch-time";
import type { AdviceInput, MilestoneInput, ProgressNoteInput, ProgressRequestInput, StatusChangeInput } from "../forms/execution";
import type { MessageKey } from "../i18n/messages";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";
import { syncNationalSummary } from "./national-summary.server";
import { notify } from "./notifications.server";
import { regionWorkgroup } from "./approvals.server";
import { mailProgressReminder } from "./mail-notifications.server";

type AgendaRef = { id: number; regionId: number };
type RegionRef = { id: number };
export type ExecutionResult<T = undefined> = { ok: true; value: T } | { ok: false; errors: Record<string, MessageKey> };

function allow(actor: Principal, action: Parameters<typeof can>[1], regionId: number) {
  if (!can(actor, action, { regionId })) throw new NotAllowedError();
}

function itemRow(db: Pick<Db, "select">, agendaId: number, itemId: string) {
  return db.select().from(agendaItems).where(and(eq(agendaItems.id, itemId), eq(agendaItems.agendaId, agendaId))).get() ?? null;
}

/** Everything the item's page shows of its execution; null when the item is not on this agenda. */
export function getItemExecution({ db, actor, agenda, itemId }: { db: Db; actor: Principal; agenda: AgendaRef; itemId: string }) {
  allow(actor, "read:agenda", agenda.regionId);
  const item = itemRow(db, agenda.id, itemId);
  if (!item) return null;
  const history = db
    .select({ id: itemStatusChanges.id, fromStatus: itemStatusChanges.fromStatus, status: itemStatusChanges.status, note: itemStatusChanges.note, lessonLearned: itemStatusChanges.lessonLearned, changedAt: itemStatusChanges.changedAt, by: users.name })
    .from(itemStatusChanges)
    .leftJoin(users, eq(users.id, itemStatusChanges.changedBy))
    .where(and(eq(itemStatusChanges.itemId, itemId), eq(itemStatusChanges.agendaId, agenda.id)))
    .orderBy(desc(itemStatusChanges.changedAt), desc(itemStatusChanges.id))
    .all();
  const milestones = db
    .select()
    .from(itemMilestones)
    .where(and(eq(itemMilestones.itemId, itemId), eq(itemMilestones.agendaId, agenda.id)))
    .orderBy(asc(itemMilestones.dueDate), asc(itemMilestones.id))
    .all();
  const notes = db
    .select({ id: progressNotes.id, period: progressNotes.period, happened: progressNotes.happened, progressPct: progressNotes.progressPct, nextStep: progressNotes.nextStep, risk: progressNotes.risk, riskNote: progressNotes.riskNote, updatedAt: progressNotes.updatedAt, by: users.name })
    .from(progressNotes)
    .leftJoin(users, eq(users.id, progressNotes.authorId))
    .where(and(eq(progressNotes.itemId, itemId), eq(progressNotes.agendaId, agenda.id)))
    .orderBy(desc(progressNotes.period))
    .all();
  return { item, history, milestones, notes };
}

function markProgress(db: Pick<Db, "update">, agendaId: number, itemId: string, now: Date) {
  db.update(agendaItems).set({ progressAt: now }).where(and(eq(agendaItems.id, itemId), eq(agendaItems.agendaId, agendaId))).run();
}

/**
 * Records a status change and writes the status into `doc`, the live document (through
 * `withLiveDoc`): the document's field follows the record, and the projection moves agenda_items and
 * progress_at from it as for any change of status. Bad input is answered, not thrown (a throw inside
 * changeAgenda discards the change, decision 020).
 */
export function changeItemStatus({ db, doc, actor, agenda, itemId, input, now = new Date() }: { db: Db; doc: Y.Doc; actor: Principal; agenda: AgendaRef; itemId: string; input: StatusChangeInput; now?: Date }): ExecutionResult {
  allow(actor, "record:execution", agenda.regionId);
  const live = getItem(doc, itemId);
  const row = itemRow(db, agenda.id, itemId);
  if (!live || !row) return { ok: false, errors: { form: "execution.error.item" } };
  const from = (typeof live.get("status") === "string" ? live.get("status") : row.status) as ItemStatus;
  if (from === input.status) return { ok: false, errors: { status: "execution.error.sameStatus" } };
  db.transaction((tx) => {
    const change = tx
      .insert(itemStatusChanges)
      .values({ agendaId: agenda.id, itemId, fromStatus: from, status: input.status, note: input.note, lessonLearned: input.status === "gestopt" ? input.lessonLearned : null, changedBy: actor.id, changedAt: now })
      .returning({ id: itemStatusChanges.id })
      .get();
    recordAudit({ db: tx, actorId: actor.id, action: "item.status", entityType: "agenda_item", entityId: itemId, regionId: agenda.regionId, data: { changeId: change.id, from, to: input.status, note: input.note, lessonLearned: input.status === "gestopt" ? input.lessonLearned : null } });
    syncNationalSummary({ db });
  });
  setChoice(doc, itemId, "status", input.status);
  return { ok: true, value: undefined };
}

/** Each item's last recorded status on an agenda, by item id (what a version restore keeps, decision 028). */
export function recordedStatuses({ db, agendaId }: { db: Db; agendaId: number }): Map<string, ItemStatus> {
  const rows = db
    .select({ itemId: itemStatusChanges.itemId, status: itemStatusChanges.status })
    .from(itemStatusChanges)
    .where(eq(itemStatusChanges.agendaId, agendaId))
    .orderBy(asc(itemStatusChanges.changedAt), asc(itemStatusChanges.id))
    .all();
  return new Map(rows.map((r) => [r.itemId, r.status]));
}

export function saveMilestone({ db, actor, agenda, itemId, input, now = new Date() }: { db: Db; actor: Principal; agenda: AgendaRef; itemId: string; input: MilestoneInput; now?: Date }): ExecutionResult<{ id: number }> {
  allow(actor, "record:execution", agenda.regionId);
  if (!itemRow(db, agenda.id, itemId)) return { ok: false, errors: { form: "execution.error.item" } };
  return db.transaction((tx) => {
    const doneDate = input.state === "open" ? null : dutchCalendarDay(now);
    let id: number;
    let before: Record<string, unknown> | null = null;
    if (input.milestoneId === null) {
      id = tx.insert(itemMilestones).values({ agendaId: agenda.id, itemId, title: input.title, dueDate: input.dueDate, state: input.state, doneDate, createdBy: actor.id, updatedAt: now }).returning({ id: itemMilestones.id }).get().id;
    } else {
      const old = tx.select().from(itemMilestones).where(and(eq(itemMilestones.id, input.milestoneId), eq(itemMilestones.itemId, itemId), eq(itemMilestones.agendaId, agenda.id))).get();
      if (!old) return { ok: false as const, errors: { form: "execution.error.milestone" as MessageKey } };
      id = old.id;
      before = { title: old.title, dueDate: old.dueDate, state: old.state };
      tx.update(itemMilestones).set({ title: input.title, dueDate: input.dueDate, state: input.state, doneDate: old.state === input.state ? old.doneDate : doneDate, updatedAt: now }).where(eq(itemMilestones.id, id)).run();
    }
    recordAudit({ db: tx, actorId: actor.id, action: before ? "milestone.update" : "milestone.create", entityType: "item_milestone", entityId: id, regionId: agenda.regionId, data: { itemId, before, title: input.title, dueDate: input.dueDate, state: input.state } });
    markProgress(tx, agenda.id, itemId, now);
    return { ok: true as const, value: { id } };
  });
}

/** Posts the item's note for a period; a second note for the same period replaces the first (the audit log keeps both). */
export function saveProgressNote({ db, actor, agenda, itemId, input, now = new Date() }: { db: Db; actor: Principal; agenda: AgendaRef; itemId: string; input: ProgressNoteInput; now?: Date }): ExecutionResult<{ id: number }> {
  allow(actor, "record:execution", agenda.regionId);
  if (!itemRow(db, agenda.id, itemId)) return { ok: false, errors: { form: "execution.error.item" } };
  return db.transaction((tx) => {
    const values = { happened: input.happened, progressPct: input.progressPct, nextStep: input.nextStep, risk: input.risk, riskNote: input.riskNote, authorId: actor.id, updatedAt: now };
    const note = tx
      .insert(progressNotes)
      .values({ agendaId: agenda.id, itemId, period: input.period, ...values })
      .onConflictDoUpdate({ target: [progressNotes.itemId, progressNotes.period], set: values })
      .returning({ id: progressNotes.id })
      .get();
    recordAudit({ db: tx, actorId: actor.id, action: "progress.note", entityType: "progress_note", entityId: note.id, regionId: agenda.regionId, data: { itemId, ...input, intent: undefined } });
    markProgress(tx, agenda.id, itemId, now);
    return { ok: true as const, value: { id: note.id } };
  });
}

const requester = alias(users, "requester");
const adviser = alias(users, "adviser");

/** The items that report (on the region's live agendas, in a reporting status), each with its note for the period or null. */
function reportingItems(db: Pick<Db, "select">, regionId: number, period: string) {
  const items = db
    .select({ id: agendaItems.id, agendaId: agendaItems.agendaId, title: agendaItems.title, status: agendaItems.status, leadOrganisation: agendaItems.leadOrganisation, contact: agendaItems.contact })
    .from(agendaItems)
    .innerJoin(agendas, eq(agendas.id, agendaItems.agendaId))
    .where(and(eq(agendas.regionId, regionId), ne(agendas.status, "gearchiveerd"), inArray(agendaItems.status, [...REPORTING_STATUSES])))
    .orderBy(asc(agendaItems.agendaId), asc(agendaItems.position))
    .all();
  const noted = new Map(
    (items.length === 0
      ? []
      : db.select({ itemId: progressNotes.itemId, progressPct: progressNotes.progressPct, risk: progressNotes.risk, updatedAt: progressNotes.updatedAt }).from(progressNotes).where(and(eq(progressNotes.period, period), inArray(progressNotes.itemId, items.map((i) => i.id)))).all()
    ).map((n) => [n.itemId, n] as const),
  );
  return items.map((i) => ({ ...i, note: noted.get(i.id) ?? null }));
}

/**
 * A region's period: the coordinator's request, the adviser's advice, and per item that should
 * report (on the region's live agendas, in a reporting status) whether it has a note for the period.
 */
export function getRegionPeriod({ db, actor, region, period }: { db: Db; actor: Principal; region: RegionRef; period: string }) {
  allow(actor, "read:agenda", region.id);
  const record =
    db
      .select({ requestMessage: regionPeriodAdvice.requestMessage, requestDueDate: regionPeriodAdvice.requestDueDate, requestedAt: regionPeriodAdvice.requestedAt, requestedBy: requester.name, advice: regionPeriodAdvice.advice, adviceAt: regionPeriodAdvice.adviceAt, adviceBy: adviser.name })
      .from(regionPeriodAdvice)
      .leftJoin(requester, eq(requester.id, regionPeriodAdvice.requestedBy))
      .leftJoin(adviser, eq(adviser.id, regionPeriodAdvice.adviceBy))
      .where(and(eq(regionPeriodAdvice.regionId, region.id), eq(regionPeriodAdvice.period, period)))
      .get() ?? null;
  const reporting = reportingItems(db, region.id, period);
  return { record, reported: reporting.filter((i) => i.note), notReported: reporting.filter((i) => !i.note) };
}

function upsertPeriod(tx: Pick<Db, "insert">, regionId: number, period: string, set: Partial<typeof regionPeriodAdvice.$inferInsert>) {
  return tx
    .insert(regionPeriodAdvice)
    .values({ regionId, period, ...set })
    .onConflictDoUpdate({ target: [regionPeriodAdvice.regionId, regionPeriodAdvice.period], set })
    .returning({ id: regionPeriodAdvice.id })
    .get();
}

export function requestProgress({ db, actor, region, input, now = new Date() }: { db: Db; actor: Principal; region: RegionRef; input: ProgressRequestInput; now?: Date }) {
  allow(actor, "request:progress", region.id);
  db.transaction((tx) => {
    const row = upsertPeriod(tx, region.id, input.period, { requestMessage: input.message, requestDueDate: input.dueDate, requestedBy: actor.id, requestedAt: now });
    recordAudit({ db: tx, actorId: actor.id, action: "progress.request", entityType: "region_period", entityId: row.id, regionId: region.id, data: { period: input.period, message: input.message, dueDate: input.dueDate } });
    notify({ db: tx, userIds: regionWorkgroup({ db: tx, regionId: region.id }), kind: "progress_request", regionPeriodId: row.id, exceptUserId: actor.id });
  });
}

/**
 * The minute sweep's progress reminders (issue 17): two days before a request's due date, once, to
 * the workgroup while items of the region have no note for the period; none when all have reported.
 */
export function sendProgressReminders({ db, now = new Date() }: { db: Db; now?: Date }) {
  const candidates = db
    .select({ id: regionPeriodAdvice.id, regionId: regionPeriodAdvice.regionId, period: regionPeriodAdvice.period })
    .from(regionPeriodAdvice)
    .where(
      and(
        gte(regionPeriodAdvice.requestDueDate, dutchCalendarDay(now)),
        notExists(db.select({ one: progressRequestReminders.regionPeriodId }).from(progressRequestReminders).where(and(eq(progressRequestReminders.regionPeriodId, regionPeriodAdvice.id), eq(progressRequestReminders.dueDate, regionPeriodAdvice.requestDueDate)))),
      ),
    )
    .all();
  let reminded = 0;
  for (const c of candidates) {
    db.transaction((tx) => {
      const unreported = reportingItems(tx, c.regionId, c.period).filter((i) => !i.note).length;
      if (unreported > 0 && mailProgressReminder({ db: tx, regionPeriodId: c.id, userIds: regionWorkgroup({ db: tx, regionId: c.regionId }), unreported, now })) reminded++;
    });
  }
  return reminded;
}

export function saveAdvice({ db, actor, region, input, now = new Date() }: { db: Db; actor: Principal; region: RegionRef; input: AdviceInput; now?: Date }) {
  allow(actor, "advise:region", region.id);
  db.transaction((tx) => {
    const row = upsertPeriod(tx, region.id, input.period, { advice: input.advice, adviceBy: actor.id, adviceAt: now });
    recordAudit({ db: tx, actorId: actor.id, action: "region.advice", entityType: "region_period", entityId: row.id, regionId: region.id, data: { period: input.period, advice: input.advice } });
  });
}
