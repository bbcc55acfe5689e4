// In-memory registry of documents being made: board packs and progress reports (decision 032). Rendering runs in a worker thread, one at a time (the
// server has few cores and the editor's websockets must stay responsive); the request that
// starts a pack returns at once and the browser polls for progress.
// In memory on purpose: a pack is derived data that can be made again, and a restart only
// means clicking once more.
//
// Two layers (docs/decisions/011):
// - a *render* is one file being made, for one subject (a proposal, a region's report for a period),
//   format and content; it is made once and kept (cached per subject and format) while its content
//   stays the same, whoever asks;
// - a *job* is one user's handle on a render: what they poll and download. Only its user sees it.
// Renders wait in a fair order across users, and what one user may have waiting is capped, so a
// flood from one account can neither fill the queue nor push anyone else's pack back.
import fs from "node:fs";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { DocumentSpec } from "../documents/blocks";
import type { Principal } from "../domain/permissions";
import type { MessageKey } from "../i18n/messages";
import { boardPackDocument } from "./render";
import type { BoardPackData, PackFormat } from "./types";
import { log } from "../utils/log.server";
import type { RenderReply, RenderRequest } from "./worker";

export const PACK_LIMITS = {
  /**
   * Packs of one user and proposal being made at once: one. Asking again (a double click, a
   * reload, a flood) returns that job; asking for the other format waits until it is done.
   */
  activePerUserAndProposal: 1,
  /**
   * Packs of one user being made at once, across proposals. A board member reads one or two
   * proposals at a time; two keeps that possible while one account can hold at most two places
   * in the queue.
   */
  activePerUser: 2,
  /**
   * Packs waiting, of everyone together. A 20-item pack renders in 0.1–0.3 s once the renderer
   * runs, about a second when it must start (decision 042; a busy 2-core machine), so 20 waiting
   * is well under a minute of rendering; beyond that new requests are refused with a Retry-After rather than queued for
   * minutes. With the per-user cap it takes ten users asking at once, more than the boards of 28
   * regions meeting on the same day would.
   */
  queued: 20,
  /**
   * Pack requests of one user per minute, whatever their outcome. Every request reads the
   * proposal and the savings to know whether a finished pack still matches; a person clicks a few
   * times, a script hundreds.
   */
  requestsPerMinute: 20,
  /**
   * Finished packs kept for reuse (one per proposal and format, the latest content). A demo pack
   * is 3 KB (PDF) to 9 KB (Word), a long agenda's some tens of KB: 100 is a few MB at most and
   * covers the open and recent proposals of 28 regions.
   */
  cached: 100,
} as const;

/** Seconds to wait before asking again when refused for being busy (a render or two). */
export const PACK_RETRY_AFTER_SECONDS = 10;
const REQUEST_WINDOW_MS = 60_000;
/** How long a job (a user's handle, and with it their file) stays downloadable. */
const KEEP_MS = 30 * 60_000;
const TIMEOUT_MS = 120_000;

type Render = {
  key: string;
  slot: string;
  ownerId: number;
  format: PackFormat;
  document: DocumentSpec;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  file: Buffer | null;
  error: string | null;
  seq: number;
};

/** Where the job's page leads back to: the proposal, the report. */
export type PackBack = { href: string; label: MessageKey };

export type PackJob = {
  id: string;
  userId: number;
  /** What the document is of, e.g. "proposal:12": one active job per user and subject. */
  subject: string;
  back: PackBack;
  regionId: number;
  format: PackFormat;
  filename: string;
  createdAt: number;
  render: Render;
};

export type PackRefusal = "busy" | "tooMany" | "queueFull" | "flood";
export type PackRequestResult =
  | { ok: true; job: PackJob; reused: boolean }
  | { ok: false; reason: PackRefusal; retryAfterSeconds: number };

