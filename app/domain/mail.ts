// E-mail's pure rules (decision 037): which kinds a user chooses for, how a failed send waits, and
// when a proposal's reminder is due.

/** The kinds a user chooses a delivery for; every inbox notification kind is one of them. */
export const mailKinds = ["mention", "assigned", "reply", "proposal", "reminder", "decision", "report", "progress", "question"] as const;
export type MailKind = (typeof mailKinds)[number];
/** Messages about the account itself: always sent at once, no unsubscribe. */
export const accountMailKinds = ["reset", "invitation"] as const;
export type OutboxKind = MailKind | (typeof accountMailKinds)[number] | "digest";

export const deliveries = ["now", "digest", "never"] as const;
export type Delivery = (typeof deliveries)[number];
export const DEFAULT_DELIVERY: Delivery = "now";

export const outboxStatuses = ["held", "queued", "sending", "sent", "failed", "bundled"] as const;

export const MAIL_RETRY = {
  /** Attempts before a message is given up (failed, shown on the outbox page). */
  maxAttempts: 12,
  firstDelayMs: 30_000,
  maxDelayMs: 6 * 60 * 60 * 1000,
  /** How long a claim holds: longer than nodemailer's own timeouts, so a live send is never taken over. */
  leaseMs: 5 * 60 * 1000,
};

/** The wait after the given number of failed attempts (1, 2, ...): doubling, capped, with up to 20% jitter. */
export function retryDelayMs(attempts: number, random = Math.random()): number {
  const base = Math.min(MAIL_RETRY.firstDelayMs * 2 ** Math.max(0, attempts - 1), MAIL_RETRY.maxDelayMs);
  return Math.round(base * (1 + 0.2 * random));
}

export const REMINDER_LEAD_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * A proposal's reminder goes out once its deadline is two days away, if it was put longer ago than
 * that: whoever got the proposal inside those two days has just read its deadline.
 */
export function reminderDue({ createdAt, deadline, now }: { createdAt: Date; deadline: Date; now: Date }): boolean {
  const from = deadline.getTime() - REMINDER_LEAD_MS;
  return createdAt.getTime() < from && now.getTime() >= from && now.getTime() < deadline.getTime();
}

/** The hour (Dutch time) after which the day's digest goes out. */
export const DIGEST_HOUR = 7;
