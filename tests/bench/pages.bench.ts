// Benchmark of two pages users wait for (issue 19), as whole requests (loader and render) to the
// built app (server.ts, NODE_ENV=production, the demo data), timed from the request to the last
// byte over loopback, one request at a time:
//   search: GET /zoeken?q=… for the search bench's queries plus prefixes and a word without hits;
//           target p95 <= 100 ms.
//   version: GET /agendas/:id/versies/:versionId of a B4-sized agenda (the B4 editing trace,
//           tests/bench/data/automerge-paper.json.gz, replayed into an item's plan, as the ingest
//           case does through the room), compared with today's; target p95 <= 50 ms; and what a
//           cheap request (/healthz, every 10 ms) waits meanwhile, against the same probe alone.
// A script, not a test: `npx tsx tests/bench/pages.bench.ts [--quick] [--cases=search,version] [--tree=<dir>]`
// (--tree: build and serve that source tree instead of a copy of the working tree, e.g. one with the
// files of a change put back as they were, to compare before and after on the same machine)
// (or `npm run bench -- --only=searchpage,versionpage`); writes tests/bench/results/pages.json.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import * as Y from "yjs";
import { openDatabase } from "../../db";
import { readRoomState } from "../../app/collab/storage.server";
import { insertVersion } from "../../app/collab/versions.server";
import { addItem } from "../../app/domain/agenda-doc";
import { agendaRoom } from "../../shared/rooms";
import { QUERIES } from "./search.bench";
import { addTraceItem, traceText } from "./lib/trace";
import { login, startApp, stopChild } from "./lib/app-bench";
import { buildApp, copyOfWorkingTree } from "./lib/trees";
import { removeTempDirs, tempDir } from "./lib/seed";
import { round, sleep, summary } from "./lib/stats";

const here = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");
const otherTree = process.argv.find((a) => a.startsWith("--tree="))?.slice(7);
const cases = process.argv.find((a) => a.startsWith("--cases="))?.slice(8).split(",") ?? ["search", "version"];
const silent = { info() {}, warn() {}, error() {} };

/** What people type besides the search bench's words: prefixes while typing, and a word no text has. */
const PAGE_QUERIES = [...QUERIES, "fin", "zorgt", "tech", "xylofoonvogel"];

