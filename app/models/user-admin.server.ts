// The administrator's user list: a server-side search over name and e-mail, a page at a time (a
// platform has thousands of users), and deactivation. A deactivated user keeps their history
// (authorship, votes, audit) but cannot log in: findSession and login refuse disabled users.
import { and, asc, count, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db";
import { adviserCoverage, memberships, organisations, regions, users } from "../../db/schema";
import type { UserKind } from "../domain/vocabulary";
import { recordAudit } from "./audit.server";
import { revokeUserSessions } from "./session.server";

export const USERS_PAGE_SIZE = 25;

/** `term` as a LIKE pattern that matches it literally anywhere (%, _ and \ typed by the admin are text). */
const containing = (term: string) => `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function userFilter({ query, kind, active }: { query: string; kind?: UserKind; active?: boolean }): SQL | undefined {
  const term = query.trim();
  const pattern = containing(term);
  return and(
    term ? or(sql`lower(${users.name}) like ${pattern} escape '\\'`, sql`${users.email} like ${pattern} escape '\\'`) : undefined,
    kind ? eq(users.kind, kind) : undefined,
    active === undefined ? undefined : active ? isNull(users.disabledAt) : isNotNull(users.disabledAt),
  );
}

/** One page of users matching `query` (name or e-mail, any part), with their roles; `total` counts every match. */
export function searchUsers({ db, query = "", kind, page = 1, pageSize = USERS_PAGE_SIZE }: { db: Db; query?: string; kind?: UserKind; page?: number; pageSize?: number }) {
  const where = userFilter({ query, kind });
  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const rows = db
    .select({ id: users.id, name: users.name, email: users.email, kind: users.kind, organisation: organisations.name, disabledAt: users.disabledAt })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(where)
    .orderBy(asc(users.name), asc(users.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize)
    .all();
  const ids = rows.map((u) => u.id);
  const ms = ids.length
    ? db
        .select({ userId: memberships.userId, role: memberships.role, region: regions.name })
        .from(memberships)
        .innerJoin(regions, eq(regions.id, memberships.regionId))
        .where(inArray(memberships.userId, ids))
        .all()
    : [];
  const cov = ids.length
    ? db
        .select({ userId: adviserCoverage.userId, region: regions.name })
        .from(adviserCoverage)
        .innerJoin(regions, eq(regions.id, adviserCoverage.regionId))
        .where(inArray(adviserCoverage.userId, ids))
        .all()
    : [];
  return {
    total,
    page: current,
    pageCount,
    users: rows.map((u) => ({
      ...u,
      disabled: u.disabledAt !== null,
      memberships: ms.filter((m) => m.userId === u.id).map(({ role, region }) => ({ role, region })),
      covers: cov.filter((c) => c.userId === u.id).map((c) => c.region),
    })),
  };
}

/** Up to `limit` active users of one kind for a picker (a combobox searching as one types). */
export function userOptions({ db, query, kind, limit = 8 }: { db: Db; query: string; kind?: UserKind; limit?: number }) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(userFilter({ query, kind, active: true }))
    .orderBy(asc(users.name), asc(users.id))
    .limit(limit)
    .all();
}

/**
 * Deactivates or reactivates a user. Deactivation ends every session at once (the caller closes
 * their websockets with the returned ids); reactivation lets them log in again with their password.
 * Null when there is no such user.
 */
export function setUserDisabled({ db, actorId, userId, disabled, now = Date.now() }: { db: Db; actorId: number; userId: number; disabled: boolean; now?: number }) {
  return db.transaction((tx) => {
    const user = tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
    if (!user) return null;
    tx.update(users).set({ disabledAt: disabled ? new Date(now) : null }).where(eq(users.id, userId)).run();
    const endedSessions = disabled ? revokeUserSessions({ db: tx, userId }) : [];
    recordAudit({ db: tx, actorId, action: disabled ? "user.disable" : "user.enable", entityType: "user", entityId: userId });
    return { email: user.email, endedSessions };
  });
}