type Registry = {
  jobs: Map<string, PackJob>;
  /** Renders queued or running, by content key. */
  active: Map<string, Render>;
  /** The latest finished render per proposal and format; Map order is least recently used first. */
  cache: Map<string, Render>;
  running: Render | null;
  /** When each user's render last got its turn, to order the queue fairly. */
  lastTurn: Map<number, number>;
  turn: number;
  seq: number;
  requests: Map<number, number[]>;
  idleWaiters: Array<() => void>;
  /** Holds on the queue (tests): while any is held, nothing new starts. */
  holds: number;
};
// On globalThis so a rebuilt server bundle in development keeps the running jobs.
const registry: Registry = ((globalThis as { __agendawerkPackRegistry?: Registry }).__agendawerkPackRegistry ??= {
  jobs: new Map(),
  active: new Map(),
  cache: new Map(),
  running: null,
  lastTurn: new Map(),
  turn: 0,
  seq: 0,
  requests: new Map(),
  idleWaiters: [],
  holds: 0,
});

const isActive = (r: Render) => r.status === "queued" || r.status === "running";

/**
 * Renders waiting, in the order they will run: the next is always the one whose user got a turn
 * least recently (never is least), oldest first among equals, so every user with a pack waiting
 * gets one turn before anyone gets a second.
 */
function queueOrder(): Render[] {
  const waiting = [...registry.active.values()].filter((r) => r.status === "queued").sort((a, b) => a.seq - b.seq);
  const turns = new Map(registry.lastTurn);
  let turn = registry.turn;
  const order: Render[] = [];
  while (waiting.length) {
    let best = 0;
    for (let i = 1; i < waiting.length; i++) {
      if ((turns.get(waiting[i].ownerId) ?? -1) < (turns.get(waiting[best].ownerId) ?? -1)) best = i;
    }
    const [next] = waiting.splice(best, 1);
    turns.set(next.ownerId, ++turn);
    order.push(next);
  }
  return order;
}

/** How many packs will be made before this one: 0 when it is being made or is next. */
function packsAhead(render: Render): number {
  if (render.status !== "queued") return 0;
  return queueOrder().indexOf(render) + (registry.running ? 1 : 0);
}

/** What the browser may know of a job: never the file or who started it. */
export function packJobState(job: PackJob) {
  const { status, progress } = job.render;
  return { id: job.id, back: job.back, format: job.format, status, progress, ahead: packsAhead(job.render) };
}

/** The finished file of a job, or null while it is being made or when it failed. */
export function packJobFile(job: PackJob): Buffer | null {
  return job.render.status === "done" ? job.render.file : null;
}

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, "app/board-pack/worker.ts"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("board pack worker not found");
    dir = parent;
  }
}

/**
 * The renderer: one long-lived worker thread (decision 042), which loads TypeScript through tsx like
 * the server itself. Starting one (tsx, pdfkit or docx, their first compilation) costs far more than
 * a pack, so it stays for the next document and goes after IDLE_MS without one; one that fails, times
 * out or dies is replaced at the next render. Module state, not the registry's: a rebuilt server
 * bundle in development starts a worker with the new code (the old one ends when idle).
 */
type Renderer = { worker: Worker; seq: number; idle: NodeJS.Timeout | null };
let renderer: Renderer | null = null;
const IDLE_MS = 10 * 60_000;

function startRenderer(): Renderer {
  const root = projectRoot();
  const tsxApi = pathToFileURL(path.join(root, "node_modules/tsx/dist/esm/api/index.mjs")).href;
  const entry = pathToFileURL(path.join(root, "app/board-pack/worker.ts")).href;
  // A .ts worker entry is refused before loaders run; registering tsx first, then importing, works.
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 256 } });
  const started: Renderer = { worker, seq: 0, idle: null };
  // Waiting for nothing, it must not keep the process alive; a render refs it while it runs.
  worker.unref();
  const forget = () => {
    if (renderer === started) renderer = null;
  };
  worker.on("error", forget);
  worker.on("exit", forget);
  return started;
}

function stopRenderer(r: Renderer) {
  if (renderer === r) renderer = null;
  if (r.idle) clearTimeout(r.idle);
  void r.worker.terminate();
}

