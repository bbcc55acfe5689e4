// Those who may only suggest (decision 035) send updates like editors, and the room judges each on
// the trial copy by what it changed: their own suggestions pass and are stored; content outside a
// suggestion, or a suggestion under someone else's name, closes them with OnlySuggestions and
// nothing is kept, however the update is encoded and whichever message carries it. Accepting and rejecting is a server change, recorded in the audit log.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import { addItem, getIntro, getItem, getItemPlan, paragraphsToXml } from "../../app/domain/agenda-doc";
import { listSuggestions, settleSuggestions, suggestFieldValue } from "../../app/domain/suggestions";
import { readRoomState } from "../../app/collab/storage.server";
import { agendaItems, regions } from "../../db/schema";
import { CloseCode } from "../../shared/close-codes";
import { actorOf, contentJson, quietLog, RawClient, waitFor, withWorld, type Running } from "./helpers";
import { crafter, updatePaths } from "../support/update-paths";

let ctx: ReturnType<typeof withWorld>;
let server: Running;
let room: string;
let itemId: string;

beforeEach(async () => {
  ctx = withWorld();
  // The board member of region A may suggest there.
  ctx.db.update(regions).set({ boardMaySuggest: true }).where(eq(regions.id, ctx.world.regionA)).run();
  // What is judged here is the content of an update, not its time: a loaded machine must not turn
  // a 100 ms trial-apply limit into a refusal (4413).
  server = await ctx.start({ idleUnloadMs: 50, maxUpdateMs: 10_000 });
  room = `agenda:${ctx.world.agendaA}`;
  await server.collab.changeAgenda({
    agendaId: ctx.world.agendaA,
    actor: actorOf(ctx.db, ctx.world.users.editor1),
    change: (doc) => {
      paragraphsToXml(getIntro(doc), ["De regio kiest drie innovaties."]);
      itemId = addItem(doc, { title: "Zorgrobots", plan: ["Eerste stap"] });
    },
  });
});
afterEach(async () => {
  await server.stop();
  ctx.cleanup();
});

const outcome = (client: RawClient) => Promise.race([client.closed, new Promise<"open">((r) => setTimeout(() => r("open"), 1500))]);

/** What storage holds for the room (snapshot and log). */
function storedDoc() {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, readRoomState(ctx.db, room, quietLog));
  return doc;
}

/** The stored content and state vector: equal only if nothing at all was stored in between. */
const stored = () => {
  const doc = storedDoc();
  return { json: contentJson(doc), sv: Y.encodeStateVector(doc) };
};

