import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireRegionPermission, requireUser } from "./auth.server";
import { getPackJob } from "../board-pack/jobs.server";

/** A board-pack job is seen only by the user who started it, and only while they still have a role in the region. */
export function requirePackJob({ request, context, params }: Pick<LoaderFunctionArgs, "request" | "context" | "params">) {
  const user = requireUser({ request, context });
  const job = getPackJob({ id: params.jobId ?? "", userId: user.id });
  if (!job) notFound();
  requireRegionPermission({ request, context }, job.regionId, "read:agenda");
  return job;
}

/** The page's script asks for JSON; a browser posting a form without JavaScript asks for HTML. */
export function wantsJson(request: Request) {
  return (request.headers.get("Accept") ?? "").includes("application/json");
}
