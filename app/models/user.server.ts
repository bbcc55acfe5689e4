import { hash, verify } from "@node-rs/argon2";
import { and, count, eq, gt, inArray, isNull, type SQL } from "drizzle-orm";
import { issueDeviceCookie, readDeviceCookie } from "./device-cookie.server";
import type { Db } from "../../db";
import { adviserCoverage, loginAttempts, memberships, regions, users, type RegionRole, type UserKind } from "../../db/schema";
import { can, type Principal } from "../domain/permissions";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const THROTTLE = {
  /** Failures for one account from one address before that address is refused for the account. */
  perAddress: 5,
  perAddressWindowMs: 15 * 60 * 1000,
  /** Failures for one account from all addresses together. */
  perAccount: 100,
  perAccountWindowMs: 60 * 60 * 1000,
  /** Failures from one address over all accounts (password spraying: one guess at many accounts). */
  perAddressAllAccounts: 20,
  perAddressAllAccountsWindowMs: 15 * 60 * 1000,
  /** Failures a device cookie may carry before it no longer vouches for its browser. */
  perDevice: 5,
};

export const hashPassword = (password: string) => hash(password, ARGON2);

// Verifying against a fixed hash for unknown emails keeps the response time from telling which emails exist.
let dummyHash: Promise<string> | null = null;

export type LoginResult =
  | { ok: true; userId: number; deviceCookie: string }
  | { ok: false; reason: "invalid" | "throttled" };

const failures = (db: Db, ...where: Array<SQL | undefined>) =>
  db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.success, false), ...where))
    .get()!.n;

/**
 * Whether a login from a browser without a valid device cookie for this account is refused. The
 * limits count only such untrusted attempts, so no amount of them locks out a browser that has
 * logged in to the account before.
 */
export function isThrottled({ db, email, ip, now = Date.now() }: { db: Db; email: string; ip: string; now?: number }) {
  const untrustedSince = (windowMs: number) => [isNull(loginAttempts.device), gt(loginAttempts.at, new Date(now - windowMs))];
  return (
    failures(db, eq(loginAttempts.email, email), eq(loginAttempts.ip, ip), ...untrustedSince(THROTTLE.perAddressWindowMs)) >= THROTTLE.perAddress ||
    failures(db, eq(loginAttempts.email, email), ...untrustedSince(THROTTLE.perAccountWindowMs)) >= THROTTLE.perAccount ||
    failures(db, eq(loginAttempts.ip, ip), ...untrustedSince(THROTTLE.perAddressAllAccountsWindowMs)) >= THROTTLE.perAddressAllAccounts
  );
}

/** The nonce of the device cookie that vouches for this browser on this account, if it still may. */
function trustedDevice({ db, userId, device, now }: { db: Db; userId: number | undefined; device: string | null; now: number }) {
  const cookie = readDeviceCookie({ db, value: device, now });
  if (!cookie || cookie.userId !== userId) return null;
  // Each success issues a new nonce, so these are the failures since this cookie was issued.
  if (failures(db, eq(loginAttempts.device, cookie.nonce)) >= THROTTLE.perDevice) return null;
  return cookie.nonce;
}

export async function verifyLogin({
  db,
  email: rawEmail,
  password,
  ip,
  device = null,
  now = Date.now(),
}: {
  db: Db;
  email: string;
  password: string;
  ip: string;
  /** The raw device cookie the browser sent, if any. */
  device?: string | null;
  now?: number;
}): Promise<LoginResult> {
  const email = rawEmail.trim().toLowerCase();
  const user = db.select().from(users).where(eq(users.email, email)).get();
  const trusted = trustedDevice({ db, userId: user?.id, device, now });
  if (!trusted && isThrottled({ db, email, ip, now })) return { ok: false, reason: "throttled" };
  let valid = false;
  if (user?.passwordHash && !user.disabledAt) {
    valid = await verify(user.passwordHash, password);
  } else {
    dummyHash ??= hashPassword("not-a-real-password");
    await verify(await dummyHash, password);
  }
  db.insert(loginAttempts).values({ email, ip, success: valid, at: new Date(now), device: trusted }).run();
  return valid && user
    ? { ok: true, userId: user.id, deviceCookie: issueDeviceCookie({ db, userId: user.id, now }) }
    : { ok: false, reason: "invalid" };
}

