// Sign-in with an organisation's account (issue 17, decision 038), in Chromium, against a real
// OpenID provider (oidc-provider, its development login form) and an Agendawerk server of this spec's
// own with OIDC_PROVIDERS set. The server starts before the provider: it discovers the provider on
// the first sign-in, not at start-up. Logging out ends the sign-in at the provider too (its logout
// confirmation page); a second provider without RP-initiated logout shows what that prevents.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { hashPassword } from "../../app/models/user.server";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";
import { axeAtBothWidths, DEMO_PASSWORD, screenshots } from "./helpers";
import { portBeside } from "../../playwright.config";
import { ready, startServer, stop, type StartedServer } from "./server-process";

const IDP_PORT = portBeside(1);
const APP_PORT = portBeside(2);
const app = `http://127.0.0.1:${APP_PORT}`;
const databasePath = path.join(os.tmpdir(), `agendawerk-e2e-oidc-${APP_PORT}.sqlite`);
const SECRET = "e2e-client-secret";
const ZORGNET_PASSWORD = "Zorgnet heeft een eigen inlogdienst 2026";

let server: StartedServer;
let idp: TestProvider;
let idpWithoutLogout: TestProvider;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  for (const f of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`]) fs.rmSync(f, { force: true });
  const coordinator = { email: "coordinator@demo.agendawerk.nl", emailVerified: true };
  // Started first, on any free port, because the server's configuration names its issuer.
  idpWithoutLogout = await startTestProvider({
    endSession: false,
    clients: [{ clientId: "agendawerk", clientSecret: SECRET, redirectUris: [`${app}/login/oidc/regio/callback`] }],
    accounts: { coordinator },
  });
  const provider = { issuer: `http://127.0.0.1:${IDP_PORT}`, clientId: "agendawerk", clientSecretEnv: "OIDC_E2E_SECRET" };
  server = startServer({
    port: APP_PORT,
    databasePath,
    env: {
      OIDC_E2E_SECRET: SECRET,
      OIDC_PROVIDERS: JSON.stringify([
        { id: "demo", name: "Demo-organisatie", ...provider, domains: ["demo.agendawerk.nl"] },
        { id: "zorgnet", name: "Zorgnet", ...provider, domains: ["zorgnet.example"], passwordLogin: false },
        { id: "regio", name: "Regio-IdP", ...provider, issuer: idpWithoutLogout.issuer, domains: ["demo.agendawerk.nl"] },
      ]),
    },
  });
  expect(await ready(server), server.output()).toBe("listening");
  idp = await startTestProvider({
    port: IDP_PORT,
    clients: [
      {
        clientId: "agendawerk",
        clientSecret: SECRET,
        redirectUris: ["demo", "zorgnet"].map((id) => `${app}/login/oidc/${id}/callback`),
        postLogoutRedirectUris: ["demo", "zorgnet"].map((id) => `${app}/logout/oidc/${id}/callback`),
      },
    ],
    accounts: {
      coordinator,
      onbekend: { email: "onbekend@demo.agendawerk.nl", emailVerified: true },
      anna: { email: "anna@zorgnet.example", emailVerified: true },
    },
  });
  // A Zorgnet employee with a password of old, in Twente: the domain's policy must still refuse it.
  const db = new Database(databasePath);
  const { id } = db
    .prepare("insert into users (email, name, password_hash, kind) values (?, ?, ?, 'member') returning id")
    .get("anna@zorgnet.example", "Anna de Zorg", await hashPassword(ZORGNET_PASSWORD)) as { id: number };
  db.prepare("insert into memberships (user_id, region_id, role) select ?, id, 'member' from regions where slug = 'twente'").run(id);
  db.close();
});

test.afterAll(async () => {
  if (server) await stop(server);
  await idp?.close();
  await idpWithoutLogout?.close();
});

/** The provider's login form (either provider's), not a silent sign-in. */
async function atProviderLogin(page: Page) {
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await expect(page.locator('input[name="login"]')).toBeVisible();
}

