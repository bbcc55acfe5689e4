// Passwords after the first login: the user's own change, the administrator's forced reset and the
// one-time set-password links (first administrator, resets). Links are random tokens of which the
// database keeps only the hash, like sessions: a leaked database opens no account.
import crypto from "node:crypto";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db";
import { passwordResetRequests, passwordTokens, users } from "../../db/schema";
import { can, type Principal } from "../domain/permissions";
import { requiredProvider, type OidcProvider } from "../domain/oidc-providers";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";
import { hashToken, revokeUserSessions } from "./session.server";
import { hashPassword } from "./user.server";
import { enqueueAccountMail, mailUrl } from "./outbox.server";
import { translate } from "../i18n";

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
 * and the user gets in again only through the returned one-time link. Refused ("provider", nothing
 * changes) for an address that may sign in only through its provider (decision 038): a password set
 * through that link could never be used.
 */
export function forcePasswordReset({ db, actor, userId, providers, now = Date.now() }: { db: Db; actor: Principal; userId: number; providers: readonly OidcProvider[]; now?: number }) {
  if (!can(actor, "manage:platform")) throw new NotAllowedError();
  return db.transaction((tx) => {
    const user = tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
    if (!user) return null;
    if (requiredProvider(providers, user.email)) return "provider" as const;
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

/** "Wachtwoord vergeten?": requests per address and per IP within an hour. */
export const RESET_THROTTLE = { perEmail: 3, perIp: 10, windowMs: 60 * 60 * 1000 };

const setPasswordAction = (token: string) => mailUrl(`/wachtwoord/${token}`);

/**
 * A reset link by e-mail, for whoever asks with an address. The answer is the same whether or not
 * the address has an account (the caller shows one text either way), and both ways do the same
 * work up to the mail's insert: the request is counted first. The current password keeps working
 * until the link is used, so asking for someone else's reset locks nobody out.
 */
export function requestPasswordReset({ db, email: rawEmail, ip, now = Date.now() }: { db: Db; email: string; ip: string; now?: number }): { ok: true } | { ok: false; reason: "throttled" } {
  const email = rawEmail.trim().toLowerCase();
  const since = gt(passwordResetRequests.at, new Date(now - RESET_THROTTLE.windowMs));
  const requests = (where: ReturnType<typeof eq>) => db.select({ n: count() }).from(passwordResetRequests).where(and(where, since)).get()!.n;
  if (requests(eq(passwordResetRequests.email, email)) >= RESET_THROTTLE.perEmail || requests(eq(passwordResetRequests.ip, ip)) >= RESET_THROTTLE.perIp) {
    return { ok: false, reason: "throttled" };
  }
  db.transaction((tx) => {
    tx.insert(passwordResetRequests).values({ email, ip, at: new Date(now) }).run();
    const user = tx.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(and(eq(users.email, email), isNull(users.disabledAt))).get();
    if (!user) return;
    const token = issuePasswordToken({ tx, userId: user.id, purpose: "reset", actorId: null, now });
    recordAudit({ db: tx, actorId: null, action: "user.password.reset-requested", entityType: "user", entityId: user.id });
    const l = user.locale;
    enqueueAccountMail({
      db: tx,
      to: user,
      kind: "reset",
      content: { subject: translate(l, "mail.reset.subject"), paragraphs: [translate(l, "mail.reset.body", { email: user.email })], action: { label: translate(l, "mail.reset.action"), url: setPasswordAction(token) } },
      now: new Date(now),
    });
  });
  return { ok: true };
}

/**
 * An invitation by e-mail for a user made without a password: a set-password link, or, when the
 * address's domain may sign in only through its provider (decision 038), the provider's sign-in
 * instead and no set-password link, since a password set through it could never be used.
 */
export function inviteUser({ db, actor, userId, providers, now = Date.now() }: { db: Db; actor: Principal; userId: number; providers: readonly OidcProvider[]; now?: number }): "set-password" | "provider" | null {
  if (!can(actor, "manage:platform")) throw new NotAllowedError();
  return db.transaction((tx) => {
    const user = tx.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(eq(users.id, userId)).get();
    const inviter = tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id)).get();
    if (!user || !inviter) return null;
    const provider = requiredProvider(providers, user.email);
    recordAudit({ db: tx, actorId: actor.id, action: "user.invite", entityType: "user", entityId: userId, data: provider ? { provider: provider.id } : undefined });
    const l = user.locale;
    const vars = { inviter: inviter.name, email: user.email, provider: provider?.name ?? "" };
    const invitation = provider
      ? { body: translate(l, "mail.invitation.providerBody", vars), action: { label: translate(l, "mail.invitation.providerAction", vars), url: mailUrl(`/login/oidc/${provider.id}`) } }
      : { body: translate(l, "mail.invitation.body", vars), action: { label: translate(l, "mail.invitation.action"), url: setPasswordAction(issuePasswordToken({ tx, userId, purpose: "setup", actorId: actor.id, now })) } };
    enqueueAccountMail({ db: tx, to: user, kind: "invitation", content: { subject: translate(l, "mail.invitation.subject"), paragraphs: [invitation.body], action: invitation.action }, now: new Date(now) });
    return provider ? "provider" : "set-password";
  });
}
