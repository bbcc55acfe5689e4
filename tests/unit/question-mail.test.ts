// A question to another region's lead by e-mail (issue 18 with issue 17, decisions 037 and 039), on a
// real temp SQLite through the item page's action: one message per lead in the inbox's transaction,
// in the lead's language, with who asked, about what, the words (escaped in HTML), Reply-To the asker
// and the unsubscribe link; never to the asker; the lead's choice (never, digest) is followed; a real
// SMTP server sees the Reply-To header.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { type RouteWorld, routeCaller, startRouteWorld } from "../support/route-calls";
import type { Region, TestUser } from "../support/factories";
import { addressOf, startSmtp, type TestSmtp } from "../support/smtp";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { mailKinds } from "../../app/domain/mail";
import { createMailWorker, smtpSender } from "../../app/mail/worker.server";
import { bundleDigests, getMailPreferences, setMailPreferences } from "../../app/models/outbox.server";
import { askLead } from "../../app/models/learning.server";
import * as itemRoute from "../../app/routes/agendas.$agendaId_.punten.$itemId";
import * as accountRoute from "../../app/routes/account";
import * as unsubscribeRoute from "../../app/routes/afmelden.$token";

const LEAD_ORGANISATION = "Zorgcentra Heuvelland";
const ITEM = "Spraakgestuurd rapporteren in Heuvelland";
// Line breaks kept, markup never interpreted.
const QUESTION = "Hoe kregen jullie de verzorgenden mee?\nEn werkt het <script>alert(1)</script> & ook 's nachts?";

let ctx: RouteWorld;
let db: Db;
let call: ReturnType<typeof routeCaller>["call"];
let limburg: Region, twente: Region;
let target: { agendaId: number; itemId: string };
let own: { agendaId: number; itemId: string };
let lead: TestUser, leadEn: TestUser, coordinator: TestUser, asker: TestUser;
let smtp: TestSmtp | null = null;

const questionMail = () => db.select().from(s.outbox).where(eq(s.outbox.kind, "question")).all();
const ask = (who: TestUser = asker, question = QUESTION) =>
  call(itemRoute.action, who, { params: { agendaId: String(own.agendaId), itemId: own.itemId }, form: { intent: "ask", targetItemId: target.itemId, question } });

beforeEach(async () => {
  ctx = await startRouteWorld();
  ({ db, call } = ctx);
  limburg = ctx.make.region("zuid-limburg");
  twente = ctx.make.region("twente");
  const limburgAgenda = ctx.make.agenda({ region: limburg, title: "Innovatieagenda Zuid-Limburg", items: [{ title: ITEM, status: "in_uitvoering", leadOrganisation: LEAD_ORGANISATION, isPublic: true }] });
  target = { agendaId: limburgAgenda.id, itemId: limburgAgenda.itemIds[0] };
  const twenteAgenda = ctx.make.agenda({ region: twente, items: [{ title: "Spraakgestuurd rapporteren" }] });
  own = { agendaId: twenteAgenda.id, itemId: twenteAgenda.itemIds[0] };
  const heuvelland = ctx.make.organisation({ region: limburg, name: LEAD_ORGANISATION });
  lead = ctx.make.user({ roles: [{ region: limburg, role: "coordinator" }], organisationId: heuvelland.id, name: "Sanne Lemmens" });
  leadEn = ctx.make.user({ roles: [{ region: limburg, role: "board" }], organisationId: heuvelland.id, name: "Tom Janssen" });
  db.update(s.users).set({ locale: "en" }).where(eq(s.users.id, leadEn.id)).run();
  // Of another organisation: the lead organisation's people answer, not the whole region.
  coordinator = ctx.make.member(limburg, "coordinator");
  const carint = ctx.make.organisation({ region: twente, name: "Carintreggeland" });
  asker = ctx.make.user({ roles: [{ region: twente, role: "member" }], organisationId: carint.id, name: "Ruben Kamphuis" });
});
afterEach(async () => {
  await smtp?.close();
  smtp = null;
  await ctx.stop();
});

