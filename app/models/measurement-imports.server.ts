// An upload between the preview and the confirmation (decision 029): the file's cells are kept in
// measurement_imports, and every preview and the confirmation judge those stored cells with the stored
// mapping. Nothing reaches `measurements` before the user confirms, and only the rows taken then.
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../../db";
import { measurementImports, measurements, type MeasurementKind } from "../../db/schema";
import { can, type Principal } from "../domain/permissions";
import { cleanMapping, guessMapping, IMPORT_LIMITS, judgeRows, mappingProblem, type ColumnMapping, type ImportProblem, type RowVerdict } from "../domain/measurement-import";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";
import { itemOnAgenda, measurementRow } from "./measurements.server";
import type { ReadFile } from "./measurement-files.server";
import { syncNationalSummary } from "./national-summary.server";

type AgendaScope = { id: number; regionId: number };

const mayImport = (actor: Principal, agenda: AgendaScope) => {
  if (!can(actor, "record:execution", { regionId: agenda.regionId })) throw new NotAllowedError();
};

/** Keeps a read file as a preview with its guessed mapping; expired previews of anyone go first. */
export function createImport({
  db,
  actor,
  agenda,
  itemId,
  kind,
  fileName,
  fileSize,
  table,
  now = new Date(),
}: {
  db: Db;
  actor: Principal;
  agenda: AgendaScope;
  itemId: string;
  kind: MeasurementKind;
  fileName: string;
  fileSize: number;
  table: Extract<ReadFile, { ok: true }>;
  now?: Date;
}): { ok: true; id: number } | { ok: false; error: "item" } {
  mayImport(actor, agenda);
  if (!itemOnAgenda({ db, agendaId: agenda.id, itemId })) return { ok: false, error: "item" };
  const id = db.transaction((tx) => {
    tx.delete(measurementImports).where(and(eq(measurementImports.status, "preview"), lt(measurementImports.expiresAt, now))).run();
    return tx
      .insert(measurementImports)
      .values({
        agendaId: agenda.id,
        itemId,
        kind,
        // A name is shown and cited, never used as a path.
        fileName: fileName.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "bestand",
        fileSize,
        format: table.format,
        headers: table.headers,
        cells: table.cells,
        mapping: guessMapping(table.headers),
        createdBy: actor.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + IMPORT_LIMITS.previewMs),
      })
      .returning({ id: measurementImports.id })
      .get().id;
  });
  return { ok: true, id };
}

export type ImportPreview = {
  id: number;
  itemId: string;
  kind: MeasurementKind;
  fileName: string;
  status: "preview" | "confirmed";
  headers: string[];
  mapping: ColumnMapping;
  mappingProblem: ImportProblem | null;
  verdicts: RowVerdict[];
};

function loadImport(db: Db, agenda: AgendaScope, itemId: string, importId: number, now: Date) {
  const row = db
    .select()
    .from(measurementImports)
    .where(and(eq(measurementImports.id, importId), eq(measurementImports.agendaId, agenda.id), eq(measurementImports.itemId, itemId)))
    .get();
  if (!row || (row.status === "preview" && row.expiresAt < now)) return null;
  return row;
}

function preview(row: typeof measurementImports.$inferSelect): ImportPreview {
  const mapping = cleanMapping(row.mapping, row.headers.length);
  const problem = mappingProblem(mapping);
  return {
    id: row.id,
    itemId: row.itemId,
    kind: row.kind,
    fileName: row.fileName,
    status: row.status,
    headers: row.headers,
    mapping,
    mappingProblem: problem,
    verdicts: problem ? [] : judgeRows({ headers: row.headers, cells: row.cells, mapping }),
  };
}

/** The import's preview (its rows judged now), for whoever may import on this agenda; null when gone or expired. */
export function getImportPreview({ db, actor, agenda, itemId, importId, now = new Date() }: { db: Db; actor: Principal; agenda: AgendaScope; itemId: string; importId: number; now?: Date }): ImportPreview | null {
  mayImport(actor, agenda);
  const row = loadImport(db, agenda, itemId, importId, now);
  return row ? preview(row) : null;
}

/** The user's choice of columns; the preview follows it. */
export function setImportMapping({ db, actor, agenda, itemId, importId, mapping, now = new Date() }: { db: Db; actor: Principal; agenda: AgendaScope; itemId: string; importId: number; mapping: Record<string, unknown>; now?: Date }): boolean {
  mayImport(actor, agenda);
  const row = loadImport(db, agenda, itemId, importId, now);
  if (!row || row.status !== "preview") return false;
  db.update(measurementImports).set({ mapping: cleanMapping(mapping, row.headers.length) }).where(eq(measurementImports.id, importId)).run();
  return true;
}

export type ConfirmResult = { ok: true; stored: number; fileName: string } | { ok: false; error: "expired" | "confirmed" | "nothing" };

/** Stores the figures of every row taken, in one transaction with one audit entry; rejected rows are not stored. */
export function confirmImport({ db, actor, agenda, itemId, importId, now = new Date() }: { db: Db; actor: Principal; agenda: AgendaScope; itemId: string; importId: number; now?: Date }): ConfirmResult {
  mayImport(actor, agenda);
  return db.transaction((tx) => {
    const row = loadImport(tx as unknown as Db, agenda, itemId, importId, now);
    if (!row) return { ok: false, error: "expired" } as const;
    if (row.status === "confirmed") return { ok: false, error: "confirmed" } as const;
    const { verdicts } = preview(row);
    const rows = verdicts.flatMap((v) =>
      v.figures.map((f) =>
        measurementRow({
          agendaId: agenda.id,
          itemId,
          values: { kind: row.kind, value: f.value, unit: f.unit, clientsPerWeek: f.clientsPerWeek, profession: f.profession, team: f.team, period: f.period, startDate: f.date, endDate: f.date, source: "import", importId: row.id, sourceFile: row.fileName, sourceRow: v.row },
          actorId: actor.id,
          now,
        }),
      ),
    );
    const stored = rows.filter((r) => r !== null);
    if (stored.length === 0) return { ok: false, error: "nothing" } as const;
    // Inserted in chunks: SQLite caps the bound parameters of one statement.
    for (let i = 0; i < stored.length; i += 500) tx.insert(measurements).values(stored.slice(i, i + 500)).run();
    tx.update(measurementImports).set({ status: "confirmed", confirmedAt: now }).where(eq(measurementImports.id, row.id)).run();
    recordAudit({
      db: tx,
      actorId: actor.id,
      action: "measurement.import",
      entityType: "measurement_import",
      entityId: row.id,
      regionId: agenda.regionId,
      data: { itemId, kind: row.kind, fileName: row.fileName, rowsTaken: verdicts.filter((v) => v.figures.length > 0).length, rowsRejected: verdicts.filter((v) => v.problems.length > 0).length, stored: stored.length, mapping: row.mapping },
    });
    syncNationalSummary({ db });
    return { ok: true, stored: stored.length, fileName: row.fileName } as const;
  });
}

/** Drops an unconfirmed preview (the user cancels). */
export function discardImport({ db, actor, agenda, itemId, importId }: { db: Db; actor: Principal; agenda: AgendaScope; itemId: string; importId: number }) {
  mayImport(actor, agenda);
  db.delete(measurementImports)
    .where(and(eq(measurementImports.id, importId), eq(measurementImports.agendaId, agenda.id), eq(measurementImports.itemId, itemId), eq(measurementImports.status, "preview")))
    .run();
}
