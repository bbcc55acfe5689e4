// Bounded cost per collaboration message (issue 11, finding 1; decision 009): crafted updates that
// Yjs would integrate in super-linear time are refused before anything is applied, an update
// whose trial apply is too slow holds its sender off (also after reconnecting), readers' updates
// are dropped unread, connections are capped per user and per address, and sockets end with
// their session.
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import { sessions, users, ydocUpdates } from "../../db/schema";
import { addItem, getItem } from "../../app/domain/agenda-doc";
import { CloseCode } from "../../collab-server/close-codes";
import { encodeSyncStep1, encodeUpdateMessage, MessageType, SyncType } from "../../collab-server/protocol";
import * as encoding from "lib0/encoding";
import { resolveOptions } from "../../collab-server/types";
import { assessUpdate } from "../../collab-server/update-cost";
import { connectClient, planText, RawClient, synced, waitFor, withWorld, type Client, type Running } from "./helpers";
import * as Costly from "./fixtures/costly-updates";

const contexts: Array<ReturnType<typeof withWorld>> = [];
const servers: Running[] = [];
const clients: Client[] = [];
const raws: RawClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const r of raws.splice(0)) r.close();
  for (const s of servers.splice(0)) await s.stop();
  for (const ctx of contexts.splice(0)) ctx.cleanup();
});

async function setUp(options: Parameters<ReturnType<typeof withWorld>["start"]>[0] = {}) {
  const ctx = withWorld();
  contexts.push(ctx);
  const server = await ctx.start({ idleUnloadMs: 100, ...options });
  servers.push(server);
  const room = `agenda:${ctx.world.agendaA}`;
  return { ctx, server, room, url: `${server.url}/${room}` };
}

function raw(url: string, token: string, options?: ConstructorParameters<typeof RawClient>[2]) {
  const client = new RawClient(url, token, options);
  raws.push(client);
  return client;
}

/** An editor's raw socket, synced: its doc holds the room's content. */
async function syncedRaw(url: string, token: string) {
  const client = raw(url, token);
  await client.opened;
  client.send(encodeSyncStep1(client.doc));
  // The server's sync step 1, then its answer to ours.
  await waitFor(() => client.received >= 2, "raw client synced");
  return client;
}

/** Resolves with the close code, or null if the socket is still open after `ms`. */
const closeWithin = (client: RawClient, ms: number) =>
  Promise.race([client.closed, new Promise<null>((r) => setTimeout(() => r(null), ms))]);

/**
 * An honest editor with one item; the attacks aim at the text of its plan's first paragraph (rich
 * text has no length limit, so a long honest chain there is valid; a title stops at 200 characters).
 */
async function honestItem(url: string, room: string, token: string) {
  const honest = connectClient(url.slice(0, url.lastIndexOf("/")), room, token);
  clients.push(honest);
  await synced(honest);
  const id = addItem(honest.doc, { title: "Eerlijk", plan: ["Eerlijk"] });
  const text = planText(honest.doc, id);
  return { honest, id, target: { client: text._item!.id.client, clock: text._item!.id.clock } };
}

const randomClient = () => 1_000_000 + Math.floor(Math.random() * 1_000_000_000);

