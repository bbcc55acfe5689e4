// Issue 11, findings 5 and 8, and the account features: safe redirects after login, login
// throttling that an attacker cannot turn against the rightful user, password change, forced
// change, resets with one-time links, the idle timeout and `npm run admin:create`. Through the real
// loaders and actions on a temp SQLite database.
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { type RouteWorld, routeCaller, startRouteWorld } from "../support/route-calls";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import type { TestUser } from "../support/factories";
import { createSessionAuth, type CollabServer } from "../../app/collab/server.server";
import { THROTTLE, verifyLogin } from "../../app/models/user.server";
import {
  SESSION_COOKIE,
  SESSION_IDLE_MS,
  SESSION_SLIDE_STEP_MS,
  SESSION_TTL_MS,
  createSession,
  findSession,
} from "../../app/models/session.server";
import { DEVICE_COOKIE } from "../../app/models/device-cookie.server";
import { PASSWORD_TOKEN_TTL_MS, findPasswordToken } from "../../app/models/account.server";
import { sameOriginPath } from "../../app/domain/redirects";
import * as loginRoute from "../../app/routes/login";
import * as logoutRoute from "../../app/routes/logout";
import * as taalRoute from "../../app/routes/taal";
import * as accountRoute from "../../app/routes/account";
import * as setPasswordRoute from "../../app/routes/wachtwoord.$token";
import * as usersRoute from "../../app/routes/beheer.gebruikers";
import * as regionsRoute from "../../app/routes/regios._index";

const ORIGIN = "http://localhost";
const member = "werkgroep@test.agendawerk.nl";
const PASSWORD = "Zorg-Samen-Wijk-2026";
// Four unrelated words: score 4 for the estimator.
const STRONG = "Fietsbel-Kompas-Regenjas-73";

let ctx: RouteWorld;
let db: Db;
let collab: CollabServer;
let call: ReturnType<typeof routeCaller>["call"];

let admin: TestUser, coordinator: TestUser;
// Amsterdam's member, coordinator and board member, who log in with PASSWORD, and an administrator.
beforeEach(async () => {
  ctx = await startRouteWorld();
  ({ db, collab, call } = ctx);
  const { make } = ctx;
  const amsterdam = make.region("amsterdam");
  make.agenda({ region: amsterdam });
  coordinator = make.member(amsterdam, "coordinator", { email: "coordinator@test.agendawerk.nl" });
  for (const u of [make.member(amsterdam, "member", { email: member, name: "Fatima El Amrani" }), coordinator, make.member(amsterdam, "board", { email: "bestuurder@test.agendawerk.nl" })]) {
    await make.withPassword(u, PASSWORD);
  }
  admin = make.admin({ email: "beheer@test.agendawerk.nl" });
});
afterEach(async () => {
  await ctx.stop();
});

const sessionCount = () => db.select({ n: count() }).from(s.sessions).get()!.n;
const attemptCount = () => db.select({ n: count() }).from(s.loginAttempts).get()!.n;
const userByEmail = (email: string) => db.select().from(s.users).where(eq(s.users.email, email)).get()!;
const cookieValue = (response: Response | undefined, name: string) => {
  for (const header of response?.headers.getSetCookie() ?? []) {
    const [pair] = header.split(";");
    if (pair.startsWith(`${name}=`)) return pair.slice(name.length + 1);
  }
  return null;
};

type LoginOptions = { redirectTo?: string; ip?: string; device?: string | null; session?: string | null };
const postLogin = (email: string, password: string, { redirectTo = "/", ip = "10.0.0.1", device = null }: LoginOptions = {}) =>
  call(loginRoute.action, null, {
    url: `${ORIGIN}/login`,
    form: { email, password, redirectTo },
    ip,
    headers: device ? { Cookie: `${DEVICE_COOKIE}=${device}` } : {},
  });
/** Logs in through the login page's action and returns the session and device cookies it set. */
async function loggedIn(email: string, password: string, options: LoginOptions = {}) {
  const res = await postLogin(email, password, options);
  expect(res.status, `login of ${email}`).toBe(302);
  return { session: cookieValue(res.response, SESSION_COOKIE)!, device: cookieValue(res.response, DEVICE_COOKIE)! };
}
const withSession = (session: string) => ({ Cookie: `${SESSION_COOKIE}=${session}` });

