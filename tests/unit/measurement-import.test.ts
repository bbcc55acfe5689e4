// Reading roster and HR exports (app/models/measurement-files.server.ts) and judging their rows
// (app/domain/measurement-import.ts): CSV and XLSX, Dutch and English numbers, a reason per rejected
// row, and the bounds on size, rows and a zip's unpacked bytes.
import fs from "node:fs";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { checkZip, readUpload } from "../../app/models/measurement-files.server";
import { columnLocale, guessMapping, IMPORT_LIMITS, judgeRows, mappingProblem, readDay, readNumber, readPeriod } from "../../app/domain/measurement-import";
import { translate, type MessageKey } from "../../app/i18n/messages";
import { rosterRows } from "../../db/seed/rooster-voorbeeld";

const file = (p: string) => new Uint8Array(fs.readFileSync(p));
const utf8 = (s: string) => new TextEncoder().encode(s);

async function read(bytes: Uint8Array) {
  const result = await readUpload(bytes);
  if (!result.ok) throw new Error(`refused: ${result.error.key}`);
  return result;
}

const reasons = (verdicts: ReturnType<typeof judgeRows>) =>
  verdicts.flatMap((v) => v.problems.map((p) => translate("nl", "measurements.row.prefix", { row: v.row, reason: translate("nl", p.key as MessageKey, p.vars) })));

describe("the sample roster export", () => {
  it.each(["db/seed/rooster-voorbeeld.csv", "db/seed/rooster-voorbeeld.xlsx"])("%s: every row taken, three figures each, the same as the source rows", async (path) => {
    const table = await read(file(path));
    expect(table.format).toBe(path.endsWith("xlsx") ? "xlsx" : "csv");
    expect(table.headers).toEqual(["Datum", "Team", "Functie", "Uren", "Overuren", "Vacatures"]);
    const mapping = guessMapping(table.headers);
    expect(mapping).toMatchObject({ date: 0, team: 1, profession: 2, hours: 3, overtime: 4, vacancies: 5, period: null, minutes: null });
    const verdicts = judgeRows({ headers: table.headers, cells: table.cells, mapping });
    expect(reasons(verdicts)).toEqual([]);
    expect(verdicts.map((v) => v.row)).toEqual(rosterRows.map((_, i) => i + 2));
    const first = verdicts[0].figures;
    expect(first).toEqual([
      { unit: "hours_per_week", value: 298, clientsPerWeek: null, profession: "Verzorgende IG", team: "Afdeling De Linde", period: "2026-Q1", date: "2026-01-15" },
      { unit: "overtime_hours_per_month", value: 22.5, clientsPerWeek: null, profession: "Verzorgende IG", team: "Afdeling De Linde", period: "2026-Q1", date: "2026-01-15" },
      { unit: "vacancies_fte", value: 1.5, clientsPerWeek: null, profession: "Verzorgende IG", team: "Afdeling De Linde", period: "2026-Q1", date: "2026-01-15" },
    ]);
    expect(verdicts.map((v) => v.figures[0].value)).toEqual(rosterRows.map((r) => r.hours));
  });
});

