// The one process a user starts: the Remix app and the collaboration server on one port
// (websocket upgrades on /collab/<room>), sharing one SQLite connection.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import type { ServerBuild } from "@remix-run/node";
import { databaseFileFromEnvironment, knownMigrations, openDatabase } from "./db";
import { holdDatabase, parseBackupInterval, startBackupSchedule } from "./db/backup";
import { healthCheck } from "./http/health";
import { httpLog, log, logger } from "./app/utils/log.server";
import { accountsWithDemoPassword, seedDemoData, seedReferenceData } from "./db/seed";
import { deployment } from "./app/utils/deployment.server";
import { clientAddressFor, limitBody, plainAddress, refuseForeignOrigins, remixHandler, strictTransportSecurity } from "./http/guards";
import { createCollabServer, createSessionAuth } from "./app/collab/server.server";
import { closeDueProposals } from "./app/models/approvals.server";
import { sendDueReminders } from "./app/models/mail-notifications.server";
import { sendProgressReminders } from "./app/models/execution.server";
import { bundleDigests } from "./app/models/outbox.server";
import { createMailWorker, localSender, smtpSender } from "./app/mail/worker.server";
import { syncNationalSummary } from "./app/models/national-summary.server";

const root = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const databaseFile = databaseFileFromEnvironment();
// Only behind a reverse proxy may X-Forwarded-For name the client; otherwise login throttling could be
// dodged. TRUST_PROXY is a hop count ("1") or the proxies' addresses (decision 013).
const trustProxy = deployment.trustProxy;


function refuseToStart(message: string): never {
  logger.fatal(`Agendawerk start niet: ${message}`);
  process.exit(1);
}

// One server per database file: a second would interleave its own document state with ours, and a
// restore must not pull the file from under a running one.
const hold = holdDatabase(databaseFile);
if ("heldBy" in hold) refuseToStart(`er draait al een server op ${databaseFile} (pid ${hold.heldBy}).`);
process.on("exit", () => hold.release());
const db = openDatabase({ file: databaseFile });
if (deployment.production) {
  // PUBLIC_URL means real users: no demo data, and no account that opens with the README's password.
  if (process.env.SEED_DEMO_DATA === "true") refuseToStart("SEED_DEMO_DATA=true gaat niet samen met PUBLIC_URL (productie krijgt geen demogegevens).");
  seedReferenceData({ db });
  const exposed = await accountsWithDemoPassword({ db });
  if (exposed.length) {
    refuseToStart(
      `${exposed.length} account(s) hebben het gepubliceerde demowachtwoord: ${exposed.slice(0, 5).join(", ")}${exposed.length > 5 ? ", ..." : ""}. ` +
        "Begin met een nieuwe database (DATABASE_PATH) of geef deze accounts eerst een ander wachtwoord.",
    );
  }
} else if (process.env.SEED_DEMO_DATA !== "false") await seedDemoData({ db });
// A migrated database lists every item stale (migration 0025), as do the seeds' writes: the national
// results' summary is built once here, not by the first user's write (decision 033).
syncNationalSummary({ db });
// Proposals also close lazily on every read and vote; the sweep closes those nobody looks at.
// The same minute queues the reminders two days before a deadline (a vote's, a progress request's)
// and the daily digests (decision 037).
function minuteSweep() {
  closeDueProposals({ db });
  sendDueReminders({ db });
  sendProgressReminders({ db });
  bundleDigests({ db });
}
minuteSweep();
const proposalSweep = setInterval(minuteSweep, 60_000);
proposalSweep.unref();
// The only sender of e-mail; without SMTP_URL the administrators' outbox page is the mailbox.
const mailWorker = createMailWorker({ db, send: process.env.SMTP_URL ? smtpSender({ url: process.env.SMTP_URL, from: process.env.MAIL_FROM }) : localSender, log });
mailWorker.start();

const backupEvery = process.env.BACKUP_EVERY ?? "1d";
const backupEveryMs = parseBackupInterval(backupEvery);
const backupKeep = Number(process.env.BACKUP_KEEP ?? 14);
if (process.env.BACKUP_DIR && (backupEveryMs === null || !Number.isInteger(backupKeep) || backupKeep < 1)) {
  refuseToStart(`BACKUP_EVERY ("${backupEvery}") moet bijvoorbeeld 30m, 6h of 1d zijn en BACKUP_KEEP een heel getal vanaf 1.`);
}
const backups = process.env.BACKUP_DIR
  ? startBackupSchedule({ source: db.$client, dir: path.resolve(process.env.BACKUP_DIR), everyMs: backupEveryMs!, keep: backupKeep, log })
  : null;

const collab = createCollabServer({
  db,
  auth: createSessionAuth({ db }),
  log,
  // The per-address socket cap counts clients, not the proxy: the same trust rule as req.ip.
  options: { allowedOrigins: deployment.allowedOrigins, clientAddress: clientAddressFor(trustProxy) },
});
const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxy);
// Compressing costs the server more than the bytes cost a client on the same machine; elsewhere a
// fast level gets most of the saving for a third of the work of the default.
const isLoopback = (addr: string | undefined) => addr === "127.0.0.1" || addr === "::1" || addr === "::ffff:127.0.0.1";
app.use(
  compression({
    level: 1,
    filter: (req, res) => !(isLoopback(req.socket.remoteAddress) && !req.headers["x-forwarded-for"]) && compression.filter(req, res),
  }),
);
app.use((_req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.set({
    // Scripts only from this origin or carrying this response's nonce (Remix's inline hydration
    // data); inline styles stay allowed because React style attributes and the editor use them.
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
  });
  next();
});
app.use(httpLog);
app.use(strictTransportSecurity(deployment.hsts));
app.get("/healthz", healthCheck({ db, expectedMigrations: knownMigrations().length, collaborationAccepting: () => server.listening && collab.accepting() }));
// Before any body is read: a forged post is refused unread, an oversized one at its limit.
app.use(refuseForeignOrigins(deployment));
app.use(limitBody());
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.all(
  "*",
  remixHandler({
    build,
    publicOrigin: deployment.publicOrigin,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({
      db,
      collab,
      clientIp: plainAddress(req.ip ?? req.socket.remoteAddress ?? "unknown"),
      // Single fetch asks for a route's data at <path>.data; everything else renders a document.
      documentOnly: req.path.endsWith(".data") ? undefined : {},
      cspNonce: res.locals.cspNonce as string,
      logUser: (userId: number) => {
        res.locals.userId = userId;
      },
    }),
  }),
);

const server = app.listen(port, host, () => {
  log.info(
    deployment.publicOrigin
      ? `Agendawerk draait op poort ${port} voor ${deployment.publicOrigin} (productie)`
      : `Agendawerk draait op http://localhost:${port}`,
  );
});
server.on("upgrade", (req, socket, head) => {
  if (req.url?.startsWith("/collab/")) collab.handleUpgrade(req, socket, head);
  else socket.destroy();
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  clearInterval(proposalSweep);
  await mailWorker.stop();
  log.info(`${signal}: stopping, flushing documents`);
  server.close();
  await collab.close();
  await backups?.stop();
  db.$client.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