function renderInWorker(render: Render): Promise<Buffer> {
  const r = (renderer ??= startRenderer());
  if (r.idle) clearTimeout(r.idle);
  const { worker } = r;
  const id = ++r.seq;
  worker.ref();
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, file?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      if (renderer === r) {
        worker.unref();
        r.idle = setTimeout(() => stopRenderer(r), IDLE_MS).unref();
      }
      if (error) reject(error);
      else resolve(file!);
    };
    const onMessage = (msg: RenderReply) => {
      if (msg.id !== id) return;
      if (msg.type === "progress") render.progress = Math.max(render.progress, Math.min(99, msg.percent));
      else if (msg.type === "done") finish(null, Buffer.from(msg.bytes));
      else finish(new Error(msg.message));
    };
    const onError = (e: Error) => finish(e);
    const onExit = (code: number) => finish(new Error(`board pack worker exited with ${code}`));
    const timer = setTimeout(() => {
      stopRenderer(r);
      finish(new Error("board pack timed out"));
    }, TIMEOUT_MS);
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    worker.postMessage({ id, format: render.format, document: render.document } satisfies RenderRequest);
  });
}

function remember(render: Render) {
  registry.cache.delete(render.slot);
  registry.cache.set(render.slot, render);
  while (registry.cache.size > PACK_LIMITS.cached) registry.cache.delete(registry.cache.keys().next().value!);
}

/** Starts the next render when none is running; resolves the idle waiters when nothing is left. */
function pump() {
  if (registry.running || registry.holds > 0) return;
  const next = queueOrder()[0];
  if (!next) {
    for (const resolve of registry.idleWaiters.splice(0)) resolve();
    return;
  }
  registry.running = next;
  next.status = "running";
  registry.lastTurn.set(next.ownerId, ++registry.turn);
  renderInWorker(next)
    .then((file) => {
      next.file = file;
      next.progress = 100;
      next.status = "done";
      remember(next);
    })
    .catch((error: unknown) => {
      next.status = "failed";
      next.error = error instanceof Error ? error.message : String(error);
      log.error("board pack failed", { key: next.key, error: next.error });
    })
    .finally(() => {
      // Only the render's content is needed to make it again; the data goes with the queue entry.
      registry.active.delete(next.key);
      registry.running = null;
      pump();
    });
}

function prune(now: number) {
  for (const [id, job] of registry.jobs) if (!isActive(job.render) && now - job.createdAt > KEEP_MS) registry.jobs.delete(id);
  for (const [userId, times] of registry.requests) {
    const recent = times.filter((t) => now - t < REQUEST_WINDOW_MS);
    if (recent.length) registry.requests.set(userId, recent);
    else registry.requests.delete(userId);
  }
}

/**
 * Counts one pack request of a user against the per-minute limit; false when over it. Call it
 * before gathering the pack's data, so that a flood costs as little as possible.
 */
export function admitPackRequest({ actor, now = Date.now() }: { actor: Principal; now?: number }): boolean {
  prune(now);
  const times = registry.requests.get(actor.id) ?? [];
  if (times.length >= PACK_LIMITS.requestsPerMinute) return false;
  times.push(now);
  registry.requests.set(actor.id, times);
  return true;
}

/** Seconds until the oldest request in the user's window falls out of it. */
export function floodRetryAfterSeconds({ actor, now = Date.now() }: { actor: Principal; now?: number }): number {
  const oldest = registry.requests.get(actor.id)?.[0] ?? now;
  return Math.max(1, Math.ceil((oldest + REQUEST_WINDOW_MS - now) / 1000));
}

/**
 * What makes two files the same: everything rendered except the moment it was made (a cached file
 * keeps the time it was really made), which the caller leaves out of `stable`. Votes, status and
 * savings are part of it, so a file is made again exactly when what it shows has changed.
 */
function contentKey(stable: unknown): string {
  return createHash("sha256").update(JSON.stringify(stable)).digest("base64url");
}

export const proposalPackBack = (proposalId: number): PackBack => ({ href: `/voorstellen/${proposalId}`, label: "pack.backToProposal" });

