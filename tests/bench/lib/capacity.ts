// Capacity of one node (issue 19, decision 043): rooms of 10 editors each typing 2 updates/s with
// their cursors, as in the "28 agendas x 10 editors" case, raised step by step on a fresh server
// (core 0) until keystroke p99 passes 50 ms or the server's core is saturated. Every step writes
// down latency, CPU and memory; the last step within both limits is what one node holds.
import fs from "node:fs";
import { startServer, type Loadgen, type ServerStats } from "./procs";
import { seedBenchWorld } from "./seed";
import { round, summary, type Summary } from "./stats";

export const EDITORS_PER_ROOM = 10;
const LADDER = [4, 8, 16, 28, 56, 112];
const P99_LIMIT_MS = 50;
const CPU_LIMIT_PERCENT = 90;

/**
 * The national user base, estimated (decision 043 gives the reasoning): 28 regions, each a
 * workgroup of 10-30 members who write the agenda; the ministry's regioteam of about 15 advisers;
 * stuurgroep members read papers and pages, they do not hold editors open. The peak is the upper
 * end with everyone in their region's agenda at once: 28 x 30 + 15.
 */
export const NATIONAL = {
  regions: 28,
  workgroupMembers: { low: 28 * 10, high: 28 * 30 },
  advisers: 15,
  peakLiveEditors: 28 * 30 + 15,
  peakRooms: 28,
};

type RegionsResult = {
  samples: number[];
  expectedSamples: number;
  server: ServerStats;
  loadgenCpuPercent: number;
};

export type CapacityStep = {
  rooms: number;
  liveEditors: number;
  connectionsAtServer: number;
  keystroke: Summary;
  delivered: string;
  serverCpuPercent: number;
  /** The CPU over the typing alone (the window ends with a 1 s drain, counted as idle here). */
  serverCpuTypingPercent: number;
  /** Share of the step the server's main thread was runnable but waited for its core (null off Linux). */
  serverWaitedForCorePercent: number | null;
  eventLoopDelayP99Ms: number;
  loadgenCpuPercent: number;
  rssMiB: number;
  heapMiB: number;
  /** Heap and RSS of the loaded server (after a full GC) less those of the same fresh server before anyone connected. */
  heapPerRoomKiB: number;
  heapPerEditorKiB: number;
  rssPerRoomKiB: number;
  /** Which limit the step passed ("" within both). */
  over: string;
  within: boolean;
};

export type Capacity = {
  stepMs: number;
  steps: CapacityStep[];
  stoppedBecause: string;
  /** `regions`: how many regions could have their whole workgroup (30) in the agenda at once. */
  holds: { rooms: number; liveEditors: number; regions: number } | null;
  national: typeof NATIONAL;
  /**
   * The server's CPU per added live editor between the two largest steps that ran (one step: its
   * CPU per editor, fixed costs included), extrapolated to the limit: on a machine shared with other
   * work the latencies include waiting for a core, the CPU time far less.
   */
  byCpu: {
    fromRooms: number[];
    cpuPercentPerEditor: number;
    liveEditorsAtLimit: number;
  } | null;
};

/**
 * The server's main thread: time on a core and time runnable but waiting for one (ns, Linux
 * /proc/<pid>/schedstat). On a machine shared with other work the server gets only part of its
 * core, so its CPU alone never reaches the limit; running + waiting is what it wanted.
 */
function schedstat(pid: number | undefined): [number, number] | null {
  try {
    const [run, wait] = fs
      .readFileSync(`/proc/${pid}/schedstat`, "utf8")
      .split(" ")
      .map(Number);
    return [run, wait];
  } catch {
    return null;
  }
}

const mib = (bytes: number) => round(bytes / 2 ** 20, 1);
const kib = (bytes: number) => round(bytes / 1024, 1);

/**
 * `wholeLadder`: past a step over the latency limit while the server's core is not saturated (on a
 * loaded machine, where the first step may already wait for a core), so the CPU figures of every step exist.
 */
