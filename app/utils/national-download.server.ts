// What the national results' XLSX and CSV routes share: the figures for the user, in their language,
// as an attachment named after the day.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowedOr403, type CurrentUser } from "./auth.server";
import { getNationalResults } from "../models/national-results.server";
import type { NationalResults } from "../domain/national-results";
import { dutchCalendarDay } from "../domain/dutch-time";
import { requestLocale } from "../root";
import type { Locale } from "../i18n/messages";

type Render = (a: { results: NationalResults; locale: Locale; origin: string; now: Date }) => Promise<Buffer> | string;

export async function nationalDownload({ args, user, ext, type, render }: { args: LoaderFunctionArgs; user: CurrentUser; ext: string; type: string; render: Render }) {
  const now = new Date();
  const results = allowedOr403(() => getNationalResults({ db: args.context.db, actor: user.principal, now }));
  const body = await render({ results, locale: requestLocale(args.request, user), origin: new URL(args.request.url).origin, now });
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="resultaten-landelijk-${dutchCalendarDay(now.getTime())}.${ext}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
