// Resource route: starts making a board pack for a proposal and answers at once: with the job as
// JSON for the page's script, or, for a plain form post without JavaScript, with a redirect to
// the job's progress page.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireRegionPermission, requireUser } from "../utils/auth.server";
import { parseId } from "../models/agenda.server";
import { getBoardPackData } from "../models/board-pack.server";
import { packJobState, startPackJob } from "../board-pack/jobs.server";
import { wantsJson } from "../utils/pack-job.server";
import { packFormats, type PackFormat } from "../board-pack/types";

export async function loader(_args: LoaderFunctionArgs) {
  throw new Response("Method Not Allowed", { status: 405 });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser({ request, context });
  const proposalId = parseId(params.proposalId);
  const pack = proposalId ? getBoardPackData({ db: context.db, proposalId }) : null;
  if (!pack) notFound();
  // Anyone with a role in the region may read the proposal, so may take its pack; others get 404.
  const { user } = requireRegionPermission({ request, context }, pack.proposal.regionId, "read:agenda");
  const format = (await request.formData()).get("format");
  if (typeof format !== "string" || !packFormats.includes(format as PackFormat)) {
    throw new Response("Onbekend formaat", { status: 400 });
  }
  const job = startPackJob({ userId: user.id, proposalId: pack.proposal.id, regionId: pack.proposal.regionId, format: format as PackFormat, data: pack.data });
  if (!wantsJson(request)) return redirect(`/bestuurspakket/${job.id}/voortgang`, 303);
  return Response.json(packJobState(job), { status: 202 });
}
