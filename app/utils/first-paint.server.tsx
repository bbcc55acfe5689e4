// The agenda page's first paint: the read model's items as plain markup, rendered once per agenda,
// content version and locale instead of per request, and sent only once (app/utils/document-only.ts).
import { renderToStaticMarkup } from "react-dom/server";
import type { Db } from "../../db";
import { translate, type Locale } from "../i18n";
import { listAgendaItems } from "../models/agenda.server";
import { StaticAgendaMarkup } from "../components/agenda/static-agenda";
import { agendaContentCache } from "./cache.server";

const rendered = agendaContentCache<string>();

export function agendaFirstPaintHtml({ db, agendaId, locale }: { db: Db; agendaId: number; locale: Locale }): string {
  return rendered({ db, agendaId, locale }, () =>
    renderToStaticMarkup(
      <StaticAgendaMarkup items={listAgendaItems({ db, agendaId })} repairHref={`/agendas/${agendaId}/versies`} t={(key, vars) => translate(locale, key, vars)} locale={locale} />,
    ),
  );
}
