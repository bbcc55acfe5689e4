// Word import (issue 16, decision 034): the coordinator reads the sample Word agenda, corrects the
// items it found, and adds them; a second browser on the agenda sees them arrive as structured
// fields. A 50-page document shows its progress and lands as one change that restoring the
// version made just before it undoes.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { agendaIdOf, demo, openAgenda, screenshots, userPage } from "./helpers";
import { longAgenda } from "../support/word-documents";

const here = path.dirname(fileURLToPath(import.meta.url));
const sample = path.join(here, "../fixtures/regio-agenda.docx");
const FILE_LABEL = "Word-bestand (.docx, hoogstens 10 MB)";

/** Every item card's title and lead organisation, as the live editor shows them. */
const cards = (page: Page) =>
  page.getByTestId("agenda-item").evaluateAll((els) =>
    els.map((el) => {
      const inputs = [...el.querySelectorAll("input")] as HTMLInputElement[];
      const lead = inputs.find((i) => i.labels?.[0]?.textContent?.includes("Trekker"));
      return { title: (el.querySelector('[data-testid="item-title"]') as HTMLInputElement).value, lead: lead?.value ?? null };
    }),
  );

async function checkPage(page: Page, name: string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect.soft(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${name} at ${width} px`).toEqual([]);
    expect.soft(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width} px`).toBeLessThanOrEqual(width);
    if (screenshots) await page.screenshot({ path: path.join(screenshots, `word-import-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("the coordinator imports the sample Word agenda and a second browser sees its items arrive as structured fields", async ({ browser }) => {
  const coordinator = await userPage(browser, demo.coordinator);
  const agendaId = await agendaIdOf(coordinator.page, "amsterdam");
  const member = await userPage(browser, demo.member);
  await openAgenda(member.page, agendaId);
  // Synced is not yet shown: the demo agenda's cards mount after the sync.
  await expect.poll(async () => (await cards(member.page)).length).toBeGreaterThan(0);
  const before = (await cards(member.page)).length;

  const page = coordinator.page;
  await page.goto(`/agendas/${agendaId}`);
  await page.getByRole("link", { name: "Inlezen uit Word" }).click();
  await expect(page.getByRole("heading", { name: "Agenda inlezen uit Word" })).toBeVisible();
  await checkPage(page, "upload");

  // A file that is no Word document is refused on the field, and nothing is kept.
  await page.getByLabel(FILE_LABEL).setInputFiles({ name: "agenda.docx", mimeType: "application/octet-stream", buffer: Buffer.from("Titel;Trekker\nA;B\n") });
  await page.getByRole("button", { name: "Bestand lezen" }).click();
  const field = page.getByLabel(FILE_LABEL);
  await expect(field).toHaveAccessibleDescription("Dit is geen Word-document (.docx). Kies een bestand dat in Word is opgeslagen als .docx.");
  await expect(field).toHaveAttribute("aria-invalid", "true");

  await field.setInputFiles(sample);
  await page.getByRole("button", { name: "Bestand lezen" }).click();
  await expect(page).toHaveURL(new RegExp(`/agendas/${agendaId}/importeren/\\d+$`));
  await expect(page.getByRole("heading", { name: "Agendapunten gevonden in een tabel." })).toBeVisible();
  await expect(page.getByTestId("not-imported")).toContainText("1 afbeelding");
  await expect(page.getByTestId("not-imported")).toContainText("1 opmerking uit Word");
  await expect(page.getByTestId("not-imported")).toContainText("De titel van het document, ‘Regionale innovatieagenda Zuid-Limburg’: de agenda heeft een eigen titel.");
  // The introduction keeps its marks and link; each item's fields are mapped.
  const intro = page.getByTestId("import-intro");
  await expect(intro.locator("strong", { hasText: "arbeidsbesparing" })).toBeVisible();
  await expect(intro.getByRole("link", { name: "het regioplan" })).toHaveAttribute("href", "https://www.example.org/regioplan");
  const items = page.getByTestId("import-item");
  await expect(items).toHaveCount(3);
  const first = items.nth(0);
  await expect(first.getByLabel("Titel")).toHaveValue("Slimme zorg thuis");
  await expect(first.getByLabel("Trekker (organisatie)")).toHaveValue("Zuyderland");
  await expect(first.getByLabel("Start")).toHaveValue("2025-01-01");
  await expect(first.getByLabel("Einde")).toHaveValue("2026-12-31");
  await expect(first.getByLabel("Manier van arbeidsbesparing")).toHaveValue("substitution");
  await expect(first.getByLabel("Start")).toHaveAccessibleDescription("In Word: Q1 2025 – Q4 2026");
  await checkPage(page, "preview");

  // An error is tied to its field and nothing is written.
  await first.getByLabel("Titel").fill("");
  await page.getByRole("button", { name: "Toevoegen aan de agenda" }).click();
  await expect(first.getByLabel("Titel")).toHaveAccessibleDescription("Een agendapunt heeft een titel nodig.");
  await expect(first.getByLabel("Titel")).toBeFocused();

  // The edited mapping is what is confirmed.
  await first.getByLabel("Titel").fill("Slimme zorg thuis (Word)");
  await items.nth(2).getByLabel("Dit agendapunt toevoegen").uncheck();
  await items.nth(1).getByLabel("Manier van arbeidsbesparing").selectOption("working-differently");
  await page.getByRole("button", { name: "Toevoegen aan de agenda" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 agendapunten zijn toegevoegd aan de agenda." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Voor import van regio-agenda.docx" })).toBeVisible();
  await checkPage(page, "done");

  // The second browser did not reload: the items arrive live, as fields of the editor.
  await expect.poll(async () => (await cards(member.page)).slice(before)).toEqual([
    { title: "Slimme zorg thuis (Word)", lead: "Zuyderland" },
    { title: "Valpreventie in de wijk", lead: "GGD Zuid Limburg" },
  ]);
  const valpreventie = member.page.getByTestId("agenda-item").nth(before + 1);
  await expect(valpreventie.getByTestId("item-mechanism")).toHaveValue("working-differently");
  await expect(valpreventie.getByText("Valrisico vroeg signaleren met de huisarts.")).toBeVisible();
  await expect(member.page.locator(".ProseMirror strong", { hasText: "arbeidsbesparing" }).first()).toBeVisible();
  await expect(member.page.locator(".ProseMirror a[href='https://www.example.org/regioplan']").first()).toBeVisible();
  await expect(member.page.locator(".ProseMirror li", { hasText: "meer zelfredzaamheid" }).first()).toBeVisible();

  // A board member may not import (server-side, loader and action).
  const board = await userPage(browser, demo.board);
  expect((await board.page.request.get(`/agendas/${agendaId}/importeren`, { maxRedirects: 0 })).status()).toBe(403);
  expect((await board.page.request.post(`/agendas/${agendaId}/importeren`, { multipart: { file: { name: "a.docx", mimeType: "application/octet-stream", buffer: fs.readFileSync(sample) } }, maxRedirects: 0 })).status()).toBe(403);
  await board.context.close();
  await member.context.close();
  await coordinator.context.close();
});

test("a 50-page document is imported with progress shown, as one change that restoring the version before it undoes", async ({ browser }) => {
  const { page, context } = await userPage(browser, demo.coordinator);
  const agendaId = await agendaIdOf(page, "amsterdam");
  await openAgenda(page, agendaId);
  // Synced is not yet shown: the demo agenda's cards mount after the sync.
  await expect.poll(async () => (await cards(page)).length).toBeGreaterThan(0);
  const before = await cards(page);

  await page.goto(`/agendas/${agendaId}/importeren`);
  await page.getByLabel(FILE_LABEL).setInputFiles({ name: "lang-plan.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: await longAgenda(50) });
  await page.getByRole("button", { name: "Bestand lezen" }).click();
  await expect(page.getByTestId("import-progress")).toBeVisible();
  await expect(page.getByText("Het bestand wordt omgezet…")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Agendapunten gevonden onder de kopjes." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "50 agendapunten" })).toBeVisible();
  await page.getByRole("button", { name: "Toevoegen aan de agenda" }).click();
  await expect(page.getByTestId("import-progress")).toBeVisible();
  await expect(page.getByText("De agendapunten worden toegevoegd…")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "50 agendapunten zijn toegevoegd aan de agenda." })).toBeVisible();

  await openAgenda(page, agendaId);
  // Fifty-five items are fifty-five plan editors: on a shared machine they take a while to mount.
  await expect.poll(async () => (await cards(page)).length, { timeout: 30_000 }).toBe(before.length + 50);
  expect((await cards(page)).slice(before.length, before.length + 2)).toEqual([
    { title: "Agendapunt 1", lead: "Organisatie 1" },
    { title: "Agendapunt 2", lead: "Organisatie 2" },
  ]);

  // One undoable change: restoring the version made just before it takes all fifty out again.
  await page.goto(`/agendas/${agendaId}/versies`);
  await page.getByTestId("version-row").filter({ hasText: "Voor import van lang-plan.docx" }).getByRole("link", { name: /Bekijken en vergelijken/ }).click();
  await expect(page.getByTestId("restore-effect")).toContainText("50 agendapunten");
  await page.getByRole("button", { name: "Deze versie terugzetten" }).click();
  await expect(page.getByTestId("restore-done")).toBeVisible();
  await openAgenda(page, agendaId);
  await expect.poll(async () => cards(page), { timeout: 30_000 }).toEqual(before);
  await context.close();
});
