import { expect, test } from "@playwright/test";
import { demo, userPage } from "./helpers";

// Groningen has no agenda in the demo data, so changing its settings leaves the other specs alone.
test("an administrator sets a region's decision rule and adds an organisation, with Dutch errors on bad input", async ({ browser }) => {
  const { page } = await userPage(browser, demo.admin);
  await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Beheer" }).click();
  const tabs = page.getByRole("navigation", { name: "Beheeronderdelen" });
  await tabs.getByRole("link", { name: "Regio's" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Regio's" })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(29);
  await page.getByRole("link", { name: "Instellingen van Groningen wijzigen" }).click();

  const quorum = page.getByLabel("Quorum (% van de bestuurders dat moet stemmen)");
  await quorum.fill("0");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Het quorum is een percentage van 1 tot en met 100.")).toBeVisible();
  await expect(quorum).toBeFocused();

  await quorum.fill("60");
  await page.getByLabel("Soort besluitregel").selectOption({ label: "Meerderheid (meer akkoord dan bezwaar)" });
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De instellingen van Groningen zijn opgeslagen.");
  await page.getByRole("link", { name: "Terug naar alle regio's" }).click();
  await expect(page.getByRole("row", { name: /Groningen/ })).toContainText("Meerderheid (meer akkoord dan bezwaar), 60%");

  await tabs.getByRole("link", { name: "Organisaties" }).click();
  await page.getByLabel("Naam").fill("Noorderpoort Zorgopleidingen");
  await page.getByLabel("Soort organisatie").selectOption({ label: "Onderwijsinstelling" });
  await page.getByLabel("Regio").selectOption({ label: "Groningen" });
  await page.getByRole("button", { name: "Organisatie opslaan" }).click();
  // A school needs its level; the server says so in Dutch (the client check says the same).
  await expect(page.getByText("Kies het onderwijsniveau van deze school.")).toBeVisible();
  await page.getByLabel("Onderwijsniveau (bij scholen)").selectOption("mbo");
  await page.getByRole("button", { name: "Organisatie opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Organisatie Noorderpoort Zorgopleidingen is toegevoegd.");
  await expect(page.getByRole("row", { name: /Noorderpoort Zorgopleidingen/ })).toContainText("Groningen");
});

test("the admin pages are not for a coordinator", async ({ browser }) => {
  const { page } = await userPage(browser, demo.coordinator);
  for (const path of ["/beheer/regios", "/beheer/regios/groningen", "/beheer/organisaties"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
});
