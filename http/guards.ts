// Express middleware that runs before Remix: where a state-changing request comes from, how big
// its body may be, and HSTS. Decision 013. The rules themselves are pure, in app/domain/origin.ts.
import type { IncomingMessage } from "node:http";
import express, { type NextFunction, type Request as ExpressRequest, type RequestHandler, type Response as ExpressResponse } from "express";
import proxyaddr from "proxy-addr";
import { createRequestHandler as createRemixHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
// Not re-exported from the package index; pinned with the package (2.17.5).
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { checkRequestSource, type TrustProxy } from "../app/domain/origin";
import type { Deployment } from "../app/utils/deployment.server";

/**
 * After refusing a request whose body is still coming, read and drop a little more of it before
 * closing (nginx's lingering close): closing at once makes the sender's next write fail, and many
 * clients then report a reset instead of the answer already sent.
 */
export const LINGER = { bytes: 16 * 1024 * 1024, ms: 5_000 };

function refuseUnread(req: ExpressRequest, res: ExpressResponse, status: number, message: string) {
  res.status(status).type("text/plain; charset=utf-8").send(message);
  if (req.complete) return;
  const close = () => req.socket.destroy();
  const timer = setTimeout(close, LINGER.ms);
  let dropped = 0;
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER.bytes) close();
  });
  req.once("close", () => clearTimeout(timer));
  req.resume();
}

/** Form posts and other writes only from the deployment's own pages (cross-site request forgery). */
export function refuseForeignOrigins(deployment: Deployment): RequestHandler {
  const [home] = deployment.allowedOrigins;
  const hint = deployment.publicOrigin ? "" : " Draait Agendawerk op een ander adres, stel dan PUBLIC_URL in.";
  const message = `Geweigerd: dit verzoek komt niet van ${home}.${hint}`;
  return (req, res, next) => {
    const verdict = checkRequestSource(
      {
        method: req.method,
        origin: req.get("Origin"),
        secFetchSite: req.get("Sec-Fetch-Site"),
        referer: req.get("Referer"),
      },
      deployment.allowedOrigins,
    );
    if (verdict.ok) return next();
    refuseUnread(req, res, 403, message);
  };
}

export function strictTransportSecurity(hsts: string | null): RequestHandler {
  return (_req, res, next) => {
    if (hsts) res.setHeader("Strict-Transport-Security", hsts);
    next();
  };
}

/**
 * Every form of the app fits in 64 KB (the longest field, an innovation's description, is 5,000
 * characters). A route that needs more gets its own entry.
 */
export const BODY_LIMIT_BYTES = 64 * 1024;
const bodyLimits: Array<{ path: RegExp; bytes: number }> = [
  // A roster or HR export for an item's measurements: the file's 2 MB (IMPORT_LIMITS) and the form around it.
  { path: /^\/agendas\/\d+\/punten\/[^/]+\/metingen\/import$/, bytes: 2 * 1024 * 1024 + BODY_LIMIT_BYTES },
  // A Word agenda (decision 034): the file's 10 MB (WORD_LIMITS.bytes) and the form around it.
  { path: /^\/agendas\/\d+\/importeren$/, bytes: 10 * 1024 * 1024 + BODY_LIMIT_BYTES },
  // Its preview's form: six fields for each of up to 300 found items.
  { path: /^\/agendas\/\d+\/importeren\/\d+$/, bytes: 512 * 1024 },
];

export function bodyLimitFor(path: string): number {
  return bodyLimits.find((limit) => limit.path.test(path))?.bytes ?? BODY_LIMIT_BYTES;
}

const BUFFERED_BODY = Symbol("bufferedBody");
type WithBody = ExpressRequest & { [BUFFERED_BODY]?: Buffer<ArrayBuffer> };

const hasBody = (req: ExpressRequest) => req.method !== "GET" && req.method !== "HEAD";

/**
 * Reads a request body into memory up to its limit, before anything parses it: a declared
 * Content-Length over the limit is refused unread, a chunked body as soon as it passes the limit.
 */