export async function createUser({
  db,
  actorId,
  email,
  name,
  password,
  kind,
  organisationId,
  mustChangePassword = false,
}: {
  db: Db;
  actorId: number | null;
  email: string;
  name: string;
  /** null: no password yet, the user sets one through a one-time link. */
  password: string | null;
  kind: UserKind;
  organisationId: number | null;
  mustChangePassword?: boolean;
}) {
  const passwordHash = password === null ? null : await hashPassword(password);
  return db.transaction((tx) => {
    const row = tx
      .insert(users)
      .values({ email: email.trim().toLowerCase(), name, passwordHash, kind, organisationId, mustChangePassword })
      .returning({ id: users.id })
      .get();
    recordAudit({ db: tx, actorId, action: "user.create", entityType: "user", entityId: row.id, data: { email, kind } });
    return row.id;
  });
}

export function emailExists({ db, email }: { db: Db; email: string }) {
  return !!db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

/**
 * Gives, changes or removes a user's role in a region. Nobody changes their own role, through any
 * form or intent: a coordinator who could make themselves a board member could vote on their own
 * proposal (issue 11, finding 4). Another coordinator or an administrator has to do it.
 */
export function setMembership({
  db,
  actor,
  userId,
  regionId,
  role,
}: {
  db: Db;
  actor: Principal;
  userId: number;
  regionId: number;
  role: RegionRole | null;
}): { ok: true } | { ok: false; error: "members.notYourself" } {
  if (!can(actor, "manage:members", { regionId })) throw new NotAllowedError();
  if (actor.id === userId) return { ok: false, error: "members.notYourself" };
  return db.transaction((tx) => {
    tx.delete(memberships).where(and(eq(memberships.userId, userId), eq(memberships.regionId, regionId))).run();
    if (role) tx.insert(memberships).values({ userId, regionId, role }).run();
    recordAudit({
      db: tx,
      actorId: actor.id,
      action: role ? "membership.set" : "membership.remove",
      entityType: "user",
      entityId: userId,
      regionId,
      data: { role },
    });
    return { ok: true } as const;
  });
}

export function setCoverage({
  db,
  actor,
  userId,
  regionId,
  covered,
}: {
  db: Db;
  actor: Principal;
  userId: number;
  regionId: number;
  covered: boolean;
}) {
  if (!can(actor, "manage:platform")) throw new NotAllowedError();
  db.transaction((tx) => {
    tx.delete(adviserCoverage)
      .where(and(eq(adviserCoverage.userId, userId), eq(adviserCoverage.regionId, regionId)))
      .run();
    if (covered) tx.insert(adviserCoverage).values({ userId, regionId }).run();
    recordAudit({
      db: tx,
      actorId: actor.id,
      action: covered ? "coverage.add" : "coverage.remove",
      entityType: "user",
      entityId: userId,
      regionId,
    });
  });
}

export function getUserKind({ db, userId }: { db: Db; userId: number }) {
  return db.select({ kind: users.kind }).from(users).where(eq(users.id, userId)).get()?.kind ?? null;
}

/** Each user's regions by name, in Dutch order ("Amsterdam, Twente"): where someone writes from. */
export function regionNamesOfUsers({ db, userIds }: { db: Pick<Db, "select">; userIds: readonly number[] }): Map<number, string> {
  const names = new Map<number, Set<string>>();
  if (!userIds.length) return new Map();
  const rows = db
    .select({ userId: memberships.userId, name: regions.name })
    .from(memberships)
    .innerJoin(regions, eq(regions.id, memberships.regionId))
    .where(inArray(memberships.userId, [...new Set(userIds)]))
    .all();
  for (const r of rows) (names.get(r.userId) ?? names.set(r.userId, new Set()).get(r.userId)!).add(r.name);
  return new Map([...names].map(([id, set]) => [id, [...set].sort((a, b) => a.localeCompare(b, "nl")).join(", ")]));
}

/** A user who can hold a region role (not an adviser or administrator), by email. */
export function findRegionalUser({ db, email }: { db: Db; email: string }) {
  const user = db.select({ id: users.id, kind: users.kind }).from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  return user?.kind === "member" ? user : null;
}

export function getMembership({ db, userId, regionId }: { db: Db; userId: number; regionId: number }) {
  return (
    db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.regionId, regionId)))
      .get() ?? null
  );
}
