// A generic durable Yjs room server over y-websocket's protocol, on the embedder's HTTP server.
// It knows rooms by name and documents as Yjs; what a room means, who may open it and what its
// document may hold are the embedder's extensions (types.ts; the agenda: app/collab/). A factory
// without side effects at import: the caller passes storage, extensions and logger.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { CloseCode, closeCodeInfo, type CloseCodeValue } from "./close-codes";
import { Connection, type FlowDeps } from "./connection";
import { CostLedger } from "./cost-ledger";
import type { ServerChange } from "./gate";
import { Room, type RoomDeps } from "./room";
import { RoomRegistry } from "./rooms";
import { readRoomState } from "./storage";
import { Turn } from "./turn";
import {
  resolveOptions,
  type Access,
  type ConnectionView,
  type Extension,
  type Identity,
  type Logger,
  type RoomStorage,
  type RoomView,
  type ServerOptions,
} from "./types";
import { warmUpOnce } from "./warm-up";

export { CloseCode, closeCodeInfo, describeCloseCode } from "./close-codes";
export type { CloseCodeValue } from "./close-codes";
export { ServerChange } from "./gate";
export { startCheckpointer, type Checkpointer } from "./checkpointer";
export { loadRoomState, readRoomState } from "./storage";
export { Refusal, resolveOptions, silentLogger } from "./types";
export type { Access, ConnectionView, Extension, Identity, LogRow, Logger, RoomStorage, RoomView, ServerOptions } from "./types";

export type RoomStats = {
  rooms: number;
  connections: number;
  perRoom: Array<{ room: string; state: string; connections: number; droppedReadOnlyUpdates: number }>;
};

