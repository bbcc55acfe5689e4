// E-mail (decision 037) on a real temp SQLite, against real SMTP servers on loopback: the outbox is
// filled only inside the requests' transactions, the worker sends with backoff, a sent message
// never again, also after a restart; reminders reach only who has not voted, once; choices, digest,
// unsubscribe, the password reset and invitations.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { type Outcome, type RouteWorld, type Who, routeCaller, startRouteWorld } from "../support/route-calls";
import type { TestUser } from "../support/factories";
import { addressOf, startSilentServer, startSmtp, type TestSmtp } from "../support/smtp";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { MAIL_RETRY, REMINDER_LEAD_MS, retryDelayMs } from "../../app/domain/mail";
import { createMailWorker, smtpSender } from "../../app/mail/worker.server";
import { bundleDigests, claimNextMail, setMailPreferences } from "../../app/models/outbox.server";
import { sendDueReminders } from "../../app/models/mail-notifications.server";
import { RESET_THROTTLE, findPasswordToken, inviteUser, requestPasswordReset } from "../../app/models/account.server";
import { parseOidcProviders } from "../../app/domain/oidc-providers";
import * as proposeRoute from "../../app/routes/agendas.$agendaId_.voorleggen";
import * as proposalRoute from "../../app/routes/voorstellen.$proposalId";
import * as unsubscribeRoute from "../../app/routes/afmelden.$token";

// Inside the e2e range given to this work (4161-4169); the e2e spec uses 4161-4162.
const SMTP_PORT = 4163;
const SILENT_PORT = 4164;
const smtpUrl = (port: number) => `smtp://127.0.0.1:${port}`;

let ctx: RouteWorld;
let db: Db;
let call: ReturnType<typeof routeCaller>["call"];
let agendaId: number;
let itemIds: string[];
let coordinator: TestUser, board: TestUser, board2: TestUser;
let smtp: TestSmtp | null = null;

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const propose = (deadline = future(14)) =>
  call(proposeRoute.action, coordinator, { params: { agendaId: String(agendaId) }, form: { intent: "propose", deadline, [`rank:${itemIds[0]}`]: "1" } });
const proposalIdFrom = (o: Outcome) => Number(o.response!.headers.get("Location")!.split("/").pop());
const vote = (who: Who, proposalId: number) => call(proposalRoute.action, who, { params: { proposalId: String(proposalId) }, form: { intent: "vote", value: "akkoord" } });
const rows = (kind?: string) => db.select().from(s.outbox).where(kind ? eq(s.outbox.kind, kind as never) : undefined).all();

beforeEach(async () => {
  ctx = await startRouteWorld();
  ({ db, call } = ctx);
  const amsterdam = ctx.make.region("amsterdam");
  ({ id: agendaId, itemIds } = ctx.make.agenda({ region: amsterdam, items: [{ title: "Slim incontinentiemateriaal", status: "prioriteit" }, { title: "Digicoaches" }] }));
  coordinator = ctx.make.member(amsterdam, "coordinator");
  board = ctx.make.member(amsterdam, "board");
  board2 = ctx.make.member(amsterdam, "board");
});
afterEach(async () => {
  await smtp?.close();
  smtp = null;
  await ctx.stop();
});

