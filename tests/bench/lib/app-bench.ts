// The real app (server.ts on a built Remix app and a temp SQLite file with the demo data), an
// agenda filled to 200 items through the collaboration server, autocannon against the agenda
// page and the bare reference, and cold loads in Debian Chromium.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import * as Y from "yjs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import { addItem } from "../../../app/domain/agenda-doc";
import { repoRoot, spawnPinned } from "./procs";
import { round, sleep, summary } from "./stats";

export const DEMO_LOGIN = { email: "werkgroep@demo.agendawerk.nl", password: "Agendawerk-demo-2026" };

function waitForPort(child: ChildProcess, pattern: RegExp, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d) => (out += d));
    child.once("exit", (code) => reject(new Error(`${what} exited (${code}): ${out.slice(-2000)}`)));
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once("exit", () => r()));

export async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited(child);
  clearTimeout(t);
}

export type AppServer = { port: number; child: ChildProcess; cookie: string; agendaId: number; dbFile: string };

/** The app of a built tree (trees.ts buildApp), its database in `dir`. */
export async function startApp(root: string, dir: string, port = 0): Promise<Omit<AppServer, "cookie" | "agendaId">> {
  const dbFile = path.join(dir, "app.sqlite");
  const chosen = port || 20000 + Math.floor(Math.random() * 20000);
  // BENCH_PROFILE=dir (as for the collaboration cases) makes the app write a CPU profile there.
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
  const child = spawnPinned(0, [...profile, "--import", "tsx", "server.ts"], {
    cwd: root,
    ipc: false,
    env: { PORT: String(chosen), HOST: "127.0.0.1", DATABASE_PATH: dbFile, NODE_ENV: "production" },
  });
  await waitForPort(child, /localhost:(\d+)/, "app server");
  return { port: chosen, child, dbFile };
}

export async function login(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/login`, {
    method: "POST",
    body: new URLSearchParams({ ...DEMO_LOGIN, redirectTo: "/" }),
    redirect: "manual",
  });
  const setCookie = res.headers.get("set-cookie") ?? "";
  const m = /aw_session=([^;]+)/.exec(setCookie);
  if (!m) throw new Error(`login failed: ${res.status}`);
  return `aw_session=${m[1]}`;
}

/** The demo workgroup member's agenda (Amsterdam), filled up to `count` items through the collaboration server. */
export async function fillAgenda(port: number, dbFile: string, cookie: string, count: number): Promise<number> {
  const db = new Database(dbFile, { readonly: true });
  const agendaId = (
    db.prepare("SELECT a.id FROM agendas a JOIN regions r ON r.id = a.region_id WHERE r.slug = 'amsterdam' ORDER BY a.id LIMIT 1").get() as { id: number }
  ).id;
  const countItems = () => (db.prepare("SELECT count(*) AS n FROM agenda_items WHERE agenda_id = ?").get(agendaId) as { n: number }).n;
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, `agenda:${agendaId}`, doc, {
    WebSocketPolyfill: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie, origin: `http://127.0.0.1:${port}` } });
      }
    } as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const t0 = Date.now();
  while (!provider.synced) {
    if (Date.now() - t0 > 20_000) throw new Error("filler did not sync");
    await sleep(20);
  }
  const existing = doc.getMap("items").size;
  // No status: since decision 028 a client may only create an item in the initial status (the
  // schema gate refuses anything else with 4422, which left the filler stuck at the demo's items).
  for (let i = existing; i < count; i++) {
    addItem(doc, {
      title: `Innovatie ${i + 1}: slimme zorg in de wijk`,
      mechanism: "working-differently",
      leadOrganisation: "Zorggroep Amstelhof",
      startDate: "2026-01-01",
      endDate: "2027-12-31",
      why: "Minder administratie geeft zorgmedewerkers meer tijd voor cliënten en voorkomt uitval.",
      plan: ["Pilot op twee afdelingen, daarna uitrol in de regio.", "Evaluatie na zes maanden."],
    });
  }
  while (countItems() < count) {
    if (Date.now() - t0 > 60_000) throw new Error(`read model has ${countItems()} of ${count} items`);
    await sleep(100);
  }
  provider.destroy();
  doc.destroy();
  db.close();
  return agendaId;
}

