// Backups that restore (docs/decisions/040-backups.md): a consistent copy of a running database
// through SQLite's online backup API, a check of a copy before it is trusted, and a restore that
// refuses while a server holds the database. Used by `npm run backup`, `npm run restore` and the
// server's schedule; messages are Dutch because operators read them in the terminal.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { knownMigrations } from "./index";

/**
 * Copies `source` to `to` while others keep writing; the copy is one committed state. Writes made
 * through `source` itself reach a backup in progress, so the server's own schedule copies in small
 * steps between its turns. A write through another connection (the server, while `npm run backup`
 * runs) restarts the copy, so that copy is taken in one step: one read transaction, which in WAL
 * mode never holds up the writer. Written under a temporary name and renamed, so a half-written
 * file never carries the backup's name.
 */
export async function backupDatabase({
  source,
  to,
  sameConnectionAsWriter,
}: {
  source: Database.Database;
  to: string;
  sameConnectionAsWriter: boolean;
}): Promise<{ bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(to)), { recursive: true });
  const partial = `${to}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await source.backup(partial, { progress: () => (sameConnectionAsWriter ? 1_000 : 0x7fffffff) });
    // The copy is a standalone file: no WAL beside it to lose when it is moved or mailed.
    const copy = new Database(partial);
    copy.pragma("journal_mode = DELETE");
    copy.close();
    fs.renameSync(partial, to);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { bytes: fs.statSync(to).size };
}

export type BackupCheck =
  | { ok: true; appliedMigrations: number; pendingMigrations: number }
  | { ok: false; reason: string };

/** Is `file` an intact Agendawerk database this version of the code can open (now or after migrating)? */
export function checkBackup({ file }: { file: string }): BackupCheck {
  if (!fs.existsSync(file)) return { ok: false, reason: `${file} bestaat niet.` };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { ok: false, reason: `${file} is geen SQLite-database (${(error as Error).message}).` };
  }
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return { ok: false, reason: `de integriteitscontrole faalt: ${String(integrity)}` };
    const hasLog = db.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
    if (!hasLog) return { ok: false, reason: "dit is geen Agendawerk-database (geen migratielog)." };
    const applied = db.prepare("select hash, created_at as createdAt from __drizzle_migrations order by created_at").all() as Array<{ hash: string; createdAt: number }>;
    const known = new Map(knownMigrations().map((m) => [m.folderMillis, m.hash]));
    for (const row of applied) {
      const hash = known.get(Number(row.createdAt));
      if (hash === undefined) return { ok: false, reason: "de database heeft migraties die deze versie van Agendawerk niet kent (een nieuwere versie?)." };
      if (hash !== row.hash) return { ok: false, reason: "een migratie in de database verschilt van die in deze versie van Agendawerk." };
    }
    return { ok: true, appliedMigrations: applied.length, pendingMigrations: known.size - applied.length };
  } catch (error) {
    return { ok: false, reason: `de database is niet leesbaar (${(error as Error).message}).` };
  } finally {
    db.close();
  }
}

// ---- the server's hold on its database -------------------------------------------------------

const lockFileOf = (databaseFile: string) => `${databaseFile}.server-pid`;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** The pid of a live server holding `databaseFile`, if any (a stale lock of a crashed one is ignored). */
export function serverHolding(databaseFile: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockFileOf(databaseFile), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Marks `databaseFile` as held by this process, so a restore (or a second server) refuses while it
 * runs. Returns the release, or the pid that already holds it.
 */
export function holdDatabase(databaseFile: string): { release: () => void } | { heldBy: number } {
  const heldBy = serverHolding(databaseFile);
  if (heldBy) return { heldBy };
  // Before openDatabase on a fresh install: the database's folder may not exist yet.
  fs.mkdirSync(path.dirname(path.resolve(databaseFile)), { recursive: true });
  fs.writeFileSync(lockFileOf(databaseFile), `${process.pid}\n`);
  return {
    release: () => {
      if (serverHolding(databaseFile) === null) fs.rmSync(lockFileOf(databaseFile), { force: true });
    },
  };
}

/**
 * Puts a checked backup in the place of `databaseFile` while no server runs. The replaced database
 * (with its WAL, which may hold its last commits) is kept beside it, so a mistaken restore is undone
 * by moving it back.
 */
export function restoreDatabase({ from, databaseFile, now = new Date() }: { from: string; databaseFile: string; now?: Date }): { keptAs: string | null; check: BackupCheck } {
  const heldBy = serverHolding(databaseFile);
  if (heldBy) throw new Error(`er draait een server op deze database (pid ${heldBy}); stop die eerst.`);
  const check = checkBackup({ file: from });
  if (!check.ok) throw new Error(`de back-up is afgekeurd: ${check.reason}`);
  fs.mkdirSync(path.dirname(path.resolve(databaseFile)), { recursive: true });
  const incoming = `${databaseFile}.restoring`;
  fs.copyFileSync(from, incoming);
  let keptAs: string | null = null;
  if (fs.existsSync(databaseFile)) {
    keptAs = `${databaseFile}.voor-herstel-${now.toISOString().replace(/[:.]/g, "-")}`;
    for (const suffix of ["", "-wal", "-shm"]) {
      if (fs.existsSync(databaseFile + suffix)) fs.renameSync(databaseFile + suffix, keptAs + suffix);
    }
  }
  fs.renameSync(incoming, databaseFile);
  return { keptAs, check };
}

// ---- the schedule ----------------------------------------------------------------------------

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "30m", "6h", "1d" → milliseconds; null for anything else (at least one minute). */
export function parseBackupInterval(text: string): number | null {
  const m = /^(\d+)([mhd])$/.exec(text.trim());
  if (!m) return null;
  const ms = Number(m[1]) * units[m[2]];
  return ms >= units.m ? ms : null;
}

const backupName = (at: Date) => `agendawerk-${at.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}Z.sqlite`;
const isScheduledBackup = (name: string) => /^agendawerk-\d{8}-\d{6}Z\.sqlite$/.test(name);

type ScheduleLog = { info(msg: string, data?: object): void; error(msg: string, data?: object): void };

/**
 * Every `everyMs` a backup into `dir`, keeping the newest `keep`; one at start, so a fresh install
 * is covered at once. A backup still running when the next is due makes that one wait its turn.
 */
export function startBackupSchedule({
  source,
  dir,
  everyMs,
  keep,
  log,
  now = () => new Date(),
}: {
  source: Database.Database;
  dir: string;
  everyMs: number;
  keep: number;
  log: ScheduleLog;
  now?: () => Date;
}): { stop: () => Promise<void>; runNow: () => Promise<string | null> } {
  let running: Promise<string | null> | null = null;
  const run = () =>
    (running ??= (async () => {
      const file = path.join(dir, backupName(now()));
      try {
        const { bytes } = await backupDatabase({ source, to: file, sameConnectionAsWriter: true });
        const old = fs.readdirSync(dir).filter(isScheduledBackup).sort().reverse().slice(keep);
        for (const name of old) fs.rmSync(path.join(dir, name), { force: true });
        log.info("backup written", { file, bytes, removed: old.length });
        return file;
      } catch (error) {
        log.error("backup failed", { file, err: String(error) });
        return null;
      } finally {
        running = null;
      }
    })());
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return {
    runNow: run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
