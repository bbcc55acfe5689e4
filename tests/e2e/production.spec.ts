// Production mode (decision 013): a server started with PUBLIC_URL=https://agendawerk.example on a
// fresh database has no demo accounts, Secure __Host- cookies and HSTS, refuses writes and
// websockets from any other origin, refuses an oversized body unread, and will not start while an
// account has the published demo password. The demo server of the other tests (no PUBLIC_URL)
// refuses other origins too, its own loopback origin still works (the rest of the suite).
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { users } from "../../db/schema";
import { hashPassword } from "../../app/models/user.server";
import { baseURL, databasePath } from "../../playwright.config";
import { seededTempDatabase, tempDatabase } from "../support/temp-db";
import { collabAnswer, DEMO_PASSWORD, demo } from "./helpers";
import { ready, startServer as startServerProcess, stop, type StartedServer } from "./server-process";

const PUBLIC_URL = "https://agendawerk.example";
const PRODUCTION_PORT = 3250;
const production = `http://127.0.0.1:${PRODUCTION_PORT}`;
const MB = 1024 * 1024;

const startServer = (databasePath: string, env: Record<string, string> = {}) =>
  startServerProcess({ port: PRODUCTION_PORT, databasePath, env: { PUBLIC_URL, ...env } });

function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1];
  return Number(kb) * 1024;
}

/**
 * POSTs `total` bytes of form body to /login as fast as the server takes them, generated chunk by
 * chunk (never held whole), declared by Content-Length or chunked. Stops once the answer is in.
 */
function postHuge({ total, chunked, origin }: { total: number; chunked: boolean; origin: string }): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${production}/login`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: origin,
        // What the reverse proxy forwards.
        Host: new URL(PUBLIC_URL).host,
        ...(chunked ? {} : { "Content-Length": String(total) }),
      },
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode!, body, sent });
        req.destroy();
      });
    });
    // The server closes the connection after its answer; writing into it then fails.
    req.on("error", (err) => !answered && reject(err));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function loginPost(server: string, { origin, email, password, path = "/login" }: { origin?: string; email: string; password: string; path?: string }) {
  return fetch(`${server}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(origin ? { Origin: origin } : {}) },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
}

const sessionCookieOf = (res: Response) => res.headers.getSetCookie().find((c) => /^(__Host-)?aw_session=[^;]+/.test(c));

test.describe("the demo server (no PUBLIC_URL) accepts only its own loopback origin", () => {
  test("a form post from another port's origin is refused before it signs anyone in", async () => {
    const res = await loginPost(baseURL, { origin: "http://127.0.0.1:9999", email: demo.member, password: DEMO_PASSWORD });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Geweigerd");
    expect(sessionCookieOf(res)).toBeUndefined();
    // Single fetch (what the page's own scripts post to) is refused alike.
    const data = await loginPost(baseURL, { origin: "http://127.0.0.1:9999", email: demo.member, password: DEMO_PASSWORD, path: "/login.data" });
    expect(data.status).toBe(403);
    expect(sessionCookieOf(data)).toBeUndefined();
    // The same post from the server's own origin signs in.
    const own = await loginPost(baseURL, { origin: baseURL, email: demo.member, password: DEMO_PASSWORD });
    expect(own.status).toBe(302);
    expect(sessionCookieOf(own)).toMatch(/^aw_session=/);
  });

  test("a websocket from another port's origin, or without Origin, is refused", async () => {
    const own = await loginPost(baseURL, { origin: baseURL, email: demo.member, password: DEMO_PASSWORD });
    const cookie = sessionCookieOf(own)!.split(";")[0];
    const db = new Database(databasePath, { readonly: true, fileMustExist: true });
    const agendaId = db.prepare("select a.id from agendas a join regions r on r.id = a.region_id where r.slug = 'amsterdam'").pluck().get() as number;
    db.close();
    for (const origin of ["http://127.0.0.1:9999", `http://localhost:9999`, null]) {
      expect(await collabAnswer(`agenda:${agendaId}`, cookie, { origin, untilSynced: true }), String(origin)).toEqual({ status: 403, synced: false });
    }
    // The same cookie from the page's own origin gets the room.
    expect(await collabAnswer(`agenda:${agendaId}`, cookie, { untilSynced: true })).toEqual({ synced: true });
  });
});

