// An uploaded roster or HR export, once read into a header and rows of text (measurement-files.server.ts):
// which column means what (guessed from Dutch and English headers, then chosen by the user), and each
// row's verdict, taken or rejected with every reason. Pure and fast enough to run again on every
// preview: the stored cells and the mapping decide, never a client's copy of the preview.
import { parseNumber, type NumberLocale } from "./numbers";
import { makePeriod, periodOf, type Period } from "./periods";
import { startOfDutchDay } from "./dutch-time";
import { isIsoDay, MEASUREMENT_LIMITS } from "./measurements";
import type { MeasurementUnit } from "./vocabulary";

export const IMPORT_LIMITS = {
  bytes: 2 * 1024 * 1024,
  rows: 10_000,
  columns: 50,
  cellChars: 500,
  labelChars: 120,
  // An xlsx of 2 MB unpacks to far less than this; a zip bomb does not.
  xlsxUnpackedBytes: 20 * 1024 * 1024,
  zipEntries: 1_000,
  /** How long an unconfirmed preview is kept. */
  previewMs: 60 * 60 * 1000,
} as const;

/** A translatable problem: an i18n key of app/i18n/measurements.ts and its values. */
export type ImportProblem = { key: `measurements.${string}`; vars?: Record<string, string | number> };

export const importFields = ["date", "period", "profession", "team", "hours", "overtime", "vacancies", "minutes", "clients"] as const;
export type ImportField = (typeof importFields)[number];
export type ColumnMapping = Record<ImportField, number | null>;

/** The fields that carry a figure, each in its unit. */
export const valueFields = { hours: "hours_per_week", overtime: "overtime_hours_per_month", vacancies: "vacancies_fte", minutes: "minutes_per_client" } as const satisfies Partial<Record<ImportField, MeasurementUnit>>;
type ValueField = keyof typeof valueFields;
const valueFieldNames = Object.keys(valueFields) as ValueField[];

// Headers as roster and HR systems write them, lower case without accents or punctuation. The most
// specific field first: "overuren" also contains "uren".
const headerPatterns: Array<[ImportField, RegExp]> = [
  ["overtime", /^(overuren|meeruren|overwerk|overtime)/],
  ["minutes", /^(minuten|minutes)( per)? (client|clienten|patient|bewoner)/],
  ["clients", /^(aantal )?(clienten|clients|patienten|bewoners)( per week)?$/],
  ["vacancies", /^(openstaande )?(vacatures?|vacancies|vacancy)/],
  ["hours", /^((gewerkte|ingeroosterde|geroosterde|rooster|contract) ?)?(uren|hours)/],
  ["date", /^(datum|peildatum|date|dag|day|weekdatum|startdatum)$/],
  ["period", /^(kwartaal|periode|quarter|period)$/],
  ["profession", /^(functie|functiegroep|beroep|discipline|profession|role|rol)$/],
  ["team", /^(team|teamnaam|afdeling|department|unit)$/],
];

const normalise = (header: string) =>
  header
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** Each field's column guessed from the header; a column is used for one field at most. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping = Object.fromEntries(importFields.map((f) => [f, null])) as ColumnMapping;
  const taken = new Set<number>();
  for (const [field, pattern] of headerPatterns) {
    const index = headers.findIndex((h, i) => !taken.has(i) && pattern.test(normalise(h)));
    if (index >= 0 && mapping[field] === null) {
      mapping[field] = index;
      taken.add(index);
    }
  }
  return mapping;
}

/** A mapping from a form or the database, kept only where it names a real column once. */
export function cleanMapping(raw: Partial<Record<string, unknown>>, columnCount: number): ColumnMapping {
  const used = new Set<number>();
  const mapping = {} as ColumnMapping;
  for (const field of importFields) {
    const value = raw[field];
    const index = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : null;
    mapping[field] = index !== null && index < columnCount && !used.has(index) ? index : null;
    if (mapping[field] !== null) used.add(mapping[field]!);
  }
  return mapping;
}

/** What the mapping lacks before any row can be read; null when it is enough. */
export function mappingProblem(mapping: ColumnMapping): ImportProblem | null {
  if (mapping.date === null && mapping.period === null) return { key: "measurements.file.mappingWhen" };
  if (valueFieldNames.every((f) => mapping[f] === null)) return { key: "measurements.file.mappingValue" };
  if (mapping.minutes !== null && mapping.clients === null) return { key: "measurements.file.mappingClients" };
  return null;
}

export type ImportedFigure = {
  unit: MeasurementUnit;
  value: number;
  clientsPerWeek: number | null;
  profession: string;
  team: string;
  period: Period;
  /** The row's date, when the file gives one (the figure's start and end day). */
  date: string | null;
};

export type RowVerdict = { row: number; problems: ImportProblem[]; figures: ImportedFigure[] };

/** Every row's verdict; `row` is the spreadsheet's row number (the header is row 1). */
export function judgeRows({ headers, cells, mapping }: { headers: readonly string[]; cells: readonly string[][]; mapping: ColumnMapping }): RowVerdict[] {
  const locales = new Map<number, NumberLocale | null>();
  for (const field of [...valueFieldNames, "clients"] as const) {
    const index = mapping[field];
    if (index !== null) locales.set(index, columnLocale(cells.map((row) => row[index] ?? "")));
  }
  return cells.map((row, i) => judgeRow({ headers, row, mapping, locales, rowNumber: i + 2 }));
}

