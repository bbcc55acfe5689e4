// Training needs, implementation hours and funding per item (issue 15, decision 030). Written by whoever
// keeps the agenda's execution records (record:execution), read by whoever reads the agenda; every write
// is audited in its transaction.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { agendas, agendaItems, itemFunding, trainingNeeds } from "../../db/schema";
import { can, type Principal } from "../domain/permissions";
import { hoursPerItem, isOpenDemand, NO_PROVIDER, providerKey, roleKey, roleLabel, sumDemand, type FundingRoute, type FundingStatus, type ItemTrainingHours, type TrainingLine } from "../domain/training";
import type { FundingInput, TrainingInput } from "../forms/training";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type AgendaScope = { id: number; regionId: number; partnersMayRead?: boolean };

const trainingColumns = {
  id: trainingNeeds.id,
  itemId: trainingNeeds.itemId,
  kind: trainingNeeds.kind,
  role: trainingNeeds.role,
  people: trainingNeeds.people,
  hoursPerPerson: trainingNeeds.hoursPerPerson,
  provider: trainingNeeds.provider,
  schoolType: trainingNeeds.schoolType,
  skillsLab: trainingNeeds.skillsLab,
  status: trainingNeeds.status,
  period: trainingNeeds.period,
};

export type FundingLine = {
  id: number;
  itemId: string;
  route: FundingRoute;
  amountCents: number;
  status: FundingStatus;
  date: string;
  note: string;
};

/**
 * Training and implementation hours per item, with the lines they are made of. No actor: for callers
 * that already read the items (the net saving, the report). Items without lines are absent.
 */
export function trainingHoursForItems({ db, itemIds }: { db: Db | Tx; itemIds: readonly string[] }): Map<string, ItemTrainingHours> {
  if (itemIds.length === 0) return new Map();
  const lines = db.select(trainingColumns).from(trainingNeeds).where(inArray(trainingNeeds.itemId, [...itemIds])).orderBy(asc(trainingNeeds.id)).all();
  return hoursPerItem(lines);
}

/** One item's training lines and funding lines, for someone who may read its agenda; null when the item is not on it. */
export function itemTrainingAndFunding({ db, actor, agenda, itemId }: { db: Db; actor: Principal; agenda: AgendaScope; itemId: string }) {
  if (!can(actor, "read:agenda", { regionId: agenda.regionId, partnersMayRead: agenda.partnersMayRead })) throw new NotAllowedError();
  const item = db.select({ id: agendaItems.id, title: agendaItems.title }).from(agendaItems).where(and(eq(agendaItems.agendaId, agenda.id), eq(agendaItems.id, itemId))).get();
  if (!item) return null;
  const training = trainingHoursForItems({ db, itemIds: [itemId] }).get(itemId) ?? { training: 0, implementation: 0, total: 0, lines: [] };
  const funding: FundingLine[] = db
    .select({ id: itemFunding.id, itemId: itemFunding.itemId, route: itemFunding.route, amountCents: itemFunding.amountCents, status: itemFunding.status, date: itemFunding.date, note: itemFunding.note })
    .from(itemFunding)
    .where(and(eq(itemFunding.agendaId, agenda.id), eq(itemFunding.itemId, itemId)))
    .orderBy(asc(itemFunding.date), asc(itemFunding.id))
    .all();
  return { item, training, funding, mayEdit: can(actor, "record:execution", { regionId: agenda.regionId }) };
}

/** What the item page's training section shows: the item's lines, with where its links go. */
export function trainingSection({ db, actor, agenda, itemId }: { db: Db; actor: Principal; agenda: AgendaScope & { regionSlug: string }; itemId: string }) {
  const found = itemTrainingAndFunding({ db, actor, agenda, itemId });
  return found && { ...found, agendaId: agenda.id, regionSlug: agenda.regionSlug };
}

/** Every open and done training line of the region's live items, with the item and agenda they belong to. */
export function regionTrainingLines({ db, regionId }: { db: Db; regionId: number }) {
  return db
    .select({ ...trainingColumns, agendaId: trainingNeeds.agendaId, itemTitle: agendaItems.title })
    .from(trainingNeeds)
    .innerJoin(agendas, eq(agendas.id, trainingNeeds.agendaId))
    // Only items still on their agenda: a removed item's needs are no demand.
    .innerJoin(agendaItems, and(eq(agendaItems.id, trainingNeeds.itemId), eq(agendaItems.agendaId, trainingNeeds.agendaId)))
    .where(eq(agendas.regionId, regionId))
    .orderBy(asc(trainingNeeds.period), asc(trainingNeeds.id))
    .all();
}

function itemOnAgenda(db: Db | Tx, agendaId: number, itemId: string) {
  return !!db.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.agendaId, agendaId), eq(agendaItems.id, itemId))).get();
}

type WriteArgs<I> = { db: Db; actor: Principal; agenda: AgendaScope; itemId: string; input: I; now?: Date };
type WriteResult = { ok: true; id: number } | { ok: false; error: "item" | "line" };

