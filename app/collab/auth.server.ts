// Who may open an agenda's room: the same session cookie the Remix app uses (no second token to
// leak, expire or revoke), and the agenda's region decides between edit, read and nothing.
import type { IncomingMessage } from "node:http";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { agendas, regions } from "../../db/schema";
import { CloseCode } from "../../shared/close-codes";
import { agendaOfRoom } from "../../shared/rooms";
import type { Access, Extension } from "../../collab-server";
import { can, type Principal, type RegionScope } from "../domain/permissions";
import { findSession, loadPrincipal, readCookie, SESSION_COOKIE, touchSession, type SessionUser } from "../models/session.server";

export type AuthResult = {
  sessionId: string;
  user: Omit<SessionUser["user"], "mustChangePassword">;
  principal: Principal;
};

/** Injected so tests and benchmarks can authenticate without cookies. */
export type CollabAuth = {
  authenticate(req: IncomingMessage): AuthResult | null | Promise<AuthResult | null>;
  /**
   * Whether a session that was authenticated earlier is still live (not revoked, not expired, its
   * user not disabled). Asked for every open socket every `sessionCheckIntervalMs`; without it,
   * sockets are only closed by explicit logout or rights changes.
   */
  isLive?(sessionId: string): boolean;
  /** A session's sockets sent accepted edits: that is use, which keeps it from the idle timeout. */
  touch?(sessionId: string): void;
};

export function createSessionAuth({ db }: { db: Db }): CollabAuth {
  // The same rule as findSession (expires_at is the effective end, idle bound included), without
  // sliding the expiry: a socket that is merely open is not a use of the session.
  const live = db.$client
    .prepare(
      `select 1 from sessions s join users u on u.id = s.user_id
       where s.id = ? and s.revoked_at is null and s.expires_at > ? and u.disabled_at is null`,
    )
    .pluck();
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

export function lookupAgendaScope(db: Db, agendaId: number): RegionScope | null {
  const row = db
    .select({ regionId: agendas.regionId, partnersMayRead: regions.partnersMayRead, boardMaySuggest: regions.boardMaySuggest })
    .from(agendas)
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(eq(agendas.id, agendaId))
    .get();
  return row ?? null;
}

export function accessTo(principal: Principal, scope: RegionScope): Access | null {
  if (can(principal, "edit:agenda", scope)) return "edit";
  // Their updates are judged by the suggestions check (suggestions.server.ts).
  if (can(principal, "suggest:agenda", scope)) return "limited";
  if (can(principal, "read:agenda", scope)) return "read";
  return null;
}

/** The hooks authenticate and authorize (and the session re-check) for agenda rooms. */
export function agendaAccess({ db, auth }: { db: Db; auth: CollabAuth }): Extension {
  return {
    async authenticate(request) {
      const who = await auth.authenticate(request);
      return who && { userId: who.user.id, sessionId: who.sessionId, name: who.user.name, context: who.principal };
    },
    authorize({ identity, roomName }) {
      const agendaId = agendaOfRoom(roomName);
      const scope = agendaId === null ? null : lookupAgendaScope(db, agendaId);
      if (!scope) return CloseCode.RoomNotFound;
      return accessTo(identity.context as Principal, scope) ?? CloseCode.Forbidden;
    },
    sessionLive: auth.isLive && ((sessionId) => auth.isLive!(sessionId)),
    sessionUsed: auth.touch && ((sessionId) => auth.touch!(sessionId)),
  };
}
