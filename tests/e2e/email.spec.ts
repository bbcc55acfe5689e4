// E-mail end to end (decision 037), against a real SMTP server on loopback that this spec starts,
// and an app server of its own started with SMTP_URL pointing at it. The mail server is down when
// the proposal is made: the page answers all the same, and the messages go out once it is up.
// An invitation's link sets a password once and not after it expired.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { addressOf, startSmtp, type TestSmtp } from "../support/smtp";
import { DEMO_PASSWORD, axeAtBothWidths, screenshots } from "./helpers";
import { portBeside } from "../../playwright.config";
import { ready, startServer, stop, type StartedServer } from "./server-process";

const APP_PORT = portBeside(3);
const SMTP_PORT = portBeside(4);
// The address the app's links in e-mail use (no PUBLIC_URL: the local demo's own).
const app = `http://localhost:${APP_PORT}`;
const coordinator = "coordinator.twente@demo.agendawerk.nl";
const board1 = "bestuurder.twente@demo.agendawerk.nl";
const board2 = "bestuurder2.twente@demo.agendawerk.nl";
const resetter = "werkgroep.twente@demo.agendawerk.nl";

let server: StartedServer;
let smtp: TestSmtp | null = null;
let databaseFile: string;

function tomorrowInAmsterdam() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(Date.now() + 86_400_000);
}

async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app}/login`);
  await login(page, email);
  return page;
}

const linkIn = (text: string, pattern: RegExp) => {
  const found = text.match(pattern);
  expect(found, `a link like ${pattern} in:\n${text}`).toBeTruthy();
  return found![0];
};

test.beforeAll(async () => {
  // A first start migrates and seeds the demo data: longer than a test's default minute on a busy machine.
  test.setTimeout(120_000);
  databaseFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "agendawerk-email-")), "db.sqlite");
  server = startServer({ port: APP_PORT, databasePath: databaseFile, env: { SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}` } });
  expect(await ready(server), server.output()).toBe("listening");
});

test.afterAll(async () => {
  await smtp?.close();
  await stop(server);
  fs.rmSync(path.dirname(databaseFile), { recursive: true, force: true });
});

test("a proposal mails the board while the mail server is down and back; the reminder reaches only who has not voted, who logs in from it and votes", async ({ browser }) => {
  test.setTimeout(240_000);
  const coord = await signedIn(browser, coordinator);
  await coord.goto(`${app}/regios/twente`);
  const agendaHref = await coord.locator('main a[href^="/agendas/"]').first().getAttribute("href");
  await coord.goto(`${app}${agendaHref}/voorleggen`);
  await coord.getByRole("spinbutton", { name: /^Rangnummer voor/ }).first().fill("1");
  await coord.getByLabel("Uiterste datum voor de stuurgroep").fill(tomorrowInAmsterdam());
  // Nothing listens on the SMTP port yet: the proposal is answered all the same.
  await coord.getByRole("button", { name: "Voorleggen aan de stuurgroep" }).click();
  await expect(coord.getByTestId("proposal-status")).toHaveText("Ligt bij de stuurgroep");
  const proposalPath = new URL(coord.url()).pathname;
  const proposalId = Number(proposalPath.split("/").pop());

  const read = new Database(databaseFile, { readonly: true });
  // This proposal's messages (the demo data has proposals of its own).
  const queued = () =>
    read.prepare("select to_address as toAddress, kind, status, attempts, last_error as lastError from outbox where kind in ('proposal', 'reminder') and link = ? order by id").all(`${app}${proposalPath}`) as Array<{ toAddress: string; kind: string; status: string; attempts: number; lastError: string | null }>;
  await expect.poll(() => queued().filter((r) => r.attempts > 0).length, { timeout: 15_000 }).toBe(2);
  expect(queued().every((r) => r.status === "queued" && /ECONNREFUSED/.test(r.lastError ?? ""))).toBe(true);

  // The mail server comes up: after the backoff both board members get the proposal.
  smtp = await startSmtp(SMTP_PORT);
  for (const to of [board1, board2]) {
    const mail = await smtp.waitFor((m) => addressOf(m).includes(to) && /^Stem vóór /.test(m.subject ?? ""));
    expect(mail.text).toContain(`${app}/voorstellen/${proposalId}`);
  }
  expect(smtp.received.filter((m) => addressOf(m).includes(coordinator))).toHaveLength(0);

  // One votes in the app.
  const b1 = await signedIn(browser, board1);
  await b1.goto(`${app}${proposalPath}`);
  await b1.getByRole("radio", { name: "Akkoord" }).check();
  await b1.getByRole("button", { name: "Stem uitbrengen" }).click();
  await expect(b1.getByRole("status")).toHaveText("Je stem is vastgelegd.");

  // The test's clock: the proposal was put three days ago, so the deadline tomorrow is inside the
  // two days of the reminder; the minute sweep picks it up.
  const write = new Database(databaseFile);
  write.pragma("busy_timeout = 5000");
  write.prepare("update priority_proposals set created_at = created_at - ? where id = ?").run(3 * 86_400_000, proposalId);
  write.close();
  const reminder = await smtp.waitFor((m) => /^Herinnering: /.test(m.subject ?? ""), 90_000);
  expect(addressOf(reminder)).toEqual([board2]);
  await new Promise((r) => setTimeout(r, 1500));
  expect(queued().filter((r) => r.kind === "reminder").map((r) => r.toAddress)).toEqual([board2]);
  expect(smtp.received.filter((m) => /^Herinnering: /.test(m.subject ?? ""))).toHaveLength(1);
  read.close();

  // The other follows the link: first the login, then the very proposal, and votes.
  const link = linkIn(reminder.text ?? "", new RegExp(`${app}/voorstellen/\\d+`));
  const context = await browser.newContext();
  const b2 = await context.newPage();
  await b2.goto(link);
  await expect(b2).toHaveURL(/\/login\?redirectTo=%2Fvoorstellen%2F\d+/);
  await expect(b2.getByRole("radio", { name: "Akkoord" })).toHaveCount(0);
  await login(b2, board2);
  await expect(b2).toHaveURL(`${app}${proposalPath}`);
  await b2.getByRole("radio", { name: "Akkoord" }).check();
  await b2.getByRole("button", { name: "Stem uitbrengen" }).click();
  await expect(b2.getByTestId("proposal-status")).toHaveText("Vastgesteld");
  // The decision is mailed as well.
  await smtp.waitFor((m) => addressOf(m).includes(coordinator) && /^Besluit over /.test(m.subject ?? ""));
});