function authorizeWrite(actor: Principal, agenda: AgendaScope) {
  if (!can(actor, "record:execution", { regionId: agenda.regionId })) throw new NotAllowedError();
}

/** Adds a training or implementation line, or changes one of the item's (`lineId`), audited. */
export function saveTrainingNeed({ db, actor, agenda, itemId, input, now = new Date() }: WriteArgs<TrainingInput>): WriteResult {
  authorizeWrite(actor, agenda);
  if (!itemOnAgenda(db, agenda.id, itemId)) return { ok: false, error: "item" };
  const { intent, lineId, ...values } = input;
  return db.transaction((tx): WriteResult => {
    let id: number;
    if (intent === "edit-training") {
      const where = and(eq(trainingNeeds.id, lineId!), eq(trainingNeeds.agendaId, agenda.id), eq(trainingNeeds.itemId, itemId));
      if (!tx.select({ id: trainingNeeds.id }).from(trainingNeeds).where(where).get()) return { ok: false, error: "line" };
      tx.update(trainingNeeds).set({ ...values, updatedAt: now }).where(where).run();
      id = lineId!;
    } else {
      id = tx.insert(trainingNeeds).values({ ...values, agendaId: agenda.id, itemId, createdBy: actor.id, updatedAt: now }).returning({ id: trainingNeeds.id }).get().id;
    }
    recordAudit({ db: tx, actorId: actor.id, action: intent === "edit-training" ? "training.edit" : "training.add", entityType: "training_need", entityId: id, regionId: agenda.regionId, data: { itemId, ...values } });
    return { ok: true, id };
  });
}

/** Adds a funding line, or changes one of the item's, audited. */
export function saveFunding({ db, actor, agenda, itemId, input, now = new Date() }: WriteArgs<FundingInput>): WriteResult {
  authorizeWrite(actor, agenda);
  if (!itemOnAgenda(db, agenda.id, itemId)) return { ok: false, error: "item" };
  const { intent, lineId, ...values } = input;
  return db.transaction((tx): WriteResult => {
    let id: number;
    if (intent === "edit-funding") {
      const where = and(eq(itemFunding.id, lineId!), eq(itemFunding.agendaId, agenda.id), eq(itemFunding.itemId, itemId));
      if (!tx.select({ id: itemFunding.id }).from(itemFunding).where(where).get()) return { ok: false, error: "line" };
      tx.update(itemFunding).set({ ...values, updatedAt: now }).where(where).run();
      id = lineId!;
    } else {
      id = tx.insert(itemFunding).values({ ...values, agendaId: agenda.id, itemId, createdBy: actor.id, updatedAt: now }).returning({ id: itemFunding.id }).get().id;
    }
    recordAudit({ db: tx, actorId: actor.id, action: intent === "edit-funding" ? "funding.edit" : "funding.add", entityType: "item_funding", entityId: id, regionId: agenda.regionId, data: { itemId, ...values } });
    return { ok: true, id };
  });
}

/** Removes a line entered by mistake; the audit keeps what it said. */
export function removeTrainingOrFunding({ db, actor, agenda, itemId, intent, lineId }: { db: Db; actor: Principal; agenda: AgendaScope; itemId: string; intent: "remove-training" | "remove-funding"; lineId: number }): boolean {
  authorizeWrite(actor, agenda);
  const table = intent === "remove-training" ? trainingNeeds : itemFunding;
  return db.transaction((tx) => {
    const where = and(eq(table.id, lineId), eq(table.agendaId, agenda.id), eq(table.itemId, itemId));
    const row = tx.select().from(table).where(where).get();
    if (!row) return false;
    tx.delete(table).where(where).run();
    recordAudit({ db: tx, actorId: actor.id, action: intent === "remove-training" ? "training.remove" : "funding.remove", entityType: intent === "remove-training" ? "training_need" : "item_funding", entityId: lineId, regionId: agenda.regionId, data: { ...row } });
    return true;
  });
}

/**
 * The region's training demand for whoever may read its agendas (schools included, as partners where
 * the region lets partners read): open needs summed per role, per school type and per provider and quarter.
 */
export function regionTrainingDemand({ db, actor, region }: { db: Db; actor: Principal; region: { id: number; partnersMayRead?: boolean } }) {
  if (!can(actor, "read:agenda", { regionId: region.id, partnersMayRead: region.partnersMayRead })) throw new NotAllowedError();
  const lines = regionTrainingLines({ db, regionId: region.id });
  const open = lines.filter(isOpenDemand);
  const total = sumDemand(open, () => "");
  return {
    lines: open,
    total: total[0] ?? { key: "", label: "", people: 0, hours: 0, lines: 0 },
    byRole: sumDemand(open, roleKey, roleLabel),
    bySchoolType: sumDemand(open, (l) => l.schoolType ?? NO_PROVIDER),
    // The schools' view: a provider's quarter is one row, so a school sees when who comes.
    byProviderPeriod: sumDemand(open, (l) => `${providerKey(l)}|${l.period ?? ""}`).sort((a, b) => a.key.localeCompare(b.key, "nl")),
  };
}
