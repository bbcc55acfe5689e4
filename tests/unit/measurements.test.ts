// Measurements on a real temp database: hand entry (converted, audited, who may), the import kept as a
// preview until confirmed (nothing stored before, only the rows taken after, once), and the demo's
// measured item.
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { parseForm } from "../../app/forms/validation";
import { measurementEntrySchema } from "../../app/forms/measurements";
import { addMeasurement, measurementsForItems, removeMeasurement } from "../../app/models/measurements.server";
import { confirmImport, createImport, getImportPreview, setImportMapping } from "../../app/models/measurement-imports.server";
import { readUpload } from "../../app/models/measurement-files.server";
import { baselineFor, toHoursPerWeek } from "../../app/domain/measurements";
import { NotAllowedError } from "../../app/models/errors.server";
import { translate } from "../../app/i18n/messages";
import { seedDemoData } from "../../db/seed";
import { DEMO_MEASURED_ITEM } from "../../db/seed/demo-measurements";
import { factoryDatabase } from "../support/factories";
import { formData as form } from "../support/form-data";


let cleanup: () => void = () => {};
afterEach(() => cleanup());

function setup() {
  const ctx = factoryDatabase();
  cleanup = ctx.cleanup;
  const { make, db } = ctx;
  const region = make.region("twente");
  const agenda = make.agenda({ region, items: [{ title: "Slim incontinentiemateriaal", status: "in_uitvoering" }] });
  const ref = { id: agenda.id, regionId: region.id };
  return { db, agenda, ref, itemId: agenda.itemIds[0], lead: make.member(region), board: make.member(region, "board"), adviser: make.adviser([region]) };
}

const entry = (values: Record<string, string>, locale: "nl" | "en" = "nl") => {
  const parsed = parseForm(measurementEntrySchema, form({ intent: "add", kind: "measurement", unit: "hours_per_week", periodMode: "quarter", period: "2026-Q3", ...values }), locale);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
};

describe("conversions to hours per week", () => {
  it("hours as they are, overtime per month × 12 ÷ 52, a vacancy FTE as 36 hours, minutes × clients ÷ 60", () => {
    expect(toHoursPerWeek(40, "hours_per_week")).toBe(40);
    expect(toHoursPerWeek(52, "overtime_hours_per_month")).toBeCloseTo(12);
    expect(toHoursPerWeek(1.5, "vacancies_fte")).toBe(54);
    expect(toHoursPerWeek(12, "minutes_per_client", 50)).toBe(10);
    expect(toHoursPerWeek(12, "minutes_per_client", null)).toBeNull();
  });

  it("a measurement's baseline: same profession and team, else same profession, else the item-wide one", () => {
    const b = (profession: string, team: string, at: number) => ({ profession, team, createdAt: at });
    const baselines = [b("", "", 1), b("VIG", "", 2), b("VIG", "De Linde", 3), b("VIG", "De Linde", 4)];
    expect(baselineFor(baselines, { profession: "VIG", team: "De Linde" })).toBe(baselines[3]);
    expect(baselineFor(baselines, { profession: "VIG", team: "De Esch" })).toBe(baselines[1]);
    expect(baselineFor(baselines, { profession: "Helpende", team: "De Esch" })).toBe(baselines[0]);
    expect(baselineFor(baselines.slice(1), { profession: "Helpende", team: "" })).toBeNull();
  });
});

