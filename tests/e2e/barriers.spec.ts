import { expect, test, type Browser, type Page } from "@playwright/test";
import { agendaIdOf, demo, userPage } from "./helpers";

// Works on an item this test adds to Amsterdam's agenda, so other specs cannot disturb it.
const PASSAGE = "de wachtlijst voor scholing is te lang";
const PLAN = `Het team wil leren werken met de nieuwe tilliften, maar ${PASSAGE} voor iedereen.`;

async function openAgenda(page: Page, agendaId: number) {
  await page.goto(`/agendas/${agendaId}`);
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
}

/** Selects `passage` inside the element with a DOM range, as a mouse drag would. */
async function selectText(page: Page, selector: string, passage: string) {
  const found = await page.locator(selector).evaluate((el, text) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const node = n as Text;
      const at = node.data.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
    return false;
  }, passage);
  expect(found).toBe(true);
}

/** The adviser and an Amsterdam member with the agenda open, and a new item whose plan the member writes. */
async function adviserAndMemberOnOwnItem(browser: Browser, title: string, plan: string) {
  const adviser = await userPage(browser, demo.adviser);
  const member = await userPage(browser, demo.member);
  const agendaId = await agendaIdOf(member.page, "amsterdam");
  await openAgenda(member.page, agendaId);
  await openAgenda(adviser.page, agendaId);
  await member.page.getByRole("button", { name: "Agendapunt toevoegen" }).click();
  const newItem = member.page.getByTestId("agenda-item").last();
  await newItem.getByTestId("item-title").fill(title);
  const itemId = await newItem.getAttribute("data-item-id");
  expect(itemId).toBeTruthy();
  const item = (page: Page) => page.locator(`[data-item-id="${itemId}"]`);
  await item(member.page).getByTestId("item-plan").click();
  await member.page.keyboard.type(plan);
  await expect(item(adviser.page).getByTestId("item-plan")).toContainText(plan);
  return { adviser, member, agendaId, itemId: itemId!, item };
}

