// `npm run bench`: the whole benchmark suite, < 20 minutes on two cores, every part exits by itself.
// Each server under test runs in its own process on core 0; the load generator (real Yjs clients)
// runs in another on core 1. Runs against our server and the references are interleaved
// (A B C A B C) so that drift of a shared machine hits all of them alike. Writes
// tests/bench/results/latest.json and latest.md; docs/benchmarks.md explains the figures.
//   npm run bench -- --only=fanout50,ingest   runs some cases (also: regions, memory, app, flags, search)
//   npm run bench -- --quick                   shorter runs (smoke test of the suite itself)
//   BENCH_PROFILE=dir npm run bench            our server writes a CPU profile per run into dir
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { openDatabase } from "../../db";
import { readRoomState } from "../../app/collab/storage.server";
import { getItem, getItemText } from "../../app/domain/agenda-doc";
import * as Y from "yjs";
import { removeTempDirs, seedBenchWorld, tempDir } from "./lib/seed";
import { pinning, repoRoot, startLoadgen, startServer, type Loadgen, type ServerHandle } from "./lib/procs";
import { percentile, round, summary } from "./lib/stats";
import { autocannon, browserLoads, buildApp, fillAgenda, login, startApp, startBare, stopChild } from "./lib/app-bench";

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const quick = args.includes("--quick");
const scale = quick ? 0.2 : 1;
const profileDir = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;
const tracePath = path.join(repoRoot, "tests/bench/data/automerge-paper.json.gz");
const resultsDir = path.join(repoRoot, "tests/bench/results");

type Row = {
  case: string;
  figure: string;
  ours: number | string | null;
  reference?: number | string | null;
  ratio?: number | null;
  target: string;
  met: boolean | null;
  note?: string;
};
const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const started = Date.now();
const loadBefore = os.loadavg();
const log = (msg: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);

type Kind = "ours" | "yws" | "hocus";
const KINDS: Kind[] = ["ours", "yws", "hocus"];

async function withServer<T>(config: Parameters<typeof startServer>[0], fn: (s: ServerHandle) => Promise<T>): Promise<T> {
  const s = await startServer({ profileDir: config.kind === "ours" ? profileDir : undefined, ...config });
  try {
    return await fn(s);
  } finally {
    await s.stop();
  }
}

const markStats = (s: ServerHandle) => (label: string) => s.stats(label === "stats");
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? round(a / b, 2) : null);

// ---- collaboration cases -------------------------------------------------------------------

type FanoutResult = { samples: number[]; typed: number; delivered: number; expectedSamples: number; idle: { framesPerSec: number; bytesPerSec: number } | null; server: { cpuPercent: number; eldP99: number } };

async function fanoutCase(lg: Loadgen, editors: number, reps: number) {
  const world = seedBenchWorld({ agendaCount: 4, regionCount: 1 });
  const pooled: Record<Kind, number[]> = { ours: [], yws: [], hocus: [] };
  const idle: Partial<Record<Kind, FanoutResult["idle"]>> = {};
  const cpu: Record<Kind, number[]> = { ours: [], yws: [], hocus: [] };
  const delivered: Record<Kind, string[]> = { ours: [], yws: [], hocus: [] };
  for (let rep = 0; rep < reps; rep++) {
    for (const kind of KINDS) {
      log(`fanout ${editors} editors: ${kind}, run ${rep + 1}/${reps}`);
      const r = await withServer({ kind, dbFile: world.file }, (s) =>
        lg.run<FanoutResult>(
          "fanout",
          {
            target: { kind, port: s.port, token: world.token },
            room: `agenda:${world.agendaIds[rep % world.agendaIds.length]}`,
            editors,
            keysPerSec: 20,
            durationMs: 12_000 * scale,
            idleMs: rep === 0 ? 16_000 * (quick ? 0.25 : 1) : 0,
          },
          { onMark: markStats(s) },
        ),
      ).catch((err) => {
        log(`  failed: ${String(err).slice(0, 300)}`);
        return null;
      });
      if (!r) continue;
      pooled[kind].push(...r.samples);
      cpu[kind].push(round(r.server.cpuPercent, 1));
      delivered[kind].push(`${r.samples.length}/${r.expectedSamples}`);
      if (r.idle) idle[kind] = r.idle;
    }
  }
  const stats = Object.fromEntries(KINDS.map((k) => [k, summary(pooled[k])]));
  raw[`fanout${editors}`] = { latency: stats, cpuPercent: cpu, delivered, idle };
  return { stats, idle };
}

