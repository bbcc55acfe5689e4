import type { Db } from "../db";

/** What the app needs from the collaboration server, so routes can act on live connections. */
export type CollabHooks = {
  closeUserConnections(userId: number): void;
  closeSessionConnections(sessionId: string): void;
};

declare module "@remix-run/node" {
  // Single fetch: loaders and actions return data, typed as such in components.
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    db: Db;
    collab: CollabHooks;
    /** The TCP peer address (or the proxy's X-Forwarded-For when TRUST_PROXY is set). */
    clientIp: string;
  }
}
