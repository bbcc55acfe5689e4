// A region's open data, /openbaar/<slug>.json and .csv (server.ts maps those addresses here: a route
// matches whole path segments, so "<slug>.json" would otherwise be the page's slug). docs/open-data.md.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { conditionalFile, getPublicAgenda, openDataCsv, openDataDocument } from "~/models/public-agenda.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const format = params.format;
  const agenda = format === "json" || format === "csv" ? getPublicAgenda({ db: context.db, slug: params.slug ?? "", origin }) : null;
  if (!agenda) throw new Response("Not found", { status: 404 });
  return format === "json"
    ? conditionalFile({ request, body: JSON.stringify(openDataDocument(agenda, origin), null, 2), contentType: "application/json; charset=utf-8", lastModified: agenda.lastModified })
    : conditionalFile({ request, body: openDataCsv([agenda]), contentType: "text/csv; charset=utf-8; header=present", lastModified: agenda.lastModified, filename: `${agenda.region.slug}.csv` });
}
