// Calls Remix loaders and actions directly with a real Request and a real session cookie, so a
// test exercises the same guards as a browser would, without a server in between.
import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../db";
import { createCollabServer, createSessionAuth, type CollabServer } from "../../app/collab/server.server";
import { silentLogger } from "../../collab-server/types";
import { tempDatabase } from "./temp-db";
import { factories } from "./factories";
import { formData } from "./form-data";
import { seedReferenceData } from "../../db/seed";
import { createSession, SESSION_COOKIE } from "../../app/models/session.server";

export type Outcome = { status: number; body: any; response?: Response };
type CallOptions = {
  url?: string;
  params?: Record<string, string>;
  form?: Record<string, string>;
  /** A Cookie header here is sent besides the session cookie of `who`. */
  headers?: Record<string, string>;
  /** The client address the server would see (login throttling counts by it). */
  ip?: string;
  /** More load context, e.g. `{ documentOnly: {} }` to make the call a document request as server.ts does. */
  context?: Partial<AppLoadContext>;
};

/** Who a call is made as: a user (from the factories), or null for anonymous. */
export type Who = { id: number } | null;

export function routeCaller({ db, collab }: { db: Db; collab: CollabServer }) {
  const tokens = new Map<number, string>();
  const cookieFor = (who: Who) => {
    if (!who) return "";
    const { id } = who;
    if (!tokens.has(id)) tokens.set(id, createSession({ db, userId: id, ip: "127.0.0.1", userAgent: "vitest" }).token);
    return `${SESSION_COOKIE}=${tokens.get(id)}`;
  };
  async function call(fn: (args: any) => Promise<unknown>, who: Who, { url = "http://localhost/x", params = {}, form, headers = {}, ip = "127.0.0.1", context = {} }: CallOptions = {}): Promise<Outcome> {
    const Cookie = [cookieFor(who), headers.Cookie].filter(Boolean).join("; ");
    const init: RequestInit = { headers: { ...headers, Cookie } };
    if (form) Object.assign(init, { method: "POST", body: formData(form) });
    try {
      const result = (await fn({ request: new Request(url, init), context: { ...context, db, collab, clientIp: ip }, params })) as any;
      if (result instanceof Response) return { status: result.status, body: null, response: result };
      if (result && result.type === "DataWithResponseInit") return { status: result.init?.status ?? 200, body: result.data };
      return { status: 200, body: result };
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, body: null, response: thrown };
      throw thrown;
    }
  }
  return { call, cookieFor };
}

export type RouteWorld = Awaited<ReturnType<typeof startRouteWorld>>;

/**
 * A temp database, a collaboration server on it, a caller for route modules and factories; `stop`
 * ends all. The database holds the reference data (regions, catalogue, barrier types) for the
 * factories to build on, or nothing (a production database before its first start).
 */
export async function startRouteWorld({ data = "reference" }: { data?: "reference" | "none" } = {}) {
  const ctx = tempDatabase();
  if (data === "reference") seedReferenceData({ db: ctx.db });
  const collab = createCollabServer({ db: ctx.db, auth: createSessionAuth({ db: ctx.db }), log: silentLogger });
  const stop = async () => {
    await collab.close();
    ctx.cleanup();
  };
  return { ...ctx, collab, ...routeCaller({ db: ctx.db, collab }), make: factories(ctx.db), stop };
}
