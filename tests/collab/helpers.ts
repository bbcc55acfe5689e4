// Shared set-up for the collaboration tests: a temp SQLite file with a small world (two regions,
// their agendas, users with different roles and live sessions), the real collaboration server on
// a real HTTP server, and real clients.
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as Y from "yjs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import type { Db } from "../../db";
import { agendas, memberships, regions, users } from "../../db/schema";
import { createSession, loadPrincipal } from "../../app/models/session.server";
import { getIntro, getItem, getItemPlan, getItems } from "../../app/domain/agenda-doc";
import { createCollabServer, createSessionAuth, type CollabServer, type CollabServerOptions, type Logger } from "../../app/collab/server.server";
import { tempDatabase } from "../support/temp-db";

/**
 * The text of an item's first plan paragraph: where long text goes in a test, as rich text has no
 * length limit (a title stops at 200 characters, why at 2,000; refused with 4422).
 */
export const planText = (doc: Y.Doc, id: string) => (getItemPlan(getItem(doc, id)!).get(0) as Y.XmlElement).get(0) as Y.XmlText;

export type World = {
  regionA: number;
  regionB: number;
  agendaA: number;
  agendaB: number;
  users: Record<"editor1" | "editor2" | "editor3" | "board" | "memberB" | "coordinator", { id: number; token: string; sessionId: string }>;
};

/** Inserts the fixture world; returns ids and session cookies. */
export function seedWorld(db: Db): World {
  const regionA = db.insert(regions).values({ slug: "regio-a", name: "Regio A" }).returning().get().id;
  const regionB = db.insert(regions).values({ slug: "regio-b", name: "Regio B" }).returning().get().id;
  const agendaA = db.insert(agendas).values({ regionId: regionA, title: "Agenda A", period: "2026" }).returning().get().id;
  const agendaB = db.insert(agendas).values({ regionId: regionB, title: "Agenda B", period: "2026" }).returning().get().id;
  const make = (key: string, regionId: number, role: "member" | "coordinator" | "board") => {
    const id = db.insert(users).values({ email: `${key}@test.nl`, name: `User ${key}` }).returning().get().id;
    db.insert(memberships).values({ userId: id, regionId, role }).run();
    const { token, sessionId } = createSession({ db, userId: id, ip: "127.0.0.1", userAgent: "test" });
    return { id, token, sessionId };
  };
  return {
    regionA,
    regionB,
    agendaA,
    agendaB,
    users: {
      editor1: make("editor1", regionA, "member"),
      editor2: make("editor2", regionA, "member"),
      editor3: make("editor3", regionA, "coordinator"),
      coordinator: make("coord", regionA, "coordinator"),
      board: make("board", regionA, "board"),
      memberB: make("memberb", regionB, "member"),
    },
  };
}

export const quietLog: Logger = process.env.COLLAB_TEST_LOG
  ? { info: console.log, warn: console.warn, error: console.error }
  : { info() {}, warn() {}, error() {} };

/** A logger that remembers, for asserting that nothing went wrong unexpectedly. */
export function recordingLog() {
  const lines: Array<{ level: string; msg: string; meta?: unknown }> = [];
  const log: Logger = {
    info: (msg, meta) => lines.push({ level: "info", msg, meta }),
    warn: (msg, meta) => lines.push({ level: "warn", msg, meta }),
    error: (msg, meta) => lines.push({ level: "error", msg, meta }),
  };
  return { log, lines };
}

export type Running = {
  url: string;
  collab: CollabServer;
  http: http.Server;
  stop(): Promise<void>;
};

export async function startServer(db: Db, options: CollabServerOptions = {}, log: Logger = quietLog): Promise<Running> {
  // These clients are not browsers and send no Origin; tests of the Origin check pass their own list.
  const collab = createCollabServer({ db, auth: createSessionAuth({ db }), log, options: { allowedOrigins: "any", ...options } });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/collab`,
    collab,
    http: server,
    async stop() {
      await collab.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A world user as the actor of a server-side change (the routes pass `user.principal`). */
export const actorOf = (db: Db, user: { id: number }) => loadPrincipal({ db, userId: user.id })!;

export function withWorld(options: CollabServerOptions = {}) {
  const ctx = tempDatabase();
  const world = seedWorld(ctx.db);
  return { ...ctx, world, start: (o: CollabServerOptions = options, log?: Logger) => startServer(ctx.db, o, log) };
}

/** A ws class that sends the session cookie, for y-websocket's WebSocketPolyfill. */
export function cookieWebSocket(token: string | null, extraHeaders: Record<string, string> = {}) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, {
        headers: { ...(token ? { cookie: `aw_session=${encodeURIComponent(token)}` } : {}), ...extraHeaders },
      });
    }
  };
}

export type Client = { doc: Y.Doc; provider: WebsocketProvider; closeCodes: number[]; destroy(): void };

export function connectClient(url: string, room: string, token: string, doc = new Y.Doc()): Client {
  const closeCodes: number[] = [];
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: cookieWebSocket(token) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  provider.on("connection-close", (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    provider,
    closeCodes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const synced = (c: Client) => waitFor(() => c.provider.synced, "client sync");

/** Opens a raw socket and resolves with the close code the server sends (or the HTTP status). */
export function closeCodeOf(url: string, headers: Record<string, string> = {}): Promise<{ code?: number; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on("close", (code) => resolve({ code }));
    ws.on("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode });
      ws.terminate();
    });
    ws.on("error", () => {});
  });
}

/** A hand-written y-protocols client: full control over what goes on the wire. */
export class RawClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  closed: Promise<number>;
  opened: Promise<void>;
  received = 0;
  private waiters: Array<() => void> = [];

  /** Resolves on the next message from the server. */
  nextMessage(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  constructor(
    url: string,
    token: string | null,
    options: { autoReply?: boolean; headers?: Record<string, string>; autoPong?: boolean } = {},
  ) {
    this.ws = new WebSocket(url, {
      headers: { ...(token ? { cookie: `aw_session=${encodeURIComponent(token)}` } : {}), ...options.headers },
      autoPong: options.autoPong ?? true,
    });
    this.ws.on("error", () => {});
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("close", () => reject(new Error("closed before open")));
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) => this.ws.on("close", (code) => resolve(code)));
    this.ws.on("message", (data: Buffer) => {
      this.received++;
      for (const notify of this.waiters.splice(0)) notify();
      if (options.autoReply === false) return;
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (encoding.length(encoder) > 1 && this.ws.readyState === WebSocket.OPEN) {
        this.ws.send(encoding.toUint8Array(encoder));
      }
    });
  }

  send(frame: Uint8Array) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  sendUpdate(update: Uint8Array) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    this.send(encoding.toUint8Array(encoder));
  }

  close() {
    this.ws.terminate();
  }
}

/**
 * The agenda content of a doc as JSON. Not doc.toJSON(): that leaves out root types this doc
 * never asked for by name, and would make "does not contain" assertions vacuous.
 */
export const contentJson = (doc: Y.Doc) =>
  JSON.stringify({ items: getItems(doc).toJSON(), intro: getIntro(doc).toString(), roots: [...doc.share.keys()].sort() });
