import type { IncomingMessage } from "node:http";
import type { AllowedOrigins } from "../app/domain/origin";
import type { Principal } from "../app/domain/permissions";
import type { SessionUser } from "../app/models/session.server";

export type Logger = {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
};

export type AuthResult = {
  sessionId: string;
  user: Omit<SessionUser["user"], "mustChangePassword">;
  principal: Principal;
};

/** Injected so tests and benchmarks can authenticate without cookies. */
export type CollabAuth = {
  authenticate(req: IncomingMessage): AuthResult | null | Promise<AuthResult | null>;
  /**
   * Whether a session that was authenticated earlier is still live (not revoked, not expired, its
   * user not disabled). Asked for every open socket every `sessionCheckIntervalMs`; without it,
   * sockets are only closed by explicit logout or rights changes.
   */
  isLive?(sessionId: string): boolean;
  /** A session's sockets sent accepted edits: that is use, which keeps it from the idle timeout. */
  touch?(sessionId: string): void;
};

export type CollabServerOptions = {
  /** URL path prefix; the rest of the path is the room name. */
  pathPrefix?: string;
  /**
   * Origins whose pages may open a room. Unset refuses every upgrade (fail closed); "any" skips
   * the check, for tests that speak to this server without a browser.
   */
  allowedOrigins?: AllowedOrigins;
  /** Largest WebSocket frame accepted; bigger frames close the connection with 1009. */
  maxPayloadBytes?: number;
  /**
   * Work one update may ask for before it is applied anywhere (collab-server/update-cost.ts; one
   * unit is about one step of Yjs's conflict resolution). More closes with 4413.
   */
  maxUpdateCostUnits?: number;
  /** Measured time of one update's trial apply past which it is refused (4413) after all. */
  maxUpdateMs?: number;
  /** Bytes of one connection handled per event-loop turn; the rest wait for later turns. */
  maxBytesPerTurn?: number;
  /** Handling time of one connection per event-loop turn; the rest wait for later turns. */
  maxMsPerTurn?: number;
  /** Handling time one user may spend on average (ms per second), over all their sockets... */
  userMsPerSecond?: number;
  /** ...and in one burst before their frames wait. */
  userBurstMs?: number;
  /** How long a user whose update was refused as too expensive may not open sockets (4413). */
  expensiveCooldownMs?: number;
  /** Open sockets per user; 0 for no limit. More are closed with 4429. */
  maxConnectionsPerUser?: number;
  /** Open sockets per client address; 0 for no limit. More are closed with 4429. */
  maxConnectionsPerAddress?: number;
  /** The client's address for the per-address cap (behind a proxy: from X-Forwarded-For). */
  clientAddress?: (req: IncomingMessage) => string | undefined;
  /** How often every open socket's session is checked (CollabAuth.isLive); 0 never. */
  sessionCheckIntervalMs?: number;
  /** Bytes queued towards one client before it is considered stuck and closed. */
  maxBufferedBytes?: number;
  pingIntervalMs?: number;
  /** How long a room without connections stays loaded. */
  idleUnloadMs?: number;
  /** Longest time between a change and its projection into the read model (agenda_items). */
  projectionDebounceMs?: number;
  /** Fold the update log into the snapshot after this many updates of one room. */
  compactEvery?: number;
  /** Messages a connection may send while its room is still loading. */
  maxQueuedMessages?: number;
  /** Calendar day boundary for daily versions. */
  timeZone?: string;
  maxAwarenessStateBytes?: number;
  maxAwarenessClientsPerConnection?: number;
  /** Frames of one connection handled per event-loop turn; the rest wait for later turns. */
  maxFramesPerTurn?: number;
  /** How long a room keeps its validation copy without updates before dropping it. */
  shadowIdleMs?: number;
  /**
   * How often a worker thread checkpoints the SQLite WAL (decision 008); 0 leaves checkpoints to
   * SQLite, inside commits.
   */
  checkpointIntervalMs?: number;
  now?: () => Date;
};

export type ResolvedOptions = Required<CollabServerOptions>;

export function resolveOptions(options: CollabServerOptions = {}): ResolvedOptions {
  return {
    pathPrefix: options.pathPrefix ?? "/collab/",
    allowedOrigins: options.allowedOrigins ?? [],
    // Limits and their reasons: README "Limits" and decision 009.
    maxPayloadBytes: options.maxPayloadBytes ?? 256 * 1024,
    maxUpdateCostUnits: options.maxUpdateCostUnits ?? 100_000,
    maxUpdateMs: options.maxUpdateMs ?? 100,
    maxBytesPerTurn: options.maxBytesPerTurn ?? 256 * 1024,
    maxMsPerTurn: options.maxMsPerTurn ?? 20,
    userMsPerSecond: options.userMsPerSecond ?? 250,
    userBurstMs: options.userBurstMs ?? 1_000,
    expensiveCooldownMs: options.expensiveCooldownMs ?? 60_000,
    maxConnectionsPerUser: options.maxConnectionsPerUser ?? 32,
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? 512,
    clientAddress: options.clientAddress ?? ((req) => req.socket.remoteAddress),
    sessionCheckIntervalMs: options.sessionCheckIntervalMs ?? 5_000,
    maxBufferedBytes: options.maxBufferedBytes ?? 16 * 1024 * 1024,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    idleUnloadMs: options.idleUnloadMs ?? 2_000,
    projectionDebounceMs: options.projectionDebounceMs ?? 1_000,
    compactEvery: options.compactEvery ?? 500,
    maxQueuedMessages: options.maxQueuedMessages ?? 200,
    timeZone: options.timeZone ?? "Europe/Amsterdam",
    maxAwarenessStateBytes: options.maxAwarenessStateBytes ?? 8 * 1024,
    maxAwarenessClientsPerConnection: options.maxAwarenessClientsPerConnection ?? 4,
    maxFramesPerTurn: options.maxFramesPerTurn ?? 256,
    shadowIdleMs: options.shadowIdleMs ?? 60_000,
    checkpointIntervalMs: options.checkpointIntervalMs ?? 1_000,
    now: options.now ?? (() => new Date()),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
