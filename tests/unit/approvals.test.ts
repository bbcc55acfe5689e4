// Board approval on a real temp SQLite with a region built by factories and the real collaboration server
// (for versions), through the route loaders and actions so every guard is exercised.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import JSZip from "jszip";
import { type Outcome, type RouteWorld, type Who, routeCaller, startRouteWorld } from "../support/route-calls";
import type { TestUser } from "../support/factories";
import { pdfText } from "../support/pdf-text";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { type CollabServer } from "../../app/collab/server.server";
import { closeDueProposals, getAdoptedAgenda, getAdoptionStatus, getAgendaState, getProposal } from "../../app/models/approvals.server";
import { holdPackQueue, PACK_LIMITS, packJobsIdle, requestPackJob, resetPackJobs } from "../../app/board-pack/jobs.server";
import { getBoardPackData } from "../../app/models/board-pack.server";
import * as membersRoute from "../../app/routes/regios.$slug_.leden";
import * as adminUsersRoute from "../../app/routes/beheer.gebruikers";
import * as proposeRoute from "../../app/routes/agendas.$agendaId_.voorleggen";
import * as proposalRoute from "../../app/routes/voorstellen.$proposalId";
import * as packStartRoute from "../../app/routes/voorstellen.$proposalId_.bestuurspakket";
import * as packJobRoute from "../../app/routes/bestuurspakket.$jobId";
import * as packProgressRoute from "../../app/routes/bestuurspakket.$jobId_.voortgang";
import * as adoptedRoute from "../../app/routes/agendas.$agendaId_.vastgesteld";
import * as decisionsRoute from "../../app/routes/regios.$slug_.besluiten";
import * as inboxRoute from "../../app/routes/inbox";

let ctx: RouteWorld;
let db: Db;
let collab: CollabServer;
let agendaId: number;
let itemIds: string[];

let call: ReturnType<typeof routeCaller>["call"];
let coordinator: TestUser, board: TestUser, board2: TestUser, member: TestUser, adviser: TestUser, admin: TestUser, twenteCoordinator: TestUser, limburgMember: TestUser;

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const proposeForm = (ranks: Record<string, string>, deadline = future(14)) => ({
  intent: "propose",
  deadline,
  ...Object.fromEntries(Object.entries(ranks).map(([id, r]) => [`rank:${id}`, r])),
});
const propose = (who: Who, ranks: Record<string, string>, deadline?: string) =>
  call(proposeRoute.action, who, { params: { agendaId: String(agendaId) }, form: proposeForm(ranks, deadline) });
const vote = (who: Who, proposalId: number, form: Record<string, string>) =>
  call(proposalRoute.action, who, { params: { proposalId: String(proposalId) }, form: { intent: "vote", ...form } });
const proposalIdFrom = (o: Outcome) => Number(o.response!.headers.get("Location")!.split("/").pop());
const rows = (table: Parameters<ReturnType<Db["select"]>["from"]>[0]) => db.select({ n: count() }).from(table).get()!.n;
const audit = (action: string) => db.select().from(s.auditLog).where(eq(s.auditLog.action, action)).all();

beforeEach(async () => {
  ctx = await startRouteWorld();
  ({ db, collab, call } = ctx);
  const { make } = ctx;
  // Amsterdam's agenda of three items, its coordinator, a board of two, a member and an adviser;
  // Twente's coordinator and a member of Zuid-Limburg; the administrator.
  const amsterdam = make.region("amsterdam");
  ({ id: agendaId, itemIds } = make.agenda({
    region: amsterdam,
    items: [
      { title: "Slim incontinentiemateriaal in alle verpleeghuizen", status: "prioriteit" },
      { title: "Digicoaches voor digitale vaardigheden", status: "in_uitvoering" },
      { title: "Beeldbellen in de wijkverpleging" },
    ],
  }));
  coordinator = make.member(amsterdam, "coordinator", { name: "Joost de Vries" });
  board = make.member(amsterdam, "board", { name: "Marieke Jansen" });
  board2 = make.member(amsterdam, "board", { name: "Henk Bos" });
  member = make.member(amsterdam);
  adviser = make.adviser([amsterdam]);
  admin = make.admin();
  twenteCoordinator = make.member(make.region("twente"), "coordinator");
  limburgMember = make.member(make.region("zuid-limburg"));
});
afterEach(async () => {
  // Packs live in process memory, not in the test's database: start every test without them.
  await packJobsIdle();
  resetPackJobs();
  await ctx.stop();
});