test.describe("a production start (PUBLIC_URL=https://agendawerk.example)", () => {
  let server: StartedServer;
  let ctx: ReturnType<typeof tempDatabase>;
  const email = "beheerder@zorg.example";
  const password = "een-eigen-lang-wachtwoord-2026";

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    ctx = tempDatabase();
    server = startServer(ctx.file);
    expect(await ready(server), server.output()).toBe("listening");
  });

  test.afterAll(async () => {
    await stop(server);
    ctx.cleanup();
  });

  test("has no demo accounts, only the reference data", async () => {
    expect(ctx.db.select({ email: users.email }).from(users).all()).toEqual([]);
    expect(ctx.db.$client.prepare("select count(*) from regions").pluck().get()).toBeGreaterThan(0);
    const res = await loginPost(production, { origin: PUBLIC_URL, email: demo.admin, password: DEMO_PASSWORD });
    expect(sessionCookieOf(res)).toBeUndefined();
  });

  test("signs in with a __Host- Secure cookie and sends HSTS, over the proxy's plain http too", async () => {
    ctx.db.insert(users).values({ email, name: "Beheerder", kind: "admin", passwordHash: await hashPassword(password) }).run();
    const res = await loginPost(production, { origin: PUBLIC_URL, email, password });
    expect(res.status, server.output()).toBe(302);
    const cookie = sessionCookieOf(res)!;
    expect(cookie).toMatch(/^__Host-aw_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    expect(res.headers.get("Strict-Transport-Security")).toBe("max-age=31536000");
    expect((await fetch(`${production}/login`)).headers.get("Strict-Transport-Security")).toBe("max-age=31536000");
  });

  test("refuses a form post from another origin, a sibling subdomain or the loopback address", async () => {
    for (const origin of ["https://evil.example", "https://staging.agendawerk.example", production]) {
      const res = await loginPost(production, { origin, email, password });
      expect(res.status, origin).toBe(403);
      expect(await res.text()).toContain("Geweigerd: dit verzoek komt niet van https://agendawerk.example.");
    }
  });

  test("refuses a websocket from another origin or without Origin, and lets its own in", async () => {
    const res = await loginPost(production, { origin: PUBLIC_URL, email, password });
    const cookie = sessionCookieOf(res)!.split(";")[0];
    const room = "agenda:1";
    for (const origin of ["https://evil.example", production, null]) {
      expect(await collabAnswer(room, cookie, { server: production, origin, untilSynced: true }), String(origin)).toEqual({ status: 403, synced: false });
    }
    // No agenda exists yet: past the Origin check, the room itself is refused with a close code.
    expect((await collabAnswer(room, cookie, { server: production, origin: PUBLIC_URL })).status).toBeUndefined();
  });

  for (const chunked of [false, true]) {
    test(`refuses a 200 MB ${chunked ? "chunked " : ""}body with 413 without reading it into memory`, async () => {
      const before = rssBytes(server.child.pid!);
      const answer = await postHuge({ total: 200 * MB, chunked, origin: PUBLIC_URL });
      expect(answer.status).toBe(413);
      expect(answer.body).toBe("Het verzoek is te groot: hoogstens 64 KB.");
      const grown = rssBytes(server.child.pid!) - before;
      console.log(`200 MB ${chunked ? "chunked" : "Content-Length"} body: ${answer.sent / MB} MB sent before the answer, RSS +${(grown / MB).toFixed(1)} MB`);
      expect(grown).toBeLessThan(16 * MB);
      // Still serving.
      expect((await fetch(`${production}/login`)).status).toBe(200);
    });
  }
});

test.describe("a production start refuses", () => {
  test("while an account has the published demo password (exit 1, the accounts named)", async () => {
    test.setTimeout(120_000);
    const ctx = await seededTempDatabase();
    try {
      const server = startServer(ctx.file);
      const outcome = await ready(server);
      if (outcome === "listening") await stop(server);
      expect(outcome).toEqual({ exitCode: 1 });
      expect(server.output()).toContain("hebben het gepubliceerde demowachtwoord");
      expect(server.output()).toContain(demo.admin);
    } finally {
      ctx.cleanup();
    }
  });

  test("SEED_DEMO_DATA=true together with PUBLIC_URL", async () => {
    test.setTimeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agendawerk-production-"));
    try {
      const server = startServer(path.join(dir, "db.sqlite"), { SEED_DEMO_DATA: "true" });
      const outcome = await ready(server);
      if (outcome === "listening") await stop(server);
      expect(outcome).toEqual({ exitCode: 1 });
      expect(server.output()).toContain("SEED_DEMO_DATA=true gaat niet samen met PUBLIC_URL");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
