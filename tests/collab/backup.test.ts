import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { addItem, getItem } from "../../app/domain/agenda-doc";
import { checkBackup, holdDatabase, restoreDatabase } from "../../db/backup";
import { connectClient, planText, synced, waitFor, withWorld, type Client } from "./helpers";
import { startChildServer, type ChildServer } from "./fixtures/child-server";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const children: ChildServer[] = [];
const clients: Client[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const server of children.splice(0)) void server.kill();
});

/** Runs `npm run backup`/`restore`'s script the way npm does, against DATABASE_PATH. */
const cli = (script: string, args: string[], databaseFile: string) =>
  run(process.execPath, ["--import", "tsx", path.join(root, "db", script), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: databaseFile },
  });

/** Tokens look like "c<client>-<n>;" in each typist's own item plan. */
const tokensIn = (doc: Y.Doc, items: string[]) =>
  new Set(items.flatMap((id) => (getItem(doc, id) ? planText(doc, id).toString().match(/c\d-\d+;/g) ?? [] : [])));

describe("backup and restore", () => {
  it("a backup taken while editors type holds every update relayed before it began, and restores", async () => {
    const ctx = withWorld();
    try {
      const first = await startChildServer(ctx.file);
      children.push(first);
      const room = `agenda:${ctx.world.agendaA}`;
      const typists = [ctx.world.users.editor1, ctx.world.users.editor2].map((u) => connectClient(first.url, room, u.token));
      clients.push(...typists);
      await Promise.all(typists.map(synced));
      const items = typists.map((c, k) => addItem(c.doc, { id: `item-c${k}`, title: "", plan: [""] }));
      await waitFor(() => typists.every((c) => items.every((id) => getItem(c.doc, id))), "items everywhere");

      // A long read (a report, another backup) keeps every new commit in the WAL, where a copy of
      // the database file alone would miss it; the backup must read through the WAL.
      const longRead = new Database(ctx.file, { readonly: true });
      longRead.exec("begin");
      longRead.prepare("select count(*) from sqlite_master").get();

      let typing = true;
      const counters = [0, 0];
      const loops = typists.map(async (c, k) => {
        while (typing) {
          const text = planText(c.doc, items[k]);
          text.insert(text.length, `c${k}-${counters[k]++};`);
          await new Promise((r) => setTimeout(r, 4 + k));
        }
      });
      await waitFor(() => counters.every((n) => n > 40), "typing under way", 10_000);

      // What each editor has of the other's tokens can only have come through the server.
      const relayedBeforeBackup = new Set<string>();
      typists.forEach((c, k) => {
        for (const t of tokensIn(c.doc, items)) if (!t.startsWith(`c${k}-`)) relayedBeforeBackup.add(t);
      });
      const backupFile = path.join(path.dirname(ctx.file), "backup.sqlite");
      const countersAtStart = [...counters];
      const { stdout } = await cli("backup-cli.ts", ["--to", backupFile], ctx.file);
      expect(stdout).toMatch(/Back-up gemaakt/);
      // The editors kept typing through it.
      expect(counters.every((n, k) => n > countersAtStart[k])).toBe(true);
      typing = false;
      await Promise.all(loops);
      longRead.exec("commit");
      longRead.close();
      expect(relayedBeforeBackup.size).toBeGreaterThan(40);
      expect(checkBackup({ file: backupFile })).toMatchObject({ ok: true, pendingMigrations: 0 });

      // Restore into a stopped installation of its own, then open it with a fresh server.
      const restoredFile = path.join(path.dirname(ctx.file), "restored", "agendawerk.sqlite");
      const restored = await cli("restore-cli.ts", [backupFile], restoredFile);
      expect(restored.stdout).toMatch(/Hersteld/);
      const second = await startChildServer(restoredFile);
      children.push(second);
      const reader = connectClient(second.url, room, ctx.world.users.coordinator.token);
      clients.push(reader);
      await synced(reader);
      const inRestored = tokensIn(reader.doc, items);
      expect([...relayedBeforeBackup].filter((t) => !inRestored.has(t))).toEqual([]);
    } finally {
      ctx.cleanup();
    }
  }, 60_000);

  it("refuses a damaged file, a file that is no database, a newer database, and a restore while a server runs", async () => {
    const ctx = withWorld();
    try {
      const dir = path.dirname(ctx.file);
      const notSqlite = path.join(dir, "notes.sqlite");
      fs.writeFileSync(notSqlite, "dit is geen database");
      expect(checkBackup({ file: notSqlite })).toMatchObject({ ok: false });

      const good = path.join(dir, "good.sqlite");
      await ctx.db.$client.backup(good);
      expect(checkBackup({ file: good })).toMatchObject({ ok: true });

      const newer = path.join(dir, "newer.sqlite");
      fs.copyFileSync(good, newer);
      const raw = new Database(newer);
      raw.prepare("insert into __drizzle_migrations (hash, created_at) values ('x', ?)").run(Date.now() + 10 ** 9);
      raw.close();
      expect(checkBackup({ file: newer })).toMatchObject({ ok: false, reason: expect.stringMatching(/nieuwere versie/) });

      const damaged = path.join(dir, "damaged.sqlite");
      const bytes = fs.readFileSync(good);
      // Overwrite a stretch of pages past the header: the file opens, the integrity check fails.
      bytes.fill(0x5a, 8192, Math.min(bytes.length, 8192 * 6));
      fs.writeFileSync(damaged, bytes);
      expect(checkBackup({ file: damaged })).toMatchObject({ ok: false });

      const target = path.join(dir, "installed.sqlite");
      fs.copyFileSync(good, target);
      // A live process holds the target: the restore refuses and the file stays as it was.
      const server = await startChildServer(path.join(dir, "other.sqlite"));
      children.push(server);
      fs.writeFileSync(`${target}.server-pid`, `${server.child.pid}\n`);
      const before = fs.readFileSync(target);
      expect(() => restoreDatabase({ from: good, databaseFile: target })).toThrow(/draait een server/);
      expect(() => restoreDatabase({ from: damaged, databaseFile: path.join(dir, "fresh.sqlite") })).toThrow(/afgekeurd/);
      expect(fs.readFileSync(target).equals(before)).toBe(true);
      // Once it stops, its stale mark no longer holds the file.
      await server.kill();
      const { keptAs } = restoreDatabase({ from: good, databaseFile: target });
      expect(keptAs && fs.existsSync(keptAs)).toBe(true);
      // And this process may hold it, once.
      const held = holdDatabase(target);
      expect("release" in held).toBe(true);
      if ("release" in held) held.release();
    } finally {
      ctx.cleanup();
    }
  }, 30_000);
});
