import { redirect, type AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { regions } from "../../db/schema";
import { can, roleInRegion, type Action, type Principal, type RegionScope } from "../domain/permissions";
import { NotAllowedError } from "../models/errors.server";
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
import { DEVICE_COOKIE, DEVICE_COOKIE_TTL_MS } from "../models/device-cookie.server";
import { sameOriginPath } from "../domain/redirects";
import { preparedFor } from "./prepared.server";
import { afterProviderSession } from "./oidc.server";

type Args = { request: Request; context: AppLoadContext };

export type CurrentUser = SessionUser["user"] & { sessionId: string; oidcProvider: string | null; principal: Principal };

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

// Who is there is looked up once per request: the root loader and the page's loader share it on a
// GET (both receive the same Request), and an action's guards and model calls share theirs. The
// loaders Remix runs after an action get a new Request, so they see a session the action ended.
const usersOfRequests = new WeakMap<Request, CurrentUser | null>();

export function getUser({ request, context }: Args): CurrentUser | null {
  if (usersOfRequests.has(request)) return usersOfRequests.get(request)!;
  const user = lookUpUser({ request, context });
  usersOfRequests.set(request, user);
  if (user) context.logUser?.(user.id);
  return user;
}

function lookUpUser({ request, context }: Args): CurrentUser | null {
  const token = readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
  if (!token) return null;
  const session = findSession({ db: context.db, token });
  if (!session) return null;
  const principal = loadPrincipal({ db: context.db, userId: session.user.id });
  if (!principal) return null;
  return { ...session.user, sessionId: session.sessionId, oidcProvider: session.oidcProvider, principal };
}

/** Where a user whose password an administrator chose must go first. */
export const PASSWORD_CHANGE_PATH = "/account";

/**
 * Signed in, whether or not the password must be changed first: only for the password change
 * itself. Every other page uses requireUser.
 */
export function requireSignedIn(args: Args): CurrentUser {
  const user = getUser(args);
  if (!user) {
    const url = new URL(args.request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return user;
}

/** Signed in with a password of one's own: an administrator-set password allows nothing but changing it. */
export function requireUser(args: Args): CurrentUser {
  const user = requireSignedIn(args);
  if (user.mustChangePassword) throw redirect(PASSWORD_CHANGE_PATH);
  return user;
}

export function forbidden(message = "Geen toegang"): never {
  throw new Response(message, { status: 403, statusText: "Forbidden" });
}

/**
 * Runs a model call that carries its own second lock and answers its NotAllowedError with the
 * same 403 the guards give, instead of a 500; an async call's rejection alike.
 */
export function allowedOr403<T>(call: () => T): T {
  try {
    const result = call();
    return (result instanceof Promise ? result.catch(answerNotAllowed) : result) as T;
  } catch (error) {
    answerNotAllowed(error);
  }
}

function answerNotAllowed(error: unknown): never {
  if (error instanceof NotAllowedError) forbidden();
  throw error;
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
    .select({ id: regions.id, partnersMayRead: regions.partnersMayRead, boardMaySuggest: regions.boardMaySuggest })
    .from(regions)
    .where(eq(regions.id, sql.placeholder("regionId")))
    .prepare(),
);

export function regionScope(args: Args, regionId: number): RegionScope {
  const region = regionScopeQuery(args.context.db).get({ regionId });
  if (!region) notFound();
  return { regionId: region.id, partnersMayRead: region.partnersMayRead, boardMaySuggest: region.boardMaySuggest };
}

/**
 * Permission in one region. A user with no role at all in the region gets 404, so that
 * probing URLs does not even reveal what exists; a user with a role lacking the action gets 403.
 */
export function requireRegionPermission(args: Args, regionId: number, action: Action) {
  const user = requireUser(args);
  const scope = regionScope(args, regionId);
  return { user, role: requireRoleFor(user, scope, action), scope };
}

/** requireRegionPermission's check, for a guard that has the user and the region's scope already. */
export function requireRoleFor(user: CurrentUser, scope: RegionScope, action: Action) {
  const role = roleInRegion(user.principal, scope);
  if (!role) notFound();
  if (!can(user.principal, action, scope)) forbidden();
  return role;
}

/** The device cookie (app/models/device-cookie.server.ts): only ever sent back to this site's own login. */
export function deviceCookieHeader(request: Request, value: string) {
  const parts = [`${DEVICE_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${Math.floor(DEVICE_COOKIE_TTL_MS / 1000)}`];
  if (cookiesSecure(request)) parts.push("Secure");
  return parts.join("; ");
}

export function readDeviceCookieValue(request: Request) {
  return readCookie(request.headers.get("Cookie"), DEVICE_COOKIE);
}

/** Starts a session after a verified login; `redirectTo` must have passed redirectTarget already. */
export async function login(
  { request, context }: Args,
  { userId, redirectTo, deviceCookie, oidcProvider = null }: { userId: number; redirectTo: string; deviceCookie: string; oidcProvider?: string | null },
) {
  const to = safeRedirect(request, redirectTo);
  const { token } = createSession({
    db: context.db,
    userId,
    ip: context.clientIp,
    userAgent: request.headers.get("User-Agent"),
    oidcProvider,
  });
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookieHeader(request, token));
  headers.append("Set-Cookie", deviceCookieHeader(request, deviceCookie));
  return redirect(to, { headers });
}

/**
 * Ends this browser's session, then sends it on: to the login page, or for a session made through
 * a provider to that provider's logout (decision 038). The session ends here first and whatever
 * the provider does: one that is slow or down cannot keep it alive.
 */
export async function logout({ request, context }: Args) {
  const user = getUser({ request, context });
  if (user) {
    revokeSession({ db: context.db, sessionId: user.sessionId });
    context.collab.closeSessionConnections(user.sessionId);
  }
  const to = user?.oidcProvider ? await afterProviderSession({ request, providerId: user.oidcProvider }) : "/login";
  return redirect(to, {
    headers: {
      "Set-Cookie": sessionCookieHeader(request, null),
      // The browser's offline copies of agendas (IndexedDB) go with the session; cookies stay, so the
      // device cookie keeps vouching for this browser at the next login. Browsers honour this only
      // in a secure context (https, or localhost); the logout button also clears them itself.
      "Clear-Site-Data": '"storage"',
    },
  });
}

/**
 * Where a redirectTo leads, judged by URL parsing against this request's origin: same-origin path,
 * query and fragment, else the fallback; control characters are refused (the caller answers 400).
 */
export function redirectTarget(request: Request, to: unknown, fallback = "/") {
  return sameOriginPath(to, new URL(request.url).origin, fallback);
}

/** Only same-origin redirects: an open redirect after login would make phishing easy. Control characters: 400. */
export function safeRedirect(request: Request, to: unknown, fallback = "/") {
  const target = redirectTarget(request, to, fallback);
  if (!target.ok) throw new Response("Ongeldig doeladres: stuurtekens in redirectTo", { status: 400, statusText: "Bad Request" });
  return target.to;
}
