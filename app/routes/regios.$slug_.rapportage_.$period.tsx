// Resource route: starts making a region's progress report for a period as PDF or Word in the
// document queue (app/board-pack/jobs.server.ts, decision 032) and answers at once, like the board
// pack's: the job as JSON for the page's script, or a redirect to the job's progress page.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireRegion } from "../utils/region-guard.server";
import { allowedOr403 } from "../utils/auth.server";
import { requestLocale } from "../root";
import { isPeriod } from "../domain/periods";
import { documentMime, type DocumentFormat } from "../documents/blocks";
import { getProgressReport } from "../models/progress-report.server";
import { progressReportDocument } from "../progress-report/document";
import { progressReportHref } from "../progress-report/links";
import { admitPackRequest, floodRetryAfterSeconds, packJobState, requestDocumentJob } from "../board-pack/jobs.server";
import { packRefused, wantsJson } from "../utils/pack-job.server";

export async function loader(_args: LoaderFunctionArgs) {
  throw new Response("Method Not Allowed", { status: 405 });
}

export async function action(args: ActionFunctionArgs) {
  const { region, user } = requireRegion(args, "read:agenda");
  const period = args.params.period;
  if (!isPeriod(period)) throw new Response("Onbekend kwartaal", { status: 404 });
  const back = { href: progressReportHref(region.slug, period), label: "report.pageTitle" } as const;
  if (!admitPackRequest({ actor: user.principal })) {
    return packRefused({ request: args.request, reason: "flood", retryAfterSeconds: floodRetryAfterSeconds({ actor: user.principal }), back });
  }
  const format = (await args.request.formData()).get("format");
  if (typeof format !== "string" || !(format in documentMime)) throw new Response("Onbekend formaat", { status: 400 });
  const locale = requestLocale(args.request, user);
  const view = allowedOr403(() => getProgressReport({ db: args.context.db, actor: user.principal, region, period }));
  const { fileBase, ...document } = progressReportDocument({ content: view.content, sent: view.sent, locale });
  const result = requestDocumentJob({
    actor: user.principal,
    subject: `report:${region.id}:${period}`,
    back,
    regionId: region.id,
    format: format as DocumentFormat,
    fileBase,
    document,
    // The moment of drafting is not content: the same records make the same file.
    stable: { content: { ...view.content, draftedAt: 0 }, sent: view.sent, locale },
  });
  if (!result.ok) return packRefused({ request: args.request, reason: result.reason, retryAfterSeconds: result.retryAfterSeconds, back });
  if (!wantsJson(args.request)) return redirect(`/bestuurspakket/${result.job.id}/voortgang`, 303);
  return Response.json(packJobState(result.job), { status: result.reused ? 200 : 202 });
}
