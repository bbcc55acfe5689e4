// Child processes of the benchmark: the server under test (core 0) and the load generator
// (core 1), each a `node --import tsx` process (not the tsx CLI, so a kill reaches the real
// process), talking over IPC.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../../..");

const hasTaskset = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
export const pinning = hasTaskset ? "taskset: server on core 0, load generator on core 1" : "no taskset: not pinned";

/** `cwd` is the tree whose code the process runs (tsx reads that tree's tsconfig from it). */
export function spawnPinned(core: number, nodeArgs: string[], opts: { ipc?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {}): ChildProcess {
  const cmd = hasTaskset ? "taskset" : process.execPath;
  const args = hasTaskset ? ["-c", String(core), process.execPath, ...nodeArgs] : nodeArgs;
  return spawn(cmd, args, {
    cwd: opts.cwd ?? repoRoot,
    stdio: opts.ipc === false ? ["ignore", "pipe", "pipe"] : ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, ...opts.env },
  });
}

type Msg = { type: string; id?: number; [k: string]: unknown };

export type ServerStats = {
  rooms: number;
  connections: number;
  heapUsed: number;
  rss: number;
  cpuPercent: number;
  eldP50: number;
  eldP99: number;
  eldMax: number;
};

export type ServerHandle = {
  kind: string;
  port: number;
  child: ChildProcess;
  logs: Array<{ level: string; msg: string; meta?: Record<string, unknown> }>;
  stats(gc?: boolean): Promise<ServerStats>;
  stop(): Promise<void>;
  kill(): Promise<void>;
};

function ipcRequests(child: ChildProcess) {
  let next = 1;
  const waiting = new Map<number, (m: Msg) => void>();
  child.on("message", (m: Msg) => {
    if (m.id !== undefined && waiting.has(m.id)) {
      waiting.get(m.id)!(m);
      waiting.delete(m.id);
    }
  });
  return (msg: Record<string, unknown>, timeoutMs = 120_000): Promise<Msg> =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => reject(new Error(`no answer to ${JSON.stringify(msg).slice(0, 80)}`)), timeoutMs);
      waiting.set(id, (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      child.send({ ...msg, id });
    });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once("exit", () => r()));

export async function startServer(config: {
  /** before: our server from an earlier commit's tree (`root`), run with `--baseline`. */
  kind: "ours" | "before" | "yws" | "hocus";
  root?: string;
  dbFile?: string;
  options?: Record<string, unknown>;
  profileDir?: string;
}): Promise<ServerHandle> {
  const nodeArgs = ["--expose-gc", "--import", "tsx"];
  // Samples every 0.1 ms (default 1 ms): a cold room load is about 100 ms, a keystroke's turn far less.
  if (config.profileDir) nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${config.profileDir}`, "--cpu-prof-interval=100");
  const root = config.root ?? repoRoot;
  nodeArgs.push(path.join(here, "server-process.ts"), JSON.stringify({ ...config, root }));
  const child = spawnPinned(0, nodeArgs, { cwd: root });
  let stderr = "";
  child.stderr!.on("data", (d) => {
    stderr += d;
    if (process.env.BENCH_VERBOSE) process.stderr.write(d);
  });
  child.stdout!.resume();
  const logs: ServerHandle["logs"] = [];
  child.on("message", (m: Msg) => {
    if (m.type === "log") logs.push(m as never);
  });
  const request = ipcRequests(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.on("message", (m: Msg) => m.type === "ready" && resolve(m.port as number));
    child.once("exit", (code) => reject(new Error(`${config.kind} server exited (${code}): ${stderr}`)));
  });
  return {
    kind: config.kind,
    port,
    child,
    logs,
    stats: async (gc = false) => (await request({ cmd: "stats", gc })) as unknown as ServerStats,
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ cmd: "stop" });
      const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited(child);
      clearTimeout(t);
    },
    async kill() {
      child.kill("SIGKILL");
      await exited(child);
    },
  };
}

/** Called when the load generator reaches a named point of a run (e.g. "measure-start"). */
export type OnMark = (label: string) => Promise<unknown> | unknown;

export type Loadgen = {
  run<T>(name: string, params: Record<string, unknown>, opts?: { timeoutMs?: number; onMark?: OnMark }): Promise<T>;
  stop(): Promise<void>;
};

export async function startLoadgen(): Promise<Loadgen> {
  const child = spawnPinned(1, ["--max-old-space-size=8192", "--import", "tsx", path.join(here, "loadgen.ts")]);
  child.stdout!.on("data", (d) => process.env.BENCH_VERBOSE && process.stdout.write(d));
  let stderr = "";
  child.stderr!.on("data", (d) => {
    stderr += d;
    process.stderr.write(d);
  });
  const request = ipcRequests(child);
  let onMark: OnMark | undefined;
  child.on("message", async (m: Msg) => {
    if (m.type !== "mark") return;
    const data = onMark ? await onMark(m.label as string) : null;
    child.send({ cmd: "mark-reply", markId: m.markId, data });
  });
  await new Promise<void>((resolve, reject) => {
    child.on("message", (m: Msg) => m.type === "ready" && resolve());
    child.once("exit", (code) => reject(new Error(`load generator exited (${code}): ${stderr}`)));
  });
  return {
    async run<T>(name: string, params: Record<string, unknown>, opts: { timeoutMs?: number; onMark?: OnMark } = {}) {
      onMark = opts.onMark;
      const answer = await request({ cmd: "run", name, params }, opts.timeoutMs ?? 300_000);
      onMark = undefined;
      if (answer.type === "error") throw new Error(`${name}: ${answer.error as string}`);
      return answer.result as T;
    },
    async stop() {
      child.kill("SIGTERM");
      await exited(child);
    },
  };
}
