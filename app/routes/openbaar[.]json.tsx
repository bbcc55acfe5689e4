// Open data of every region with an adopted agenda (docs/open-data.md), with validators for harvesting.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { conditionalFile, nationalOpenData } from "~/models/public-agenda.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { document, lastModified } = nationalOpenData({ db: context.db, origin: new URL(request.url).origin });
  return conditionalFile({ request, body: JSON.stringify(document, null, 2), contentType: "application/json; charset=utf-8", lastModified });
}
