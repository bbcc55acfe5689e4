// Names stored in both languages (innovations, barrier types): the Dutch UI shows the Dutch name,
// the English UI the English one when it was given. One rule, so the catalogue, the link form, the
// charts, the board pack and search cannot drift apart.
import type { Locale } from "./messages";

type Named = { nameNl: string; nameEn?: string | null };

export function localName(named: Named, locale: Locale): string {
  const en = named.nameEn?.trim();
  return locale === "en" && en ? en : named.nameNl;
}

/** An innovation's name for the reader: Dutch in the Dutch UI (the field's own words), else English. */
export const innovationName = localName;