async function regionsCase(lg: Loadgen) {
  const world = seedBenchWorld({ agendaCount: 28, regionCount: 28 });
  const out: Record<string, unknown> = {};
  const plan: Array<[Kind, number]> = [["ours", 60_000 * scale], ["yws", 20_000 * scale]];
  for (const [kind, durationMs] of plan) {
    log(`28 agendas x 10 editors: ${kind}, ${durationMs / 1000} s`);
    const r = await withServer({ kind, dbFile: world.file }, (s) =>
      lg.run<FanoutResult>(
        "regions",
        {
          target: { kind, port: s.port, token: world.token },
          rooms: world.agendaIds.map((id) => `agenda:${id}`),
          editorsPerRoom: 10,
          updatesPerSec: 2,
          durationMs,
        },
        { onMark: markStats(s) },
      ),
    );
    out[kind] = { latency: summary(r.samples), delivered: `${r.samples.length}/${r.expectedSamples}`, cpuPercent: round(r.server.cpuPercent, 1), eldP99: round(r.server.eldP99, 1), durationMs };
  }
  raw.regions = out;
  return out as Record<"ours" | "yws", { latency: ReturnType<typeof summary>; cpuPercent: number }>;
}

type IngestResult = { wallMs: number; sendMs: number; correct: boolean; samples: number[]; server: { cpuPercent: number; eldP99: number; eldMax: number } };

async function ingestAndColdOpen(lg: Loadgen) {
  const reps = quick ? 1 : 2;
  const walls: Record<string, number[]> = { ours: [], yws: [] };
  const typist: Record<string, number[]> = { ours: [], yws: [] };
  const correct: Record<string, boolean[]> = { ours: [], yws: [] };
  const durable: boolean[] = [];
  let coldWorld: { file: string; token: string; agendaId: number } | null = null;
  for (let rep = 0; rep < reps; rep++) {
    for (const kind of ["ours", "yws"] as const) {
      log(`B4 ingest: ${kind}, run ${rep + 1}/${reps}`);
      const world = seedBenchWorld({ agendaCount: 1, regionCount: 1 });
      const room = `agenda:${world.agendaIds[0]}`;
      const s = await startServer({ kind, dbFile: world.file, profileDir: kind === "ours" ? profileDir : undefined });
      let r: IngestResult;
      try {
        r = await lg.run<IngestResult>(
          "ingest",
          { target: { kind, port: s.port, token: world.token }, room, tracePath, typistKeysPerSec: 10 },
          { onMark: markStats(s), timeoutMs: 600_000 },
        );
      } finally {
        // Killed, not stopped: what the observer saw must already be in SQLite.
        if (kind === "ours") await s.kill();
        else await s.stop();
      }
      walls[kind].push(r.wallMs);
      typist[kind].push(...r.samples);
      correct[kind].push(r.correct);
      if (kind === "ours") {
        const db = openDatabase({ file: world.file });
        const doc = new Y.Doc();
        Y.applyUpdate(doc, readRoomState(db, room, { info() {}, warn() {}, error() {} }));
        const stored = getItemText(getItem(doc, "b4-trace")!, "why").toString();
        const expected = JSON.parse(
          (await import("node:zlib")).gunzipSync(fs.readFileSync(tracePath)).toString("utf8"),
        ).endContent as string;
        durable.push(stored === expected);
        db.$client.close();
        coldWorld = { file: world.file, token: world.token, agendaId: world.agendaIds[0] };
      }
    }
  }
  raw.ingest = { wallMs: walls, correct, durableAfterKill9: durable, typistLatency: { ours: summary(typist.ours), yws: summary(typist.yws) } };

  // Cold open of the B4-sized agenda: restart, 10 clients join at once, repeated.
  const restarts = quick ? 3 : 10;
  const loadMs: number[] = [];
  const syncedMs: number[] = [];
  const syncedOneProcessMs: number[] = [];
  let complete = true;
  const expectedLength = (JSON.parse((await import("node:zlib")).gunzipSync(fs.readFileSync(tracePath)).toString("utf8")).endContent as string).length;
  for (let i = 0; i < restarts && coldWorld; i++) {
    log(`cold open ${i + 1}/${restarts}`);
    const s = await startServer({ kind: "ours", dbFile: coldWorld.file, profileDir });
    try {
      const r = await lg.run<{ syncedMs: number[]; syncedOneProcessMs: number[]; complete: boolean }>("coldJoin", {
        target: { kind: "ours", port: s.port, token: coldWorld.token },
        room: `agenda:${coldWorld.agendaId}`,
        joiners: 10,
        expectedLength,
        itemId: "b4-trace",
      });
      syncedMs.push(...r.syncedMs);
      syncedOneProcessMs.push(...r.syncedOneProcessMs);
      complete &&= r.complete;
      const loaded = s.logs.find((l) => l.msg === "collab: room loaded");
      if (loaded) loadMs.push(Number(loaded.meta!.ms));
    } finally {
      await s.stop();
    }
  }
  raw.coldOpen = { serverLoadMs: loadMs.map((x) => round(x, 1)), joinSynced: summary(syncedMs), joinSyncedOneProcess: summary(syncedOneProcessMs), complete };
  return { walls, typist, correct, durable, loadMs, syncedMs, syncedOneProcessMs, complete };
}

