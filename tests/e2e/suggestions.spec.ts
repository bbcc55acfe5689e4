// Suggestion mode (decision 035): a partner, who may read Twente's agenda but not edit it, suggests
// a sentence and a deletion in the introduction; the coordinator sees both arrive live, accepts the
// one and rejects the other; a workgroup member's browser follows it all live, and the audit log
// keeps each decision with the suggestion it settled, its author and the coordinator who settled it.
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { databasePath } from "../../playwright.config";
import { agendaIdOf, demo, login, openAgenda, screenshots, userPage } from "./helpers";

const PARTNER = { name: "Pim Partner", email: "pim.partner@example.nl", temp: "tijdelijk-van-de-beheerder", password: "Pim-partner-suggereert-2026" };
const SENTENCE = " Ook de GGD doet mee.";
const LEAD = "Hogeschool Twentse Zorg";
const COORDINATOR = "coordinator.twente@demo.agendawerk.nl";
const INTRO = "In Twente werken zorg, onderwijs en gemeenten samen aan arbeidsbesparende innovaties.";

/** A settled suggestion as the audit log keeps it (app/models/suggestions.server.ts). */
type Recorded = { id: string; kind: string; author: number; authorName: string; at: string; text: string; part: string };

/** The audit log's settled suggestions: which were settled, whose they were and who settled them (by email). */
function settledInAudit() {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const emailOf = (id: number) => (db.prepare("select email from users where id = ?").get(id) as { email: string }).email;
    const rows = db.prepare("select action, actor_id, data from audit_log where action like 'suggestion.%' order by id").all() as Array<{ action: string; actor_id: number; data: string }>;
    return rows.map((row) => ({
      action: row.action,
      actor: emailOf(row.actor_id),
      suggestions: (JSON.parse(row.data) as { suggestions: Recorded[] }).suggestions.map(({ at: _at, author, ...rest }) => ({ ...rest, author: emailOf(author) })),
    }));
  } finally {
    db.close();
  }
}

/** The administrator makes a user of Hogeschool Twentse Zorg (no membership) and lets Twente's partners read. */
async function makePartner(page: Page) {
  await login(page, demo.admin);
  await page.goto("/beheer/gebruikers");
  await page.getByLabel("Naam", { exact: true }).first().fill(PARTNER.name);
  await page.getByLabel("E-mailadres").fill(PARTNER.email);
  await page.getByLabel(/Tijdelijk wachtwoord/).fill(PARTNER.temp);
  await page.getByLabel("Soort gebruiker").selectOption({ label: "Regiogebruiker" });
  await page.getByLabel("Organisatie").selectOption({ label: "Hogeschool Twentse Zorg" });
  await page.getByRole("button", { name: "Aanmaken" }).click();
  await expect(page.getByText(`Gebruiker ${PARTNER.email} is aangemaakt.`)).toBeVisible();
  await page.goto("/beheer/regios/twente");
  await page.getByLabel("Medewerkers van partnerorganisaties in de regio mogen de agenda lezen").check();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Twente" })).toBeVisible();
}

const intro = (page: Page) => page.getByTestId("agenda-intro");
/** The introduction's text without the others' caret labels (names shown inside the text). */
const introText = (page: Page) =>
  intro(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
    return copy.textContent;
  });
/** Extends the introduction's selection by keyboard until it holds `text` (a caret can take a keypress). */
async function selectByKeyboard(page: Page, text: string) {
  const selected = () =>
    intro(page).evaluate((el) => {
      const { state } = (el as HTMLElement & { editor: { state: import("@tiptap/pm/state").EditorState } }).editor;
      return state.doc.textBetween(state.selection.from, state.selection.to);
    });
  for (let presses = 0; presses <= text.length * 2 && (await selected()) !== text; presses++) await page.keyboard.press("Shift+ArrowRight");
  expect(await selected()).toBe(text);
}
const suggestionItems = (page: Page) => page.getByTestId("suggestions").getByTestId("suggestion");

