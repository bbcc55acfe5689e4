// Turns a flag's structured texts into a sentence in the reader's language. The translate function
// is passed in, so this stays free of Remix and serves the page, the CSV export and the tests alike.
import type { FlagText, TextVar } from "./types";

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

const isText = (v: TextVar): v is FlagText => typeof v === "object" && "key" in v;

export function renderVar(tr: Translate, locale: "nl" | "en", v: TextVar): string {
  if (typeof v === "number") return new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: 2 }).format(v);
  if (typeof v === "string") return v;
  if (isText(v)) return renderText(tr, locale, v);
  return v[locale];
}

export function renderText(tr: Translate, locale: "nl" | "en", t: FlagText): string {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(t.vars ?? {})) vars[k] = renderVar(tr, locale, v);
  if (t.parts) vars.reasons = t.parts.map((p) => renderText(tr, locale, p)).join("; ");
  return tr(t.key, vars);
}
