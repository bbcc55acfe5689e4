// Reading an uploaded roster or HR export into a header and rows of plain strings, before anything
// interprets them (app/domain/measurement-import.ts). Nothing the file says about itself is trusted:
// not its name or type (the bytes decide CSV or XLSX), not a zip's declared sizes (each part is
// inflated under a budget before exceljs sees the file), not its cell types (every cell becomes text
// and is read again by the same rules as a typed value).
import { inflateRawSync } from "node:zlib";
import Papa from "papaparse";
import ExcelJS from "exceljs";
import { IMPORT_LIMITS, type ImportProblem } from "../domain/measurement-import";

type Failure = { ok: false; error: ImportProblem };
export type ReadFile = { ok: true; format: "csv" | "xlsx"; headers: string[]; cells: string[][] } | Failure;
type Table = { ok: true; format: "csv" | "xlsx"; rows: string[][] } | Failure;

const fail = (key: ImportProblem["key"], vars?: ImportProblem["vars"]): Failure => ({ ok: false, error: { key, vars } });

export const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
// The OLE2 compound file of Excel 97–2003 (.xls).
export const isOle = (b: Uint8Array) => b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export async function readUpload(bytes: Uint8Array): Promise<ReadFile> {
  if (bytes.length === 0) return fail("measurements.file.empty");
  if (bytes.length > IMPORT_LIMITS.bytes) return fail("measurements.file.tooLarge");
  if (isOle(bytes)) return fail("measurements.file.xls");
  const table = isZip(bytes) ? await readXlsx(bytes) : readCsv(bytes);
  if (!table.ok) return table;
  return tidy(table.format, table.rows);
}

function readCsv(bytes: Uint8Array): Table {
  // UTF-16 (Excel's "Unicode text") and any binary file: NUL bytes never occur in UTF-8 text.
  if (bytes.includes(0)) return fail(bytes[0] === 0xff || bytes[0] === 0xfe ? "measurements.file.encoding" : "measurements.file.binary");
  let text: string;
  try {
    // Fatal: a Windows-1252 export read as UTF-8 would turn "cliënt" into "cli�nt" without a word.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail("measurements.file.encoding");
  }
  const parsed = Papa.parse<string[]>(text, {
    delimitersToGuess: [";", ",", "\t", "|"],
    skipEmptyLines: "greedy",
    // One past the limit, so that a file that is too long is told so instead of cut.
    preview: IMPORT_LIMITS.rows + 2,
  });
  // Papaparse reports a missing closing quote but reads on; a guessed delimiter is fine for one column.
  const fatal = parsed.errors.find((e) => e.type === "Quotes");
  if (fatal) return fail("measurements.file.csv", { row: (fatal.row ?? 0) + 1 });
  return { ok: true, format: "csv", rows: parsed.data };
}

/**
 * Inflates every part of the zip under one budget of uncompressed bytes: a zip bomb of a few KB that
 * claims tiny sizes stops at the budget instead of filling memory. Only the two methods xlsx (and docx) use.
 */
export function checkZip(bytes: Uint8Array, budget: number, maxEntries: number = IMPORT_LIMITS.zipEntries): "ok" | "tooBig" | "corrupt" {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: the last 22 bytes plus a comment of at most 64 KB.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "corrupt";
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (entries > maxEntries) return "tooBig";
  let left = budget;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return "corrupt";
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const local = buf.readUInt32LE(at + 42);
    const next = at + 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return "corrupt";
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    // ZIP64 (0xffffffff) has no place in a file of 2 MB.
    if (compressed === 0xffffffff || start + compressed > buf.length) return "corrupt";
    const data = buf.subarray(start, start + compressed);
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, left) }).length;
      } catch (error) {
        return (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? "tooBig" : "corrupt";
      }
    } else return "corrupt";
    left -= size;
    if (left < 0) return "tooBig";
    at = next;
  }
  return "ok";
}

class TooManyRows extends Error {}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const zip = checkZip(bytes, IMPORT_LIMITS.xlsxUnpackedBytes);
  if (zip !== "ok") return fail(zip === "tooBig" ? "measurements.file.xlsxTooBig" : "measurements.file.corruptXlsx");
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs hands this to JSZip, which takes an ArrayBuffer as well as a Buffer.
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    return fail("measurements.file.corruptXlsx");
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return fail("measurements.file.noSheet");
  const rows: string[][] = [];
  try {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      if (rows.length > IMPORT_LIMITS.rows + 1) throw new TooManyRows();
      const cells: string[] = [];
      const count = Math.min(row.cellCount, IMPORT_LIMITS.columns + 1);
      for (let c = 1; c <= count; c++) cells.push(cellText(row.getCell(c).value));
      rows.push(cells);
    });
  } catch (error) {
    if (error instanceof TooManyRows) return fail("measurements.file.tooManyRows");
    throw error;
  }
  return { ok: true, format: "xlsx", rows };
}

/**
 * A cell as text that the row rules read like anything typed: numbers in the Dutch way without
 * grouping (12,5), dates as YYYY-MM-DD (exceljs gives dates at UTC midnight), formulas by their
 * cached result, rich text and links by their text; errors and booleans as written.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value).replace(".", ",") : "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "WAAR" : "ONWAAR";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ("text" in value) return typeof value.text === "string" ? value.text : cellText(value.text as ExcelJS.CellValue);
  return "";
}

/** Header and rows within the limits, every cell trimmed; short rows padded to the header's width. */
function tidy(format: "csv" | "xlsx", rows: string[][]): ReadFile {
  const trimmed = rows.map((row) => row.map((cell) => String(cell ?? "").replace(/^\ufeff/, "").trim()));
  const nonEmpty = trimmed.filter((row) => row.some((cell) => cell !== ""));
  if (nonEmpty.length === 0) return fail("measurements.file.empty");
  const [header, ...body] = nonEmpty;
  if (body.length > IMPORT_LIMITS.rows) return fail("measurements.file.tooManyRows");
  while (header.length > 0 && header[header.length - 1] === "") header.pop();
  if (header.length > IMPORT_LIMITS.columns) return fail("measurements.file.tooManyColumns");
  if (!looksLikeHeader(header)) return fail("measurements.file.noHeader");
  if (body.length === 0) return fail("measurements.file.noRows");
  const cells = body.map((row) => Array.from({ length: header.length }, (_, i) => (row[i] ?? "").slice(0, IMPORT_LIMITS.cellChars)));
  return { ok: true, format, headers: header.map((h) => h.slice(0, IMPORT_LIMITS.cellChars)), cells };
}

// A header names its columns: at least one cell with a letter, none of them a bare number or date.
function looksLikeHeader(header: string[]) {
  const named = header.filter((h) => h !== "");
  return named.length > 0 && named.some((h) => /\p{L}/u.test(h)) && !named.some((h) => /^[\d\s.,:/+-]+$/.test(h));
}
