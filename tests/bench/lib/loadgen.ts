// The load generator: a long-lived process (pinned to its own core) that runs one case at a time
// against whichever server the runner started, with real Yjs clients. Commands come over IPC:
//   <- { cmd: "run", id, name, params }  -> { type: "result", id, result } | { type: "error", id, error }
// A case can stop at named points and let the runner act (read server stats): `mark(label)`.
import fs from "node:fs";
import zlib from "node:zlib";
import * as Y from "yjs";
import { addItem, getItem, getItemText } from "../../../app/domain/agenda-doc";
import { BenchClient, updatePayload, type Target } from "./client";
import { addTraceItem, traceText } from "./trace";
import { percentile, round, sleep, summary } from "./stats";

let markSeq = 0;
const markWaiters = new Map<number, (data: unknown) => void>();
function mark<T = unknown>(label: string): Promise<T> {
  const markId = ++markSeq;
  return new Promise((resolve) => {
    markWaiters.set(markId, resolve as (d: unknown) => void);
    process.send!({ type: "mark", label, markId });
  });
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000) {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function connectAll(target: Target, rooms: string[], { staggerMs = 0 } = {}) {
  const clients: BenchClient[] = [];
  for (let i = 0; i < rooms.length; i++) {
    clients.push(
      new BenchClient(target, rooms[i], {
        awarenessState: { user: { name: `Editor ${i}`, color: "#30bced" }, cursor: null },
      }),
    );
    if (staggerMs && i % 10 === 9) await sleep(staggerMs);
  }
  await Promise.all(clients.map((c) => c.opened));
  await Promise.race([
    Promise.all(clients.map((c) => c.synced)),
    sleep(60_000).then(() => {
      throw new Error(`sync timeout: ${clients.filter((c) => c.closeCode !== null).length} closed`);
    }),
  ]);
  return clients;
}

/**
 * The text field the writers type into. Not the title: since 8eb371e a title stops at 200
 * characters and the server refuses the 201st keystroke (4422) and drops its writer, so a run of
 * 240 keys (12 s at 20 keys/s) measured only 200 against ours and all 240 against 28ed602.
 */
const PROBE_FIELD = "why";

/**
 * Latency of keystrokes: each writer types into its own item's PROBE_FIELD; every other client in
 * the room notes when that text reached each length. `sent[w][k]` is when keystroke k was typed.
 */
class LatencyProbe {
  samples: number[] = [];
  private sent = new Map<string, number[]>();
  private seen = new Map<BenchClient, Map<string, number>>();
  recording = false;

  track(receiver: BenchClient, itemIds: string[]) {
    const lengths = new Map<string, number>();
    for (const id of itemIds) lengths.set(id, getItemText(getItem(receiver.doc, id)!, PROBE_FIELD).length);
    this.seen.set(receiver, lengths);
    receiver.doc.on("update", (_u: Uint8Array, origin: unknown) => {
      if (origin !== receiver) return;
      const now = receiver.arrival;
      for (const [id, before] of lengths) {
        const len = getItemText(getItem(receiver.doc, id)!, PROBE_FIELD).length;
        if (len === before) continue;
        const sent = this.sent.get(id);
        if (sent && this.recording) {
          for (let k = before; k < len; k++) if (sent[k] !== undefined) this.samples.push(now - sent[k]);
        }
        lengths.set(id, len);
      }
    });
  }

  /** Types one character into `itemId` on `writer` and moves its cursor, as an editor would. */
  type(writer: BenchClient, itemId: string) {
    const text = getItemText(getItem(writer.doc, itemId)!, PROBE_FIELD);
    const sent = this.sent.get(itemId) ?? [];
    this.sent.set(itemId, sent);
    sent[text.length] = performance.now();
    text.insert(text.length, "abcdefghijklmnopqrstuvwxyz"[text.length % 26]);
    const pos = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
    writer.awareness.setLocalStateField("cursor", { anchor: pos, head: pos });
  }
}

/** Runs `fn` every `periodMs` from `startAt` on, on a schedule that does not drift. */
async function onSchedule(periodMs: number, durationMs: number, fn: (i: number) => void, offsetMs = 0) {
  const t0 = performance.now() + offsetMs;
  for (let i = 0; ; i++) {
    const at = t0 + i * periodMs;
    if (at - t0 >= durationMs) return;
    const wait = at - performance.now();
    if (wait > 0) await sleep(wait);
    fn(i);
  }
}

const sum = (clients: BenchClient[], f: (c: BenchClient) => number) => clients.reduce((s, c) => s + f(c), 0);

// ---- cases ---------------------------------------------------------------------------------

type FanoutParams = {
  target: Target;
  room: string;
  editors: number;
  keysPerSec: number;
  durationMs: number;
  idleMs: number;
  /** Typing before the measured part, not counted: a fresh server's (and this process's) first seconds are compiling. */
  warmupMs?: number;
};

async function fanout(p: FanoutParams) {
  const clients = await connectAll(p.target, Array(p.editors).fill(p.room), { staggerMs: 20 });
  const [writer, ...readers] = clients;
  const itemId = addItem(writer.doc, { title: "" });
  await waitFor(() => readers.every((c) => getItem(c.doc, itemId)), "item everywhere").catch((err) => {
    const codes = clients.map((c) => c.closeCode).filter((c) => c !== null);
    throw new Error(`${(err as Error).message}; ${readers.filter((c) => !getItem(c.doc, itemId)).length} without; closed: ${codes.join(",")}`);
  });
  await waitFor(
    () => clients.every((c) => c.awareness.getStates().size >= p.editors),
    "everyone's presence everywhere",
  );
  let idle = null;
  if (p.idleMs > 0) {
    // Presence only: every client renews its awareness state every 15 s (y-protocols).
    await sleep(1000);
    const f0 = sum(clients, (c) => c.framesIn);
    const b0 = sum(clients, (c) => c.bytesIn);
    await sleep(p.idleMs);
    const seconds = p.idleMs / 1000;
    idle = {
      framesPerSec: round((sum(clients, (c) => c.framesIn) - f0) / seconds, 1),
      bytesPerSec: round((sum(clients, (c) => c.bytesIn) - b0) / seconds, 0),
    };
  }
  const probe = new LatencyProbe();
  for (const r of readers) probe.track(r, [itemId]);
  let typed = 0;
  const typeFor = (durationMs: number) =>
    onSchedule(1000 / p.keysPerSec, durationMs, () => {
      probe.type(writer, itemId);
      typed++;
    });
  if (p.warmupMs) {
    await typeFor(p.warmupMs);
    await sleep(500);
  }
  const warmupKeys = typed;
  await mark("measure-start");
  probe.recording = true;
  await typeFor(p.durationMs);
  await waitFor(
    () => readers.every((c) => getItemText(getItem(c.doc, itemId)!, PROBE_FIELD).length === typed),
    "all keystrokes delivered",
    10_000,
  ).catch(() => {});
  const server = await mark("measure-end");
  const delivered = readers.filter((c) => getItemText(getItem(c.doc, itemId)!, PROBE_FIELD).length === typed).length;
  for (const c of clients) c.close();
  return { latency: summary(probe.samples), samples: probe.samples.map((x) => round(x, 2)), typed: typed - warmupKeys, expectedSamples: (typed - warmupKeys) * readers.length, delivered, idle, server };
}

type RegionsParams = {
  target: Target;
  rooms: string[];
  editorsPerRoom: number;
  updatesPerSec: number;
  durationMs: number;
  /** Typing before the measured part, not counted: a fresh server's (and this process's) first seconds are compiling. */
  warmupMs?: number;
};

async function regions(p: RegionsParams) {
  const rooms = p.rooms.flatMap((r) => Array(p.editorsPerRoom).fill(r) as string[]);
  const clients = await connectAll(p.target, rooms, { staggerMs: 10 });
  const probe = new LatencyProbe();
  const byRoom = new Map<string, BenchClient[]>();
  clients.forEach((c) => byRoom.set(c.room, [...(byRoom.get(c.room) ?? []), c]));
  const items = new Map<BenchClient, string>();
  for (const c of clients) items.set(c, addItem(c.doc, { title: "" }));
  for (const [, members] of byRoom) {
    const ids = members.map((m) => items.get(m)!);
    await waitFor(() => members.every((m) => ids.every((id) => getItem(m.doc, id))), "items everywhere");
    for (const m of members) probe.track(m, ids.filter((id) => id !== items.get(m)));
  }
  const period = 1000 / p.updatesPerSec;
  let typed = 0;
  const typeFor = (durationMs: number) =>
    Promise.all(
      clients.map((c, i) =>
        onSchedule(
          period,
          durationMs,
          () => {
            probe.type(c, items.get(c)!);
            typed++;
          },
          (i / clients.length) * period,
        ),
      ),
    );
  if (p.warmupMs) {
    await typeFor(p.warmupMs);
    await sleep(500);
    typed = 0;
  }
  await mark("measure-start");
  probe.recording = true;
  // Its own CPU too: past one core the latencies measure the load generator, not the server.
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await typeFor(p.durationMs);
  await sleep(1000);
  const used = process.cpuUsage(cpu0);
  const loadgenCpuPercent = round(((used.user + used.system) / 1000 / (performance.now() - wall0)) * 100, 1);
  const server = await mark("measure-end");
  for (const c of clients) c.close();
  return { latency: summary(probe.samples), samples: probe.samples.map((x) => round(x, 2)), typed, expectedSamples: typed * (p.editorsPerRoom - 1), server, loadgenCpuPercent };
}

// The B4 trace as the updates a Yjs client would send, one per transaction; computed once.
type Trace = { base: Uint8Array; updates: Uint8Array[]; endContent: string };
let trace: Trace | null = null;
function loadTrace(file: string): Trace {
  if (trace) return trace;
  const data = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString("utf8")) as {
    startContent: string;
    endContent: string;
    txns: Array<{ patches: Array<[number, number, string]> }>;
  };
  const doc = new Y.Doc();
  const text = addTraceItem(doc);
  if (data.startContent) text.insert(0, data.startContent);
  const base = Y.encodeStateAsUpdate(doc);
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (const txn of data.txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
      }
    });
  }
  if (text.toString() !== data.endContent) throw new Error("trace replay does not give endContent");
  doc.destroy();
  trace = { base, updates, endContent: data.endContent };
  return trace;
}

