// The administrator's user list: search (server-side, paged), a user picker that searches as one
// types and is worked by keyboard (the combobox pattern), and deactivation, which shuts the user
// out until reactivation. Each test creates its own user.
import { expect, test, type Page } from "@playwright/test";
import { demo, login } from "./helpers";

async function createUser(page: Page, name: string, email: string, kind = "Regiogebruiker") {
  await page.goto("/beheer/gebruikers");
  await page.getByLabel("Naam", { exact: true }).first().fill(name);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel(/Tijdelijk wachtwoord/).fill("tijdelijk-van-de-beheerder");
  await page.getByLabel("Soort gebruiker").selectOption({ label: kind });
  await page.getByRole("button", { name: "Aanmaken" }).click();
  await expect(page.getByText(`Gebruiker ${email} is aangemaakt.`)).toBeVisible();
}

test("a 300-character name gets a message naming the limit", async ({ page }) => {
  await login(page, demo.admin);
  await page.goto("/beheer/gebruikers");
  await page.getByLabel("Naam", { exact: true }).first().fill("N".repeat(300));
  await page.getByRole("button", { name: "Aanmaken" }).click();
  await expect(page.getByText("Gebruik hoogstens 200 tekens.")).toBeVisible();
  await expect(page.getByText("Vul een naam in.")).toHaveCount(0);
});

// The administrator's main task at a desktop width and at 390 px, where the users table scrolls in its own region.
for (const width of [1366, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });

    test("search finds a user by part of the e-mail; a deactivated user cannot log in until reactivated", async ({ page, browser }) => {
      const email = `tijdelijk.uit.${width}@example.nl`;
      await login(page, demo.admin);
      await createUser(page, "Tijdelijk Uit", email);
      await page.getByLabel("Zoeken in gebruikers").fill(`tijdelijk.uit.${width}@`);
      await page.getByRole("button", { name: "Zoeken" }).click();
      await expect(page.getByTestId("users-found")).toHaveText("1 gebruiker gevonden");
      await page.getByRole("button", { name: "Deactiveren: Tijdelijk Uit" }).click();
      await expect(page.getByText(`${email} is gedeactiveerd`)).toBeVisible();
      await expect(page.getByTestId("users-table")).toContainText("Gedeactiveerd");

      const context = await browser.newContext();
      const other = await context.newPage();
      const tryLogin = async () => {
        await other.goto("/login");
        await other.getByLabel("E-mailadres").fill(email);
        await other.getByLabel("Wachtwoord").fill("tijdelijk-van-de-beheerder");
        await other.getByRole("button", { name: "Inloggen" }).click();
      };
      await tryLogin();
      await expect(other.getByText("Onbekend e-mailadres of onjuist wachtwoord.")).toBeVisible();

      await page.getByRole("button", { name: "Heractiveren: Tijdelijk Uit" }).click();
      await expect(page.getByText(`${email} is weer actief en kan inloggen.`)).toBeVisible();
      await tryLogin();
      await expect(other).toHaveURL(/\/account$/);
      if (width === 390) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await context.close();
    });
  });
}

test("the coverage picker searches as one types and is worked by keyboard alone", async ({ page }) => {
  await login(page, demo.admin);
  await createUser(page, "Kiesbare Adviseur", "kiesbaar@example.nl", "Regioadviseur");
  const form = page.locator("form").filter({ hasText: "Regio's (regioadviseur)" });
  const picker = form.getByRole("combobox", { name: "Naam" });
  await picker.focus();
  await page.keyboard.type("kiesb");
  await expect(form.getByRole("listbox").getByRole("option")).toHaveText(["Kiesbare Adviseur (kiesbaar@example.nl)"]);
  await page.keyboard.press("ArrowDown");
  await expect(picker).toHaveAttribute("aria-activedescendant", /.+/);
  await page.keyboard.press("Enter");
  await expect(picker).toHaveValue("Kiesbare Adviseur (kiesbaar@example.nl)");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await form.locator('select[name="regionId"]').selectOption({ label: "Groningen" });
  await form.getByRole("button", { name: "Opslaan" }).press("Enter");
  await expect(form.getByText("Opgeslagen.")).toBeVisible();
  await page.getByLabel("Zoeken in gebruikers").fill("kiesbaar");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("users-table")).toContainText("Groningen");
});
