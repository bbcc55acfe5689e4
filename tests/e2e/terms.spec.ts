// The field's words in a real browser (issue 12): tab titles follow the chosen language, the
// national overview is "Signalen", counts agree with their number, and an innovation is named in
// the reader's language, on the page and in the tab.
import { expect, test } from "@playwright/test";
import { demo, login } from "./helpers";

test("titles, terms, plurals and innovation names follow the reader's language", async ({ page }) => {
  await login(page, demo.adviser);
  const nav = page.getByRole("navigation", { name: "Hoofdnavigatie" });

  await page.goto("/regios");
  await expect(page).toHaveTitle("Regio's · Agendawerk");
  const main = page.locator("main");
  await expect(main).toContainText(/(\b1 open belemmering\b|\d+ open belemmeringen|Geen open belemmeringen)/);
  // (?<!\d): "11 signalen" is right; the tiles' text runs together, so no \b before the count.
  await expect(main).not.toContainText(/belemmering\(en\)|signaal\(en\)|(?<!\d)1 signalen/);

  await nav.getByRole("link", { name: "Signalen" }).click();
  await expect(page).toHaveTitle("Signalen · Agendawerk");
  await expect(page.getByRole("heading", { level: 1, name: "Signalen" })).toBeVisible();
  await expect(main).not.toContainText(/knelpunt|signaal\/signalen/i);

  await page.getByRole("button", { name: "English" }).click();
  await expect(page).toHaveTitle("Signals · Agendawerk");
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Signals" })).toBeVisible();
  await expect(main).not.toContainText(/bottleneck|signal\(s\)/i);

  await page.goto("/regios");
  await expect(page).toHaveTitle("Regions · Agendawerk");
  await expect(main).toContainText(/(\b1 open barrier\b|\d+ open barriers|No open barriers)/);
  await expect(main).toContainText("Other regions (24)");
  await expect(main).not.toContainText(/barrier\(s\)|signal\(s\)|(?<!\d)1 signals/);

  await page.goto("/innovaties/beeldbellen");
  await expect(page).toHaveTitle("Video consultations · Agendawerk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Video consultations");

  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page).toHaveTitle("Beeldbellen en zorg op afstand · Agendawerk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Beeldbellen en zorg op afstand");
});
