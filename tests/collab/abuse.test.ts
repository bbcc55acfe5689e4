import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ydocUpdates } from "../../db/schema";
import { addItem, getItem, getItemText } from "../../app/domain/agenda-doc";
import { CloseCode } from "../../collab-server/close-codes";
import { Connection } from "../../collab-server/connection";
import { parseClientMessage } from "../../collab-server/protocol";
import { connectClient, contentJson, RawClient, recordingLog, synced, waitFor, withWorld, type Client, type Running } from "./helpers";
import { attackerUpdates, limits, makeFrame, probe, rng, updateFrame } from "./fixtures/hostile-frames";

const MAX_PAYLOAD = 64 * 1024;

let ctx: ReturnType<typeof withWorld>;
let server: Running;
let logged: ReturnType<typeof recordingLog>;
let honest: Client[];

beforeEach(async () => {
  ctx = withWorld();
  logged = recordingLog();
  server = await ctx.start({ idleUnloadMs: 50, maxPayloadBytes: MAX_PAYLOAD, projectionDebounceMs: 30 }, logged.log);
  honest = [];
});

afterEach(async () => {
  for (const c of honest) c.destroy();
  await server.stop();
  ctx.cleanup();
});

describe("hostile input", () => {
  it("survives 1,000 malformed, oversized and crafted frames; honest clients keep converging and nothing of the attacker is stored", async () => {
    const room = `agenda:${ctx.world.agendaA}`;
    const a = connectClient(server.url, room, ctx.world.users.editor1.token);
    const b = connectClient(server.url, room, ctx.world.users.editor2.token);
    honest.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField("user", { name: "a" });
    const item = addItem(a.doc, { title: "Eerlijk" });
    await waitFor(() => getItem(b.doc, item) !== undefined, "honest start");

    const valid = attackerUpdates(Y.encodeStateAsUpdate(a.doc));
    const r = rng(20260302);
    const url = `${server.url}/${room}`;
    // Half of the frames from a board member (read-only: even valid updates must be dropped),
    // half from an editor account (only frames that are invalid, so any stored row would be a bug).
    const identities = [ctx.world.users.board, ctx.world.users.editor3];
    let attacker: RawClient | null = null;
    const closeCodes = new Map<number, number>();
    let answered = 0;
    for (let i = 0; i < 1000; i++) {
      const who = identities[i < 500 ? 0 : 1];
      let f = makeFrame(r, i, valid, a.doc.clientID, MAX_PAYLOAD);
      if (who === ctx.world.users.editor3 && typeof f !== "string") {
        try {
          if (parseClientMessage(f, limits).kind === "update") f = new Uint8Array([...f, 0]);
        } catch {
          // already invalid
        }
      }
      if (!attacker || attacker.ws.readyState !== attacker.ws.OPEN || (i === 500)) {
        attacker?.close();
        attacker = new RawClient(url, who.token, { autoReply: false });
        await attacker.opened;
      }
      const current: RawClient = attacker;
      // The probe (query-awareness) is answered only if the frame before it left the
      // connection open: every frame gets a definite outcome before the next is sent.
      const answer = current.nextMessage();
      current.ws.send(f);
      current.ws.send(probe);
      const outcome = await Promise.race([
        current.closed.then((code) => ({ code })),
        answer.then(() => ({ code: 0 })),
      ]);
      if (outcome.code) closeCodes.set(outcome.code, (closeCodes.get(outcome.code) ?? 0) + 1);
      else answered++;
      // The honest pair keeps working the whole time.
      if (i % 100 === 50) {
        getItemText(getItem(a.doc, item)!, "title").insert(0, `${i} `);
        getItemText(getItem(b.doc, item)!, "title").insert(getItemText(getItem(b.doc, item)!, "title").length, ` ${i}`);
      }
    }
    attacker?.close();

    expect(closeCodes.get(CloseCode.MalformedMessage) ?? 0).toBeGreaterThan(300);
    expect(closeCodes.get(CloseCode.MessageTooLarge) ?? 0).toBeGreaterThanOrEqual(10);
    expect(answered).toBeGreaterThan(50);

    const title = (doc: Y.Doc) => getItemText(getItem(doc, item)!, "title").toString();
    getItemText(getItem(a.doc, item)!, "title").insert(0, "Eind: ");
    await waitFor(() => title(a.doc) === title(b.doc) && title(b.doc).startsWith("Eind: "), "honest convergence");
    for (const i of [50, 150, 250, 350, 450, 550, 650, 750, 850, 950]) {
      expect(title(a.doc)).toContain(`${i} `);
      expect(title(a.doc)).toContain(` ${i}`);
    }

    await server.collab.flush();
    const rows = ctx.db.select().from(ydocUpdates).all();
    const allowed = new Set([ctx.world.users.editor1.id, ctx.world.users.editor2.id]);
    expect(rows.filter((row) => !allowed.has(row.userId!))).toEqual([]);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await server.collab.getDocState(ctx.world.agendaA));
    expect(contentJson(stored)).toContain("Eerlijk");
    expect(contentJson(stored)).not.toContain("ATTACK");
    expect(contentJson(a.doc)).not.toContain("ATTACK");
    expect(contentJson(stored)).toBe(contentJson(a.doc));
    // The honest user's presence was never overwritten.
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name).toBe("User editor1");
    expect(logged.lines.filter((l) => l.level === "error")).toEqual([]);
  }, 60_000);

  it("stays consistent under corrupted updates that still decode (live, clients and store agree)", async () => {
    const room = `agenda:${ctx.world.agendaA}`;
    const a = connectClient(server.url, room, ctx.world.users.editor1.token);
    honest.push(a);
    await synced(a);
    const item = addItem(a.doc, { title: "Basis", plan: ["Een"] });
    await waitFor(() => ctx.db.select().from(ydocUpdates).all().length > 0, "stored");
    const valid = attackerUpdates(Y.encodeStateAsUpdate(a.doc));
    const r = rng(7);
    const attacker = new RawClient(`${server.url}/${room}`, ctx.world.users.editor3.token, { autoReply: false });
    await attacker.opened;
    let sent = 0;
    // Byte flips that still decode: whatever the server makes of them, it must stay consistent.
    for (let tries = 0; tries < 2000 && sent < 150; tries++) {
      const u = valid[Math.floor(r() * valid.length)].slice();
      u[Math.floor(r() * u.length)] ^= 1 + Math.floor(r() * 255);
      try {
        Y.decodeUpdate(u);
      } catch {
        continue;
      }
      sent++;
      if (attacker.ws.readyState !== attacker.ws.OPEN) break;
      attacker.ws.send(updateFrame(u));
    }
    await new Promise((res) => setTimeout(res, 100));
    attacker.close();
    // The attacker may legitimately have deleted `item` (it is an editor): add a new one.
    const later = addItem(a.doc, { title: "Nog steeds" });
    const b = connectClient(server.url, room, ctx.world.users.editor2.token);
    honest.push(b);
    await synced(b);
    const json = contentJson;
    // An editor's corrupted edits may be legitimate edits: what matters is that everyone agrees.
    await waitFor(
      () => json(a.doc) === json(b.doc) && getItem(b.doc, later) !== undefined,
      "a and b converge",
    );
    // Nothing half-integrated was handed on to a newcomer.
    expect(b.doc.store.pendingStructs).toBeNull();
    expect(b.doc.store.pendingDs).toBeNull();
    await server.collab.flush();
    const live = Y.encodeStateVector(b.doc);
    await server.stop();
    server = await ctx.start({ idleUnloadMs: 50 });
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, await server.collab.getDocState(ctx.world.agendaA));
    expect(json(reloaded)).toBe(json(b.doc));
    expect(Y.encodeStateVector(reloaded)).toEqual(live);
  }, 30_000);

  it("closes a client that does not answer pings", async () => {
    await server.stop();
    server = await ctx.start({ pingIntervalMs: 40 });
    const silent = new RawClient(`${server.url}/agenda:${ctx.world.agendaA}`, ctx.world.users.editor1.token, { autoPong: false });
    const alive = new RawClient(`${server.url}/agenda:${ctx.world.agendaA}`, ctx.world.users.editor2.token);
    await Promise.all([silent.opened, alive.opened]);
    expect(await silent.closed).toBe(1006);
    await new Promise((res) => setTimeout(res, 150));
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
    alive.close();
  });

  it("closes a client whose unread messages pile up instead of buffering without bound", () => {
    const calls: Array<[string, unknown]> = [];
    const ws = {
      OPEN: 1,
      readyState: 1,
      bufferedAmount: 900_000,
      send: (m: Uint8Array) => calls.push(["send", m.byteLength]),
      close: (code: number) => calls.push(["close", code]),
      terminate: () => calls.push(["terminate", null]),
    };
    const identity = { userId: 1, sessionId: "s", name: "" };
    const conn = new Connection(ws as never, null, identity, "edit", "agenda:1", 1_000_000, recordingLog().log);
    conn.send(new Uint8Array(50_000));
    expect(calls).toEqual([["send", 50_000]]);
    conn.send(new Uint8Array(200_000));
    expect(calls[1]).toEqual(["close", CloseCode.SlowConsumer]);
    conn.send(new Uint8Array(10));
    expect(calls).toHaveLength(2);
  });
});
