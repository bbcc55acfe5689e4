// One reading of the numbers people type and one way of showing them, for every figure in the product
// (reach, targets, ratings, worker counts). Pure: the forms' schemas run it on the server and in the
// browser alike. See docs/decisions/015-numbers-and-targets.md for the rules and why.

export type NumberLocale = "nl" | "en";

export type ParsedNumber = { ok: true; value: number } | { ok: false; error: "empty" | "invalid" | "ambiguous" };

/** Each UI language reads numbers by its own convention: Dutch 1.250,5 and English 1,250.5. */
const conventions: Record<NumberLocale, { decimal: string; group: string }> = {
  nl: { decimal: ",", group: "." },
  en: { decimal: ".", group: "," },
};

// Nobody types a figure this long; refusing it early keeps the checks below cheap on hostile input.
const MAX_LENGTH = 40;

const escape = (s: string) => s.replace(/[.]/g, "\\.");

/**
 * Reads a number as a person of this UI language writes it. A separator the language's convention
 * cannot explain is never guessed at: "1.25" in Dutch is refused as ambiguous (a thousands group has
 * exactly three digits, so the writer probably meant 1,25), as is "0.500" (no one groups a leading 0)
 * and "1,200,000". Thousands may also be grouped with spaces ("61 000"). No exponents, hex or
 * Infinity, which Number() would accept.
 */
export function parseNumber(text: string, locale: NumberLocale): ParsedNumber {
  const { decimal, group } = conventions[locale];
  // Typed or pasted: no-break and thin spaces group thousands too, and U+2212 is a minus sign.
  const s = text.replace(/[\u00a0\u202f\u2009]/g, " ").replace(/\u2212/g, "-").trim();
  if (s === "") return { ok: false, error: "empty" };
  if (s.length > MAX_LENGTH) return { ok: false, error: "invalid" };
  const signed = /^([+-]?)([0-9., ]+)$/.exec(s);
  if (!signed) return { ok: false, error: "invalid" };
  const [, sign, body] = signed;
  const parts = body.split(decimal);
  // Two decimal separators: the other language's thousands grouping ("1,200,000" in Dutch).
  if (parts.length > 2) return { ok: false, error: "ambiguous" };
  const [whole, fraction] = parts;
  if (fraction !== undefined) {
    if (fraction.includes(group)) return { ok: false, error: "ambiguous" };
    if (!/^\d+$/.test(fraction)) return { ok: false, error: "invalid" };
  }
  if (whole === "" && fraction === undefined) return { ok: false, error: "invalid" };
  let digits: string;
  if (/^\d*$/.test(whole)) digits = whole === "" ? "0" : whole;
  else if (new RegExp(`^[1-9]\\d{0,2}(${escape(group)}\\d{3})+$`).test(whole)) digits = whole.split(group).join("");
  else if (/^[1-9]\d{0,2}( \d{3})+$/.test(whole)) digits = whole.split(" ").join("");
  // A group separator in a place no grouping puts it: the writer most likely meant a decimal.
  else if (whole.includes(group)) return { ok: false, error: "ambiguous" };
  else return { ok: false, error: "invalid" };
  const value = Number(`${sign}${digits}${fraction === undefined ? "" : `.${fraction}`}`);
  if (!Number.isFinite(value)) return { ok: false, error: "invalid" };
  return { ok: true, value: value === 0 ? 0 : value };
}

// Building an Intl.NumberFormat costs far more than formatting with one (a chart formats dozens per
// page), and the first one per locale loads that locale's data: each is built once, on first use.
const formats = new Map<string, Intl.NumberFormat>();

export function numberFormat(locale: NumberLocale, maximumFractionDigits: number, style: "decimal" | "percent" = "decimal"): Intl.NumberFormat {
  const key = `${locale}:${maximumFractionDigits}:${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits, style });
    formats.set(key, format);
  }
  return format;
}

/** A figure as this UI language writes it ("1.250,5" / "1,250.5"); parseNumber reads it back. */
export function formatDecimal(value: number, locale: NumberLocale, maximumFractionDigits = 3): string {
  return numberFormat(locale, maximumFractionDigits).format(value);
}

/** A number to put back into a form field: every digit kept, so saving it again changes nothing. */
export function formatForInput(value: number | null | undefined, locale: NumberLocale): string {
  return value == null ? "" : numberFormat(locale, 20).format(value);
}
