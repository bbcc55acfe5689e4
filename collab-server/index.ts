// The collaboration server: live Yjs rooms for agendas, on the app's own HTTP server.
// A factory without side effects at import: the caller passes the database, auth and logger.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { Db } from "../db";
import { originAllowed } from "./auth";
import { startCheckpointer } from "./checkpointer";
import { CloseCode, closeCodeInfo, type CloseCodeValue } from "./close-codes";
import { Connection } from "./connection";
import { CostLedger } from "./cost-ledger";
import { insertVersion, readRoomState, readVersion, type VersionKind } from "./persistence";
import { ProjectionSchedule } from "./projection";
import { applyRestore } from "./restore";
import { Room } from "./room";
import { accessTo, lookupAgendaScope, parseRoomName, roomNameFor, RoomRegistry, type Access } from "./rooms";
import {
  resolveOptions,
  type AuthResult,
  type CollabAuth,
  type CollabServerOptions,
  type Logger,
} from "./types";
import { warmUpOnce } from "./warm-up";
import { WriteQueue } from "./write-queue";

export { CloseCode, closeCodeInfo, describeCloseCode } from "./close-codes";
export { createSessionAuth } from "./auth";
export { parseRoomName, roomNameFor } from "./rooms";
export type { AuthResult, CollabAuth, CollabServerOptions, Logger } from "./types";

export type CollabStats = {
  rooms: number;
  connections: number;
  perRoom: Array<{ room: string; state: string; connections: number; droppedReadOnlyUpdates: number }>;
};

export type CollabServer = {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection of a user (membership or role changed, user disabled). */
  closeUserConnections(userId: number, code?: CloseCodeValue): number;
  /** Closes every connection opened with a session (logout, revocation). */
  closeSessionConnections(sessionId: string, code?: CloseCodeValue): number;
  stats(): CollabStats;
  /** Commits queued updates and brings the read model up to date for every loaded room. */
  flush(): Promise<void>;
  /** Stops accepting, closes all connections (1012), writes and unloads every room. */
  close(): Promise<void>;
  /** Stores the current document as a version; returns the agenda_versions id. */
  createVersion(args: {
    agendaId: number;
    kind: VersionKind;
    name?: string | null;
    userId: number | null;
  }): Promise<number>;
  /**
   * Makes an old version the current content again, as a new change on top (a
   * "before_restore" version of the replaced content is stored first, so nothing is lost).
   */
  restoreVersion(args: { agendaId: number; versionId: number; userId: number | null }): Promise<void>;
  /**
   * Runs a server-side change on the live document (loading the room if needed); it is logged
   * and relayed like any client edit. If `change` throws, nothing of it is kept.
   */
  changeAgenda(args: { agendaId: number; userId: number | null; change: (doc: Y.Doc) => void }): Promise<void>;
  /** The current document as one Yjs update. */
  getDocState(agendaId: number): Promise<Uint8Array>;
};

