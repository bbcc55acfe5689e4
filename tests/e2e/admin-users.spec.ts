// The administrator's user list: search (server-side, paged), a user picker that searches as one
// types and is worked by keyboard (the combobox pattern), deactivation, which shuts the user
// out until reactivation, and the forced password reset, whose one-time link (shown to the
// administrator once, not mailed) is the user's only way back in. Each test creates its own user.
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { baseURL, databasePath } from "../../playwright.config";
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

/** Reads from the database the server uses (read-only). */
function readDb<T>(query: (db: Database.Database) => T): T {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

async function fillLogin(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

test("a forced reset ends the user's sessions and old password; the one-time link sets a new one, once", async ({ page, browser }) => {
  const email = "reset.door.beheer@example.nl";
  const ownPassword = "Zeilboot-Pannenkoek-Vuurtoren-19";
  const newPassword = "Fietsbel lantaarn koffiebroodje 42";
  await login(page, demo.admin);
  await createUser(page, "Reset Gebruiker", email);

  // The user has logged in and chosen a password of their own, which the administrator does not know.
  const context = await browser.newContext();
  const user = await context.newPage();
  await fillLogin(user, email, "tijdelijk-van-de-beheerder");
  await expect(user).toHaveURL(/\/account$/);
  await user.getByLabel("Huidig wachtwoord").fill("tijdelijk-van-de-beheerder");
  await user.getByLabel("Nieuw wachtwoord", { exact: true }).fill(ownPassword);
  await user.getByLabel("Nieuw wachtwoord (nogmaals)").fill(ownPassword);
  await user.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(user).not.toHaveURL(/\/account/);
  await user.goto("/regios");
  await expect(user.getByRole("heading", { level: 1 })).toHaveText("Regio's");

  await page.getByLabel("Zoeken in gebruikers").fill(email);
  await page.getByRole("button", { name: "Zoeken" }).click();
  await page.getByRole("button", { name: "Wachtwoord resetten: Reset Gebruiker" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Het wachtwoord van ${email} is ongeldig gemaakt` })).toBeVisible();
  const link = (await page.getByTestId("reset-link").textContent())!.trim();
  expect(link).toMatch(new RegExp(`^${baseURL}/wachtwoord/[\\w-]{20,}$`));
  // Shown once: the list reloaded shows it no more.
  await page.reload();
  await expect(page.getByTestId("reset-link")).toHaveCount(0);

  // The user's open session has ended, and their own password no longer opens the account.
  await user.goto("/regios");
  await expect(user).toHaveURL(/\/login/);
  await fillLogin(user, email, ownPassword);
  await expect(user.getByText("Onbekend e-mailadres of onjuist wachtwoord.")).toBeVisible();
  await expect(user).toHaveURL(/\/login/);

  // The link lets them choose a new password, and that one works.
  await user.goto(link);
  await expect(user.getByText(`Kies een wachtwoord voor ${email}.`)).toBeVisible();
  await user.getByLabel("Nieuw wachtwoord", { exact: true }).fill(newPassword);
  await user.getByLabel("Nieuw wachtwoord (nogmaals)").fill(newPassword);
  await user.getByRole("button", { name: "Wachtwoord instellen" }).click();
  await expect(user).toHaveURL(/\/login\?wachtwoord=ingesteld/);
  await expect(user.getByText("Je wachtwoord is ingesteld. Log in met je nieuwe wachtwoord.")).toBeVisible();
  await fillLogin(user, email, newPassword);
  await expect(user).not.toHaveURL(/\/(login|account)/);
  await user.goto("/regios");
  await expect(user.getByRole("heading", { level: 1 })).toHaveText("Regio's");

  // The link worked once.
  expect((await user.goto(link))!.status()).toBe(410);
  await expect(user.getByRole("alert")).toContainText("Deze link is ongeldig, al gebruikt of verlopen.");
  await context.close();
});

test("a non-administrator posting the reset intent is refused and changes nothing", async ({ page, browser }) => {
  const email = "niet.te.resetten@example.nl";
  await login(page, demo.admin);
  await createUser(page, "Niet Te Resetten", email);
  const userId = readDb((db) => (db.prepare("select id from users where email = ?").get(email) as { id: number }).id);
  const state = () =>
    readDb((db) => ({
      user: db.prepare("select password_hash as hash, must_change_password as mustChange from users where id = ?").get(userId),
      tokens: (db.prepare("select count(*) as n from password_tokens where user_id = ?").get(userId) as { n: number }).n,
      resets: (db.prepare("select count(*) as n from audit_log where action = 'user.password.reset' and entity_id = ?").get(String(userId)) as { n: number }).n,
    }));

  // The target is logged in while the others try.
  const targetContext = await browser.newContext();
  const target = await targetContext.newPage();
  await fillLogin(target, email, "tijdelijk-van-de-beheerder");
  await expect(target).toHaveURL(/\/account$/);
  const before = state();
  expect(before.tokens).toBe(0);

  for (const who of [demo.coordinator, demo.adviser, demo.member]) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await login(other, who);
    // From the app's own origin, so that it is the permission check that answers, not the origin guard.
    const response = await other.request.post("/beheer/gebruikers", {
      form: { intent: "reset-password", userId: String(userId) },
      headers: { Origin: baseURL },
      maxRedirects: 0,
    });
    expect(response.status(), who).toBe(403);
    const body = await response.text();
    expect(body, who).not.toContain("Geweigerd: dit verzoek komt niet van");
    expect(body, who).not.toContain("/wachtwoord/");
    await context.close();
  }

  // No link, no audit entry, the password untouched; the session lives and the password still works.
  expect(state()).toEqual(before);
  await target.reload();
  await expect(target).toHaveURL(/\/account$/);
  await expect(target.getByLabel("Huidig wachtwoord")).toBeVisible();
  const fresh = await browser.newContext();
  const again = await fresh.newPage();
  await fillLogin(again, email, "tijdelijk-van-de-beheerder");
  await expect(again).toHaveURL(/\/account$/);
  await fresh.close();
  await targetContext.close();
});
