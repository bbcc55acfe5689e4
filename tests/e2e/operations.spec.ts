// What an operator relies on (issue 19, decision 040): /healthz, JSON logs with request and
// connection ids and the user id but no secrets, and `npm run backup`/`restore` against a server
// of its own while it runs.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { collabAnswer, DEMO_PASSWORD, demo, login, openAgenda } from "./helpers";
import { portBeside } from "../../playwright.config";
import { ready, startServer, stop, type StartedServer } from "./server-process";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../..");
const cli = (script: string, args: string[], databasePath: string) =>
  run(process.execPath, ["--import", "tsx", path.join(repoRoot, "db", script), ...args], { cwd: repoRoot, env: { ...process.env, DATABASE_PATH: databasePath } });

test.describe.configure({ mode: "serial" });

let dir: string;
let databasePath: string;
let server: StartedServer;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "agendawerk-operations-"));
  databasePath = path.join(dir, "agendawerk.sqlite");
  server = startServer({ port: portBeside(5), databasePath });
  expect(await ready(server), server.output()).toBe("listening");
});

test.afterAll(async () => {
  await stop(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("/healthz says ok, with no data and no cookie", async () => {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  expect(res.headers.get("set-cookie")).toBeNull();
  expect(await res.json()).toEqual({ status: "ok", checks: { database: "ok", migrations: "ok", collaboration: "ok" } });
});

test("logs are JSON lines with request ids, connection ids and the user id, and never a password, a cookie, a token or what users wrote", async ({ browser }) => {
  const signIn = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams({ email: demo.coordinator, password: DEMO_PASSWORD, redirectTo: "/" }),
  });
  expect(signIn.status).toBe(302);
  const cookie = signIn.headers.getSetCookie()[0].split(";")[0];
  const token = decodeURIComponent(cookie.split("=")[1]);
  const requestId = "proxy-req-12345678";
  const page = await fetch(`${server.url}/regios?zoek=geheim-in-de-query`, { headers: { cookie, "X-Request-Id": requestId } });
  expect(page.status).toBe(200);
  expect(page.headers.get("x-request-id")).toBe(requestId);
  const db = new Database(databasePath, { readonly: true });
  const userId = db.prepare("select id from users where email = ?").pluck().get(demo.coordinator) as number;
  const agendaId = db.prepare("select a.id from agendas a join memberships m on m.region_id = a.region_id where m.user_id = ?").pluck().get(userId) as number;
  const barrierId = db.prepare("select id from barriers where agenda_id = ?").pluck().get(agendaId) as number;
  db.close();
  const room = `agenda:${agendaId}`;
  expect((await collabAnswer(room, cookie, { server: server.url, origin: server.url, untilSynced: true })).synced).toBe(true);
  await fetch(`${server.url}/wachtwoord/een-geheim-token-uit-een-mail`);

  // What an editor writes, live in the document and through a form, is the users' business only.
  const typed = "Zinnetje-dat-nooit-in-het-logboek-mag-staan.";
  const replied = "Reactie-die-nooit-in-het-logboek-mag-staan.";
  const context = await browser.newContext({ baseURL: server.url });
  const editor = await context.newPage();
  await login(editor, demo.coordinator);
  await openAgenda(editor, agendaId);
  await editor.getByTestId("item-plan").first().click();
  await editor.keyboard.type(` ${typed}`);
  await expect(editor.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  await editor.goto(`/belemmeringen/${barrierId}`);
  await editor.getByLabel("Je reactie (noem iemand met @naam)").fill(replied);
  await editor.getByRole("button", { name: "Reactie plaatsen" }).click();
  await expect(editor.getByTestId("barrier-comment").last()).toContainText(replied);
  await context.close();

  // A request's line is written when its response has finished, a socket's when it has closed.
  const count = (msg: string) => server.output().split("\n").filter((line) => line.includes(`"msg":"${msg}"`)).length;
  await expect.poll(() => count("collab: connected") >= 2 && count("collab: disconnected") === count("collab: connected") && server.output().includes("/wachtwoord/[verwijderd]")).toBe(true);
  const lines = server.output().trim().split("\n");
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown> & { req?: { id: string; path: string }; userId?: number; msg: string });
  const pageLine = entries.find((e) => e.req?.id === requestId);
  expect(pageLine).toMatchObject({ level: "info", userId, req: { method: "GET", path: "/regios" }, res: { status: 200 } });
  const connected = entries.find((e) => e.msg === "collab: connected" && e.userId === userId);
  expect(connected).toMatchObject({ room, conn: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  expect(entries.find((e) => e.msg === "collab: disconnected" && e.conn === connected!.conn)).toBeTruthy();
  expect(entries.some((e) => e.req?.path === "/wachtwoord/[verwijderd]" && e.res)).toBe(true);
  for (const secret of [DEMO_PASSWORD, token, "geheim-in-de-query", "een-geheim-token-uit-een-mail", typed, replied]) expect(server.output()).not.toContain(secret);
});

test("a backup of the running server is checked and restores once the server is stopped", async () => {
  const backup = path.join(dir, "backups", "nu.sqlite");
  const made = await cli("backup-cli.ts", ["--to", backup], databasePath);
  expect(made.stdout).toMatch(/Back-up gemaakt: .*integriteit in orde/);
  // A second backup never overwrites the first.
  await expect(cli("backup-cli.ts", ["--to", backup], databasePath)).rejects.toMatchObject({ code: 2 });

  await expect(cli("restore-cli.ts", [backup], databasePath)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/draait een server/) });
  await stop(server);
  const restored = await cli("restore-cli.ts", [backup], databasePath);
  expect(restored.stdout).toMatch(/Hersteld/);
  server = startServer({ port: portBeside(5), databasePath });
  expect(await ready(server), server.output()).toBe("listening");
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
