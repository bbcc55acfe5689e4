// Hardening, short versions (the long ones are `npm run soak`): hostile frames against a server
// process while honest clients edit, a client that stops reading, clients coming and going over
// many documents, and cross-region attempts on the websocket.
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { agendas, ydocUpdates } from "../../db/schema";
import { addItem } from "../../app/domain/agenda-doc";
import { CloseCode } from "../../collab-server/close-codes";
import { closeCodeOf, connectClient, contentJson, planText, RawClient, synced, waitFor, withWorld, type Client } from "./helpers";
import { startChildServer, type ChildServer } from "./fixtures/child-server";
import { churn, hostileWhileEditing } from "./fixtures/hardening";

const MAX_PAYLOAD = 64 * 1024;
const servers: ChildServer[] = [];
const clients: Client[] = [];
const contexts: Array<ReturnType<typeof withWorld>> = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.kill();
  for (const ctx of contexts.splice(0)) ctx.cleanup();
});

function world() {
  const ctx = withWorld();
  contexts.push(ctx);
  return ctx;
}

describe("hardening", () => {
  // The targets (honest p99 < 250 ms, event-loop delay p99 < 50 ms) are checked by `npm run soak`
  // on 10,000 frames. Here, on a machine shared with other test runs (DEVELOPERS.md: speed is not
  // asserted in tests), the bounds only catch a real stall: a frame that blocks the loop for long.
  it("stays up under 1,000 hostile frames without stalling honest editors; nothing stored", async () => {
    const ctx = world();
    const server = await startChildServer(ctx.file, { maxPayloadBytes: MAX_PAYLOAD, idleUnloadMs: 100 });
    servers.push(server);
    const r = await hostileWhileEditing(ctx, server, 1000, MAX_PAYLOAD);
    clients.push(...r.honest);
    expect(r.connections).toBeGreaterThan(100);
    expect(r.samples).toBeGreaterThan(100);
    expect(r.honestP99).toBeLessThan(1000);
    expect(r.eldP99).toBeLessThan(250);
    // Still up and answering.
    const late = connectClient(server.url, `agenda:${ctx.world.agendaA}`, ctx.world.users.editor2.token);
    clients.push(late);
    await synced(late);
    expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(r.honest[0].doc));
    expect(contentJson(late.doc)).not.toContain("ATTACK");
    const allowed = new Set([ctx.world.users.editor1.id, ctx.world.users.editor2.id, ctx.world.users.coordinator.id]);
    expect(ctx.db.select().from(ydocUpdates).all().filter((row) => !allowed.has(row.userId!))).toEqual([]);
  }, 60_000);

  it("closes a client that stopped reading instead of buffering for it without bound", async () => {
    const ctx = world();
    const server = await ctx.start({ maxBufferedBytes: 256 * 1024, idleUnloadMs: 100 });
    try {
      const room = `agenda:${ctx.world.agendaA}`;
      const reader = new RawClient(`${server.url}/${room}`, ctx.world.users.editor2.token, { autoReply: false });
      await reader.opened;
      await waitFor(() => reader.received > 0, "reader joined");
      // A real socket that stops reading: the kernel buffers fill, then ws's buffer would grow.
      (reader.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const writer = connectClient(server.url, room, ctx.world.users.editor1.token);
      clients.push(writer);
      await synced(writer);
      // Into the plan: rich text has no length limit (a 'why' stops at 2,000 characters, and the
      // writer, not the reader, would be closed).
      const item = addItem(writer.doc, { title: "", plan: [""] });
      const big = "x".repeat(32 * 1024);
      for (let i = 0; i < 400 && server.collab.stats().connections > 1; i++) {
        planText(writer.doc, item).insert(0, big);
        await new Promise((r) => setTimeout(r, 2));
      }
      await waitFor(() => server.collab.stats().connections === 1, "slow reader dropped", 10_000);
      expect(server.collab.stats().connections).toBe(1);
      // The one left is the writer, never refused.
      expect(writer.provider.wsconnected).toBe(true);
      expect(writer.closeCodes).toEqual([]);
      reader.close();
    } finally {
      await server.stop();
    }
  }, 30_000);

  it("leaves no documents or connections in memory after clients come and go over 60 documents; heap back within 20 MB", async () => {
    const ctx = world();
    const region = ctx.world.regionA;
    const rooms = [`agenda:${ctx.world.agendaA}`];
    for (let i = 0; i < 59; i++) {
      rooms.push(`agenda:${ctx.db.insert(agendas).values({ regionId: region, title: `Churn ${i}`, period: `c${i}` }).returning().get().id}`);
    }
    const server = await startChildServer(ctx.file, { idleUnloadMs: 200 });
    servers.push(server);
    const u = ctx.world.users;
    const tokens = [u.editor1, u.editor2, u.editor3, u.coordinator].map((x) => x.token);
    // Warm up (code paths, statement caches) before taking the baseline.
    await churn(server.url, { rooms: rooms.slice(0, 5), tokens, concurrency: 5, durationMs: 1000 });
    await waitFor(() => true, "");
    await new Promise((r) => setTimeout(r, 600));
    const before = await server.stats();
    const r = await churn(server.url, { rooms, tokens, concurrency: 20, durationMs: 12_000 });
    expect(r.sessions).toBeGreaterThan(200);
    expect(r.failures).toBe(0);
    let after = await server.stats();
    const deadline = Date.now() + 10_000;
    while ((after.rooms > 0 || after.connections > 0) && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 200));
      after = await server.stats();
    }
    expect(after.rooms).toBe(0);
    expect(after.connections).toBe(0);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(20 * 1024 * 1024);
  }, 60_000);

  it("refuses 100 cross-region websocket attempts", async () => {
    const ctx = world();
    const server = await ctx.start();
    try {
      const { agendaA, agendaB, users } = ctx.world;
      const attempts: Array<[string, string]> = [];
      const variants = (id: number) => [`agenda:${id}`, `agenda%3A${id}`, `agenda:${id}?x=1`, `agenda:${id}/`, `agenda:0${id}`];
      for (let i = 0; attempts.length < 100; i++) {
        const [token, id] = i % 2 === 0 ? [users.memberB.token, agendaA] : [users.editor1.token, agendaB];
        for (const room of variants(id)) attempts.push([token, room]);
      }
      const results = await Promise.all(
        attempts.slice(0, 100).map(([token, room]) =>
          closeCodeOf(`${server.url}/${room}`, { cookie: `aw_session=${encodeURIComponent(token)}` }),
        ),
      );
      const allowed = new Set<number | undefined>([CloseCode.Forbidden, CloseCode.RoomNotFound]);
      expect(results.filter((r) => !allowed.has(r.code) && r.status !== 404)).toEqual([]);
      expect(server.collab.stats().rooms).toBe(0);
    } finally {
      await server.stop();
    }
  }, 30_000);
});