describe("rows rejected with a Dutch reason each", () => {
  it("the broken fixture: every row says what is wrong, in which column", async () => {
    const table = await read(file("tests/fixtures/rooster-fouten.csv"));
    const verdicts = judgeRows({ headers: table.headers, cells: table.cells, mapping: guessMapping(table.headers) });
    expect(verdicts.every((v) => v.figures.length === 0)).toBe(true);
    expect(reasons(verdicts)).toEqual([
      "Rij 2: 'twaalf' is geen getal in kolom Uren",
      "Rij 3: '31-02-2026' is geen datum in kolom Datum (schrijf bijvoorbeeld 15-01-2026 of 2026-01-15)",
      "Rij 4: -3 in kolom Uren is negatief",
      "Rij 5: geen datum of kwartaal",
      "Rij 6: geen waarde in Uren, Overuren, Vacatures",
    ]);
  });

  it("minutes per client need clients per week, in the mapping and in the row", () => {
    const headers = ["Kwartaal", "Minuten per cliënt", "Cliënten per week"];
    const mapping = guessMapping(headers);
    expect(mapping).toMatchObject({ period: 0, minutes: 1, clients: 2 });
    expect(mappingProblem({ ...mapping, clients: null })?.key).toBe("measurements.file.mappingClients");
    const verdicts = judgeRows({ headers, cells: [["2026-K2", "12,5", "40"], ["Q3 2026", "11", ""], ["3e kwartaal 2026", "10", "0"], ["2026", "9", "40"]], mapping });
    expect(verdicts[0].figures).toEqual([{ unit: "minutes_per_client", value: 12.5, clientsPerWeek: 40, profession: "", team: "", period: "2026-Q2", date: null }]);
    expect(reasons(verdicts)).toEqual([
      "Rij 3: geen aantal cliënten per week bij de minuten per cliënt",
      "Rij 4: geen aantal cliënten per week bij de minuten per cliënt",
      "Rij 5: '2026' is geen kwartaal in kolom Kwartaal (schrijf bijvoorbeeld 2026-K1 of 1e kwartaal 2026)",
    ]);
  });

  it("a mapping without a date or a value column is refused before any row", () => {
    expect(mappingProblem(guessMapping(["Team", "Uren"]))?.key).toBe("measurements.file.mappingWhen");
    expect(mappingProblem(guessMapping(["Datum", "Team"]))?.key).toBe("measurements.file.mappingValue");
    expect(mappingProblem(guessMapping(["Datum", "Uren"]))).toBeNull();
  });
});

describe("numbers, dates and quarters as files write them", () => {
  it("Dutch and English separators; the column decides where both read a cell differently", () => {
    expect(readNumber("12,5", null)).toEqual({ ok: true, value: 12.5 });
    expect(readNumber("12.5", null)).toEqual({ ok: true, value: 12.5 });
    expect(readNumber("1.250,5", null)).toEqual({ ok: true, value: 1250.5 });
    expect(readNumber("1,250.5", null)).toEqual({ ok: true, value: 1250.5 });
    expect(readNumber("1.250", null)).toEqual({ ok: false, error: "ambiguous" });
    expect(readNumber("1.250", "nl")).toEqual({ ok: true, value: 1250 });
    expect(readNumber("1.250", "en")).toEqual({ ok: true, value: 1.25 });
    expect(readNumber("twaalf", "nl")).toEqual({ ok: false, error: "invalid" });
    expect(columnLocale(["1.250", "12,5", ""])).toBe("nl");
    expect(columnLocale(["1.250", "12.75"])).toBe("en");
    expect(columnLocale(["1.250", "300"])).toBeNull();
    const verdicts = judgeRows({ headers: ["Datum", "Uren"], cells: [["2026-01-15", "1.250"], ["2026-01-15", "7,5"]], mapping: guessMapping(["Datum", "Uren"]) });
    expect(verdicts.map((v) => v.figures[0]?.value)).toEqual([1250, 7.5]);
  });

  it("days ISO or day-first, real days only, between 2000 and 2100; quarters in four spellings", () => {
    expect(readDay("2026-01-15")).toEqual({ ok: true, day: "2026-01-15" });
    expect(readDay("2026-01-15T00:00:00Z")).toEqual({ ok: true, day: "2026-01-15" });
    expect(readDay("5/1/2026")).toEqual({ ok: true, day: "2026-01-05" });
    expect(readDay("15.01.2026")).toEqual({ ok: true, day: "2026-01-15" });
    expect(readDay("29-02-2026")).toEqual({ ok: false, error: "measurements.row.notDate" });
    expect(readDay("01-01-1899")).toEqual({ ok: false, error: "measurements.row.dateRange" });
    expect(readDay("januari")).toEqual({ ok: false, error: "measurements.row.notDate" });
    expect(["2026-Q4", "2026-K4", "Q4 2026", "k4-2026", "4e kwartaal 2026"].map(readPeriod)).toEqual(Array(5).fill("2026-Q4"));
    expect(["2026-Q5", "Q0 2026", "kwartaal"].map(readPeriod)).toEqual([null, null, null]);
  });
});

