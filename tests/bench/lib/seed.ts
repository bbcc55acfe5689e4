// A benchmark world in a fresh SQLite file: regions with agendas and one editor who is a member of
// every region, with a live session. The collaboration server authenticates it with the real
// session cookie, exactly as in production.
// With `root` (an earlier commit's tree, `--baseline`) the world is made by that tree's own
// database code (its migrations, schema and session model), in a child process: seed-tree.ts.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as database from "../../../db";
import * as schema from "../../../db/schema";
import * as sessions from "../../../app/models/session.server";

type Db = ReturnType<typeof database.openDatabase>;

export type BenchWorld = { file: string; dir: string; token: string; agendaIds: number[] };

const created: string[] = [];

export function tempDir(prefix = "agendawerk-bench-") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every temp folder this process made. */
export function removeTempDirs() {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The modules a world is made with: the working tree's, or a baseline tree's (seed-tree.ts). */
export type SeedModules = { database: typeof database; schema: typeof schema; sessions: typeof sessions };
export type WorldSize = { regionCount?: number; agendaCount?: number };

/** `agendaCount` agendas spread over `regionCount` regions; returns their ids in order. */
export function seedBenchWorld({ dir = tempDir(), root, ...size }: { dir?: string; root?: string } & WorldSize = {}): BenchWorld {
  if (!root) return seedWith({ database, schema, sessions }, dir, size);
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "seed-tree.ts");
  const r = spawnSync(process.execPath, ["--import", "tsx", script, root, dir, JSON.stringify(size)], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`seeding with ${root} failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as BenchWorld;
}

export function seedWith(
  { database: { openDatabase }, schema: { agendas, memberships, regions, users }, sessions: { createSession } }: SeedModules,
  dir: string,
  { regionCount = 28, agendaCount = 28 }: WorldSize,
): BenchWorld {
  const file = path.join(dir, "bench.sqlite");
  const db: Db = openDatabase({ file });
  const regionIds: number[] = [];
  for (let r = 0; r < regionCount; r++) {
    regionIds.push(db.insert(regions).values({ slug: `bench-${r}`, name: `Bench ${r}` }).returning().get().id);
  }
  const agendaIds: number[] = [];
  db.transaction((tx) => {
    for (let a = 0; a < agendaCount; a++) {
      const regionId = regionIds[a % regionCount];
      const period = `p${Math.floor(a / regionCount)}`;
      agendaIds.push(tx.insert(agendas).values({ regionId, title: `Agenda ${a}`, period }).returning().get().id);
    }
  });
  const userId = db.insert(users).values({ email: "bench@test.nl", name: "Bench editor" }).returning().get().id;
  for (const regionId of regionIds) db.insert(memberships).values({ userId, regionId, role: "member" }).run();
  const { token } = createSession({ db, userId, ip: "127.0.0.1", userAgent: "bench" });
  db.$client.close();
  return { file, dir, token, agendaIds };
}
