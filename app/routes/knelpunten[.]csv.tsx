// CSV export of the national overview's list, with the same GET filters as /knelpunten.
// Semicolon-separated UTF-8 with a byte order mark: what Dutch Excel opens correctly by double-click
// (see app/domain/flags/csv.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { getNationalOverview } from "~/models/flags.server";
import { parseFlagFilter } from "~/domain/flags/filter";
import { dutchCalendarDay } from "~/domain/dutch-time";
import { flagsToCsv } from "~/domain/flags/csv";
import { translate, type MessageKey } from "~/i18n/messages";
import { readCookie } from "~/models/session.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "view:national-overview");
  const url = new URL(args.request.url);
  const filter = parseFlagFilter(url.searchParams);
  const now = new Date();
  const { flags, regionNames } = getNationalOverview({ db: args.context.db, actor: user.principal, filter, now });
  const cookieLocale = readCookie(args.request.headers.get("Cookie"), "aw_locale");
  const locale = cookieLocale === "en" || cookieLocale === "nl" ? cookieLocale : user.locale;
  const body = flagsToCsv({
    flags,
    tr: (key, vars) => translate(locale, key as MessageKey, vars),
    locale,
    origin: url.origin,
    regionNames,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="signalen-${dutchCalendarDay(now.getTime())}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
