import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { factoryDatabase, type Factories } from "../support/factories";
import * as s from "../../db/schema";
import { THROTTLE, verifyLogin } from "../../app/models/user.server";
import { createSession, findSession, revokeSession } from "../../app/models/session.server";
import { recordAudit } from "../../app/models/audit.server";
import { landingPath } from "../../app/models/region.server";
import type { Db } from "../../db";

let ctx: ReturnType<typeof factoryDatabase>;
let db: Db;
let make: Factories;
beforeEach(() => {
  ctx = factoryDatabase();
  ({ db, make } = ctx);
});
afterEach(() => ctx.cleanup());

describe("database", () => {
  it("runs in WAL mode with foreign keys on", () => {
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(() => db.insert(s.memberships).values({ userId: 999_999, regionId: 1, role: "member" }).run()).toThrow(/FOREIGN KEY/);
  });

  it("keeps the audit log append-only", () => {
    recordAudit({ db, actorId: null, action: "test", entityType: "test", entityId: 1 });
    expect(() => db.update(s.auditLog).set({ action: "rewritten" }).run()).toThrow(/append-only/);
    expect(() => db.delete(s.auditLog).run()).toThrow(/append-only/);
    expect(db.select({ n: count() }).from(s.auditLog).where(eq(s.auditLog.action, "test")).get()!.n).toBe(1);
  });
});

describe("login", () => {
  const email = "inlog@test.agendawerk.nl";
  const PASSWORD = "Een-goed-wachtwoord-2026";
  beforeEach(async () => {
    await make.withPassword(make.user({ email }), PASSWORD);
  });

  it("accepts the right password and refuses a wrong one", async () => {
    expect(await verifyLogin({ db, email: " Inlog@Test.Agendawerk.nl ", password: PASSWORD, ip: "10.0.0.1" })).toMatchObject({ ok: true });
    expect(await verifyLogin({ db, email, password: "wrong", ip: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyLogin({ db, email: "nobody@example.org", password: "x", ip: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles one address after 5 failures but lets the user in from another address", async () => {
    for (let i = 0; i < THROTTLE.perAddress; i++) {
      expect((await verifyLogin({ db, email, password: "wrong", ip: "10.0.0.66" })).ok).toBe(false);
    }
    // Even the right password is refused from the attacking address.
    expect(await verifyLogin({ db, email, password: PASSWORD, ip: "10.0.0.66" })).toEqual({ ok: false, reason: "throttled" });
    expect(await verifyLogin({ db, email, password: PASSWORD, ip: "10.0.0.7" })).toMatchObject({ ok: true });
  });

  it("caps failures per account across all addresses at 100 an hour", async () => {
    const now = Date.now();
    db.insert(s.loginAttempts)
      .values(Array.from({ length: THROTTLE.perAccount }, (_, i) => ({ email, ip: `10.1.${i >> 8}.${i & 255}`, success: false, at: new Date(now - 1000) })))
      .run();
    expect(await verifyLogin({ db, email, password: PASSWORD, ip: "10.9.9.9" })).toEqual({ ok: false, reason: "throttled" });
    // Failures older than the window no longer count.
    db.run(sql`update login_attempts set at = ${now - THROTTLE.perAccountWindowMs - 1000}`);
    expect(await verifyLogin({ db, email, password: PASSWORD, ip: "10.9.9.9" })).toMatchObject({ ok: true });
  });
});

describe("sessions", () => {
  it("finds a live session, and not a revoked or expired one", () => {
    const user = make.adviser([make.region()]);
    const { token, sessionId } = createSession({ db, userId: user.id, ip: "127.0.0.1", userAgent: null });
    expect(findSession({ db, token })?.user.email).toBe(user.email);
    expect(findSession({ db, token: token + "x" })).toBeNull();
    revokeSession({ db, sessionId });
    expect(findSession({ db, token })).toBeNull();
    const second = createSession({ db, userId: user.id, ip: "127.0.0.1", userAgent: null });
    db.update(s.sessions).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(s.sessions.id, second.sessionId)).run();
    expect(findSession({ db, token: second.token })).toBeNull();
  });

  it("stores only a hash of the token", () => {
    const user = make.user();
    const { token } = createSession({ db, userId: user.id, ip: "127.0.0.1", userAgent: null });
    expect(db.select().from(s.sessions).all().some((r) => r.id === token)).toBe(false);
  });
});

describe("landing page per role", () => {
  it("sends regional users to their region's agenda, advisers to their regions, admins to administration", () => {
    const region = make.region("amsterdam");
    const agenda = make.agenda({ region });
    for (const role of ["member", "coordinator", "board"] as const) {
      expect(landingPath({ db, actor: make.member(region, role).principal() })).toBe(`/agendas/${agenda.id}`);
    }
    expect(landingPath({ db, actor: make.adviser([region, make.region("twente")]).principal() })).toBe("/regios");
    expect(landingPath({ db, actor: make.admin().principal() })).toBe("/beheer/gebruikers");
  });

  it("loads memberships and adviser coverage into the principal", () => {
    const region = make.region("amsterdam");
    expect(make.member(region, "board").principal().memberships).toEqual([{ regionId: region.id, role: "board" }]);
    const covered = ["amsterdam", "twente", "zuid-limburg", "haaglanden"].map(make.region);
    expect(make.adviser(covered).principal().coveredRegionIds).toHaveLength(4);
  });
});