type MemoryResult = { heapPerDocBytes: number; unloadMs: number; cycleHeaps: number[]; growthBytes: number; loadedRooms: number; docs: number; loadedHeap: number };

async function memoryCase(lg: Loadgen) {
  const docs = quick ? 50 : 200;
  const world = seedBenchWorld({ agendaCount: docs, regionCount: 28 });
  const out: Partial<Record<Kind, MemoryResult>> = {};
  for (const kind of ["ours", "yws"] as const) {
    log(`memory: ${docs} idle documents, 10 connect/disconnect cycles: ${kind}`);
    out[kind] = await withServer({ kind, dbFile: world.file }, (s) =>
      lg.run<MemoryResult>(
        "memory",
        {
          target: { kind, port: s.port, token: world.token },
          rooms: world.agendaIds.map((id) => `agenda:${id}`),
          cycles: quick ? 3 : 10,
          // y-websocket without persistence never drops a document: do not wait long for it.
          unloadTimeoutMs: kind === "yws" ? 2_000 : 30_000,
        },
        { onMark: markStats(s), timeoutMs: 400_000 },
      ),
    );
  }
  raw.memory = out;
  return out as Record<"ours" | "yws", MemoryResult>;
}

// ---- app cases -----------------------------------------------------------------------------

async function appCases() {
  log("building the app (npm run build)");
  const buildMs = buildApp();
  const dir = tempDir("agendawerk-bench-app-");
  const app = await startApp(dir);
  let bare: Awaited<ReturnType<typeof startBare>> | null = null;
  try {
    const cookie = await login(app.port);
    const agendaId = await fillAgenda(app.port, app.dbFile, cookie, 200);
    bare = await startBare(app.dbFile, agendaId);
    const pageUrl = `http://127.0.0.1:${app.port}/agendas/${agendaId}`;
    const check = await fetch(pageUrl, { headers: { cookie } });
    const html = await check.text();
    const itemsOnPage = (html.match(/data-testid="static-item"/g) ?? []).length;
    const seconds = quick ? 3 : 10;
    const page: Array<Awaited<ReturnType<typeof autocannon>>> = [];
    const bareRuns: Array<Awaited<ReturnType<typeof autocannon>>> = [];
    for (let rep = 0; rep < 2; rep++) {
      log(`autocannon agenda page, run ${rep + 1}/2`);
      page.push(await autocannon(pageUrl, cookie, seconds));
      log(`autocannon bare renderer, run ${rep + 1}/2`);
      bareRuns.push(await autocannon(`http://127.0.0.1:${bare.port}/`, cookie, seconds));
    }
    log(`Chromium: ${quick ? 5 : 20} cold loads`);
    const browser = await browserLoads(app.port, agendaId, cookie, quick ? 5 : 20);
    raw.app = { buildMs: round(buildMs, 0), status: check.status, itemsOnPage, page, bare: bareRuns, browser };
    return { page, bare: bareRuns, browser, itemsOnPage };
  } finally {
    if (bare) await stopChild(bare.child);
    await stopChild(app.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Hook for the bottleneck-flags benchmark (tests/bench/flags.bench.ts, written alongside): run with
 * tsx if present; it writes tests/bench/results/flags.json with one entry per case, of which
 * "28x500" is the target's size (fullRecomputeMs, pureEvaluationMs: percentile summaries).
 */
function flagsCase() {
  const file = path.join(repoRoot, "tests/bench/flags.bench.ts");
  if (!fs.existsSync(file)) return null;
  log("flags benchmark (tests/bench/flags.bench.ts)");
  const r = spawnSync(process.execPath, ["--import", "tsx", file], { cwd: repoRoot, encoding: "utf8", timeout: 300_000 });
  const out = path.join(resultsDir, "flags.json");
  type Stat = { p50?: number; p95?: number };
  let parsed: { cases?: Array<{ case: string; fullRecomputeMs?: Stat; pureEvaluationMs?: Stat; oneRegionChangedMs?: Stat; minuteTurnMs?: Stat }> } | null = null;
  try {
    parsed = r.status === 0 ? JSON.parse(fs.readFileSync(out, "utf8")) : null;
  } catch {
    parsed = null;
  }
  const c = parsed?.cases?.find((x) => x.case === "28x500");
  raw.flags = { exit: r.status, case: c ?? null, tail: c ? undefined : `${r.stdout ?? ""}${r.stderr ?? ""}`.slice(-1500) };
  return c ? { recomputeMs: c.fullRecomputeMs, rulesMs: c.pureEvaluationMs, oneRegionMs: c.oneRegionChangedMs, minuteMs: c.minuteTurnMs } : null;
}

/**
 * Search (tests/bench/search.bench.ts, its own process like the flags): search() over 40 Dutch
 * queries on the demo data (the target) and on 28 regions x 500 items; writes results/search.json.
 */
function searchCase() {
  log("search benchmark (tests/bench/search.bench.ts)");
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(repoRoot, "tests/bench/search.bench.ts"), ...(quick ? ["--quick"] : [])], { cwd: repoRoot, encoding: "utf8", timeout: 300_000 });
  type Stat = { p50?: number; p95?: number };
  let parsed: { cases?: Array<{ case: string; searchMs?: Stat }> } | null = null;
  try {
    parsed = r.status === 0 ? JSON.parse(fs.readFileSync(path.join(resultsDir, "search.json"), "utf8")) : null;
  } catch {
    parsed = null;
  }
  raw.search = { exit: r.status, result: parsed, tail: parsed ? undefined : `${r.stdout ?? ""}${r.stderr ?? ""}`.slice(-1500) };
  return parsed?.cases ?? null;
}

// ---- main ----------------------------------------------------------------------------------

const want = (name: string) => !only || only.includes(name);
const fmt = (x: number | null | undefined, unit = "") => (x === null || x === undefined || !Number.isFinite(x) ? "–" : `${x}${unit}`);

async function main() {
  fs.mkdirSync(resultsDir, { recursive: true });
  const lg = await startLoadgen();
  try {
    if (want("fanout50")) {
      const { stats } = await fanoutCase(lg, 50, quick ? 1 : 2);
      const r = ratio(stats.ours.p99, stats.yws.p99);
      rows.push({ case: "Keystroke + cursor to 50 editors, 20 keys/s", figure: "p99 latency (ms), ratio to y-websocket", ours: stats.ours.p99, reference: stats.yws.p99, ratio: r, target: "<= 0.75x", met: r !== null && r <= 0.75, note: `Hocuspocus p99 ${fmt(stats.hocus.p99)} ms` });
      rows.push({ case: "Keystroke + cursor to 50 editors, 20 keys/s", figure: "p50 latency (ms)", ours: stats.ours.p50, reference: stats.yws.p50, target: "<= 3.5 ms", met: stats.ours.p50 <= 3.5 });
    }
    if (want("fanout200")) {
      const { stats, idle } = await fanoutCase(lg, 200, quick ? 1 : 2);
      const r = ratio(stats.ours.p99, stats.yws.p99);
      rows.push({ case: "Keystroke + cursor to 200 editors, 20 keys/s", figure: "p99 latency (ms), ratio to y-websocket", ours: stats.ours.p99, reference: stats.yws.p99, ratio: r, target: "<= 0.25x", met: r !== null && r <= 0.25, note: `Hocuspocus p99 ${fmt(stats.hocus.p99)} ms` });
      const idle50 = (raw.fanout50 as { idle?: Record<string, { framesPerSec: number; bytesPerSec: number }> } | undefined)?.idle;
      if (idle50?.ours && idle.ours) {
        const frames = ratio(idle.ours.framesPerSec, idle50.ours.framesPerSec);
        const bytes = ratio(idle.ours.bytesPerSec, idle50.ours.bytesPerSec);
        const refFrames = idle50.yws && idle.yws ? ratio(idle.yws.framesPerSec, idle50.yws.framesPerSec) : null;
        rows.push({ case: "Idle presence, 50 -> 200 editors (4x)", figure: "growth of frames/s sent to clients", ours: frames, reference: refFrames, target: "linear (~4x), not quadratic (16x)", met: frames !== null && frames <= 6, note: `bytes/s grew ${fmt(bytes)}x (each renewal must reach everyone: inherent N^2 bytes)` });
      }
    }
    if (want("regions")) {
      const r = await regionsCase(lg);
      rows.push({ case: "28 agendas x 10 editors, 2 updates/s each" + (quick ? " (quick)" : ", 60 s"), figure: "p99 latency (ms)", ours: r.ours.latency.p99, reference: r.yws.latency.p99, target: "< 50 ms", met: r.ours.latency.p99 < 50 });
      rows.push({ case: "28 agendas x 10 editors, 2 updates/s each", figure: "server CPU (% of one core)", ours: r.ours.cpuPercent, reference: r.yws.cpuPercent, target: "< 50%", met: r.ours.cpuPercent < 50 });
    }
    if (want("ingest")) {
      const r = await ingestAndColdOpen(lg);
      const med = (xs: number[]) => percentile(xs, 50);
      const wr = ratio(med(r.walls.ours), med(r.walls.yws));
      rows.push({ case: "B4 trace (259,778 edits) burst over one connection", figure: "wall time (ms, median), ratio to in-memory y-websocket", ours: med(r.walls.ours), reference: med(r.walls.yws), ratio: wr, target: "<= 1.0x", met: wr !== null && wr <= 1, note: `every update durable: SQLite after kill -9 gives endContent: ${r.durable.every(Boolean)}` });
      const tp = percentile(r.typist.ours, 99);
      rows.push({ case: "B4 burst: second client typing 10 keys/s", figure: "p99 latency (ms)", ours: round(tp), reference: round(percentile(r.typist.yws, 99)), target: "<= 50 ms", met: tp <= 50 });
      rows.push({ case: "B4 burst: replay gives endContent", figure: "correct at observer", ours: String(r.correct.ours.every(Boolean)), reference: String(r.correct.yws.every(Boolean)), target: "true", met: r.correct.ours.every(Boolean) && r.durable.every(Boolean) });
      const lp = percentile(r.loadMs, 95);
      rows.push({ case: "Cold open of the B4 agenda after restart", figure: "server load p95 (ms)", ours: round(lp), target: "<= 100 ms", met: lp <= 100, note: `${r.loadMs.length} restarts` });
      const sp = percentile(r.syncedMs, 95);
      rows.push({ case: "Cold open, 10 clients joining at once", figure: "client synced p95 (ms): answer arrived + own apply", ours: round(sp), target: "<= 300 ms", met: sp <= 300 && r.complete, note: `all ten applying in the one load-generator process: p95 ${fmt(round(percentile(r.syncedOneProcessMs, 95)))} ms` });
    }
    if (want("memory")) {
      const m = await memoryCase(lg);
      // The figure counts from the server's start, so it includes what the first connections
      // cost once (compiled code, caches); the note gives ours counted from after the first
      // connect/unload cycle instead (y-websocket never unloads, so it has no such figure).
      const warm = m.ours.cycleHeaps.length > 0 ? round((m.ours.loadedHeap - m.ours.cycleHeaps[0]) / m.ours.docs, 0) : null;
      rows.push({ case: `Memory per open idle document (${m.ours.docs} docs, one idle editor each)`, figure: "heap per document + its connection (bytes)", ours: m.ours.heapPerDocBytes, reference: m.yws.heapPerDocBytes, target: "<= 10 KB", met: m.ours.heapPerDocBytes <= 10_240, note: `ours counted from after the first connect/unload cycle: ${fmt(warm)} bytes` });
      rows.push({ case: "Unload after last disconnect", figure: "time until 100% of docs unloaded (ms)", ours: m.ours.unloadMs, reference: m.yws.unloadMs, target: "<= 5000 ms", met: m.ours.unloadMs <= 5000 });
      rows.push({ case: "10 connect/disconnect cycles", figure: "heap growth first -> last cycle (KB)", ours: round(m.ours.growthBytes / 1024, 0), reference: round(m.yws.growthBytes / 1024, 0), target: "no growth (< 1 MB)", met: m.ours.growthBytes < 1024 * 1024 });
    }
  } finally {
    await lg.stop();
  }
  if (want("app")) {
    try {
      const a = await appCases();
      const rps = (xs: Array<{ requestsPerSec: number }>) => percentile(xs.map((x) => x.requestsPerSec), 50);
      const r = ratio(rps(a.page), rps(a.bare));
      const p99 = a.page.reduce((m, x) => Math.max(m, x.p99), 0);
      rows.push({ case: `Agenda page with 200 items (${a.itemsOnPage} rendered), autocannon -c 10`, figure: "renders/s, ratio to bare React renderToString from SQLite", ours: rps(a.page), reference: rps(a.bare), ratio: r, target: ">= 0.9x", met: r !== null && r >= 0.9 });
      rows.push({ case: "Agenda page with 200 items", figure: "p99 latency (ms, worst run)", ours: p99, reference: Math.max(...a.bare.map((x) => x.p99)), target: "<= 80 ms", met: p99 <= 80 });
      rows.push({ case: "Chromium, cold loads of the agenda page", figure: "hydrated p75 (ms)", ours: a.browser.hydrated.p75, target: "<= 400 ms", met: a.browser.hydrated.p75 <= 400, note: `n=${a.browser.hydrated.n}` });
      rows.push({ case: "Chromium, cold loads of the agenda page", figure: "editor synced p75 (ms)", ours: a.browser.synced.p75, target: "<= 600 ms", met: a.browser.synced.p75 <= 600 });
    } catch (err) {
      log(`app cases failed: ${String((err as Error).stack ?? err)}`);
      raw.appError = String(err);
      rows.push({ case: "Agenda page / Chromium", figure: "failed to run", ours: null, target: "see raw.appError", met: false });
    }
  }
  if (want("search")) {
    const cases = searchCase();
    const demo = cases?.find((c) => c.case === "demo")?.searchMs?.p95;
    const big = cases?.find((c) => c.case !== "demo");
    rows.push({ case: "Search, 40 Dutch queries, demo data", figure: "search() p95 (ms)", ours: demo ?? null, target: "< 100 ms", met: demo !== undefined ? demo < 100 : null, note: cases ? undefined : "see raw.search" });
    if (big) rows.push({ case: `Search, 40 Dutch queries, ${big.case.replace("x", " regions x ")} items`, figure: "search() p95 (ms)", ours: big.searchMs?.p95 ?? null, target: "< 100 ms", met: big.searchMs?.p95 !== undefined ? big.searchMs.p95 < 100 : null });
  }
  if (want("flags")) {
    const f = flagsCase();
    if (!f) rows.push({ case: "Bottleneck flags, 28 regions x 500 items", figure: "not run or failed", ours: null, target: "recompute <= 50 ms, rules <= 1 ms", met: null, note: "see raw.flags (hook in run.ts runs tests/bench/flags.bench.ts)" });
    else {
      const rec = f.recomputeMs?.p95;
      const rules = f.rulesMs?.p95;
      rows.push({ case: "Bottleneck flags, 28 regions x 500 items", figure: "full recompute from SQLite p95 (ms)", ours: rec ?? null, target: "<= 50 ms", met: rec !== undefined ? rec <= 50 : null });
      rows.push({ case: "Bottleneck flags, 28 regions x 500 items", figure: "rule evaluation p95 (ms)", ours: rules ?? null, target: "<= 1 ms", met: rules !== undefined ? rules <= 1 : null });
      // Decision 017: what a page pays after one region's data changed, and when only the clock moved.
      const one = f.oneRegionMs?.p95;
      const minute = f.minuteMs?.p95;
      rows.push({ case: "Bottleneck flags, 28 regions x 500 items", figure: "one region changed p95 (ms)", ours: one ?? null, target: "<= 50 ms", met: one !== undefined ? one <= 50 : null });
      rows.push({ case: "Bottleneck flags, 28 regions x 500 items", figure: "minute turn p95 (ms)", ours: minute ?? null, target: "<= 1 ms", met: minute !== undefined ? minute <= 1 : null });
    }
  }
  writeResults();
}

function writeResults() {
  const durationSec = Math.round((Date.now() - started) / 1000);
  const machine = {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    pinning,
    loadAverageBefore: loadBefore.map((x) => round(x, 2)),
    loadAverageAfter: os.loadavg().map((x) => round(x, 2)),
  };
  const result = { date: new Date().toISOString(), durationSec, quick, only: only ?? null, machine, rows, raw };
  const suffix = only || quick ? ".partial" : "";
  fs.writeFileSync(path.join(resultsDir, `latest${suffix}.json`), JSON.stringify(result, null, 2) + "\n");
  const cell = (x: unknown) => (x === null || x === undefined ? "–" : String(x));
  const md = [
    `Benchmarks of ${result.date.slice(0, 10)} (${durationSec} s${quick ? ", --quick" : ""}${only ? `, only ${only.join(",")}` : ""}) on ${machine.cpus} x ${machine.model}, ${machine.memoryGiB} GiB, Node ${machine.node}; ${pinning}; load average before/after ${machine.loadAverageBefore[0]}/${machine.loadAverageAfter[0]}.`,
    "",
    "| Case | Figure | Ours | Reference | Ratio | Target | Met |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.case} | ${r.figure} | ${cell(r.ours)} | ${cell(r.reference)} | ${cell(r.ratio)} | ${r.target} | ${r.met === null ? "–" : r.met ? "yes" : "**no**"}${r.note ? ` (${r.note})` : ""} |`),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(resultsDir, `latest${suffix}.md`), md);
  console.log("\n" + md);
}

main().then(
  () => {
    removeTempDirs();
    process.exit(0);
  },
  (err) => {
    console.error(err);
    writeResults();
    removeTempDirs();
    process.exit(1);
  },
);