describe("the outbox and the worker", () => {
  it("a proposal queues one message per board member in its request; the worker sends them with the unsubscribe headers", async () => {
    const res = await propose();
    expect(res.status).toBe(302);
    const queued = rows("proposal");
    expect(queued.map((r) => r.toAddress).sort()).toEqual([board.email, board2.email].sort());
    expect(queued.every((r) => r.status === "queued" && r.attempts === 0)).toBe(true);

    smtp = await startSmtp(SMTP_PORT);
    await createMailWorker({ db, send: smtpSender({ url: smtpUrl(SMTP_PORT) }) }).drain();
    expect(smtp.received.map((m) => addressOf(m)[0]).sort()).toEqual([board.email, board2.email].sort());
    const mail = smtp.received[0];
    expect(mail.subject).toMatch(/^Stem vóór .+: voorstel voor /);
    expect(mail.text).toContain(`/voorstellen/${proposalIdFrom(res)}`);
    expect(mail.html).toContain('<html lang="nl">');
    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line ?? "";
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(header("list-unsubscribe")).toMatch(/^List-Unsubscribe:\s+<http:\/\/localhost:\d+\/afmelden\/[^>]+>$/);
    const row = rows("proposal").find((r) => r.toAddress === addressOf(mail)[0])!;
    expect(mail.messageId).toBe(row.messageId);
    expect(rows("proposal").every((r) => r.status === "sent")).toBe(true);
  });

  it("waits with exponential backoff while the server is down, sends once it is back, and a sent message never again, also after a restart", async () => {
    expect(requestPasswordReset({ db, email: board.email, ip: "192.0.2.1" }).ok).toBe(true);
    // The worker's clock, from just after the request.
    let clock = new Date();
    const now = () => clock;
    const send = smtpSender({ url: smtpUrl(SMTP_PORT) });

    const first = createMailWorker({ db, send, now });
    await first.drain();
    let [row] = rows("reset");
    expect(row.status).toBe("queued");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    const wait1 = row.nextAttemptAt.getTime() - clock.getTime();
    expect(wait1).toBeGreaterThanOrEqual(MAIL_RETRY.firstDelayMs);

    // Down a second time: the wait doubles.
    clock = new Date(row.nextAttemptAt.getTime());
    await first.drain();
    [row] = rows("reset");
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt.getTime() - clock.getTime()).toBeGreaterThanOrEqual(2 * MAIL_RETRY.firstDelayMs);

    smtp = await startSmtp(SMTP_PORT);
    // Back up, but the wait is not over: nothing is tried before its time.
    await first.drain();
    expect(smtp.received).toHaveLength(0);
    clock = new Date(row.nextAttemptAt.getTime());
    await first.drain();
    expect(smtp.received).toHaveLength(1);
    expect(rows("reset")[0].status).toBe("sent");
    await first.drain();
    await first.stop();

    // A restarted worker, hours later, finds nothing to send.
    clock = new Date(clock.getTime() + 6 * 3_600_000);
    const second = createMailWorker({ db, send, now });
    await second.drain();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].subject).toBe("Een nieuw wachtwoord voor Agendawerk");
  });

  it("a crash between send and mark: the claim holds while it may still be sending, then the message goes again with its Message-ID", async () => {
    smtp = await startSmtp(SMTP_PORT);
    requestPasswordReset({ db, email: board.email, ip: "192.0.2.1" });
    let clock = new Date();
    const now = () => clock;
    // The dead worker claimed it (and may have sent it) but never marked it.
    const claimed = claimNextMail({ db, now: clock })!;
    expect(claimed.status).toBe("sending");
    expect(claimNextMail({ db, now: clock })).toBeNull();

    const restarted = createMailWorker({ db, send: smtpSender({ url: smtpUrl(SMTP_PORT) }), now });
    clock = new Date(clock.getTime() + MAIL_RETRY.leaseMs - 1000);
    await restarted.drain();
    expect(smtp.received).toHaveLength(0);
    clock = new Date(clock.getTime() + 2000);
    await restarted.drain();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].messageId).toBe(claimed.messageId);
    await restarted.drain();
    expect(smtp.received).toHaveLength(1);
  });

  it("a mail server that hangs holds up no request: pages only insert, the worker waits alone", async () => {
    const silent = await startSilentServer(SILENT_PORT);
    try {
      const worker = createMailWorker({ db, send: smtpSender({ url: smtpUrl(SILENT_PORT) }), pollMs: 20 });
      requestPasswordReset({ db, email: board2.email, ip: "192.0.2.1" });
      worker.start();
      while (silent.connections() === 0) await new Promise((r) => setTimeout(r, 10));
      expect(rows("reset")[0].status).toBe("sending");
      // The worker is stuck in its conversation; a proposal is made and answered all the same.
      const res = await propose();
      expect(res.status).toBe(302);
      expect(rows("proposal").map((r) => r.status)).toEqual(["queued", "queued"]);
      await silent.close();
      await worker.stop();
      expect(rows("reset")[0].status).toBe("queued");
    } finally {
      await silent.close();
    }
  });

  it("backs off by doubling up to a cap, with a little jitter", () => {
    expect(retryDelayMs(1, 0)).toBe(MAIL_RETRY.firstDelayMs);
    expect(retryDelayMs(3, 0)).toBe(4 * MAIL_RETRY.firstDelayMs);
    expect(retryDelayMs(30, 0)).toBe(MAIL_RETRY.maxDelayMs);
    expect(retryDelayMs(1, 1)).toBe(1.2 * MAIL_RETRY.firstDelayMs);
  });
});