/** At the provider's development login form: any password is accepted for a known login name. */
async function signInAtProvider(page: Page, button: string, login: string) {
  await page.goto(`${app}/login`);
  await page.getByRole("link", { name: button, exact: true }).click();
  await atProviderLogin(page);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("wat-dan-ook");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

/** A regional user's landing page: the agenda of their region. */
async function landsOnAgendaOf(page: Page, region: string) {
  await expect(page).toHaveURL(new RegExp(`^${app}/agendas/\\d+$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(region);
}

test("a user signs in through the organisation's provider and lands on their region", async ({ page }) => {
  await signInAtProvider(page, "Inloggen met Demo-organisatie", "coordinator");
  await landsOnAgendaOf(page, "Amsterdam");
  await expect(page.getByRole("link", { name: "Joost de Vries" })).toBeVisible();
});

test("a user without an account is refused with the message, and no account is made", async ({ page }) => {
  await signInAtProvider(page, "Inloggen met Demo-organisatie", "onbekend");
  await expect(page).toHaveURL(`${app}/login?inloggen=geen-account`);
  await expect(page.getByRole("alert")).toHaveText(/Er is geen Agendawerk-account met het e-mailadres van je organisatieaccount\. Zelf een account aanmaken kan niet/);
  await page.goto(`${app}/regios/amsterdam`);
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.goto(`${app}/login?inloggen=geen-account`);
  if (screenshots) await page.screenshot({ path: `${screenshots}/oidc-login-refused-390.png`, fullPage: true });
});

test("a user of a password-disabled domain cannot use the password form, and signs in with the provider", async ({ page }) => {
  await page.goto(`${app}/login`);
  for (const email of ["anna@zorgnet.example", "niemand@zorgnet.example"]) {
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord").fill(ZORGNET_PASSWORD);
    await page.getByRole("button", { name: "Inloggen", exact: true }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "Voor e-mailadressen van zorgnet.example is inloggen met een wachtwoord uitgeschakeld. Gebruik de knop ‘Inloggen met Zorgnet’.",
    );
    await expect(page).toHaveURL(`${app}/login`);
  }
  await signInAtProvider(page, "Inloggen met Zorgnet", "anna");
  await landsOnAgendaOf(page, "Twente");
});

test("the password login stays for everyone else; the login page is accessible at both widths", async ({ page }) => {
  await page.goto(`${app}/login`);
  await expect(page.getByRole("heading", { name: "Inloggen met je organisatieaccount" })).toBeVisible();
  await axeAtBothWidths(page);
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (screenshots) await page.screenshot({ path: `${screenshots}/oidc-login-providers-${width}.png`, fullPage: true });
  }
  await page.getByLabel("E-mailadres").fill("werkgroep.twente@demo.agendawerk.nl");
  await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await landsOnAgendaOf(page, "Twente");
});

/** Logs out by the button once the agenda's page has its script (the editor synced), as a user does. */
async function logOutFromAgenda(page: Page) {
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  await page.getByRole("button", { name: "Uitloggen" }).click();
}

test("logging out ends the sign-in at the provider too: the provider's button then asks for the login again", async ({ page }) => {
  await signInAtProvider(page, "Inloggen met Demo-organisatie", "coordinator");
  await landsOnAgendaOf(page, "Amsterdam");
  await logOutFromAgenda(page);
  // The provider's own confirmation (oidc-provider's development page), asked without an ID token.
  await expect(page).toHaveURL(new RegExp(`^http://127.0.0.1:${IDP_PORT}/session/end\\?`));
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${app}/login?afgemeld=demo`);
  await expect(page.getByRole("status")).toHaveText("Je bent uitgelogd, ook bij Demo-organisatie.");
  await axeAtBothWidths(page);
  await page.setViewportSize({ width: 390, height: 900 });
  if (screenshots) await page.screenshot({ path: `${screenshots}/oidc-logged-out-at-provider-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole("link", { name: "Inloggen met Demo-organisatie", exact: true }).click();
  await atProviderLogin(page);
});

test("without the page's script, the logout form lands on the login page, whose link signs out at the provider", async ({ browser }) => {
  // A plain form post: the CSP's form-action 'self' would stop its redirect to the provider.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAtProvider(page, "Inloggen met Demo-organisatie", "coordinator");
  await landsOnAgendaOf(page, "Amsterdam");
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page).toHaveURL(`${app}/login?nog-aangemeld=demo`);
  await expect(page.getByRole("alert")).toContainText("Je bent uitgelogd bij Agendawerk, maar nog niet bij Demo-organisatie.");
  await page.getByRole("link", { name: "Uitloggen bij Demo-organisatie" }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${app}/login?afgemeld=demo`);
  await page.getByRole("link", { name: "Inloggen met Demo-organisatie", exact: true }).click();
  await atProviderLogin(page);
  await context.close();
});

test("a provider without logout: the login page says the user is still signed in there, where the next click lets one in without a password", async ({ page }) => {
  await signInAtProvider(page, "Inloggen met Regio-IdP", "coordinator");
  await landsOnAgendaOf(page, "Amsterdam");
  await logOutFromAgenda(page);
  await expect(page).toHaveURL(`${app}/login?nog-aangemeld=regio`);
  await expect(page.getByRole("alert")).toHaveText(
    "Je bent uitgelogd bij Agendawerk, maar nog niet bij Regio-IdP. Wie hierna op deze computer op ‘Inloggen met Regio-IdP’ klikt, kan meteen als jij ingelogd zijn. Sluit daarom alle vensters van de browser, of log ook uit bij Regio-IdP.",
  );
  await expect(page.getByRole("link", { name: "Uitloggen bij Regio-IdP" })).toHaveCount(0);
  await axeAtBothWidths(page);
  await page.setViewportSize({ width: 390, height: 900 });
  if (screenshots) await page.screenshot({ path: `${screenshots}/oidc-still-signed-in-at-provider-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
  // What the warning is about, and what the logout at the provider above prevents.
  await page.getByRole("link", { name: "Inloggen met Regio-IdP", exact: true }).click();
  await landsOnAgendaOf(page, "Amsterdam");
});
