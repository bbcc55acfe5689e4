// Passwords after the first login: the user's own change, the administrator's forced reset and the
// one-time set-password links (first administrator, resets). Links are random tokens of which the
// database keeps only the hash, like sessions: a leaked database opens no account.
import crypto from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db";
import { passwordTokens, users } from "../../db/schema";
import { can, type Principal } from "../domain/permissions";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";
import { hashToken, revokeUserSessions } from "./session.server";
import { hashPassword } from "./user.server";

/** A reset or set-password link works once, within this time. */
export const PASSWORD_TOKEN_TTL_MS = 1000 * 60 * 60 * 24;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** A new link for the user; any link made before it stops working. Run inside the caller's transaction. */
function issuePasswordToken({ tx, userId, purpose, actorId, now }: { tx: Tx; userId: number; purpose: "setup" | "reset"; actorId: number | null; now: number }) {
  tx.update(passwordTokens)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt), isNull(passwordTokens.revokedAt)))
    .run();
  const token = crypto.randomBytes(32).toString("base64url");
  tx.insert(passwordTokens)
    .values({ tokenHash: hashToken(token), userId, purpose, expiresAt: new Date(now + PASSWORD_TOKEN_TTL_MS), createdBy: actorId, createdAt: new Date(now) })
    .run();
  return token;
}

/** A set-password link for a user who has no password yet (the first administrator). */
export function createSetupToken({ db, userId, now = Date.now() }: { db: Db; userId: number; now?: number }) {
  return db.transaction((tx) => {
    const token = issuePasswordToken({ tx, userId, purpose: "setup", actorId: null, now });
    recordAudit({ db: tx, actorId: null, action: "user.password.setup-link", entityType: "user", entityId: userId });
    return token;
  });
}

/**
 * The administrator's forced reset: the old password stops working at once, every session ends,
 * and the user gets in again only through the returned one-time link.
 */
export function forcePasswordReset({ db, actor, userId, now = Date.now() }: { db: Db; actor: Principal; userId: number; now?: number }) {
  if (!can(actor, "manage:platform")) throw new NotAllowedError();
  return db.transaction((tx) => {
    const user = tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
    if (!user) return null;
    tx.update(users).set({ passwordHash: null, mustChangePassword: true }).where(eq(users.id, userId)).run();
    const endedSessions = revokeUserSessions({ db: tx, userId });
    const token = issuePasswordToken({ tx, userId, purpose: "reset", actorId: actor.id, now });
    recordAudit({ db: tx, actorId: actor.id, action: "user.password.reset", entityType: "user", entityId: userId });
    return { email: user.email, token, endedSessions };
  });
}

/** The user's own change: ends their other sessions and any outstanding link. */
export async function changePassword({ db, actor, sessionId, newPassword }: { db: Db; actor: Principal; sessionId: string; newPassword: string }) {
  const userId = actor.id;
  const passwordHash = await hashPassword(newPassword);
  return db.transaction((tx) => {
    tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, userId)).run();
    tx.update(passwordTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt), isNull(passwordTokens.revokedAt)))
      .run();
    const endedSessions = revokeUserSessions({ db: tx, userId, keep: sessionId });
    recordAudit({ db: tx, actorId: userId, action: "user.password.change", entityType: "user", entityId: userId });
    return { endedSessions };
  });
}

const liveToken = (tokenHash: string, now: number) =>
  and(eq(passwordTokens.tokenHash, tokenHash), isNull(passwordTokens.usedAt), isNull(passwordTokens.revokedAt), gt(passwordTokens.expiresAt, new Date(now)));

/** Whom a link is for, while it is unused, unrevoked and unexpired; null otherwise. */
export function findPasswordToken({ db, token, now = Date.now() }: { db: Db; token: string; now?: number }) {
  if (token.length > 100) return null;
  return (
    db
      .select({ userId: users.id, email: users.email, name: users.name, purpose: passwordTokens.purpose })
      .from(passwordTokens)
      .innerJoin(users, eq(users.id, passwordTokens.userId))
      .where(and(liveToken(hashToken(token), now), isNull(users.disabledAt)))
      .get() ?? null
  );
}

/**
 * Sets the password through a link and uses the link up; every session of the user ends (whoever
 * had the account before the reset is out). Null when the link is no longer valid, also when two
 * submissions race: only one of them marks the token used.
 */
export async function setPasswordWithToken({ db, token, newPassword, now = Date.now() }: { db: Db; token: string; newPassword: string; now?: number }) {
  const passwordHash = await hashPassword(newPassword);
  return db.transaction((tx) => {
    const used = tx
      .update(passwordTokens)
      .set({ usedAt: new Date(now) })
      .where(liveToken(hashToken(token), now))
      .returning({ userId: passwordTokens.userId })
      .get();
    if (!used) return null;
    tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, used.userId)).run();
    const endedSessions = revokeUserSessions({ db: tx, userId: used.userId });
    recordAudit({ db: tx, actorId: used.userId, action: "user.password.set", entityType: "user", entityId: used.userId });
    return { userId: used.userId, endedSessions };
  });
}
