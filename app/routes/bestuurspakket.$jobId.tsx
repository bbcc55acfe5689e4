// Resource route: progress of a board-pack job (JSON), or the file itself with ?download=1.
// (Without JavaScript, people watch the job on bestuurspakket.$jobId_.voortgang instead.)
import type { LoaderFunctionArgs } from "@remix-run/node";
import { packJobState } from "../board-pack/jobs.server";
import { requirePackJob } from "../utils/pack-job.server";
import { packMime } from "../board-pack/types";

export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const job = requirePackJob(args);
  const download = new URL(request.url).searchParams.get("download") === "1";
  if (!download) {
    return Response.json(packJobState(job), { headers: { "Cache-Control": "no-store" } });
  }
  if (job.status !== "done" || !job.file) throw new Response("Nog niet klaar", { status: 409 });
  return new Response(new Uint8Array(job.file), {
    headers: {
      "Content-Type": packMime[job.format],
      "Content-Disposition": `attachment; filename="${job.filename}"`,
      "Content-Length": String(job.file.length),
      "Cache-Control": "private, no-store",
    },
  });
}