describe("what is sent to whom", () => {
  it("the reminder two days before the deadline reaches only who has not voted, once", async () => {
    const proposalId = proposalIdFrom(await propose(future(6)));
    expect(await vote(board, proposalId)).toMatchObject({ status: 200, body: { message: "approvals.voteSaved" } });
    const p = db.select().from(s.priorityProposals).where(eq(s.priorityProposals.id, proposalId)).get()!;
    expect(sendDueReminders({ db, now: new Date(p.deadline.getTime() - REMINDER_LEAD_MS - 60_000) })).toBe(0);
    const due = new Date(p.deadline.getTime() - REMINDER_LEAD_MS + 60_000);
    expect(sendDueReminders({ db, now: due })).toBe(1);
    expect(rows("reminder").map((r) => r.toAddress)).toEqual([board2.email]);
    expect(rows("reminder")[0].subject).toMatch(/^Herinnering: stem vóór /);
    expect(sendDueReminders({ db, now: new Date(due.getTime() + 3_600_000) })).toBe(0);
    expect(rows("reminder")).toHaveLength(1);
  });

  it("a proposal put less than two days before its deadline gets no separate reminder", async () => {
    const proposalId = proposalIdFrom(await propose(future(1)));
    const p = db.select().from(s.priorityProposals).where(eq(s.priorityProposals.id, proposalId)).get()!;
    expect(sendDueReminders({ db, now: new Date(p.deadline.getTime() - 3_600_000) })).toBe(0);
    expect(rows("reminder")).toHaveLength(0);
  });

  it("follows each user's choice: never makes no message, the digest holds them until the day's overview", async () => {
    setMailPreferences({ db, userId: board.id, choices: { proposal: "never" } });
    setMailPreferences({ db, userId: board2.id, choices: { proposal: "digest" } });
    await propose();
    expect(rows("proposal").map((r) => [r.toAddress, r.status])).toEqual([[board2.email, "held"]]);
    const tomorrowMorning = new Date(Date.now() + 86_400_000);
    tomorrowMorning.setUTCHours(9, 0, 0, 0);
    expect(bundleDigests({ db, now: tomorrowMorning })).toBe(1);
    const [digest] = rows("digest");
    expect(digest.toAddress).toBe(board2.email);
    expect(digest.status).toBe("queued");
    expect(digest.text).toContain("Stem vóór");
    expect(rows("proposal")[0].status).toBe("bundled");
    expect(bundleDigests({ db, now: tomorrowMorning })).toBe(0);
  });

  it("one click on the unsubscribe link (or the mail client's RFC 8058 post) stops that kind only; a forged token does nothing", async () => {
    await propose();
    const row = rows("proposal").find((r) => r.toAddress === board.email)!;
    const token = row.unsubscribeUrl!.split("/afmelden/")[1];
    // Opening the link changes nothing.
    expect((await call(unsubscribeRoute.loader, null, { params: { token } })).status).toBe(200);
    const prefs = () => db.select().from(s.emailPreferences).where(eq(s.emailPreferences.userId, board.id)).all();
    expect(prefs()).toEqual([]);
    expect((await call(unsubscribeRoute.action, null, { params: { token }, form: { "List-Unsubscribe": "One-Click" } })).status).toBe(200);
    expect(prefs()).toEqual([{ userId: board.id, kind: "proposal", delivery: "never" }]);
    const forged = token.replace(/^\d+/, String(board2.id));
    expect((await call(unsubscribeRoute.action, null, { params: { token: forged } })).status).toBe(404);
    expect(db.select().from(s.emailPreferences).where(eq(s.emailPreferences.userId, board2.id)).all()).toEqual([]);
  });
});