describe("redirect after login (finding 5)", () => {
  it("refuses control characters with a 400 before any session or attempt is recorded", async () => {
    // The finding's samples: a tab after the first slash, and CR/LF (which answered 500 after the session was made).
    for (const redirectTo of ["/\t/evil.example", "/\r\nSet-Cookie: x=y", "/\n/evil.example", "/x\u0000", "/\u007f//evil.example"]) {
      const sessions = sessionCount();
      const attempts = attemptCount();
      const res = await postLogin(member, PASSWORD, { redirectTo });
      expect(res.status, JSON.stringify(redirectTo)).toBe(400);
      expect(res.body.formError).toBe("login.redirectInvalid");
      expect(sessionCount()).toBe(sessions);
      expect(attemptCount()).toBe(attempts);
    }
  });

  it("sends the browser only to a path on this origin, whatever the URL parser makes of the value", async () => {
    const samples: Array<[string, string]> = [
      ["/%09/evil.example", "/%09/evil.example"],
      ["\\\\evil.example", "/"],
      ["/\\evil.example", "/"],
      ["//evil.example", "/"],
      ["/.//evil.example", "/"],
      ["/a/../..//evil.example/", "/"],
      ["https://evil.example/", "/"],
      ["http://localhost.evil.example/", "/"],
      ["http://localhost:1234/", "/"],
      ["javascript:alert(1)", "/"],
      ["JaVaScRiPt:alert(1)", "/"],
      ["data:text/html,<script>alert(1)</script>", "/"],
      ["/regios/twente?tab=leden#lijst", "/regios/twente?tab=leden#lijst"],
      [`${ORIGIN}/innovaties`, "/innovaties"],
      ["/" + "a".repeat(3000), "/"],
    ];
    for (const [redirectTo, expected] of samples) {
      const res = await postLogin(member, PASSWORD, { redirectTo });
      expect(res.status, redirectTo).toBe(302);
      const location = res.response!.headers.get("Location")!;
      expect(location, redirectTo).toBe(expected);
      // What a browser does with the header: it must stay here.
      expect(new URL(location, ORIGIN).origin, redirectTo).toBe(ORIGIN);
    }
  });

  it("is the same check on the language switch", async () => {
    const switchTo = (redirectTo: string) => call(taalRoute.action, null, { url: `${ORIGIN}/taal`, form: { locale: "en", redirectTo } });
    expect((await switchTo("/\t/evil.example")).status).toBe(400);
    expect((await switchTo("/.//evil.example")).response!.headers.get("Location")).toBe("/");
    expect((await switchTo("/regios")).response!.headers.get("Location")).toBe("/regios");
  });

  it("judges by parsing: the pure check", () => {
    expect(sameOriginPath("/ok", ORIGIN)).toEqual({ ok: true, to: "/ok" });
    expect(sameOriginPath(undefined, ORIGIN, "/start")).toEqual({ ok: true, to: "/start" });
    expect(sameOriginPath("/\t/evil.example", ORIGIN)).toEqual({ ok: false, reason: "control-characters" });
    expect(sameOriginPath("/.//evil.example", ORIGIN)).toEqual({ ok: true, to: "/" });
  });
});

