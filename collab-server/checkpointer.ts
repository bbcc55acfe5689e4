// WAL checkpoints off the event loop. SQLite normally checkpoints inside the commit that pushes
// the WAL past 1000 pages, so now and then one relayed keystroke waited for a checkpoint (and its
// fsyncs). The server's connection therefore gets `wal_autocheckpoint = 0`, and a worker thread
// with its own connection checkpoints on a timer: PASSIVE while writes come in (it never blocks
// the writer), TRUNCATE once the WAL has been idle and fully copied, so the file does not stay
// big. Durability does not change: a commit is durable once it is in the WAL (decision 003), and
// a checkpoint only copies committed pages into the database file (decision 008).
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";
import type { Logger } from "./types";

export type CheckpointerOptions = { intervalMs: number; idleTruncateMs: number };

// Plain JavaScript (eval worker): no TypeScript loader is needed in the thread.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// Never wait for the writer: a busy checkpoint is simply tried again on the next tick.
db.pragma("busy_timeout = 0");
db.pragma("synchronous = NORMAL");
let lastLog = -1;
let idleSince = Date.now();
function checkpoint(mode) {
  const [row] = db.pragma("wal_checkpoint(" + mode + ")");
  return row;
}
function tick() {
  try {
    const row = checkpoint("PASSIVE");
    const now = Date.now();
    if (row.log !== lastLog) {
      lastLog = row.log;
      idleSince = now;
    } else if (row.log > 0 && row.busy === 0 && row.checkpointed === row.log && now - idleSince >= workerData.idleTruncateMs) {
      checkpoint("TRUNCATE");
      lastLog = -1;
      idleSince = now;
    }
  } catch (err) {
    parentPort.postMessage({ type: "error", err: String(err) });
  }
}
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (msg) => {
  if (msg !== "close") return;
  clearInterval(timer);
  try {
    checkpoint("TRUNCATE");
  } catch {}
  db.close();
  parentPort.postMessage({ type: "closed" });
});
`;

export type Checkpointer = { close(): Promise<void> };

const noop: Checkpointer = { close: async () => {} };

/** Starts checkpointing `db`'s file from a worker thread; a no-op for in-memory or non-WAL databases. */
export function startCheckpointer(sqlite: BetterSqlite3.Database, log: Logger, options: CheckpointerOptions): Checkpointer {
  const mode = String(sqlite.pragma("journal_mode", { simple: true })).toLowerCase();
  if (sqlite.memory || mode !== "wal") return noop;
  const restoreAuto = () => {
    if (sqlite.open) sqlite.pragma("wal_autocheckpoint = 1000");
  };
  let worker: Worker;
  try {
    worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve("better-sqlite3"),
        file: sqlite.name,
        intervalMs: options.intervalMs,
        idleTruncateMs: options.idleTruncateMs,
      },
    });
  } catch (err) {
    log.error("collab: checkpointer did not start, SQLite checkpoints inside commits", { err: String(err) });
    return noop;
  }
  sqlite.pragma("wal_autocheckpoint = 0");
  worker.unref();
  let closed = false;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("message", (msg: { type: string; err?: string }) => {
    if (msg.type === "error") log.warn("collab: checkpoint failed", { err: msg.err });
  });
  worker.on("error", (err) => {
    // Without the worker the WAL would grow without bound: SQLite checkpoints itself again.
    log.error("collab: checkpointer stopped, SQLite checkpoints inside commits again", { err: String(err) });
    restoreAuto();
  });
  return {
    async close() {
      if (closed) return;
      closed = true;
      worker.postMessage("close");
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
      await Promise.race([exited, timeout]);
      await worker.terminate();
      restoreAuto();
    },
  };
}
