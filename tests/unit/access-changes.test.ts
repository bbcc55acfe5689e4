// Access changes take effect everywhere (issue 11): what a user lost the right to read is gone from
// their inbox, their notifications and the region's signals, checked with the barrier pages' own
// rule. Real SQLite with an Amsterdam built by factories, routes called as the browser would.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { type RouteWorld, type Who, routeCaller, startRouteWorld } from "../support/route-calls";
import type { TestAgenda, TestUser } from "../support/factories";
import { DAY_MS } from "../../app/domain/flags/thresholds";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { type CollabServer } from "../../app/collab/server.server";
import { barrierFlagRules } from "../../app/domain/flags/types";
import * as inboxRoute from "../../app/routes/inbox";
import * as barrierRoute from "../../app/routes/belemmeringen.$barrierId";
import * as regionBarriersRoute from "../../app/routes/regios.$slug_.belemmeringen";
import * as regionRoute from "../../app/routes/regios.$slug";
import * as agendaRoute from "../../app/routes/agendas.$agendaId";
import * as membersRoute from "../../app/routes/regios.$slug_.leden";
import * as proposeRoute from "../../app/routes/agendas.$agendaId_.voorleggen";
import * as proposalRoute from "../../app/routes/voorstellen.$proposalId";

let ctx: RouteWorld;
let db: Db;
let collab: CollabServer;
let call: ReturnType<typeof routeCaller>["call"];
let amsterdamAgenda: TestAgenda;
let barrierId: number;
let member: TestUser, coordinator: TestUser, board: TestUser, board2: TestUser, adviser: TestUser;
const QUOTE = "Elke organisatie leidt twee digicoaches op via het ROC";

// Amsterdam: an agenda whose second item lacks its basics (a signal that is not a barrier's), a
// severe barrier open for 45 days that the workgroup member follows, a coordinator, a board of two
// and an adviser.
beforeEach(async () => {
  ctx = await startRouteWorld();
  ({ db, collab, call } = ctx);
  const { make } = ctx;
  const region = make.region("amsterdam");
  amsterdamAgenda = make.agenda({
    region,
    items: [
      { title: "Digicoaches voor digitale vaardigheden", status: "in_uitvoering", why: "Minder tijd aan digitale taken.", professionalsInvolved: "ja", plan: [`${QUOTE}.`] },
      { title: "Beeldbellen in de wijkverpleging" },
    ],
  });
  member = make.member(region);
  coordinator = make.member(region, "coordinator");
  board = make.member(region, "board");
  board2 = make.member(region, "board");
  adviser = make.adviser([region]);
  barrierId = make.barrier({ agenda: amsterdamAgenda, itemId: amsterdamAgenda.itemIds[0], createdBy: adviser.id, severity: "hoog", quote: QUOTE, assigneeId: member.id, followers: [adviser.id, member.id], createdAt: new Date(Date.now() - 45 * DAY_MS) });
});
afterEach(async () => {
  await ctx.stop();
});

const amsterdam = () => db.select().from(s.regions).where(eq(s.regions.slug, "amsterdam")).get()!;
const followedBarrier = () => ({ id: barrierId, quote: QUOTE, agendaId: amsterdamAgenda.id });
const notificationsOf = (who: TestUser) => db.select({ n: count() }).from(s.notifications).where(eq(s.notifications.userId, who.id)).get()!.n;
const reply = (who: Who, barrierId: number, body: string) =>
  call(barrierRoute.action, who, { params: { barrierId: String(barrierId) }, form: { intent: "reply", body } });
const inbox = (who: Who) => call(inboxRoute.loader, who);
/** The coordinator takes the workgroup member's role in Amsterdam away, through the members page. */
const removeWorkgroupMember = async () => {
  const res = await call(membersRoute.action, coordinator, { params: { slug: "amsterdam" }, form: { intent: "change", userId: String(member.id), role: "" } });
  expect(res.status).toBe(200);
  expect(db.select().from(s.memberships).where(eq(s.memberships.userId, member.id)).all()).toEqual([]);
};
const letPartnersRead = () => db.update(s.regions).set({ partnersMayRead: true }).where(eq(s.regions.id, amsterdam().id)).run();

