// Training and funding in Chromium (issue 15, decision 030): an item lead adds a training need (a
// refused amount first, in Dutch) and a funding line on the item's page, by keyboard; the region's
// training demand page sums the need with another of the same role. Twente: the Amsterdam item is
// execution-progress.spec's. Axe at 1366 and 390 px.
import { expect, test, type Page } from "@playwright/test";
import { axeAtBothWidths, agendaIdOf, demo, login } from "./helpers";

const ROLE = "Leefstijlcoach e2e";


async function addNeed(page: Page, { role, people, hours }: { role: string; people: string; hours: string }) {
  const section = page.locator("#opleiding");
  await section.getByText("Opleidingsbehoefte toevoegen").click();
  const form = section.locator("form").filter({ has: page.locator('input[name="intent"][value="add-training"]') });
  await form.getByLabel("Rol of beroep").fill(role);
  await form.getByLabel("Aantal mensen").fill(people);
  await form.getByLabel("Uren per persoon").fill(hours);
  // By keyboard: the submit button is reached and pressed without the mouse.
  await form.getByLabel("Kwartaal (bijv. 2026-Q4)").focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(form.getByRole("button", { name: "Opslaan" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Opgeslagen." })).toBeVisible();
}

test("an item lead adds a training need and a funding line; the region's training demand sums them", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, demo.memberTwente);
  const agendaId = await agendaIdOf(page, "twente");
  await page.goto(`/agendas/${agendaId}`);
  const itemLinks = page.getByTestId("item-page-link");
  await expect(itemLinks.first()).toBeVisible();
  const [first, second] = [await itemLinks.nth(0).getAttribute("href"), await itemLinks.nth(1).getAttribute("href")];

  await page.goto(first!);
  const section = page.locator("#opleiding");
  await expect(section.getByRole("heading", { level: 2, name: "Opleiding en financiering" })).toBeVisible();
  await addNeed(page, { role: ROLE, people: "7", hours: "2,5" });
  await expect(section.getByRole("row", { name: new RegExp(ROLE) })).toContainText("17,5");

  // A funding line: a third decimal is refused in Dutch at the field, then the amount is stored.
  await section.getByText("Financiering toevoegen").click();
  const funding = section.locator("form").filter({ has: page.locator('input[name="intent"][value="add-funding"]') });
  await funding.getByLabel("Route").selectOption({ label: "AZWA opleidingsmiddelen" });
  await funding.getByLabel("Bedrag in euro").fill("12.500,505");
  await funding.getByLabel("Datum van de status").fill("2026-10-01");
  await funding.getByRole("button", { name: "Opslaan" }).click();
  await expect(funding.getByText("Een bedrag heeft hoogstens twee cijfers achter de komma.")).toBeVisible();
  await funding.getByLabel("Bedrag in euro").fill("12.500,50");
  await funding.getByLabel("Status", { exact: true }).selectOption("toegekend");
  await funding.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Opgeslagen." })).toBeVisible();
  await expect(section.getByRole("row", { name: /AZWA opleidingsmiddelen/ })).toContainText("€ 12.500,5");
  await expect(section.getByRole("row", { name: /AZWA opleidingsmiddelen/ })).toContainText("Toegekend");
  await axeAtBothWidths(page);

  // The same role on another item, typed differently: the region's demand counts them as one.
  await page.goto(second!);
  await addNeed(page, { role: ROLE.toUpperCase(), people: "3", hours: "4" });

  await page.locator("#opleiding").getByRole("link", { name: "Opleidingsvraag van de regio" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Opleidingsvraag/ })).toBeVisible();
  const byRole = page.getByRole("region", { name: "Per rol of beroep" });
  // 7 × 2,5 + 3 × 4 = 29,5 hours for 10 people, over 2 lines.
  await expect(byRole.getByRole("row", { name: new RegExp(ROLE) })).toHaveText(new RegExp(`${ROLE}\\s*10\\s*29,5\\s*2`));
  // Neither need names a provider: both count under "nog geen opleider" in the schools' view.
  await expect(page.getByRole("region", { name: "Voor de scholen: opleiders per kwartaal" }).last()).toContainText("nog geen opleider");
  await axeAtBothWidths(page);
});
