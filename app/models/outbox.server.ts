// The e-mail outbox (decision 037). Requests only ever insert here, in their own transaction; the
// worker (app/mail/worker.server.ts) claims, sends and marks. A user's choice per kind decides at
// insert time whether a message waits for the daily digest or is not made at all.
import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { emailPreferences, outbox, serverSecrets, users } from "../../db/schema";
import { DEFAULT_DELIVERY, DIGEST_HOUR, MAIL_RETRY, deliveries, mailKinds, retryDelayMs, type Delivery, type MailKind, type OutboxKind } from "../domain/mail";
import { dutchCalendarDay, startOfDutchDay } from "../domain/dutch-time";
import { translate, type Locale } from "../i18n";
import { renderMail, type MailContent } from "../mail/templates.server";
import { deployment } from "../utils/deployment.server";
import { preparedFor } from "../utils/prepared.server";
import { serverSecret } from "./device-cookie.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Writer = Db | Tx;

/** Where links in e-mail point: PUBLIC_URL, else the local demo's own address. */
export function mailOrigin() {
  return deployment.publicOrigin ?? `http://localhost:${process.env.PORT ?? 3000}`;
}
export const mailUrl = (path: string) => new URL(path, mailOrigin()).href;

// Unsubscribe links are signed, not stored: "<userId>.<kind>.<HMAC>" opens nothing but that one switch.
const UNSUBSCRIBE_KEY = "mail-unsubscribe";
const unsubscribeKey = preparedFor((db) => serverSecret({ db, name: UNSUBSCRIBE_KEY }));
const mac = (key: Buffer, payload: string) => crypto.createHmac("sha256", key).update(payload).digest("base64url");

export function unsubscribeToken({ db, userId, kind }: { db: Db; userId: number; kind: MailKind | "digest" }) {
  const payload = `${userId}.${kind}`;
  return `${payload}.${mac(unsubscribeKey(db), payload)}`;
}

