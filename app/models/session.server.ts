// Server-side sessions: the cookie holds a random token; the database holds only its hash,
// so a session can be revoked and a leaked database yields no usable cookie.
import crypto from "node:crypto";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { adviserCoverage, memberships, organisations, sessions, users } from "../../db/schema";
import type { Principal } from "../domain/permissions";
import { preparedFor } from "../utils/prepared.server";
import { deployment } from "../utils/deployment.server";

// "__Host-aw_session" when PUBLIC_URL is https (decision 013), else "aw_session".
export const SESSION_COOKIE = deployment.sessionCookie;
/** Absolute lifetime, counted from login (sessions.created_at). */
export const SESSION_TTL_MS = 1000 * 60 * 60 * 24 * 14;
/** Idle lifetime: expires_at slides to min(created_at + TTL, last use + IDLE). */
export const SESSION_IDLE_MS = 1000 * 60 * 60 * 8;
/** expires_at moves at most this often per session, so reading pages does not write on every request. */
export const SESSION_SLIDE_STEP_MS = 1000 * 60 * 5;

export const hashToken = (token: string) =>
  crypto.createHash("sha256").update(token).digest("hex");

export function createSession({
  db,
  userId,
  ip,
  userAgent,
  oidcProvider = null,
  now = Date.now(),
}: {
  db: Db;
  userId: number;
  ip: string;
  userAgent: string | null;
  /** The provider the user signed in through (its OIDC_PROVIDERS id), so logging out can end that sign-in too. */
  oidcProvider?: string | null;
  now?: number;
}) {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now + Math.min(SESSION_IDLE_MS, SESSION_TTL_MS));
  db.insert(sessions)
    .values({ id: hashToken(token), userId, expiresAt, ip, userAgent, oidcProvider, createdAt: new Date(now) })
    .run();
  return { token, sessionId: hashToken(token), expiresAt };
}

export type SessionUser = {
  sessionId: string;
  /** The OIDC_PROVIDERS id the session was made through; null for a password login. */
  oidcProvider: string | null;
  user: {
    id: number;
    email: string;
    name: string;
    kind: "member" | "adviser" | "admin";
    locale: "nl" | "en";
    /** An administrator chose the password: only the password change may be used (requireUser). */
    mustChangePassword: boolean;
  };
};

// Every page looks the session and its principal up: the statements are prepared once per connection.
const sessionQuery = preparedFor((db) =>
  db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      kind: users.kind,
      locale: users.locale,
      mustChangePassword: users.mustChangePassword,
      disabledAt: users.disabledAt,
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
      oidcProvider: sessions.oidcProvider,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder("sessionId")),
        isNull(sessions.revokedAt),
        // Placeholders are bound as given: the column stores milliseconds.
        gt(sessions.expiresAt, sql.placeholder("now")),
      ),
    )
    .prepare(),
);

const slideQuery = preparedFor((db) =>
  db
    .update(sessions)
    .set({ expiresAt: sql`${sql.placeholder("expiresAt")}` })
    .where(and(eq(sessions.id, sql.placeholder("sessionId")), isNull(sessions.revokedAt)))
    .prepare(),
);

/**
 * The live session for a cookie token, or null if unknown, expired, revoked or the user is disabled.
 * Using a session keeps it alive: expires_at slides towards last use + 8 hours, never past the
 * absolute limit, so expires_at alone stays the session's effective end for every other reader
 * (the collaboration server closes sockets by it). This write in a read path is deliberate, and
 * bounded to one per session every few minutes (decision 012).
 */
export function findSession({ db, token, now = Date.now() }: { db: Db; token: string; now?: number }): SessionUser | null {
  const sessionId = hashToken(token);
  const row = sessionQuery(db).get({ sessionId, now });
  if (!row || row.disabledAt) return null;
  const { disabledAt: _disabled, expiresAt, createdAt, oidcProvider, ...user } = row;
  slideExpiry({ db, sessionId, createdAt, expiresAt, now });
  return { sessionId, oidcProvider, user };
}

function slideExpiry({ db, sessionId, createdAt, expiresAt, now }: { db: Db; sessionId: string; createdAt: Date; expiresAt: Date; now: number }) {
  const due = Math.min(createdAt.getTime() + SESSION_TTL_MS, now + SESSION_IDLE_MS);
  // Sessions from before the idle limit have a later expiry than due: they shrink once.
  if (due < expiresAt.getTime() || due - expiresAt.getTime() >= SESSION_SLIDE_STEP_MS) {
    slideQuery(db).run({ sessionId, expiresAt: due });
  }
}

const liveSessionTimesQuery = preparedFor((db) =>
  db
    .select({ expiresAt: sessions.expiresAt, createdAt: sessions.createdAt })
    .from(sessions)
    .where(and(eq(sessions.id, sql.placeholder("sessionId")), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder("now"))))
    .prepare(),
);

/**
 * Editing in an open editor is use of the session as much as loading a page: someone who types
 * for a whole day without reloading must not be signed out after the idle limit. The
 * collaboration server calls this for sessions whose sockets sent accepted edits.
 */
export function touchSession({ db, sessionId, now = Date.now() }: { db: Db; sessionId: string; now?: number }) {
  const row = liveSessionTimesQuery(db).get({ sessionId, now });
  if (row) slideExpiry({ db, sessionId, createdAt: row.createdAt, expiresAt: row.expiresAt, now });
}

export function revokeSession({ db, sessionId }: { db: Db; sessionId: string }) {
  db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId)).run();
}

/** Ends every live session of a user but `keep` (a new password must shut out whoever knew the old one); returns the ended ids. */
export function revokeUserSessions({ db, userId, keep = null }: { db: Pick<Db, "update">; userId: number; keep?: string | null }) {
  return db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id })
    .all()
    .map((r) => r.id);
}

const principalUserQuery = preparedFor((db) =>
  db
    .select({ id: users.id, kind: users.kind, orgRegion: organisations.regionId })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare(),
);
const membershipsQuery = preparedFor((db) =>
  db
    .select({ regionId: memberships.regionId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, sql.placeholder("userId")))
    .prepare(),
);
const coverageQuery = preparedFor((db) =>
  db
    .select({ regionId: adviserCoverage.regionId })
    .from(adviserCoverage)
    .where(eq(adviserCoverage.userId, sql.placeholder("userId")))
    .prepare(),
);

export function loadPrincipal({ db, userId }: { db: Db; userId: number }): Principal | null {
  const user = principalUserQuery(db).get({ userId });
  if (!user) return null;
  return {
    id: user.id,
    kind: user.kind,
    memberships: membershipsQuery(db).all({ userId }),
    coveredRegionIds: coverageQuery(db).all({ userId }).map((r) => r.regionId),
    organisationRegionId: user.orgRegion ?? null,
  };
}

/** Reads one cookie from a Cookie header without trusting its shape. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