test("a user resets a forgotten password from the mail; the answer does not tell whether an address exists", async ({ page }) => {
  test.setTimeout(120_000);
  smtp ??= await startSmtp(SMTP_PORT);
  await page.goto(`${app}/login`);
  await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
  await expect(page.getByRole("heading", { name: "Wachtwoord vergeten" })).toBeVisible();
  await axeAtBothWidths(page);
  if (screenshots) await page.screenshot({ path: `${screenshots}/email-forgot-390.png` });
  await page.getByLabel("E-mailadres").fill("bestaat.niet@example.org");
  await page.getByRole("button", { name: "Stuur de link" }).click();
  const unknownAnswer = (await page.getByRole("status").textContent())!.replace("bestaat.niet@example.org", "");
  await page.goto(`${app}/wachtwoord-vergeten`);
  await page.getByLabel("E-mailadres").fill(resetter);
  await page.getByRole("button", { name: "Stuur de link" }).click();
  expect((await page.getByRole("status").textContent())!.replace(resetter, "")).toBe(unknownAnswer);

  const mail = await smtp.waitFor((m) => addressOf(m).includes(resetter) && m.subject === "Een nieuw wachtwoord voor Agendawerk");
  expect(smtp.received.some((m) => addressOf(m).includes("bestaat.niet@example.org"))).toBe(false);
  await page.goto(linkIn(mail.text ?? "", new RegExp(`${app}/wachtwoord/[\\w-]+`)));
  const newPassword = "Fietsbel lantaarn koffiebroodje 42";
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(newPassword);
  await page.getByLabel("Nieuw wachtwoord (nogmaals)").fill(newPassword);
  await page.getByRole("button", { name: "Wachtwoord instellen" }).click();
  await expect(page).toHaveURL(/\/login\?wachtwoord=ingesteld/);
  await login(page, resetter, newPassword);
  // The link worked once.
  await page.goto(linkIn(mail.text ?? "", new RegExp(`${app}/wachtwoord/[\\w-]+`)));
  await expect(page.getByRole("alert")).toContainText("ongeldig");
});

