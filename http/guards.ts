// Express middleware that runs before Remix: where a state-changing request comes from, how big
// its body may be, and HSTS. Decision 013. The rules themselves are pure, in app/domain/origin.ts.
import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { createRequestHandler as createRemixHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
// Not re-exported from the package index; pinned with the package (2.17.5).
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { checkRequestSource } from "../app/domain/origin";
import type { Deployment } from "../app/utils/deployment.server";

function refuse(res: ExpressResponse, status: number, message: string) {
  res.status(status).type("text/plain; charset=utf-8").send(message);
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
    // Its body is not wanted either: closing spares reading it.
    res.setHeader("Connection", "close");
    refuse(res, 403, message);
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
 * characters), and there are no uploads. A route that needs more gets its own entry.
 */
export const BODY_LIMIT_BYTES = 64 * 1024;
const bodyLimits: Array<{ path: RegExp; bytes: number }> = [];

export function bodyLimitFor(path: string): number {
  return bodyLimits.find((limit) => limit.path.test(path))?.bytes ?? BODY_LIMIT_BYTES;
}

const BUFFERED_BODY = Symbol("bufferedBody");
type WithBody = ExpressRequest & { [BUFFERED_BODY]?: Buffer<ArrayBuffer> };

const hasBody = (req: ExpressRequest) => req.method !== "GET" && req.method !== "HEAD";

/**
 * Reads a request body into memory up to its limit, before anything parses it: a declared
 * Content-Length over the limit is refused unread, a chunked body as soon as it passes the limit.
 * The connection closes after the 413, so the rest of the body is not read (Node closes a
 * "Connection: close" socket once the response is out).
 */
export function limitBody(limitFor: (path: string) => number = bodyLimitFor): RequestHandler {
  return (req: WithBody, res, next: NextFunction) => {
    if (!hasBody(req)) return next();
    const limit = limitFor(req.path);
    const tooLarge = () => {
      res.setHeader("Connection", "close");
      refuse(res, 413, `Het verzoek is te groot: hoogstens ${Math.round(limit / 1024)} KB.`);
    };
    const declared = req.get("Content-Length");
    if (declared !== undefined && !(Number(declared) <= limit)) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      chunks.length = 0;
      // Flowing without a listener drops what still arrives until the socket closes.
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
 * @remix-run/express's handler, fed the body limitBody read. The adapter's own request (URL from
 * Host and trust proxy, headers, abort when the client goes) is made as for a GET, so that it
 * does not wait on the already-read stream, and then gets the buffered body.
 */
export function remixHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild;
  mode?: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}): RequestHandler {
  const handleRequest = createRemixHandler(build, mode);
  return async (req: WithBody, res, next) => {
    try {
      const body = req[BUFFERED_BODY];
      let request = createRemixRequest(
        body ? (new Proxy(req, { get: (target, key) => (key === "method" ? "GET" : Reflect.get(target, key)) }) as typeof req) : req,
        res,
      );
      if (body) request = new Request(request, { method: req.method, body });
      const response = await handleRequest(request, getLoadContext(req, res));
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}
