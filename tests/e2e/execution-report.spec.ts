// The progress report in Chromium (issue 15, decision 032): Amsterdam's coordinator writes a foreword
// by keyboard, downloads the report as PDF and Word through the document queue (their text carries the
// adviser's advice, a progress note and the foreword), and sends it to the stuurgroep; a board member
// finds it in the inbox and reads it as sent. Axe at 1366 and 390 px.
import { expect, test } from "@playwright/test";
import { periodLabel, periodOf, shiftPeriod } from "../../app/domain/periods";
import { downloadQueuedDocument } from "../support/queued-documents";
import { axeAtBothWidths, demo, userPage } from "./helpers";

const period = shiftPeriod(periodOf(Date.now()), -1);
const quarter = periodLabel(period, "nl");
// The seed's advice on last quarter and a note every item in execution posted then.
const ADVICE = "De digicoaches lopen goed";
const FOREWORD = "Het kwartaal waarin de eerste metingen binnenkwamen.";

test("the coordinator adds a foreword, downloads the report as PDF and Word, sends it; a board member finds it in the inbox", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page: coord } = await userPage(browser, demo.coordinator, { viewport: { width: 1366, height: 900 } });
  await coord.goto("/regios/amsterdam");
  await coord.getByRole("link", { name: "Voortgangsrapportage" }).click();
  await expect(coord.getByRole("heading", { level: 1 })).toContainText(`Voortgangsrapportage`);
  await expect(coord.getByRole("heading", { level: 1 })).toContainText(quarter);
  await expect(coord.getByTestId("report-state")).toContainText("Concept");
  const preview = coord.getByTestId("report-preview");
  await expect(preview).toContainText(ADVICE);
  await expect(preview).toContainText("Wat er gebeurde:");
  await axeAtBothWidths(coord);

  // The foreword by keyboard alone: into the field, type, Tab to the button, Enter.
  const field = coord.getByRole("textbox", { name: "Voorwoord" });
  await field.focus();
  await coord.keyboard.type(FOREWORD);
  await coord.keyboard.press("Tab");
  await expect(coord.getByRole("button", { name: "Voorwoord opslaan" })).toBeFocused();
  await coord.keyboard.press("Enter");
  await expect(coord.getByText("Het voorwoord is opgeslagen.")).toBeVisible();
  await expect(preview).toContainText(FOREWORD);

  for (const format of ["pdf", "docx"] as const) {
    const text = await downloadQueuedDocument(coord, format === "pdf" ? /\(PDF\)/ : /\(Word\)/, format);
    expect(text, format).toContain(ADVICE);
    expect(text, format).toContain(FOREWORD);
    expect(text, format).toMatch(/Wat er gebeurde: \S+/);
  }

  await coord.getByRole("button", { name: "Naar de stuurgroep sturen" }).click();
  await expect(coord.getByTestId("report-state")).toContainText("Verzonden aan de stuurgroep op");
  await expect(coord.getByText("De rapportage is naar de stuurgroep gestuurd.")).toBeVisible();
  // Sent: the foreword is fixed, no form is left.
  await expect(coord.getByRole("textbox", { name: "Voorwoord" })).toHaveCount(0);

  const { page: board } = await userPage(browser, demo.board, { viewport: { width: 390, height: 900 } });
  await board.goto("/inbox");
  const line = board.getByRole("button", { name: new RegExp(`Voortgangsrapportage van .+ over ${quarter} ontvangen`) });
  await expect(line).toBeVisible();
  await line.focus();
  await board.keyboard.press("Enter");
  await expect(board).toHaveURL(new RegExp(`/regios/amsterdam/rapportage\\?periode=${period}`));
  await expect(board.getByTestId("report-state")).toContainText("Verzonden aan de stuurgroep op");
  await expect(board.getByTestId("report-preview")).toContainText(FOREWORD);
  // The board reads; it writes no foreword and sends nothing.
  await expect(board.getByRole("button", { name: "Naar de stuurgroep sturen" })).toHaveCount(0);
  await axeAtBothWidths(board);
});
