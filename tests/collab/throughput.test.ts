// The speed measures of the collaboration server keep their guarantees: checkpoints run off the
// event loop without losing or holding back anything, and frames past a turn's budget are handled
// in later turns, in order, while other clients keep being served.
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, getItem, getItemText } from "../../app/domain/agenda-doc";
import { readRoomState } from "../../app/collab/storage.server";
import { connectClient, planText, quietLog, RawClient, synced, waitFor, withWorld, type Client } from "./helpers";
import { updateFrame } from "./fixtures/hostile-frames";

const clients: Array<Client | RawClient> = [];
afterEach(() => {
  for (const c of clients.splice(0)) (c instanceof RawClient ? c.close() : c.destroy());
});

const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

describe("throughput measures", () => {
  it("checkpoints the WAL from a worker: no checkpoint inside commits, the WAL is emptied when idle and on close", async () => {
    const ctx = withWorld();
    const running = await ctx.start({ checkpointIntervalMs: 50 });
    try {
      expect(ctx.db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
      const room = `agenda:${ctx.world.agendaA}`;
      const a = connectClient(running.url, room, ctx.world.users.editor1.token);
      clients.push(a);
      await synced(a);
      const id = addItem(a.doc, { title: "" });
      const title = getItemText(getItem(a.doc, id)!, "title");
      for (let i = 0; i < 200; i++) {
        title.insert(title.length, "x");
        await new Promise((r) => setImmediate(r));
      }
      await running.collab.flush();
      await waitFor(() => readRoomState(ctx.db, room, quietLog).length > 200, "updates stored");
      expect(walBytes(ctx.file)).toBeGreaterThan(0);
      // Idle for 10 s after the last write: the worker truncates the WAL.
      await waitFor(() => walBytes(ctx.file) === 0, "WAL truncated when idle", 15_000);
      a.destroy();
      await running.stop();
      expect(ctx.db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, readRoomState(ctx.db, room, quietLog));
      expect(getItemText(getItem(doc, id)!, "title").toString()).toBe("x".repeat(200));
      expect(ctx.db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      await running.stop();
      ctx.cleanup();
    }
  }, 30_000);

  it("handles a flood past the per-turn budget in later turns, in order, while another editor is served", async () => {
    const ctx = withWorld();
    const running = await ctx.start({ maxFramesPerTurn: 16 });
    try {
      const room = `agenda:${ctx.world.agendaA}`;
      const observer = connectClient(running.url, room, ctx.world.users.editor2.token);
      const typist = connectClient(running.url, room, ctx.world.users.editor3.token);
      const flooder = new RawClient(`${running.url}/${room}`, ctx.world.users.editor1.token);
      clients.push(observer, typist, flooder);
      await Promise.all([synced(observer), synced(typist), flooder.opened]);
      await waitFor(() => flooder.received > 0, "flooder answered");

      // 3,000 single-character updates, each depending on the one before: any reordering or
      // loss would leave the server with pending content and close the flooder.
      const source = new Y.Doc();
      const frames: Uint8Array[] = [];
      source.on("update", (u: Uint8Array) => frames.push(updateFrame(u)));
      const floodItem = addItem(source, { title: "", plan: [""] });
      const text = planText(source, floodItem);
      for (let i = 0; i < 3000; i++) text.insert(i, "abcdefghij"[i % 10]);
      for (const f of frames) flooder.send(f);

      const typistItem = addItem(typist.doc, { title: "" });
      const typed = getItemText(getItem(typist.doc, typistItem)!, "title");
      for (let i = 0; i < 20; i++) {
        typed.insert(typed.length, "t");
        await new Promise((r) => setTimeout(r, 5));
      }
      const arrived = (id: string) => getItem(observer.doc, id) !== undefined;
      await waitFor(() => arrived(floodItem) && planText(observer.doc, floodItem).length === 3000, "the whole flood at the observer", 20_000);
      await waitFor(() => arrived(typistItem) && getItemText(getItem(observer.doc, typistItem)!, "title").length === 20, "the typist's keystrokes at the observer");
      expect(planText(observer.doc, floodItem).toString()).toBe(text.toString());
      expect(flooder.ws.readyState).toBe(flooder.ws.OPEN);
      await running.collab.flush();
      const stored = new Y.Doc();
      Y.applyUpdate(stored, readRoomState(ctx.db, room, quietLog));
      expect(planText(stored, floodItem).toString()).toBe(text.toString());
    } finally {
      await running.stop();
      ctx.cleanup();
    }
  }, 40_000);
});