describe("login throttling (finding 8)", () => {
  it("100 wrong passwords from 20 addresses lock out new browsers, not the one that logged in before", async () => {
    // The rightful user's browser has logged in before: it holds a device cookie for the account.
    const { device } = await loggedIn(member, PASSWORD, { ip: "10.0.0.5" });
    expect(device).toBeTruthy();
    for (let address = 0; address < 20; address++) {
      for (let i = 0; i < 5; i++) {
        const res = await postLogin(member, `geraden-${address}-${i}`, { ip: `10.66.0.${address}` });
        expect(res.status).toBe(401);
      }
    }
    // The account is now locked for browsers without the cookie, from any address.
    expect((await postLogin(member, PASSWORD, { ip: "10.0.0.99" })).status).toBe(429);
    expect((await postLogin(member, PASSWORD, { ip: "10.0.0.5" })).status).toBe(429);
    // The rightful user's browser still gets in, from its usual address or another.
    expect((await postLogin(member, PASSWORD, { ip: "10.0.0.5", device })).status).toBe(302);
    expect((await postLogin(member, PASSWORD, { ip: "10.0.0.77", device })).status).toBe(302);
  });

  it("a device cookie vouches only for its own account, only when genuine, and only for a few failures", async () => {
    const { device } = await loggedIn(member, PASSWORD, { ip: "10.0.0.5" });
    const other = coordinator.email;
    for (let i = 0; i < THROTTLE.perAddress; i++) await postLogin(other, "fout", { ip: "10.0.0.5" });
    // Another account's cookie does not lift that account's lockout.
    expect((await postLogin(other, PASSWORD, { ip: "10.0.0.5", device })).status).toBe(429);
    // Nor does a tampered one.
    for (let i = 0; i < THROTTLE.perAddress; i++) await postLogin(member, "fout", { ip: "10.0.0.6" });
    const forged = device.slice(0, -2) + (device.endsWith("xx") ? "yy" : "xx");
    expect((await postLogin(member, PASSWORD, { ip: "10.0.0.6", device: forged })).status).toBe(429);
    // The genuine cookie carries its own budget; spent, it no longer vouches for the browser.
    for (let i = 0; i < THROTTLE.perDevice; i++) {
      expect((await postLogin(member, "fout", { ip: "10.0.0.6", device })).status).toBe(401);
    }
    expect((await postLogin(member, PASSWORD, { ip: "10.0.0.6", device })).status).toBe(429);
    // From an address that is not throttled the user still gets in, and gets a fresh cookie.
    const fresh = await loggedIn(member, PASSWORD, { ip: "10.0.0.8", device });
    expect(fresh.device).not.toBe(device);
  });

  it("throttles one address spraying one password across many accounts", async () => {
    const sprayer = "10.77.0.1";
    for (let i = 0; i < THROTTLE.perAddressAllAccounts; i++) {
      expect((await postLogin(`medewerker${i}@example.nl`, "Welkom2026!", { ip: sprayer })).status).toBe(401);
    }
    // Each account saw one failure only; the address is what gets stopped.
    expect((await postLogin("bestuurder@test.agendawerk.nl", PASSWORD, { ip: sprayer })).status).toBe(429);
    expect((await postLogin("bestuurder@test.agendawerk.nl", PASSWORD, { ip: "10.77.0.2" })).status).toBe(302);
    // Window passed: the address may try again.
    const later = Date.now() + THROTTLE.perAddressAllAccountsWindowMs + 1000;
    expect(await verifyLogin({ db, email: "bestuurder@test.agendawerk.nl", password: PASSWORD, ip: sprayer, now: later })).toMatchObject({ ok: true });
  });

  it("answers a throttled login with the Dutch message and Retry-After", async () => {
    for (let i = 0; i < THROTTLE.perAddress; i++) await postLogin(member, "fout", { ip: "10.0.0.9" });
    const res = await postLogin(member, PASSWORD, { ip: "10.0.0.9" });
    expect(res.status).toBe(429);
    expect(res.body.formError).toBe("login.throttled");
  });
});

