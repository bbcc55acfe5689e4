// Demo measured savings (issue 15, decision 029): Amsterdam's smart incontinence material gets a baseline
// entered by hand and two measurements read from the sample roster export (rooster-voorbeeld.xlsx, whose
// rows they cite), so the item page shows measured beside projected on a fresh start. Keyed on the item:
// an item with any measurement is left alone, so a re-run adds nothing.
import { and, eq } from "drizzle-orm";
import type { Db } from "..";
import { agendaItems, agendas, measurements, regions, users } from "../schema";
import { measurementRow, type MeasurementValues } from "../../app/models/measurements.server";
import { recordAudit } from "../../app/models/audit.server";
import { rosterRows } from "./rooster-voorbeeld";

export const DEMO_MEASURED_ITEM = { region: "amsterdam", title: "Slim incontinentiemateriaal in alle verpleeghuizen" };
const ENTERED_BY = "coordinator@demo.agendawerk.nl";
const SERIES = { team: "Afdeling De Linde", profession: "Verzorgende IG" };

export function seedDemoMeasurements({ tx, now = new Date() }: { tx: Db; now?: Date }) {
  const item = tx
    .select({ id: agendaItems.id, agendaId: agendaItems.agendaId, regionId: agendas.regionId })
    .from(agendaItems)
    .innerJoin(agendas, eq(agendas.id, agendaItems.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(and(eq(regions.slug, DEMO_MEASURED_ITEM.region), eq(agendaItems.title, DEMO_MEASURED_ITEM.title)))
    .get();
  if (!item || tx.select({ id: measurements.id }).from(measurements).where(eq(measurements.itemId, item.id)).get()) return;
  const by = tx.select({ id: users.id }).from(users).where(eq(users.email, ENTERED_BY)).get()?.id;
  if (!by) return;
  // The sample file's rows for the series, spreadsheet-numbered (the header is row 1); the first two quarters.
  const fromFile = rosterRows
    .map((r, i) => ({ ...r, row: i + 2 }))
    .filter((r) => r.team === SERIES.team && r.profession === SERIES.profession)
    .slice(0, 2);
  const figures: MeasurementValues[] = [
    { kind: "baseline", value: 312, unit: "hours_per_week", clientsPerWeek: null, ...SERIES, period: "2025-Q4", startDate: null, endDate: null, source: "hand", note: "Uit de roosters van oktober tot december 2025, voor de pilot." },
    ...fromFile.map((r) => ({ kind: "measurement" as const, value: r.hours, unit: "hours_per_week" as const, clientsPerWeek: null, ...SERIES, period: null, startDate: r.date, endDate: r.date, source: "import" as const, sourceFile: "rooster-voorbeeld.xlsx", sourceRow: r.row })),
  ];
  for (const values of figures) {
    const row = measurementRow({ agendaId: item.agendaId, itemId: item.id, values, actorId: by, now })!;
    const { id } = tx.insert(measurements).values(row).returning({ id: measurements.id }).get();
    recordAudit({ db: tx, actorId: by, action: "measurement.add", entityType: "measurement", entityId: id, regionId: item.regionId, data: { itemId: item.id, kind: row.kind, value: row.value, unit: row.unit, period: row.period, source: row.source, seed: true } });
  }
}
