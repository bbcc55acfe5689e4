// From plan to result in one go (issue 15): Amsterdam's item lead imports the sample roster export
// (CSV), enters this quarter's measurement by hand and posts a progress note; the coordinator sees the
// realised saving beside the projection; the adviser writes the quarter's advice; the quarter's report,
// as PDF and as Word, carries the note, the measured saving and the advice (read from the files' text).
// A broken file's row-level errors are execution-measurements.spec's; the national chart and its XLSX
// are execution-national.spec's. The measured demo item: after execution-realised.spec, which reads
// its seeded figures.
import { expect, test, type Page } from "@playwright/test";
import { periodLabel, periodOf } from "../../app/domain/periods";
import { downloadQueuedDocument } from "../support/queued-documents";
import { agendaIdOf, demo, userPage } from "./helpers";

const current = periodOf(Date.now());
const NOTE = "De eerste veertig patiënten meten thuis; de poli belt minder na.";
const ADVICE = "Leg de belminuten van de poli vast naast de roosteruren, dan staat de besparing op twee benen.";
const SERIES = { profession: "Verzorgende IG", team: "Afdeling De Linde" };
const ITEM = "Slim incontinentiemateriaal in alle verpleeghuizen";
// (312 − 270) hours a week × 52 weeks = 2,184 hours a year: the seeded baseline minus this quarter's
// measurement, the latest; shown to two significant figures as every figure is (docs/savings.md).
// Without it the file's third quarter would be the latest: (312 − 279.5) × 52 = 1,690, shown as 1.700.
const REALISED = "2.200 uur per jaar";

async function enterByHand(page: Page, kind: "measurement", value: string, period: string) {
  const section = page.locator("#metingen");
  const form = section.locator("form").filter({ has: page.locator('input[name="intent"][value="add"]') });
  await form.getByLabel("Soort").selectOption(kind);
  await form.getByLabel("Waarde").fill(value);
  await form.getByLabel("Functie (optioneel)").fill(SERIES.profession);
  await form.getByLabel("Team (optioneel)").fill(SERIES.team);
  await form.getByLabel("Kwartaal", { exact: true }).selectOption(period);
  await form.getByRole("button", { name: "Meting opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De meting is opgeslagen." })).toBeVisible();
}

test("an item lead's import, measurements and note reach the coordinator's comparison and, with the adviser's advice, the report", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page: lead } = await userPage(browser, demo.member, { viewport: { width: 1366, height: 900 } });
  const agendaId = await agendaIdOf(lead, "amsterdam");
  await lead.goto(`/agendas/${agendaId}`);
  const itemHref = (await lead.getByRole("link", { name: `Uitvoering en voortgang van “${ITEM}”` }).getAttribute("href"))!;
  await lead.goto(itemHref);
  const section = lead.locator("#metingen");

  // The sample roster export, as CSV: preview, then stored.
  await section.getByLabel("Bestand").setInputFiles("db/seed/rooster-voorbeeld.csv");
  await section.getByRole("button", { name: "Bestand uploaden" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: "Inlezen: rooster-voorbeeld.csv" })).toBeVisible();
  await expect(lead.getByTestId("import-counts")).toHaveText("12 rijen overgenomen, geen afgewezen.");
  await lead.getByRole("button", { name: "36 metingen opslaan" }).click();
  await expect(lead.getByRole("status").filter({ hasText: "De metingen uit het bestand zijn opgeslagen." })).toBeVisible();

  // This quarter's measurement, by hand, for the series the seeded baseline has.
  await enterByHand(lead, "measurement", "270", current);
  await expect(lead.getByTestId("realised-value")).toContainText(`${REALISED} (1,3 fte), gemeten in 4 kwartalen, laatst ${periodLabel(current, "nl")}`);

  // This quarter's progress note.
  const noteForm = lead.getByRole("form", { name: "Voortgang opslaan" });
  await noteForm.getByLabel("Kwartaal", { exact: true }).selectOption(current);
  await noteForm.getByLabel("Wat is er gebeurd?").fill(NOTE);
  await noteForm.getByLabel("Voortgang (%)").fill("40");
  await noteForm.getByRole("button", { name: "Voortgang opslaan" }).click();
  await expect(lead.getByRole("status").filter({ hasText: "De voortgangsnotitie is opgeslagen." })).toBeVisible();

  // The coordinator: realised beside the projection, on the item and in the agenda's comparison.
  const { page: coordinator } = await userPage(browser, demo.coordinator, { viewport: { width: 1366, height: 900 } });
  await coordinator.goto(itemHref);
  const realised = coordinator.getByTestId("realised-section");
  await expect(realised.getByTestId("realised-projected")).toContainText("uur per jaar");
  await expect(realised.getByTestId("realised-value")).toContainText(REALISED);
  await expect(realised.getByTestId("realised-share")).toHaveText(/^\d+% van de verwachting$/);
  await coordinator.goto(`/agendas/${agendaId}`);
  const item = coordinator.getByTestId("agenda-savings").getByTestId("realised-items").getByRole("link", { name: new RegExp(ITEM) });
  await expect(item).toContainText("2.200 van 9.700 uur per jaar (22%)");

  // The adviser's advice for the quarter.
  const { page: adviser } = await userPage(browser, demo.adviser);
  await adviser.goto(`/regios/amsterdam/voortgang?periode=${current}`);
  const advice = adviser.getByRole("form", { name: "Advies opslaan" });
  await advice.getByLabel("Advies", { exact: true }).fill(ADVICE);
  await advice.getByRole("button", { name: "Advies opslaan" }).click();
  await expect(adviser.getByRole("status").filter({ hasText: "Het advies is opgeslagen." })).toBeVisible();

  // The quarter's report carries all three, on the page and in both files.
  await coordinator.goto(`/regios/amsterdam/rapportage?periode=${current}`);
  await expect(coordinator.getByRole("heading", { level: 1 })).toContainText(periodLabel(current, "nl"));
  const preview = coordinator.getByTestId("report-preview");
  for (const expected of [NOTE, ADVICE, REALISED]) await expect(preview).toContainText(expected);
  for (const format of ["pdf", "docx"] as const) {
    const text = await downloadQueuedDocument(coordinator, format === "pdf" ? /\(PDF\)/ : /\(Word\)/, format);
    for (const expected of [NOTE, ADVICE, REALISED]) expect(text, `${format}: ${expected}`).toContain(expected);
  }
});
