// The public pages for search engines (robots.txt points here), with validators like the open data.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { conditionalFile, publicSitemap } from "~/models/public-agenda.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { body, lastModified } = publicSitemap({ db: context.db, origin: new URL(request.url).origin });
  return conditionalFile({ request, body, contentType: "application/xml; charset=utf-8", lastModified });
}
