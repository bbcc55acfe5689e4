// One server under test, in its own process (pinned to a core by the runner): ours (from the
// working tree, or from an earlier commit's tree with `--baseline`: kind "before", its `root`), the
// y-websocket reference (its bin/utils setupWSConnection, in memory) or Hocuspocus (in memory).
// Started with a JSON argument; talks to the runner over IPC:
//   -> { type: "ready", port }   -> { type: "log", msg, meta } (ours: room load times)
//   <- { cmd: "stats" } answered with { type: "stats", ... }   <- { cmd: "stop" } (graceful)
import http from "node:http";
import { createRequire } from "node:module";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { WebSocketServer } from "ws";
import type { CollabServerOptions } from "../../../app/collab/server.server";

type Config = { kind: "ours" | "before" | "yws" | "hocus"; root?: string; dbFile?: string; options?: Record<string, unknown> };
const config = JSON.parse(process.argv[2] ?? "{}") as Config;
const require = createRequire(import.meta.url);

const eld = monitorEventLoopDelay({ resolution: 5 });
eld.enable();
const send = (msg: unknown) => process.send?.(msg);

let stats: () => { rooms: number; connections: number } = () => ({ rooms: 0, connections: 0 });
let stop: () => Promise<void> = async () => {};
let port = 0;

type ServerModule = typeof import("../../../app/collab/server.server");

/**
 * Our server as the tree at `root` has it. Issue 13 moved the entry: before it (28ed602) the
 * server and its session auth were collab-server/index.ts; since, app/collab/server.server.ts puts
 * the app's extensions on the generic collab-server/. Both take `{ db, auth, log, options }`.
 */
async function ourServer(root: string) {
  const load = (file: string) => import(pathToFileURL(path.join(root, file)).href);
  const { openDatabase } = (await load("db/index.ts")) as typeof import("../../../db");
  const entry = fs.existsSync(path.join(root, "app/collab/server.server.ts")) ? "app/collab/server.server.ts" : "collab-server/index.ts";
  const { createCollabServer, createSessionAuth } = (await load(entry)) as ServerModule;
  return { openDatabase, createCollabServer, createSessionAuth };
}

if (config.kind === "ours" || config.kind === "before") {
  const { openDatabase, createCollabServer, createSessionAuth } = await ourServer(config.root!);
  const db = openDatabase({ file: config.dbFile! });
  const log = {
    info: (msg: string, meta?: Record<string, unknown>) => send({ type: "log", level: "info", msg, meta }),
    warn: (msg: string, meta?: Record<string, unknown>) => send({ type: "log", level: "warn", msg, meta }),
    error: (msg: string, meta?: Record<string, unknown>) => {
      console.error(msg, meta);
      send({ type: "log", level: "error", msg, meta });
    },
  };
  // The load generator's clients are not browsers and send no Origin, and they are hundreds of
  // simulated editors signed in as a few accounts from one address: the per-user and per-address
  // caps and the per-user time budget (meant for one person) would measure the caps, not the server.
  // Nor the 100 ms an update may take to apply: measured in wall time, so on a shared machine a
  // preempted apply of one B4 frame refused it (4413) and closed all three clients of the ingest.
  const benchOptions: CollabServerOptions = { allowedOrigins: "any", maxConnectionsPerUser: 0, maxConnectionsPerAddress: 0, userMsPerSecond: Number.MAX_SAFE_INTEGER, maxUpdateMs: 10_000 };
  const collab = createCollabServer({ db, auth: createSessionAuth({ db }), log, options: { ...benchOptions, ...config.options } });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
  stats = () => {
    const s = collab.stats();
    return { rooms: s.rooms, connections: s.connections };
  };
  stop = async () => {
    await collab.close();
    server.closeAllConnections();
    db.$client.close();
  };
} else if (config.kind === "yws") {
  const utils = require("y-websocket/bin/utils") as {
    setupWSConnection: (ws: unknown, req: http.IncomingMessage, opts?: { gc?: boolean }) => void;
    docs: Map<string, { conns: Map<unknown, unknown> }>;
  };
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => utils.setupWSConnection(ws, req, { gc: true })),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
  stats = () => {
    let connections = 0;
    for (const d of utils.docs.values()) connections += d.conns.size;
    return { rooms: utils.docs.size, connections };
  };
  stop = async () => {
    for (const c of wss.clients) c.terminate();
    server.closeAllConnections();
  };
} else {
  const { Server } = await import("@hocuspocus/server");
  const server = new Server({ port: 0, address: "127.0.0.1", quiet: true, stopOnSignals: false });
  const instance = await server.listen();
  port = server.address.port;
  stats = () => ({ rooms: instance.getDocumentsCount(), connections: instance.getConnectionsCount() });
  stop = async () => {
    await server.destroy();
  };
}

let lastCpu = process.cpuUsage();
let lastWall = performance.now();

process.on("message", async (msg: { cmd: string; id?: number; gc?: boolean }) => {
  if (msg.cmd === "stats") {
    // Two full collections: the second one frees what finalizers of the first released.
    if (msg.gc && global.gc) {
      global.gc();
      await new Promise((r) => setImmediate(r));
      global.gc();
    }
    const cpu = process.cpuUsage(lastCpu);
    const wall = performance.now() - lastWall;
    lastCpu = process.cpuUsage();
    lastWall = performance.now();
    send({
      type: "stats",
      id: msg.id,
      ...stats(),
      heapUsed: process.memoryUsage().heapUsed,
      rss: process.memoryUsage().rss,
      cpuPercent: wall > 0 ? ((cpu.user + cpu.system) / 1000 / wall) * 100 : 0,
      eldP50: eld.percentile(50) / 1e6,
      eldP99: eld.percentile(99) / 1e6,
      eldMax: eld.max / 1e6,
    });
    eld.reset();
  } else if (msg.cmd.startsWith("heapsnap:")) {
    // For finding what a room costs: `{ cmd: "heapsnap:<file>" }` writes a heap snapshot.
    global.gc?.();
    (await import("node:v8")).writeHeapSnapshot(msg.cmd.slice(9));
  } else if (msg.cmd === "stop") {
    await stop();
    process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready", port });