describe("changing one's own password", () => {
  const change = (session: string, form: Record<string, string>) =>
    call(accountRoute.action, null, { url: `${ORIGIN}/account`, headers: withSession(session), form: { intent: "change-password", ...form } });

  it("needs the current password, refuses weak ones with the estimator's Dutch advice, ends the other sessions", async () => {
    const mine = await loggedIn(member, PASSWORD);
    const elsewhere = await loggedIn(member, PASSWORD, { ip: "10.0.0.2" });
    const before = { currentPassword: PASSWORD, newPassword: STRONG, confirmPassword: STRONG };
    const oldHash = userByEmail(member).passwordHash;

    const wrong = await change(mine.session, { ...before, currentPassword: "niet-mijn-wachtwoord" });
    expect(wrong).toMatchObject({ status: 400, body: { errors: { currentPassword: "account.password.currentWrong" } } });

    const mismatch = await change(mine.session, { ...before, confirmPassword: `${STRONG}!` });
    expect(mismatch.body.errors.confirmPassword).toBe("account.password.mismatch");

    for (const weak of ["wachtwoord1234", "Welkom01!Welkom01!", "FatimaElAmrani", "Agendawerk2026!", "amsterdam2026!"]) {
      const res = await change(mine.session, { ...before, newPassword: weak, confirmPassword: weak });
      expect(res.status, weak).toBe(400);
      expect(res.body.errors.newPassword, weak).toBe("account.password.weak");
      expect(res.body.feedback.join(" "), weak).toMatch(/raden|woorden|Vermijd|hoofdletter/);
    }
    expect(userByEmail(member).passwordHash).toBe(oldHash);

    const ok = await change(mine.session, before);
    expect(ok.status).toBe(302);
    expect(ok.response!.headers.get("Location")).toBe("/account?wachtwoord=gewijzigd");
    expect(findSession({ db, token: mine.session })).not.toBeNull();
    expect(findSession({ db, token: elsewhere.session })).toBeNull();
    expect((await postLogin(member, PASSWORD, { ip: "10.0.0.3" })).status).toBe(401);
    expect((await postLogin(member, STRONG, { ip: "10.0.0.3" })).status).toBe(302);
    expect(db.select().from(s.auditLog).where(eq(s.auditLog.action, "user.password.change")).all()).toHaveLength(1);
  });
});

describe("a password the administrator chose", () => {
  it("must be changed at first login: nothing else works until then, rooms included", async () => {
    const created = await call(usersRoute.action, admin, {
      url: `${ORIGIN}/beheer/gebruikers`,
      form: { intent: "create-user", name: "Nieuwe Collega", email: "nieuw@example.nl", password: "tijdelijk-wachtwoord-1", kind: "member", organisationId: "" },
    });
    expect(created.status).toBe(200);
    expect(userByEmail("nieuw@example.nl").mustChangePassword).toBe(true);

    const { session } = await loggedIn("nieuw@example.nl", "tijdelijk-wachtwoord-1");
    const page = await call(regionsRoute.loader, null, { url: `${ORIGIN}/regios`, headers: withSession(session) });
    expect(page.status).toBe(302);
    expect(page.response!.headers.get("Location")).toBe("/account");
    const room = await createSessionAuth({ db }).authenticate({ headers: { cookie: `${SESSION_COOKIE}=${session}` } } as never);
    expect(room).toBeNull();

    const account = await call(accountRoute.loader, null, { url: `${ORIGIN}/account`, headers: withSession(session) });
    expect(account).toMatchObject({ status: 200, body: { mustChangePassword: true } });
    const changed = await call(accountRoute.action, null, {
      url: `${ORIGIN}/account`,
      headers: withSession(session),
      form: { intent: "change-password", currentPassword: "tijdelijk-wachtwoord-1", newPassword: STRONG, confirmPassword: STRONG },
    });
    expect(changed.status).toBe(302);
    expect(changed.response!.headers.get("Location")).toBe("/");
    expect((await call(regionsRoute.loader, null, { url: `${ORIGIN}/regios`, headers: withSession(session) })).status).toBe(200);
  });
});