describe("hand entry", () => {
  it("stores the figure as typed and in hours per week, audited; read back per item with who entered it", () => {
    const { db, ref, itemId, lead } = setup();
    expect(addMeasurement({ db, actor: lead.principal(), agenda: ref, itemId, entry: entry({ kind: "baseline", value: "1.250,5", period: "2026-Q1", profession: "Verzorgende IG" }) }).ok).toBe(true);
    expect(addMeasurement({ db, actor: lead.principal(), agenda: ref, itemId, entry: entry({ value: "12,5", unit: "minutes_per_client", clientsPerWeek: "48", periodMode: "range", startDate: "2026-07-01", endDate: "2026-07-31" }) }).ok).toBe(true);
    const { baselines, measurements } = measurementsForItems({ db, itemIds: [itemId] }).get(itemId)!;
    expect(baselines.map((m) => [m.value, m.unit, m.hoursPerWeek, m.period, m.profession, m.source])).toEqual([[1250.5, "hours_per_week", 1250.5, "2026-Q1", "Verzorgende IG", "hand"]]);
    expect(measurements.map((m) => [m.value, m.clientsPerWeek, m.hoursPerWeek, m.period, m.startDate, m.endDate, m.createdByName])).toEqual([[12.5, 48, 10, "2026-Q3", "2026-07-01", "2026-07-31", lead.name]]);
    expect(db.select().from(s.auditLog).where(eq(s.auditLog.action, "measurement.add")).all()).toHaveLength(2);
  });

  it("the form says in Dutch what is wrong: a word for a number, minutes without clients, a range backwards", () => {
    const errors = (values: Record<string, string>) => {
      const parsed = parseForm(measurementEntrySchema, form({ intent: "add", kind: "measurement", unit: "hours_per_week", periodMode: "quarter", period: "2026-Q3", ...values }));
      return parsed.ok ? {} : Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, translate("nl", v!)]));
    };
    expect(errors({ value: "twaalf" })).toEqual({ value: "Vul een getal in, bijvoorbeeld 12,5." });
    expect(errors({ value: "5", unit: "minutes_per_client" })).toEqual({ clientsPerWeek: "Bij minuten per cliënt is het aantal cliënten per week nodig om uren te berekenen." });
    expect(errors({ value: "5", periodMode: "range", startDate: "2026-08-01", endDate: "2026-07-01" })).toEqual({ endDate: "De laatste dag ligt vóór de eerste." });
    expect(errors({ value: "5", period: "2026-Q5" })).toEqual({ period: "Kies een kwartaal." });
  });

  it("refuses the board and the adviser, and an item not on the agenda; removal is audited", () => {
    const { db, ref, itemId, lead, board, adviser } = setup();
    for (const who of [board, adviser]) expect(() => addMeasurement({ db, actor: who.principal(), agenda: ref, itemId, entry: entry({ value: "5" }) })).toThrow(NotAllowedError);
    expect(addMeasurement({ db, actor: lead.principal(), agenda: ref, itemId: "elders", entry: entry({ value: "5" }) })).toEqual({ ok: false, error: "item" });
    const added = addMeasurement({ db, actor: lead.principal(), agenda: ref, itemId, entry: entry({ value: "5" }) });
    if (!added.ok) throw new Error("not added");
    expect(removeMeasurement({ db, actor: lead.principal(), agenda: ref, itemId, measurementId: added.id })).toBe(true);
    expect(measurementsForItems({ db, itemIds: [itemId] }).get(itemId)!.measurements).toEqual([]);
    expect(db.select().from(s.auditLog).where(eq(s.auditLog.action, "measurement.remove")).get()?.data).toMatchObject({ value: 5, source: "hand" });
  });
});

