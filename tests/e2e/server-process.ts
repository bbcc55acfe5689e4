// A real `server.ts` in its own process, on its own port and database, for the specs that need a
// configuration the suite's shared server does not have (production, an identity provider, SMTP).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type StartedServer = { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };

export function startServer({ port, databasePath, env = {} }: { port: number; databasePath: string; env?: Record<string, string> }): StartedServer {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Resolves when the server answers, or with its exit code if it stops first. */
export async function ready(server: StartedServer): Promise<"listening" | { exitCode: number | null }> {
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) return { exitCode };
    const up = await fetch(`${server.url}/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return "listening";
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function stop(server: StartedServer) {
  if (server.child.exitCode === null) server.child.kill("SIGTERM");
  await server.exited;
}
