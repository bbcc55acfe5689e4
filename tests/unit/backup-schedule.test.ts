import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import os from "node:os";
import { checkBackup, holdDatabase, parseBackupInterval, serverHolding, startBackupSchedule } from "../../db/backup";
import { tempDatabase } from "../support/temp-db";

const quiet = { info: () => {}, error: () => {} };

describe("the backup schedule", () => {
  it("writes a checked backup at start and on each run, and keeps the newest BACKUP_KEEP", async () => {
    const ctx = tempDatabase();
    try {
      const dir = path.join(path.dirname(ctx.file), "backups");
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "keep-me.txt"), "not a backup");
      let clock = Date.parse("2026-12-02T10:00:00Z");
      const schedule = startBackupSchedule({ source: ctx.db.$client, dir, everyMs: 3_600_000, keep: 2, log: quiet, now: () => new Date(clock) });
      for (let i = 0; i < 3; i++) {
        clock += 3_600_000;
        await schedule.runNow();
      }
      await schedule.stop();
      const files = fs.readdirSync(dir).sort();
      expect(files).toEqual(["agendawerk-20261202-120000Z.sqlite", "agendawerk-20261202-130000Z.sqlite", "keep-me.txt"]);
      expect(checkBackup({ file: path.join(dir, files[1]) })).toMatchObject({ ok: true, pendingMigrations: 0 });
    } finally {
      ctx.cleanup();
    }
  });

  it("holds a database whose folder does not exist yet (a fresh install), and lets go of it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agendawerk-hold-"));
    try {
      const file = path.join(dir, "data", "agendawerk.sqlite");
      const held = holdDatabase(file);
      expect("release" in held).toBe(true);
      expect(fs.readFileSync(`${file}.server-pid`, "utf8").trim()).toBe(String(process.pid));
      if ("release" in held) held.release();
      expect(fs.existsSync(`${file}.server-pid`)).toBe(false);
      expect(serverHolding(file)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads BACKUP_EVERY as minutes, hours or days, and refuses anything else", () => {
    expect(parseBackupInterval("30m")).toBe(1_800_000);
    expect(parseBackupInterval("6h")).toBe(21_600_000);
    expect(parseBackupInterval("1d")).toBe(86_400_000);
    for (const bad of ["", "0m", "10", "1w", "-1h", "1.5h"]) expect(parseBackupInterval(bad)).toBeNull();
  });
});