describe("proposing", () => {
  it("freezes a version and the items, notifies each board member and audits it", async () => {
    const res = await propose(coordinator, { [itemIds[1]]: "1", [itemIds[0]]: "2" });
    expect(res.status).toBe(302);
    const p = getProposal({ db, proposalId: proposalIdFrom(res) })!;
    expect(p.status).toBe("open");
    expect(p.rankedItems.map((r) => r.itemId)).toEqual([itemIds[1], itemIds[0]]);
    expect(p.frozenItems.map((i) => i.id)).toEqual(itemIds);
    expect(p.boardSize).toBe(2);
    expect(db.select().from(s.agendaVersions).where(eq(s.agendaVersions.id, p.versionId)).get()!.kind).toBe("before_proposal");
    const notified = db.select().from(s.notifications).where(eq(s.notifications.proposalId, p.id)).all();
    expect(notified.map((n) => n.userId).sort()).toEqual([board.id, board2.id].sort());
    expect(notified.every((n) => n.kind === "proposal")).toBe(true);
    expect(audit("proposal.created")).toHaveLength(1);
  });

  it("is for the region's coordinator only: 403 for other roles in the region, 404 outside it", async () => {
    const ranks = { [itemIds[0]]: "1" };
    expect((await propose(board, ranks)).status).toBe(403);
    expect((await propose(member, ranks)).status).toBe(403);
    expect((await propose(adviser, ranks)).status).toBe(403);
    expect((await propose(twenteCoordinator, ranks)).status).toBe(404);
    expect((await propose(limburgMember, ranks)).status).toBe(404);
    expect((await propose(null, ranks)).status).toBe(302);
    const page = (who: TestUser) => call(proposeRoute.loader, who, { params: { agendaId: String(agendaId) } });
    expect((await page(coordinator)).status).toBe(200);
    expect((await page(board)).status).toBe(403);
    expect((await page(twenteCoordinator)).status).toBe(404);
    expect(rows(s.priorityProposals)).toBe(0);
  });

  it("refuses bad input with a Dutch message and stores nothing", async () => {
    const none = await propose(coordinator, {});
    expect(none).toMatchObject({ status: 400, body: { errors: { items: "approvals.error.noItems" } } });
    const dup = await propose(coordinator, { [itemIds[0]]: "1", [itemIds[1]]: "1" });
    expect(dup.body.errors.items).toBe("approvals.error.duplicateRank");
    const past = await propose(coordinator, { [itemIds[0]]: "1" }, "2020-01-01");
    expect(past.body.errors.deadline).toBe("approvals.error.deadlinePast");
    const unknown = await propose(coordinator, { "not-an-item": "1" });
    expect(unknown.body.errors.items).toBe("approvals.error.unknownItem");
    expect(rows(s.priorityProposals)).toBe(0);
    expect(rows(s.agendaVersions)).toBe(0);
    expect(await propose(coordinator, { [itemIds[0]]: "1" })).toMatchObject({ status: 302 });
    expect(await propose(coordinator, { [itemIds[0]]: "1" })).toMatchObject({ status: 409, body: { errors: { items: "approvals.error.alreadyOpen" } } });
    expect(rows(s.priorityProposals)).toBe(1);
  });
});

