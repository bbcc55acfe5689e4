// Measured savings per item (issue 15, decision 029): a baseline and measurements, entered by hand or
// confirmed from an import (measurement-imports.server.ts). Rows are never edited: a wrong figure is
// removed (audited) and entered again.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { agendaItems, measurements, users } from "../../db/schema";
import { can, type Principal } from "../domain/permissions";
import { periodOf } from "../domain/periods";
import { startOfDutchDay } from "../domain/dutch-time";
import { toHoursPerWeek } from "../domain/measurements";
import type { MeasurementEntry } from "../forms/measurements";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";
import { syncNationalSummary } from "./national-summary.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type AgendaScope = { id: number; regionId: number; partnersMayRead?: boolean };

const columns = {
  id: measurements.id,
  agendaId: measurements.agendaId,
  itemId: measurements.itemId,
  kind: measurements.kind,
  value: measurements.value,
  unit: measurements.unit,
  clientsPerWeek: measurements.clientsPerWeek,
  hoursPerWeek: measurements.hoursPerWeek,
  profession: measurements.profession,
  team: measurements.team,
  period: measurements.period,
  startDate: measurements.startDate,
  endDate: measurements.endDate,
  source: measurements.source,
  sourceFile: measurements.sourceFile,
  sourceRow: measurements.sourceRow,
  note: measurements.note,
  createdBy: measurements.createdBy,
  createdByName: users.name,
  createdAt: measurements.createdAt,
};

export type MeasurementRow = {
  [K in keyof typeof columns]: (typeof columns)[K]["_"]["notNull"] extends true ? (typeof columns)[K]["_"]["data"] : (typeof columns)[K]["_"]["data"] | null;
};

export type ItemMeasurements = { baselines: MeasurementRow[]; measurements: MeasurementRow[] };

/**
 * Every item's baselines and measurements, oldest period first. No actor: for callers that already
 * read the items (the savings model, the report); a user's page goes through listMeasurements.
 */
export function measurementsForItems({ db, itemIds }: { db: Db | Tx; itemIds: readonly string[] }): Map<string, ItemMeasurements> {
  const result = new Map<string, ItemMeasurements>(itemIds.map((id) => [id, { baselines: [], measurements: [] }]));
  if (itemIds.length === 0) return result;
  const rows = db
    .select(columns)
    .from(measurements)
    .leftJoin(users, eq(users.id, measurements.createdBy))
    .where(inArray(measurements.itemId, [...itemIds]))
    .orderBy(asc(measurements.period), asc(measurements.createdAt), asc(measurements.id))
    .all() as MeasurementRow[];
  for (const row of rows) {
    const entry = result.get(row.itemId)!;
    (row.kind === "baseline" ? entry.baselines : entry.measurements).push(row);
  }
  return result;
}

/** One item's figures, for someone who may read its agenda. */
export function listMeasurements({ db, actor, agenda, itemId }: { db: Db; actor: Principal; agenda: AgendaScope; itemId: string }): ItemMeasurements {
  if (!can(actor, "read:agenda", { regionId: agenda.regionId, partnersMayRead: agenda.partnersMayRead })) throw new NotAllowedError();
  return measurementsForItems({ db, itemIds: [itemId] }).get(itemId)!;
}

/** Whether the item is on this agenda now (the projection of the live document). */
export function itemOnAgenda({ db, agendaId, itemId }: { db: Db | Tx; agendaId: number; itemId: string }) {
  return db
    .select({ id: agendaItems.id, title: agendaItems.title })
    .from(agendaItems)
    .where(and(eq(agendaItems.agendaId, agendaId), eq(agendaItems.id, itemId)))
    .get() ?? null;
}

/** What a stored figure needs besides who and where: the same for hand entry and import. */
export type MeasurementValues = Omit<MeasurementEntry, "intent" | "periodMode" | "note"> & {
  note?: string;
  source: "hand" | "import";
  importId?: number | null;
  sourceFile?: string | null;
  sourceRow?: number | null;
};

