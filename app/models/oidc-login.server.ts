// Who an organisation's identity provider signs in: an existing Agendawerk account with the same
// verified e-mail address, never a new one (accounts and roles stay managed here; decision 038).
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { loginAttempts, users } from "../../db/schema";
import { issueDeviceCookie } from "./device-cookie.server";

export type OidcLoginResult = { ok: true; userId: number; deviceCookie: string } | { ok: false; reason: "no-account" };

/**
 * The account for an address the provider verified, case-insensitively (addresses are stored in
 * lower case). A disabled account is no account. The success is recorded and the browser gets a
 * device cookie exactly as after a password login, so both leave the same trail.
 */
export function signInVerifiedEmail({ db, email: rawEmail, ip, now = Date.now() }: { db: Db; email: string; ip: string; now?: number }): OidcLoginResult {
  const email = rawEmail.trim().toLowerCase();
  const user = db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.email, email)).get();
  if (!user || user.disabledAt) return { ok: false, reason: "no-account" };
  db.insert(loginAttempts).values({ email, ip, success: true, at: new Date(now), device: null }).run();
  return { ok: true, userId: user.id, deviceCookie: issueDeviceCookie({ db, userId: user.id, now }) };
}
