// Execution in Chromium (issue 15, decision 028): an item lead changes the status on the item's page
// (stopping without a lesson learned is refused in Dutch) and the live agenda follows, then posts a
// progress note for this quarter; the coordinator requests the quarter's progress and sees who has
// not reported; the adviser writes an advice. Axe at 1366 and 390 px.
import { expect, test, type Page } from "@playwright/test";
import { periodLabel, periodOf } from "../../app/domain/periods";
import { axeAtBothWidths, agendaIdOf, demo, userPage } from "./helpers";

const ITEM = "Slim incontinentiemateriaal in alle verpleeghuizen";
const quarter = periodLabel(periodOf(Date.now()), "nl");


test("an item lead sets a status and posts a progress note; the coordinator requests progress and sees who has not reported; the adviser advises", async ({ browser }) => {
  const { page: lead } = await userPage(browser, demo.member, { viewport: { width: 1366, height: 900 } });
  const agendaId = await agendaIdOf(lead, "amsterdam");
  await lead.goto(`/agendas/${agendaId}`);
  const pageLink = lead.getByRole("link", { name: `Uitvoering en voortgang van “${ITEM}”` });
  const card = lead.getByTestId("agenda-item").filter({ has: pageLink });
  await expect(card.getByTestId("item-status")).toHaveText("Prioriteit");
  await pageLink.click();
  await expect(lead.getByRole("heading", { level: 1, name: ITEM })).toBeVisible();
  await expect(lead.getByTestId("item-current-status")).toHaveText("Huidige status: Prioriteit");
  // The seed's history: made a priority by the board.
  await expect(lead.getByTestId("status-history")).toContainText("Idee → Prioriteit");

  // Stopping without a lesson learned: refused, in Dutch, at the field.
  const statusForm = lead.getByRole("form", { name: "Status wijzigen" });
  await statusForm.getByLabel("Nieuwe status").selectOption("gestopt");
  await statusForm.getByLabel("Geleerde les").fill("mislukt");
  await statusForm.getByRole("button", { name: "Status wijzigen" }).click();
  await expect(lead.getByRole("form", { name: "Status wijzigen" }).getByText("Schrijf op wat jullie hebben geleerd (minstens 20 tekens)")).toBeVisible();
  await expect(lead.getByTestId("item-current-status")).toHaveText("Huidige status: Prioriteit");

  await statusForm.getByLabel("Nieuwe status").selectOption("in_uitvoering");
  await statusForm.getByLabel("Toelichting (optioneel)").fill("De sensoren zijn besteld.");
  await statusForm.getByRole("button", { name: "Status wijzigen" }).click();
  await expect(lead.getByRole("status").filter({ hasText: "De status is gewijzigd." })).toBeVisible();
  await expect(lead.getByTestId("item-current-status")).toHaveText("Huidige status: In uitvoering");
  await expect(lead.getByTestId("status-history").locator("li").first()).toContainText("Prioriteit → In uitvoering");
  await expect(lead.getByTestId("status-history").locator("li").first()).toContainText("Fatima El Amrani");

  // A progress note for this quarter.
  const noteForm = lead.getByRole("form", { name: "Voortgang opslaan" });
  await expect(noteForm.getByLabel("Kwartaal")).toHaveValue(periodOf(Date.now()));
  await noteForm.getByLabel("Wat is er gebeurd?").fill("Twee afdelingen werken met de sensoren; de nachtdienst is rustiger.");
  await noteForm.getByLabel("Voortgang (%)").fill("150");
  await noteForm.getByRole("button", { name: "Voortgang opslaan" }).click();
  await expect(lead.getByText("Vul een heel getal van 0 tot en met 100 in.")).toBeVisible();
  await lead.getByRole("form", { name: "Voortgang opslaan" }).getByLabel("Voortgang (%)").fill("35");
  await lead.getByRole("form", { name: "Voortgang opslaan" }).getByLabel("Risico", { exact: true }).selectOption("middel");
  await lead.getByRole("form", { name: "Voortgang opslaan" }).getByRole("button", { name: "Voortgang opslaan" }).click();
  await expect(lead.getByRole("status").filter({ hasText: "De voortgangsnotitie is opgeslagen." })).toBeVisible();
  await expect(lead.getByTestId("progress-notes").locator("li").first()).toContainText(`${quarter} · 35% gereed · Risico: middel`);
  await axeAtBothWidths(lead);

  // The live agenda follows the record.
  await lead.goto(`/agendas/${agendaId}`);
  await expect(card.getByTestId("item-status")).toHaveText("In uitvoering");

  // The coordinator asks for this quarter's progress and sees who has not reported.
  const { page: coordinator } = await userPage(browser, demo.coordinator, { viewport: { width: 1366, height: 900 } });
  await coordinator.goto("/regios/amsterdam");
  await coordinator.getByRole("link", { name: "Voortgang per kwartaal" }).click();
  await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(`Voortgang ${quarter}`);
  await expect(coordinator.getByText("De voortgang over dit kwartaal is nog niet opgevraagd.")).toBeVisible();
  await expect(coordinator.getByTestId("reported")).toContainText(ITEM);
  await expect(coordinator.getByTestId("not-reported")).toContainText("Digicoaches voor digitale vaardigheden");
  await expect(coordinator.getByTestId("not-reported")).not.toContainText(ITEM);
  const request = coordinator.getByRole("form", { name: "Voortgang opvragen" });
  await request.getByLabel("Bericht aan de trekkers (optioneel)").fill("Graag jullie notitie voor de stuurgroep van volgende maand.");
  await request.getByRole("button", { name: "Voortgang opvragen" }).click();
  await expect(coordinator.getByRole("status").filter({ hasText: "De voortgang is opgevraagd." })).toBeVisible();
  await expect(coordinator.getByTestId("progress-request")).toContainText("Opgevraagd door Joost de Vries");
  await expect(coordinator.getByTestId("progress-request")).toContainText("Graag jullie notitie voor de stuurgroep");
  // Advice is the adviser's to write.
  await expect(coordinator.getByRole("form", { name: "Advies opslaan" })).toHaveCount(0);
  await axeAtBothWidths(coordinator);

  // The adviser writes the quarter's advice into the same record; the coordinator reads it.
  const { page: adviser } = await userPage(browser, demo.adviser);
  await adviser.goto("/regios/amsterdam/voortgang");
  await expect(adviser.getByTestId("progress-request")).toContainText("Opgevraagd door Joost de Vries");
  await expect(adviser.getByRole("form", { name: "Voortgang opvragen" })).toHaveCount(0);
  const advice = adviser.getByRole("form", { name: "Advies opslaan" });
  await advice.getByLabel("Advies", { exact: true }).fill("Meet de nachtelijke verschoningen voor en na, zodat de besparing te onderbouwen is.");
  await advice.getByRole("button", { name: "Advies opslaan" }).click();
  await expect(adviser.getByRole("status").filter({ hasText: "Het advies is opgeslagen." })).toBeVisible();
  await coordinator.reload();
  await expect(coordinator.getByTestId("region-advice")).toContainText("Meet de nachtelijke verschoningen");
  await expect(coordinator.getByTestId("region-advice")).toContainText("Sanne Bakker");
});
