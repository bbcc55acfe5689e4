// The national results as files (decision 033): the figure someone can put in a letter to parliament,
// with its caveats attached. XLSX (exceljs): a sheet of figures and a sheet of caveats; CSV (papaparse):
// the caveats as the first lines, then the same table, semicolon-separated UTF-8 with a byte order mark
// (what Dutch Excel opens correctly by double-click, as the signals' CSV).
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { caveatLines, exportTable, type NationalResults } from "../domain/national-results";
import { periodShortLabel } from "../domain/periods";
import { translate, type Locale, type MessageKey } from "../i18n/messages";
import { dutchCalendarDay } from "../domain/dutch-time";
import { CSV_BOM, CSV_SEPARATOR } from "../domain/flags/csv";

function parts({ results, locale, origin, now }: { results: NationalResults; locale: Locale; origin: string; now: Date }) {
  const tr = (key: string, vars?: Record<string, string | number>) => translate(locale, key as MessageKey, vars as never);
  const table = exportTable(results, tr, { mechanism: (m) => tr(`mechanism.${m}`), quarter: (p) => periodShortLabel(p, locale) });
  const title = tr("national.export.title", { date: dutchCalendarDay(now.getTime()) });
  return { tr, table, title, caveats: caveatLines(results, tr, `${origin}/innovaties#aannames`) };
}

export async function nationalXlsx(args: { results: NationalResults; locale: Locale; origin: string; now: Date }): Promise<Buffer> {
  const { tr, table, title, caveats } = parts(args);
  const book = new ExcelJS.Workbook();
  book.creator = "Agendawerk";
  book.created = args.now;
  const sheet = book.addWorksheet(tr("national.export.sheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((c, i) => {
    c.width = i < 2 ? 28 : 16;
    // Hours and FTE with the precision the inputs carry is the reader's to choose; keep one decimal shown.
    if (i >= 3 && i !== 7 && i !== 10 && i !== 13) c.numFmt = "#,##0.0";
  });
  const notes = book.addWorksheet(tr("national.export.caveatSheet"));
  notes.addRow([title]).font = { bold: true };
  for (const line of caveats) notes.addRow([line]);
  notes.getColumn(1).width = 120;
  notes.getColumn(1).alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function nationalCsv(args: { results: NationalResults; locale: Locale; origin: string; now: Date }): string {
  const { table, title, caveats } = parts(args);
  const decimal = (v: unknown) => (typeof v === "number" && args.locale === "nl" ? String(v).replace(".", ",") : v);
  const lines = [[title], ...caveats.map((c) => [c]), [], table.header, ...table.rows.map((r) => r.map(decimal))];
  // Numbers become text for the decimal comma, so only a text cell's leading = + @ is defused (a minus
  // is a negative saving, not a formula).
  return `${CSV_BOM}${Papa.unparse(lines, { delimiter: CSV_SEPARATOR, newline: "\r\n", escapeFormulae: /^[=+@\t\r]/ })}\r\n`;
}
