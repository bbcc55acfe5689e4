// A benchmark world in a fresh SQLite file: regions with agendas and one editor who is a member of
// every region, with a live session. The collaboration server authenticates it with the real
// session cookie, exactly as in production.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "../../../db";
import { agendas, memberships, regions, users } from "../../../db/schema";
import { createSession } from "../../../app/models/session.server";

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

/** `agendaCount` agendas spread over `regionCount` regions; returns their ids in order. */
export function seedBenchWorld({
  dir = tempDir(),
  regionCount = 28,
  agendaCount = 28,
}: { dir?: string; regionCount?: number; agendaCount?: number } = {}): BenchWorld {
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
