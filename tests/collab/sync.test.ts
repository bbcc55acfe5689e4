import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import { agendaItems, agendaVersions, ydocSnapshots, ydocUpdates } from "../../db/schema";
import {
  addItem,
  getIntro,
  getItem,
  getItemPlan,
  getItemText,
  moveItem,
  paragraphsToXml,
  projectAgenda,
  removeItem,
  setChoice,
  setSectors,
} from "../../app/domain/agenda-doc";
import * as decoding from "lib0/decoding";
import { encodeSyncStep1 } from "../../collab-server/protocol";
import { actorOf, connectClient, RawClient, synced, waitFor, withWorld, type Client, type Running } from "./helpers";

let ctx: ReturnType<typeof withWorld>;
let server: Running;
let clients: Client[];

beforeEach(async () => {
  ctx = withWorld();
  server = await ctx.start({ idleUnloadMs: 50, projectionDebounceMs: 30 });
  clients = [];
});

afterEach(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
  ctx.cleanup();
});

const room = () => `agenda:${ctx.world.agendaA}`;
function client(user: keyof typeof ctx.world.users, doc?: Y.Doc) {
  const c = connectClient(server.url, room(), ctx.world.users[user].token, doc);
  clients.push(c);
  return c;
}
const titleOf = (doc: Y.Doc, id: string) => (getItem(doc, id) ? getItemText(getItem(doc, id)!, "title").toString() : undefined);