export async function startBare(dbFile: string, agendaId: number) {
  // Production React, as the app runs: without NODE_ENV the reference rendered with React's
  // development build (about half the speed), which flattered the ratio.
  const child = spawnPinned(0, ["--import", "tsx", path.join(repoRoot, "tests/bench/lib/bare-render-server.ts"), dbFile, String(agendaId)], {
    ipc: false,
    env: { NODE_ENV: "production" },
  });
  const port = await waitForPort(child, /PORT (\d+)/, "bare renderer");
  return { port, child };
}

export type Cannon = { requestsPerSec: number; p50: number; p99: number; non2xx: number; errors: number };

/** autocannon in its own process on the load generator's core. */
export function autocannon(url: string, cookie: string, seconds: number): Promise<Cannon> {
  const bin = path.join(repoRoot, "node_modules/autocannon/autocannon.js");
  const child = spawnPinned(1, [bin, "-c", "10", "-d", String(seconds), "-j", "-H", `cookie=${cookie}`, url], { ipc: false });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.resume();
  return new Promise((resolve, reject) => {
    child.once("exit", () => {
      try {
        const r = JSON.parse(out);
        resolve({
          requestsPerSec: round(r.requests.average, 1),
          p50: r.latency.p50,
          p99: r.latency.p99,
          non2xx: r.non2xx,
          errors: r.errors,
        });
      } catch (err) {
        reject(new Error(`autocannon output: ${out.slice(0, 500)} (${String(err)})`));
      }
    });
  });
}

type LoadMarks = { hydrated: number; synced: number; allCards: number };

/**
 * Cold loads in Chromium: a fresh context (no cache, no IndexedDB) per load, `loads` per app; with
 * several apps (ours and the baseline's) the loads alternate between them. Marks, from navigation
 * start: hydrated (the live agenda is mounted), synced (the document is synced and a live card's
 * title can be typed in: an editor a user can use) and all cards (every one of `items` is live).
 */
export async function browserLoads(apps: Array<{ port: number; agendaId: number; cookie: string }>, loads: number, items: number) {
  const { chromium } = await import("playwright");
  const browser = await chromium.launch({
    executablePath: fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const marks = apps.map(() => ({ hydrated: [] as number[], synced: [] as number[], allCards: [] as number[] }));
  try {
    for (let i = 0; i < loads * apps.length; i++) {
      const a = i % apps.length;
      const { port, agendaId, cookie } = apps[a];
      const context = await browser.newContext();
      const [name, value] = cookie.split("=");
      await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/" }]);
      // Times are taken in the page, from navigation start, by an observer installed before any script.
      await context.addInitScript((expected: number) => {
        const w = window as unknown as { __bench: Partial<LoadMarks> };
        w.__bench = {};
        const observer = new MutationObserver(() => {
          const el = document.querySelector("[data-testid=live-agenda]");
          if (!el) return;
          w.__bench.hydrated ??= performance.now();
          if (el.getAttribute("data-sync-state") !== "synced") return;
          if (w.__bench.synced === undefined && el.querySelector("[data-testid=agenda-item] [data-testid=item-title]")) w.__bench.synced = performance.now();
          if (w.__bench.synced !== undefined && el.querySelectorAll("[data-testid=agenda-item]").length >= expected) {
            w.__bench.allCards = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-sync-state"] });
      }, items);
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/agendas/${agendaId}`);
      await page
        .waitForFunction(() => (window as unknown as { __bench: Partial<LoadMarks> }).__bench.allCards !== undefined, null, { timeout: 30_000 })
        .catch(async (err: Error) => {
          const state = await page.locator("[data-testid=live-agenda]").getAttribute("data-sync-state", { timeout: 1_000 }).catch(() => "no live agenda");
          throw new Error(`load ${i + 1} of the app on port ${port} (sync state: ${state}): ${err.message.split("\n")[0]}`);
        });
      const t = await page.evaluate(() => (window as unknown as { __bench: LoadMarks }).__bench);
      for (const k of ["hydrated", "synced", "allCards"] as const) marks[a][k].push(t[k]);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return marks.map((m) => ({ hydrated: summary(m.hydrated), synced: summary(m.synced), allCards: summary(m.allCards) }));
}
