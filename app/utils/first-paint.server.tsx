// The agenda page's first paint: the read model's items as plain markup, rendered once per agenda,
// content version and locale instead of per request, and sent only once (app/utils/document-only.ts).
import { renderToStaticMarkup } from "react-dom/server";
import type { Db } from "../../db";
import { translate, type Locale } from "../i18n";
import { listAgendaItems } from "../models/agenda.server";
import { StaticAgendaMarkup } from "../components/agenda/static-agenda";
import { agendaContentCache, lruPerDb } from "./cache.server";

const rendered = agendaContentCache<string>();

export function agendaFirstPaintHtml({ db, agendaId, locale }: { db: Db; agendaId: number; locale: Locale }): string {
  return rendered({ db, agendaId, locale }, () =>
    renderToStaticMarkup(
      <StaticAgendaMarkup items={listAgendaItems({ db, agendaId })} repairHref={`/agendas/${agendaId}/versies`} t={(key, vars) => translate(locale, key, vars)} locale={locale} />,
    ),
  );
}

/** Markup of versions by id and locale: a version never changes, so neither does its markup. */
const versionMarkup = lruPerDb<string, string>(32);

/**
 * An old version's full content, rendered once (as the agenda's first paint) and sent with the
 * document only: a B4-sized version is hundreds of kilobytes of text, which each view otherwise
 * rendered and sent twice, as markup and as hydration data.
 */
export function versionContentHtml({ db, agendaId, version, locale }: { db: Db; agendaId: number; version: { id: number } & Pick<Parameters<typeof StaticAgendaMarkup>[0], "items" | "introText" | "introDamaged">; locale: Locale }): string {
  const cache = versionMarkup(db);
  const key = `${version.id}:${locale}`;
  let html = cache.get(key);
  if (html === undefined) {
    html = renderToStaticMarkup(
      <StaticAgendaMarkup items={version.items} introText={version.introText} introDamaged={version.introDamaged} repairHref={`/agendas/${agendaId}/versies`} t={(k, vars) => translate(locale, k, vars)} locale={locale} />,
    );
    cache.set(key, html);
  }
  return html;
}
