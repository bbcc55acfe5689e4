// Resource route: progress of a board-pack job (JSON), or the file itself with ?download=1.
// Only the user who started the job sees it, and only while they still have a role in the region.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireRegionPermission, requireUser } from "../utils/auth.server";
import { getPackJob } from "../board-pack/jobs.server";
import { packMime } from "../board-pack/types";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser({ request, context });
  const job = getPackJob({ id: params.jobId ?? "", userId: user.id });
  if (!job) notFound();
  requireRegionPermission({ request, context }, job.regionId, "read:agenda");
  const download = new URL(request.url).searchParams.get("download") === "1";
  if (!download) {
    return Response.json(
      { id: job.id, format: job.format, status: job.status, progress: job.progress },
      { headers: { "Cache-Control": "no-store" } },
    );
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