export async function capacityCase(
  lg: Loadgen,
  {
    quick,
    wholeLadder,
    log,
  }: { quick: boolean; wholeLadder: boolean; log: (msg: string) => void }
): Promise<Capacity> {
  const stepMs = quick ? 5_000 : 15_000;
  const world = seedBenchWorld({
    agendaCount: LADDER[LADDER.length - 1],
    regionCount: NATIONAL.regions,
  });
  const steps: CapacityStep[] = [];
  let stoppedBecause = "the ladder's end";
  for (const rooms of LADDER) {
    log(
      `capacity: ${rooms} rooms x ${EDITORS_PER_ROOM} editors, ${
        stepMs / 1000
      } s`
    );
    const s = await startServer({ kind: "ours", dbFile: world.file });
    try {
      const fresh = await s.stats(true);
      let loaded: ServerStats | null = null;
      let windowStart = 0;
      let windowMs = 0;
      let sched0: [number, number] | null = null;
      let waited: number | null = null;
      let ran: number | null = null;
      const r = await lg.run<RegionsResult>(
        "regions",
        {
          target: { kind: "ours", port: s.port, token: world.token },
          rooms: world.agendaIds.slice(0, rooms).map((id) => `agenda:${id}`),
          editorsPerRoom: EDITORS_PER_ROOM,
          updatesPerSec: 2,
          durationMs: stepMs,
          warmupMs: quick ? 1_000 : 3_000,
        },
        {
          timeoutMs: 240_000,
          // CPU over the step first, then the memory after a full GC while every editor is still connected.
          onMark: async (label) => {
            if (label !== "measure-end") {
              windowStart = performance.now();
              sched0 = schedstat(s.child.pid);
              return s.stats(false);
            }
            const busy = await s.stats(false);
            windowMs = performance.now() - windowStart;
            const sched1 = schedstat(s.child.pid);
            if (sched0 && sched1) {
              ran = ((sched1[0] - sched0[0]) / 1e6 / windowMs) * 100;
              waited = ((sched1[1] - sched0[1]) / 1e6 / windowMs) * 100;
            }
            loaded = await s.stats(true);
            return busy;
          },
        }
      );
      const after = loaded as ServerStats | null;
      const waitedPercent = waited as number | null;
      // The main thread's own figures where the kernel gives them (the CPU figure counts every thread).
      const ranPercent = (ran as number | null) ?? r.server.cpuPercent;
      const wanted = ranPercent + (waitedPercent ?? 0);
      if (!after) throw new Error("no server stats at the end of the step");
      const liveEditors = rooms * EDITORS_PER_ROOM;
      const keystroke = summary(r.samples);
      const heapGrowth = after.heapUsed - fresh.heapUsed;
      const step: CapacityStep = {
        rooms,
        liveEditors,
        connectionsAtServer: after.connections,
        keystroke,
        delivered: `${r.samples.length}/${r.expectedSamples}`,
        serverCpuPercent: round(r.server.cpuPercent, 1),
        serverCpuTypingPercent: round(
          (r.server.cpuPercent * windowMs) / stepMs,
          1
        ),
        serverWaitedForCorePercent:
          waitedPercent === null ? null : round(waitedPercent, 1),
        eventLoopDelayP99Ms: round(r.server.eldP99, 1),
        loadgenCpuPercent: r.loadgenCpuPercent,
        rssMiB: mib(after.rss),
        heapMiB: mib(after.heapUsed),
        heapPerRoomKiB: kib(heapGrowth / rooms),
        heapPerEditorKiB: kib(heapGrowth / liveEditors),
        rssPerRoomKiB: kib((after.rss - fresh.rss) / rooms),
        over: [
          keystroke.p99 > P99_LIMIT_MS &&
            `keystroke p99 ${keystroke.p99} ms > ${P99_LIMIT_MS} ms`,
          wanted >= CPU_LIMIT_PERCENT &&
            `server's core saturated: main thread ran ${round(
              ranPercent,
              1
            )}% + waited for it ${round(
              waitedPercent ?? 0,
              1
            )}% >= ${CPU_LIMIT_PERCENT}%`,
          r.samples.length < r.expectedSamples &&
            `only ${r.samples.length}/${r.expectedSamples} keystrokes delivered`,
        ]
          .filter(Boolean)
          .join(", "),
        within: false,
      };
      step.within = step.over === "";
      steps.push(step);
      log(
        `  p50/p99 ${keystroke.p50}/${keystroke.p99} ms, server CPU ${step.serverCpuPercent}% (waited ${step.serverWaitedForCorePercent}%), load generator ${step.loadgenCpuPercent}%, heap ${step.heapMiB} MiB`
      );
      const saturated =
        wanted >= CPU_LIMIT_PERCENT || r.samples.length < r.expectedSamples;
      if (!step.within && (!wholeLadder || saturated)) {
        stoppedBecause = `${rooms} rooms: ${step.over}`;
        break;
      }
      // Past a core of its own the load generator, not the server, would set the latencies.
      if (r.loadgenCpuPercent >= CPU_LIMIT_PERCENT) {
        stoppedBecause = `${rooms} rooms: the load generator used ${r.loadgenCpuPercent}% of its core, so the node holds at least this`;
        break;
      }
    } catch (err) {
      stoppedBecause = `${rooms} rooms: failed (${String(err).slice(0, 200)})`;
      log(`  ${stoppedBecause}`);
      break;
    } finally {
      await s.stop();
    }
  }
  // What one node holds: the largest step with every step up to it within the limits.
  const firstOut = steps.findIndex((x) => !x.within);
  const last = (firstOut < 0 ? steps : steps.slice(0, firstOut)).pop();
  const out = steps[firstOut];
  if (wholeLadder && out)
    stoppedBecause = `first over the limits at ${out.rooms} rooms (${
      out.over
    }); the whole ladder went on to ${
      steps[steps.length - 1].rooms
    } rooms, ended by ${stoppedBecause}`;
  const [a, b] = steps.filter((x) => x.serverCpuTypingPercent > 0).slice(-2);
  const top = b ?? a;
  const slope =
    b && b.serverCpuTypingPercent > a.serverCpuTypingPercent
      ? (b.serverCpuTypingPercent - a.serverCpuTypingPercent) /
        (b.liveEditors - a.liveEditors)
      : null;
  const perEditor =
    slope ?? (top ? top.serverCpuTypingPercent / top.liveEditors : 0);
  return {
    stepMs,
    steps,
    stoppedBecause,
    holds: last
      ? {
          rooms: last.rooms,
          liveEditors: last.liveEditors,
          regions: Math.min(
            NATIONAL.regions,
            Math.floor(last.liveEditors / 30)
          ),
        }
      : null,
    national: NATIONAL,
    byCpu: top
      ? {
          fromRooms: slope ? [a.rooms, b.rooms] : [top.rooms],
          cpuPercentPerEditor: round(perEditor, 4),
          liveEditorsAtLimit: Math.floor(
            top.liveEditors +
              (CPU_LIMIT_PERCENT - top.serverCpuTypingPercent) / perEditor
          ),
        }
      : null,
  };
}
