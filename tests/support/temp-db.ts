import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "../../db";
import { seedDemoData } from "../../db/seed";

/** A real SQLite file in a fresh temp folder, removed by the returned cleanup. */
export function tempDatabase(): { db: Db; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agendawerk-test-"));
  const file = path.join(dir, "test.sqlite");
  const db = openDatabase({ file });
  return {
    db,
    file,
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A temp database with the demo data every route test starts from. */
export async function seededTempDatabase(): Promise<ReturnType<typeof tempDatabase>> {
  const ctx = tempDatabase();
  await seedDemoData({ db: ctx.db });
  return ctx;
}