function replay(t: Trace, n: number): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, t.base);
  for (let i = 0; i < n; i++) Y.applyUpdate(doc, t.updates[i]);
  const text = traceText(doc)!.toString();
  doc.destroy();
  return text;
}

type IngestParams = { target: Target; room: string; tracePath: string; typistKeysPerSec: number; limit?: number };

async function ingest(p: IngestParams) {
  const full = loadTrace(p.tracePath);
  // A prefix of the trace (for profiling): the expected text is then the replay of that prefix.
  const t = p.limit ? { ...full, updates: full.updates.slice(0, p.limit), endContent: replay(full, p.limit) } : full;
  const frames = [updatePayload(t.base), ...t.updates.map(updatePayload)];
  const [writer, typist, observer] = await connectAll(p.target, [p.room, p.room, p.room]);
  const typistItem = addItem(typist.doc, { title: "" });
  await waitFor(() => getItem(observer.doc, typistItem) !== undefined, "typist item");
  const probe = new LatencyProbe();
  probe.track(observer, [typistItem]);
  probe.recording = true;
  let done = false;
  const observed = () => {
    return traceText(observer.doc)?.length ?? -1;
  };
  await mark("measure-start");
  const t0 = performance.now();
  const typing = (async () => {
    while (!done) {
      probe.type(typist, typistItem);
      await sleep(1000 / p.typistKeysPerSec);
    }
  })();
  // One connection, as fast as the socket takes it; yield now and then so timers (the typist) run.
  for (let i = 0; i < frames.length; i++) {
    writer.sendPayload(frames[i]);
    if (i % 256 === 255) {
      while (writer.ws.bufferedAmount > 4 * 1024 * 1024) await sleep(1);
      await new Promise((r) => setImmediate(r));
    }
  }
  const sentAt = performance.now() - t0;
  // The length alone is not enough: mid-trace the text can have the final length for a moment
  // (the server then would be killed before it had the rest).
  const whole = () => observed() === t.endContent.length && traceText(observer.doc)!.toString() === t.endContent;
  await waitFor(whole, "observer has the whole trace", 240_000).catch((e: Error) => {
    // Name how each connection ended: a close code says which server check refused the trace.
    const codes = [writer, typist, observer].map((c) => c.closeCode ?? "open").join("/");
    throw new Error(`${e.message} (writer/typist/observer: ${codes}; observed ${observed()} of ${t.endContent.length})`);
  });
  const wallMs = performance.now() - t0;
  done = true;
  await typing;
  const correct = traceText(observer.doc)?.toString() === t.endContent;
  const server = await mark("measure-end");
  for (const c of [writer, typist, observer]) c.close();
  return {
    updates: t.updates.length,
    wallMs: round(wallMs, 0),
    sendMs: round(sentAt, 0),
    correct,
    typistLatency: summary(probe.samples),
    samples: probe.samples.map((x) => round(x, 2)),
    server,
  };
}

