import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { agendaIdOf, login, userPage } from "./helpers";
import { documentText, downloadQueuedDocument } from "../support/queued-documents";

// Twente's board approval belongs to this spec (the Twente board members exist for it); the
// co-editing spec edits Twente's text but never proposes.
const coordinator = "coordinator.twente@demo.agendawerk.nl";
const board1 = "bestuurder.twente@demo.agendawerk.nl"; // Gerrit Nijhuis
const board2 = "bestuurder2.twente@demo.agendawerk.nl"; // Esther Wolters
const objection = "De inzet van zorgprofessionals is nog niet beschreven.";

async function setFirstTitle(page: Page, agendaId: number, title: string) {
  await page.goto(`/agendas/${agendaId}`);
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  await page.getByTestId("agenda-item").first().getByTestId("item-title").fill(title);
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
}

async function proposeFirstItems(page: Page, agendaId: number, count: number) {
  await page.goto(`/agendas/${agendaId}/voorleggen`);
  const ranks = page.getByRole("spinbutton", { name: /^Rangnummer voor/ });
  for (let i = 0; i < count; i++) await ranks.nth(i).fill(String(i + 1));
  await page.getByRole("button", { name: "Voorleggen aan de stuurgroep" }).click();
  await expect(page).toHaveURL(/\/voorstellen\/\d+$/);
  await expect(page.getByTestId("proposal-status")).toHaveText("Ligt bij de stuurgroep");
  return page.url();
}

async function voteOn(page: Page, url: string, value: "Akkoord" | "Bezwaar" | "Onthouding", reason?: string) {
  await page.goto(url);
  await page.getByRole("radio", { name: value }).check();
  if (reason) await page.getByLabel("Reden (verplicht bij bezwaar)").fill(reason);
  await page.getByRole("button", { name: /Stem uitbrengen|Stem wijzigen/ }).click();
}

test("coordinator proposes, the board objects, then adopts; the adopted version stays; the board pack downloads", async ({ browser }) => {
  test.setTimeout(180_000);
  const coord = await userPage(browser, coordinator);
  const b1 = await userPage(browser, board1);
  const b2 = await userPage(browser, board2);
  const agendaId = await agendaIdOf(coord.page, "twente");

  // No items chosen: a clear Dutch error, nothing proposed.
  await coord.page.goto(`/agendas/${agendaId}/voorleggen`);
  await coord.page.getByRole("button", { name: "Voorleggen aan de stuurgroep" }).click();
  await expect(coord.page.getByText("Kies minstens één agendapunt om voor te leggen.")).toBeVisible();

  const firstUrl = await proposeFirstItems(coord.page, agendaId, 2);

  // The board member finds it in the inbox and agrees.
  await b1.page.goto("/inbox");
  // An unread line opens by a post (it is answered then): a button, not a link.
  await b1.page.getByRole("button", { name: /Voorstel ter besluitvorming/ }).first().click();
  await expect(b1.page).toHaveURL(firstUrl);
  await voteOn(b1.page, firstUrl, "Akkoord");
  await expect(b1.page.getByRole("status")).toHaveText("Je stem is vastgelegd.");
  await expect(b1.page.getByTestId("my-vote")).toContainText("Akkoord");

  // An objection without a reason is refused; with a reason it returns the proposal.
  await voteOn(b2.page, firstUrl, "Bezwaar");
  await expect(b2.page.getByText("Geef bij bezwaar een reden op")).toBeVisible();
  await voteOn(b2.page, firstUrl, "Bezwaar", objection);
  await expect(b2.page.getByTestId("proposal-status")).toHaveText("Teruggestuurd naar de werkgroep");
  await expect(b2.page.getByTestId("objection-reasons")).toContainText(objection);

  // The coordinator sees why, and voting is closed.
  await coord.page.goto(firstUrl);
  await expect(coord.page.getByTestId("objection-reasons")).toContainText(`Esther Wolters: ${objection}`);
  await b1.page.goto(firstUrl);
  await expect(b1.page.getByRole("radio", { name: "Onthouding" })).toHaveCount(0);

  // The workgroup changes the agenda; a new proposal is adopted by both.
  const adoptedTitle = "Slimme zorg in Twente, met zorgprofessionals";
  await setFirstTitle(coord.page, agendaId, adoptedTitle);
  const secondUrl = await proposeFirstItems(coord.page, agendaId, 1);
  await expect(coord.page.getByRole("article").first()).toContainText(adoptedTitle);
  await voteOn(b1.page, secondUrl, "Akkoord");
  await expect(b1.page.getByRole("status")).toHaveText("Je stem is vastgelegd.");
  await voteOn(b2.page, secondUrl, "Akkoord");
  await expect(b2.page.getByTestId("proposal-status")).toHaveText("Vastgesteld");

  // The live agenda moves on; the adopted version stays as approved and shows what changed.
  const liveTitle = `${adoptedTitle} (na vaststelling)`;
  await setFirstTitle(coord.page, agendaId, liveTitle);
  await expect(async () => {
    await coord.page.goto(`/agendas/${agendaId}/vastgesteld`);
    await expect(coord.page.getByTestId("item-changes")).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(coord.page.getByTestId("adopted-on")).toContainText("Vastgesteld op");
  const adoptedItem = coord.page.getByTestId("adopted-items").getByRole("article").first();
  await expect(adoptedItem.getByRole("heading")).toHaveText(`1${adoptedTitle}`);
  await adoptedItem.getByText("Wat is er gewijzigd?").click();
  await expect(adoptedItem.getByRole("row", { name: /Titel/ })).toContainText(liveTitle);
  await coord.page.goto(`/agendas/${agendaId}`);
  await expect(coord.page.getByText(/Vastgesteld op/)).toBeVisible();
  await expect(coord.page.getByTestId("changed-since-adoption")).toHaveCount(1);

  // The decision history shows both proposals with the objection.
  await coord.page.goto("/regios/twente/besluiten");
  await expect(coord.page.getByTestId("decision")).toHaveCount(2);
  await expect(coord.page.getByTestId("decision").nth(1)).toContainText(objection);

  // Board pack: PDF and Word with the priorities and the votes.
  await b1.page.goto(secondUrl);
  const texts: string[] = [];
  for (const [button, format] of [["Stukken voor de stuurgroep (PDF)", "pdf"], ["Stukken voor de stuurgroep (Word)", "docx"]] as const) {
    texts.push(await downloadQueuedDocument(b1.page, button, format));
  }
  for (const text of texts) {
    expect(text).toContain("Innovatieagenda: stukken voor de stuurgroep");
    expect(text).toContain(adoptedTitle);
    expect(text).toContain("Gerrit Nijhuis");
    expect(text).toContain("Esther Wolters");
    expect(text).toContain("Akkoord");
    expect(text).toContain("Vastgesteld");
  }

  // Without JavaScript the same buttons lead to a page that refreshes itself until the file is ready.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await login(noJs, board2);
  await noJs.goto(secondUrl);
  await noJs.getByRole("button", { name: "Stukken voor de stuurgroep (Word)" }).click();
  await expect(noJs).toHaveURL(/\/bestuurspakket\/[0-9a-f-]{36}\/voortgang$/);
  const plainLink = noJs.getByTestId("pack-download-docx");
  await expect(plainLink).toBeVisible({ timeout: 30_000 });
  const [plainDownload] = await Promise.all([noJs.waitForEvent("download"), plainLink.click()]);
  expect(await documentText(fs.readFileSync((await plainDownload.path())!), "docx")).toContain(adoptedTitle);
  await plain.close();

  for (const p of [coord, b1, b2]) await p.context.close();
});
