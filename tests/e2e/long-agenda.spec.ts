// A long agenda (decision 047): the first cards are live at once, the rest wait as read-only cards
// and become live in batches until every card is; a contents link to a waiting card ends with the
// focus on its live card. Haaglanden has no demo agenda, so this spec gives it one of its own.
import { expect, test } from "@playwright/test";
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import { openDatabase } from "../../db";
import { agendas, regions, ydocUpdates } from "../../db/schema";
import { addItem, orderedItemIds } from "../../app/domain/agenda-doc";
import { readRoomState } from "../../app/collab/storage.server";
import { agendaRoom } from "../../app/domain/rooms";
import { databasePath } from "../../playwright.config";
import { demo, userPage } from "./helpers";

const ITEMS = 60;

const quiet = { info() {}, warn() {}, error() {} };

/** Haaglanden's long agenda (made on the first run against this database) and its items' ids in order. */
function longAgenda(): { agendaId: number; itemIds: string[] } {
  const db = openDatabase({ file: databasePath });
  try {
    const region = db.select({ id: regions.id }).from(regions).where(eq(regions.slug, "haaglanden")).get()!;
    let agendaId = db.select({ id: agendas.id }).from(agendas).where(eq(agendas.regionId, region.id)).get()?.id;
    if (agendaId === undefined) {
      agendaId = db.insert(agendas).values({ regionId: region.id, title: "Lange agenda Haaglanden", period: "2026-2028", status: "concept" }).returning({ id: agendas.id }).get().id;
      const doc = new Y.Doc();
      for (let i = 1; i <= ITEMS; i++) addItem(doc, { title: titleOf(i), why: "Minder registratielast.", plan: ["Pilot op twee afdelingen."] });
      db.insert(ydocUpdates).values({ room: agendaRoom(agendaId), update: Buffer.from(Y.encodeStateAsUpdate(doc)), userId: null }).run();
    }
    const doc = new Y.Doc();
    Y.applyUpdate(doc, readRoomState(db, agendaRoom(agendaId), quiet));
    return { agendaId, itemIds: orderedItemIds(doc) };
  } finally {
    db.$client.close();
  }
}

const titleOf = (position: number) => `Lang agendapunt ${position}`;

test("a long agenda's cards become live in batches, every one in the end; a contents link to a waiting card focuses its live card", async ({ browser }) => {
  const { agendaId, itemIds } = longAgenda();
  expect(itemIds).toHaveLength(ITEMS);
  const { context, page } = await userPage(browser, demo.adviser);
  // The most waiting cards seen at once, counted in the page from before any script runs.
  await context.addInitScript(() => {
    const w = window as unknown as { mostWaiting: number };
    w.mostWaiting = 0;
    new MutationObserver(() => {
      w.mostWaiting = Math.max(w.mostWaiting, document.querySelectorAll("[data-testid=waiting-item]").length);
    }).observe(document, { subtree: true, childList: true });
  });
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto(`/agendas/${agendaId}`);
  const live = page.getByTestId("live-agenda");
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  await expect(live.getByTestId("agenda-item")).toHaveCount(ITEMS, { timeout: 15_000 });
  await expect(live.getByTestId("waiting-item")).toHaveCount(0);
  // Cards did wait: all but the first 20 at first (a card already near the screen may go live before it is counted).
  expect(await page.evaluate(() => (window as unknown as { mostWaiting: number }).mostWaiting)).toBeGreaterThanOrEqual(ITEMS - 20 - 4);
  await expect(live.getByTestId("item-title").nth(ITEMS - 1)).toHaveValue(titleOf(ITEMS));

  // A contents link to the last card: the focus ends on that card, live.
  await page.reload();
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  const contents = page.getByTestId("agenda-contents");
  await contents.locator("summary").click();
  await contents.getByRole("link", { name: `${ITEMS}. ${titleOf(ITEMS)}` }).click();
  const lastCard = live.locator(`[data-testid=agenda-item][data-item-id="${itemIds[ITEMS - 1]}"]`);
  await expect(lastCard).toBeFocused();
  await expect(lastCard.getByTestId("item-title")).toHaveValue(titleOf(ITEMS));
  expect(errors).toEqual([]);
  await context.close();
});