type ColdJoinParams = { target: Target; room: string; joiners: number; expectedLength: number };

async function coldJoin(p: ColdJoinParams) {
  const t0 = performance.now();
  const clients = Array.from({ length: p.joiners }, () => new BenchClient(p.target, p.room));
  const times = await Promise.all(
    clients.map(async (c) => {
      await c.synced;
      return performance.now() - t0;
    }),
  );
  const complete = clients.every((c) => traceText(c.doc)?.length === p.expectedLength);
  for (const c of clients) c.close();
  // In this one process the ten clients apply their 312 KB one after the other, so the last one
  // is "synced" only after the other nine did their work too. Ten browsers do that in parallel:
  // `syncedMs` is when a client's answer arrived plus the time that client took to apply it;
  // `syncedOneProcessMs` keeps the serial figure.
  const own = clients.map((c) => c.step2ArrivedAt! - t0 + c.step2ApplyMs!);
  return { syncedMs: own.map((x) => round(x, 1)), syncedOneProcessMs: times.map((x) => round(x, 1)), complete };
}

type MemoryParams = { target: Target; rooms: string[]; warmUpRooms: string[]; cycles: number; unloadTimeoutMs?: number };
type Stats = { rooms: number; heapUsed: number };

async function memory(p: MemoryParams) {
  const coldBaseline = await mark<Stats>("stats");
  const connect = (rooms = p.rooms) => connectAll(p.target, rooms, { staggerMs: 5 });
  const waitUnloaded = async () => {
    const t0 = performance.now();
    for (;;) {
      const s = await mark<Stats>("stats-nogc");
      if (s.rooms === 0) return performance.now() - t0;
      if (performance.now() - t0 > (p.unloadTimeoutMs ?? 30_000)) return Infinity;
      await sleep(100);
    }
  };
  // The first rooms a process opens also pay for the code they run (bytecode, feedback, compiled
  // code: 1.0-1.4 MB in heap snapshots, whether 20 or 200 rooms opened), which is not the documents'.
  // So other rooms open and close first, and a document's cost is the slope: the heap's growth
  // from half of the rooms open to all of them, per room of the second half; the median of the
  // cycles, as one slope swung by 0.8 KB a document between runs.
  let clients = await connect(p.warmUpRooms);
  for (const c of clients) c.close();
  await waitUnloaded();
  const half = Math.floor(p.rooms.length / 2);
  const slopes: number[] = [];
  const heaps: number[] = [];
  let loaded: Stats | null = null;
  let unloadMs = 0;
  for (let i = 0; i < p.cycles; i++) {
    clients = await connect(p.rooms.slice(0, half));
    await sleep(500);
    const halfOpen = await mark<Stats>("stats");
    clients.push(...(await connect(p.rooms.slice(half))));
    await sleep(500);
    const allOpen = await mark<Stats>("stats");
    loaded ??= allOpen;
    slopes.push((allOpen.heapUsed - halfOpen.heapUsed) / (p.rooms.length - half));
    for (const c of clients) c.close();
    const ms = await waitUnloaded();
    if (i === 0) unloadMs = ms;
    heaps.push((await mark<Stats>("stats")).heapUsed);
  }
  if (!loaded) throw new Error("memory: no cycles");
  return {
    docs: p.rooms.length,
    baselineHeap: coldBaseline.heapUsed,
    loadedHeap: loaded.heapUsed,
    loadedRooms: loaded.rooms,
    // A server that never unloads (the in-memory reference) keeps the documents after the first
    // cycle, so only that cycle's slope counts documents.
    heapPerDocBytes: round(Number.isFinite(unloadMs) ? percentile(slopes, 50) : slopes[0], 0),
    slopesBytes: slopes.map((x) => round(x, 0)),
    /** Over every room of the first cycle from a fresh process: the process's code divided among the documents. */
    freshProcessPerDocBytes: round((loaded.heapUsed - coldBaseline.heapUsed) / p.rooms.length, 0),
    unloadMs: round(unloadMs, 0),
    cycleHeaps: heaps,
    growthBytes: heaps.length > 1 ? heaps[heaps.length - 1] - heaps[0] : 0,
  };
}

const cases: Record<string, (p: never) => Promise<unknown>> = { fanout, regions, ingest, coldJoin, memory };

process.on("message", async (msg: { cmd: string; id: number; name: string; params: unknown; markId?: number; data?: unknown }) => {
  if (msg.cmd === "mark-reply") {
    markWaiters.get(msg.markId!)?.(msg.data);
    markWaiters.delete(msg.markId!);
    return;
  }
  if (msg.cmd !== "run") return;
  try {
    const result = await cases[msg.name](msg.params as never);
    process.send!({ type: "result", id: msg.id, result });
  } catch (err) {
    process.send!({ type: "error", id: msg.id, error: String((err as Error).stack ?? err) });
  }
});
process.on("disconnect", () => process.exit(0));
process.send!({ type: "ready" });
