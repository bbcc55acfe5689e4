// Learning across regions (issue 18, decision 039): a workgroup member in Twente sees, on an item,
// the same innovation on Zuid-Limburg's public item with its status, measured result and lead, and
// sends a question that reaches the lead's inbox and e-mail; Amsterdam's agenda lists what is proven for its
// sectors elsewhere. The question it sends is the only change; it is addressed to Zuid-Limburg's
// coordinator alone (werkgroep.limburg is never used: foundation.spec locks it out).
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { databasePath } from "../../playwright.config";
import { agendaIdOf, axeAtBothWidths, demo, screenshots, userPage } from "./helpers";

const itemOf = (title: string) => {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("select id, agenda_id as agendaId from agenda_items where title = ?").get(title) as { id: string; agendaId: number };
  } finally {
    db.close();
  }
};

test("a workgroup member in another region sees proven elsewhere and asks the lead, whose inbox has the question", async ({ browser }) => {
  test.setTimeout(120_000);
  const question = `Hoe hebben jullie de verzorgenden meegekregen met inspreken? (e2e ${Date.now()})`;
  const member = await userPage(browser, demo.memberTwente, { viewport: { width: 1366, height: 900 } });
  const own = itemOf("Spraakgestuurd rapporteren in de verpleeghuizen");
  await member.page.goto(`/agendas/${own.agendaId}/punten/${encodeURIComponent(own.id)}`);
  const section = member.page.getByTestId("proven-elsewhere");
  await expect(section.getByRole("heading", { name: "Elders bewezen" })).toBeVisible();
  const use = section.getByTestId("elsewhere-use");
  await expect(use).toHaveCount(1);
  await expect(use).toContainText("Zuid-Limburg: Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland");
  await expect(use).toContainText("Status: In uitvoering");
  await expect(use).toContainText("Trekker: Zorgcentra Heuvelland");
  await expect(use.getByTestId("elsewhere-result")).toContainText(/Gemeten: [\d.]+ uur per jaar/);
  if (screenshots) await member.page.screenshot({ path: `${screenshots}/039-elsewhere-1366.png`, fullPage: true });
  await axeAtBothWidths(member.page);
  await member.page.setViewportSize({ width: 390, height: 844 });
  await section.scrollIntoViewIfNeeded();
  if (screenshots) await member.page.screenshot({ path: `${screenshots}/039-elsewhere-390.png`, fullPage: true });

  await use.getByLabel("Vraag aan de trekker in Zuid-Limburg").fill(question);
  await use.getByRole("button", { name: "Vraag versturen" }).click();
  await expect(member.page.getByTestId("proven-elsewhere").getByRole("status")).toHaveText("Je vraag is verstuurd.");
  await member.context.close();

  const lead = await userPage(browser, "coordinator.limburg@demo.agendawerk.nl", { viewport: { width: 390, height: 844 } });
  await lead.page.goto("/inbox");
  const line = lead.page.locator('[data-kind="question"]').filter({ hasText: question });
  await expect(line).toContainText("Vraag van Ruben Kamphuis (Twente) over “Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland”");
  await expect(line.getByRole("link", { name: /Antwoorden per e-mail aan werkgroep\.twente@demo\.agendawerk\.nl/ })).toBeVisible();
  if (screenshots) await lead.page.screenshot({ path: `${screenshots}/039-inbox-question-390.png`, fullPage: true });
  await lead.context.close();

  // And by e-mail (decision 037), in the same transaction as the inbox line: answering it reaches the asker.
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  const mail = db.prepare("select reply_to as replyTo, text from outbox where kind = 'question' and to_address = ? and text like ?").all("coordinator.limburg@demo.agendawerk.nl", `%${question}%`) as Array<{ replyTo: string; text: string }>;
  db.close();
  expect(mail).toHaveLength(1);
  expect(mail[0].replyTo).toBe(demo.memberTwente);
  expect(mail[0].text).toContain("Beantwoord deze e-mail om Ruben Kamphuis te antwoorden");
});

test("an agenda lists innovations proven for its sectors in other regions that it does not have", async ({ browser }) => {
  // catalogue.spec links the same innovation on Amsterdam's agenda (and leaves it): then it is on
  // the agenda and must not be listed. Either way the rule "not on your agenda" is what is checked.
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  const linked = !!db
    .prepare("select 1 from item_innovations l join innovations i on i.id = l.innovation_id join agendas a on a.id = l.agenda_id join regions r on r.id = a.region_id where r.slug = 'amsterdam' and i.slug = 'spraakgestuurd-rapporteren'")
    .get();
  db.close();
  const member = await userPage(browser, demo.member, { viewport: { width: 1366, height: 900 } });
  await member.page.goto(`/agendas/${await agendaIdOf(member.page, "amsterdam")}`);
  await expect(member.page.getByRole("heading", { level: 1 })).toBeVisible();
  const proven = member.page.getByTestId("proven-for-sectors");
  if (linked) {
    await expect(proven.filter({ hasText: "Spraakgestuurd rapporteren" })).toHaveCount(0);
  } else {
    await expect(proven.getByRole("heading", { name: "Bewezen voor jullie sectoren, niet op jullie agenda" })).toBeVisible();
    await expect(proven).toContainText(/Spraakgestuurd rapporteren.*: bewijsniveau 3, in Zuid-Limburg \(verpleeghuiszorg\)/);
    await proven.scrollIntoViewIfNeeded();
    if (screenshots) await member.page.screenshot({ path: `${screenshots}/039-proven-sectors-1366.png` });
  }
  await member.context.close();
});