const statusText: Record<number, string> = {
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

function rejectRaw(socket: Duplex, status: number) {
  if (socket.destroyed) return;
  const body = statusText[status] ?? "Error";
  socket.end(
    `HTTP/1.1 ${status} ${body}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroy();
}

// A module-level function: a closure made inside handleUpgrade would keep the request alive with the socket.
const ignoreError = () => {};

function toBytes(data: RawData): Uint8Array {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return new Uint8Array(data);
}

export function createCollabServer({
  db,
  auth,
  log,
  options: rawOptions,
}: {
  db: Db;
  auth: CollabAuth;
  log: Logger;
  options?: CollabServerOptions;
}): CollabServer {
  const options = resolveOptions(rawOptions);
  // Before the first room: a big agenda loads in a fraction of the time with a warm decoder.
  warmUpOnce();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const writer = new WriteQueue(db, log);
  const projections = new ProjectionSchedule(db, writer, options.projectionDebounceMs, log);
  const checkpointer =
    options.checkpointIntervalMs > 0
      ? startCheckpointer(db, log, { intervalMs: options.checkpointIntervalMs, idleTruncateMs: 10_000 })
      : null;
  const connections = new Set<Connection>();
  const ledger = new CostLedger(options.userMsPerSecond, options.userBurstMs, options.expensiveCooldownMs);
  // Open sockets per user and per address, for the caps (kept as counts: checked on every upgrade).
  const perUser = new Map<number, number>();
  const perAddress = new Map<string, number>();
  const bump = <K>(map: Map<K, number>, key: K, by: number) => {
    const n = (map.get(key) ?? 0) + by;
    if (n > 0) map.set(key, n);
    else map.delete(key);
  };
  let shuttingDown = false;
  let closing: Promise<void> | null = null;

  // One dependencies object shared by every room (not one per room: memory per open document).
  const roomDeps = {
    db,
    log,
    options,
    writer,
    projections,
    onUnloaded: (room: Room) => registry.remove(room, room.name),
  };
  const registry: RoomRegistry<Room> = new RoomRegistry((name, agendaId) => new Room(name, agendaId, roomDeps));

  const pingTimer = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      try {
        conn.ws.ping();
      } catch {
        conn.ws.terminate();
      }
    }
  }, options.pingIntervalMs);
  pingTimer.unref();
  // One timer for every room's upkeep (presence expiry, dropping idle caches), not one per room.
  const sweepTimer = setInterval(() => {
    const now = Date.now();
    for (const room of registry.rooms.values()) room.sweep(now);
    ledger.sweep();
  }, 3_000);
  sweepTimer.unref();
  // A session that expires (or is revoked, or whose user is disabled) by any path, not only the
  // ones that call closeSessionConnections, ends its sockets: each live session is asked once.
  // Sessions whose sockets edited are touched first: typing keeps a session from the idle timeout.
  const isLive = auth.isLive?.bind(auth);
  const touch = auth.touch?.bind(auth);
  const sessionTimer =
    isLive && options.sessionCheckIntervalMs > 0
      ? setInterval(() => {
          const verdicts = new Map<string, boolean>();
          const touched = new Set<string>();
          for (const conn of connections) {
            if (!conn.editedSinceSessionCheck) continue;
            conn.editedSinceSessionCheck = false;
            if (!conn.closing && !touched.has(conn.sessionId)) {
              touched.add(conn.sessionId);
              touch?.(conn.sessionId);
            }
          }
          for (const conn of connections) {
            if (conn.closing) continue;
            let live = verdicts.get(conn.sessionId);
            if (live === undefined) verdicts.set(conn.sessionId, (live = isLive(conn.sessionId)));
            if (!live) conn.close(CloseCode.Unauthorized);
          }
        }, options.sessionCheckIntervalMs)
      : null;
  sessionTimer?.unref();

  type Decision =
    | { ok: true; auth: AuthResult; roomName: string; agendaId: number; access: Access }
    | { ok: false; code: CloseCodeValue };

  /**
   * Refusals are sent as close codes on an accepted socket, not as HTTP statuses: browsers hide
   * the status of a failed upgrade (onclose only sees 1006), and the client needs to know
   * whether to send the user to the login page or to stop retrying.
   */
  async function decide(req: IncomingMessage, rawRoomName: string | null): Promise<Decision> {
    const who = await auth.authenticate(req);
    if (!who) return { ok: false, code: CloseCode.Unauthorized };
    if (ledger.isHeldOff(who.user.id)) return { ok: false, code: CloseCode.UpdateTooExpensive };
    const agendaId = rawRoomName === null ? null : parseRoomName(rawRoomName);
    if (agendaId === null) return { ok: false, code: CloseCode.RoomNotFound };
    const scope = lookupAgendaScope(db, agendaId);
    if (!scope) return { ok: false, code: CloseCode.RoomNotFound };
    const access = accessTo(who.principal, scope);
    if (!access) return { ok: false, code: CloseCode.Forbidden };
    return { ok: true, auth: who, roomName: roomNameFor(agendaId), agendaId, access };
  }

  /** Whether one more socket for this user and address stays within the caps. */
  function withinCaps(userId: number, address: string) {
    const { maxConnectionsPerUser: byUser, maxConnectionsPerAddress: byAddress } = options;
    return (byUser === 0 || (perUser.get(userId) ?? 0) < byUser) && (byAddress === 0 || (perAddress.get(address) ?? 0) < byAddress);
  }

  function attach(ws: WebSocket, d: Extract<Decision, { ok: true }>, address: string) {
    // The closures below live as long as the socket: they use `conn`, never `d` (which holds the
    // user's principal with every membership) or the upgrade request.
    const conn = new Connection(ws, d.auth, d.access, d.roomName, d.agendaId, options.maxBufferedBytes, log, address);
    connections.add(conn);
    bump(perUser, conn.userId, 1);
    bump(perAddress, conn.address, 1);
    let room: Room | null = null;
    ws.on("pong", () => (conn.alive = true));
    ws.on("error", (err) => log.warn("collab: socket error", { userId: conn.userId, err: String(err) }));
    // A sender that floods (a paste, a replayed offline session, an attacker) gets a bounded
    // share of each turn, by frames, bytes and handling time: one socket read can hold thousands
    // of frames, so frames past the budget wait in the connection's inbox for a later turn, with
    // the socket paused meanwhile. Everyone else's messages and the commit of this turn are not
    // stuck behind them. A user past their share over time (the ledger) waits longer: until their
    // debt has drained.
    const withinTurn = () =>
      conn.framesThisTurn < options.maxFramesPerTurn &&
      conn.bytesThisTurn < options.maxBytesPerTurn &&
      conn.msThisTurn < options.maxMsPerTurn &&
      ledger.waitMs(conn.userId) === 0;
    let turnPending = false;
    const scheduleTurn = (delayMs = 0) => {
      if (turnPending) return;
      turnPending = true;
      const run = () => {
        turnPending = false;
        nextTurn();
      };
      if (delayMs > 0) setTimeout(run, delayMs).unref();
      else setImmediate(run);
    };
    const handle = (frame: Uint8Array) => {
      const started = performance.now();
      room!.receive(conn, frame);
      const ms = performance.now() - started;
      conn.framesThisTurn++;
      conn.bytesThisTurn += frame.byteLength;
      conn.msThisTurn += ms;
      ledger.charge(conn.userId, ms, started + ms);
      if (conn.closedWith === CloseCode.UpdateTooExpensive) holdOff(conn.userId);
    };
    const nextTurn = () => {
      conn.framesThisTurn = 0;
      conn.bytesThisTurn = 0;
      conn.msThisTurn = 0;
      if (conn.inbox.length === 0 || !room || conn.closing) return;
      const wait = ledger.waitMs(conn.userId);
      if (wait > 0) return scheduleTurn(wait);
      // Commit and relay what came in meanwhile (another editor's keystroke) before taking the
      // next share of the flood, not after it.
      writer.flush();
      scheduleTurn();
      let taken = 0;
      while (taken < conn.inbox.length && !conn.closing && withinTurn()) handle(conn.inbox[taken++]);
      conn.inbox.splice(0, taken);
      if (conn.inbox.length === 0 && !conn.closing && ws.readyState === ws.OPEN) ws.resume();
    };
    ws.on("message", (data, isBinary) => {
      conn.alive = true;
      if (conn.closing) return;
      if (!isBinary) {
        conn.close(CloseCode.MalformedMessage);
        return;
      }
      const frame = toBytes(data);
      if (!room) {
        if (conn.queued.length >= options.maxQueuedMessages) conn.close(CloseCode.MalformedMessage);
        else conn.queued.push(frame);
        return;
      }
      if (conn.inbox.length === 0 && withinTurn()) {
        if (conn.framesThisTurn === 0) scheduleTurn();
        handle(frame);
        return;
      }
      // Bounded: once paused, ws hands over only what it had already read.
      if (conn.inbox.length === 0) {
        ws.pause();
        scheduleTurn();
      }
      conn.inbox.push(frame);
    });
    ws.on("close", () => {
      conn.closing = true;
      conn.inbox.length = 0;
      if (connections.delete(conn)) {
        bump(perUser, conn.userId, -1);
        bump(perAddress, conn.address, -1);
      }
      room?.leave(conn);
    });
    registry.acquire(conn.roomName, conn.agendaId).then(
      (loaded) => {
        if (!connections.has(conn) || conn.closing) {
          loaded.maybeScheduleUnload();
          return;
        }
        room = loaded;
        loaded.join(conn);
      },
      (err) => {
        log.error("collab: room failed to load", { room: conn.roomName, err: String(err) });
        conn.close(CloseCode.InternalError);
      },
    );
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    // Until ws owns the socket, an error on it (client reset during auth) must not crash us.
    socket.on("error", ignoreError);
    if (shuttingDown) return rejectRaw(socket, 503);
    let pathname: string;
    try {
      pathname = new URL(req.url ?? "/", "http://collab.invalid").pathname;
    } catch {
      return rejectRaw(socket, 404);
    }
    if (!pathname.startsWith(options.pathPrefix)) return rejectRaw(socket, 404);
    // A foreign page has no business here; it gets no informative close code either.
    if (!originAllowed(req, options.allowedOrigins)) return rejectRaw(socket, 403);
    const address = options.clientAddress(req) ?? "unknown";
    let roomName: string | null;
    try {
      roomName = decodeURIComponent(pathname.slice(options.pathPrefix.length));
    } catch {
      roomName = null;
    }
    decide(req, roomName).then(
      (decision) => {
        if (socket.destroyed) return;
        if (shuttingDown) return rejectRaw(socket, 503);
        wss.handleUpgrade(req, socket, head, (ws) => {
          if (!decision.ok) {
            ws.close(decision.code, closeCodeInfo[decision.code].name);
            return;
          }
          // Counted here, synchronously with attach: upgrades authenticated at once cannot all slip in.
          if (!withinCaps(decision.auth.user.id, address)) {
            ws.close(CloseCode.TooManyConnections, closeCodeInfo[CloseCode.TooManyConnections].name);
            return;
          }
          attach(ws, decision, address);
        });
      },
      (err) => {
        log.error("collab: upgrade failed", { err: String(err) });
        rejectRaw(socket, 500);
      },
    );
  }

  /** A user whose update was too expensive: held off for a while, all their sockets closed. */
  function holdOff(userId: number) {
    if (ledger.isHeldOff(userId)) return;
    ledger.holdOff(userId);
    log.warn("collab: holding off a user whose update was too expensive", { userId, ms: options.expensiveCooldownMs });
    closeWhere((c) => c.userId === userId, CloseCode.UpdateTooExpensive);
  }

  function closeWhere(pred: (c: Connection) => boolean, code: CloseCodeValue): number {
    let n = 0;
    for (const conn of connections) {
      if (pred(conn) && !conn.closing) {
        conn.close(code);
        n++;
      }
    }
    return n;
  }

  /** Keeps a room loaded for the duration of an API call. */
  async function withRoom<T>(agendaId: number, fn: (room: Room) => T): Promise<T> {
    const name = roomNameFor(agendaId);
    const room = await registry.acquire(name, agendaId);
    room.holds++;
    try {
      return fn(room);
    } finally {
      room.holds--;
      room.maybeScheduleUnload();
    }
  }

  function assertAgenda(agendaId: number) {
    if (!lookupAgendaScope(db, agendaId)) throw new Error(`agenda ${agendaId} not found`);
  }

  async function getDocState(agendaId: number): Promise<Uint8Array> {
    const name = roomNameFor(agendaId);
    const room = registry.get(name);
    if (room && (room.state === "loading" || room.state === "closing")) {
      await (room.state === "loading" ? room.ready : room.closed).catch(() => {});
    }
    writer.flush();
    const live = registry.get(name);
    if (live && live.state === "ready") return Y.encodeStateAsUpdate(live.doc);
    return readRoomState(db, name, log);
  }

  async function shutdown() {
    shuttingDown = true;
    clearInterval(pingTimer);
    clearInterval(sweepTimer);
    if (sessionTimer) clearInterval(sessionTimer);
    projections.close();
    for (const conn of connections) conn.close(CloseCode.ServerShuttingDown);
    writer.flush();
    await Promise.all([...registry.rooms.values()].map((room) => room.unload().catch(() => {})));
    // Give clients a moment to answer the close frame, then cut whoever did not.
    const deadline = Date.now() + 1000;
    while (connections.size > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const conn of connections) conn.ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await checkpointer?.close();
  }

  const server: CollabServer = {
    handleUpgrade,

    closeUserConnections: (userId, code = CloseCode.MembershipChanged) =>
      closeWhere((c) => c.userId === userId, code),

    closeSessionConnections: (sessionId, code = CloseCode.SessionRevoked) =>
      closeWhere((c) => c.sessionId === sessionId, code),

    stats() {
      const perRoom = [...registry.rooms.values()].map((r) => ({
        room: r.name,
        state: r.state,
        connections: r.conns.size,
        droppedReadOnlyUpdates: r.droppedReadOnlyUpdates,
      }));
      return { rooms: perRoom.length, connections: connections.size, perRoom };
    },

    async flush() {
      writer.flush();
      for (const room of registry.rooms.values()) {
        if (room.state === "ready") room.projectNow();
      }
    },

    close() {
      closing ??= shutdown();
      return closing;
    },

    async createVersion({ agendaId, kind, name = null, userId }) {
      assertAgenda(agendaId);
      const state = await getDocState(agendaId);
      return insertVersion(db, { agendaId, kind, name, state, userId, createdAt: options.now() });
    },

    async restoreVersion({ agendaId, versionId, userId }) {
      assertAgenda(agendaId);
      const version = readVersion(db, agendaId, versionId);
      if (!version) throw new Error(`version ${versionId} of agenda ${agendaId} not found`);
      // Through the room, loading it if needed: connected clients receive the restore as an
      // ordinary update, and it is logged like one.
      return withRoom(agendaId, (room) => {
        writer.flush();
        insertVersion(db, {
          agendaId,
          kind: "before_restore",
          name: null,
          state: Y.encodeStateAsUpdate(room.doc),
          userId,
          createdAt: options.now(),
        });
        const old = new Y.Doc();
        try {
          Y.applyUpdate(old, version.state);
          room.applyLocalChange(userId, (doc, origin) => applyRestore(doc, old, origin));
        } finally {
          old.destroy();
        }
        writer.flush();
        room.projectNow();
      });
    },

    async changeAgenda({ agendaId, userId, change }) {
      assertAgenda(agendaId);
      await withRoom(agendaId, (room) => {
        room.applyLocalChange(userId, (doc, origin) => doc.transact(() => change(doc), origin));
        writer.flush();
        room.projectNow();
      });
    },

    getDocState: async (agendaId) => {
      assertAgenda(agendaId);
      return getDocState(agendaId);
    },
  };
  return server;
}