describe("voting", () => {
  let proposalId: number;
  beforeEach(async () => {
    proposalId = proposalIdFrom(await propose(coordinator, { [itemIds[0]]: "1", [itemIds[2]]: "2" }));
  });

  it("records a vote once for an identical double submit, and a change as a change", async () => {
    expect(await vote(board, proposalId, { value: "akkoord", comment: "Goed plan" })).toMatchObject({ status: 200, body: { message: "approvals.voteSaved" } });
    expect(await vote(board, proposalId, { value: "akkoord", comment: "Goed plan" })).toMatchObject({ status: 200, body: { message: "approvals.voteUnchanged" } });
    expect(rows(s.votes)).toBe(1);
    expect(audit("vote.cast")).toHaveLength(1);
    await vote(board, proposalId, { value: "onthouding" });
    const v = db.select().from(s.votes).get()!;
    expect(v).toMatchObject({ value: "onthouding", comment: null });
    expect(audit("vote.changed")[0].data).toMatchObject({ value: "onthouding", previous: { value: "akkoord", comment: "Goed plan" } });
    expect(getProposal({ db, proposalId })!.status).toBe("open");
  });

  it("is for the region's board only", async () => {
    expect((await vote(coordinator, proposalId, { value: "akkoord" })).status).toBe(403);
    expect((await vote(member, proposalId, { value: "akkoord" })).status).toBe(403);
    expect((await vote(adviser, proposalId, { value: "akkoord" })).status).toBe(403);
    expect((await vote(twenteCoordinator, proposalId, { value: "akkoord" })).status).toBe(404);
    expect((await vote(null, proposalId, { value: "akkoord" })).status).toBe(302);
    expect((await vote(board, 99999, { value: "akkoord" })).status).toBe(404);
    expect(rows(s.votes)).toBe(0);
  });

  it("refuses a board member of another region", async () => {
    // A Twente board member: has a role in Twente, none in Amsterdam.
    const twente = db.select().from(s.regions).where(eq(s.regions.slug, "twente")).get()!;
    db.insert(s.memberships).values({ userId: limburgMember.id, regionId: twente.id, role: "board" }).run();
    expect((await vote(limburgMember, proposalId, { value: "akkoord" })).status).toBe(404);
    expect(rows(s.votes)).toBe(0);
  });

  it("requires a reason with an objection", async () => {
    const res = await vote(board, proposalId, { value: "bezwaar", reason: "   " });
    expect(res).toMatchObject({ status: 400, body: { errors: { reason: "approvals.error.reasonRequired" } } });
    expect((await vote(board, proposalId, { value: "misschien" })).body.errors.value).toBe("approvals.error.voteRequired");
    expect(rows(s.votes)).toBe(0);
  });

  it("returns the proposal on an objection, with the reason, and then refuses votes", async () => {
    await vote(board, proposalId, { value: "akkoord" });
    expect(getAgendaState({ db, agendaId })).toMatchObject({ kind: "voorgelegd", proposalId });
    await vote(board2, proposalId, { value: "bezwaar", reason: "De financiering na de pilot ontbreekt." });
    expect(getAgendaState({ db, agendaId })).toMatchObject({ kind: "teruggestuurd", proposalId });
    const p = getProposal({ db, proposalId })!;
    expect(p).toMatchObject({ status: "returned", decisionReason: "objection" });
    expect(p.votes.find((v) => v.value === "bezwaar")!.reason).toBe("De financiering na de pilot ontbreekt.");
    expect(audit("proposal.returned")).toHaveLength(1);
    expect(db.select().from(s.notifications).where(eq(s.notifications.kind, "decision")).all().map((n) => n.userId).sort()).toEqual(
      [coordinator.id, board.id, board2.id].sort(),
    );
    const late = await vote(board, proposalId, { value: "onthouding" });
    expect(late).toMatchObject({ status: 409, body: { errors: { form: "approvals.error.closed" } } });
    expect(db.select().from(s.votes).where(eq(s.votes.userId, board.id)).get()!.value).toBe("akkoord");
    expect(rows(s.adoptedVersions)).toBe(0);
  });

  it("adopts when both agree; the adopted version stays as approved while the live agenda changes", async () => {
    await vote(board, proposalId, { value: "akkoord" });
    await vote(board2, proposalId, { value: "akkoord" });
    expect(getProposal({ db, proposalId })).toMatchObject({ status: "adopted", decisionReason: "all_voted" });
    expect(audit("proposal.adopted")).toHaveLength(1);
    expect(getAdoptionStatus({ db, agendaId })).toMatchObject({ adopted: { proposalId }, changedItemIds: [] });
    expect(getAgendaState({ db, agendaId })).toMatchObject({ kind: "vastgesteld", at: getAdoptionStatus({ db, agendaId }).adopted!.adoptedAt });

    const original = db.select().from(s.agendaItems).where(eq(s.agendaItems.id, itemIds[0])).get()!;
    await collab.changeAgenda({
      agendaId,
      actor: coordinator.principal(),
      change: (doc) => {
        const title = (doc.getMap("items").get(itemIds[0]) as any).get("title");
        title.insert(title.length, " (gewijzigd)");
      },
    });
    const status = getAdoptionStatus({ db, agendaId });
    expect(status.changedItemIds).toEqual([itemIds[0]]);
    const adopted = getAdoptedAgenda({ db, agendaId })!;
    expect(adopted.items.find((i) => i.id === itemIds[0])!.title).toBe(original.title);
    expect(adopted.changes[itemIds[0]]).toEqual([{ field: "title", before: original.title, after: `${original.title} (gewijzigd)` }]);

    const page = await call(adoptedRoute.loader, member, { params: { agendaId: String(agendaId) } });
    expect(page.body.adopted.items[0].title).toBe(original.title);
    expect((await call(adoptedRoute.loader, twenteCoordinator, { params: { agendaId: String(agendaId) } })).status).toBe(404);
  });
});