export function limitBody(limitFor: (path: string) => number = bodyLimitFor): RequestHandler {
  return (req: WithBody, res, next: NextFunction) => {
    if (!hasBody(req)) return next();
    const limit = limitFor(req.path);
    const tooLarge = () => refuseUnread(req, res, 413, `Het verzoek is te groot: hoogstens ${Math.round(limit / 1024)} KB.`);
    const declared = req.get("Content-Length");
    if (declared !== undefined && !(Number(declared) <= limit)) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      chunks.length = 0;
      tooLarge();
    };
    const onEnd = () => {
      stop();
      req[BUFFERED_BODY] = Buffer.concat(chunks, size);
      next();
    };
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
    };
    req.on("data", onData);
    req.on("end", onEnd);
  };
}

/**
 * The request Remix sees: the adapter's own (URL from Host and trust proxy, headers, abort when the
 * client goes), made as for a GET so that it does not wait on the stream limitBody already read,
 * with the buffered body. With PUBLIC_URL, at the public address whatever Host the proxy forwarded,
 * so that Remix's own Origin-against-Host check (a 500) agrees with refuseForeignOrigins.
 */
function remixRequest(req: WithBody, res: ExpressResponse, publicOrigin: string | null): Request {
  const body = req[BUFFERED_BODY];
  const asRead = body ? (new Proxy(req, { get: (target, key) => (key === "method" ? "GET" : Reflect.get(target, key)) }) as typeof req) : req;
  const request = createRemixRequest(asRead, res);
  if (!body && !publicOrigin) return request;
  let url = request.url;
  let headers = request.headers;
  if (publicOrigin) {
    const { pathname, search } = new URL(request.url);
    url = new URL(pathname + search, publicOrigin).href;
    headers = new Headers(headers);
    headers.set("Host", new URL(publicOrigin).host);
    headers.delete("X-Forwarded-Host");
  }
  return new Request(url, { method: req.method, headers, body, signal: request.signal });
}

/**
 * A region's open data lives at /openbaar/<slug>.json and .csv (issue 18), but a route matches
 * whole path segments: "<slug>.json" would be the public page's slug. Those two addresses go to
 * their resource route (app/routes/openbaar.bestand.$slug.$format.tsx) before Remix sees them.
 */
const PUBLIC_DATA = /^\/openbaar\/([a-z0-9-]+)\.(json|csv)$/;
function mapPublicData(req: ExpressRequest) {
  const match = PUBLIC_DATA.exec(req.path);
  if (!match) return;
  const query = req.originalUrl.slice(req.originalUrl.indexOf("?") === -1 ? req.originalUrl.length : req.originalUrl.indexOf("?"));
  req.url = req.originalUrl = `/openbaar/bestand/${match[1]}/${match[2]}${query}`;
}

/** @remix-run/express's handler, on remixRequest. */
export function remixHandler({
  build,
  mode,
  publicOrigin,
  getLoadContext,
}: {
  build: ServerBuild;
  mode?: string;
  publicOrigin: string | null;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}): RequestHandler {
  const handleRequest = createRemixHandler(build, mode);
  return async (req, res, next) => {
    try {
      mapPublicData(req);
      const response = await handleRequest(remixRequest(req, res, publicOrigin), getLoadContext(req, res));
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The client's address for requests Express never sees (websocket upgrades), by the rule of
 * req.ip: the trust function is compiled by Express itself from the same TRUST_PROXY value.
 */
export function clientAddressFor(trustProxy: TrustProxy): (req: IncomingMessage) => string {
  const trust = express().set("trust proxy", trustProxy).get("trust proxy fn") as (addr: string, i: number) => boolean;
  return (req) => plainAddress(proxyaddr(req, trust));
}

/** An IPv4 client seen through an IPv6 socket ("::ffff:10.0.0.1") counted as the IPv4 address it is. */
export const plainAddress = (address: string) => address.replace(/^::ffff:/, "");
