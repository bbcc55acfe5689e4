// OWASP's device cookie: a browser that logged in to an account before carries a signed note
// saying so, and is judged by its own small failure budget instead of the account's lockout, which
// an attacker can fill from anywhere. The note is "v1.<userId>.<nonce>.<issued ms>.<HMAC>".
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { serverSecrets } from "../../db/schema";
import { hostCookieName } from "../utils/deployment.server";
import { preparedFor } from "../utils/prepared.server";

// Named like the session cookie (decision 013): "__Host-" when PUBLIC_URL is https.
export const DEVICE_COOKIE = hostCookieName("aw_device");
export const DEVICE_COOKIE_TTL_MS = 1000 * 60 * 60 * 24 * 180;

/** A random secret the server makes on first use and keeps in its database: none lives in code or settings. */
export function serverSecret({ db, name }: { db: Db; name: string }): Buffer {
  db.insert(serverSecrets).values({ name, value: crypto.randomBytes(32).toString("base64url") }).onConflictDoNothing().run();
  const row = db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, name)).get()!;
  return Buffer.from(row.value, "base64url");
}

const signingKey = preparedFor((db) => serverSecret({ db, name: "device-cookie" }));

const mac = (db: Db, payload: string) => crypto.createHmac("sha256", signingKey(db)).update(payload).digest("base64url");

export function issueDeviceCookie({ db, userId, now = Date.now() }: { db: Db; userId: number; now?: number }) {
  const payload = `v1.${userId}.${crypto.randomBytes(16).toString("base64url")}.${now}`;
  return `${payload}.${mac(db, payload)}`;
}

/** The account and nonce a genuine, unexpired device cookie names; null for anything else. */
export function readDeviceCookie({ db, value, now = Date.now() }: { db: Db; value: string | null; now?: number }) {
  if (!value || value.length > 200) return null;
  const parts = value.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") return null;
  const [, user, nonce, issued, signature] = parts;
  const expected = Buffer.from(mac(db, parts.slice(0, 4).join(".")));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  const userId = Number(user);
  const issuedAt = Number(issued);
  if (!Number.isSafeInteger(userId) || !Number.isSafeInteger(issuedAt) || now - issuedAt > DEVICE_COOKIE_TTL_MS) return null;
  return { userId, nonce };
}
