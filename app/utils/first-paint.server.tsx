// The agenda page's first paint: the read model's items as plain markup, rendered once per agenda,
// version and locale instead of per request, and sent only once (see FirstPaintList).
import { renderToStaticMarkup } from "react-dom/server";
import type { Db } from "../../db";
import { translate, type Locale } from "../i18n";
import { agendaItemsVersion, listAgendaItems } from "../models/agenda.server";
import { StaticAgendaMarkup } from "../components/agenda/static-agenda";
import { versionedMemo } from "./memo.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** False for a single-fetch data request (`.data`): its loader data is all the client gets. */
    documentRequest?: boolean;
  }
}

const rendered = versionedMemo<string>();

export function agendaFirstPaintHtml({ db, agendaId, locale }: { db: Db; agendaId: number; locale: Locale }): string {
  return rendered(`${agendaId}:${locale}`, agendaItemsVersion({ db, agendaId }), () =>
    renderToStaticMarkup(
      <StaticAgendaMarkup items={listAgendaItems({ db, agendaId })} repairHref={`/agendas/${agendaId}/versies`} t={(key, vars) => translate(locale, key, vars)} />,
    ),
  );
}

/**
 * What the page component gets to render the list: on a document request the markup is in the
 * HTML already, so it is a non-enumerable property (the server render reads it, the hydration
 * data, serialised by turbo-stream from enumerable keys only, leaves it out and the client keeps
 * the server's DOM); on a client navigation it travels in the data.
 */
export function firstPaintData(html: string, documentRequest: boolean | undefined): { html?: string } {
  if (documentRequest === false) return { html };
  return Object.defineProperty({}, "html", { value: html, enumerable: false });
}