export type RoomServer = {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes the connections `which` picks; returns how many. */
  closeConnections(which: (conn: ConnectionView) => boolean, code: CloseCodeValue): number;
  stats(): RoomStats;
  /** Whether a websocket upgrade would be taken on now: false from the moment close() begins. */
  accepting(): boolean;
  /** Ends the current turn: everything accepted so far is applied, durable and relayed. */
  flush(): void;
  /** Stops accepting, closes all connections (1012), writes and unloads every room. */
  close(): Promise<void>;
  /** Keeps the room loaded (loading it if needed) while `fn` reads it. */
  withRoom<T>(roomName: string, fn: (room: RoomView) => T): Promise<T>;
  /**
   * A server-side change, checked, applied, logged and relayed like a client's edit before the
   * promise settles. If `change` throws (or an extension refuses it), the promise rejects with that
   * error and nothing of it is kept; no connection is touched.
   */
  transact<T>(roomName: string, userId: number | null, change: (doc: Y.Doc, origin: ServerChange) => T): Promise<T>;
  /** The room's current document as one Yjs update: the live one if loaded, else the stored one. */
  getState(roomName: string): Promise<Uint8Array>;
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

export function createRoomServer({
  storage,
  extensions,
  log,
  options: rawOptions,
}: {
  storage: RoomStorage;
  extensions: readonly Extension[];
  log: Logger;
  options?: ServerOptions;
}): RoomServer {
  const options = resolveOptions(rawOptions);
  // Before the first room: a big document loads in a fraction of the time with a warm decoder.
  warmUpOnce();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const turn = new Turn(storage, extensions, log);
  const connections = new Set<Connection>();
  const ledger = new CostLedger(options.userMsPerSecond, options.userBurstMs, options.expensiveCooldownMs);
  const flow: FlowDeps = { options, ledger, runPendingTurn: () => turn.run(), onTooExpensive: (userId) => holdOff(userId) };
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

  const roomDeps: RoomDeps = { storage, extensions, log, options, turn, onUnloaded: (room) => registry.remove(room, room.name) };
  const registry: RoomRegistry<Room> = new RoomRegistry((name) => new Room(name, roomDeps));

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
  // A session that expires (or is revoked, or whose user is disabled) by any path ends its
  // sockets: each live session is asked once. Sessions whose sockets edited are touched first:
  // typing keeps a session from the idle timeout.
  const liveness = extensions.find((e) => e.sessionLive);
  const sessionLive = liveness ? (sessionId: string) => liveness.sessionLive!(sessionId) : null;
  const sessionUsed = (sessionId: string) => extensions.forEach((e) => e.sessionUsed?.(sessionId));
  const sessionTimer =
    sessionLive && options.sessionCheckIntervalMs > 0
      ? setInterval(() => {
          const verdicts = new Map<string, boolean>();
          const touched = new Set<string>();
          for (const conn of connections) {
            if (!conn.editedSinceSessionCheck) continue;
            conn.editedSinceSessionCheck = false;
            if (!conn.closing && !touched.has(conn.sessionId)) {
              touched.add(conn.sessionId);
              sessionUsed(conn.sessionId);
            }
          }
          for (const conn of connections) {
            if (conn.closing) continue;
            let live = verdicts.get(conn.sessionId);
            if (live === undefined) verdicts.set(conn.sessionId, (live = sessionLive(conn.sessionId)));
            if (!live) conn.close(CloseCode.Unauthorized);
          }
        }, options.sessionCheckIntervalMs)
      : null;
  sessionTimer?.unref();

  type Decision = { ok: true; identity: Identity; roomName: string; access: Access } | { ok: false; code: CloseCodeValue };

  /**
   * The first hooks: authenticate, then authorize for the room. Refusals are sent as close codes
   * on an accepted socket, not as HTTP statuses: browsers hide the status of a failed upgrade
   * (onclose only sees 1006), and the client needs to know whether to send the user to the login
   * page or to stop retrying.
   */
  async function decide(req: IncomingMessage, roomName: string | null): Promise<Decision> {
    const authenticator = extensions.find((e) => e.authenticate);
    const identity = authenticator ? await authenticator.authenticate!(req) : null;
    if (!identity) return { ok: false, code: CloseCode.Unauthorized };
    if (ledger.isHeldOff(identity.userId)) return { ok: false, code: CloseCode.UpdateTooExpensive };
    if (roomName === null) return { ok: false, code: CloseCode.RoomNotFound };
    const authorizer = extensions.find((e) => e.authorize);
    const access = authorizer ? authorizer.authorize!({ identity, roomName }) : CloseCode.Forbidden;
    if (typeof access === "number") return { ok: false, code: access };
    return { ok: true, identity, roomName, access };
  }

  /** Whether one more socket for this user and address stays within the caps. */
  function withinCaps(userId: number, address: string) {
    const { maxConnectionsPerUser: byUser, maxConnectionsPerAddress: byAddress } = options;
    return (byUser === 0 || (perUser.get(userId) ?? 0) < byUser) && (byAddress === 0 || (perAddress.get(address) ?? 0) < byAddress);
  }

  function attach(ws: WebSocket, socket: Duplex, d: Extract<Decision, { ok: true }>, address: string) {
    // The closures below live as long as the socket: they use `conn`, never `d` or the request.
    const conn = new Connection(ws, socket, d.identity, d.access, d.roomName, options.maxBufferedBytes, log, address, flow);
    connections.add(conn);
    bump(perUser, conn.userId, 1);
    bump(perAddress, conn.address, 1);
    let room: Room | null = null;
    ws.on("pong", () => (conn.alive = true));
    log.info("collab: connected", { conn: conn.id, userId: conn.userId, room: conn.roomName, access: conn.access });
    ws.on("error", (err) => log.warn("collab: socket error", { conn: conn.id, userId: conn.userId, err: String(err) }));
    ws.on("message", (data, isBinary) => {
      conn.alive = true;
      if (conn.closing) return;
      if (!isBinary) conn.close(CloseCode.MalformedMessage);
      else conn.arrived(toBytes(data));
    });
    ws.on("close", (code) => {
      log.info("collab: disconnected", { conn: conn.id, userId: conn.userId, room: conn.roomName, code });
      conn.detach();
      if (connections.delete(conn)) {
        bump(perUser, conn.userId, -1);
        bump(perAddress, conn.address, -1);
      }
      room?.leave(conn);
    });
    const acquiring = registry.acquire(conn.roomName);
    // A room still loading (this socket's or another's) sends its stored snapshot as soon as it is
    // read, so the joiner has the document while the server decodes it (decision 048).
    const loading = registry.get(conn.roomName);
    if (loading?.state === "loading") {
      loading.storedAnswer.then(
        (answer) => {
          if (!answer || room !== null || !connections.has(conn) || conn.closing) return;
          conn.send(answer);
          conn.sentStoredState = true;
        },
        () => {},
      );
    }
    acquiring.then(
      (loaded) => {
        if (!connections.has(conn) || conn.closing) {
          loaded.maybeScheduleUnload();
          return;
        }
        room = loaded;
        loaded.join(conn);
      },
      (err) => {
        log.error("collab: room failed to load", { room: conn.roomName, conn: conn.id, err: String(err) });
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
    // Browsers send cookies with cross-site WebSocket upgrades, so without this any site could open
    // a room in the name of a signed-in user (cross-site WebSocket hijacking). A foreign page gets
    // no informative close code either.
    if (!options.originAllowed(req.headers.origin)) return rejectRaw(socket, 403);
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
          if (!withinCaps(decision.identity.userId, address)) {
            ws.close(CloseCode.TooManyConnections, closeCodeInfo[CloseCode.TooManyConnections].name);
            return;
          }
          attach(ws, socket, decision, address);
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
    closeConnections((c) => c.userId === userId, CloseCode.UpdateTooExpensive);
  }

  function closeConnections(which: (c: ConnectionView) => boolean, code: CloseCodeValue): number {
    let n = 0;
    for (const conn of connections) {
      if (which(conn) && !conn.closing) {
        conn.close(code);
        n++;
      }
    }
    return n;
  }

  async function withRoom<T>(roomName: string, fn: (room: Room) => T): Promise<T> {
    const room = await registry.acquire(roomName);
    room.holds++;
    try {
      return fn(room);
    } finally {
      room.holds--;
      room.maybeScheduleUnload();
    }
  }

  async function getState(roomName: string): Promise<Uint8Array> {
    const room = registry.get(roomName);
    if (room && (room.state === "loading" || room.state === "closing")) {
      await (room.state === "loading" ? room.ready : room.closed).catch(() => {});
    }
    // What arrived so far is included: the turn holding it ends now.
    turn.run();
    const live = registry.get(roomName);
    if (live && live.state === "ready") return Y.encodeStateAsUpdate(live.doc);
    return readRoomState(storage, roomName, log);
  }

  async function shutdown() {
    shuttingDown = true;
    clearInterval(pingTimer);
    clearInterval(sweepTimer);
    if (sessionTimer) clearInterval(sessionTimer);
    for (const conn of connections) conn.close(CloseCode.ServerShuttingDown);
    turn.run();
    await Promise.all([...registry.rooms.values()].map((room) => room.unload().catch(() => {})));
    // Give clients a moment to answer the close frame, then cut whoever did not.
    const deadline = Date.now() + 1000;
    while (connections.size > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const conn of connections) conn.ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return {
    handleUpgrade,
    closeConnections,
    stats() {
      const perRoom = [...registry.rooms.values()].map((r) => ({
        room: r.name,
        state: r.state,
        connections: r.conns.size,
        droppedReadOnlyUpdates: r.droppedReadOnlyUpdates,
      }));
      return { rooms: perRoom.length, connections: connections.size, perRoom };
    },
    accepting: () => !shuttingDown,
    flush: () => turn.run(),
    close() {
      closing ??= shutdown();
      return closing;
    },
    withRoom,
    transact: (roomName, userId, change) => withRoom(roomName, (room) => room.transact(userId, change)),
    getState,
  };
}
