// Links in e-mail open the exact thing after login (issue 17, decision 037), on a real temp SQLite
// through the real routes and models: for every kind of message the stored link and the button
// (in the plain and the HTML part) name that thing's page, and a stranger who follows the link is
// sent to the login page and, once logged in, to exactly that address.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { startRouteWorld, type RouteWorld } from "../support/route-calls";
import type { Region, TestAgenda, TestUser } from "../support/factories";
import * as s from "../../db/schema";
import { REMINDER_LEAD_MS } from "../../app/domain/mail";
import { anchorForPassage } from "../../app/domain/barrier-anchors";
import { mailUrl } from "../../app/models/outbox.server";
import { sendDueReminders } from "../../app/models/mail-notifications.server";
import { addReply } from "../../app/models/barriers.server";
import { notify } from "../../app/models/notifications.server";
import { sendReport } from "../../app/models/progress-report.server";
import { requireUser } from "../../app/utils/auth.server";
import * as proposeRoute from "../../app/routes/agendas.$agendaId_.voorleggen";
import * as proposalRoute from "../../app/routes/voorstellen.$proposalId";
import * as commentsRoute from "../../app/routes/agendas.$agendaId_.opmerkingen";
import * as progressRoute from "../../app/routes/regios.$slug_.voortgang";
import * as loginRoute from "../../app/routes/login";

const PASSWORD = "Fietsbel lantaarn koffiebroodje 42";
const PLAN = "Elke organisatie leidt twee digicoaches op via het ROC.";

let w: RouteWorld;
let region: Region;
let agenda: TestAgenda;
let coordinator: TestUser, board: TestUser, board2: TestUser, member: TestUser;

beforeEach(async () => {
  w = await startRouteWorld();
  region = w.make.region("amsterdam");
  agenda = w.make.agenda({ region, items: [{ title: "Digicoaches", status: "prioriteit", plan: [PLAN] }] });
  coordinator = await w.make.withPassword(w.make.member(region, "coordinator", { name: "Joost de Vries" }), PASSWORD);
  board = await w.make.withPassword(w.make.member(region, "board", { name: "Bea Bestuur" }), PASSWORD);
  board2 = await w.make.withPassword(w.make.member(region, "board", { name: "Bram Bestuur" }), PASSWORD);
  member = await w.make.withPassword(w.make.member(region, "member", { name: "Fatima El Amrani" }), PASSWORD);
});
afterEach(async () => {
  await w.stop();
});

/** The one message of that kind to that user. */
function mailTo(kind: string, user: TestUser) {
  const found = w.db.select().from(s.outbox).where(eq(s.outbox.kind, kind as never)).all().filter((m) => m.userId === user.id);
  expect(found, `one ${kind} mail to ${user.email}`).toHaveLength(1);
  return found[0];
}

/**
 * The message leads to `path` on the mail origin, and a stranger following it logs in and lands on
 * exactly `path`, query included.
 */
async function opensAfterLogin(kind: string, user: TestUser, path: string) {
  const mail = mailTo(kind, user);
  const url = mailUrl(path);
  expect(mail.link).toBe(url);
  expect(mail.text).toContain(url);
  expect(mail.html).toContain(`href="${url.replaceAll("&", "&amp;")}"`);

  let toLogin: Response | null = null;
  try {
    requireUser({ request: new Request(url), context: { db: w.db } as never });
  } catch (thrown) {
    toLogin = thrown as Response;
  }
  expect(toLogin?.status).toBe(302);
  const loginAddress = new URL(toLogin!.headers.get("Location")!, url);
  expect(loginAddress.pathname).toBe("/login");
  const redirectTo = loginAddress.searchParams.get("redirectTo")!;
  expect(redirectTo).toBe(path);
  const loggedIn = await w.call(loginRoute.action, null, { url: "http://localhost/login", form: { email: user.email, password: PASSWORD, redirectTo } });
  expect(loggedIn.response?.headers.get("Location")).toBe(path);
}

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("links in e-mail open the exact thing after login", () => {
  it("a proposal to vote on, its reminder and its decision open the proposal", async () => {
    const proposed = await w.call(proposeRoute.action, coordinator, { params: { agendaId: String(agenda.id) }, form: { intent: "propose", deadline: future(6), [`rank:${agenda.itemIds[0]}`]: "1" } });
    const proposalId = Number(proposed.response!.headers.get("Location")!.split("/").pop());
    const path = `/voorstellen/${proposalId}`;
    await opensAfterLogin("proposal", board, path);

    const p = w.db.select().from(s.priorityProposals).where(eq(s.priorityProposals.id, proposalId)).get()!;
    expect(sendDueReminders({ db: w.db, now: new Date(p.deadline.getTime() - REMINDER_LEAD_MS + 60_000) })).toBe(1);
    await opensAfterLogin("reminder", board2, path);

    for (const voter of [board, board2]) await w.call(proposalRoute.action, voter, { params: { proposalId: String(proposalId) }, form: { intent: "vote", value: "akkoord" } });
    await opensAfterLogin("decision", coordinator, path);
  });

  it("a mention, an assignment and a reply on a barrier open the barrier", async () => {
    const barrierId = w.make.barrier({ agenda, itemId: agenda.itemIds[0], createdBy: coordinator.id, followers: [member.id] });
    addReply({ db: w.db, barrier: { id: barrierId, regionId: region.id }, actor: coordinator.principal(), body: "@Bea Bestuur kijk je mee?" });
    w.db.transaction((tx) => notify({ db: tx, userIds: [board2.id], kind: "assigned", barrierId }));
    const path = `/belemmeringen/${barrierId}`;
    await opensAfterLogin("mention", board, path);
    await opensAfterLogin("reply", member, path);
    await opensAfterLogin("assigned", board2, path);
  });

  it("a mention or a reply on a passage comment opens that very thread on the agenda", async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await w.collab.getDocState(agenda.id));
    const anchors = anchorForPassage(doc, agenda.itemIds[0], "twee digicoaches")!;
    const post = (who: TestUser, form: Record<string, string>) => w.call(commentsRoute.action, who, { params: { agendaId: String(agenda.id) }, form });
    const created = await post(coordinator, { intent: "create", itemId: agenda.itemIds[0], ...anchors, body: "@Bea Bestuur is dit haalbaar?" });
    const threadId: number = created.body.id;
    await post(board, { intent: "reply", threadId: String(threadId), body: "Ja, met het ROC." });
    const path = `/agendas/${agenda.id}?opmerking=${threadId}`;
    // The mention, the workgroup's line about a new thread, and the reply to its earlier writer.
    await opensAfterLogin("mention", board, path);
    await opensAfterLogin("reply", member, path);
    const replies = w.db.select().from(s.outbox).where(eq(s.outbox.kind, "reply")).all();
    expect(replies.find((m) => m.userId === coordinator.id)?.link).toBe(mailUrl(path));
  });

  it("a progress request opens the quarter's progress, a report sent to the board opens that report", async () => {
    await w.call(progressRoute.action, coordinator, { params: { slug: region.slug }, form: { intent: "request", period: "2026-Q4", message: "", dueDate: "2027-01-15" } });
    await opensAfterLogin("progress", member, `/regios/${region.slug}/voortgang?periode=2026-Q4`);
    expect(sendReport({ db: w.db, actor: coordinator.principal(), region, period: "2026-Q4" })).toEqual({ ok: true });
    await opensAfterLogin("report", board, `/regios/${region.slug}/rapportage?periode=2026-Q4`);
  });
});
