// The operator's log: one JSON object per line on stdout (pino), with a request id per HTTP
// request and a connection id per websocket, and the user id where known. Never a password, a
// cookie, a token or document content: fields that could hold them are censored by name, URLs lose
// their query string, and the path segment after a route that carries a secret is masked.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import pino from "pino";
import { pinoHttp } from "pino-http";
import type { Logger } from "../../collab-server";

const secretFields = ["password", "newPassword", "currentPassword", "token", "cookie", "secret", "content", "text", "update"];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "agendawerk" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: { paths: [...secretFields, ...secretFields.map((f) => `*.${f}`)], censor: "[verwijderd]" },
}, pino.destination({ dest: 1, sync: false }));
// Written asynchronously: a blocking write to stdout (a pipe to journald or a supervisor) took
// about 0.5 ms of the event loop per request line, on the loop that also relays keystrokes. pino
// flushes what is buffered when the process exits.

/** The collaboration server's and the models' `(message, fields)` interface over a pino logger. */
export function asLogger(p: pino.Logger): Logger {
  return {
    info: (message, meta) => p.info(meta ?? {}, message),
    warn: (message, meta) => p.warn(meta ?? {}, message),
    error: (message, meta) => p.error(meta ?? {}, message),
  };
}

export const log = asLogger(logger);

// Routes whose next path segment is a secret: a one-time password link, an unsubscribe link.
const secretPathPrefixes = ["/wachtwoord/", "/afmelden/"];

/** A request path fit for the log: no query string, no secret path segment. */
export function loggablePath(url: string | undefined): string {
  const pathname = (url ?? "/").split("?")[0].split("#")[0];
  for (const prefix of secretPathPrefixes) {
    if (pathname.startsWith(prefix)) return prefix + "[verwijderd]" + pathname.slice(prefix.length).replace(/^[^/]*/, "");
  }
  return pathname;
}

// A proxy's request id is kept (so one request can be followed through both logs) when it looks
// like one; anything else is replaced, so a client cannot write into our log through it.
const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/;

/** One line per HTTP request when it ends: id, method, path, status, time, user id when signed in. */
export const httpLog = pinoHttp({
  logger,
  genReqId: (req, res) => {
    const offered = req.headers["x-request-id"];
    const id = typeof offered === "string" && requestIdPattern.test(offered) ? offered : randomUUID();
    res.setHeader("X-Request-Id", id);
    return id;
  },
  customProps: (_req, res) => {
    const userId = (res as ServerResponse & { locals?: { userId?: number } }).locals?.userId;
    return userId ? { userId } : {};
  },
  // Health probes every few seconds would drown the rest.
  autoLogging: { ignore: (req) => req.url === "/healthz" },
  serializers: {
    req: (req: IncomingMessage & { id?: string }) => ({ id: req.id, method: req.method, path: loggablePath(req.url) }),
    res: (res: ServerResponse) => ({ status: res.statusCode }),
  },
});
