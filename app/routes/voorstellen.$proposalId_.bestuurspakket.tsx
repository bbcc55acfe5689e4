// Resource route: starts making a board pack for a proposal and answers at once: with the job as
// JSON for the page's script, or, for a plain form post without JavaScript, with a redirect to
// the job's progress page. Asking again while a pack is being made returns that same job; a
// finished pack whose content has not changed is handed out again without rendering; too many
// requests get a Dutch 429 with Retry-After (limits in app/board-pack/jobs.server.ts).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../utils/auth.server";
import { requestLocale } from "../root";
import { requireProposal } from "../utils/proposal-guard.server";
import { parseId } from "../models/agenda.server";
import { buildBoardPack } from "../models/board-pack.server";
import { admitPackRequest, floodRetryAfterSeconds, packJobState, proposalPackBack, requestPackJob } from "../board-pack/jobs.server";
import { packRefused, wantsJson } from "../utils/pack-job.server";
import { packFormats, type PackFormat } from "../board-pack/types";

export async function loader(_args: LoaderFunctionArgs) {
  throw new Response("Method Not Allowed", { status: 405 });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser({ request, context });
  const proposalId = parseId(params.proposalId);
  // Counted before the proposal is read: a flood is refused at the cost of a session lookup.
  if (!admitPackRequest({ actor: user.principal })) {
    return packRefused({ request, reason: "flood", retryAfterSeconds: floodRetryAfterSeconds({ actor: user.principal }), back: proposalId ? proposalPackBack(proposalId) : null });
  }
  // Whoever may read the proposal may take its pack; others get 404.
  const { proposal } = requireProposal({ request, context, params });
  const format = (await request.formData()).get("format");
  if (typeof format !== "string" || !packFormats.includes(format as PackFormat)) {
    throw new Response("Onbekend formaat", { status: 400 });
  }
  // In the language of whoever asks; the savings and barriers as frozen with the proposal.
  const data = buildBoardPack({ proposal, locale: requestLocale(request, user) });
  const result = requestPackJob({ actor: user.principal, proposalId: proposal.id, regionId: proposal.regionId, format: format as PackFormat, data });
  if (!result.ok) return packRefused({ request, reason: result.reason, retryAfterSeconds: result.retryAfterSeconds, back: proposalPackBack(proposal.id) });
  if (!wantsJson(request)) return redirect(`/bestuurspakket/${result.job.id}/voortgang`, 303);
  return Response.json(packJobState(result.job), { status: result.reused ? 200 : 202 });
}
