import { expect, test, type Page, type WebSocketRoute } from "@playwright/test";
import { agendaIdOf, demo, userPage } from "./helpers";

// Twente's agenda belongs to these tests: other specs work on Amsterdam's.
const memberA = demo.memberTwente;
const memberB = "coordinator.twente@demo.agendawerk.nl";

async function openAgenda(page: Page, agendaId: number) {
  await page.goto(`/agendas/${agendaId}`);
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
}

const firstPlan = (page: Page) => page.getByTestId("agenda-item").first().getByTestId("item-plan");

test("two editors see each other's text, carets and presence; a board member sees it read-only, the adviser only suggests", async ({ browser }) => {
  const a = await userPage(browser, memberA);
  const b = await userPage(browser, memberB);
  const adviser = await userPage(browser, demo.adviser);
  const board = await userPage(browser, "bestuurder.twente@demo.agendawerk.nl");
  const agendaId = await agendaIdOf(a.page, "twente");
  await openAgenda(a.page, agendaId);
  await openAgenda(b.page, agendaId);
  await openAgenda(adviser.page, agendaId);
  await openAgenda(board.page, agendaId);

  await expect(a.page.getByTestId("presence-bar")).toContainText("Anouk Smit");
  await expect(b.page.getByTestId("presence-bar")).toContainText("Ruben Kamphuis");

  await firstPlan(a.page).click();
  await a.page.keyboard.press("End");
  await a.page.keyboard.type(" Tekst van Ruben.");
  await expect(firstPlan(b.page)).toContainText("Tekst van Ruben.");
  await expect(b.page.locator(".collaboration-carets__label", { hasText: "Ruben Kamphuis" })).toBeVisible();

  await firstPlan(b.page).click();
  await b.page.keyboard.press("End");
  await b.page.keyboard.type(" En van Anouk.");
  await expect(firstPlan(a.page)).toContainText("Tekst van Ruben. En van Anouk.");
  await expect(a.page.locator(".collaboration-carets__label", { hasText: "Anouk Smit" })).toBeVisible();

  // Structured fields travel too.
  await a.page.getByTestId("agenda-item").first().getByTestId("item-mechanism").selectOption("prevention");
  await expect(b.page.getByTestId("agenda-item").first().getByTestId("item-mechanism")).toHaveValue("prevention");

  // The board member and the adviser read live; neither writes the text or its fields.
  for (const reader of [board.page, adviser.page]) {
    await expect(firstPlan(reader)).toContainText("En van Anouk.");
    await expect(reader.getByTestId("agenda-item").first().getByTestId("item-mechanism")).toHaveValue("prevention");
    await expect(reader.getByTestId("agenda-item").first().getByTestId("item-title")).toHaveAttribute("readonly", "");
    await expect(reader.getByRole("button", { name: "Agendapunt toevoegen" })).toHaveCount(0);
  }
  // The board member (Twente lets its stuurgroep read, not suggest): selectable by keyboard
  // (decision 027), but typing changes nothing.
  await expect(board.page.getByTestId("read-only-notice")).toBeVisible();
  await expect(firstPlan(board.page)).toHaveAttribute("aria-readonly", "true");
  await firstPlan(board.page).focus();
  await board.page.keyboard.press("Control+End");
  await board.page.keyboard.type("Niet van mij.");
  await expect(firstPlan(board.page)).not.toContainText("Niet van mij.");
  // The adviser always suggests (decision 035): what they type is a marked suggestion, never text.
  await firstPlan(adviser.page).click();
  await adviser.page.keyboard.press("End");
  await adviser.page.keyboard.type(" Voorstel van de adviseur.");
  await expect(firstPlan(adviser.page).locator("ins")).toContainText("Voorstel van de adviseur.");
  await expect(firstPlan(a.page).locator("ins")).toContainText("Voorstel van de adviseur.");
  // Taken back by its author (removing one's own pending insertion is allowed): Twente's text is
  // suggestions.spec's afterwards.
  for (let i = 0; i < " Voorstel van de adviseur.".length; i++) await adviser.page.keyboard.press("Backspace");
  await expect(firstPlan(a.page).locator("ins")).toHaveCount(0);

  // Items can be added live.
  await a.page.getByRole("button", { name: "Agendapunt toevoegen" }).click();
  await a.page.getByTestId("agenda-item").last().getByTestId("item-title").fill("Nieuw punt uit de werkgroep");
  await expect(b.page.getByTestId("agenda-item").last().getByTestId("item-title")).toHaveValue("Nieuw punt uit de werkgroep");

  for (const p of [a, b, adviser, board]) await p.context.close();
});

test("an edit made offline reaches the other editor after reconnecting", async ({ browser }) => {
  const a = await userPage(browser, memberA);
  const b = await userPage(browser, memberB);
  const agendaId = await agendaIdOf(a.page, "twente");

  // A real outage for A: the websocket is cut and new connections fail until we let them through.
  let online = true;
  const open = new Set<WebSocketRoute>();
  await a.page.routeWebSocket(/\/collab\//, (ws) => {
    if (!online) {
      void ws.close({ code: 4999, reason: "offline" });
      return;
    }
    ws.connectToServer();
    open.add(ws);
  });
  await openAgenda(a.page, agendaId);
  await openAgenda(b.page, agendaId);

  online = false;
  for (const ws of open) await ws.close({ code: 4999, reason: "offline" });
  await expect(a.page.getByTestId("sync-status")).not.toHaveText("Alle wijzigingen zijn opgeslagen");

  await firstPlan(a.page).click();
  await a.page.keyboard.press("End");
  await a.page.keyboard.type(" Offline geschreven.");
  await expect(a.page.getByTestId("sync-status")).toContainText("Offline");
  await b.page.waitForTimeout(1000);
  await expect(firstPlan(b.page)).not.toContainText("Offline geschreven.");

  // The edit survives a reload while still offline (IndexedDB).
  await a.page.reload();
  await expect(firstPlan(a.page)).toContainText("Offline geschreven.");

  online = true;
  await expect(firstPlan(b.page)).toContainText("Offline geschreven.", { timeout: 15_000 });
  await expect(a.page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  await a.context.close();
  await b.context.close();
});

test("logging out closes the session's open editor, with a Dutch message", async ({ browser }) => {
  const a = await userPage(browser, memberA);
  const agendaId = await agendaIdOf(a.page, "twente");
  await openAgenda(a.page, agendaId);
  const other = await a.context.newPage();
  await other.goto("/account");
  await other.getByRole("main").getByRole("button", { name: "Uitloggen" }).click();
  await expect(other).toHaveURL(/\/login/);
  await expect(a.page.getByTestId("sync-status")).toContainText("uitgelogd", { timeout: 5_000 });
  await expect(firstPlan(a.page)).toHaveAttribute("aria-readonly", "true");
  await a.context.close();
});