describe("bounded cost per update", () => {
  it("refuses crafted updates with UpdateTooExpensive before applying them; the document keeps only honest content", async () => {
    const { ctx, server, room, url } = await setUp({ expensiveCooldownMs: 0 });
    const { honest, id, target } = await honestItem(url, room, ctx.world.users.editor2.token);
    const chainClient = randomClient();
    const n = 4000;
    const { first: chain, second: scanners } = Costly.conflictScanAttack(chainClient, n, n, target);
    const attack = async (update: Uint8Array) => {
      const attacker = await syncedRaw(url, ctx.world.users.editor1.token);
      attacker.sendUpdate(update);
      return closeWithin(attacker, 3000);
    };
    // A chain of separate items is an honest shape (linear to integrate): accepted.
    expect(await attack(chain)).toBeNull();
    const chainText = () => planText(honest.doc, id).toString();
    await waitFor(() => chainText().includes("x".repeat(n)), "chain relayed");
    // Each of these costs seconds in Yjs (measured: README, decision 009).
    expect(await attack(scanners)).toBe(CloseCode.UpdateTooExpensive);
    expect(await attack(Costly.overlappingDeletes(chainClient, n, n))).toBe(CloseCode.UpdateTooExpensive);
    expect(await attack(Costly.descendingDeletes(chainClient, n))).toBe(CloseCode.UpdateTooExpensive);
    // Deletes of content that does not exist would stay pending and be retried on every update.
    expect(await attack(Costly.pendingDeletes(chainClient, n, 1000))).toBe(CloseCode.MalformedMessage);
    await server.collab.flush();
    expect(chainText()).not.toContain("y");
    expect(chainText()).toContain("x".repeat(n));
    const stored = new Y.Doc();
    for (const row of ctx.db.select().from(ydocUpdates).all()) Y.applyUpdate(stored, row.update);
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(honest.doc));
    // Honest typing still goes through.
    const late = connectClient(server.url, room, ctx.world.users.editor3.token);
    clients.push(late);
    await synced(late);
    (getItem(honest.doc, id)!.get("title") as Y.Text).insert(0, "Nog ");
    await waitFor(() => (getItem(late.doc, id)?.get("title") as Y.Text | undefined)?.toString().startsWith("Nog ") === true, "typing relayed");
  }, 30_000);

  it("judges typing, a big paste and a full sync answer as cheap, the crafted shapes as not", () => {
    const doc = new Y.Doc();
    const src = new Y.Doc();
    const id = addItem(src, { title: "t", plan: ["Eerste alinea"] });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(src));
    const limits = { maxUnits: resolveOptions().maxUpdateCostUnits };
    const step = (change: () => void) => {
      const sv = Y.encodeStateVector(src);
      change();
      const update = Y.encodeStateAsUpdate(src, sv);
      const verdict = assessUpdate(update, doc, limits);
      Y.applyUpdate(doc, update);
      return verdict;
    };
    const plan = getItem(src, id)!.get("plan") as Y.XmlFragment;
    // A paste of 1,000 formatted paragraphs (~360 KB, more than a frame may carry).
    const paste = step(() =>
      src.transact(() => {
        for (let i = 0; i < 1000; i++) {
          const p = new Y.XmlElement("paragraph");
          const t = new Y.XmlText();
          p.insert(0, [t]);
          plan.insert(plan.length, [p]);
          t.insert(0, "Lorem ipsum dolor sit amet ".repeat(4));
          t.insert(t.length, "vet", { bold: true });
          t.insert(t.length, " en verder ".repeat(20));
        }
      }),
    );
    expect(paste.ok).toBe(true);
    const text = () => (plan.get(500) as Y.XmlElement).get(0) as Y.XmlText;
    for (let i = 0; i < 50; i++) expect(step(() => text().insert(10 + i, "k")).ok).toBe(true);
    expect(step(() => text().delete(5, 40)).ok).toBe(true);
    expect(step(() => plan.delete(0, plan.length)).ok).toBe(true);
    expect(assessUpdate(Y.encodeStateAsUpdate(src), doc, limits).ok).toBe(true);

    const attacked = new Y.Doc();
    const c = randomClient();
    const { first, second } = Costly.conflictScanAttack(c, 4000, 4000);
    expect(assessUpdate(first, attacked, limits).ok).toBe(true);
    Y.applyUpdate(attacked, first);
    expect(assessUpdate(second, attacked, limits)).toMatchObject({ ok: false, kind: "too-expensive" });
    expect(assessUpdate(Costly.overlappingDeletes(c, 4000, 4000), attacked, limits)).toMatchObject({ ok: false, kind: "unsorted-deletes" });
    expect(assessUpdate(Costly.descendingDeletes(c, 4000), attacked, limits)).toMatchObject({ ok: false, kind: "unsorted-deletes" });
    expect(assessUpdate(Costly.ascendingDeletes(c, 4000), attacked, limits).ok).toBe(true);
    expect(assessUpdate(Costly.pendingDeletes(c, 4000, 10), attacked, limits)).toMatchObject({ ok: false, kind: "unknown-content" });
    // Splitting one long text into many pieces: linear, but each split is work.
    const long = new Y.Doc();
    Y.applyUpdate(long, Costly.bigText(c, 100_000));
    expect(assessUpdate(Costly.ascendingDeletes(c, 100_000), long, limits)).toMatchObject({ ok: false, kind: "too-expensive" });
  });

  it("refuses an update whose trial apply is too slow and holds its sender off, also after reconnecting", async () => {
    // Every update is "too slow" here, which makes the slow path testable without a slow update.
    const { ctx, url } = await setUp({ maxUpdateMs: -1 });
    const attacker = await syncedRaw(url, ctx.world.users.editor1.token);
    const other = await syncedRaw(url, ctx.world.users.editor1.token);
    const doc = new Y.Doc();
    addItem(doc, { title: "Duur" });
    attacker.sendUpdate(Y.encodeStateAsUpdate(doc));
    expect(await closeWithin(attacker, 3000)).toBe(CloseCode.UpdateTooExpensive);
    // Every socket of that user ends, and a new one is refused before it can send anything.
    expect(await closeWithin(other, 3000)).toBe(CloseCode.UpdateTooExpensive);
    const again = raw(url, ctx.world.users.editor1.token);
    expect(await closeWithin(again, 3000)).toBe(CloseCode.UpdateTooExpensive);
    expect(again.received).toBe(0);
    // Someone else is not held off.
    const bystander = raw(url, ctx.world.users.editor2.token);
    await bystander.opened;
    expect(await closeWithin(bystander, 300)).toBeNull();
  });

  it("drops a reader's update without decoding it", async () => {
    const { ctx, server, url } = await setUp();
    const reader = raw(url, ctx.world.users.board.token);
    await reader.opened;
    await waitFor(() => server.collab.stats().perRoom[0]?.connections === 1, "reader joined");
    // Not an update at all: decoding it would throw. A reader's update is never looked at.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Update);
    encoding.writeVarUint8Array(e, new Uint8Array(64 * 1024).fill(0xff));
    reader.send(encoding.toUint8Array(e));
    reader.send(encodeUpdateMessage(new Uint8Array([0xff, 0xff, 0xff])));
    await waitFor(() => server.collab.stats().perRoom[0]?.droppedReadOnlyUpdates === 2, "updates dropped");
    expect(await closeWithin(reader, 200)).toBeNull();
  });

  it("caps open sockets per user and per address with TooManyConnections; a closed one frees its place", async () => {
    const { ctx, url } = await setUp({
      maxConnectionsPerUser: 2,
      maxConnectionsPerAddress: 3,
      clientAddress: (req) => String(req.headers["x-test-address"] ?? req.socket.remoteAddress),
    });
    const u = ctx.world.users;
    const from = (address: string) => ({ headers: { "x-test-address": address } });
    const first = raw(url, u.editor1.token, from("10.0.0.1"));
    const second = raw(url, u.editor1.token, from("10.0.0.2"));
    await Promise.all([first.opened, second.opened]);
    expect(await closeWithin(raw(url, u.editor1.token, from("10.0.0.3")), 2000)).toBe(CloseCode.TooManyConnections);
    // Three users behind one address: the fourth socket from there is one too many.
    const shared = [u.editor2, u.editor3, u.coordinator].map((x) => raw(url, x.token, from("10.0.0.9")));
    await Promise.all(shared.map((c) => c.opened));
    expect(await closeWithin(raw(url, u.board.token, from("10.0.0.9")), 2000)).toBe(CloseCode.TooManyConnections);
    first.close();
    await first.closed;
    const third = raw(url, u.editor1.token, from("10.0.0.3"));
    await third.opened;
    expect(await closeWithin(third, 300)).toBeNull();
  });

  it("closes sockets whose session expired, was revoked or whose user was disabled, by any path", async () => {
    const { ctx, url } = await setUp({ sessionCheckIntervalMs: 100 });
    const u = ctx.world.users;
    const [expired, revoked, disabled, live] = [u.editor1, u.editor2, u.editor3, u.coordinator].map((x) => raw(url, x.token));
    await Promise.all([expired, revoked, disabled, live].map((c) => c.opened));
    // Straight in the database, as an expiry (or another process) would: no close call is made.
    ctx.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, u.editor1.sessionId)).run();
    ctx.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, u.editor2.sessionId)).run();
    ctx.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.editor3.id)).run();
    expect(await Promise.all([expired, revoked, disabled].map((c) => closeWithin(c, 3000)))).toEqual([
      CloseCode.Unauthorized,
      CloseCode.Unauthorized,
      CloseCode.Unauthorized,
    ]);
    expect(await closeWithin(live, 300)).toBeNull();
  });

  it("counts editing as use of the session: a typist's session slides past its idle end, a quiet socket's does not", async () => {
    const { ctx, server, room, url } = await setUp({ sessionCheckIntervalMs: 100 });
    const u = ctx.world.users;
    const soon = () => new Date(Date.now() + 60_000);
    const expiryOf = (sessionId: string) =>
      ctx.db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, sessionId)).get()!.expiresAt.getTime();
    const typist = connectClient(server.url, room, u.editor1.token);
    clients.push(typist);
    const quiet = raw(url, u.editor2.token);
    await Promise.all([synced(typist), quiet.opened]);
    // Both sessions a minute from their idle end, as after hours without a page load.
    for (const id of [u.editor1.sessionId, u.editor2.sessionId]) {
      ctx.db.update(sessions).set({ expiresAt: soon() }).where(eq(sessions.id, id)).run();
    }
    addItem(typist.doc, { title: "Nog steeds aan het typen" });
    await waitFor(() => expiryOf(u.editor1.sessionId) > Date.now() + 60 * 60_000, "typist's session slid");
    expect(expiryOf(u.editor2.sessionId)).toBeLessThan(Date.now() + 2 * 60_000);
  });
});
