// The agenda document's schema is enforced by the room: an update that would leave a type the app
// cannot read at a key it reads, or that changes an item's status (the server records it with its
// history, decision 028), is refused with SchemaViolation (4422), however it is encoded and
// whichever message carries it, and neither the live document, the log nor the read model changes. Presence
// states must have the presence shape: a malformed one closes its sender and reaches nobody (an
// echo of another's, under a new id, is dropped instead).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { and, eq } from "drizzle-orm";
import { addItem, getIntro, getItem, getItems, getItemPlan, getItemText, removeItem, setChoice } from "../../app/domain/agenda-doc";
import { changeItemStatus } from "../../app/models/execution.server";
import { agendaItems, itemStatusChanges } from "../../db/schema";
import type { ItemStatus } from "../../app/domain/vocabulary";
import { CloseCode } from "../../collab-server/close-codes";
import { insertVersion } from "../../app/collab/versions.server";
import { awarenessFrame } from "./fixtures/hostile-frames";
import { actorOf, connectClient, contentJson, quietLog, RawClient, synced, waitFor, withWorld, type Client, type Running } from "./helpers";
import { readRoomState } from "../../app/collab/storage.server";
import { crafter, updatePaths } from "../support/update-paths";

let ctx: ReturnType<typeof withWorld>;
let server: Running;
const clients: Client[] = [];
let room: string;
let itemId: string;

beforeEach(async () => {
  ctx = withWorld();
  server = await ctx.start({ idleUnloadMs: 50 });
  room = `agenda:${ctx.world.agendaA}`;
  await server.collab.changeAgenda({
    agendaId: ctx.world.agendaA,
    actor: actorOf(ctx.db, ctx.world.users.editor1),
    change: (doc) => {
      itemId = addItem(doc, { title: "Zorgrobots", plan: ["Eerste stap"] });
    },
  });
  // In execution through the record, as the item's page does it: the server's own write passes.
  await record(itemId, "in_uitvoering");
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
  ctx.cleanup();
});

/** A status recorded with its history row, as the item's page records it (withLiveDoc). */
async function record(id: string, status: ItemStatus) {
  const lead = actorOf(ctx.db, ctx.world.users.editor1);
  await server.collab.changeAgenda({
    agendaId: ctx.world.agendaA,
    actor: lead,
    change: (doc) => {
      const result = changeItemStatus({ db: ctx.db, doc, actor: lead, agenda: { id: ctx.world.agendaA, regionId: ctx.world.regionA }, itemId: id, input: { intent: "status", status, note: "", lessonLearned: "" } });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
    },
  });
}

/** The close code, or "open" if the server kept the connection for 5 s. */
const outcome = (client: RawClient) => Promise.race([client.closed, new Promise<"open">((r) => setTimeout(() => r("open"), 5000))]);

/**
 * What storage holds for the room, snapshot and log together. Not a count of log rows: the room
 * unloads 50 ms after its last connection and compacts, which folds rows without changing this.
 */
function stored() {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, readRoomState(ctx.db, room, quietLog));
  return { json: contentJson(doc), sv: Y.encodeStateVector(doc) };
}

/** The item's read-model row and its status history. */
function records() {
  return {
    row: ctx.db.select({ status: agendaItems.status, title: agendaItems.title }).from(agendaItems).where(eq(agendaItems.id, itemId)).get(),
    history: ctx.db.select().from(itemStatusChanges).where(and(eq(itemStatusChanges.agendaId, ctx.world.agendaA), eq(itemStatusChanges.itemId, itemId))).all(),
  };
}

async function liveContent() {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await server.collab.getDocState(ctx.world.agendaA));
  return { json: contentJson(doc), sv: Y.encodeStateVector(doc) };
}

const crafted = crafter(() => server.collab.getDocState(ctx.world.agendaA));

