import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireRegionPermission, requireUser } from "./auth.server";
import { getPackJob, type PackBack, type PackRefusal } from "../board-pack/jobs.server";
import { translate } from "../i18n/messages";

/** A document job (board pack, progress report) is seen only by the user who started it, and only while they still have a role in the region. */
export function requirePackJob({ request, context, params }: Pick<LoaderFunctionArgs, "request" | "context" | "params">) {
  const user = requireUser({ request, context });
  const job = getPackJob({ id: params.jobId ?? "", actor: user.principal });
  if (!job) notFound();
  requireRegionPermission({ request, context }, job.regionId, "read:agenda");
  return job;
}

/** The page's script asks for JSON; a browser posting a form without JavaScript asks for HTML. */
export function wantsJson(request: Request) {
  return (request.headers.get("Accept") ?? "").includes("application/json");
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * 429 for a pack request over a limit, in Dutch: JSON for the page's script, a small page for a
 * plain form post (the start route is a resource route, so it has no layout to render into).
 */
export function packRefused({
  request,
  reason,
  retryAfterSeconds,
  back,
}: {
  request: Request;
  reason: PackRefusal;
  retryAfterSeconds: number;
  back: PackBack | null;
}): Response {
  const message = translate("nl", `pack.refused.${reason}`);
  const retry = translate("nl", "pack.retryIn", { seconds: retryAfterSeconds });
  const headers = { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" };
  if (wantsJson(request)) return Response.json({ error: reason, message, retryAfterSeconds }, { status: 429, headers });
  const backLink = back ? `<p><a href="${escapeHtml(back.href)}">${escapeHtml(translate("nl", back.label))}</a></p>` : "";
  const title = escapeHtml(translate("nl", "pack.refusedTitle"));
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Agendawerk</title></head><body><main role="alert"><h1>${title}</h1><p>${escapeHtml(message)}</p><p>${escapeHtml(retry)}</p>${backLink}</main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'" },
  });
}
