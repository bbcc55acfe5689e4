// The sample roster export of the demo (db/seed/rooster-voorbeeld.csv and .xlsx): what a care
// provider's roster system exports per team and profession, as a Dutch Excel writes it (semicolons,
// decimal commas, day-first dates). The demo's measured item cites its rows (demo-measurements.ts).
// Regenerate both files, and the damaged copy the tests upload, with `npx tsx db/seed/rooster-voorbeeld.ts`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ExcelJS from "exceljs";

export const ROSTER_HEADERS = ["Datum", "Team", "Functie", "Uren", "Overuren", "Vacatures"] as const;

type RosterRow = { date: string; team: string; profession: string; hours: number; overtime: number; vacancies: number };

// Two wards of Zorggroep Amstelhof, before and after the smart incontinence material: fewer hours a
// week on changing and checking at night, less overtime, the open vacancies filled.
export const rosterRows: RosterRow[] = [
  { date: "2026-01-15", team: "Afdeling De Linde", profession: "Verzorgende IG", hours: 298, overtime: 22.5, vacancies: 1.5 },
  { date: "2026-01-15", team: "Afdeling De Linde", profession: "Helpende", hours: 124, overtime: 6, vacancies: 0.5 },
  { date: "2026-01-15", team: "Afdeling De Esch", profession: "Verzorgende IG", hours: 276.5, overtime: 18, vacancies: 1 },
  { date: "2026-01-15", team: "Afdeling De Esch", profession: "Helpende", hours: 118, overtime: 4.5, vacancies: 0 },
  { date: "2026-04-15", team: "Afdeling De Linde", profession: "Verzorgende IG", hours: 287, overtime: 16, vacancies: 1 },
  { date: "2026-04-15", team: "Afdeling De Linde", profession: "Helpende", hours: 120, overtime: 4, vacancies: 0.5 },
  { date: "2026-04-15", team: "Afdeling De Esch", profession: "Verzorgende IG", hours: 270, overtime: 15.5, vacancies: 1 },
  { date: "2026-04-15", team: "Afdeling De Esch", profession: "Helpende", hours: 116.5, overtime: 3, vacancies: 0 },
  { date: "2026-07-15", team: "Afdeling De Linde", profession: "Verzorgende IG", hours: 279.5, overtime: 11, vacancies: 0.5 },
  { date: "2026-07-15", team: "Afdeling De Linde", profession: "Helpende", hours: 117, overtime: 3.5, vacancies: 0 },
  { date: "2026-07-15", team: "Afdeling De Esch", profession: "Verzorgende IG", hours: 264, overtime: 12, vacancies: 0.5 },
  { date: "2026-07-15", team: "Afdeling De Esch", profession: "Helpende", hours: 115, overtime: 2.5, vacancies: 0 },
];

const dutchDay = (iso: string) => iso.split("-").reverse().join("-");
const dutchNumber = (n: number) => String(n).replace(".", ",");

export function rosterCsv(): string {
  const lines = [ROSTER_HEADERS.join(";"), ...rosterRows.map((r) => [dutchDay(r.date), r.team, r.profession, dutchNumber(r.hours), dutchNumber(r.overtime), dutchNumber(r.vacancies)].join(";"))];
  return `${lines.join("\r\n")}\r\n`;
}

/** The same rows as typed cells: real dates and numbers, as a roster system's Excel export has them. */
export async function rosterXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Fixed, so that regenerating the file changes nothing.
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 7, 1));
  workbook.creator = "Roosterexport";
  const sheet = workbook.addWorksheet("Rooster");
  sheet.addRow([...ROSTER_HEADERS]);
  for (const r of rosterRows) {
    const [y, m, d] = r.date.split("-").map(Number);
    sheet.addRow([new Date(Date.UTC(y, m - 1, d)), r.team, r.profession, r.hours, r.overtime, r.vacancies]);
  }
  sheet.getColumn(1).numFmt = "dd-mm-yyyy";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const xlsx = await rosterXlsx();
  fs.writeFileSync(path.join(here, "rooster-voorbeeld.csv"), rosterCsv());
  fs.writeFileSync(path.join(here, "rooster-voorbeeld.xlsx"), xlsx);
  // Cut in half: the zip's directory at its end is gone, as after an upload that broke off.
  fs.writeFileSync(path.join(here, "../../tests/fixtures/rooster-kapot.xlsx"), xlsx.subarray(0, Math.floor(xlsx.length / 2)));
}
