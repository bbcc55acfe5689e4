import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, test, type Browser, type Page, type ViewportSize } from "@playwright/test";
import { databasePath } from "../../playwright.config";
import { agendaIdOf, countPointer, demo, expectNoPointerEvents, recordEditor, screenshots, selectText, tabTo, userPage } from "./helpers";

// Works on an item this test adds to Amsterdam's agenda, so other specs cannot disturb it.
const PASSAGE = "de wachtlijst voor scholing is te lang";
const PLAN = `Het team wil leren werken met de nieuwe tilliften, maar ${PASSAGE} voor iedereen.`;

async function openAgenda(page: Page, agendaId: number) {
  await page.goto(`/agendas/${agendaId}`);
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
}

/** The adviser and an Amsterdam member with the agenda open, and a new item whose plan the member writes. */
async function adviserAndMemberOnOwnItem(browser: Browser, title: string, plan: string, viewport?: ViewportSize) {
  const adviser = await userPage(browser, demo.adviser, viewport ? { viewport } : {});
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

async function expectNoSeriousAxe(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect.soft(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), what).toEqual([]);
}

function storedQuotes(itemId: string): string[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select quote from barriers where item_id = ? order by id").all(itemId) as Array<{ quote: string }>).map((r) => r.quote);
  } finally {
    db.close();
  }
}

for (const width of [1366, 390]) {
  test(`at ${width} px an adviser marks a passage by keyboard alone, snapped to whole words, and mentions someone from the autocomplete`, async ({ browser }) => {
    const viewport = { width, height: width === 390 ? 844 : 900 };
    const title = `Tilliften ${width} (toetsenbordtest)`;
    const { adviser, member, itemId, item } = await adviserAndMemberOnOwnItem(browser, title, PLAN, viewport);
    await member.context.close();
    const page = adviser.page;
    const plan = item(page).getByTestId("item-plan");
    // Every pointer press on the adviser's page from here on (this agenda and the pages it goes to): the keyboard part needs none.
    await page.addInitScript(countPointer);
    await page.evaluate(countPointer);
    await page.evaluate(() => sessionStorage.setItem("pointer", "0"));

    // The plan is in the Tab order. An adviser may not edit it but suggests (decision 035): what
    // they type becomes a suggestion, their Backspace takes back their own, a new paragraph is not made.
    // Failed once in CI at 390 px ("xyxy"), never here: the record says what happened if it fails again.
    const { explain } = await recordEditor(page, `[data-item-id="${itemId}"] [data-testid="item-plan"]`);
    await plan.focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await expect(plan).toBeFocused();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("xyz");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Enter");
    await explain(expect(plan.locator("ins")).toHaveText("xy"));
    await explain(expect(plan.locator("p")).toHaveCount(1));

    // The caret goes into "wachtlijst" (wac|htlijst); three words by Shift+Ctrl+arrow and back
    // three letters by Shift+arrow end inside "scholing": the passage is snapped to whole words.
    // First let the editor take in the refused keystrokes (its DOM observer restores the caret on
    // the next frames); a key pressed before that lands on the caret it then puts back.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    // Under load the observer can put the caret back after our Control+Home, so press it until it holds.
    await expect(async () => {
      await page.keyboard.press("Control+Home");
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      expect(await page.evaluate(() => window.getSelection()?.toString() === "" && window.getSelection()?.anchorOffset)).toBe(0);
    }).toPass({ timeout: 10_000 });
    for (let i = 0; i < PLAN.indexOf("wachtlijst") + 3; i++) await page.keyboard.press("ArrowRight");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+Control+ArrowRight");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowLeft");
    await explain(page.evaluate(() => window.getSelection()?.toString()).then((selected) => expect(selected).toMatch(/^htlijst voor schol/)));

    // The next Tab stop is the action; Enter opens the form with the focus in it.
    await page.keyboard.press("Tab");
    const mark = item(page).getByRole("button", { name: "Passage markeren als belemmering" });
    await expect(mark).toBeFocused();
    await page.keyboard.press("Enter");
    const form = item(page).getByTestId("barrier-form");
    await expect(form).toContainText("“wachtlijst voor scholing”");
    const type = form.getByLabel("Soort belemmering");
    await expect(type).toBeFocused();
    await page.keyboard.type("Scholing");
    await expect(type.locator("option:checked")).toHaveText("Scholing en begeleidingscapaciteit");
    await tabTo(page, form.getByLabel("Beschrijving"));
    await page.keyboard.type("Geen roosterruimte voor scholing.");
    await expectNoSeriousAxe(page, `agenda with the barrier form at ${width}`);
    if (screenshots) await page.screenshot({ path: `${screenshots}/14I-mark-${width}.png` });
    await tabTo(page, form.getByRole("button", { name: "Belemmering opslaan" }));
    await page.keyboard.press("Enter");
    await expect(item(page).getByText("De belemmering is opgeslagen.")).toBeVisible();
    await expect(mark).toBeFocused();
    await expect(item(page).locator("mark.barrier-highlight")).toHaveText("wachtlijst voor scholing");
    expect(storedQuotes(itemId)).toEqual(["wachtlijst voor scholing"]);

    // The region's list names the item, linked to it on the agenda.
    await page.goto("/regios/amsterdam/belemmeringen?sort=newest");
    const row = page.getByTestId("barrier-row").filter({ hasText: "wachtlijst voor scholing" }).filter({ hasText: title });
    await expect(row.getByRole("link", { name: title })).toHaveAttribute("href", new RegExp(`/agendas/\\d+#item-${itemId}$`));
    await expectNoSeriousAxe(page, `region barrier list at ${width}`);
    if (screenshots) await page.screenshot({ path: `${screenshots}/14I-list-${width}.png`, fullPage: false });

    // In the thread: "@fa" offers Fatima; chosen with the arrow and Enter, Escape closes the list.
    await tabTo(page, row.getByRole("link", { name: "Scholing en begeleidingscapaciteit" }));
    await page.keyboard.press("Enter");
    const box = page.getByLabel("Je reactie (noem iemand met @naam)");
    await tabTo(page, box);
    await page.keyboard.type(`Kun jij dit oppakken (${width}), @fa`);
    const list = page.getByRole("listbox", { name: "Mensen die je kunt noemen" });
    await expect(list.getByRole("option")).toHaveText(["Fatima El Amrani"]);
    await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
    await expectNoSeriousAxe(page, `thread with the mention list at ${width}`);
    if (screenshots) await page.screenshot({ path: `${screenshots}/14I-mention-${width}.png` });
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(list).toBeHidden();
    await expect(box).toHaveValue(`Kun jij dit oppakken (${width}), @Fatima El Amrani `);
    await page.keyboard.type("graag? @");
    await expect(list).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(list).toBeHidden();
    await page.keyboard.press("Backspace");
    await tabTo(page, page.getByRole("button", { name: "Reactie plaatsen" }));
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("barrier-comment").last()).toContainText(`@Fatima El Amrani graag?`);
    await expectNoPointerEvents(page);
    await adviser.context.close();

    // The mention reaches Fatima's inbox.
    const fatima = await userPage(browser, demo.member);
    await fatima.page.goto("/inbox");
    await expect(fatima.page.getByTestId("inbox")).toContainText("Sanne Bakker noemde je bij een belemmering: wachtlijst voor scholing");
    await fatima.context.close();
  });
}
