// Sign-in with an organisation's account (issue 17, decision 038), in Chromium, against a real
// OpenID provider (oidc-provider, its development login form) and an Agendawerk server of this spec's
// own with OIDC_PROVIDERS set. The server starts before the provider: it discovers the provider on
// the first sign-in, not at start-up.
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { hashPassword } from "../../app/models/user.server";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";
import { axeAtBothWidths, DEMO_PASSWORD } from "./helpers";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
const IDP_PORT = E2E_PORT + 1;
const APP_PORT = E2E_PORT + 2;
const app = `http://127.0.0.1:${APP_PORT}`;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const databasePath = path.join(os.tmpdir(), `agendawerk-e2e-oidc-${APP_PORT}.sqlite`);
const screenshots = path.join(repoRoot, "test-results", String(E2E_PORT), "oidc");
const SECRET = "e2e-client-secret";
const ZORGNET_PASSWORD = "Zorgnet heeft een eigen inlogdienst 2026";

let server: ChildProcess;
let serverOutput = "";
let idp: TestProvider;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  for (const f of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`]) fs.rmSync(f, { force: true });
  const provider = { issuer: `http://127.0.0.1:${IDP_PORT}`, clientId: "agendawerk", clientSecretEnv: "OIDC_E2E_SECRET" };
  server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(APP_PORT),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      NODE_ENV: "production",
      OIDC_E2E_SECRET: SECRET,
      OIDC_PROVIDERS: JSON.stringify([
        { id: "demo", name: "Demo-organisatie", ...provider, domains: ["demo.agendawerk.nl"] },
        { id: "zorgnet", name: "Zorgnet", ...provider, domains: ["zorgnet.example"], passwordLogin: false },
      ]),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (serverOutput += d));
  server.stderr!.on("data", (d) => (serverOutput += d));
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server stopped: ${serverOutput}`);
    if (await fetch(`${app}/login`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  idp = await startTestProvider({
    port: IDP_PORT,
    clients: [{ clientId: "agendawerk", clientSecret: SECRET, redirectUris: ["demo", "zorgnet"].map((id) => `${app}/login/oidc/${id}/callback`) }],
    accounts: {
      coordinator: { email: "coordinator@demo.agendawerk.nl", emailVerified: true },
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
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  await idp?.close();
});

/** At the provider's development login form: any password is accepted for a known login name. */
async function signInAtProvider(page: Page, button: string, login: string) {
  await page.goto(`${app}/login`);
  await page.getByRole("link", { name: button, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127.0.0.1:${IDP_PORT}/interaction/`));
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
  await page.screenshot({ path: path.join(screenshots, "login-refused-390.png"), fullPage: true });
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
    await page.screenshot({ path: path.join(screenshots, `login-providers-${width}.png`), fullPage: true });
  }
  await page.getByLabel("E-mailadres").fill("werkgroep.twente@demo.agendawerk.nl");
  await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await landsOnAgendaOf(page, "Twente");
});
