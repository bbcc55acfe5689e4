import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { seededTempDatabase, tempDatabase } from "../support/temp-db";
import { seedDemoData, DEMO_PASSWORD } from "../../db/seed";
import * as s from "../../db/schema";
import { THROTTLE, verifyLogin } from "../../app/models/user.server";
import { createSession, findSession, loadPrincipal, revokeSession } from "../../app/models/session.server";
import { recordAudit } from "../../app/models/audit.server";
import { landingPath } from "../../app/models/region.server";
import type { Db } from "../../db";
import innovationsJson from "../../db/reference/innovations.json" with { type: "json" };
import { newSourcedInnovations } from "../../db/seed/reference-ratings";
import barrierTypesJson from "../../db/reference/barrier-types.json" with { type: "json" };

let ctx: ReturnType<typeof tempDatabase>;
let db: Db;
beforeEach(async () => {
  ctx = await seededTempDatabase();
  db = ctx.db;
});
afterEach(() => ctx.cleanup());

const tableCounts = (db: Db) =>
  Object.fromEntries(
    [s.regions, s.organisations, s.users, s.memberships, s.adviserCoverage, s.agendas, s.agendaItems, s.innovations, s.innovationRatings, s.barrierTypes, s.ydocSnapshots, s.itemInnovations, s.barriers].map((t, i) => [
      i,
      db.select({ n: count() }).from(t).get()!.n,
    ]),
  );

describe("database", () => {
  it("runs in WAL mode with foreign keys on", () => {
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(() => db.insert(s.memberships).values({ userId: 999_999, regionId: 1, role: "member" }).run()).toThrow(/FOREIGN KEY/);
  });

  it("seeds the 28 regions, the catalogue, barrier types and three agendas", () => {
    expect(db.select({ n: count() }).from(s.regions).get()!.n).toBe(28);
    // The policy documents' innovations plus the researched ones the catalogue did not have.
    expect(db.select({ n: count() }).from(s.innovations).get()!.n).toBe(innovationsJson.innovations.length + newSourcedInnovations.length);
    expect(db.select({ n: count() }).from(s.barrierTypes).get()!.n).toBe(barrierTypesJson.types.length);
    expect(db.select({ n: count() }).from(s.agendas).get()!.n).toBe(3);
    expect(db.select({ n: count() }).from(s.agendaItems).get()!.n).toBe(9);
    // Demo savings: six items carry an innovation with the reach (and task hours or frequency) the region states.
    expect(db.select({ n: count() }).from(s.itemInnovations).get()!.n).toBe(6);
  });

  it("seeding again neither duplicates nor loses data", async () => {
    const before = tableCounts(db);
    db.update(s.users).set({ name: "Changed Name" }).where(eq(s.users.email, "werkgroep@demo.agendawerk.nl")).run();
    await seedDemoData({ db });
    expect(tableCounts(db)).toEqual(before);
    expect(db.select().from(s.users).where(eq(s.users.email, "werkgroep@demo.agendawerk.nl")).get()!.name).toBe("Changed Name");
  });

  it("keeps the audit log append-only", () => {
    recordAudit({ db, actorId: null, action: "test", entityType: "test", entityId: 1 });
    expect(() => db.update(s.auditLog).set({ action: "rewritten" }).run()).toThrow(/append-only/);
    expect(() => db.delete(s.auditLog).run()).toThrow(/append-only/);
    expect(db.select({ n: count() }).from(s.auditLog).where(eq(s.auditLog.action, "test")).get()!.n).toBe(1);
  });
});

describe("login", () => {
  const email = "werkgroep@demo.agendawerk.nl";

  it("accepts the right password and refuses a wrong one", async () => {
    expect(await verifyLogin({ db, email: " Werkgroep@Demo.Agendawerk.nl ", password: DEMO_PASSWORD, ip: "10.0.0.1" })).toMatchObject({ ok: true });
    expect(await verifyLogin({ db, email, password: "wrong", ip: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyLogin({ db, email: "nobody@example.org", password: "x", ip: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles one address after 5 failures but lets the user in from another address", async () => {
    for (let i = 0; i < THROTTLE.perAddress; i++) {
      expect((await verifyLogin({ db, email, password: "wrong", ip: "10.0.0.66" })).ok).toBe(false);
    }
    // Even the right password is refused from the attacking address.
    expect(await verifyLogin({ db, email, password: DEMO_PASSWORD, ip: "10.0.0.66" })).toEqual({ ok: false, reason: "throttled" });
    expect(await verifyLogin({ db, email, password: DEMO_PASSWORD, ip: "10.0.0.7" })).toMatchObject({ ok: true });
  });

  it("caps failures per account across all addresses at 100 an hour", async () => {
    const now = Date.now();
    db.insert(s.loginAttempts)
      .values(Array.from({ length: THROTTLE.perAccount }, (_, i) => ({ email, ip: `10.1.${i >> 8}.${i & 255}`, success: false, at: new Date(now - 1000) })))
      .run();
    expect(await verifyLogin({ db, email, password: DEMO_PASSWORD, ip: "10.9.9.9" })).toEqual({ ok: false, reason: "throttled" });
    // Failures older than the window no longer count.
    db.run(sql`update login_attempts set at = ${now - THROTTLE.perAccountWindowMs - 1000}`);
    expect(await verifyLogin({ db, email, password: DEMO_PASSWORD, ip: "10.9.9.9" })).toMatchObject({ ok: true });
  });
});

describe("sessions", () => {
  it("finds a live session, and not a revoked or expired one", () => {
    const user = db.select().from(s.users).where(eq(s.users.email, "adviseur@demo.agendawerk.nl")).get()!;
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
    const user = db.select().from(s.users).get()!;
    const { token } = createSession({ db, userId: user.id, ip: "127.0.0.1", userAgent: null });
    expect(db.select().from(s.sessions).all().some((r) => r.id === token)).toBe(false);
  });
});

describe("landing page per role", () => {
  const principalOf = (email: string) => {
    const user = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
    return loadPrincipal({ db, userId: user.id })!;
  };

  it("sends regional users to their region's agenda, advisers to their regions, admins to administration", () => {
    const amsterdam = db.select().from(s.regions).where(eq(s.regions.slug, "amsterdam")).get()!;
    const agenda = db.select().from(s.agendas).where(eq(s.agendas.regionId, amsterdam.id)).get()!;
    for (const email of ["werkgroep@demo.agendawerk.nl", "coordinator@demo.agendawerk.nl", "bestuurder@demo.agendawerk.nl"]) {
      expect(landingPath({ db, principal: principalOf(email) })).toBe(`/agendas/${agenda.id}`);
    }
    expect(landingPath({ db, principal: principalOf("adviseur@demo.agendawerk.nl") })).toBe("/regios");
    expect(landingPath({ db, principal: principalOf("beheer@demo.agendawerk.nl") })).toBe("/beheer/gebruikers");
  });

  it("loads memberships and adviser coverage into the principal", () => {
    expect(principalOf("bestuurder@demo.agendawerk.nl").memberships).toEqual([{ regionId: expect.any(Number), role: "board" }]);
    expect(principalOf("adviseur@demo.agendawerk.nl").coveredRegionIds).toHaveLength(4);
  });
});