describe("deadlines", () => {
  it("closes in the sweep, and reads show the decision before it is recorded: exact half adopts, no votes expire", async () => {
    const first = proposalIdFrom(await propose(coordinator, { [itemIds[0]]: "1" }));
    await vote(board, first, { value: "akkoord" });
    const after = new Date(Date.now() + 30 * 86_400_000);
    expect(getProposal({ db, proposalId: first, now: new Date() })!.status).toBe("open");
    expect(closeDueProposals({ db, now: after })).toBe(1);
    expect(getProposal({ db, proposalId: first })).toMatchObject({ status: "adopted", decisionReason: "deadline" });
    expect(closeDueProposals({ db, now: after })).toBe(0);

    const second = proposalIdFrom(await propose(coordinator, { [itemIds[1]]: "1" }));
    expect(getProposal({ db, proposalId: second, now: after })).toMatchObject({ status: "expired", decisionReason: "no_quorum" });
    // Reading wrote nothing (a GET never writes): the sweep records it.
    expect(audit("proposal.expired")).toHaveLength(0);
    expect(getProposal({ db, proposalId: second })!.status).toBe("open");
    expect(closeDueProposals({ db, now: after })).toBe(1);
    expect(audit("proposal.expired")).toHaveLength(1);
    expect(audit("proposal.expired")[0].actorId).toBeNull();
  });
});

describe("reading", () => {
  it("shows a proposal, decisions and the inbox only to people with a role in the region", async () => {
    const proposalId = proposalIdFrom(await propose(coordinator, { [itemIds[0]]: "1" }));
    const page = (who: Who) => call(proposalRoute.loader, who, { params: { proposalId: String(proposalId) } });
    expect((await page(board)).body).toMatchObject({ canVote: true });
    expect((await page(member)).body).toMatchObject({ canVote: false, canPropose: false });
    expect((await page(adviser)).status).toBe(200);
    expect((await page(twenteCoordinator)).status).toBe(404);
    expect((await page(null)).status).toBe(302);
    const decisions = (who: TestUser) => call(decisionsRoute.loader, who, { params: { slug: "amsterdam" } });
    expect((await decisions(member)).body.proposals).toHaveLength(1);
    expect((await decisions(twenteCoordinator)).status).toBe(404);

    const inbox = await call(inboxRoute.loader, board2);
    expect(inbox.body.notifications).toMatchObject([{ kind: "proposal", proposalId, readAt: null }]);
    // Marking someone else's notification read changes nothing.
    await call(inboxRoute.action, coordinator, { form: { intent: "mark-read", id: String(inbox.body.notifications[0].id) } });
    expect((await call(inboxRoute.loader, board2)).body.notifications[0].readAt).toBeNull();
    // Reading the proposal page writes nothing; opening the line from the inbox (a post) answers it.
    await page(board2);
    expect((await call(inboxRoute.loader, board2)).body.notifications[0].readAt).toBeNull();
    const opened = await call(inboxRoute.action, board2, { form: { intent: "open", id: String(inbox.body.notifications[0].id) } });
    expect(opened.response!.headers.get("Location")).toBe(`/voorstellen/${proposalId}`);
    expect((await call(inboxRoute.loader, board2)).body.notifications[0].readAt).not.toBeNull();
    expect((await call(inboxRoute.loader, null)).status).toBe(302);
  });
});

