// Each role's main task at a desktop width and at 390 px (a phone) where no other spec does it at
// both: a member edits an item, a coordinator proposes priorities. (An adviser marking a barrier is
// in barriers.spec, a board member voting in board.spec, an administrator deactivating a user in
// admin-users.spec, restoring a version in versions.spec.) Each test leaves Amsterdam's agenda as it
// found it: the item it adds is removed, the proposal it makes is returned by the board.
import { expect, test, type Page } from "@playwright/test";
import { agendaIdOf, demo, objectToProposal, openAgenda, proposeAgenda, userPage } from "./helpers";

const viewportOf = (width: number) => ({ width, height: width === 390 ? 844 : 900 });

async function expectNoSidewaysScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

for (const width of [1366, 390]) {
  test.describe(`at ${width} px`, () => {
    test("a workgroup member adds an item, names it and writes its plan; it is kept, and removed again", async ({ browser }) => {
      const { page, context } = await userPage(browser, demo.member, { viewport: viewportOf(width), hasTouch: width === 390 });
      const agendaId = await agendaIdOf(page, "amsterdam");
      await openAgenda(page, agendaId);
      const cards = page.getByTestId("agenda-item");
      await expect(cards.first()).toBeVisible();
      const before = await cards.count();
      const title = `Punt van de werkgroep op ${width} px`;

      await page.getByRole("button", { name: "Agendapunt toevoegen" }).click();
      await expect(cards).toHaveCount(before + 1);
      const card = cards.last();
      await card.getByTestId("item-title").fill(title);
      await card.getByTestId("item-plan").click();
      await page.keyboard.type("Eerst een pilot op twee afdelingen.");
      await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
      await expectNoSidewaysScroll(page, width);

      await openAgenda(page, agendaId);
      const kept = cards.filter({ has: page.locator(`[data-testid="item-title"][value="${title}"]`) });
      await expect(kept.getByTestId("item-plan")).toContainText("Eerst een pilot op twee afdelingen.");

      page.on("dialog", (d) => void d.accept());
      await kept.locator('[data-action="remove"]').click();
      await expect(cards).toHaveCount(before);
      await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
      await context.close();
    });

    test("a coordinator proposes priorities to the board; the board returns them", async ({ browser }) => {
      const coordinator = await userPage(browser, demo.coordinator, { viewport: viewportOf(width), hasTouch: width === 390 });
      const agendaId = await agendaIdOf(coordinator.page, "amsterdam");
      const proposal = await proposeAgenda(coordinator.page, agendaId, [1, 0]);
      await expect(coordinator.page.getByTestId("proposal-status")).toHaveText("Ligt bij de stuurgroep");
      const priorities = coordinator.page.getByRole("region", { name: "Voorgestelde prioriteiten" }).getByRole("heading", { level: 3 });
      await expect(priorities).toHaveText([/^1\s*Digicoaches voor digitale vaardigheden$/, /^2\s*Slim incontinentiemateriaal in alle verpleeghuizen$/]);
      await expectNoSidewaysScroll(coordinator.page, width);

      const board = await userPage(browser, demo.board, { viewport: viewportOf(width) });
      await objectToProposal(board.page, proposal, `Teruggestuurd door de test op ${width} px.`);
      await coordinator.context.close();
      await board.context.close();
    });
  });
}
