// The one reading of typed numbers (app/domain/numbers.ts), table by table, in both UI languages; and
// the formatter, which must write what the parser reads back.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatDecimal, formatForInput, parseNumber, type NumberLocale } from "../../app/domain/numbers";
import { decimal, wholeNumber } from "../../app/forms/fields";
import { parseForm } from "../../app/forms/validation";
import { translate } from "../../app/i18n/messages";

type Row = [input: string, expected: number | "ambiguous" | "invalid" | "empty"];

const dutch: Row[] = [
  // The samples.
  ["1.200", 1200],
  ["1,5", 1.5],
  ["1.250,5", 1250.5],
  ["1.250", 1250],
  ["95.000", 95000],
  // Plain, grouped with spaces (also no-break and narrow no-break), signs.
  ["1200", 1200],
  ["61 000", 61000],
  ["61\u00a0000", 61000],
  ["1\u202f250,75", 1250.75],
  ["1.200.000", 1_200_000],
  ["0,25", 0.25],
  [",5", 0.5],
  ["0", 0],
  ["-0", 0],
  ["-2,5", -2.5],
  ["\u22122,5", -2.5],
  ["+3", 3],
  ["  42  ", 42],
  ["007", 7],
  // A comma is the Dutch decimal sign, whatever the number of digits after it.
  ["1,250", 1.25],
  ["0,125", 0.125],
  // A dot where no Dutch grouping puts one: most likely an English decimal, so not guessed.
  ["1.25", "ambiguous"],
  ["0.5", "ambiguous"],
  ["2.5", "ambiguous"],
  ["12.5", "ambiguous"],
  ["1.2345", "ambiguous"],
  ["0.500", "ambiguous"],
  ["1.000.00", "ambiguous"],
  ["12.", "ambiguous"],
  // The English way of writing thousands and decimals together.
  ["1,250.5", "ambiguous"],
  ["1,200,000", "ambiguous"],
  // Not numbers at all (Number() would take several of these).
  ["", "empty"],
  ["   ", "empty"],
  ["1e3", "invalid"],
  ["0x10", "invalid"],
  ["Infinity", "invalid"],
  ["NaN", "invalid"],
  ["veel", "invalid"],
  ["12,", "invalid"],
  [",", "invalid"],
  ["-", "invalid"],
  ["1 2", "invalid"],
  ["1 200.000", "ambiguous"],
  ["1,2,3", "ambiguous"],
  ["€ 5", "invalid"],
  ["5%", "invalid"],
  ["1".repeat(41), "invalid"],
];

const english: Row[] = [
  ["1,200", 1200],
  ["1.5", 1.5],
  ["1,250.5", 1250.5],
  ["1,250", 1250],
  ["1.200", 1.2],
  ["1.25", 1.25],
  ["0.5", 0.5],
  ["61 000", 61000],
  ["1,200,000", 1_200_000],
  [".5", 0.5],
  ["-2.5", -2.5],
  ["1,25", "ambiguous"],
  ["0,500", "ambiguous"],
  ["1.250,5", "ambiguous"],
  ["1.200.000", "ambiguous"],
  ["", "empty"],
  ["1e3", "invalid"],
  ["12.", "invalid"],
];

function check(rows: Row[], locale: NumberLocale) {
  for (const [input, expected] of rows) {
    const result = parseNumber(input, locale);
    if (typeof expected === "number") expect(result, JSON.stringify(input)).toEqual({ ok: true, value: expected });
    else expect(result, JSON.stringify(input)).toEqual({ ok: false, error: expected });
  }
}

describe("parseNumber", () => {
  it("reads Dutch as Dutch people write it and refuses what it would have to guess", () => check(dutch, "nl"));
  it("reads English by its own convention", () => check(english, "en"));
});

describe("formatDecimal and formatForInput", () => {
  const samples = [0, 1, 1.5, 12.25, 1200, 1250.5, 61000, 1_234_567.891, 0.001, 0.125, -3.75, 99_999.5];
  it("write Dutch and English figures", () => {
    expect(formatDecimal(1250.5, "nl")).toBe("1.250,5");
    expect(formatDecimal(1250.5, "en")).toBe("1,250.5");
    expect(formatDecimal(0.0456, "nl")).toBe("0,046");
    expect(formatForInput(null, "nl")).toBe("");
    expect(formatForInput(1_234_567.891, "nl")).toBe("1.234.567,891");
  });
  it("write what parseNumber reads back, in both languages", () => {
    for (const locale of ["nl", "en"] as const) {
      for (const v of samples) expect(parseNumber(formatForInput(v, locale), locale), `${locale} ${v}`).toEqual({ ok: true, value: v });
    }
  });
});

describe("form fields", () => {
  const form = (value: string) => {
    const f = new FormData();
    f.set("n", value);
    return f;
  };
  const schema = z.object({ n: decimal("catalogue.error.number") });
  const whole = z.object({ n: wholeNumber("admin.region.careWorkersInvalid") });

  it("read numbers by the language the form was filled in", () => {
    expect(parseForm(schema, form("1.200"), "nl")).toEqual({ ok: true, data: { n: 1200 } });
    expect(parseForm(schema, form("1.200"), "en")).toEqual({ ok: true, data: { n: 1.2 } });
    expect(parseForm(schema, form("1,5"), "nl")).toEqual({ ok: true, data: { n: 1.5 } });
    expect(parseForm(schema, form("1,200"), "en")).toEqual({ ok: true, data: { n: 1200 } });
    // Dutch when no language is given: the Dutch UI is the default.
    expect(parseForm(schema, form("1.250"))).toEqual({ ok: true, data: { n: 1250 } });
  });

  it("give an ambiguous number its own message, in Dutch, that says how to write it", () => {
    expect(parseForm(schema, form("1.25"), "nl")).toEqual({ ok: false, errors: { n: "numbers.error.ambiguous" } });
    expect(parseForm(whole, form("61.5"), "nl")).toEqual({ ok: false, errors: { n: "numbers.error.ambiguous" } });
    expect(translate("nl", "numbers.error.ambiguous")).toContain("komma");
    expect(translate("nl", "numbers.error.ambiguous")).toContain("1,25 of 1.250");
    expect(translate("en", "numbers.error.ambiguous")).toContain("1.25 or 1,250");
  });

  it("keep the field's own message for what is not a number, and for a fraction where a whole number is asked", () => {
    expect(parseForm(schema, form("veel"), "nl")).toEqual({ ok: false, errors: { n: "catalogue.error.number" } });
    expect(parseForm(schema, form(""), "nl")).toEqual({ ok: false, errors: { n: "catalogue.error.number" } });
    expect(parseForm(schema, form("1e3"), "nl")).toEqual({ ok: false, errors: { n: "catalogue.error.number" } });
    expect(parseForm(whole, form("61,5"), "nl")).toEqual({ ok: false, errors: { n: "admin.region.careWorkersInvalid" } });
    expect(parseForm(whole, form("61.000"), "nl")).toEqual({ ok: true, data: { n: 61000 } });
  });

  it("leave the default language in place after a parse, even one that throws", () => {
    parseForm(schema, form("1"), "en");
    expect(parseForm(schema, form("1.200"))).toEqual({ ok: true, data: { n: 1200 } });
    const throwing = z.object({ n: decimal("catalogue.error.number").transform(() => { throw new Error("boom"); }) });
    expect(() => parseForm(throwing, form("1"), "en")).toThrow("boom");
    expect(parseForm(schema, form("1.200"))).toEqual({ ok: true, data: { n: 1200 } });
  });
});