describe("forced reset with a one-time link", () => {
  const reset = (userId: number) =>
    call(usersRoute.action, admin, { url: `${ORIGIN}/beheer/gebruikers`, form: { intent: "reset-password", userId: String(userId) } });
  const tokenOf = (link: string) => {
    expect(link).toMatch(new RegExp(`^${ORIGIN}/wachtwoord/[A-Za-z0-9_-]{43}$`));
    return link.split("/").pop()!;
  };
  const setPassword = (token: string, password: string, confirm = password) =>
    call(setPasswordRoute.action, null, { url: `${ORIGIN}/wachtwoord/${token}`, params: { token }, form: { newPassword: password, confirmPassword: confirm } });
  const open = (token: string) => call(setPasswordRoute.loader, null, { url: `${ORIGIN}/wachtwoord/${token}`, params: { token } });

  it("shuts the account until the link is used, once; the link sets a strong password and ends all sessions", async () => {
    const user = userByEmail(member);
    const before = await loggedIn(member, PASSWORD);
    expect((await call(usersRoute.action, coordinator, { form: { intent: "reset-password", userId: String(user.id) } })).status).toBe(403);

    const res = await reset(user.id);
    expect(res).toMatchObject({ status: 200, body: { message: "account.reset.done", email: member } });
    const token = tokenOf(res.body.link);
    expect(findSession({ db, token: before.session })).toBeNull();
    expect((await postLogin(member, PASSWORD, { ip: "10.0.0.4" })).status).toBe(401);
    // Only the hash is stored.
    expect(db.select().from(s.passwordTokens).all().some((row) => row.tokenHash === token)).toBe(false);

    expect(await open(token)).toMatchObject({ status: 200, body: { email: member } });
    const weak = await setPassword(token, "wachtwoord1234");
    expect(weak).toMatchObject({ status: 400, body: { errors: { newPassword: "account.password.weak" } } });
    expect(weak.body.feedback.length).toBeGreaterThan(0);
    // Opening the page and a refused try leave the link usable.
    const done = await setPassword(token, STRONG);
    expect(done.status).toBe(302);
    expect(done.response!.headers.get("Location")).toBe("/login?wachtwoord=ingesteld");
    expect((await postLogin(member, STRONG, { ip: "10.0.0.4" })).status).toBe(302);
    expect(userByEmail(member).mustChangePassword).toBe(false);

    // Single use.
    expect((await open(token)).status).toBe(410);
    expect((await setPassword(token, "Nog-Een-Ander-Wachtwoord-88")).status).toBe(410);
    expect((await postLogin(member, STRONG, { ip: "10.0.0.4" })).status).toBe(302);
  });

  it("expires after 24 hours, and a newer link revokes the older one", async () => {
    const user = userByEmail(member);
    const first = tokenOf((await reset(user.id)).body.link);
    const second = tokenOf((await reset(user.id)).body.link);
    expect((await open(first)).status).toBe(410);
    expect((await setPassword(first, STRONG)).status).toBe(410);
    expect(findPasswordToken({ db, token: second, now: Date.now() + PASSWORD_TOKEN_TTL_MS - 60_000 })).not.toBeNull();
    expect(findPasswordToken({ db, token: second, now: Date.now() + PASSWORD_TOKEN_TTL_MS + 1 })).toBeNull();
    db.update(s.passwordTokens).set({ expiresAt: new Date(Date.now() - 1) }).run();
    expect((await open(second)).status).toBe(410);
    expect((await setPassword(second, STRONG)).status).toBe(410);
    expect(userByEmail(member).passwordHash).toBeNull();
  });

  it("is not for one's own account, and an unknown link says so", async () => {
    expect((await reset(admin.id)).body.errors.form).toBe("account.reset.self");
    expect((await open("onbekend")).status).toBe(410);
  });
});

