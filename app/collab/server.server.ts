// The agenda's collaboration server: the generic Yjs room server (collab-server/) with the
// agenda's extensions, in the hook order of decision 020:
//   authenticate, authorize  session cookie and the agenda's region (auth.server.ts)
//   load                     last daily version (versions.server.ts), first projection (read-model.server.ts)
//   checkUpdate              the document schema (document-schema.server.ts); for those who may
//                            only suggest, their own suggestions and nothing else (suggestions.server.ts)
//   checkPresence            the presence shape, names from the session (presence.server.ts)
//   beforeChange             the daily version, in the change's own transaction
//   afterCommit              projection into agenda_items, debounced
//   beforeUnload             the last projection
// and what routes use of it (context.collab): closing connections, versions, restore, changes.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import type { Db } from "../../db";
import { CloseCode, type CloseCodeValue } from "../../shared/close-codes";
import { agendaRoom } from "../../shared/rooms";
import { createRoomServer, startCheckpointer, type Logger, type RoomStats, type ServerOptions } from "../../collab-server";
import { originAllowed, type AllowedOrigins } from "../domain/origin";
import type { Principal } from "../domain/permissions";
import { agendaAccess, lookupAgendaScope, type CollabAuth } from "./auth.server";
import { documentSchema } from "./document-schema.server";
import { presenceRules } from "./presence.server";
import { suggestionsOnly } from "./suggestions.server";
import { readModel } from "./read-model.server";
import { applyRestore } from "./restore.server";
import { recordedStatuses } from "../models/execution.server";
import { agendaStorage } from "./storage.server";
import { dailyVersions, insertVersion, readVersion, type VersionKind } from "./versions.server";

export { CloseCode, closeCodeInfo, describeCloseCode } from "../../shared/close-codes";
export { createSessionAuth, type AuthResult, type CollabAuth } from "./auth.server";
export type { Logger } from "../../collab-server";

export type CollabServerOptions = Omit<ServerOptions, "originAllowed"> & {
  /**
   * Origins whose pages may open a room. Unset refuses every upgrade (fail closed); "any" skips
   * the check, for tests that speak to this server without a browser (decision 013).
   */
  allowedOrigins?: AllowedOrigins;
  /** Longest time between a change and its projection into the read model (agenda_items). */
  projectionDebounceMs?: number;
  /**
   * How often a worker thread checkpoints the SQLite WAL (decision 008); 0 leaves checkpoints to
   * SQLite, inside commits.
   */
  checkpointIntervalMs?: number;
};

export type CollabStats = RoomStats;

export type CollabServer = {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection of a user (membership or role changed, user disabled). */
  closeUserConnections(userId: number, code?: CloseCodeValue): number;
  /** Closes every connection opened with a session (logout, revocation). */
  closeSessionConnections(sessionId: string, code?: CloseCodeValue): number;
  stats(): CollabStats;
  /** For /healthz: true until close() begins, when upgrades start being refused with 503. */
  accepting(): boolean;
  /** Commits what arrived and brings the read model up to date for every loaded room. */
  flush(): Promise<void>;
  /** Stops accepting, closes all connections (1012), writes and unloads every room. */
  close(): Promise<void>;
  /**
   * Stores the current document as a version; returns the agenda_versions id. Like the other
   * changes below, for an `actor` the caller's guard or model has authorised (decision 022), or
   * null for the system's own.
   */
  createVersion(args: { agendaId: number; kind: VersionKind; name?: string | null; actor: Principal | null }): Promise<number>;
  /**
   * Makes an old version the current content again, as a new change on top (a
   * "before_restore" version of the replaced content is stored first, so nothing is lost).
   * Returns that version's id: restoring it undoes the restore.
   */
  restoreVersion(args: { agendaId: number; versionId: number; actor: Principal | null }): Promise<number>;
  /**
   * Runs a server-side change on the live document (loading the room if needed); it is checked,
   * logged and relayed like any client edit. If `change` throws (or breaks the schema), nothing
   * of it is kept, the error comes back here, and no connection notices.
   */
  changeAgenda(args: { agendaId: number; actor: Principal | null; change: (doc: Y.Doc) => void }): Promise<void>;
  /** The current document as one Yjs update. */
  getDocState(agendaId: number): Promise<Uint8Array>;
};