describe("board pack", () => {
  it("renders PDF and Word with the priorities and the votes, off the request path, for the region only", async () => {
    const proposalId = proposalIdFrom(await propose(coordinator, { [itemIds[0]]: "1" }));
    await vote(board, proposalId, { value: "bezwaar", reason: "Eerst de financiering regelen." });
    const json = { Accept: "application/json" };
    const start = (who: Who, format: string, headers: Record<string, string> = json) =>
      call(packStartRoute.action, who, { params: { proposalId: String(proposalId) }, form: { format }, headers });
    expect((await start(twenteCoordinator, "pdf")).status).toBe(404);
    expect((await start(null, "pdf")).status).toBe(302);
    expect((await start(board, "exe")).status).toBe(400);
    const title = db.select().from(s.agendaItems).where(eq(s.agendaItems.id, itemIds[0])).get()!.title;
    // A plain form post (no JavaScript) is sent on to the job's progress page.
    const plain = await start(board, "pdf", {});
    expect(plain.status).toBe(303);
    expect(plain.response!.headers.get("Location")).toMatch(/^\/bestuurspakket\/[0-9a-f-]{36}\/voortgang$/);
    await packJobsIdle();

    const files: Record<string, Buffer> = {};
    for (const format of ["pdf", "docx"]) {
      const started = await start(board, format);
      const job = await started.response!.json();
      if (format === "pdf") {
        // The plain post just made this PDF and nothing in it changed: handed out again, not made again.
        expect(started.status).toBe(200);
        expect(job.status).toBe("done");
      } else {
        expect(started.status).toBe(202);
        expect(["queued", "running"]).toContain(job.status);
      }
      // Another user cannot see or take someone's job: its state answers 404, and a browser asking for
      // the page or the file is sent to the progress page, which answers 404 too (below).
      const asBoard2 = (query: string, headers?: Record<string, string>) =>
        call(packJobRoute.loader, board2, { url: `http://localhost/bestuurspakket/${job.id}${query}`, params: { jobId: job.id }, headers });
      expect((await asBoard2("", json)).status).toBe(404);
      for (const query of ["", "?download=1"]) {
        const refused = await asBoard2(query);
        expect(refused.status).toBe(302);
        expect(refused.response!.headers.get("Location")).toBe(`/bestuurspakket/${job.id}/voortgang`);
      }
      await packJobsIdle();
      const status = await call(packJobRoute.loader, board, { url: `http://localhost/bestuurspakket/${job.id}`, params: { jobId: job.id }, headers: json });
      expect(await status.response!.json()).toMatchObject({ status: "done", progress: 100 });
      // Without JavaScript the same job is a page that refreshes itself; the same people may see it.
      const progressPage = (who: TestUser) => call(packProgressRoute.loader, who, { params: { jobId: job.id } });
      expect((await progressPage(board)).body.job).toEqual({ id: job.id, back: { href: `/voorstellen/${proposalId}`, label: "pack.backToProposal" }, format, status: "done", progress: 100, ahead: 0 });
      expect((await progressPage(board2)).status).toBe(404);
      const file = await call(packJobRoute.loader, board, { url: `http://localhost/bestuurspakket/${job.id}?download=1`, params: { jobId: job.id } });
      expect(file.response!.headers.get("Content-Disposition")).toContain(`.${format}`);
      files[format] = Buffer.from(await file.response!.arrayBuffer());
    }
    const pdfContent = (await pdfText(files.pdf)).replace(/\s+/g, " ");
    const docXml = await (await JSZip.loadAsync(files.docx)).file("word/document.xml")!.async("string");
    for (const text of [pdfContent, docXml]) {
      expect(text).toContain("Innovatieagenda: stukken voor de stuurgroep");
      expect(text).toContain(title.slice(0, 30));
      expect(text).toContain("Marieke Jansen");
      expect(text).toContain("Eerst de financiering regelen.");
      expect(text).toContain("Bezwaar");
    }
  });
});

