// Resource route: progress of a board-pack job (JSON), or the file itself with ?download=1.
// (Without JavaScript, people watch the job on bestuurspakket.$jobId_.voortgang instead.)
import type { LoaderFunctionArgs } from "@remix-run/node";
import { packJobFile, packJobState } from "../board-pack/jobs.server";
import { requirePackJob } from "../utils/pack-job.server";
import { packMime } from "../board-pack/types";

export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const job = requirePackJob(args);
  const download = new URL(request.url).searchParams.get("download") === "1";
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
