import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, getItem, getItemText, getItems } from "../../app/domain/agenda-doc";
import { connectClient, synced, waitFor, withWorld, type Client } from "./helpers";
import { startChildServer, type ChildServer } from "./fixtures/child-server";

const children: ChildServer[] = [];
const clients: Client[] = [];

async function startChild(file: string) {
  const server = await startChildServer(file);
  children.push(server);
  return server;
}

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const server of children.splice(0)) void server.kill();
});

/** Tokens look like "c<client>-<n>;" inside each client's own item title. */
const tokensIn = (doc: Y.Doc) => {
  const found = new Set<string>();
  for (const item of getItems(doc).values()) {
    for (const t of getItemText(item, "title").toString().match(/c\d-\d+;/g) ?? []) found.add(t);
  }
  return found;
};

describe("crash safety", () => {
  it("keeps every update a client received through the server when the server is killed with SIGKILL", async () => {
    const ctx = withWorld();
    try {
      const first = await startChild(ctx.file);
      const room = `agenda:${ctx.world.agendaA}`;
      const users = [ctx.world.users.editor1, ctx.world.users.editor2, ctx.world.users.editor3];
      const typists = users.map((u) => connectClient(first.url, room, u.token));
      clients.push(...typists);
      await Promise.all(typists.map(synced));
      const items = typists.map((c, k) => addItem(c.doc, { id: `item-c${k}`, title: "" }));
      await waitFor(() => typists.every((c) => items.every((id) => getItem(c.doc, id))), "items everywhere");

      // Everyone types until the server dies mid-stream.
      let typing = true;
      const counters = [0, 0, 0];
      const loops = typists.map(async (c, k) => {
        while (typing) {
          const title = getItemText(getItem(c.doc, items[k])!, "title");
          title.insert(title.length, `c${k}-${counters[k]++};`);
          await new Promise((r) => setTimeout(r, 3 + k));
        }
      });
      await waitFor(() => counters.every((n) => n > 60), "typing under way", 10_000);
      await first.kill();
      await waitFor(() => typists.every((c) => !c.provider.wsconnected), "clients see the server gone");
      typing = false;
      await Promise.all(loops);

      // What each client saw of the OTHER clients can only have come through the server.
      const relayed = new Set<string>();
      typists.forEach((c, k) => {
        for (const t of tokensIn(c.doc)) if (!t.startsWith(`c${k}-`)) relayed.add(t);
      });
      expect(relayed.size).toBeGreaterThan(50);
      for (const c of typists) c.provider.disconnect();

      const second = await startChild(ctx.file);
      const reader = connectClient(second.url, room, ctx.world.users.coordinator.token);
      clients.push(reader);
      await synced(reader);
      const afterRestart = tokensIn(reader.doc);
      const lost = [...relayed].filter((t) => !afterRestart.has(t));
      expect(lost).toEqual([]);
      // Each client's stream survives as a prefix: no holes in what was stored.
      for (let k = 0; k < 3; k++) {
        const mine = [...afterRestart].filter((t) => t.startsWith(`c${k}-`)).map((t) => Number(t.slice(3, -1)));
        expect(mine.length).toBeGreaterThan(0);
        expect(Math.max(...mine) + 1).toBe(mine.length);
      }
      await second.kill();
      expect(ctx.db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      ctx.cleanup();
    }
  }, 40_000);
});
