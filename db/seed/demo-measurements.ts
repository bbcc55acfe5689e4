// Demo measured savings (issue 15, decision 029; issue 18 for Zuid-Limburg's public item): Amsterdam's smart incontinence material gets a baseline
// entered by hand and two measurements read from the sample roster export (rooster-voorbeeld.xlsx, whose
// rows they cite), so the item page shows measured beside projected on a fresh start. Keyed on the item:
// an item with any measurement is left alone, so a re-run adds nothing.
import { and, eq } from "drizzle-orm";
import type { Db } from "..";
import { agendaItems, agendas, measurements, regions, users } from "../schema";
import { measurementRow, type MeasurementValues } from "../../app/models/measurements.server";
import { recordAudit } from "../../app/models/audit.server";
import { rosterRows } from "./rooster-voorbeeld";
import { periodOf, shiftPeriod } from "../../app/domain/periods";

export const DEMO_MEASURED_ITEM = { region: "amsterdam", title: "Slim incontinentiemateriaal in alle verpleeghuizen" };
const ENTERED_BY = "coordinator@demo.agendawerk.nl";
const SERIES = { team: "Afdeling De Linde", profession: "Verzorgende IG" };

const itemOf = (tx: Db, { region, title }: { region: string; title: string }) =>
  tx
    .select({ id: agendaItems.id, agendaId: agendaItems.agendaId, regionId: agendas.regionId })
    .from(agendaItems)
    .innerJoin(agendas, eq(agendas.id, agendaItems.agendaId))
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(and(eq(regions.slug, region), eq(agendaItems.title, title)))
    .get();

export function seedDemoMeasurements({ tx, now = new Date() }: { tx: Db; now?: Date }) {
  const item = itemOf(tx, DEMO_MEASURED_ITEM);
  const by = tx.select({ id: users.id }).from(users).where(eq(users.email, ENTERED_BY)).get()?.id;
  if (item && by && !tx.select({ id: measurements.id }).from(measurements).where(eq(measurements.itemId, item.id)).get()) seedRosterMeasurements(tx, item, by, now);
  seedPublicDemoMeasurements(tx, now);
}

function seedRosterMeasurements(tx: Db, item: ItemRef, by: number, now: Date) {
  // The sample file's rows for the series, spreadsheet-numbered (the header is row 1); the first two quarters.
  const fromFile = rosterRows
    .map((r, i) => ({ ...r, row: i + 2 }))
    .filter((r) => r.team === SERIES.team && r.profession === SERIES.profession)
    .slice(0, 2);
  const figures: MeasurementValues[] = [
    { kind: "baseline", value: 312, unit: "hours_per_week", clientsPerWeek: null, ...SERIES, period: "2025-Q4", startDate: null, endDate: null, source: "hand", note: "Uit de roosters van oktober tot december 2025, voor de pilot." },
    ...fromFile.map((r) => ({ kind: "measurement" as const, value: r.hours, unit: "hours_per_week" as const, clientsPerWeek: null, ...SERIES, period: null, startDate: r.date, endDate: r.date, source: "import" as const, sourceFile: "rooster-voorbeeld.xlsx", sourceRow: r.row })),
  ];
  insertFigures(tx, item, figures, by, now);
}

type ItemRef = { id: string; agendaId: number; regionId: number };

function insertFigures(tx: Db, item: ItemRef, figures: MeasurementValues[], by: number, now: Date) {
  for (const values of figures) {
    const row = measurementRow({ agendaId: item.agendaId, itemId: item.id, values, actorId: by, now })!;
    const { id } = tx.insert(measurements).values(row).returning({ id: measurements.id }).get();
    recordAudit({ db: tx, actorId: by, action: "measurement.add", entityType: "measurement", entityId: id, regionId: item.regionId, data: { itemId: item.id, kind: row.kind, value: row.value, unit: row.unit, period: row.period, source: row.source, seed: true } });
  }
}

/** Zuid-Limburg's public, adopted item (issue 18): a baseline and two quarters measured by hand. */
export const DEMO_PUBLIC_MEASURED_ITEM = { region: "zuid-limburg", title: "Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland" };

function seedPublicDemoMeasurements(tx: Db, now: Date) {
  const item = itemOf(tx, DEMO_PUBLIC_MEASURED_ITEM);
  if (!item || tx.select({ id: measurements.id }).from(measurements).where(eq(measurements.itemId, item.id)).get()) return;
  const by = tx.select({ id: users.id }).from(users).where(eq(users.email, "coordinator.limburg@demo.agendawerk.nl")).get()?.id;
  if (!by) return;
  const series = { team: "Locatie De Geul", profession: "Verzorgende IG" };
  const current = periodOf(now);
  const hand = (kind: "baseline" | "measurement", value: number, period: string, note: string): MeasurementValues => ({
    kind, value, unit: "hours_per_week", clientsPerWeek: null, ...series, period, startDate: null, endDate: null, source: "hand", note,
  });
  insertFigures(tx, item, [
    hand("baseline", 96, shiftPeriod(current, -4), "Rapportagetijd uit de urenregistratie van de locatie, voor de start."),
    hand("measurement", 88, shiftPeriod(current, -2), "Na een kwartaal inspreken."),
    hand("measurement", 84, shiftPeriod(current, -1), "Tweede kwartaal inspreken."),
  ], by, now);
}