describe("import: a preview on the server until confirmed", () => {
  async function upload(path: string, ctx: ReturnType<typeof setup>, now = new Date()) {
    const table = await readUpload(new Uint8Array(fs.readFileSync(path)));
    if (!table.ok) throw new Error(table.error.key);
    const created = createImport({ db: ctx.db, actor: ctx.lead.principal(), agenda: ctx.ref, itemId: ctx.itemId, kind: "measurement", fileName: "rooster-voorbeeld.xlsx", fileSize: 1, table, now });
    if (!created.ok) throw new Error(created.error);
    return created.id;
  }
  const stored = (ctx: ReturnType<typeof setup>) => ctx.db.select().from(s.measurements).all();

  it("stores nothing on upload, every figure of the rows taken on confirmation with file and row, once", async () => {
    const ctx = setup();
    const importId = await upload("db/seed/rooster-voorbeeld.xlsx", ctx);
    const preview = getImportPreview({ db: ctx.db, actor: ctx.lead.principal(), agenda: ctx.ref, itemId: ctx.itemId, importId })!;
    expect(preview.verdicts).toHaveLength(12);
    expect(stored(ctx)).toEqual([]);
    const result = confirmImport({ db: ctx.db, actor: ctx.lead.principal(), agenda: ctx.ref, itemId: ctx.itemId, importId });
    expect(result).toEqual({ ok: true, stored: 36, fileName: "rooster-voorbeeld.xlsx" });
    const rows = stored(ctx);
    expect(rows.find((r) => r.sourceRow === 2 && r.unit === "vacancies_fte")).toMatchObject({ value: 1.5, hoursPerWeek: 54, team: "Afdeling De Linde", period: "2026-Q1", startDate: "2026-01-15", source: "import", importId });
    expect(confirmImport({ db: ctx.db, actor: ctx.lead.principal(), agenda: ctx.ref, itemId: ctx.itemId, importId })).toEqual({ ok: false, error: "confirmed" });
    expect(stored(ctx)).toHaveLength(36);
    expect(ctx.db.select().from(s.auditLog).where(eq(s.auditLog.action, "measurement.import")).get()?.data).toMatchObject({ rowsTaken: 12, rowsRejected: 0, stored: 36 });
  });

  it("follows the user's mapping: without the overtime and vacancy columns only the hours are stored", async () => {
    const ctx = setup();
    const importId = await upload("db/seed/rooster-voorbeeld.csv", ctx);
    setImportMapping({ db: ctx.db, actor: ctx.lead.principal(), agenda: ctx.ref, itemId: ctx.itemId, importId, mapping: { date: "0", team: "1", profession: "2", hours: "3", overtime: "", vacancies: "" } });
    expect(confirmImport({ db: ctx.db, actor: ctx.lead.principal(), agenda: ctx.ref, itemId: ctx.itemId, importId })).toMatchObject({ ok: true, stored: 12 });
  });

  it("a file whose every row is rejected cannot be confirmed; an expired preview is gone; the board may not import", async () => {
    const ctx = setup();
    const broken = await upload("tests/fixtures/rooster-fouten.csv", ctx);
    expect(confirmImport({ db: ctx.db, actor: ctx.lead.principal(), agenda: ctx.ref, itemId: ctx.itemId, importId: broken })).toEqual({ ok: false, error: "nothing" });
    const old = await upload("db/seed/rooster-voorbeeld.csv", ctx, new Date(Date.now() - 2 * 3600_000));
    expect(getImportPreview({ db: ctx.db, actor: ctx.lead.principal(), agenda: ctx.ref, itemId: ctx.itemId, importId: old })).toBeNull();
    expect(confirmImport({ db: ctx.db, actor: ctx.lead.principal(), agenda: ctx.ref, itemId: ctx.itemId, importId: old })).toEqual({ ok: false, error: "expired" });
    expect(() => confirmImport({ db: ctx.db, actor: ctx.board.principal(), agenda: ctx.ref, itemId: ctx.itemId, importId: broken })).toThrow(NotAllowedError);
    expect(stored(ctx)).toEqual([]);
  });
});

describe("the demo", () => {
  it("one measured item: a baseline by hand and two measurements citing the sample file's rows; a re-run adds nothing", async () => {
    const ctx = factoryDatabase();
    cleanup = ctx.cleanup;
    await seedDemoData({ db: ctx.db });
    await seedDemoData({ db: ctx.db });
    const item = ctx.db.select().from(s.agendaItems).where(eq(s.agendaItems.title, DEMO_MEASURED_ITEM.title)).get()!;
    const { baselines, measurements } = measurementsForItems({ db: ctx.db, itemIds: [item.id] }).get(item.id)!;
    expect(baselines.map((m) => [m.period, m.hoursPerWeek, m.source])).toEqual([["2025-Q4", 312, "hand"]]);
    expect(measurements.map((m) => [m.period, m.hoursPerWeek, m.sourceFile, m.sourceRow])).toEqual([
      ["2026-Q1", 298, "rooster-voorbeeld.xlsx", 2],
      ["2026-Q2", 287, "rooster-voorbeeld.xlsx", 6],
    ]);
  });
});
