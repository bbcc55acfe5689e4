// The one sender of e-mail (decision 037), started with the server: claims a due message from the
// outbox, sends it, marks it. Requests never send. A failed send waits with exponential backoff;
// a crash between send and mark leaves a claim that runs out and is sent again with the same
// Message-ID (at least once).
import nodemailer from "nodemailer";
import type { Db } from "../../db";
import { claimNextMail, mailOrigin, markMailFailed, markMailSent, type ClaimedMail } from "../models/outbox.server";

export type SendMail = (message: ClaimedMail) => Promise<void>;
type Log = { warn: (msg: string, data?: Record<string, unknown>) => void };

/** SMTP through nodemailer, with timeouts well inside the claim's lease. */
export function smtpSender({ url, from }: { url: string; from?: string }): SendMail {
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  const sender = from ?? `Agendawerk <noreply@${new URL(mailOrigin()).hostname}>`;
  return async (m) => {
    await transport.sendMail({
      from: sender,
      to: m.toAddress,
      subject: m.subject,
      text: m.text,
      html: m.html,
      messageId: m.messageId,
      // A question's asker (decision 037): answering the message reaches them, not our noreply address.
      ...(m.replyTo ? { replyTo: m.replyTo } : {}),
      headers: m.unsubscribeUrl ? { "List-Unsubscribe": `<${m.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {},
    });
  };
}

/** Without SMTP_URL: the outbox page is the mailbox, so "sending" is only marking it delivered there. */
export const localSender: SendMail = async () => {};

export function createMailWorker({ db, send, log, pollMs = 1000, now = () => new Date() }: { db: Db; send: SendMail; log?: Log; pollMs?: number; now?: () => Date }) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  // Set by stop(): a pass in progress ends after the message in hand.
  let halted = false;

  /** Sends every message due now, one at a time; resolves when none is left. */
  async function drain() {
    for (;;) {
      const message = claimNextMail({ db, now: now() });
      if (!message) return;
      try {
        await send(message);
        markMailSent({ db, id: message.id, attempts: message.attempts, now: now() });
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        log?.warn("E-mail niet verstuurd, later opnieuw", { id: message.id, attempt: message.attempts, error: text });
        markMailFailed({ db, id: message.id, attempts: message.attempts, error: text, now: now() });
      }
      if (halted) return;
    }
  }

  function tick() {
    timer = null;
    running = drain()
      .catch((error) => log?.warn("E-mail-worker", { error: String(error) }))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      halted = false;
      tick();
    },
    /** Stops taking new messages and waits for the one being sent to be marked. */
    async stop() {
      stopped = true;
      halted = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
    /** One pass, for tests and the sweep: sends what is due now. */
    drain,
  };
}
