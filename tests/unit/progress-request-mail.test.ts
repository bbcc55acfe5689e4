// A progress request (issue 17, decision 037) on a real temp SQLite through the route modules: the
// region's workgroup hears of it in the inbox and by e-mail in their own language, the requester and
// other regions do not; two days before the due date the sweep reminds them once, only while items
// of the region have no note for the period.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { type RouteWorld, routeCaller, startRouteWorld } from "../support/route-calls";
import type { Region, TestUser } from "../support/factories";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { requestProgress, saveProgressNote, sendProgressReminders } from "../../app/models/execution.server";
import * as progressRoute from "../../app/routes/regios.$slug_.voortgang";
import * as inboxRoute from "../../app/routes/inbox";

let ctx: RouteWorld;
let db: Db;
let call: ReturnType<typeof routeCaller>["call"];
let region: Region;
let agenda: { id: number; itemIds: string[] };
let coordinator: TestUser, coordinator2: TestUser, lead: TestUser, lead2: TestUser, board: TestUser, elsewhere: TestUser;

const PERIOD = "2026-Q4";
const progressMail = () => db.select().from(s.outbox).where(eq(s.outbox.kind, "progress")).all();
const progressNotifications = () => db.select().from(s.notifications).where(eq(s.notifications.kind, "progress_request")).all();

beforeEach(async () => {
  ctx = await startRouteWorld();
  ({ db, call } = ctx);
  region = ctx.make.region("amsterdam");
  agenda = ctx.make.agenda({ region, items: [{ title: "Leefstijlcoach", status: "prioriteit" }, { title: "Beeldzorg", status: "in_uitvoering" }] });
  coordinator = ctx.make.member(region, "coordinator");
  coordinator2 = ctx.make.member(region, "coordinator");
  lead = ctx.make.member(region);
  lead2 = ctx.make.member(region);
  board = ctx.make.member(region, "board");
  elsewhere = ctx.make.member(ctx.make.region("twente"));
  db.update(s.users).set({ locale: "en" }).where(eq(s.users.id, lead2.id)).run();
});
afterEach(async () => {
  await ctx.stop();
});

describe("a progress request", () => {
  it("tells the region's workgroup in the inbox, linking to the quarter's progress, and not the requester, the board or another region", async () => {
    const res = await call(progressRoute.action, coordinator, { params: { slug: region.slug }, form: { intent: "request", period: PERIOD, message: "Graag vóór het overleg.", dueDate: "2027-01-15" } });
    expect(res.status).toBe(302);
    expect(progressNotifications().map((n) => n.userId).sort()).toEqual([coordinator2.id, lead.id, lead2.id].sort());

    const inbox = await call(inboxRoute.loader, lead);
    const [line] = inbox.body.notifications;
    expect(line).toMatchObject({ kind: "progress_request", periodPeriod: PERIOD, periodMessage: "Graag vóór het overleg.", periodDueDate: "2027-01-15", periodRegionName: region.name, periodRequesterName: coordinator.name });
    const opened = await call(inboxRoute.action, lead, { form: { intent: "open", id: String(line.id) } });
    expect(opened.response!.headers.get("Location")).toBe(`/regios/${region.slug}/voortgang?periode=${PERIOD}`);

    // Read when the inbox is read: whoever may no longer read the region's agenda loses the line.
    db.delete(s.memberships).where(eq(s.memberships.userId, lead.id)).run();
    expect((await call(inboxRoute.loader, lead)).body.notifications).toEqual([]);
    expect((await call(inboxRoute.loader, elsewhere)).body.notifications).toEqual([]);
  });

  it("queues one e-mail per recipient in their language, with the message and the link to the progress page", async () => {
    await call(progressRoute.action, coordinator, { params: { slug: region.slug }, form: { intent: "request", period: PERIOD, message: "Graag vóór het overleg.", dueDate: "2027-01-15" } });
    const mail = progressMail();
    expect(mail.map((m) => m.userId).sort()).toEqual([coordinator2.id, lead.id, lead2.id].sort());
    const en = mail.find((m) => m.userId === lead2.id)!;
    const nl = mail.find((m) => m.userId === lead.id)!;
    expect(nl.subject).toBe(`Voortgang gevraagd: ${region.name}, 4e kwartaal 2026, uiterlijk 15 januari 2027`);
    expect(en.subject).toMatch(/^Progress requested: .*due 15 January 2027$/);
    for (const m of [nl, en]) {
      expect(m.text).toContain("Graag vóór het overleg.");
      expect(m.text).toContain(`/regios/${region.slug}/voortgang?periode=${PERIOD}`);
      expect(m.unsubscribeUrl).toBeTruthy();
    }
  });
});

describe("the progress request's reminder", () => {
  const requestedAt = new Date("2026-12-20T10:00:00Z");
  const beforeWindow = new Date("2027-01-12T10:00:00Z");
  const inWindow = new Date("2027-01-14T08:00:00Z");
  const request = () => requestProgress({ db, actor: coordinator.principal(), region, input: { intent: "request", period: PERIOD, message: "", dueDate: "2027-01-15" }, now: requestedAt });
  const note = (itemId: string) =>
    saveProgressNote({ db, actor: lead.principal(), agenda: { id: agenda.id, regionId: region.id }, itemId, input: { intent: "progress", period: PERIOD, happened: "Twee teams zijn begonnen.", progressPct: 30, nextStep: "", risk: "laag", riskNote: "" } });
  const reminders = () => progressMail().filter((m) => m.subject.startsWith("Herinnering") || m.subject.startsWith("Reminder"));

  it("goes once, two days before the due date, to the workgroup while items have no note", () => {
    request();
    note(agenda.itemIds[0]);
    expect(sendProgressReminders({ db, now: beforeWindow })).toBe(0);
    expect(reminders()).toEqual([]);
    expect(sendProgressReminders({ db, now: inWindow })).toBe(1);
    const sent = reminders();
    expect(sent.map((m) => m.userId).sort()).toEqual([coordinator2.id, lead.id, lead2.id].sort());
    expect(sent.find((m) => m.userId === lead.id)!.text).toContain("heeft 1 onderdeel");
    expect(sent.find((m) => m.userId === lead2.id)!.subject).toMatch(/^Reminder: progress of /);
    expect(sendProgressReminders({ db, now: new Date(inWindow.getTime() + 3_600_000) })).toBe(0);
    expect(reminders()).toHaveLength(3);
  });

  it("does not go when every item has reported", () => {
    request();
    for (const id of agenda.itemIds) note(id);
    expect(sendProgressReminders({ db, now: inWindow })).toBe(0);
    expect(reminders()).toEqual([]);
    expect(db.select().from(s.progressRequestReminders).all()).toEqual([]);
  });
});
