// The administrator's user list: a server-side search over name and e-mail a page at a time, with
// a thousand users; and deactivation, which shuts the user out (login and every live session) until
// an administrator reactivates them. Both are audited.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog } from "../../db/schema";
import { factoryDatabase } from "../support/factories";
import { searchUsers, setUserDisabled, userOptions, USERS_PAGE_SIZE } from "../../app/models/user-admin.server";
import { createSession, findSession } from "../../app/models/session.server";
import { verifyLogin } from "../../app/models/user.server";

let ctx: ReturnType<typeof factoryDatabase>;
beforeEach(() => {
  ctx = factoryDatabase();
});
afterEach(() => ctx.cleanup());

/** A thousand users, named so that searches have a known answer: every tenth is a "Jansen". */
function thousandUsers() {
  for (let i = 0; i < 1000; i++) {
    ctx.make.user({
      kind: i % 100 === 0 ? "adviser" : "member",
      name: i % 10 === 0 ? `Marieke Jansen ${String(i).padStart(4, "0")}` : `Collega ${String(i).padStart(4, "0")}`,
      email: `persoon${i}@zorg${i % 7}.example.nl`,
    });
  }
}

describe("searchUsers", () => {
  it("returns one page of a thousand users and counts them all", () => {
    thousandUsers();
    const first = searchUsers({ db: ctx.db });
    expect(first.total).toBe(1000);
    expect(first.users).toHaveLength(USERS_PAGE_SIZE);
    expect(first.pageCount).toBe(Math.ceil(1000 / USERS_PAGE_SIZE));
    const last = searchUsers({ db: ctx.db, page: 999 });
    expect(last.page).toBe(last.pageCount);
    expect(last.users.length).toBe(1000 - (last.pageCount - 1) * USERS_PAGE_SIZE);
  });

  it("finds by any part of the name or the e-mail address, case-insensitively", () => {
    thousandUsers();
    expect(searchUsers({ db: ctx.db, query: "jansen" }).total).toBe(100);
    expect(searchUsers({ db: ctx.db, query: "JANSEN 0990" }).users.map((u) => u.name)).toEqual(["Marieke Jansen 0990"]);
    expect(searchUsers({ db: ctx.db, query: "@zorg3." }).total).toBe(Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 7 === 3).length);
  });

  it("takes % and _ as the characters typed, not as wildcards", () => {
    thousandUsers();
    ctx.make.user({ name: "Honderd_Procent%", email: "p@example.nl" });
    expect(searchUsers({ db: ctx.db, query: "%" }).users.map((u) => u.name)).toEqual(["Honderd_Procent%"]);
    expect(searchUsers({ db: ctx.db, query: "_" }).total).toBe(1);
  });

  it("offers a picker a few active users of one kind", () => {
    thousandUsers();
    const advisers = userOptions({ db: ctx.db, query: "", kind: "adviser" });
    expect(advisers).toHaveLength(8);
    const target = advisers[0];
    setUserDisabled({ db: ctx.db, actorId: ctx.make.user({ kind: "admin" }).id, userId: target.id, disabled: true });
    expect(userOptions({ db: ctx.db, query: "", kind: "adviser", limit: 20 }).map((u) => u.id)).not.toContain(target.id);
  });
});

describe("setUserDisabled", () => {
  it("ends the user's sessions and login until reactivation; both changes are audited", async () => {
    const admin = ctx.make.user({ kind: "admin" });
    const user = await ctx.make.withPassword(ctx.make.user(), "een-lang-wachtwoord-2026");
    const { token } = createSession({ db: ctx.db, userId: user.id, ip: "127.0.0.1", userAgent: null });
    expect(findSession({ db: ctx.db, token })).not.toBeNull();

    const done = setUserDisabled({ db: ctx.db, actorId: admin.id, userId: user.id, disabled: true });
    expect(done?.endedSessions).toHaveLength(1);
    expect(findSession({ db: ctx.db, token })).toBeNull();
    expect(searchUsers({ db: ctx.db, query: user.email }).users[0].disabled).toBe(true);
    const login = () => verifyLogin({ db: ctx.db, email: user.email, password: "een-lang-wachtwoord-2026", ip: "10.0.0.1" });
    expect((await login()).ok).toBe(false);

    setUserDisabled({ db: ctx.db, actorId: admin.id, userId: user.id, disabled: false });
    expect((await login()).ok).toBe(true);
    const actions = ctx.db.select({ action: auditLog.action, actor: auditLog.actorId }).from(auditLog).where(eq(auditLog.entityId, String(user.id))).all();
    expect(actions).toEqual(expect.arrayContaining([{ action: "user.disable", actor: admin.id }, { action: "user.enable", actor: admin.id }]));
  });

  it("says so for an unknown user", () => {
    expect(setUserDisabled({ db: ctx.db, actorId: 1, userId: 9999, disabled: true })).toBeNull();
  });
});