describe("sessions", () => {
  const H = 60 * 60 * 1000;
  const userId = () => userByEmail(member).id;
  const expiresAt = (sessionId: string) => db.select().from(s.sessions).where(eq(s.sessions.id, sessionId)).get()!.expiresAt.getTime();

  it("end after 8 idle hours; use keeps them alive, writing at most once per few minutes", () => {
    const t0 = Date.UTC(2026, 0, 5, 8);
    const { token, sessionId } = createSession({ db, userId: userId(), ip: "127.0.0.1", userAgent: null, now: t0 });
    // expires_at is the effective end for every reader (the collaboration server closes sockets by it).
    expect(expiresAt(sessionId)).toBe(t0 + SESSION_IDLE_MS);
    expect(findSession({ db, token, now: t0 + 7 * H })).not.toBeNull();
    expect(expiresAt(sessionId)).toBe(t0 + 15 * H);
    // A minute later: no write.
    expect(findSession({ db, token, now: t0 + 7 * H + 60_000 })).not.toBeNull();
    expect(expiresAt(sessionId)).toBe(t0 + 15 * H);
    expect(findSession({ db, token, now: t0 + 7 * H + SESSION_SLIDE_STEP_MS })).not.toBeNull();
    expect(expiresAt(sessionId)).toBe(t0 + 15 * H + SESSION_SLIDE_STEP_MS);
    expect(findSession({ db, token, now: t0 + 14 * H })).not.toBeNull();
    // Eight hours without use.
    expect(findSession({ db, token, now: t0 + 22 * H + 1 })).toBeNull();
  });

  it("end 14 days after login however busy", () => {
    const t0 = Date.UTC(2026, 0, 5, 8);
    const { token, sessionId } = createSession({ db, userId: userId(), ip: "127.0.0.1", userAgent: null, now: t0 });
    let now = t0;
    while (now + 7 * H < t0 + SESSION_TTL_MS) {
      now += 7 * H;
      expect(findSession({ db, token, now })).not.toBeNull();
      expect(expiresAt(sessionId)).toBeLessThanOrEqual(t0 + SESSION_TTL_MS);
    }
    expect(findSession({ db, token, now: t0 + SESSION_TTL_MS + 1 })).toBeNull();
  });

  it("made before the idle limit get it at their next use", () => {
    const t0 = Date.now();
    const { token, sessionId } = createSession({ db, userId: userId(), ip: "127.0.0.1", userAgent: null, now: t0 });
    db.update(s.sessions).set({ expiresAt: new Date(t0 + SESSION_TTL_MS) }).where(eq(s.sessions.id, sessionId)).run();
    expect(findSession({ db, token, now: t0 + H })).not.toBeNull();
    expect(expiresAt(sessionId)).toBe(t0 + H + SESSION_IDLE_MS);
  });

  it("logging out asks the browser to clear its storage (the offline copies of agendas)", async () => {
    const { session } = await loggedIn(member, PASSWORD);
    const res = await call(logoutRoute.action, null, { url: `${ORIGIN}/logout`, headers: withSession(session), form: {} });
    expect(res.status).toBe(302);
    expect(res.response!.headers.get("Clear-Site-Data")).toBe('"storage"');
    expect(findSession({ db, token: session })).toBeNull();
  });
});

describe("npm run admin:create", () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const run = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), ["db/admin-create.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: ctx.file, PUBLIC_URL: "", PORT: "4321", ...env },
    });

  it("makes an administrator without a password and prints a link that sets one", async () => {
    // A production start has no demo data: the first administrator comes from this command.
    await ctx.stop();
    ctx = await startRouteWorld({ data: "none" });
    ({ db, collab, call } = ctx);

    const { stdout } = await run(["--email", "Eerste@Example.nl", "--name", "Eerste Beheerder"]);
    const link = stdout.match(/http:\/\/localhost:4321\/wachtwoord\/([A-Za-z0-9_-]+)/);
    expect(link, stdout).not.toBeNull();
    const admin = userByEmail("eerste@example.nl");
    expect(admin).toMatchObject({ kind: "admin", name: "Eerste Beheerder", passwordHash: null });
    const token = link![1];
    const set = await call(setPasswordRoute.action, null, { url: `${ORIGIN}/wachtwoord/${token}`, params: { token }, form: { newPassword: STRONG, confirmPassword: STRONG } });
    expect(set.status).toBe(302);
    const { session } = await loggedIn("eerste@example.nl", STRONG);
    expect((await call(usersRoute.loader, null, { url: `${ORIGIN}/beheer/gebruikers`, headers: withSession(session) })).status).toBe(200);

    // On PUBLIC_URL; run again, the older link stops working.
    const again = await run(["--email", "eerste@example.nl"], { PUBLIC_URL: "https://agendawerk.example" });
    expect(again.stdout).toMatch(/https:\/\/agendawerk\.example\/wachtwoord\/[A-Za-z0-9_-]{43}/);
    expect(findPasswordToken({ db, token })).toBeNull();
    await expect(run([])).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
