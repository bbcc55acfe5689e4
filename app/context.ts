import type * as Y from "yjs";
import type { Db } from "../db";
import type { Principal } from "./domain/permissions";

/**
 * What the app needs from the collaboration server: acting on live connections, and changing or
 * versioning a document through its room, so open editors see the change and it is persisted like any edit.
 */
export type CollabHooks = {
  closeUserConnections(userId: number): void;
  closeSessionConnections(sessionId: string): void;
  /**
   * Stores the current document as a version; returns the agenda_versions id. `actor`, here and
   * below: who acts, authorised by the caller's guard or model (decision 022); null for the system.
   */
  createVersion(args: {
    agendaId: number;
    kind: "named" | "before_proposal" | "before_restore" | "daily";
    name?: string | null;
    actor: Principal | null;
  }): Promise<number>;
  /**
   * Makes an old version the current content, as a new change (nothing is lost); returns the id of
   * the version of the replaced content, whose restore undoes this one.
   */
  restoreVersion(args: { agendaId: number; versionId: number; actor: Principal }): Promise<number>;
  /**
   * Applies a server-side change to the live document (e.g. copying an item from another region).
   * If `change` throws, nothing of it is kept and the promise rejects with its error.
   */
  changeAgenda(args: { agendaId: number; actor: Principal; change: (doc: Y.Doc) => void }): Promise<void>;
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
    /** Nonce of this response's Content-Security-Policy (server.ts); absent outside the HTTP server. */
    cspNonce?: string;
    /** Puts the signed-in user's id on this request's log line (server.ts); absent outside the HTTP server. */
    logUser?: (userId: number) => void;
  }
}