export function readUnsubscribeToken({ db, token }: { db: Db; token: string }): { userId: number; kind: MailKind | "digest" } | null {
  const [id, kind, signature] = token.split(".");
  if (!id || !kind || !signature || !/^\d{1,10}$/.test(id) || !(kind === "digest" || (mailKinds as readonly string[]).includes(kind))) return null;
  // Read, never made here: the unsubscribe page's loader must not write, and without a key no link was ever signed.
  const key = db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, UNSUBSCRIBE_KEY)).get();
  if (!key) return null;
  const expected = Buffer.from(mac(Buffer.from(key.value, "base64url"), `${id}.${kind}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return { userId: Number(id), kind: kind as MailKind | "digest" };
}

export function getMailPreferences({ db, userId }: { db: Db; userId: number }): Record<MailKind, Delivery> {
  const chosen = new Map(db.select().from(emailPreferences).where(eq(emailPreferences.userId, userId)).all().map((r) => [r.kind, r.delivery]));
  return Object.fromEntries(mailKinds.map((k) => [k, chosen.get(k) ?? DEFAULT_DELIVERY])) as Record<MailKind, Delivery>;
}

export function setMailPreferences({ db, userId, choices }: { db: Db; userId: number; choices: Partial<Record<MailKind, Delivery>> }) {
  db.transaction((tx) => {
    for (const [kind, delivery] of Object.entries(choices) as Array<[MailKind, Delivery]>) {
      if (!(deliveries as readonly string[]).includes(delivery)) continue;
      tx.insert(emailPreferences).values({ userId, kind, delivery }).onConflictDoUpdate({ target: [emailPreferences.userId, emailPreferences.kind], set: { delivery } }).run();
    }
  });
}

/** The one-click unsubscribe: that kind (or every kind now on the digest) to never. */
export function unsubscribe({ db, userId, kind }: { db: Db; userId: number; kind: MailKind | "digest" }) {
  const current = getMailPreferences({ db, userId });
  const kinds = kind === "digest" ? mailKinds.filter((k) => current[k] === "digest") : [kind];
  setMailPreferences({ db, userId, choices: Object.fromEntries(kinds.map((k) => [k, "never"])) });
}

export type Recipient = { id: number; email: string; locale: Locale };

const messageId = () => `<${crypto.randomUUID()}@${new URL(mailOrigin()).hostname}>`;

export const mailKindLabel = (locale: Locale, kind: MailKind | "digest") => translate(locale, `mail.kind.${kind}`);

/**
 * Queues one message for a user about something they follow, as they chose for its kind: at once,
 * held for the digest, or not at all. Call inside the transaction of the change it is about.
 * `replyTo`: where an answer goes (a question's asker) instead of the noreply sender.
 */
export function enqueueUserMail({ db, to, kind, content, link, replyTo = null, now = new Date() }: { db: Writer; to: Recipient; kind: MailKind; content: Omit<MailContent, "footer">; link: string; replyTo?: string | null; now?: Date }) {
  const delivery = (db as Db).select({ d: emailPreferences.delivery }).from(emailPreferences).where(and(eq(emailPreferences.userId, to.id), eq(emailPreferences.kind, kind))).get()?.d ?? DEFAULT_DELIVERY;
  if (delivery === "never") return;
  const unsubscribeUrl = mailUrl(`/afmelden/${unsubscribeToken({ db: db as Db, userId: to.id, kind })}`);
  const rendered = renderMail(to.locale, { ...content, footer: { kindLabel: mailKindLabel(to.locale, kind), unsubscribeUrl, settingsUrl: mailUrl("/account#email") } });
  insertMail(db, { userId: to.id, toAddress: to.email, kind, ...rendered, link, unsubscribeUrl, replyTo, status: delivery === "digest" ? "held" : "queued", now });
}

/** Queues a message about the account itself (a reset or set-password link): always, at once. */
export function enqueueAccountMail({ db, to, kind, content, now = new Date() }: { db: Writer; to: Recipient; kind: "reset" | "invitation"; content: Omit<MailContent, "footer">; now?: Date }) {
  insertMail(db, { userId: to.id, toAddress: to.email, kind, ...renderMail(to.locale, content), link: null, unsubscribeUrl: null, status: "queued", now });
}

function insertMail(
  db: Writer,
  m: { userId: number; toAddress: string; kind: OutboxKind; subject: string; text: string; html: string; link: string | null; unsubscribeUrl: string | null; replyTo?: string | null; status: "held" | "queued"; now: Date },
) {
  const { now, ...row } = m;
  return db.insert(outbox).values({ ...row, messageId: messageId(), nextAttemptAt: now, createdAt: now }).returning({ id: outbox.id }).get();
}

export type ClaimedMail = typeof outbox.$inferSelect;

/**
 * Takes the next due message for sending, in one statement: a queued one whose time has come, or
 * one whose sender's claim ran out (a crash between send and mark: sent again with the same
 * Message-ID, decision 037). Two workers never hold the same row.
 */
export function claimNextMail({ db, now = new Date() }: { db: Db; now?: Date }): ClaimedMail | null {
  const due = or(and(eq(outbox.status, "queued"), sql`${outbox.nextAttemptAt} <= ${now.getTime()}`), and(eq(outbox.status, "sending"), sql`${outbox.leaseUntil} <= ${now.getTime()}`));
  const next = db.select({ id: outbox.id }).from(outbox).where(due).orderBy(asc(outbox.nextAttemptAt), asc(outbox.id)).limit(1);
  return (
    db
      .update(outbox)
      .set({ status: "sending", attempts: sql`${outbox.attempts} + 1`, leaseUntil: new Date(now.getTime() + MAIL_RETRY.leaseMs) })
      .where(and(eq(outbox.id, sql`(${next})`), due))
      .returning()
      .get() ?? null
  );
}

/** Marks a claimed message sent; false if the claim was lost meanwhile (then the other holder marks it). */
export function markMailSent({ db, id, attempts, now = new Date() }: { db: Db; id: number; attempts: number; now?: Date }) {
  return db.update(outbox).set({ status: "sent", sentAt: now, leaseUntil: null, lastError: null }).where(and(eq(outbox.id, id), eq(outbox.status, "sending"), eq(outbox.attempts, attempts))).run().changes === 1;
}

/** A failed attempt: back in the queue after the backoff, or given up after the last attempt. */
export function markMailFailed({ db, id, attempts, error, now = new Date(), random }: { db: Db; id: number; attempts: number; error: string; now?: Date; random?: number }) {
  const givenUp = attempts >= MAIL_RETRY.maxAttempts;
  db.update(outbox)
    .set({ status: givenUp ? "failed" : "queued", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, random)), leaseUntil: null, lastError: error.slice(0, 500) })
    .where(and(eq(outbox.id, id), eq(outbox.status, "sending"), eq(outbox.attempts, attempts)))
    .run();
}

/** The latest messages, for the administrators' outbox page. */
export function listOutbox({ db, limit = 100 }: { db: Db; limit?: number }) {
  return db
    .select({ id: outbox.id, toAddress: outbox.toAddress, replyTo: outbox.replyTo, kind: outbox.kind, subject: outbox.subject, text: outbox.text, status: outbox.status, attempts: outbox.attempts, lastError: outbox.lastError, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
    .from(outbox)
    .orderBy(desc(outbox.id))
    .limit(limit)
    .all();
}

/**
 * Once a day, after DIGEST_HOUR Dutch time: every user's held messages from before that hour go out
 * as one digest. The held rows are marked bundled in the same transaction as the digest's insert.
 */
export function bundleDigests({ db, now = new Date() }: { db: Db; now?: Date }) {
  const cutoff = startOfDutchDay(dutchCalendarDay(now)) + DIGEST_HOUR * 3_600_000;
  if (now.getTime() < cutoff) return 0;
  const held = and(eq(outbox.status, "held"), lt(outbox.createdAt, new Date(cutoff)));
  const owners = db.selectDistinct({ userId: outbox.userId }).from(outbox).where(held).all();
  let sent = 0;
  for (const { userId } of owners) {
    if (userId === null) continue;
    db.transaction((tx) => {
      const user = tx.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(eq(users.id, userId)).get();
      const rows = tx.select({ id: outbox.id, subject: outbox.subject, link: outbox.link }).from(outbox).where(and(held, eq(outbox.userId, userId))).orderBy(asc(outbox.id)).all();
      if (!user || !rows.length) return;
      const unsubscribeUrl = mailUrl(`/afmelden/${unsubscribeToken({ db: tx as unknown as Db, userId, kind: "digest" })}`);
      const rendered = renderMail(user.locale, {
        subject: translate(user.locale, "mail.digest.subject", { count: rows.length }),
        paragraphs: [translate(user.locale, "mail.digest.intro")],
        items: rows.map((r) => ({ text: r.subject, url: r.link })),
        footer: { kindLabel: mailKindLabel(user.locale, "digest"), unsubscribeUrl, settingsUrl: mailUrl("/account#email") },
      });
      const digest = insertMail(tx, { userId, toAddress: user.email, kind: "digest", ...rendered, link: null, unsubscribeUrl, status: "queued", now });
      tx.update(outbox).set({ status: "bundled", digestId: digest.id }).where(inArray(outbox.id, rows.map((r) => r.id))).run();
      sent++;
    });
  }
  return sent;
}