describe("a follower who lost their role", () => {
  it("gets no new barrier notifications, and the inbox no longer shows the old ones nor the quoted passage", async () => {
    const barrier = followedBarrier();
    expect((await reply(adviser, barrier.id, "Hoe staat het met de avondopleiding?")).status).toBe(200);
    const before = await inbox(member);
    const lines = before.body.notifications.filter((n: { barrierId: number | null }) => n.barrierId === barrier.id);
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(before.body)).toContain(barrier.quote);

    await removeWorkgroupMember();
    const sent = notificationsOf(member);
    expect((await reply(adviser, barrier.id, "Nog een vraag over de roosters.")).status).toBe(200);
    expect(notificationsOf(member)).toBe(sent);
    // Still a follower row (roles change in many places): the rule is applied when sending and reading.
    expect(db.select().from(s.barrierFollowers).where(and(eq(s.barrierFollowers.barrierId, barrier.id), eq(s.barrierFollowers.userId, member.id))).get()).toBeDefined();

    const after = await inbox(member);
    expect(after.status).toBe(200);
    expect(after.body.notifications.filter((n: { barrierId: number | null }) => n.barrierId !== null)).toEqual([]);
    expect(after.body.barrierDetails).toEqual({});
    expect(JSON.stringify(after.body)).not.toContain(barrier.quote);
    // Opening an old line cannot lead there either: the barrier page itself refuses her.
    expect((await call(barrierRoute.loader, member, { params: { barrierId: String(barrier.id) } })).status).toBe(404);

    // Reading the agenda as a partner of the region gives no right to its barriers, nor to their lines.
    letPartnersRead();
    expect((await call(barrierRoute.loader, member, { params: { barrierId: String(barrier.id) } })).status).toBe(403);
    const asPartner = await inbox(member);
    expect(asPartner.body.notifications.filter((n: { barrierId: number | null }) => n.barrierId !== null)).toEqual([]);
    expect(JSON.stringify(asPartner.body)).not.toContain(barrier.quote);

    // Given the role back, she sees them again: nothing was lost, only withheld.
    const res = await call(membersRoute.action, coordinator, { params: { slug: "amsterdam" }, form: { intent: "add", email: member.email, role: "member" } });
    expect(res.status).toBe(200);
    expect(JSON.stringify((await inbox(member)).body)).toContain(barrier.quote);
  });
});

describe("a partner", () => {
  it("sees no barrier signal on the region or agenda page that the barrier pages hide from them", async () => {
    const region = amsterdam();
    const agendaId = amsterdamAgenda.id;
    const barrierRule = (f: { rule: string }) => barrierFlagRules.has(f.rule as never);
    // A severe barrier open for 45 days.
    const members = await call(regionRoute.loader, coordinator, { params: { slug: "amsterdam" } });
    expect(members.body.flags.filter(barrierRule).length).toBeGreaterThan(0);

    await removeWorkgroupMember();
    letPartnersRead();
    const page = await call(regionRoute.loader, member, { params: { slug: "amsterdam" } });
    expect(page.status).toBe(200);
    expect(page.body.role).toBe("partner");
    // The barrier pages hide the region's barriers from a partner...
    expect((await call(regionBarriersRoute.loader, member, { params: { slug: "amsterdam" } })).status).toBe(403);
    // ...so the signals do too: no barrier flag, no link to a barrier, no barrier count.
    expect(page.body.flags.filter(barrierRule)).toEqual([]);
    expect(JSON.stringify(page.body.flags)).not.toContain("/belemmeringen/");
    expect(page.body.canReadBarriers).toBe(false);
    // The other signals stay: a partner reads the agenda.
    expect(page.body.flags.length).toBeGreaterThan(0);

    const agenda = await call(agendaRoute.loader, member, { params: { agendaId: String(agendaId) } });
    expect(agenda.status).toBe(200);
    expect(agenda.body.flags.filter(barrierRule)).toEqual([]);
    const agendaForMembers = await call(agendaRoute.loader, coordinator, { params: { agendaId: String(agendaId) } });
    expect(agendaForMembers.body.flagCount).toBeGreaterThan(agenda.body.flagCount);
  });
});

describe("a proposal's line in the inbox", () => {
  it("follows the proposal page: the frozen electorate keeps it while open, others lose it with their role", async () => {
    const agendaId = amsterdamAgenda.id;
    const [itemId] = amsterdamAgenda.itemIds;
    const deadline = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const proposed = await call(proposeRoute.action, coordinator, { params: { agendaId: String(agendaId) }, form: { intent: "propose", deadline, [`rank:${itemId}`]: "1" } });
    const proposalId = Number(proposed.response!.headers.get("Location")!.split("/").pop());
    const lines = async (who: Who) => (await inbox(who)).body.notifications.filter((n: { proposalId: number | null }) => n.proposalId === proposalId);
    expect(await lines(board2)).toHaveLength(1);

    // Taken off the board while the proposal is open: still in its electorate, still asked.
    const res = await call(membersRoute.action, coordinator, { params: { slug: "amsterdam" }, form: { intent: "change", userId: String(board2.id), role: "" } });
    expect(res.status).toBe(200);
    expect((await call(proposalRoute.loader, board2, { params: { proposalId: String(proposalId) } })).status).toBe(200);
    expect(await lines(board2)).toHaveLength(1);

    // Once it is decided the electorate's exception ends: the page and the line go together.
    db.update(s.priorityProposals).set({ status: "returned" }).where(eq(s.priorityProposals.id, proposalId)).run();
    expect((await call(proposalRoute.loader, board2, { params: { proposalId: String(proposalId) } })).status).toBe(404);
    expect(await lines(board2)).toEqual([]);
    expect(await lines(board)).toHaveLength(1);
  });
});