describe("collaboration", () => {
  it("lets two editors converge", async () => {
    const a = client("editor1");
    const b = client("editor2");
    await Promise.all([synced(a), synced(b)]);
    const id = addItem(a.doc, { title: "Zorgrobot", plan: ["Eerste alinea"] });
    await waitFor(() => titleOf(b.doc, id) === "Zorgrobot", "item at b");
    getItemText(getItem(b.doc, id)!, "title").insert(9, " in de wijk");
    getItemText(getItem(a.doc, id)!, "title").insert(0, "Inzet: ");
    await waitFor(
      () => titleOf(a.doc, id) === titleOf(b.doc, id) && titleOf(a.doc, id)!.length > 20,
      "convergence",
    );
    expect(titleOf(a.doc, id)).toBe("Inzet: Zorgrobot in de wijk");
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
    const stored = ctx.db.select().from(ydocUpdates).where(eq(ydocUpdates.room, room())).all();
    expect(new Set(stored.map((r) => r.userId))).toEqual(
      new Set([ctx.world.users.editor1.id, ctx.world.users.editor2.id]),
    );
  });

  it("drops a read-only (board) client's updates and stores nothing of them", async () => {
    const editor = client("editor1");
    const board = client("board");
    await Promise.all([synced(editor), synced(board)]);
    const id = addItem(editor.doc, { title: "Gedeeld" });
    await waitFor(() => titleOf(board.doc, id) === "Gedeeld", "board sees editor's item");

    const rowsBefore = ctx.db.select().from(ydocUpdates).all().length;
    const sneaky = addItem(board.doc, { title: "Bestuur schrijft" });
    getItemText(getItem(board.doc, id)!, "title").insert(0, "GEWIJZIGD ");
    // A later editor change proves the board's messages were processed (same socket order).
    getItemText(getItem(editor.doc, id)!, "title").insert(7, "!");
    await waitFor(() => titleOf(board.doc, id)?.endsWith("Gedeeld!") === true, "editor change reaches board");
    await new Promise((r) => setTimeout(r, 50));

    expect(getItem(editor.doc, sneaky)).toBeUndefined();
    expect(titleOf(editor.doc, id)).toBe("Gedeeld!");
    const rows = ctx.db.select().from(ydocUpdates).all();
    expect(rows.length).toBeGreaterThan(rowsBefore);
    expect(rows.every((r) => r.userId !== ctx.world.users.board.id)).toBe(true);
    expect(server.collab.stats().perRoom[0].droppedReadOnlyUpdates).toBeGreaterThan(0);
    const state = await server.collab.getDocState(ctx.world.agendaA);
    const check = new Y.Doc();
    Y.applyUpdate(check, state);
    expect(getItem(check, sneaky)).toBeUndefined();
    expect(titleOf(check, id)).toBe("Gedeeld!");
  });

  it("shows presence with the session's name and refuses foreign awareness client ids", async () => {
    const a = client("editor1");
    const board = client("board");
    await Promise.all([synced(a), synced(board)]);
    a.provider.awareness.setLocalStateField("user", { name: "Ik ben de minister", color: "#f00" });
    board.provider.awareness.setLocalStateField("user", { name: "Bestuur", color: "#0f0" });
    await waitFor(() => board.provider.awareness.getStates().get(a.doc.clientID)?.user !== undefined, "a's presence at board");
    await waitFor(() => a.provider.awareness.getStates().get(board.doc.clientID)?.user !== undefined, "board's presence at a");
    const seen = board.provider.awareness.getStates().get(a.doc.clientID)!.user;
    expect(seen).toMatchObject({ name: "User editor1", id: ctx.world.users.editor1.id, color: "#f00", readOnly: false });
    expect(a.provider.awareness.getStates().get(board.doc.clientID)!.user).toMatchObject({ name: "User board", readOnly: true });

    // Impersonation: the board client sends a state under a's client id, with a clock far
    // ahead so it would win if accepted.
    const encoding = await import("lib0/encoding");
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, a.doc.clientID);
    encoding.writeVarUint(inner, 10_000);
    encoding.writeVarString(inner, JSON.stringify({ user: { name: "forged", color: "#000" } }));
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 1);
    encoding.writeVarUint8Array(frame, encoding.toUint8Array(inner));
    board.provider.ws!.send(encoding.toUint8Array(frame));
    a.provider.awareness.setLocalStateField("user", { name: "x", color: "#00f" });
    await waitFor(() => board.provider.awareness.getStates().get(a.doc.clientID)?.user?.color === "#00f", "a's renewal");
    const third = client("editor2");
    await synced(third);
    await waitFor(() => third.provider.awareness.getStates().has(a.doc.clientID), "presence at third");
    expect(third.provider.awareness.getStates().get(a.doc.clientID)!.user).toMatchObject({ name: "User editor1", color: "#00f" });
  });

  it("keeps content across a server restart on the same file", async () => {
    const a = client("editor1");
    await synced(a);
    const id = addItem(a.doc, { title: "Blijft bestaan", plan: ["Plan 1", "Plan 2"] });
    paragraphsToXml(getIntro(a.doc), ["Inleiding van de regio"]);
    // Both changes left in one turn, so they may share one (merged) row.
    const stored = () => {
      const d = new Y.Doc();
      for (const row of ctx.db.select().from(ydocUpdates).all()) Y.applyUpdate(d, row.update);
      return projectAgenda(d).introText;
    };
    await waitFor(() => stored() === "Inleiding van de regio", "updates stored");
    a.destroy();
    clients = [];
    await server.stop();

    server = await ctx.start({ idleUnloadMs: 50, projectionDebounceMs: 30 });
    const fresh = client("editor2");
    await synced(fresh);
    expect(titleOf(fresh.doc, id)).toBe("Blijft bestaan");
    expect(projectAgenda(fresh.doc).introText).toBe("Inleiding van de regio");
    expect(projectAgenda(fresh.doc).items[0].planText).toBe("Plan 1\nPlan 2");
    // Unload compacted the log into a snapshot.
    expect(ctx.db.select().from(ydocSnapshots).where(eq(ydocSnapshots.room, room())).get()).toBeDefined();
  });

  it("sends a big stored document to a joiner before the room has decoded it, and not twice", async () => {
    // A big document stored as a snapshot alone, as an unload leaves it (decision 048).
    const a = client("editor1");
    await synced(a);
    const ids = Array.from({ length: 30 }, (_, i) => addItem(a.doc, { title: `Groot stuk ${i + 1}`, why: "Uitleg bij dit agendapunt. ".repeat(30) }));
    const logged = () => ctx.db.select().from(ydocUpdates).where(eq(ydocUpdates.room, room())).all().length;
    await waitFor(() => logged() > 0, "the items logged");
    const id = ids[29];
    a.destroy();
    await waitFor(() => server.collab.stats().rooms === 0, "room unloaded");
    const snapshot = ctx.db.select().from(ydocSnapshots).where(eq(ydocSnapshots.room, room())).get();
    expect(snapshot!.state.byteLength).toBeGreaterThan(16 * 1024);
    expect(ctx.db.select().from(ydocUpdates).where(eq(ydocUpdates.room, room())).all()).toHaveLength(0);

    const raw = new RawClient(`${server.url}/${room()}`, ctx.world.users.editor2.token, { autoReply: false });
    const frames: Array<{ sync: number; bytes: Uint8Array }> = [];
    raw.ws.on("message", (data: Buffer) => {
      const bytes = new Uint8Array(data);
      const decoder = decoding.createDecoder(bytes);
      if (decoding.readVarUint(decoder) === 0) frames.push({ sync: decoding.readVarUint(decoder), bytes });
    });
    const [STEP1, STEP2] = [0, 1];
    await waitFor(() => frames.some((f) => f.sync === STEP1), "the server's sync step 1, once loaded");
    // The whole document came first, before the room was ready to ask for the client's state.
    expect(frames[0].sync).toBe(STEP2);
    expect(frames[0].bytes.byteLength).toBeGreaterThan(16 * 1024);
    const whole = decoding.createDecoder(frames[0].bytes);
    decoding.readVarUint(whole);
    decoding.readVarUint(whole);
    Y.applyUpdate(raw.doc, decoding.readVarUint8Array(whole));
    expect(titleOf(raw.doc, id)).toBe("Groot stuk 30");
    // Its own sync step 1, sent with nothing (as y-websocket does on open), gets only what is new.
    raw.ws.send(encodeSyncStep1(new Y.Doc()));
    await waitFor(() => frames.filter((f) => f.sync === STEP2).length === 2, "the answer to the client's step 1");
    expect(frames.filter((f) => f.sync === STEP2)[1].bytes.byteLength).toBeLessThan(100);
    raw.ws.close();
  });

  it("compacts the log into the snapshot without losing anything", async () => {
    await server.stop();
    server = await ctx.start({ idleUnloadMs: 50, projectionDebounceMs: 30, compactEvery: 5 });
    const a = client("editor1");
    await synced(a);
    const id = addItem(a.doc, { title: "" });
    const title = getItemText(getItem(a.doc, id)!, "title");
    for (let i = 0; i < 12; i++) {
      title.insert(title.length, String(i % 10));
      await new Promise((r) => setTimeout(r, 2));
    }
    await server.collab.flush();
    const snapshot = ctx.db.select().from(ydocSnapshots).where(eq(ydocSnapshots.room, room())).get();
    expect(snapshot).toBeDefined();
    expect(ctx.db.select().from(ydocUpdates).all().every((r) => r.id > snapshot!.upToUpdateId)).toBe(true);
    const state = new Y.Doc();
    Y.applyUpdate(state, await server.collab.getDocState(ctx.world.agendaA));
    expect(titleOf(state, id)).toBe("012345678901");
  });

  it("keeps agenda_items equal to the document", async () => {
    const a = client("editor1");
    await synced(a);
    const row = (id: string) => ctx.db.select().from(agendaItems).where(eq(agendaItems.id, id)).get();
    const one = addItem(a.doc, { title: "Eén", plan: ["Alinea een", "Alinea twee"], sectors: ["vvt"] });
    const two = addItem(a.doc, { title: "Twee", professionalsInvolved: "deels" });
    const three = addItem(a.doc, { title: "Drie" });
    await waitFor(() => row(three) !== undefined, "projection");
    const first = { one: row(one)!, two: row(two)! };
    expect(first.one).toMatchObject({ agendaId: ctx.world.agendaA, title: "Eén", planText: "Alinea een\nAlinea twee", sectors: ["vvt"], status: "idee" });
    expect(first.two.professionalsInvolved).toBe("deels");

    await new Promise((r) => setTimeout(r, 20));
    getItemText(getItem(a.doc, one)!, "title").insert(3, " (herzien)");
    setChoice(a.doc, one, "mechanism", "prevention");
    setChoice(a.doc, one, "professionalsInvolved", "nonsense-choice");
    setSectors(a.doc, one, ["ghz", "ziekenhuis"]);
    paragraphsToXml(getItemPlan(getItem(a.doc, one)!), ["Alinea drie"]);
    moveItem(a.doc, two, 0);
    removeItem(a.doc, three);
    await waitFor(() => row(three) === undefined, "deletion projected");

    const now = { one: row(one)!, two: row(two)! };
    expect(now.one).toMatchObject({
      title: "Eén (herzien)",
      mechanism: "prevention",
      // Values outside the vocabulary do not reach the read model.
      professionalsInvolved: null,
      sectors: ["ghz", "ziekenhuis"],
      planText: "Alinea een\nAlinea twee\nAlinea drie",
    });
    expect(now.one.changedAt.getTime()).toBeGreaterThan(first.one.changedAt.getTime());
    // Moved, not changed: position follows, changed_at does not.
    expect(now.two.position).toBeLessThan(now.one.position);
    expect(now.two.changedAt.getTime()).toBe(first.two.changedAt.getTime());
    const rows = ctx.db.select().from(agendaItems).where(eq(agendaItems.agendaId, ctx.world.agendaA)).all();
    expect(rows.map((r) => r.id).sort()).toEqual([one, two].sort());
  });

  it("stores a daily version with the state before the day's first change", async () => {
    let now = new Date("2026-03-02T10:00:00+01:00");
    await server.stop();
    server = await ctx.start({ idleUnloadMs: 50, projectionDebounceMs: 30, now: () => now });
    const a = client("editor1");
    await synced(a);
    const id = addItem(a.doc, { title: "Maandag" });
    await waitFor(() => ctx.db.select().from(ydocUpdates).all().length > 0, "monday's update stored");
    // First change ever: an empty document is not worth a version.
    expect(ctx.db.select().from(agendaVersions).all()).toHaveLength(0);

    now = new Date("2026-03-03T00:30:00+01:00"); // Tuesday in Amsterdam, still Monday in UTC
    getItemText(getItem(a.doc, id)!, "title").insert(0, "Dinsdag ");
    await waitFor(() => ctx.db.select().from(agendaVersions).all().length === 1, "daily version");
    getItemText(getItem(a.doc, id)!, "title").insert(0, "Nog ");
    await server.collab.flush();
    const versions = ctx.db.select().from(agendaVersions).all();
    expect(versions).toHaveLength(1);
    expect(versions[0].kind).toBe("daily");
    const old = new Y.Doc();
    Y.applyUpdate(old, versions[0].state);
    expect(titleOf(old, id)).toBe("Maandag");
  });

  it("creates named versions and restores one as a new change that editors receive", async () => {
    const a = client("editor1");
    const b = client("editor2");
    await Promise.all([synced(a), synced(b)]);
    const keep = addItem(a.doc, { title: "Origineel", plan: ["Oud plan"], sectors: ["vvt"] });
    const gone = addItem(a.doc, { title: "Wordt verwijderd" });
    paragraphsToXml(getIntro(a.doc), ["Oude inleiding"]);
    await waitFor(() => titleOf(b.doc, gone) !== undefined, "b has both");
    const versionId = await server.collab.createVersion({
      agendaId: ctx.world.agendaA,
      kind: "named",
      name: "Voor de heisessie",
      actor: actorOf(ctx.db, ctx.world.users.editor1),
    });

    getItemText(getItem(a.doc, keep)!, "title").insert(9, " maar aangepast");
    removeItem(a.doc, gone);
    const added = addItem(a.doc, { title: "Nieuw na versie" });
    setSectors(a.doc, keep, []);
    getIntro(a.doc).delete(0, getIntro(a.doc).length);
    await waitFor(() => titleOf(b.doc, added) !== undefined && getItem(b.doc, gone) === undefined, "b has changes");

    await server.collab.restoreVersion({ agendaId: ctx.world.agendaA, versionId, actor: actorOf(ctx.db, ctx.world.users.editor2) });
    for (const doc of [a.doc, b.doc]) {
      await waitFor(() => titleOf(doc, keep) === "Origineel" && getItem(doc, added) === undefined, "restore reached client");
      expect(titleOf(doc, gone)).toBe("Wordt verwijderd");
      expect(projectAgenda(doc).introText).toBe("Oude inleiding");
      expect(projectAgenda(doc).items.find((i) => i.id === keep)).toMatchObject({ sectors: ["vvt"], planText: "Oud plan" });
    }
    const kinds = ctx.db.select().from(agendaVersions).all().map((v) => v.kind);
    expect(kinds).toEqual(["named", "before_restore"]);
    const restoreRows = ctx.db.select().from(ydocUpdates).where(eq(ydocUpdates.userId, ctx.world.users.editor2.id)).all();
    expect(restoreRows.length).toBeGreaterThan(0);
    expect(ctx.db.select().from(agendaItems).where(eq(agendaItems.id, added)).get()).toBeUndefined();
    expect(ctx.db.select().from(agendaItems).where(eq(agendaItems.id, gone)).get()?.title).toBe("Wordt verwijderd");
  });

  it("restores and changes an agenda whose room is not loaded", async () => {
    const versionId = await server.collab.createVersion({ agendaId: ctx.world.agendaA, kind: "named", actor: null });
    let id = "";
    await server.collab.changeAgenda({
      agendaId: ctx.world.agendaA,
      actor: actorOf(ctx.db, ctx.world.users.coordinator),
      change: (doc) => {
        id = addItem(doc, { title: "Gekopieerd uit regio B" });
      },
    });
    expect(ctx.db.select().from(agendaItems).where(eq(agendaItems.id, id)).get()?.title).toBe("Gekopieerd uit regio B");
    await waitFor(() => server.collab.stats().rooms === 0, "room unloaded");
    await server.collab.restoreVersion({ agendaId: ctx.world.agendaA, versionId, actor: null });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.collab.getDocState(ctx.world.agendaA));
    expect(getItem(doc, id)).toBeUndefined();
    expect(ctx.db.select().from(agendaItems).where(eq(agendaItems.id, id)).get()).toBeUndefined();
    await expect(
      server.collab.changeAgenda({ agendaId: ctx.world.agendaA, actor: null, change: () => { throw new Error("app bug"); } }),
    ).rejects.toThrow("app bug");
  });
});