/** A user asks for a proposal's board pack (requestDocumentJob with the pack's subject and key). */
export function requestPackJob({ proposalId, data, ...rest }: { actor: Principal; proposalId: number; regionId: number; format: PackFormat; data: BoardPackData; now?: number }): PackRequestResult {
  return requestDocumentJob({
    ...rest,
    subject: `proposal:${proposalId}`,
    back: proposalPackBack(proposalId),
    fileBase: data.fileBase,
    document: boardPackDocument(data),
    stable: { ...data, labels: { ...data.labels, generatedOn: "" } },
  });
}

/**
 * A user asks for a document of a subject. Answers with the job to follow: their active one for
 * this subject, a handle on the same file already made or being made (for anyone), or a new render
 * in the queue; or a refusal with the seconds to wait.
 */
export function requestDocumentJob({
  actor,
  subject,
  back,
  regionId,
  format,
  fileBase,
  document,
  stable,
  now = Date.now(),
}: {
  actor: Principal;
  subject: string;
  back: PackBack;
  regionId: number;
  format: PackFormat;
  fileBase: string;
  document: DocumentSpec;
  /** The content that decides whether a finished file can be handed out again. */
  stable: unknown;
  now?: number;
}): PackRequestResult {
  prune(now);
  const userId = actor.id;
  const refuse = (reason: PackRefusal): PackRequestResult => ({ ok: false, reason, retryAfterSeconds: PACK_RETRY_AFTER_SECONDS });
  const mine = [...registry.jobs.values()].filter((j) => j.userId === userId);
  const active = mine.filter((j) => isActive(j.render));
  const sameProposal = active.filter((j) => j.subject === subject);
  const same = sameProposal.find((j) => j.format === format);
  if (same) return { ok: true, job: same, reused: true };
  const slot = `${subject}:${format}`;
  const key = `${slot}:${contentKey({ stable, format })}`;
  const cached = registry.cache.get(slot);
  const existing = cached?.key === key ? cached : registry.active.get(key);
  const handle = (render: Render): PackJob => {
    const job: PackJob = { id: randomUUID(), userId, subject, back, regionId, format, filename: `${fileBase}.${format}`, createdAt: now, render };
    registry.jobs.set(job.id, job);
    return job;
  };
  if (existing) {
    if (existing === cached) remember(existing);
    // Following a pack that is made anyway costs nothing more, so it is not capped.
    const own = mine.find((j) => j.render === existing);
    return own ? { ok: true, job: own, reused: true } : { ok: true, job: handle(existing), reused: true };
  }
  if (sameProposal.length >= PACK_LIMITS.activePerUserAndProposal) return refuse("busy");
  if (active.length >= PACK_LIMITS.activePerUser) return refuse("tooMany");
  if (queueOrder().length >= PACK_LIMITS.queued) return refuse("queueFull");
  const render: Render = { key, slot, ownerId: userId, format, document, status: "queued", progress: 0, file: null, error: null, seq: ++registry.seq };
  registry.active.set(key, render);
  const job = handle(render);
  pump();
  return { ok: true, job, reused: false };
}

/** A job, only for the user who started it (others get null, i.e. 404). */
export function getPackJob({ id, actor }: { id: string; actor: Principal }): PackJob | null {
  const job = registry.jobs.get(id);
  return job && job.userId === actor.id ? job : null;
}

/** For tests: wait until every queued pack has been made. */
export function packJobsIdle(): Promise<void> {
  if (!registry.running && !queueOrder().length) return Promise.resolve();
  return new Promise((resolve) => registry.idleWaiters.push(resolve));
}

/**
 * For tests: nothing new starts until the returned release is called, so the queue's order can
 * be read as it is, not as it happens to be after some renders finished.
 */
export function holdPackQueue(): () => void {
  registry.holds++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    registry.holds--;
    pump();
  };
}

/** For tests: the renderer's worker thread while one runs (terminating it is what a crash does). */
export const packRendererWorker = (): Worker | null => renderer?.worker ?? null;

/** For tests: forget every job, waiting render, cached pack and request count (the running render, if any, finishes). */
export function resetPackJobs() {
  for (const [key, render] of registry.active) if (render.status === "queued") registry.active.delete(key);
  registry.jobs.clear();
  registry.cache.clear();
  registry.requests.clear();
  registry.lastTurn.clear();
}