const introText = (doc: Y.Doc) => (getIntro(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
const board = () => ctx.world.users.board;
const boardName = "User board";
const mark = (author: number, authorName = boardName, id = "s1") => ({ id, author, authorName, at: "2026-12-02T10:00:00.000Z" });

const crafted = crafter(() => server.collab.getDocState(ctx.world.agendaA));
// The board member's own suggestion, which a refused change must not pass hidden beside.
const paths = updatePaths(crafted, (doc) => introText(doc).insert(0, "Eerlijk. ", { insertion: mark(board().id, boardName, "honest") }));

/** Sends, as the board member over a raw socket, the change made on a copy of the live document. */
async function sendAsBoard(change: (doc: Y.Doc) => void, path = paths[0]) {
  const client = new RawClient(`${server.url}/${room}`, board().token, { autoReply: false });
  await client.opened;
  await path.send(client, change);
  const result = await outcome(client);
  client.close();
  await server.collab.flush();
  return result;
}

/** Sends the change on every path: each closes the board member with OnlySuggestions and stores nothing. */
async function expectRefusedOnEveryPath(change: (doc: Y.Doc) => void) {
  const kept = stored();
  for (const path of paths) {
    expect(await sendAsBoard(change, path), path.name).toBe(CloseCode.OnlySuggestions);
    expect(stored(), path.name).toEqual(kept);
  }
}

describe("a suggester's update", () => {
  it("is refused when it inserts plain content outside a suggestion, and nothing is stored", async () => {
    await expectRefusedOnEveryPath((doc) => introText(doc).insert(0, "Niet gevraagd. "));
    expect(introText(storedDoc()).toString()).not.toContain("Niet gevraagd");
  });

  it("is refused when it deletes content outright, or edits a plain field", async () => {
    await expectRefusedOnEveryPath((doc) => introText(doc).delete(0, 3));
    await expectRefusedOnEveryPath((doc) => (getItem(doc, itemId)!.get("title") as Y.Text).insert(0, "X"));
    const doc = storedDoc();
    expect(introText(doc).toString()).toContain("De regio kiest");
    expect((getItem(doc, itemId)!.get("title") as Y.Text).toString()).toBe("Zorgrobots");
  });

  it("is refused when its suggestion claims another author", async () => {
    const coordinator = ctx.world.users.coordinator.id;
    await expectRefusedOnEveryPath((doc) => introText(doc).insert(0, "Namens een ander. ", { insertion: mark(coordinator, "User coord") }));
    expect(listSuggestions(storedDoc())).toEqual([]);
    // Its own id with someone else's name is no better.
    await expectRefusedOnEveryPath((doc) => introText(doc).insert(0, "Vals. ", { insertion: mark(board().id, "User coord") }));
  });

  it("passes with its own insertion and deletion, which are stored and left out of the read model", async () => {
    const result = await sendAsBoard((doc) => {
      introText(doc).insert(0, "Samen met het onderwijs. ", { insertion: mark(board().id, boardName, "ins1") });
      const plan = (getItemPlan(getItem(doc, itemId)!).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      plan.insert(plan.length, " en een tweede", { insertion: mark(board().id, boardName, "ins2") });
      plan.format(0, 6, { deletion: mark(board().id, boardName, "del1") });
    });
    expect(result).toBe("open");
    const stored = listSuggestions(storedDoc());
    expect(stored.map((s) => [s.kind, s.id, s.author, s.text])).toEqual([
      ["insertion", "ins1", board().id, "Samen met het onderwijs. "],
      ["deletion", "del1", board().id, "Eerste"],
      ["insertion", "ins2", board().id, " en een tweede"],
    ]);
    // The read model reads the plan as if every suggestion were rejected.
    await waitFor(() => ctx.db.select().from(agendaItems).all().length > 0, "projection");
    const row = ctx.db.select({ planText: agendaItems.planText }).from(agendaItems).get();
    expect(row?.planText).toBe("Eerste stap");
  });

  it("may withdraw its own suggestion but not touch someone else's", async () => {
    await server.collab.changeAgenda({
      agendaId: ctx.world.agendaA,
      actor: null,
      change: (doc) => introText(doc).insert(0, "Van de coördinator. ", { insertion: mark(ctx.world.users.coordinator.id, "User coord", "other") }),
    });
    expect(await sendAsBoard((doc) => introText(doc).insert(0, "Mijn zin. ", { insertion: mark(board().id, boardName, "mine") }))).toBe("open");
    expect(await sendAsBoard((doc) => introText(doc).delete(0, "Mijn zin. ".length))).toBe("open");
    expect(listSuggestions(storedDoc()).map((s) => s.id)).toEqual(["other"]);
    await expectRefusedOnEveryPath((doc) => introText(doc).delete(0, "Van de coördinator. ".length));
    expect(listSuggestions(storedDoc()).map((s) => s.id)).toEqual(["other"]);
  });
});

describe("a suggester's value for a plain field", () => {
  const value = (author: number, authorName = boardName) => ({ itemId, field: "leadOrganisation", value: "Hogeschool Twentse Zorg", author, authorName, at: "2026-12-02T10:00:00.000Z" });

  it("is stored beside the field, which keeps its value in the document and the read model", async () => {
    expect(await sendAsBoard((doc) => suggestFieldValue(doc, value(board().id)))).toBe("open");
    const doc = storedDoc();
    expect(listSuggestions(doc).map((s) => [s.kind, s.field, s.text])).toEqual([["field", "leadOrganisation", "Hogeschool Twentse Zorg"]]);
    expect((getItem(doc, itemId)!.get("leadOrganisation") as Y.Text).toString()).toBe("");
    await waitFor(() => ctx.db.select().from(agendaItems).all().length > 0, "projection");
    expect(ctx.db.select({ lead: agendaItems.leadOrganisation }).from(agendaItems).get()?.lead).toBe("");
  });

  it("is refused under someone else's name", async () => {
    await expectRefusedOnEveryPath((doc) => suggestFieldValue(doc, value(ctx.world.users.coordinator.id, "User coord")));
    expect(listSuggestions(storedDoc())).toEqual([]);
  });
});

describe("settling suggestions", () => {
  it("accepts a field's suggested value into the field", () => {
    const doc = new Y.Doc();
    const id = addItem(doc, { title: "Oud" });
    suggestFieldValue(doc, { itemId: id, field: "title", value: "Nieuw", author: 7, authorName: "A", at: "2026-12-02T10:00:00.000Z" });
    expect(settleSuggestions(doc, { author: 7 }, "accept").map((s) => s.kind)).toEqual(["field"]);
    expect((getItem(doc, id)!.get("title") as Y.Text).toString()).toBe("Nieuw");
    expect(listSuggestions(doc)).toEqual([]);
  });

  it("accepts an insertion into the text and rejects a deletion back to plain text", () => {
    const doc = new Y.Doc();
    paragraphsToXml(getIntro(doc), ["Oud"]);
    introText(doc).insert(3, " nieuw", { insertion: mark(7, "A", "i") });
    introText(doc).format(0, 3, { deletion: mark(7, "A", "d") });
    expect(settleSuggestions(doc, { id: "i" }, "accept").map((s) => s.id)).toEqual(["i"]);
    expect(settleSuggestions(doc, { author: 7 }, "reject").map((s) => s.id)).toEqual(["d"]);
    expect(introText(doc).toDelta()).toEqual([{ insert: "Oud nieuw" }]);
    expect(listSuggestions(doc)).toEqual([]);
  });
});