describe("the board's electorate", () => {
  const members = (who: Who, form: Record<string, string>) => call(membersRoute.action, who, { params: { slug: "amsterdam" }, form });
  const role = (who: TestUser) =>
    db.select({ role: s.memberships.role }).from(s.memberships).where(eq(s.memberships.userId, who.id)).get()?.role ?? null;
  const amsterdamId = () => db.select().from(s.regions).where(eq(s.regions.slug, "amsterdam")).get()!.id;

  it("issue 11 #4: a coordinator cannot adopt their own proposal (demote a board member, propose, add themselves, vote)", async () => {
    expect((await members(coordinator, { intent: "change", userId: String(board2.id), role: "member" })).status).toBe(200);
    const proposalId = proposalIdFrom(await propose(coordinator, { [itemIds[0]]: "1" }));
    // The members form's add path takes any email, their own included.
    const selfAdd = await members(coordinator, { intent: "add", email: coordinator.email, role: "board" });
    expect(selfAdd).toMatchObject({ status: 403, body: { errors: { form: "members.notYourself" } } });
    expect(role(coordinator)).toBe("coordinator");
    const own = await vote(coordinator, proposalId, { value: "akkoord" });
    expect(own.status).toBe(403);
    expect(getProposal({ db, proposalId })).toMatchObject({ status: "open", votes: [] });
    expect(rows(s.adoptedVersions)).toBe(0);
    expect(audit("membership.set").map((a) => a.entityId)).toEqual([String(board2.id)]);
    expect(getProposal({ db, proposalId })).toMatchObject({ boardSize: 1, voters: [{ id: board.id }] });
  });

  it("no intent changes one's own role: not the add path (any case of the email), not the change path", async () => {
    for (const email of [coordinator.email, `  ${coordinator.email.toUpperCase()} `]) {
      expect((await members(coordinator, { intent: "add", email, role: "board" })).status).toBe(403);
    }
    expect((await members(coordinator, { intent: "add", email: coordinator.email, role: "member" })).status).toBe(403);
    expect((await members(coordinator, { intent: "change", userId: String(coordinator.id), role: "board" })).status).toBe(403);
    expect((await members(coordinator, { intent: "change", userId: String(coordinator.id), role: "" })).status).toBe(403);
    expect(role(coordinator)).toBe("coordinator");
    expect(audit("membership.set")).toHaveLength(0);
    expect(audit("membership.remove")).toHaveLength(0);
  });

  it("joining the board while a proposal is open gives no vote on it, however one joined", async () => {
    const proposalId = proposalIdFrom(await propose(coordinator, { [itemIds[0]]: "1" }));
    // Made a board member by another coordinator's add path and by the administrator.
    expect((await members(coordinator, { intent: "add", email: member.email, role: "board" })).status).toBe(200);
    const form = { intent: "set-membership", userId: String(limburgMember.id), regionId: String(amsterdamId()), role: "board" };
    expect((await call(adminUsersRoute.action, admin, { form })).status).toBe(200);
    for (const who of [member, limburgMember]) {
      expect(await vote(who, proposalId, { value: "akkoord" })).toMatchObject({ status: 403 });
      const page = await call(proposalRoute.loader, who, { params: { proposalId: String(proposalId) } });
      expect(page.body).toMatchObject({ canVote: false });
    }
    expect(rows(s.votes)).toBe(0);
    // The threshold is still that of the frozen board of two: one vote does not close it.
    await vote(board, proposalId, { value: "akkoord" });
    expect(getProposal({ db, proposalId })).toMatchObject({ status: "open", boardSize: 2 });
    await vote(board2, proposalId, { value: "akkoord" });
    expect(getProposal({ db, proposalId })).toMatchObject({ status: "adopted", decisionReason: "all_voted" });
  });

  it("leaving the board while a proposal is open keeps the vote: an objector cannot be demoted or removed out of it", async () => {
    const proposalId = proposalIdFrom(await propose(coordinator, { [itemIds[0]]: "1" }));
    await vote(board, proposalId, { value: "akkoord" });
    expect((await members(coordinator, { intent: "change", userId: String(board2.id), role: "member" })).status).toBe(200);
    // Demoted: still a voter, and still counted, so one vote of two does not adopt.
    expect(getProposal({ db, proposalId })).toMatchObject({ status: "open", boardSize: 2 });
    expect((await call(proposalRoute.loader, board2, { params: { proposalId: String(proposalId) } })).body).toMatchObject({ canVote: true });
    // Removed from the region altogether: still may read what they vote on, and vote.
    expect((await members(coordinator, { intent: "change", userId: String(board2.id), role: "" })).status).toBe(200);
    expect(role(board2)).toBeNull();
    expect((await call(proposalRoute.loader, board2, { params: { proposalId: String(proposalId) } })).status).toBe(200);
    const objection = await vote(board2, proposalId, { value: "bezwaar", reason: "Geen dekking na de pilot." });
    expect(objection.status).toBe(200);
    expect(getProposal({ db, proposalId })).toMatchObject({ status: "returned", decisionReason: "objection" });
    // Once it is closed, the right ends with it: someone without a role reads nothing any more.
    expect((await call(proposalRoute.loader, board2, { params: { proposalId: String(proposalId) } })).status).toBe(404);
  });
});