const item = (doc: Y.Doc) => getItem(doc, itemId)!;
const badShapes: Record<string, (doc: Y.Doc) => void> = {
  "a title that is not a Y.Text": (doc) => item(doc).set("title", "gewone tekst"),
  "a title that is an XmlText": (doc) => item(doc).set("title", new Y.XmlText("x")),
  "a stray XmlText in a plan": (doc) => getItemPlan(item(doc)).insert(0, [new Y.XmlText("los")]),
  "a stray XmlText in the introduction": (doc) => getIntro(doc).insert(0, [new Y.XmlText("los")]),
  "an element the editor does not know": (doc) => getIntro(doc).insert(0, [new Y.XmlElement("script")]),
  "a number in the items map": (doc) => getItems(doc).set("getal", 42 as never),
  "a required field deleted": (doc) => item(doc).delete("why"),
  "a boolean field with text": (doc) => item(doc).set("isPublic", "ja"),
  "a title longer than 200 characters (10,000 unbroken)": (doc) => getItemText(item(doc), "title").insert(0, "x".repeat(10_000)),
  // Yjs sends no root types: a root is typed by whoever reads it first. "items" written as a text
  // arrives as list content under the map the app reads.
  "the items root redefined as a Y.Text": (doc) => {
    const other = new Y.Doc();
    other.getText("items").insert(0, "ATTACK");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
  },
  "content under a root the app does not read": (doc) => doc.getMap("ATTACK-root").set("x", 1),
  // Stopping without the lesson learned and without a history row, in every form it can take.
  "an item's status set to gestopt": (doc) => setChoice(doc, itemId, "status", "gestopt"),
  "an item's status set to the value it has": (doc) => setChoice(doc, itemId, "status", "in_uitvoering"),
  "an item's status deleted": (doc) => item(doc).delete("status"),
  "a new item that starts as gestopt": (doc) => addItem(doc, { title: "Meteen gestopt", status: "gestopt" }),
  "an item replaced under its id, as gestopt": (doc) => {
    removeItem(doc, itemId);
    addItem(doc, { id: itemId, title: "Zorgrobots", status: "gestopt" });
  },
  "an item replaced under its id, starting over as idee": (doc) => {
    removeItem(doc, itemId);
    addItem(doc, { id: itemId, title: "Zorgrobots" });
  },
};

const paths = updatePaths(crafted, (doc) => getItemText(item(doc), "why").insert(0, "Omdat "));

