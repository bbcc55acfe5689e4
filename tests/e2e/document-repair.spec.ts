// A document damaged before the schema was enforced (written straight into the update log, as an
// editor could then) does not take the agenda page down: the page shows the rest, marks the
// damaged items with the way to restore them, and raises no page error. Neither does a malformed
// presence state from the room (an old tab, an earlier server): the caret code never sees it.
import { expect, test, type Page } from "@playwright/test";
import * as Y from "yjs";
import { openDatabase } from "../../db";
import { ydocUpdates } from "../../db/schema";
import { agendaRoom } from "../../app/domain/rooms";
import { getItem, getItems, orderedItemIds } from "../../app/domain/agenda-doc";
import { readRoomState } from "../../app/collab/storage.server";
import { eq } from "drizzle-orm";
import { databasePath } from "../../playwright.config";
import { resolveOptions } from "../../collab-server/types";
import { awarenessFrame } from "../collab/fixtures/hostile-frames";
import { agendaIdOf, collabAnswer, demo, userPage } from "./helpers";

// Zuid-Limburg's agenda belongs to this spec while it runs, but collab-cost.spec edits it just
// before: a room that is still loaded would never read the damage, and its compaction at unload
// would delete it. So the damage is written once that room has unloaded: its log compacted away,
// then idleUnloadMs without anyone opening it again. Run alone, the seed's appended update would
// never be compacted, so the room is opened once first: its unload then compacts it.
const quiet = { info() {}, warn() {}, error() {} };

async function roomUnloaded(agendaId: number, cookie: string) {
  expect((await collabAnswer(agendaRoom(agendaId), cookie, { untilSynced: true })).synced).toBe(true);
  const db = openDatabase({ file: databasePath });
  try {
    const room = agendaRoom(agendaId);
    await expect.poll(() => db.select({ id: ydocUpdates.id }).from(ydocUpdates).where(eq(ydocUpdates.room, room)).all().length, { timeout: 30_000 }).toBe(0);
  } finally {
    db.$client.close();
  }
  await new Promise((resolve) => setTimeout(resolve, resolveOptions().idleUnloadMs + 1_000));
}

function damageAgenda(agendaId: number): { damagedTitle: string } {
  const db = openDatabase({ file: databasePath });
  try {
    const room = agendaRoom(agendaId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, readRoomState(db, room, quiet));
    const before = Y.encodeStateVector(doc);
    const [first] = orderedItemIds(doc);
    getItem(doc, first)!.set("title", 42 as never);
    getItems(doc).set("kapot", 7 as never);
    db.insert(ydocUpdates).values({ room, update: Buffer.from(Y.encodeStateAsUpdate(doc, before)), userId: null }).run();
    return { damagedTitle: first };
  } finally {
    db.$client.close();
  }
}

function collectErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

test("a damaged item is shown as damaged with a way to restore it; the rest of the agenda works", async ({ browser }) => {
  const { context, page } = await userPage(browser, demo.adviser);
  const agendaId = await agendaIdOf(page, "zuid-limburg");
  await roomUnloaded(agendaId, (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; "));
  damageAgenda(agendaId);
  const errors = collectErrors(page);
  await page.goto(`/agendas/${agendaId}`);
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  const live = page.getByTestId("live-agenda");
  await expect(live.getByTestId("item-damaged")).toHaveCount(2);
  await expect(live.getByTestId("item-damaged").first()).toContainText("beschadigd");
  await expect(live.getByRole("link", { name: "Naar de versiegeschiedenis" }).first()).toHaveAttribute("href", `/agendas/${agendaId}/versies`);
  // Every other item, and the intro, are there and readable.
  const items = live.getByTestId("agenda-item");
  expect(await items.count()).toBeGreaterThan(2);
  await expect(live.getByTestId("item-title")).toHaveCount((await items.count()) - 2);
  await expect(live.getByTestId("agenda-intro")).toBeVisible();
  // The next visitor's first paint (projected when the room loaded) marks them too.
  const marked = async () => ((await (await page.request.get(`/agendas/${agendaId}`)).text()).match(/data-testid="item-damaged"/g) ?? []).length;
  await expect.poll(marked).toBe(2);
  expect(errors).toEqual([]);
  await context.close();
});

test("a malformed presence state from the room raises no page error and shows no caret", async ({ browser }) => {
  const { context, page } = await userPage(browser, demo.memberTwente);
  const agendaId = await agendaIdOf(page, "twente");
  const errors = collectErrors(page);
  const sockets: Array<{ send(message: Buffer): void }> = [];
  await page.routeWebSocket(/\/collab\//, (ws) => {
    ws.connectToServer();
    sockets.push(ws);
  });
  await page.goto(`/agendas/${agendaId}`);
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  await expect(page.getByTestId("agenda-item").first().getByTestId("item-plan")).toBeVisible();
  // As if the server relayed them: shapes y-prosemirror's cursor plugin throws on.
  const malformed = [
    { user: "ATTACK", cursor: 5 },
    { user: { name: "ATTACK" }, cursor: { anchor: null, head: null } },
    { user: { name: "ATTACK", color: "#ff0000" }, cursor: { anchor: { item: { client: "x", clock: 1 } }, head: { item: { client: "x", clock: 1 } } } },
  ];
  // A valid remote caret sent after them is drawn, so the malformed ones were handled before it.
  // Both are sent again (newer clocks) until it shows: on a loaded machine the provider may have
  // reconnected after the first sends, and a socket that closed takes them nowhere.
  let clock = 1;
  await expect(async () => {
    for (const [i, state] of malformed.entries()) {
      for (const ws of sockets) ws.send(Buffer.from(awarenessFrame([[900_000 + i, clock, JSON.stringify(state)]])));
    }
    const valid = awarenessFrame([[900_100, clock++, JSON.stringify({ user: { id: 999, name: "Geldige collega", color: "#00aa00" }, cursor: null })]]);
    for (const ws of sockets) ws.send(Buffer.from(valid));
    await expect(page.getByTestId("presence-bar")).toContainText("Geldige collega", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.locator(".collaboration-carets__label", { hasText: "ATTACK" })).toHaveCount(0);
  await expect(page.getByTestId("presence-bar")).not.toContainText("ATTACK");
  await expect(page.getByTestId("agenda-item").first().getByTestId("item-plan")).toBeVisible();
  // The page echoes every state it receives, as y-websocket does; the server drops the malformed
  // echoes instead of closing the connection.
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  expect(errors).toEqual([]);
  await context.close();
});