export function createCollabServer({
  db,
  auth,
  log,
  options = {},
}: {
  db: Db;
  auth: CollabAuth;
  log: Logger;
  options?: CollabServerOptions;
}): CollabServer {
  const { allowedOrigins = [], projectionDebounceMs = 1_000, checkpointIntervalMs = 1_000, ...generic } = options;
  const now = generic.now ?? (() => new Date());
  const projection = readModel({ db, log, debounceMs: projectionDebounceMs, now });
  const server = createRoomServer({
    storage: agendaStorage(db),
    extensions: [agendaAccess({ db, auth }), dailyVersions({ db, now }), documentSchema(), suggestionsOnly(), presenceRules(), projection.extension],
    log,
    options: { ...generic, originAllowed: (origin) => originAllowed(origin, allowedOrigins) },
  });
  const checkpointer =
    checkpointIntervalMs > 0 ? startCheckpointer(db.$client, log, { intervalMs: checkpointIntervalMs, idleTruncateMs: 10_000 }) : null;

  function assertAgenda(agendaId: number) {
    if (!lookupAgendaScope(db, agendaId)) throw new Error(`agenda ${agendaId} not found`);
  }

  async function change(agendaId: number, userId: number | null, fn: (doc: Y.Doc, origin: unknown) => void) {
    const room = agendaRoom(agendaId);
    await server.transact(room, userId, fn);
    projection.projectNow(room);
  }

  return {
    handleUpgrade: server.handleUpgrade,
    closeUserConnections: (userId, code = CloseCode.MembershipChanged) => server.closeConnections((c) => c.userId === userId, code),
    closeSessionConnections: (sessionId, code = CloseCode.SessionRevoked) => server.closeConnections((c) => c.sessionId === sessionId, code),
    stats: () => server.stats(),
    accepting: () => server.accepting(),
    async flush() {
      server.flush();
      projection.projectAll();
    },
    async close() {
      projection.close();
      await server.close();
      await checkpointer?.close();
    },
    async createVersion({ agendaId, kind, name = null, actor }) {
      assertAgenda(agendaId);
      const state = await server.getState(agendaRoom(agendaId));
      return insertVersion(db, { agendaId, kind, name, state, userId: actor?.id ?? null, createdAt: now() });
    },
    async restoreVersion({ agendaId, versionId, actor }) {
      assertAgenda(agendaId);
      const userId = actor?.id ?? null;
      const version = readVersion(db, agendaId, versionId);
      if (!version) throw new Error(`version ${versionId} of agenda ${agendaId} not found`);
      const old = new Y.Doc();
      let beforeId = 0;
      try {
        Y.applyUpdate(old, version.state);
        // Through the room, loading it if needed: connected clients receive the restore as an
        // ordinary update, and it is logged like one.
        await change(agendaId, userId, (doc, origin) => {
          const before = Y.encodeStateAsUpdate(doc);
          applyRestore(doc, old, origin, recordedStatuses({ db, agendaId }));
          beforeId = insertVersion(db, { agendaId, kind: "before_restore", name: null, state: before, userId, createdAt: now() });
        });
        return beforeId;
      } finally {
        old.destroy();
      }
    },
    async changeAgenda({ agendaId, actor, change: fn }) {
      assertAgenda(agendaId);
      await change(agendaId, actor?.id ?? null, (doc) => fn(doc));
    },
    async getDocState(agendaId) {
      assertAgenda(agendaId);
      return server.getState(agendaRoom(agendaId));
    },
  };
}