describe("password reset by e-mail", () => {
  it("answers alike for known and unknown addresses, mails a one-time link only to the account, and limits per address and IP", () => {
    expect(requestPasswordReset({ db, email: "niemand@example.org", ip: "192.0.2.7" })).toEqual({ ok: true });
    expect(rows("reset")).toHaveLength(0);
    const passwordBefore = db.select().from(s.users).where(eq(s.users.id, board.id)).get()!.passwordHash;
    expect(requestPasswordReset({ db, email: ` ${board.email.toUpperCase()} `, ip: "192.0.2.7" })).toEqual({ ok: true });
    const [mail] = rows("reset");
    const token = /\/wachtwoord\/([\w-]+)/.exec(mail.text)![1];
    expect(findPasswordToken({ db, token })?.userId).toBe(board.id);
    // Only its hash is stored.
    expect(db.select().from(s.passwordTokens).where(eq(s.passwordTokens.tokenHash, token)).all()).toEqual([]);
    // The password still works until the link is used.
    expect(db.select().from(s.users).where(eq(s.users.id, board.id)).get()!.passwordHash).toBe(passwordBefore);

    for (let i = 1; i < RESET_THROTTLE.perEmail; i++) expect(requestPasswordReset({ db, email: board.email, ip: `192.0.2.${10 + i}` }).ok).toBe(true);
    expect(requestPasswordReset({ db, email: board.email, ip: "192.0.2.99" })).toEqual({ ok: false, reason: "throttled" });
    // A new link replaces the old one.
    expect(findPasswordToken({ db, token })).toBeNull();
    const sameIp = db.select().from(s.passwordResetRequests).where(and(eq(s.passwordResetRequests.ip, "192.0.2.7"))).all().length;
    for (let i = sameIp; i < RESET_THROTTLE.perIp; i++) requestPasswordReset({ db, email: `x${i}@example.org`, ip: "192.0.2.7" });
    expect(requestPasswordReset({ db, email: "other@example.org", ip: "192.0.2.7" })).toEqual({ ok: false, reason: "throttled" });
  });
});

describe("invitations by e-mail", () => {
  // Zorggroep Noord signs in only through its own provider; Carint may use either (decision 038).
  const providers = parseOidcProviders({
    OIDC_PROVIDERS: JSON.stringify([
      { id: "zorggroep", name: "Zorggroep Noord", issuer: "https://login.zorggroep-noord.nl", clientId: "agendawerk", domains: ["zorggroep-noord.nl"], passwordLogin: false },
      { id: "carint", name: "Carint", issuer: "https://login.carint.nl", clientId: "agendawerk", domains: ["carint.nl"] },
    ]),
  });
  const tokensOf = (userId: number) => db.select().from(s.passwordTokens).where(eq(s.passwordTokens.userId, userId)).all();
  const invite = (email: string) => {
    const admin = ctx.make.admin({ name: "Beheerder Bea" });
    const invitee = ctx.make.user({ email });
    return { invitee, outcome: inviteUser({ db, actor: admin.principal(), userId: invitee.id, providers }) };
  };

  it("an address that may use a password gets a one-time set-password link, in Dutch", () => {
    for (const email of ["nieuw@example.nl", "nieuw@carint.nl"]) {
      const { invitee, outcome } = invite(email);
      expect(outcome).toBe("set-password");
      const mail = rows("invitation").find((m) => m.userId === invitee.id)!;
      expect(mail.subject).toBe("Je bent uitgenodigd voor Agendawerk");
      const token = /\/wachtwoord\/([\w-]+)/.exec(mail.text)![1];
      expect(findPasswordToken({ db, token })).toMatchObject({ userId: invitee.id, purpose: "setup" });
    }
  });

  it("an address whose domain signs in only through its provider is told to use it, and gets no set-password link", () => {
    const { invitee, outcome } = invite("Nieuw.Lid@Zorggroep-Noord.nl");
    expect(outcome).toBe("provider");
    const mail = rows("invitation").find((m) => m.userId === invitee.id)!;
    expect(mail.subject).toBe("Je bent uitgenodigd voor Agendawerk");
    expect(mail.text).toContain("Je organisatie logt in via Zorggroep Noord");
    expect(mail.text).toContain("‘Inloggen met Zorggroep Noord’");
    expect(mail.text).toContain("/login/oidc/zorggroep");
    expect(mail.text + mail.html).not.toContain("/wachtwoord/");
    expect(tokensOf(invitee.id)).toEqual([]);
    const audit = db.select().from(s.auditLog).where(and(eq(s.auditLog.action, "user.invite"), eq(s.auditLog.entityId, String(invitee.id)))).get();
    expect(audit?.data).toEqual({ provider: "zorggroep" });
  });
});