test("a partner suggests, the coordinator accepts one and rejects the other, live everywhere and in the audit log", async ({ page, browser }) => {
  await makePartner(page);
  const agendaId = await agendaIdOf(page, "twente");

  const partnerContext = await browser.newContext();
  const partner = { context: partnerContext, page: await partnerContext.newPage() };
  await login(partner.page, PARTNER.email, PARTNER.temp);
  await partner.page.getByLabel("Huidig wachtwoord").fill(PARTNER.temp);
  await partner.page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(PARTNER.password);
  await partner.page.getByLabel("Nieuw wachtwoord (nogmaals)").fill(PARTNER.password);
  await partner.page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(partner.page).not.toHaveURL(/\/account/);

  const coordinator = await userPage(browser, COORDINATOR);
  const member = await userPage(browser, demo.memberTwente, { viewport: { width: 390, height: 844 } });
  await openAgenda(coordinator.page, agendaId);
  await openAgenda(member.page, agendaId);
  await openAgenda(partner.page, agendaId);

  // The partner always suggests: typing at the end of the introduction, then deleting its first two words.
  await expect(partner.page.getByTestId("suggestions")).toContainText("Je kunt wijzigingen in de inleiding en de plannen suggereren");
  await expect(intro(partner.page)).not.toHaveAttribute("aria-readonly", "true");
  await intro(partner.page).click();
  await partner.page.keyboard.press("Control+End");
  await partner.page.keyboard.type(SENTENCE);
  await partner.page.keyboard.press("Control+Home");
  await selectByKeyboard(partner.page, "In Twente");
  await partner.page.keyboard.press("Backspace");
  await expect(intro(partner.page).locator("ins")).toHaveText(SENTENCE);
  await expect(intro(partner.page).locator("del")).toHaveText("In Twente");
  // A plain field gets a suggested value beside it.
  const firstItem = partner.page.getByTestId("agenda-item").first();
  const firstItemId = await firstItem.getAttribute("data-item-id");
  await firstItem.getByRole("button", { name: "Een nieuwe waarde suggereren voor ‘Trekker (organisatie)’" }).click();
  await firstItem.getByLabel("Gesuggereerde waarde voor ‘Trekker (organisatie)’").fill(LEAD);
  await firstItem.getByRole("button", { name: "Suggestie plaatsen" }).click();
  await expect(firstItem.getByTestId("field-suggestions").filter({ hasText: "Suggestie van" })).toContainText(`Suggestie van Pim Partner: ${LEAD}`);
  // No accept or reject for a partner.
  await expect(partner.page.getByRole("button", { name: /accepteren/ })).toHaveCount(0);

  // Both other browsers see the two suggestions arrive, with author, marked in the text.
  for (const other of [coordinator.page, member.page]) {
    await expect(suggestionItems(other)).toHaveCount(3);
    await expect(suggestionItems(other).nth(0)).toContainText("Verwijdering door Pim Partner");
    await expect(suggestionItems(other).nth(1)).toContainText("Toevoeging door Pim Partner");
    await expect(suggestionItems(other).nth(2)).toContainText("Nieuwe waarde voor ‘Trekker (organisatie)’ door Pim Partner");
    await expect(intro(other).locator("ins")).toHaveText(SENTENCE);
    await expect(intro(other).locator("del")).toHaveText("In Twente");
  }
  await coordinator.page.getByTestId("suggestions").scrollIntoViewIfNeeded();
  if (screenshots) await coordinator.page.screenshot({ path: `${screenshots}/035-suggestions-1366.png`, fullPage: false });
  await member.page.getByTestId("suggestions").scrollIntoViewIfNeeded();
  if (screenshots) await member.page.screenshot({ path: `${screenshots}/035-suggestions-390.png` });
  expect(await member.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The coordinator accepts the sentence and rejects the deletion, by keyboard.
  const accept = coordinator.page.getByRole("button", { name: `Toevoeging door Pim Partner accepteren:${SENTENCE}` });
  await accept.focus();
  await coordinator.page.keyboard.press("Enter");
  await expect(suggestionItems(coordinator.page)).toHaveCount(2);
  await coordinator.page.getByRole("button", { name: "Verwijdering door Pim Partner afwijzen: In Twente" }).click();
  await expect(suggestionItems(coordinator.page)).toHaveCount(1);
  await coordinator.page.getByRole("button", { name: `Nieuwe waarde voor ‘Trekker (organisatie)’ door Pim Partner accepteren: ${LEAD}` }).click();
  await expect(suggestionItems(coordinator.page)).toHaveCount(0);
  await expect(member.page.getByTestId("agenda-item").first().getByLabel("Trekker (organisatie)", { exact: true })).toHaveValue(LEAD);

  for (const other of [coordinator.page, member.page, partner.page]) {
    await expect.poll(() => introText(other)).toBe(INTRO + SENTENCE);
    await expect(intro(other).locator("ins, del")).toHaveCount(0);
    await expect(other.getByTestId("suggestions-count")).toHaveText("Geen open suggesties");
  }
  const settled = settledInAudit();
  const by = { actor: COORDINATOR, author: PARTNER.email, authorName: PARTNER.name };
  expect(settled).toEqual([
    { action: "suggestion.accept", actor: by.actor, suggestions: [{ id: expect.any(String), kind: "insertion", author: by.author, authorName: by.authorName, text: SENTENCE, part: "intro" }] },
    { action: "suggestion.reject", actor: by.actor, suggestions: [{ id: expect.any(String), kind: "deletion", author: by.author, authorName: by.authorName, text: "In Twente", part: "intro" }] },
    { action: "suggestion.accept", actor: by.actor, suggestions: [{ id: expect.any(String), kind: "field", author: by.author, authorName: by.authorName, text: LEAD, part: firstItemId }] },
  ]);
  // Three suggestions, each settled once.
  expect(new Set(settled.map((row) => row.suggestions[0].id)).size).toBe(3);
  for (const c of [partner, coordinator, member]) await c.context.close();
});