describe("broken files: refused whole, with a Dutch reason", () => {
  const refusal = async (bytes: Uint8Array) => {
    const result = await readUpload(bytes);
    return result.ok ? "read" : translate("nl", result.error.key as MessageKey, result.error.vars);
  };

  it("a truncated xlsx, an old .xls, Windows-1252 text, UTF-16, no header, no rows, an open quote", async () => {
    expect(await refusal(file("tests/fixtures/rooster-kapot.xlsx"))).toMatch(/beschadigd/);
    expect(await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatch(/\.xls\)/);
    expect(await refusal(new Uint8Array([...utf8("Datum;Cli"), 0xeb, ...utf8("nten\n2026-01-15;4\n")]))).toMatch(/geen UTF-8/);
    expect(await refusal(new Uint8Array([0xff, 0xfe, 0x44, 0x00, 0x61, 0x00]))).toMatch(/geen UTF-8/);
    expect(await refusal(utf8("15-01-2026;298\n15-04-2026;287\n"))).toMatch(/geen kopregel/);
    expect(await refusal(utf8("Datum;Uren\n"))).toMatch(/geen rijen/);
    expect(await refusal(utf8('Datum;Team\n2026-01-15;"De Linde\n'))).toMatch(/aanhalingsteken/);
    expect(await refusal(new Uint8Array())).toBe("Het bestand is leeg.");
  });

  it("the size bound: more than 2 MB or more than 10,000 rows", async () => {
    expect(await refusal(new Uint8Array(IMPORT_LIMITS.bytes + 1).fill(0x41))).toBe("Het bestand is groter dan 2 MB.");
    const rows = (n: number) => utf8(`Datum;Uren\n${"2026-01-15;1\n".repeat(n)}`);
    expect((await read(rows(IMPORT_LIMITS.rows))).cells).toHaveLength(IMPORT_LIMITS.rows);
    expect(await refusal(rows(IMPORT_LIMITS.rows + 1))).toMatch(/meer dan 10\.000 rijen/);
  });

  it("an xlsx with more than 10,000 rows is refused while reading", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Rooster");
    sheet.addRow(["Datum", "Uren"]);
    for (let i = 0; i <= IMPORT_LIMITS.rows; i++) sheet.addRow(["2026-01-15", 1]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await refusal(bytes)).toMatch(/meer dan 10\.000 rijen/);
  });

  it("a zip bomb: a part that unpacks past the budget stops there, whatever the zip claims", () => {
    const big = deflateRawSync(Buffer.alloc(IMPORT_LIMITS.xlsxUnpackedBytes + 1024));
    expect(big.length).toBeLessThan(100_000);
    const zip = zipOf("xl/worksheets/sheet1.xml", big, 10);
    expect(checkZip(zip, IMPORT_LIMITS.xlsxUnpackedBytes)).toBe("tooBig");
    expect(checkZip(zipOf("a.xml", deflateRawSync(Buffer.from("<a/>")), 4), 1024)).toBe("ok");
    expect(checkZip(zip.subarray(0, zip.length - 30), 1024)).toBe("corrupt");
  });
});

/** A one-file zip (deflated) whose headers claim `claimed` uncompressed bytes. */
function zipOf(name: string, data: Buffer, claimed: number): Uint8Array {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(claimed, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(claimed, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const centralAt = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return new Uint8Array(Buffer.concat([local, nameBytes, data, central, nameBytes, end]));
}

describe("the upload's body limit", () => {
  it("2 MB and the form around it on the upload route only; every other post keeps 64 KB", async () => {
    const { bodyLimitFor, BODY_LIMIT_BYTES } = await import("../../http/guards");
    expect(bodyLimitFor("/agendas/12/punten/abc-1/metingen/import")).toBe(IMPORT_LIMITS.bytes + BODY_LIMIT_BYTES);
    for (const path of ["/agendas/12/punten/abc-1/metingen", "/agendas/12/punten/abc-1/metingen/import/3", "/agendas/12/punten/abc-1/metingen/import/x", "/login"]) {
      expect(bodyLimitFor(path)).toBe(BODY_LIMIT_BYTES);
    }
  });
});
