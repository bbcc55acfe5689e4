import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createCollabServer, createSessionAuth } from "../../app/collab/server.server";
import { CloseCode } from "../../shared/close-codes";
import { silentLogger } from "../../collab-server/types";
import { knownMigrations } from "../../db";
import { healthCheck } from "../../http/health";
import { tempDatabase } from "../support/temp-db";

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function serve(options: Omit<Parameters<typeof healthCheck>[0], "db" | "expectedMigrations">, ctx = tempDatabase(), onUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void) {
  const app = express();
  app.get("/healthz", healthCheck({ db: ctx.db, expectedMigrations: knownMigrations().length, ...options }));
  const server = app.listen(0, "127.0.0.1");
  if (onUpgrade) server.on("upgrade", onUpgrade);
  await new Promise((r) => server.once("listening", r));
  cleanups.push(() => {
    server.close();
    ctx.cleanup();
  });
  return { ctx, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz` };
}

/** How the collaboration server answers a websocket without a session: a close code, or an HTTP status if it refused the upgrade. */
function upgradeAnswer(healthUrl: string): Promise<{ code?: number; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(healthUrl.replace("http", "ws").replace("/healthz", "/collab/agenda:1"));
    ws.on("close", (code) => resolve({ code }));
    ws.on("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode });
      ws.terminate();
    });
    ws.on("error", () => {});
  });
}

describe("/healthz", () => {
  it("answers ok with no data and no cookie when database, migrations and collaboration are fine", async () => {
    const { url } = await serve({ collaborationAccepting: () => true });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok", checks: { database: "ok", migrations: "ok", collaboration: "ok" } });
  });

  it("says 503 and which check fails: collaboration stopping, migrations behind, database gone", async () => {
    let accepting = true;
    let clock = 0;
    const { ctx, url } = await serve({ collaborationAccepting: () => accepting, now: () => clock });
    expect((await fetch(url)).status).toBe(200);
    accepting = false;
    // Within the second the last answer is reused: a flood of probes costs one check.
    expect((await fetch(url)).status).toBe(200);
    clock += 1_000;
    const stopping = await fetch(url);
    expect(stopping.status).toBe(503);
    expect(await stopping.json()).toMatchObject({ status: "fail", checks: { collaboration: "fail", database: "ok" } });

    accepting = true;
    ctx.db.$client.prepare("delete from __drizzle_migrations where rowid = (select max(rowid) from __drizzle_migrations)").run();
    clock += 1_000;
    expect(await (await fetch(url)).json()).toMatchObject({ checks: { migrations: "fail", database: "ok" } });

    ctx.db.$client.exec("drop table __drizzle_migrations");
    clock += 1_000;
    const gone = await fetch(url);
    expect(gone.status).toBe(503);
    expect(await gone.json()).toMatchObject({ checks: { database: "fail" } });
  });

  it("reports the real collaboration server: accepting while it takes upgrades, failing once it closes", async () => {
    const ctx = tempDatabase();
    const collab = createCollabServer({ db: ctx.db, auth: createSessionAuth({ db: ctx.db }), log: silentLogger, options: { allowedOrigins: "any", checkpointIntervalMs: 0 } });
    const { url } = await serve({ collaborationAccepting: () => collab.accepting(), cacheMs: 0 }, ctx, collab.handleUpgrade);
    expect((await fetch(url)).status).toBe(200);
    // Taken on and then refused for want of a session: the socket server itself is up.
    expect(await upgradeAnswer(url)).toEqual({ code: CloseCode.Unauthorized });

    const closing = collab.close();
    // From the first moment of closing, not only once it has finished.
    expect(await (await fetch(url)).json()).toMatchObject({ status: "fail", checks: { collaboration: "fail", database: "ok" } });
    await closing;
    expect((await fetch(url)).status).toBe(503);
    expect(await upgradeAnswer(url)).toEqual({ status: 503 });
  });
});