test("the pages for e-mail: choices on the account page, the unsubscribe page, the administrators' outbox", async ({ browser }) => {
  const member = await signedIn(browser, board1);
  await member.goto(`${app}/account#email`);
  await member.getByLabel("Herinnering: nog twee dagen om te stemmen").selectOption({ label: "Eén keer per dag (overzicht)" });
  await member.getByRole("button", { name: "Keuzes opslaan" }).click();
  await expect(member.getByRole("status")).toHaveText("Je e-mailkeuzes zijn opgeslagen.");
  await expect(member.getByLabel("Herinnering: nog twee dagen om te stemmen")).toHaveValue("digest");
  await axeAtBothWidths(member);
  await member.setViewportSize({ width: 390, height: 900 });
  if (screenshots) await member.locator("#email").screenshot({ path: `${screenshots}/email-account-390.png` });

  const read = new Database(databaseFile, { readonly: true });
  const row = read.prepare("select unsubscribe_url as url from outbox where to_address = ? and unsubscribe_url is not null order by id desc limit 1").get(board1) as { url: string };
  read.close();
  await member.goto(row.url);
  await axeAtBothWidths(member);
  await member.getByRole("button", { name: "Afmelden" }).click();
  await expect(member.getByRole("status")).toContainText("Je krijgt geen e-mail meer voor");
  await member.setViewportSize({ width: 390, height: 900 });
  if (screenshots) await member.screenshot({ path: `${screenshots}/email-unsubscribe-390.png` });

  const admin = await signedIn(browser, "beheer@demo.agendawerk.nl");
  await admin.goto(`${app}/beheer/uitgaande-mail`);
  await expect(admin.getByRole("heading", { name: "Uitgaande e-mail" })).toBeVisible();
  await admin.getByTestId("outbox").locator("summary").first().click();
  await axeAtBothWidths(admin);
  await admin.setViewportSize({ width: 390, height: 900 });
  if (screenshots) await admin.screenshot({ path: `${screenshots}/email-outbox-390.png`, fullPage: false });
});

