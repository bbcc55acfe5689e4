// Tab titles in the reader's language. A route's meta function runs outside React, so it cannot
// call useT(); it reads the locale the root loader chose from `matches` instead. Every page's
// title goes through here (tests/unit/route-titles.test.ts holds each route to it).
import { translate, type Locale, type MessageKey, type TranslateArgs } from "./messages";

type Matches = ReadonlyArray<{ id: string; data?: unknown } | undefined>;
export type MetaTranslate = <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => string;

/** The locale of the root loader (cookie, else the user's, else Dutch); Dutch when it is not there. */
export function localeFromMatches(matches: Matches): Locale {
  const root = matches.find((m) => m?.id === "root")?.data as { locale?: unknown } | undefined;
  return root?.locale === "en" ? "en" : "nl";
}

/**
 * `[{ title: "Signalen · Agendawerk" }]`: the page's parts, most specific first, then the product's
 * name. Parts that are missing (data of a page that failed to load) are left out.
 */
export function titleMeta(matches: Matches, parts: (t: MetaTranslate, locale: Locale) => Array<string | null | undefined>) {
  const locale = localeFromMatches(matches);
  const t: MetaTranslate = (key, ...args) => translate(locale, key, ...args);
  return [{ title: [...parts(t, locale).filter((p): p is string => Boolean(p)), t("app.name")].join(" · ") }];
}
