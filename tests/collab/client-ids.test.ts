// An editor must not be able to write under another editor's Yjs client id: Yjs would take the
// forged content for the owner's own, and the owner's real edits at those clocks would then be
// dropped everywhere as "already known".
import { afterEach, beforeEach, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, getItem, getItemText } from "../../app/domain/agenda-doc";
import { CloseCode } from "../../collab-server/close-codes";
import { ydocClients } from "../../db/schema";
import { connectClient, RawClient, synced, waitFor, withWorld, type Client, type Running } from "./helpers";

let ctx: ReturnType<typeof withWorld>;
let server: Running;
const clients: Client[] = [];

beforeEach(async () => {
  ctx = withWorld();
  server = await ctx.start({ idleUnloadMs: 50 });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
  ctx.cleanup();
});

/** The close code, or "open" if the server kept the connection for 5 s. */
const outcome = (client: RawClient) => Promise.race([client.closed, new Promise<"open">((r) => setTimeout(() => r("open"), 5000))]);

/** An update that adds a title edit under `clientId`, at that client's next clock in `base`. */
function forgedUpdate(base: Y.Doc, clientId: number, itemId: string, text: string): Uint8Array {
  const evil = new Y.Doc();
  Y.applyUpdate(evil, Y.encodeStateAsUpdate(base));
  // Set after loading: Yjs picks a new id when a remote update brings content under its own.
  evil.clientID = clientId;
  const before = Y.encodeStateVector(evil);
  getItemText(getItem(evil, itemId)!, "title").insert(0, text);
  return Y.encodeStateAsUpdate(evil, before);
}

it("refuses content under another user's client id, keeps the owner's edits, and remembers owners across a restart", async () => {
  const room = `agenda:${ctx.world.agendaA}`;
  const victim = connectClient(server.url, room, ctx.world.users.editor1.token);
  const honest = connectClient(server.url, room, ctx.world.users.editor2.token);
  clients.push(victim, honest);
  await Promise.all([synced(victim), synced(honest)]);
  const item = addItem(victim.doc, { title: "Zorgrobots" });
  await waitFor(() => getItem(honest.doc, item) !== undefined, "victim's item reaches the other editor");

  // Another editor of the same region forges the victim's next edit.
  const attacker = new RawClient(`${server.url}/${room}`, ctx.world.users.editor3.token, { autoReply: false });
  await attacker.opened;
  attacker.sendUpdate(forgedUpdate(victim.doc, victim.doc.clientID, item, "VALS "));
  expect(await outcome(attacker)).toBe(CloseCode.MalformedMessage);

  // The victim's real edit at that same clock arrives intact.
  getItemText(getItem(victim.doc, item)!, "title").insert(0, "Echte ");
  await waitFor(() => getItemText(getItem(honest.doc, item)!, "title").toString() === "Echte Zorgrobots", "victim's real edit");
  const owners = ctx.db.select().from(ydocClients).all();
  expect(owners).toContainEqual({ room, clientId: victim.doc.clientID, userId: ctx.world.users.editor1.id });

  // After a restart the ownership is read back: the same forgery is still refused.
  await server.stop();
  server = await ctx.start({ idleUnloadMs: 50 });
  const again = new RawClient(`${server.url}/${room}`, ctx.world.users.editor3.token, { autoReply: false });
  await again.opened;
  again.sendUpdate(forgedUpdate(victim.doc, victim.doc.clientID, item, "VALS "));
  expect(await outcome(again)).toBe(CloseCode.MalformedMessage);

  // The attacker's own fresh id is fine: editing is not what is refused.
  const own = new RawClient(`${server.url}/${room}`, ctx.world.users.editor3.token, { autoReply: false });
  await own.opened;
  own.sendUpdate(forgedUpdate(victim.doc, 987654321, item, "Eigen "));
  const reader = connectClient(server.url, room, ctx.world.users.editor2.token);
  clients.push(reader);
  await waitFor(() => getItem(reader.doc, item) !== undefined && getItemText(getItem(reader.doc, item)!, "title").toString() === "Eigen Echte Zorgrobots", "attacker's own edit");
  own.close();
});
