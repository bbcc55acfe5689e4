// Fills a message template: `{name}` takes a variable, and an ICU-style plural picks the words that
// agree with a number: `{count, plural, =0 {geen signalen} one {# signaal} other {# signalen}}`.
// A branch is chosen by an exact `=N` first, then by the language's own plural rule
// (Intl.PluralRules), then `other`; `#` in the branch is the number as the reader writes it
// ("1.200" in Dutch, "1,200" in English). Only this much of ICU: no select, no quoting, so an
// apostrophe is plain text ("regio's"). Kept free of Remix and of the dictionaries, so the
// collaboration server, the board pack and the tests use the very same rules.

export type PluralLocale = "nl" | "en";
export type MessageVars = Record<string, string | number>;

const intlLocale = (locale: PluralLocale) => (locale === "en" ? "en-GB" : "nl-NL");

// Building Intl objects costs far more than using them; a page renders hundreds of messages.
const pluralRules = new Map<PluralLocale, Intl.PluralRules>();
const numberFormats = new Map<PluralLocale, Intl.NumberFormat>();

function rulesFor(locale: PluralLocale) {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(intlLocale(locale))));
  return rules;
}

function numberFormatFor(locale: PluralLocale) {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 })));
  return format;
}

/**
 * The number behind a variable. Callers such as the flag texts format numbers before they reach
 * the message ("1.200"), so a string is read back in the reader's convention.
 */
function numberOf(locale: PluralLocale, value: string | number | undefined): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || !value.trim()) return null;
  const plain = locale === "nl" ? value.replace(/\./g, "").replace(",", ".") : value.replace(/,/g, "");
  const n = Number(plain.trim());
  return Number.isFinite(n) ? n : null;
}

/** Index of the brace that closes the one at `open`, or -1 when the template is unbalanced. */
function closingBrace(template: string, open: number): number {
  let depth = 0;
  for (let i = open; i < template.length; i++) {
    if (template[i] === "{") depth++;
    else if (template[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/** The branches of a plural body: `=0 {…} one {…} other {…}` as selector → text. */
function pluralBranches(body: string): Map<string, string> | null {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(i));
    if (!selector) return body.slice(i).trim() ? null : branches;
    const open = i + selector[0].length - 1;
    const close = closingBrace(body, open);
    if (close < 0) return null;
    branches.set(selector[1], body.slice(open + 1, close));
    i = close + 1;
  }
  return branches;
}

/** `#` in the branch's own text (not inside a nested `{…}`) is the number. */
function replaceHash(branch: string, shown: string): string {
  let depth = 0;
  let out = "";
  for (const ch of branch) {
    if (ch === "{") depth++;
    else if (ch === "}") depth--;
    out += ch === "#" && depth === 0 ? shown : ch;
  }
  return out;
}

function formatPlural(locale: PluralLocale, name: string, body: string, vars: MessageVars | undefined): string | null {
  const branches = pluralBranches(body);
  if (!branches || !branches.has("other")) return null;
  const value = vars?.[name];
  const n = numberOf(locale, value);
  const branch =
    n === null ? branches.get("other")! : (branches.get(`=${n}`) ?? branches.get(rulesFor(locale).select(n)) ?? branches.get("other")!);
  const shown = typeof value === "number" && n !== null ? numberFormatFor(locale).format(n) : value === undefined ? `{${name}}` : String(value);
  return formatMessage(locale, replaceHash(branch, shown), vars);
}

/**
 * One pass over the template: a variable's value is inserted as it is and never read as a template
 * itself, so text from users (an agenda title with braces) stays text.
 */
export function formatMessage(locale: PluralLocale, template: string, vars?: MessageVars): string {
  if (!template.includes("{")) return template;
  let out = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = closingBrace(template, open);
    if (close < 0) {
      out += template.slice(open);
      break;
    }
    const inner = template.slice(open + 1, close);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,/.exec(inner);
    const formatted = plural
      ? formatPlural(locale, plural[1], inner.slice(plural[0].length), vars)
      : /^\w+$/.test(inner) && vars && vars[inner] !== undefined
        ? String(vars[inner])
        : null;
    out += formatted ?? template.slice(open, close + 1);
    i = close + 1;
  }
  return out;
}

/** The variables a template counts with (`{days, plural, …}` → "days"), for checks on dictionaries. */
export function pluralVariables(template: string): string[] {
  return [...template.matchAll(/\{\s*(\w+)\s*,\s*plural\s*,/g)].map((m) => m[1]);
}