describe("board pack limits", () => {
  const json = { Accept: "application/json" };
  const start = (who: Who, proposalId: number, format: string, headers: Record<string, string> = json) =>
    call(packStartRoute.action, who, { params: { proposalId: String(proposalId) }, form: { format }, headers });
  const state = async (o: Outcome) => (o.response!.headers.get("Content-Type") ?? "").includes("json") ? o.response!.json() : null;
  let proposals: number[];
  let release: () => void;

  // Three proposals of one agenda: two returned, the third open.
  beforeEach(async () => {
    proposals = [];
    for (let i = 0; i < 3; i++) {
      const id = proposalIdFrom(await propose(coordinator, { [itemIds[i]]: "1" }));
      if (i < 2) await vote(board, id, { value: "bezwaar", reason: "Nog niet." });
      proposals.push(id);
    }
    // Nothing renders until released: the queue is read as it stands, not as fast as workers run.
    release = holdPackQueue();
  });
  afterEach(() => release());

  it("issue 11 #7: 200 requests of one board member make one job; the rest are that job or a Dutch 429", async () => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 200; i++) outcomes.push(await start(board, proposals[2], "pdf"));
    const accepted = outcomes.filter((o) => o.status !== 429);
    const ids = new Set(await Promise.all(accepted.map(async (o) => (await state(o)).id)));
    expect(ids.size).toBe(1);
    expect(accepted.map((o) => o.status)).toEqual([202, ...Array(accepted.length - 1).fill(200)]);
    const refused = outcomes.filter((o) => o.status === 429);
    expect(refused.length).toBe(200 - PACK_LIMITS.requestsPerMinute);
    const first = refused[0].response!;
    expect(Number(first.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await first.json()).toMatchObject({ error: "flood", message: expect.stringContaining("te vaak stukken gevraagd") });
    // Without JavaScript the refusal is a Dutch page, with the same Retry-After.
    const plain = await start(board, proposals[2], "pdf", {});
    expect(plain.status).toBe(429);
    expect(plain.response!.headers.get("Content-Type")).toContain("text/html");
    expect(plain.response!.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await plain.response!.text()).toContain("Even geduld");
  });

  it("one active job per user and proposal, a few per user; another user's pack is next in line, not behind the flood", async () => {
    const a1 = await start(board, proposals[2], "pdf");
    expect(a1.status).toBe(202);
    // The same proposal in the other format waits for the first: a 429, not a second job.
    const otherFormat = await start(board, proposals[2], "docx");
    expect(otherFormat.status).toBe(429);
    expect((await state(otherFormat)).error).toBe("busy");
    expect((await start(board, proposals[0], "pdf")).status).toBe(202);
    const tooMany = await start(board, proposals[1], "pdf");
    expect(tooMany.status).toBe(429);
    expect((await state(tooMany)).error).toBe("tooMany");
    expect(tooMany.response!.headers.get("Retry-After")).toMatch(/^\d+$/);
    // Another board member and a workgroup member ask after all that: each is next after one of the flooder's.
    const b = await state(await start(board2, proposals[2], "docx"));
    const w = await state(await start(member, proposals[1], "docx"));
    expect(b.ahead).toBe(1);
    expect(w.ahead).toBe(2);
    const a2 = await state(await start(board, proposals[0], "pdf"));
    expect(a2.ahead).toBe(3);
    release();
    await packJobsIdle();
    const poll = async (who: Who, id: string) =>
      (await call(packJobRoute.loader, who, { url: `http://localhost/bestuurspakket/${id}`, params: { jobId: id }, headers: json })).response!.json();
    expect(await poll(board2, b.id)).toMatchObject({ status: "done", ahead: 0 });
  });

  it("a finished pack is handed out again without a new job while its content is the same; a new vote makes a new one", async () => {
    const first = await state(await start(board, proposals[2], "pdf"));
    release();
    await packJobsIdle();
    const download = async (who: Who, id: string) =>
      Buffer.from(await (await call(packJobRoute.loader, who, { url: `http://localhost/bestuurspakket/${id}?download=1`, params: { jobId: id } })).response!.arrayBuffer());
    const made = await download(board, first.id);
    // Someone else asks for the same pack: done at once, the same file, nothing queued.
    release = holdPackQueue();
    const again = await start(board2, proposals[2], "pdf");
    expect(again.status).toBe(200);
    const cached = await state(again);
    expect(cached).toMatchObject({ status: "done", ahead: 0 });
    expect(cached.id).not.toBe(first.id);
    expect((await download(board2, cached.id)).equals(made)).toBe(true);
    // A vote is in the pack: afterwards the pack is made again.
    await vote(board, proposals[2], { value: "akkoord" });
    const changed = await start(board2, proposals[2], "pdf");
    expect(changed.status).toBe(202);
    expect((await state(changed)).status).toBe("queued");
  });

  it("the queue of everyone together is bounded: past it, a 429 rather than a wait of minutes", () => {
    const data = getBoardPackData({ db, proposalId: proposals[2] })!.data;
    // Twenty requesters who exist only for the queue: the jobs module knows a user by the actor's id.
    const ask = (id: number, proposalId: number) =>
      requestPackJob({ actor: { id, kind: "member", memberships: [], coveredRegionIds: [], organisationRegionId: null }, proposalId, regionId: 1, format: "pdf", data });
    let users = 0;
    while (users * PACK_LIMITS.activePerUser < PACK_LIMITS.queued) {
      users++;
      for (let p = 1; p <= PACK_LIMITS.activePerUser; p++) expect(ask(100_000 + users, 1_000 * users + p)).toMatchObject({ ok: true, reused: false });
    }
    expect(ask(200_000, 1)).toMatchObject({ ok: false, reason: "queueFull", retryAfterSeconds: expect.any(Number) });
    resetPackJobs(); // nobody waits for these twenty
  });
});