describe("a question by e-mail", () => {
  it("queues exactly one message per lead, in their language, with who asked, the item, the words, Reply-To and the unsubscribe link", async () => {
    expect((await ask()).status).toBe(302);
    const mail = questionMail();
    expect(mail.map((m) => m.userId).sort()).toEqual([lead.id, leadEn.id].sort());
    // In the inbox's transaction: one message per notification.
    expect(db.select().from(s.notifications).where(eq(s.notifications.kind, "question")).all().map((n) => n.userId).sort()).toEqual([lead.id, leadEn.id].sort());
    expect(mail.some((m) => m.userId === asker.id || m.userId === coordinator.id)).toBe(false);

    const nl = mail.find((m) => m.userId === lead.id)!;
    const en = mail.find((m) => m.userId === leadEn.id)!;
    expect(nl.status).toBe("queued");
    expect(nl.replyTo).toBe(asker.email);
    expect(en.replyTo).toBe(asker.email);
    expect(nl.subject).toBe(`Vraag van Ruben Kamphuis (Twente) over “${ITEM}”`);
    expect(en.subject).toBe(`Question from Ruben Kamphuis (Twente) about “${ITEM}”`);
    expect(nl.text).toContain(`Ruben Kamphuis (Carintreggeland, Twente) heeft een vraag over het agendapunt “${ITEM}” op de agenda “Innovatieagenda Zuid-Limburg” van Zuid-Limburg:`);
    expect(nl.text).toContain("> Hoe kregen jullie de verzorgenden mee?\n> En werkt het <script>alert(1)</script> & ook 's nachts?");
    expect(nl.text).toContain(`Beantwoord deze e-mail om Ruben Kamphuis te antwoorden: je antwoord gaat rechtstreeks naar ${asker.email}`);
    expect(en.text).toContain(`Reply to this e-mail to answer Ruben Kamphuis: your answer goes straight to ${asker.email}`);
    const itemUrl = `/agendas/${target.agendaId}/punten/${encodeURIComponent(target.itemId)}`;
    expect(nl.text).toContain(itemUrl);
    expect(nl.link).toMatch(/\/inbox$/);

    expect(nl.html).toContain('<html lang="nl">');
    expect(en.html).toContain('<html lang="en">');
    expect(nl.html).toContain("Hoe kregen jullie de verzorgenden mee?<br>En werkt het &lt;script&gt;alert(1)&lt;/script&gt; &amp; ook 's nachts?");
    expect(nl.html).not.toContain("<script>");

    expect(nl.unsubscribeUrl).toMatch(new RegExp(`/afmelden/${lead.id}\\.question\\.[\\w-]+$`));
    expect(nl.text).toContain(`Geen e-mail meer hierover: ${nl.unsubscribeUrl}`);
    expect(nl.html).toContain(`href="${nl.unsubscribeUrl}"`);
    expect(nl.text).toContain("“Vragen uit andere regio's over jullie openbare agendapunten”");

    // The button's page opens for the lead; a stranger is sent to log in first and back.
    expect((await call(itemRoute.loader, lead, { params: { agendaId: String(target.agendaId), itemId: target.itemId } })).status).toBe(200);
    const anonymous = await call(itemRoute.loader, null, { url: `http://localhost${itemUrl}`, params: { agendaId: String(target.agendaId), itemId: target.itemId } });
    expect(anonymous.response!.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(itemUrl)}`);
  });

  it("sends it with Reply-To the asker and the one-click unsubscribe headers", async () => {
    askLead({ db, actor: asker.principal(), itemId: target.itemId, body: QUESTION });
    smtp = await startSmtp(0);
    await createMailWorker({ db, send: smtpSender({ url: `smtp://127.0.0.1:${smtp.port}` }) }).drain();
    expect(smtp.received.map((m) => addressOf(m)[0]).sort()).toEqual([lead.email, leadEn.email].sort());
    for (const m of smtp.received) {
      expect(m.replyTo?.value.map((v) => v.address)).toEqual([asker.email]);
      expect(m.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(m.text).toContain(QUESTION.split("\n")[0]);
    }
    expect(questionMail().every((r) => r.status === "sent")).toBe(true);
  });

  it("is never sent to the asker, even when the asker works at the lead organisation", () => {
    const heuvelland = db.select().from(s.organisations).where(eq(s.organisations.name, LEAD_ORGANISATION)).get()!;
    db.update(s.users).set({ organisationId: heuvelland.id }).where(eq(s.users.id, asker.id)).run();
    db.insert(s.memberships).values({ userId: asker.id, regionId: limburg.id, role: "member" }).run();
    expect(askLead({ db, actor: asker.principal(), itemId: target.itemId, body: "Hoe pakken jullie de nachtdienst aan?" })).toEqual({ ok: true, recipients: 2 });
    expect(questionMail().map((m) => m.userId).sort()).toEqual([lead.id, leadEn.id].sort());
  });

  it("follows the lead's choice: never makes no message (the inbox line stays), the digest holds it and lists it with a link to the inbox", () => {
    expect(getMailPreferences({ db, userId: lead.id }).question).toBe("now");
    setMailPreferences({ db, userId: lead.id, choices: { question: "never" } });
    setMailPreferences({ db, userId: leadEn.id, choices: { question: "digest" } });
    expect(askLead({ db, actor: asker.principal(), itemId: target.itemId, body: QUESTION })).toEqual({ ok: true, recipients: 2 });
    expect(questionMail().map((m) => [m.userId, m.status])).toEqual([[leadEn.id, "held"]]);
    expect(db.select().from(s.notifications).where(eq(s.notifications.userId, lead.id)).all()).toHaveLength(1);

    const tomorrowMorning = new Date(Date.now() + 86_400_000);
    tomorrowMorning.setUTCHours(9, 0, 0, 0);
    expect(bundleDigests({ db, now: tomorrowMorning })).toBe(1);
    const digest = db.select().from(s.outbox).where(eq(s.outbox.kind, "digest")).get()!;
    expect(digest.toAddress).toBe(leadEn.email);
    expect(digest.text).toMatch(new RegExp(`- Question from Ruben Kamphuis \\(Twente\\) about “${ITEM}”\\n  http://localhost:\\d+/inbox`));
    // Many messages in one: a digest answers nobody in particular.
    expect(digest.replyTo).toBeNull();
  });

  it("is a choice on the account page, and one click on its unsubscribe link turns only it off", async () => {
    const form = { intent: "mail-preferences", ...Object.fromEntries(mailKinds.map((k) => [k, "now"])), question: "digest" };
    expect((await call(accountRoute.action, lead, { form })).status).toBe(302);
    expect(getMailPreferences({ db, userId: lead.id })).toMatchObject({ question: "digest", mention: "now" });
    setMailPreferences({ db, userId: lead.id, choices: { question: "now" } });

    askLead({ db, actor: asker.principal(), itemId: target.itemId, body: QUESTION });
    const token = questionMail().find((m) => m.userId === lead.id)!.unsubscribeUrl!.split("/afmelden/")[1];
    expect((await call(unsubscribeRoute.loader, null, { params: { token } })).body).toEqual({ kind: "question" });
    expect((await call(unsubscribeRoute.action, null, { params: { token }, form: { "List-Unsubscribe": "One-Click" } })).status).toBe(200);
    expect(getMailPreferences({ db, userId: lead.id })).toMatchObject({ question: "never", mention: "now", reply: "now" });
    askLead({ db, actor: asker.principal(), itemId: target.itemId, body: "Een tweede vraag over de aanpak" });
    expect(questionMail().filter((m) => m.userId === lead.id)).toHaveLength(1);
  });
});