test("an adviser marks a passage; a member sees it live, replies, works it and edits around it", async ({ browser }) => {
  // The member writes the passage the test owns.
  const { adviser, member, agendaId, itemId, item } = await adviserAndMemberOnOwnItem(browser, "Scholing tilliften (belemmeringstest)", PLAN);

  // The adviser (read-only) selects the passage and marks it.
  await selectText(adviser.page, `[data-item-id="${itemId}"] [data-testid="item-plan"]`, PASSAGE);
  await item(adviser.page).getByRole("button", { name: "Passage markeren als belemmering" }).click();
  const form = item(adviser.page).getByTestId("barrier-form");
  await expect(form).toContainText(PASSAGE);
  await form.getByLabel("Soort belemmering").selectOption({ label: "Scholing en begeleidingscapaciteit" });
  await form.getByLabel("Ernst").selectOption("hoog");
  await form.getByLabel("Op te lossen op niveau").selectOption("regio");
  await form.getByLabel("Beschrijving").fill("Geen <em>roosterruimte</em> voor scholing naast de zorg.");
  await form.getByLabel("Wie pakt het op (optioneel)").selectOption({ label: "Fatima El Amrani" });
  await form.getByRole("button", { name: "Belemmering opslaan" }).click();
  await expect(item(adviser.page).getByText("De belemmering is opgeslagen.")).toBeVisible();
  await expect(item(adviser.page).locator("mark.barrier-highlight")).toHaveText(PASSAGE);

  // The member, who had the agenda open all along, sees the highlight and the barrier appear.
  await expect(item(member.page).locator("mark.barrier-highlight")).toHaveText(PASSAGE);
  const line = item(member.page).getByTestId("barrier");
  await expect(line).toContainText("Scholing en begeleidingscapaciteit");
  // Rendered as text, never as HTML.
  await expect(line).toContainText("Geen <em>roosterruimte</em>");
  const barrierId = await line.getAttribute("data-barrier-id");

  // Another region's member cannot read or reply; a workgroup member cannot create barriers.
  const twente = await userPage(browser, demo.memberTwente);
  expect((await twente.page.request.get(`/belemmeringen/${barrierId}`, { maxRedirects: 0 })).status()).toBe(404);
  expect((await twente.page.request.post(`/belemmeringen/${barrierId}`, { form: { intent: "reply", body: "Hallo" }, maxRedirects: 0 })).status()).toBe(404);
  await twente.context.close();
  const forged = await member.page.request.post(`/agendas/${agendaId}/belemmeringen`, {
    form: { intent: "create", itemId, start: "AAAA", end: "AAAA", typeKey: "financing", severity: "laag", level: "regio", description: "x" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);

  // The member replies and moves it to "in behandeling".
  await line.getByRole("link", { name: "Open gesprek" }).click();
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText("Scholing en begeleidingscapaciteit");
  await member.page.getByLabel("Je reactie (noem iemand met @naam)").fill("We plannen avondscholing, @Sanne Bakker.");
  await member.page.getByRole("button", { name: "Reactie plaatsen" }).click();
  await expect(member.page.getByTestId("barrier-comment").last()).toContainText("We plannen avondscholing, @Sanne Bakker.");
  await member.page.getByLabel("Nieuwe status").selectOption("in_behandeling");
  await member.page.getByLabel("Reden").fill("Het ROC heeft plek in de avondopleiding.");
  await member.page.getByRole("button", { name: "Status wijzigen" }).click();
  await expect(member.page.getByTestId("barrier-status")).toHaveText("In behandeling");
  await expect(member.page.getByTestId("barrier-comment").last()).toContainText("Status: Open → In behandeling");

  // Escalating is the adviser's: the member is not even offered it.
  await expect(member.page.getByLabel("Nieuwe status").locator('option[value="geescaleerd"]')).toHaveCount(0);

  // The adviser hears about the mention.
  await adviser.page.goto("/inbox");
  await expect(adviser.page.getByTestId("inbox")).toContainText("Fatima El Amrani noemde je bij een belemmering");
  await openAgenda(adviser.page, agendaId);

  // Back in the agenda, the member types before the passage: the highlight keeps the same words.
  await member.page.getByRole("link", { name: /Naar de agenda/ }).click();
  await expect(member.page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  await expect(item(member.page).getByTestId("barrier-status")).toHaveText("In behandeling");
  await item(member.page).getByTestId("item-plan").click();
  await member.page.keyboard.press("Control+Home");
  await member.page.keyboard.type("Update: ");
  await expect(item(member.page).getByTestId("item-plan")).toContainText(`Update: ${PLAN}`);
  await expect(item(member.page).locator("mark.barrier-highlight")).toHaveText(PASSAGE);
  // (The member's caret label sits between the two in the adviser's view.)
  await expect(item(adviser.page).getByTestId("item-plan")).toContainText("Update: ");
  await expect(item(adviser.page).getByTestId("item-plan")).toContainText(PLAN);
  await expect(item(adviser.page).locator("mark.barrier-highlight")).toHaveText(PASSAGE);

  // Typing right at the edges stays outside the passage, too.
  await member.page.keyboard.press("Control+End");
  for (let i = 0; i < " voor iedereen.".length; i++) await member.page.keyboard.press("ArrowLeft");
  await member.page.keyboard.type(" echt");
  await expect(item(member.page).locator("mark.barrier-highlight")).toHaveText(PASSAGE);

  // "Toon passage" scrolls to it; the region list shows it.
  await item(member.page).getByRole("button", { name: "Toon passage" }).click();
  await expect(item(member.page).locator("mark.barrier-highlight")).toBeInViewport();
  await member.page.goto("/regios/amsterdam/belemmeringen?status=in_behandeling&severity=hoog");
  await expect(member.page.getByTestId("barrier-list")).toContainText(PASSAGE);

  await adviser.context.close();
  await member.context.close();
});

test("deleting the passage keeps the barrier with its quote, shown as passage verwijderd", async ({ browser }) => {
  const { adviser, member, itemId, item } = await adviserAndMemberOnOwnItem(browser, "Leverancier (belemmeringstest)", "Begin. Leverancier bepaalt de prijs. Eind.");

  await selectText(adviser.page, `[data-item-id="${itemId}"] [data-testid="item-plan"]`, "Leverancier bepaalt de prijs");
  await item(adviser.page).getByRole("button", { name: "Passage markeren als belemmering" }).click();
  const form = item(adviser.page).getByTestId("barrier-form");
  // An empty description is refused in the browser and nothing is sent.
  await form.getByLabel("Soort belemmering").selectOption({ label: "Leveranciersafhankelijkheid" });
  await form.getByRole("button", { name: "Belemmering opslaan" }).click();
  await expect(form).toContainText("Beschrijf de belemmering.");
  await form.getByLabel("Beschrijving").fill("Eén leverancier, geen keuze.");
  await form.getByRole("button", { name: "Belemmering opslaan" }).click();
  await expect(item(member.page).locator("mark.barrier-highlight")).toHaveText("Leverancier bepaalt de prijs");

  // The member deletes the whole plan text.
  await item(member.page).getByTestId("item-plan").click();
  await member.page.keyboard.press("Control+A");
  await member.page.keyboard.press("Backspace");
  await expect(item(member.page).locator("mark.barrier-highlight")).toHaveCount(0);
  await expect(item(member.page).getByTestId("passage-deleted")).toHaveText("(passage verwijderd)");
  await expect(item(adviser.page).getByTestId("passage-deleted")).toBeVisible();
  await expect(item(adviser.page).getByTestId("barrier")).toContainText("Leverancier bepaalt de prijs");

  await adviser.context.close();
  await member.context.close();
});
