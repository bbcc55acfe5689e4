// In-memory registry of board-pack jobs. Rendering runs in a worker thread, one at a time (the
// server has few cores and the editor's websockets must stay responsive); the request that
// starts a job returns at once and the browser polls for progress.
// In memory on purpose: a pack is derived data that can be made again, and a restart only
// means clicking once more.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { BoardPackData, PackFormat } from "./types";

export type PackJob = {
  id: string;
  userId: number;
  proposalId: number;
  regionId: number;
  format: PackFormat;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  filename: string;
  file: Buffer | null;
  error: string | null;
  createdAt: number;
};

/** What the browser may know of a job: never the file or who started it. */
export function packJobState(job: PackJob) {
  return { id: job.id, proposalId: job.proposalId, format: job.format, status: job.status, progress: job.progress };
}

const KEEP_MS = 30 * 60_000;
const TIMEOUT_MS = 120_000;

type Registry = { jobs: Map<string, PackJob>; queue: Promise<void> };
// On globalThis so a rebuilt server bundle in development keeps the running jobs.
const registry: Registry = ((globalThis as { __agendawerkPackJobs?: Registry }).__agendawerkPackJobs ??= {
  jobs: new Map(),
  queue: Promise.resolve(),
});

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, "app/board-pack/worker.ts"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("board pack worker not found");
    dir = parent;
  }
}

/** Renders in a worker thread, which loads TypeScript through tsx like the server itself. */
function renderInWorker(job: PackJob, data: BoardPackData): Promise<Buffer> {
  const root = projectRoot();
  const tsxApi = pathToFileURL(path.join(root, "node_modules/tsx/dist/esm/api/index.mjs")).href;
  return new Promise((resolve, reject) => {
    const entry = pathToFileURL(path.join(root, "app/board-pack/worker.ts")).href;
    // A .ts worker entry is refused before loaders run; registering tsx first, then importing, works.
    const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { format: job.format, data },
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error("board pack timed out"));
    }, TIMEOUT_MS);
    let settled = false;
    worker.on("message", (msg: { type: string; percent?: number; bytes?: Uint8Array; message?: string }) => {
      if (msg.type === "progress") job.progress = Math.max(job.progress, Math.min(99, msg.percent ?? 0));
      else if (msg.type === "done") {
        settled = true;
        clearTimeout(timer);
        resolve(Buffer.from(msg.bytes!));
        void worker.terminate();
      } else if (msg.type === "error") {
        settled = true;
        clearTimeout(timer);
        reject(new Error(msg.message));
        void worker.terminate();
      }
    });
    worker.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    worker.on("exit", (code) => {
      clearTimeout(timer);
      if (!settled) reject(new Error(`board pack worker exited with ${code}`));
    });
  });
}

function prune(now: number) {
  for (const [id, job] of registry.jobs) if (now - job.createdAt > KEEP_MS) registry.jobs.delete(id);
}

export function startPackJob({
  userId,
  proposalId,
  regionId,
  format,
  data,
  now = Date.now(),
}: {
  userId: number;
  proposalId: number;
  regionId: number;
  format: PackFormat;
  data: BoardPackData;
  now?: number;
}): PackJob {
  prune(now);
  const job: PackJob = {
    id: randomUUID(),
    userId,
    proposalId,
    regionId,
    format,
    status: "queued",
    progress: 0,
    filename: `${data.fileBase}.${format}`,
    file: null,
    error: null,
    createdAt: now,
  };
  registry.jobs.set(job.id, job);
  registry.queue = registry.queue.then(async () => {
    job.status = "running";
    try {
      job.file = await renderInWorker(job, data);
      job.progress = 100;
      job.status = "done";
    } catch (error) {
      job.status = "failed";
      job.error = error instanceof Error ? error.message : String(error);
      console.error("board pack failed", { jobId: job.id, error: job.error });
    }
  });
  return job;
}

/** A job, only for the user who started it (others get null, i.e. 404). */
export function getPackJob({ id, userId }: { id: string; userId: number }): PackJob | null {
  const job = registry.jobs.get(id);
  return job && job.userId === userId ? job : null;
}

/** For tests: wait until every queued job has finished. */
export function packJobsIdle(): Promise<void> {
  return registry.queue;
}
