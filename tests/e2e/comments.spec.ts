import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { agendaIdOf, demo, openAgenda, screenshots, selectText, userPage } from "./helpers";

// Works on an item this test adds to Amsterdam's agenda, so other specs cannot disturb it.
const PASSAGE = "twee avonden per maand";
const PLAN = `De teams oefenen ${PASSAGE} met de nieuwe planningsapp.`;

async function expectNoSeriousAxe(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect.soft(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), what).toEqual([]);
}

test("an adviser comments on a passage and mentions the coordinator, who sees it live and in the inbox, replies and resolves", async ({ browser }) => {
  // The adviser reads on a phone, the coordinator at a desk; both keep the agenda open throughout.
  const adviser = await userPage(browser, demo.adviser, { viewport: { width: 390, height: 844 } });
  const coordinator = await userPage(browser, demo.coordinator, { viewport: { width: 1366, height: 900 } });
  const agendaId = await agendaIdOf(coordinator.page, "amsterdam");
  await openAgenda(coordinator.page, agendaId);
  await openAgenda(adviser.page, agendaId);
  await coordinator.page.getByRole("button", { name: "Agendapunt toevoegen" }).click();
  const newItem = coordinator.page.getByTestId("agenda-item").last();
  await newItem.getByTestId("item-title").fill("Planningsapp (opmerkingentest)");
  const itemId = await newItem.getAttribute("data-item-id");
  expect(itemId).toBeTruthy();
  const item = (page: Page) => page.locator(`[data-item-id="${itemId}"]`);
  await item(coordinator.page).getByTestId("item-plan").click();
  await coordinator.page.keyboard.type(PLAN);
  await expect(item(adviser.page).getByTestId("item-plan")).toContainText(PLAN);

  // The adviser selects the passage and comments, choosing the coordinator from the autocomplete.
  const panel = (page: Page) => item(page).getByTestId("passage-comments");
  await selectText(adviser.page, `[data-item-id="${itemId}"] [data-testid="item-plan"]`, PASSAGE);
  await panel(adviser.page).getByRole("button", { name: "Opmerking plaatsen bij selectie" }).click();
  const form = panel(adviser.page).getByTestId("comment-form");
  await expect(form).toContainText(`“${PASSAGE}”`);
  const box = form.getByLabel("Opmerking (typ @ om iemand te noemen)");
  await expect(box).toBeFocused();
  await adviser.page.keyboard.type("Is dat genoeg oefentijd, @joo");
  const list = adviser.page.getByRole("listbox", { name: "Mensen die je kunt noemen" });
  await expect(list.getByRole("option")).toHaveText(["Joost de Vries"]);
  await adviser.page.keyboard.press("Enter");
  await expect(box).toHaveValue("Is dat genoeg oefentijd, @Joost de Vries ");
  await adviser.page.keyboard.type("?");
  await expectNoSeriousAxe(adviser.page, "comment form with the mention list at 390");
  if (screenshots) await adviser.page.screenshot({ path: `${screenshots}/036-form-390.png` });
  await form.getByRole("button", { name: "Opmerking plaatsen" }).click();
  await expect(panel(adviser.page).getByText("De opmerking is geplaatst.")).toBeVisible();
  await expect(panel(adviser.page).getByRole("button", { name: "Opmerking plaatsen bij selectie" })).toBeFocused();
  await expect(item(adviser.page).locator("mark.comment-highlight")).toHaveText(PASSAGE);

  // The coordinator, who never reloaded, sees the highlight and the thread arrive.
  await expect(item(coordinator.page).locator("mark.comment-highlight")).toHaveText(PASSAGE);
  const thread = (page: Page) => panel(page).getByTestId("comment-thread");
  await expect(thread(coordinator.page)).toContainText("Is dat genoeg oefentijd, @Joost de Vries ?");
  await expect(thread(coordinator.page)).toContainText("Sanne Bakker");

  // ... and in the inbox, a second tab of the same browser, whose line opens that very thread.
  const inbox = await coordinator.context.newPage();
  await inbox.goto("/inbox");
  const line = inbox.getByTestId("inbox").getByRole("button", { name: `Sanne Bakker noemde je in een opmerking: ${PASSAGE}` });
  await line.click();
  const threadId = await thread(coordinator.page).getAttribute("data-thread-id");
  await expect(inbox).toHaveURL(new RegExp(`/agendas/${agendaId}\\?opmerking=${threadId}$`));
  const opened = inbox.locator(`[data-testid="comment-thread"][data-thread-id="${threadId}"]`);
  await expect(opened).toBeFocused();
  await expect(opened).toBeInViewport();
  await expect(opened).toContainText("Is dat genoeg oefentijd");
  await inbox.close();

  // The coordinator replies; the adviser sees the reply arrive.
  await thread(coordinator.page).getByLabel("Antwoord (typ @ om iemand te noemen)").fill("Ja, de eerste maand begeleidt de leverancier.");
  await thread(coordinator.page).getByRole("button", { name: "Antwoorden" }).click();
  await expect(thread(adviser.page).getByTestId("comment")).toHaveCount(2);
  await expect(thread(adviser.page).getByTestId("comment").last()).toContainText("de eerste maand begeleidt de leverancier");
  await expectNoSeriousAxe(coordinator.page, "agenda with a comment thread at 1366");
  await thread(coordinator.page).scrollIntoViewIfNeeded();
  if (screenshots) {
    await coordinator.page.screenshot({ path: `${screenshots}/036-thread-1366.png` });
    await adviser.page.screenshot({ path: `${screenshots}/036-thread-390.png` });
  }

  // Resolving hides the thread and its highlight for both; the toggle shows it again, to reopen.
  await thread(coordinator.page).getByRole("button", { name: "Oplossen" }).click();
  for (const page of [coordinator.page, adviser.page]) {
    await expect(thread(page)).toHaveCount(0);
    await expect(item(page).locator("mark.comment-highlight")).toHaveCount(0);
  }
  const toggle = panel(adviser.page).getByRole("button", { name: "Toon 1 opgeloste opmerking" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(panel(adviser.page).getByRole("button", { name: "Verberg opgeloste opmerkingen" })).toHaveAttribute("aria-expanded", "true");
  const resolved = panel(adviser.page).getByTestId("resolved-comments").getByTestId("comment-thread");
  await expect(resolved).toContainText("Opgelost door Joost de Vries");
  await expect(resolved.getByTestId("comment")).toHaveCount(2);
  if (screenshots) await adviser.page.screenshot({ path: `${screenshots}/036-resolved-390.png` });
  await resolved.getByRole("button", { name: "Heropenen" }).click();
  await expect(thread(coordinator.page)).toHaveCount(1);
  await expect(item(coordinator.page).locator("mark.comment-highlight")).toHaveText(PASSAGE);

  await adviser.context.close();
  await coordinator.context.close();
});
