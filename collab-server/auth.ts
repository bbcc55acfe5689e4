// Authenticates a WebSocket upgrade with the same session cookie the Remix app uses, so there is
// no second token to leak, expire or revoke.
import type { IncomingMessage } from "node:http";
import type { Db } from "../db";
import {
  findSession,
  loadPrincipal,
  touchSession,
  readCookie,
  SESSION_COOKIE,
} from "../app/models/session.server";
import { originAllowed as originIsAllowed, type AllowedOrigins } from "../app/domain/origin";
import type { AuthResult, CollabAuth } from "./types";

export function createSessionAuth({ db }: { db: Db }): CollabAuth {
  // The same rule as findSession (expires_at is the effective end, idle bound included), without
  // sliding the expiry: a socket that is merely open is not a use of the session.
  const live = db.$client.prepare(
    `select 1 from sessions s join users u on u.id = s.user_id
     where s.id = ? and s.revoked_at is null and s.expires_at > ? and u.disabled_at is null`,
  ).pluck();
  return {
    isLive: (sessionId: string) => live.get(sessionId, Date.now()) !== undefined,
    touch: (sessionId: string) => touchSession({ db, sessionId }),
    authenticate(req: IncomingMessage): AuthResult | null {
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (!token) return null;
      const session = findSession({ db, token });
      // An administrator-set password opens nothing but its own change (requireUser), rooms included.
      if (!session || session.user.mustChangePassword) return null;
      const principal = loadPrincipal({ db, userId: session.user.id });
      if (!principal) return null;
      return { sessionId: session.sessionId, user: session.user, principal };
    },
  };
}

/**
 * Browsers send cookies with cross-site WebSocket upgrades, so without this check any site
 * could open a room in the name of a signed-in user (cross-site WebSocket hijacking). Browsers
 * always send Origin on an upgrade: a missing one is refused too (decision 013).
 */
export function originAllowed(req: IncomingMessage, allowed: AllowedOrigins): boolean {
  return originIsAllowed(req.headers.origin, allowed);
}