test("a question to another region's lead reaches the lead by e-mail with Reply-To the asker; its link opens the item after login", async ({ browser }) => {
  test.setTimeout(120_000);
  smtp ??= await startSmtp(SMTP_PORT);
  const asker = coordinator;
  const lead = "coordinator.limburg@demo.agendawerk.nl";
  const read = new Database(databaseFile, { readonly: true });
  const itemOf = (title: string) => read.prepare("select id, agenda_id as agendaId from agenda_items where title = ?").get(title) as { id: string; agendaId: number };
  const own = itemOf("Spraakgestuurd rapporteren in de verpleeghuizen");
  const theirs = itemOf("Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland");
  const askerName = (read.prepare("select name from users where email = ?").get(asker) as { name: string }).name;
  read.close();

  const question = `Hoe regelden jullie de wifi op de kamers?\nEn wie betaalde de headsets? (e2e ${Date.now()})`;
  const page = await signedIn(browser, asker);
  await page.goto(`${app}/agendas/${own.agendaId}/punten/${encodeURIComponent(own.id)}`);
  await page.getByLabel("Vraag aan de trekker in Zuid-Limburg").fill(question);
  await page.getByRole("button", { name: "Vraag versturen" }).click();
  await expect(page.getByTestId("proven-elsewhere").getByRole("status")).toHaveText("Je vraag is verstuurd.");

  const mail = await smtp.waitFor((m) => addressOf(m).includes(lead) && (m.text ?? "").includes(question.split("\n")[1]));
  expect(mail.subject).toBe(`Vraag van ${askerName} (Twente) over “Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland”`);
  expect(mail.replyTo?.value.map((v) => v.address)).toEqual([asker]);
  expect(mail.text).toContain(`Beantwoord deze e-mail om ${askerName} te antwoorden`);
  expect(mail.text).toContain(question.split("\n").map((l) => `> ${l}`).join("\n"));
  expect(mail.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  expect(smtp.received.some((m) => addressOf(m).includes(asker) && /^Vraag van /.test(m.subject ?? ""))).toBe(false);

  // The lead follows the button's link: first the login, then the very item.
  const itemPath = `/agendas/${theirs.agendaId}/punten/${encodeURIComponent(theirs.id)}`;
  const link = linkIn(mail.text ?? "", new RegExp(`${app}${itemPath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  const context = await browser.newContext();
  const leadPage = await context.newPage();
  await leadPage.goto(link);
  await expect(leadPage).toHaveURL(/\/login\?redirectTo=%2Fagendas%2F/);
  await login(leadPage, lead);
  await expect(leadPage).toHaveURL(`${app}${itemPath}`);
  await expect(leadPage.getByRole("heading", { level: 1 })).toHaveText("Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland");
  await context.close();
});

test("an administrator invites a new address: the Dutch mail's link sets a password once, an expired one is refused, and the invitee lands on their region in the invited role", async ({ browser }) => {
  test.setTimeout(180_000);
  smtp ??= await startSmtp(SMTP_PORT);
  const invitee = { name: "Ineke Uitgenodigd", email: `uitgenodigd.${Date.now()}@example.nl` };
  const late = { name: "Lars Laat", email: `laat.${Date.now()}@example.nl` };
  const admin = await signedIn(browser, "beheer@demo.agendawerk.nl");
  for (const person of [invitee, late]) {
    await admin.goto(`${app}/beheer/gebruikers`);
    await admin.getByLabel("Naam", { exact: true }).first().fill(person.name);
    await admin.getByLabel("E-mailadres").fill(person.email);
    // No password: the user chooses one through the invitation.
    await admin.getByLabel("Soort gebruiker").selectOption({ label: "Regiogebruiker" });
    await admin.getByRole("button", { name: "Aanmaken" }).click();
    await expect(admin.getByText(`Gebruiker ${person.email} is aangemaakt en krijgt een uitnodiging per e-mail om een wachtwoord te kiezen.`)).toBeVisible();
  }
  const membership = admin.locator("form").filter({ hasText: "Rol in regio" });
  const picker = membership.getByRole("combobox", { name: "Naam" });
  await picker.fill(invitee.email);
  await membership.getByRole("option", { name: `${invitee.name} (${invitee.email})` }).click();
  await membership.locator(`select[name="regionId"]`).selectOption({ label: "Twente" });
  await membership.locator(`select[name="role"]`).selectOption({ label: "Bestuurder" });
  await membership.getByRole("button", { name: "Toewijzen" }).click();
  await expect(membership.getByText("Opgeslagen.")).toBeVisible();

  const setPasswordLink = new RegExp(`${app}/wachtwoord/[\\w-]+`);
  const mail = await smtp.waitFor((m) => addressOf(m).includes(invitee.email));
  expect(mail.subject).toBe("Je bent uitgenodigd voor Agendawerk");
  expect(mail.text).toContain(`Pieter Visser heeft een account voor je gemaakt in Agendawerk (${invitee.email}).`);
  expect(mail.text).toContain("de link werkt één keer en 24 uur lang");
  expect(mail.html).toContain('<html lang="nl">');
  expect(mail.html).toContain(">Kies je wachtwoord<");
  const link = linkIn(mail.text ?? "", setPasswordLink);

  // The invitee's own browser: the link lets them choose a password, once.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByText(`Kies een wachtwoord voor ${invitee.email}.`)).toBeVisible();
  const password = "Molenwiek zeepbel hooiberg 58";
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(password);
  await page.getByLabel("Nieuw wachtwoord (nogmaals)").fill(password);
  await page.getByRole("button", { name: "Wachtwoord instellen" }).click();
  await expect(page).toHaveURL(/\/login\?wachtwoord=ingesteld/);
  expect((await page.goto(link))!.status()).toBe(410);
  await expect(page.getByRole("alert")).toHaveText("Deze link is ongeldig, al gebruikt of verlopen. Vraag de beheerder om een nieuwe link.");

  // Logged in, they land on their region's agenda, where they are what the administrator made them.
  const read = new Database(databaseFile, { readonly: true });
  const twenteAgenda = read.prepare("select a.id from agendas a join regions r on r.id = a.region_id where r.slug = 'twente' order by a.period limit 1").get() as { id: number };
  read.close();
  await page.goto(`${app}/login`);
  await login(page, invitee.email, password);
  await expect(page).toHaveURL(`${app}/agendas/${twenteAgenda.id}`);
  await page.goto(`${app}/regios/twente`);
  await expect(page.getByText("Jouw rol: Bestuurder")).toBeVisible();
  await context.close();

  // A link left unused past its 24 hours is refused the same way: its expiry moved into the past
  // stands in for waiting a day.
  const lateLink = linkIn((await smtp.waitFor((m) => addressOf(m).includes(late.email))).text ?? "", setPasswordLink);
  const write = new Database(databaseFile);
  write.prepare("update password_tokens set expires_at = ? where user_id = (select id from users where email = ?)").run(Date.now() - 1000, late.email);
  write.close();
  const latePage = await browser.newPage();
  expect((await latePage.goto(lateLink))!.status()).toBe(410);
  await expect(latePage.getByRole("alert")).toHaveText("Deze link is ongeldig, al gebruikt of verlopen. Vraag de beheerder om een nieuwe link.");
  await latePage.close();
});