describe("document schema", () => {
  for (const [shape, change] of Object.entries(badShapes)) {
    it(`refuses ${shape} with 4422 on every path; live document and log unchanged`, async () => {
      const before = await liveContent();
      const kept = stored();
      const recorded = records();
      expect(recorded.row?.status).toBe("in_uitvoering");
      for (const path of paths) {
        const attacker = new RawClient(`${server.url}/${room}`, ctx.world.users.editor2.token, { autoReply: false });
        await attacker.opened;
        await path.send(attacker, change);
        expect(await outcome(attacker), path.name).toBe(CloseCode.SchemaViolation);
        await server.collab.flush();
        expect(stored(), path.name).toEqual(kept);
        const after = await liveContent();
        expect(after.json, path.name).toBe(before.json);
        expect(after.sv, path.name).toEqual(before.sv);
        expect(records(), path.name).toEqual(recorded);
      }
    });
  }

  it("keeps honest edits flowing, also right after a refused update (the validation copy is rebuilt)", async () => {
    const editor = connectClient(server.url, room, ctx.world.users.editor1.token);
    const other = connectClient(server.url, room, ctx.world.users.editor3.token);
    clients.push(editor, other);
    await Promise.all([synced(editor), synced(other)]);
    const attacker = new RawClient(`${server.url}/${room}`, ctx.world.users.editor2.token, { autoReply: false });
    await attacker.opened;
    attacker.sendUpdate(await crafted(badShapes["a number in the items map"]));
    expect(await outcome(attacker)).toBe(CloseCode.SchemaViolation);
    const added = addItem(editor.doc, { title: "Na de aanval", plan: ["Plan"] });
    getItemText(item(editor.doc), "title").insert(0, "Slimme ");
    await waitFor(() => getItem(other.doc, added) !== undefined && getItemText(item(other.doc), "title").toString() === "Slimme Zorgrobots", "honest edits reach the other editor");
    expect(editor.closeCodes).toEqual([]);
  });

  it("refuses a status set on an item whose document has none (stored before statuses were kept)", async () => {
    await server.collab.changeAgenda({ agendaId: ctx.world.agendaA, actor: null, change: (doc) => item(doc).delete("status") });
    await server.collab.flush();
    const kept = stored();
    const recorded = records();
    const attacker = new RawClient(`${server.url}/${room}`, ctx.world.users.editor2.token, { autoReply: false });
    await attacker.opened;
    attacker.sendUpdate(await crafted((doc) => setChoice(doc, itemId, "status", "gestopt")));
    expect(await outcome(attacker)).toBe(CloseCode.SchemaViolation);
    await server.collab.flush();
    expect(stored()).toEqual(kept);
    expect(records()).toEqual(recorded);
  });

  it("does not let a server-side change store a violating document", async () => {
    const kept = stored();
    await expect(
      server.collab.changeAgenda({ agendaId: ctx.world.agendaA, actor: actorOf(ctx.db, ctx.world.users.editor1), change: (doc) => item(doc).set("title", 5 as never) }),
    ).rejects.toThrow(/schema/);
    expect(stored()).toEqual(kept);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.collab.getDocState(ctx.world.agendaA));
    expect(getItemText(item(doc), "title").toString()).toBe("Zorgrobots");
  });

  it("restores content but not statuses: today's stays, a returning item gets its last recorded one", async () => {
    const serverChange = (change: (doc: Y.Doc) => void) => server.collab.changeAgenda({ agendaId: ctx.world.agendaA, actor: null, change });
    let recorded = "";
    let unrecorded = "";
    await serverChange((doc) => {
      recorded = addItem(doc, { title: "Vastgelegd" });
      // Set before statuses were recorded: no history row says otherwise.
      unrecorded = addItem(doc, { title: "Van voor de geschiedenis", status: "prioriteit" });
    });
    const versionId = await server.collab.createVersion({ agendaId: ctx.world.agendaA, kind: "named", name: "oud", actor: null });
    await record(itemId, "geborgd");
    await record(recorded, "in_voorbereiding");
    await serverChange((doc) => {
      getItemText(item(doc), "title").insert(0, "Nieuwe ");
      removeItem(doc, recorded);
      removeItem(doc, unrecorded);
    });
    const history = ctx.db.select().from(itemStatusChanges).all();
    await server.collab.restoreVersion({ agendaId: ctx.world.agendaA, versionId, actor: actorOf(ctx.db, ctx.world.users.editor1) });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.collab.getDocState(ctx.world.agendaA));
    const status = (id: string) => ctx.db.select({ status: agendaItems.status }).from(agendaItems).where(eq(agendaItems.id, id)).get()?.status;
    expect(getItemText(item(doc), "title").toString()).toBe("Zorgrobots");
    expect([item(doc).get("status"), status(itemId)]).toEqual(["geborgd", "geborgd"]);
    expect([getItem(doc, recorded)?.get("status"), status(recorded)]).toEqual(["in_voorbereiding", "in_voorbereiding"]);
    expect([getItem(doc, unrecorded)?.get("status"), status(unrecorded)]).toEqual(["prioriteit", "prioriteit"]);
    expect(ctx.db.select().from(itemStatusChanges).all()).toEqual(history);
  });

  it("restores an old version around its damaged parts", async () => {
    // A version stored before the check: one item fine, another damaged.
    const old = new Y.Doc();
    Y.applyUpdate(old, await server.collab.getDocState(ctx.world.agendaA));
    getItemText(item(old), "title").insert(0, "Oude ");
    const damagedId = addItem(old, { title: "Beschadigd" });
    getItem(old, damagedId)!.set("plan", new Y.XmlText("geen plan"));
    const versionId = insertVersion(ctx.db, { agendaId: ctx.world.agendaA, kind: "named", name: "oud", state: Y.encodeStateAsUpdate(old), userId: null, createdAt: new Date() });
    await server.collab.restoreVersion({ agendaId: ctx.world.agendaA, versionId, actor: actorOf(ctx.db, ctx.world.users.editor1) });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.collab.getDocState(ctx.world.agendaA));
    expect(getItemText(item(doc), "title").toString()).toBe("Oude Zorgrobots");
    expect(getItem(doc, damagedId)).toBeUndefined();
  });
});

