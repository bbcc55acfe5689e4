import http from "node:http";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, agendaIdOf, demo, login } from "./helpers";
import { baseURL } from "../../playwright.config";

test.describe("log in as every role", () => {
  const amsterdamAgenda = /\/agendas\/\d+$/;
  for (const [role, email] of [["member", demo.member], ["coordinator", demo.coordinator], ["board", demo.board]] as const) {
    test(`${role} lands on the region's agenda`, async ({ page }) => {
      await login(page, email);
      await expect(page).toHaveURL(amsterdamAgenda);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Regionale innovatieagenda Amsterdam");
    });
  }

  test("adviser lands on the regions they cover, listed first", async ({ page }) => {
    await login(page, demo.adviser);
    await expect(page).toHaveURL(/\/regios$/);
    const covered = page.getByRole("region", { name: "Regio's die ik volg" }).or(page.locator("section", { has: page.getByRole("heading", { name: "Regio's die ik volg" }) }));
    // Each covered region's card is headed by a link to the region (its barriers, signals and agendas follow).
    await expect(covered.getByRole("heading", { level: 3 }).getByRole("link")).toHaveText(["Amsterdam", "Haaglanden", "Twente", "Zuid-Limburg"]);
    await expect(page.getByRole("navigation", { name: "Hoofdnavigatie" })).toBeVisible();
  });

  test("administrator lands on user management and creates a user", async ({ page }) => {
    await login(page, demo.admin);
    await expect(page).toHaveURL(/\/beheer\/gebruikers$/);
    await page.getByLabel("Naam", { exact: true }).first().fill("Nieuwe Collega");
    await page.getByLabel("E-mailadres").fill("nieuw@demo.agendawerk.nl");
    await page.getByLabel(/Tijdelijk wachtwoord/).fill("kort");
    await page.getByRole("button", { name: "Aanmaken" }).click();
    await expect(page.getByText("Het wachtwoord moet minstens 12 tekens hebben.")).toBeVisible();
    await page.getByLabel(/Tijdelijk wachtwoord/).fill("een-lang-genoeg-wachtwoord");
    await page.getByRole("button", { name: "Aanmaken" }).click();
    await expect(page.getByText("Gebruiker nieuw@demo.agendawerk.nl is aangemaakt.")).toBeVisible();
    await expect(page.getByRole("cell", { name: "nieuw@demo.agendawerk.nl" })).toBeVisible();
  });
});

test("a wrong password shows a Dutch error", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mailadres").fill(demo.member);
  await page.getByLabel("Wachtwoord").fill("niet-het-wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert")).toHaveText("Onbekend e-mailadres of onjuist wachtwoord.");
});

/** A login POST from a chosen loopback address, as a client elsewhere would make it. */
function postLoginFrom(localAddress: string, email: string, password: string) {
  const body = new URLSearchParams({ email, password, redirectTo: "/" }).toString();
  const url = new URL("/login", baseURL);
  return new Promise<{ status: number; cookie: string | undefined }>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: "/login", method: "POST", localAddress, headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, cookie: res.headers["set-cookie"]?.join(";") });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("the sixth wrong try from one address gets 429, the rightful user still logs in from elsewhere", async ({ page }) => {
  const email = demo.memberLimburg;
  for (let i = 0; i < 5; i++) {
    expect((await postLoginFrom("127.0.0.1", email, `fout-${i}`)).status).toBe(401);
  }
  expect((await postLoginFrom("127.0.0.1", email, "fout-6")).status).toBe(429);
  // The browser on the same address sees the Dutch explanation.
  await page.goto("/login");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert")).toContainText("Te veel mislukte pogingen");
  const elsewhere = await postLoginFrom("127.0.0.2", email, DEMO_PASSWORD);
  expect(elsewhere.status).toBe(302);
  expect(elsewhere.cookie).toMatch(/aw_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
});

test.describe("cross-region access is refused", () => {
  test("a member of Amsterdam gets 404 on Twente's region, agenda and versions", async ({ page, browser }) => {
    const adviser = await browser.newPage();
    await login(adviser, demo.adviser);
    const twenteAgenda = await agendaIdOf(adviser, "twente");
    await adviser.close();

    await login(page, demo.member);
    for (const path of ["/regios/twente", `/agendas/${twenteAgenda}`, `/agendas/${twenteAgenda}/versies`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByText("Ruben Kamphuis")).toHaveCount(0);
    }
    // Actions too: a non-admin posting to user management is refused, nothing is created.
    const post = await page.request.post("/beheer/gebruikers", {
      form: { intent: "create-user", name: "X", email: "x@example.org", password: "een-lang-genoeg-wachtwoord", kind: "admin", organisationId: "" },
    });
    expect(post.status()).toBe(403);
  });

  test("the English switch translates the interface", async ({ page }) => {
    await login(page, demo.member);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("button", { name: "Nederlands" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Regions" })).toBeVisible();
    await page.getByRole("button", { name: "Nederlands" }).click();
    await expect(page.getByRole("link", { name: "Regio's" })).toBeVisible();
  });
});

test("a coordinator manages the region's members; a workgroup member may not", async ({ page, browser }) => {
  await login(page, demo.coordinator);
  await page.goto("/regios/amsterdam");
  await page.getByRole("link", { name: "Leden beheren" }).click();
  await expect(page.getByRole("heading", { name: "Leden van de regio" })).toBeVisible();
  await page.getByLabel("E-mailadres").fill("onbekend@example.org");
  await page.getByRole("button", { name: "Lid toevoegen" }).click();
  await expect(page.getByRole("alert")).toContainText("Er is geen regiogebruiker met dit e-mailadres");

  const member = await browser.newPage();
  await login(member, demo.member);
  expect((await member.goto("/regios/amsterdam/leden"))?.status()).toBe(403);
  expect((await member.request.post("/regios/amsterdam/leden", { form: { intent: "change", userId: "1", role: "coordinator" } })).status()).toBe(403);
  await member.close();
});
