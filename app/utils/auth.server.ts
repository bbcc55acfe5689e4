import { redirect, type AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { regions } from "../../db/schema";
import { can, roleInRegion, type Action, type Principal, type RegionScope } from "../domain/permissions";
import {
  SESSION_COOKIE,
  SESSION_TTL_MS,
  createSession,
  findSession,
  loadPrincipal,
  readCookie,
  revokeSession,
  type SessionUser,
} from "../models/session.server";
import { cookiesSecure } from "./deployment.server";
import { preparedFor } from "./prepared.server";

type Args = { request: Request; context: AppLoadContext };

export type CurrentUser = SessionUser["user"] & { sessionId: string; principal: Principal };

export function sessionCookieHeader(request: Request, token: string | null) {
  const parts = [
    `${SESSION_COOKIE}=${token ?? ""}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    token ? `Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}` : "Max-Age=0",
  ];
  if (cookiesSecure(request)) parts.push("Secure");
  return parts.join("; ");
}

// The root loader and the page's loader both ask who is there; on a GET they share one lookup
// (both receive the same Request). Not after an action, which may have just ended the session.
const usersOfReads = new WeakMap<Request, CurrentUser | null>();

export function getUser({ request, context }: Args): CurrentUser | null {
  const shared = request.method === "GET" || request.method === "HEAD";
  if (shared && usersOfReads.has(request)) return usersOfReads.get(request)!;
  const user = lookUpUser({ request, context });
  if (shared) usersOfReads.set(request, user);
  return user;
}

function lookUpUser({ request, context }: Args): CurrentUser | null {
  const token = readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
  if (!token) return null;
  const session = findSession({ db: context.db, token });
  if (!session) return null;
  const principal = loadPrincipal({ db: context.db, userId: session.user.id });
  if (!principal) return null;
  return { ...session.user, sessionId: session.sessionId, principal };
}

export function requireUser(args: Args): CurrentUser {
  const user = getUser(args);
  if (!user) {
    const url = new URL(args.request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return user;
}

export function forbidden(message = "Geen toegang"): never {
  throw new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "Niet gevonden"): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

/** Platform-wide permission (catalogue, administration, national overview), or 403. */
export function requirePermission(args: Args, action: Action): CurrentUser {
  const user = requireUser(args);
  if (!can(user.principal, action)) forbidden();
  return user;
}

const regionScopeQuery = preparedFor((db) =>
  db
    .select({ id: regions.id, partnersMayRead: regions.partnersMayRead })
    .from(regions)
    .where(eq(regions.id, sql.placeholder("regionId")))
    .prepare(),
);

export function regionScope(args: Args, regionId: number): RegionScope {
  const region = regionScopeQuery(args.context.db).get({ regionId });
  if (!region) notFound();
  return { regionId: region.id, partnersMayRead: region.partnersMayRead };
}

/**
 * Permission in one region. A user with no role at all in the region gets 404, so that
 * probing URLs does not even reveal what exists; a user with a role lacking the action gets 403.
 */
export function requireRegionPermission(args: Args, regionId: number, action: Action) {
  const user = requireUser(args);
  const scope = regionScope(args, regionId);
  const role = roleInRegion(user.principal, scope);
  if (!role) notFound();
  if (!can(user.principal, action, scope)) forbidden();
  return { user, role, scope };
}

export async function login(
  { request, context }: Args,
  userId: number,
  redirectTo: string,
) {
  const { token } = createSession({
    db: context.db,
    userId,
    ip: context.clientIp,
    userAgent: request.headers.get("User-Agent"),
  });
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": sessionCookieHeader(request, token) },
  });
}

export function logout({ request, context }: Args) {
  const user = getUser({ request, context });
  if (user) {
    revokeSession({ db: context.db, sessionId: user.sessionId });
    context.collab.closeSessionConnections(user.sessionId);
  }
  return redirect("/login", { headers: { "Set-Cookie": sessionCookieHeader(request, null) } });
}

/** Only same-site paths: an open redirect after login would make phishing easy. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}
