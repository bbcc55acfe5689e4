// A GET never writes (house rule; issue 11 found two loaders marking notifications read). Every
// route module's loader, and the root's, is called by several real users (every role) on a database
// with two regions' agendas, a barrier and unread notifications waiting; the database must be exactly as it was: no row changed on the
// connection (total_changes) and the same content in every table. A new loader is covered by
// being in app/routes.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { type RouteWorld, routeCaller, startRouteWorld } from "../support/route-calls";
import type { TestUser } from "../support/factories";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { type CollabServer } from "../../app/collab/server.server";
import * as proposeRoute from "../../app/routes/agendas.$agendaId_.voorleggen";
import * as barrierRoute from "../../app/routes/belemmeringen.$barrierId";
import * as proposalRoute from "../../app/routes/voorstellen.$proposalId";
import * as root from "../../app/root";
import { closeDueProposals, getProposal } from "../../app/models/approvals.server";
import { getUser } from "../../app/utils/auth.server";

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");
const people: Array<TestUser | null> = [null];

let ctx: RouteWorld;
let db: Db;
let collab: CollabServer;
let call: ReturnType<typeof routeCaller>["call"];
let cookieFor: ReturnType<typeof routeCaller>["cookieFor"];
let params: Record<string, string>;

const totalChanges = () => db.$client.prepare("select total_changes()").pluck().get() as number;

/** Every table's rows, hashed: equal before and after means not one byte of data moved. */
function checksum() {
  const hash = crypto.createHash("sha256");
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all() as string[];
  for (const table of tables) {
    hash.update(`\u0000${table}\u0000`);
    for (const row of db.$client.prepare(`select * from "${table}"`).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("base64") : typeof v === "bigint" ? String(v) : v)));
    }
  }
  return hash.digest("hex");
}

beforeAll(async () => {
  ctx = await startRouteWorld();
  ({ db, collab, call, cookieFor } = ctx);
  const { make } = ctx;
  const [amsterdam, twente] = [make.region("amsterdam"), make.region("twente")];
  const agenda = make.agenda({ region: amsterdam, items: [{ title: "Digicoaches", status: "prioriteit", plan: ["Twee digicoaches per organisatie."] }, { title: "Beeldbellen" }] });
  make.agenda({ region: twente, items: [{ title: "Telemonitoring hartfalen" }] });
  const [agendaId, itemId] = [agenda.id, agenda.itemIds[0]];
  const coordinator = make.member(amsterdam, "coordinator", { name: "Joost de Vries" });
  const member = make.member(amsterdam, "member", { name: "Fatima El Amrani" });
  const adviser = make.adviser([amsterdam, twente]);
  people.push(coordinator, make.member(amsterdam, "board"), make.member(amsterdam, "board"), member, adviser, make.admin(), make.member(twente, "coordinator"));
  make.barrier({ agenda, itemId, createdBy: adviser.id, quote: "Twee digicoaches", assigneeId: member.id, followers: [member.id, adviser.id] });
  // Unread notifications of both kinds wait for the readers: a proposal to the board, a reply in a
  // followed barrier's thread (the two loaders of the sample marked exactly these read).
  const proposed = await call(proposeRoute.action, coordinator, {
    params: { agendaId: String(agendaId) },
    form: { intent: "propose", deadline: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10), [`rank:${itemId}`]: "1" },
  });
  expect(proposed.status).toBe(302);
  const proposalId = proposed.response!.headers.get("Location")!.split("/").pop()!;
  // Its deadline has passed and the sweep has not run yet: reading it must not be what decides it.
  db.update(s.priorityProposals).set({ deadline: new Date(Date.now() - 60_000) }).where(eq(s.priorityProposals.id, Number(proposalId))).run();
  const barrierId = db.select({ id: s.barriers.id }).from(s.barriers).innerJoin(s.agendas, eq(s.agendas.id, s.barriers.agendaId)).where(eq(s.agendas.regionId, amsterdam.id)).get()!.id;
  expect((await call(barrierRoute.action, adviser, { params: { barrierId: String(barrierId) }, form: { intent: "reply", body: "@Fatima El Amrani en @Joost de Vries: hoe staat het?" } })).status).toBe(200);
  const versionId = db.select({ id: s.agendaVersions.id }).from(s.agendaVersions).where(eq(s.agendaVersions.agendaId, agendaId)).get()!.id;
  params = { agendaId: String(agendaId), barrierId: String(barrierId), proposalId, slug: "amsterdam", versionId: String(versionId), jobId: "1" };
  expect(db.select().from(s.notifications).all().filter((n) => n.readAt === null).length).toBeGreaterThan(2);
  // Sessions first, and the collaboration server's own writes done: only the loaders run below.
  for (const who of people) if (who) cookieFor(who);
  await collab.flush();
});
afterAll(async () => {
  await ctx.stop();
});

const modules = fs
  .readdirSync(routesDir)
  .filter((f) => /\.tsx?$/.test(f))
  .sort();

describe("GET loaders", () => {
  it("finds the route modules", () => {
    expect(modules.length).toBeGreaterThan(30);
  });

  it.each([["root", null as string | null], ...modules.map((f) => [f, f] as [string, string | null])])("%s writes nothing, for anyone", async (_name, file) => {
    const mod = file ? await import(path.join(routesDir, file)) : root;
    if (typeof mod.loader !== "function") return;
    const url = `http://localhost/${file ? file.replace(/\.tsx?$/, "").replace(/\./g, "/") : ""}?q=zorg`;
    const before = checksum();
    for (const who of people) {
      const changes = totalChanges();
      const outcome = await call(mod.loader, who, { url, params });
      expect(totalChanges(), `${file ?? "root"} as ${who?.name ?? "anonymous"} (status ${outcome.status}) wrote`).toBe(changes);
    }
    expect(checksum()).toBe(before);
  });
});

// Run last: the sweep below is the one write this file makes on purpose.
describe("a proposal past its deadline", () => {
  it("is shown decided at its deadline; a late vote writes nothing; the sweep records exactly what was shown", async () => {
    const proposalId = Number(params.proposalId);
    const { deadline } = db.select({ deadline: s.priorityProposals.deadline }).from(s.priorityProposals).where(eq(s.priorityProposals.id, proposalId)).get()!;
    const [coordinator, boardMember] = [people[1]!, people[2]!];
    const shown = (await call(proposalRoute.loader, coordinator, { params })).body.proposal;
    expect(shown).toMatchObject({ status: "expired", decisionReason: "no_quorum", decidedAt: deadline });
    const changes = totalChanges();
    const late = await call(proposalRoute.action, boardMember, { params, form: { intent: "vote", value: "akkoord" } });
    expect(late).toMatchObject({ status: 409, body: { errors: { form: "approvals.error.closed" } } });
    expect(totalChanges()).toBe(changes);
    expect(closeDueProposals({ db })).toBe(1);
    const recorded = getProposal({ db, proposalId })!;
    expect({ status: recorded.status, decisionReason: recorded.decisionReason, decidedAt: recorded.decidedAt }).toEqual({
      status: shown.status,
      decisionReason: shown.decisionReason,
      decidedAt: shown.decidedAt,
    });
  });
});

describe("one request", () => {
  it("looks its session up once, for an action too", () => {
    const request = new Request("http://localhost/x", { method: "POST", headers: { Cookie: cookieFor(people[1]) } });
    const args = { request, context: { db, collab, clientIp: "127.0.0.1" } as never };
    expect(getUser(args)).not.toBeNull();
    expect(getUser(args)).toBe(getUser(args));
  });
});