function judgeRow({ headers, row, mapping, locales, rowNumber }: { headers: readonly string[]; row: readonly string[]; mapping: ColumnMapping; locales: Map<number, NumberLocale | null>; rowNumber: number }): RowVerdict {
  const problems: ImportProblem[] = [];
  const cell = (field: ImportField) => (mapping[field] === null ? "" : (row[mapping[field]!] ?? ""));
  const column = (field: ImportField) => headers[mapping[field]!] ?? "";

  let period: Period | null = null;
  let date: string | null = null;
  if (cell("date") !== "") {
    const read = readDay(cell("date"));
    if (read.ok) {
      date = read.day;
      period = periodOf(startOfDutchDay(read.day));
    } else problems.push({ key: read.error, vars: { text: cell("date"), column: column("date") } });
  } else if (cell("period") !== "") {
    period = readPeriod(cell("period"));
    if (!period) problems.push({ key: "measurements.row.notPeriod", vars: { text: cell("period"), column: column("period") } });
  } else problems.push({ key: "measurements.row.noWhen" });

  const label = (field: "profession" | "team") => {
    const text = cell(field).replace(/\s+/g, " ");
    if (text.length <= IMPORT_LIMITS.labelChars) return text;
    problems.push({ key: "measurements.row.tooLong", vars: { column: column(field) } });
    return "";
  };
  const profession = label("profession");
  const team = label("team");

  const number = (field: ValueField | "clients"): number | null => {
    const text = cell(field);
    if (text === "") return null;
    const read = readNumber(text, locales.get(mapping[field]!) ?? null);
    const vars = { text, column: column(field) };
    if (!read.ok) problems.push({ key: read.error === "ambiguous" ? "measurements.row.ambiguous" : "measurements.row.notNumber", vars });
    else if (read.value < 0) problems.push({ key: "measurements.row.negative", vars });
    else if (read.value > MEASUREMENT_LIMITS.maxValue) problems.push({ key: "measurements.row.tooHigh", vars });
    else return read.value;
    return null;
  };

  const values = valueFieldNames.filter((f) => mapping[f] !== null).map((field) => ({ field, text: cell(field), value: number(field) }));
  if (values.every((v) => v.text === "")) {
    problems.push({ key: "measurements.row.noValue", vars: { columns: values.map((v) => column(v.field)).join(", ") } });
  }
  const minutes = values.find((v) => v.field === "minutes" && v.text !== "");
  let clientsPerWeek: number | null = null;
  if (minutes) {
    clientsPerWeek = number("clients");
    if (clientsPerWeek === null && cell("clients") === "") problems.push({ key: "measurements.row.noClients" });
    else if (clientsPerWeek === 0) problems.push({ key: "measurements.row.noClients" });
  }

  if (problems.length > 0 || !period) return { row: rowNumber, problems, figures: [] };
  const figures = values
    .filter((v) => v.value !== null)
    .map((v) => ({ unit: valueFields[v.field], value: v.value!, clientsPerWeek: v.field === "minutes" ? clientsPerWeek : null, profession, team, period: period!, date }));
  return { row: rowNumber, problems, figures };
}

/**
 * The convention a column of numbers is written in, from the cells only one convention reads
 * ("12,5" is Dutch, "12.5" English); null when none tells (then "1.250" stays ambiguous).
 */
export function columnLocale(texts: readonly string[]): NumberLocale | null {
  let nl = 0;
  let en = 0;
  for (const text of texts) {
    if (text === "") continue;
    const a = parseNumber(text, "nl");
    const b = parseNumber(text, "en");
    if (a.ok && !b.ok) nl++;
    else if (b.ok && !a.ok) en++;
  }
  return nl === 0 && en === 0 ? null : nl >= en ? "nl" : "en";
}

/** A number written the Dutch or the English way; where both read it differently, the column decides. */
export function readNumber(text: string, columnConvention: NumberLocale | null): { ok: true; value: number } | { ok: false; error: "invalid" | "ambiguous" } {
  const nl = parseNumber(text, "nl");
  const en = parseNumber(text, "en");
  if (nl.ok && en.ok) {
    if (nl.value === en.value) return nl;
    if (columnConvention) return columnConvention === "nl" ? nl : en;
    return { ok: false, error: "ambiguous" };
  }
  if (nl.ok) return nl;
  if (en.ok) return en;
  return { ok: false, error: nl.error === "ambiguous" || en.error === "ambiguous" ? "ambiguous" : "invalid" };
}

/** A day as 2026-01-15 (also with a time after it), or the Dutch way: 15-01-2026, 15/1/2026, 15.01.2026. */
export function readDay(text: string): { ok: true; day: string } | { ok: false; error: "measurements.row.notDate" | "measurements.row.dateRange" } {
  const s = text.trim();
  let y: string, m: string, d: string;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(s);
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (iso) [, y, m, d] = iso;
  else if (dutch) [, d, m, y] = dutch;
  else return { ok: false, error: "measurements.row.notDate" };
  const day = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  if (!isIsoDay(day)) return { ok: false, error: "measurements.row.notDate" };
  if (Number(y) < 2000 || Number(y) > 2100) return { ok: false, error: "measurements.row.dateRange" };
  return { ok: true, day };
}

/** A quarter as 2026-Q1, 2026-K1, Q1 2026, K1 2026 or "1e kwartaal 2026". */
export function readPeriod(text: string): Period | null {
  const s = text.toLowerCase().replace(/\s+/g, "");
  const yearFirst = /^(\d{4})-?[qk]([1-4])$/.exec(s);
  const quarterFirst = /^[qk]([1-4])-?(\d{4})$/.exec(s) ?? /^([1-4])e?kwartaal(\d{4})$/.exec(s);
  const [year, quarter] = yearFirst ? [Number(yearFirst[1]), Number(yearFirst[2])] : quarterFirst ? [Number(quarterFirst[2]), Number(quarterFirst[1])] : [0, 0];
  return year >= 2000 && year <= 2100 ? makePeriod(year, quarter) : null;
}