describe("presence shape", () => {
  const malformed: Record<string, unknown> = {
    "a cursor that is a number": { user: { name: "x", color: "#123456" }, cursor: 5 },
    "a cursor without positions": { cursor: { anchor: null, head: null } },
    "a position with a forged id": { cursor: { anchor: { item: { client: "x", clock: 1 } }, head: { item: { client: 1, clock: 1 } } } },
    "a user that is a string": { user: "ATTACK", cursor: null },
    "a colour that is markup": { user: { color: "red;background:url(x)" } },
    "keys the app does not send": { user: { name: "x" }, blob: "ATTACK" },
    "a field the editor does not have": { user: { name: "x" }, field: { item: "a", name: "__proto__" } },
  };
  for (const [what, state] of Object.entries(malformed)) {
    it(`closes the sender of ${what} with 4400 and relays it to nobody`, async () => {
      const watcher = connectClient(server.url, room, ctx.world.users.editor1.token);
      clients.push(watcher);
      await synced(watcher);
      const attacker = new RawClient(`${server.url}/${room}`, ctx.world.users.editor2.token, { autoReply: false });
      await attacker.opened;
      const id = 777_000_111;
      attacker.send(awarenessFrame([[id, 1, JSON.stringify(state)]]));
      expect(await outcome(attacker)).toBe(CloseCode.MalformedMessage);
      // A valid state sent after it arrives, so the malformed one would have arrived before.
      const honest = new RawClient(`${server.url}/${room}`, ctx.world.users.editor3.token, { autoReply: false });
      await honest.opened;
      honest.send(awarenessFrame([[id + 1, 1, JSON.stringify({ user: { name: "x", color: "#123456" }, cursor: null })]]));
      await waitFor(() => watcher.provider.awareness.getStates().has(id + 1), "the valid state reaches the watcher");
      expect(watcher.provider.awareness.getStates().has(id)).toBe(false);
      honest.close();
    });
  }

  // y-websocket clients echo every state they receive: one malformed state relayed by an earlier
  // server would otherwise disconnect every editor it reached.
  it("keeps a connection that echoes a malformed state under another id once it has its own, and relays the echo to nobody", async () => {
    const watcher = connectClient(server.url, room, ctx.world.users.editor1.token);
    clients.push(watcher);
    await synced(watcher);
    const echoer = new RawClient(`${server.url}/${room}`, ctx.world.users.editor2.token, { autoReply: false });
    await echoer.opened;
    const own = 777_000_200;
    echoer.send(awarenessFrame([[own, 1, JSON.stringify({ user: { name: "x", color: "#123456" }, cursor: null })]]));
    await waitFor(() => watcher.provider.awareness.getStates().has(own), "the echoer's own state reaches the watcher");
    echoer.send(awarenessFrame([[own + 1, 1, JSON.stringify({ user: "ATTACK", cursor: 5 })]]));
    echoer.send(awarenessFrame([[own + 2, 1, JSON.stringify({ user: { name: "y", color: "#654321" }, cursor: null })]]));
    await waitFor(() => watcher.provider.awareness.getStates().has(own + 2), "a valid state sent after the echo arrives");
    expect(watcher.provider.awareness.getStates().has(own + 1)).toBe(false);
    expect(await outcome(echoer)).toBe("open");
    // Its own state stays its own: a malformed one closes it.
    echoer.send(awarenessFrame([[own, 2, JSON.stringify({ user: "ATTACK", cursor: 5 })]]));
    expect(await outcome(echoer)).toBe(CloseCode.MalformedMessage);
  });
});