/** The row to insert for one figure; null when it cannot be converted to hours per week. */
export function measurementRow({ agendaId, itemId, values, actorId, now }: { agendaId: number; itemId: string; values: MeasurementValues; actorId: number; now: Date }) {
  const hoursPerWeek = toHoursPerWeek(values.value, values.unit, values.clientsPerWeek ?? null);
  if (hoursPerWeek === null) return null;
  const period = values.period ?? periodOf(startOfDutchDay(values.startDate!));
  return {
    agendaId,
    itemId,
    kind: values.kind,
    value: values.value,
    unit: values.unit,
    clientsPerWeek: values.clientsPerWeek ?? null,
    hoursPerWeek,
    profession: values.profession,
    team: values.team,
    period,
    startDate: values.startDate ?? null,
    endDate: values.endDate ?? null,
    source: values.source,
    importId: values.importId ?? null,
    sourceFile: values.sourceFile ?? null,
    sourceRow: values.sourceRow ?? null,
    note: values.note ?? "",
    createdBy: actorId,
    createdAt: now,
  } satisfies typeof measurements.$inferInsert;
}

/** Stores a hand-entered figure for an item on the agenda, audited. */
export function addMeasurement({
  db,
  actor,
  agenda,
  itemId,
  entry,
  now = new Date(),
}: {
  db: Db;
  actor: Principal;
  agenda: AgendaScope;
  itemId: string;
  entry: MeasurementEntry;
  now?: Date;
}): { ok: true; id: number } | { ok: false; error: "item" | "unit" } {
  if (!can(actor, "record:execution", { regionId: agenda.regionId })) throw new NotAllowedError();
  if (!itemOnAgenda({ db, agendaId: agenda.id, itemId })) return { ok: false, error: "item" };
  const row = measurementRow({ agendaId: agenda.id, itemId, values: { ...entry, source: "hand" }, actorId: actor.id, now });
  if (!row) return { ok: false, error: "unit" };
  const id = db.transaction((tx) => {
    const { id } = tx.insert(measurements).values(row).returning({ id: measurements.id }).get();
    recordAudit({ db: tx, actorId: actor.id, action: "measurement.add", entityType: "measurement", entityId: id, regionId: agenda.regionId, data: { itemId, kind: row.kind, value: row.value, unit: row.unit, period: row.period, source: "hand" } });
    syncNationalSummary({ db });
    return id;
  });
  return { ok: true, id };
}

/** Removes one figure of the item (a mistake), audited with what it said. */
export function removeMeasurement({ db, actor, agenda, itemId, measurementId }: { db: Db; actor: Principal; agenda: AgendaScope; itemId: string; measurementId: number }): boolean {
  if (!can(actor, "record:execution", { regionId: agenda.regionId })) throw new NotAllowedError();
  return db.transaction((tx) => {
    const where = and(eq(measurements.id, measurementId), eq(measurements.agendaId, agenda.id), eq(measurements.itemId, itemId));
    const row = tx.select().from(measurements).where(where).get();
    if (!row) return false;
    tx.delete(measurements).where(where).run();
    recordAudit({ db: tx, actorId: actor.id, action: "measurement.remove", entityType: "measurement", entityId: measurementId, regionId: agenda.regionId, data: { itemId, kind: row.kind, value: row.value, unit: row.unit, period: row.period, source: row.source, sourceFile: row.sourceFile, sourceRow: row.sourceRow } });
    syncNationalSummary({ db });
    return true;
  });
}

export type MeasurementsSectionData = ItemMeasurements & { agendaId: number; item: { id: string; title: string }; mayRecord: boolean };

/** The item page's section: its figures and whether the reader may add to them; null when the item is not on the agenda. */
export function measurementsSection({ db, actor, agenda, itemId }: { db: Db; actor: Principal; agenda: AgendaScope; itemId: string }): MeasurementsSectionData | null {
  const figures = listMeasurements({ db, actor, agenda, itemId });
  const item = itemOnAgenda({ db, agendaId: agenda.id, itemId });
  if (!item) return null;
  return { ...figures, agendaId: agenda.id, item, mayRecord: can(actor, "record:execution", { regionId: agenda.regionId }) };
}
