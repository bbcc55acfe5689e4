// Resource route: progress of a board-pack job (JSON), or the file itself with ?download=1.
// (Without JavaScript, people watch the job on bestuurspakket.$jobId_.voortgang instead.)
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { packJobFile, packJobState } from "../board-pack/jobs.server";
import { requirePackJob, wantsJson } from "../utils/pack-job.server";
import { packMime } from "../board-pack/types";

export async function loader(args: LoaderFunctionArgs) {
  const { request, params } = args;
  const download = new URL(request.url).searchParams.get("download") === "1";
  // A person who opens this address (or a download link of a job that is gone) sees the progress
  // page: a resource route has no layout, so its 404 would be a bare "Niet gevonden".
  const progressPage = `/bestuurspakket/${params.jobId}/voortgang`;
  if (!download && !wantsJson(request)) throw redirect(progressPage);
  const job = download ? pageOnRefusal(args, progressPage) : requirePackJob(args);
  if (!download) {
    return Response.json(packJobState(job), { headers: { "Cache-Control": "no-store" } });
  }
  const file = packJobFile(job);
  if (!file) throw new Response("Nog niet klaar", { status: 409 });
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": packMime[job.format],
      "Content-Disposition": `attachment; filename="${job.filename}"`,
      "Content-Length": String(file.length),
      "Cache-Control": "private, no-store",
    },
  });
}

/** The job, or for a refused browser request the styled page at `page` (which answers 403 or 404 itself). */
function pageOnRefusal(args: LoaderFunctionArgs, page: string) {
  try {
    return requirePackJob(args);
  } catch (refusal) {
    if (refusal instanceof Response && (refusal.status === 403 || refusal.status === 404) && !wantsJson(args.request)) throw redirect(page);
    throw refusal;
  }
}
