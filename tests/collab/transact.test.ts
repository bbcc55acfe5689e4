// A change the server makes itself (an action copying an item, a barrier anchored, a restore) runs
// through the room like a client's edit, but its failure is its caller's: a change that throws
// half-way, or one the schema refuses, rejects the caller's promise, leaves the document and the
// log as they were, and disconnects nobody (issue 13).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, getItem, getItemText } from "../../app/domain/agenda-doc";
import { ydocUpdates } from "../../db/schema";
import { actorOf, connectClient, synced, waitFor, withWorld, type Client, type Running } from "./helpers";

let ctx: ReturnType<typeof withWorld>;
let server: Running;
let editor: Client;
let itemId: string;

beforeEach(async () => {
  ctx = withWorld();
  server = await ctx.start();
  await server.collab.changeAgenda({
    agendaId: ctx.world.agendaA,
    actor: null,
    change: (doc) => {
      itemId = addItem(doc, { title: "Zorgrobots" });
    },
  });
  editor = connectClient(server.url, `agenda:${ctx.world.agendaA}`, ctx.world.users.editor1.token);
  await synced(editor);
});

afterEach(async () => {
  editor.destroy();
  await server.stop();
  ctx.cleanup();
});

const title = (doc: Y.Doc) => getItemText(getItem(doc, itemId)!, "title").toString();
const logRows = () => ctx.db.select().from(ydocUpdates).all().length;

describe("server-side changes", () => {
  it("return a throwing change's error to the caller; its half-made edits are not kept and no editor is disconnected", async () => {
    const rows = logRows();
    await expect(
      server.collab.changeAgenda({
        agendaId: ctx.world.agendaA,
        actor: actorOf(ctx.db, ctx.world.users.editor2),
        change: (doc) => {
          getItemText(getItem(doc, itemId)!, "title").insert(0, "Half ");
          throw new Error("refused half-way");
        },
      }),
    ).rejects.toThrow("refused half-way");
    expect(logRows()).toBe(rows);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await server.collab.getDocState(ctx.world.agendaA));
    expect(title(stored)).toBe("Zorgrobots");
    // The editor is still connected, never received the half-made edit, and keeps editing.
    expect(editor.closeCodes).toEqual([]);
    expect(editor.provider.wsconnected).toBe(true);
    expect(title(editor.doc)).toBe("Zorgrobots");
    getItemText(getItem(editor.doc, itemId)!, "title").insert(0, "Slimme ");
    await waitFor(() => logRows() > rows, "the editor's edit is stored");
    await server.collab.changeAgenda({
      agendaId: ctx.world.agendaA,
      actor: actorOf(ctx.db, ctx.world.users.editor2),
      change: (doc) => getItemText(getItem(doc, itemId)!, "title").insert(title(doc).length, "!"),
    });
    await waitFor(() => title(editor.doc) === "Slimme Zorgrobots!", "a later server change reaches the editor");
    expect(editor.closeCodes).toEqual([]);
  });
});