async function timedGet(url: string, cookie = "") {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 300)}`);
  return { ms: performance.now() - t, body };
}

async function searchPage(base: string, cookie: string) {
  const url = (q: string) => `${base}/zoeken?q=${encodeURIComponent(q)}`;
  for (const q of PAGE_QUERIES) await timedGet(url(q), cookie);
  const samples: number[] = [];
  const perQuery: Record<string, number[]> = {};
  for (let r = 0; r < (quick ? 2 : 10); r++) {
    for (const q of PAGE_QUERIES) {
      const { ms } = await timedGet(url(q), cookie);
      samples.push(ms);
      (perQuery[q] ??= []).push(ms);
    }
  }
  const slowest = Object.entries(perQuery)
    .map(([q, xs]) => [q, summary(xs).p50] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  return { queries: PAGE_QUERIES.length, pageMs: summary(samples), slowestQueriesP50: Object.fromEntries(slowest) };
}

/**
 * The B4 trace's item as one Yjs update (a doc of its own, merged into the agenda's below): the
 * replay takes a minute on a loaded machine, so it is kept in the temp folder per trace file.
 */
function b4ItemUpdate(tracePath: string): Uint8Array {
  const bytes = fs.readFileSync(tracePath);
  const kept = path.join(os.tmpdir(), `agendawerk-bench-b4-item-${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.bin`);
  if (fs.existsSync(kept)) return new Uint8Array(fs.readFileSync(kept));
  const trace = JSON.parse(zlib.gunzipSync(bytes).toString("utf8")) as { startContent: string; endContent: string; txns: Array<{ patches: Array<[number, number, string]> }> };
  const doc = new Y.Doc();
  const text = addTraceItem(doc);
  if (trace.startContent) text.insert(0, trace.startContent);
  for (const txn of trace.txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
      }
    });
  }
  if (traceText(doc)!.toString() !== trace.endContent) throw new Error("trace replay does not give endContent");
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  fs.writeFileSync(`${kept}.tmp`, update);
  fs.renameSync(`${kept}.tmp`, kept);
  return update;
}

/**
 * The demo's Amsterdam agenda made B4-sized: its stored document plus the trace's item, written
 * as the room's snapshot and as a named version; today's then differs from it by one added item.
 */
function makeB4Agenda(dbFile: string, b4Item: Uint8Array) {
  const db = openDatabase({ file: dbFile });
  try {
    const agendaId = db.$client.prepare("SELECT a.id FROM agendas a JOIN regions r ON r.id = a.region_id WHERE r.slug = 'amsterdam' ORDER BY a.id LIMIT 1").pluck().get() as number;
    const room = agendaRoom(agendaId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, readRoomState(db, room, silent));
    Y.applyUpdate(doc, b4Item);
    const state = Y.encodeStateAsUpdate(doc);
    const versionId = insertVersion(db, { agendaId, kind: "named", name: "B4", state, userId: null, createdAt: new Date() });
    const before = Y.encodeStateVector(doc);
    addItem(doc, { title: "Na de B4-versie toegevoegd", plan: ["Een kleine wijziging."] });
    const change = Y.encodeStateAsUpdate(doc, before);
    const c = db.$client;
    c.transaction(() => {
      const upTo = c.prepare("SELECT coalesce(max(id), 0) FROM ydoc_updates WHERE room = ?").pluck().get(room) as number;
      c.prepare("INSERT INTO ydoc_snapshots (room, state, up_to_update_id, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (room) DO UPDATE SET state = excluded.state, up_to_update_id = excluded.up_to_update_id, updated_at = excluded.updated_at")
        .run(room, Buffer.from(state), upTo, Date.now());
      c.prepare("DELETE FROM ydoc_updates WHERE room = ? AND id <= ?").run(room, upTo);
      c.prepare('INSERT INTO ydoc_updates (room, "update", user_id) VALUES (?, ?, NULL)').run(room, Buffer.from(change));
    })();
    doc.destroy();
    return { agendaId, versionId, stateBytes: state.byteLength };
  } finally {
    db.$client.close();
  }
}

/** A probe every `everyMs` while `during` runs: how long a cheap request waits. */
async function probeDuring(url: string, everyMs: number, during: () => Promise<unknown>) {
  const samples: number[] = [];
  let done = false;
  const probing = (async () => {
    while (!done) {
      samples.push((await timedGet(url)).ms);
      await sleep(everyMs);
    }
  })();
  try {
    await during();
  } finally {
    done = true;
    await probing;
  }
  return summary(samples);
}

async function versionPage(base: string, cookie: string, dbFile: string, b4Item: Uint8Array) {
  const b4 = makeB4Agenda(dbFile, b4Item);
  const url = `${base}/agendas/${b4.agendaId}/versies/${b4.versionId}`;
  const first = await timedGet(url, cookie);
  if (!first.body.includes("Na de B4-versie toegevoegd")) throw new Error("the version page does not show today's added item");
  const gets = quick ? 10 : 40;
  const samples: number[] = [];
  const healthzAlone = await probeDuring(`${base}/healthz`, 10, () => sleep(quick ? 1_000 : 3_000));
  const healthzDuring = await probeDuring(`${base}/healthz`, 10, async () => {
    for (let i = 0; i < gets; i++) samples.push((await timedGet(url, cookie)).ms);
  });
  return { ...b4, firstGetMs: round(first.ms), pageMs: summary(samples), healthzAloneMs: healthzAlone, healthzDuringMs: healthzDuring };
}

async function main() {
  const b4Item = cases.includes("version") ? b4ItemUpdate(path.join(here, "data/automerge-paper.json.gz")) : new Uint8Array();
  const tree = otherTree ? { root: path.resolve(otherTree), commit: `tree ${otherTree}` } : copyOfWorkingTree();
  const buildMs = buildApp(tree);
  const app = await startApp(tree.root, tempDir("agendawerk-bench-pages-"));
  const result: Record<string, unknown> = {
    benchmark: "pages",
    at: new Date().toISOString(),
    commit: tree.commit,
    node: process.version,
    machine: { cpus: os.cpus().length, loadAverageBefore: os.loadavg().map((x) => round(x)) },
    buildMs: round(buildMs, 0),
    note: "pageMs: one GET of the whole page (loader and render), request to last byte over loopback, one at a time; version.firstGetMs: the first GET of the version after the server started; healthz*: a GET /healthz every 10 ms alone and during the version page GETs",
  };
  try {
    const base = `http://127.0.0.1:${app.port}`;
    const cookie = await login(app.port);
    if (cases.includes("search")) console.log(JSON.stringify((result.search = await searchPage(base, cookie))));
    if (cases.includes("version")) result.version = await versionPage(base, cookie, app.dbFile, b4Item);
  } finally {
    await stopChild(app.child);
  }
  (result.machine as Record<string, unknown>).loadAverageAfter = os.loadavg().map((x) => round(x));
  const json = JSON.stringify(result, null, 2);
  fs.writeFileSync(path.join(here, "results", otherTree ? "pages.other-tree.json" : "pages.json"), json + "\n");
  console.log(json);
}

await main().finally(removeTempDirs);
