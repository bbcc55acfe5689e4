// Measured savings in Chromium (issue 15, decision 029): an item lead imports the sample roster export
// (preview, nothing stored yet, confirm, stored with file and row), a file with bad rows (a Dutch
// reason per row, nothing to confirm, nothing stored) and a damaged xlsx (refused whole), and enters a
// baseline by hand by keyboard. Twente's third item: the first two are execution-training.spec's.
// Axe at 1366 and 390 px.
import { expect, test, type Page } from "@playwright/test";
import { axeAtBothWidths, agendaIdOf, demo, login } from "./helpers";


async function upload(page: Page, file: string) {
  const section = page.locator("#metingen");
  await section.getByLabel("Bestand").setInputFiles(file);
  await section.getByRole("button", { name: "Bestand uploaden" }).click();
}

test("an item lead imports a roster export after its preview, is told row by row what is wrong with a bad one, and enters a baseline by hand", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, demo.memberTwente);
  const agendaId = await agendaIdOf(page, "twente");
  await page.goto(`/agendas/${agendaId}`);
  const itemHref = (await page.getByTestId("item-page-link").nth(2).getAttribute("href"))!;
  await page.goto(itemHref);
  const section = page.locator("#metingen");
  await expect(section.getByRole("heading", { level: 2, name: "Metingen" })).toBeVisible();
  await expect(section.getByText("Nog geen metingen.")).toBeVisible();

  // The sample export: a preview with the columns guessed and every row taken; nothing stored yet.
  await upload(page, "db/seed/rooster-voorbeeld.xlsx");
  await expect(page.getByRole("heading", { level: 1, name: "Inlezen: rooster-voorbeeld.xlsx" })).toBeVisible();
  await expect(page.getByTestId("import-counts")).toHaveText("12 rijen overgenomen, geen afgewezen.");
  await expect(page.getByLabel("Overuren per maand")).toHaveValue("4");
  await expect(page.getByTestId("import-accepted").getByRole("row", { name: /^2 / })).toContainText("298 uren per week");
  await axeAtBothWidths(page);
  const previewUrl = page.url();
  await page.goto(itemHref);
  await expect(section.getByText("Nog geen metingen.")).toBeVisible();
  await page.goto(previewUrl);
  await page.getByRole("button", { name: "36 metingen opslaan" }).click();
  await expect(page).toHaveURL(new RegExp(`${itemHref}\\?opgeslagen=metingen-ingelezen`));
  await expect(page.getByRole("status").filter({ hasText: "De metingen uit het bestand zijn opgeslagen." })).toBeVisible();
  const measured = section.getByTestId("measurements-measurement").locator("tbody tr");
  await expect(measured).toHaveCount(36);
  await expect(section.getByTestId("measurements-measurement")).toContainText("rooster-voorbeeld.xlsx, rij 2");

  // A file with bad rows: each says why, in Dutch, and there is nothing to confirm.
  await upload(page, "tests/fixtures/rooster-fouten.csv");
  await expect(page.getByTestId("import-counts")).toHaveText("Geen rijen overgenomen, 5 afgewezen.");
  const rejected = page.getByTestId("import-rejected");
  await expect(rejected).toContainText("Rij 2: 'twaalf' is geen getal in kolom Uren");
  await expect(rejected).toContainText("Rij 3: '31-02-2026' is geen datum in kolom Datum");
  await expect(rejected).toContainText("Rij 6: geen waarde in Uren, Overuren, Vacatures");
  await expect(page.getByRole("button", { name: /metingen? opslaan/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Annuleren" }).click();
  await expect(page).toHaveURL(new RegExp(`${itemHref}#metingen`));

  // A damaged xlsx: refused whole with a Dutch reason, and the form is there to try again.
  await upload(page, "tests/fixtures/rooster-kapot.xlsx");
  await expect(page.getByTestId("import-problem")).toHaveText("Het Excel-bestand is beschadigd of geen echt .xlsx-bestand en kon niet worden gelezen.");
  await expect(page.getByRole("button", { name: "Bestand uploaden" })).toBeVisible();
  await page.goto(itemHref);
  await expect(measured).toHaveCount(36);

  // A baseline by hand, by keyboard: a word for a number is refused in Dutch at the field first.
  const form = section.locator("form").filter({ has: page.locator('input[name="intent"][value="add"]') });
  await form.getByLabel("Soort").selectOption("baseline");
  await form.getByLabel("Waarde").fill("twaalf");
  await form.getByLabel("Functie (optioneel)").fill("Verzorgende IG");
  await form.getByLabel("Team (optioneel)").fill("Afdeling De Linde");
  await form.getByRole("button", { name: "Meting opslaan" }).click();
  await expect(form.getByText("Vul een getal in, bijvoorbeeld 12,5.")).toBeVisible();
  await expect(form.getByLabel("Waarde")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("310,5");
  await form.getByLabel("Toelichting (optioneel)").focus();
  await page.keyboard.press("Tab");
  await expect(form.getByRole("button", { name: "Meting opslaan" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "De meting is opgeslagen." })).toBeVisible();
  const baseline = section.getByTestId("measurements-baseline");
  await expect(baseline.locator("tbody tr")).toHaveCount(1);
  await expect(baseline).toContainText("310,5 uren per week");
  await expect(baseline).toContainText("Verzorgende IG · Afdeling De Linde");
  await expect(baseline).toContainText("Met hand ingevoerd door Ruben Kamphuis");
  await axeAtBothWidths(page);
});
