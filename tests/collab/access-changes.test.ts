// Access changes take effect on open sockets too (issue 11): every action that changes who may read
// an agenda closes the affected users' collaboration connections with MembershipChanged, and the
// reconnect is authorized again under the new rights. The real collaboration server over real
// websockets; the app's actions called as the browser would post them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { adviserCoverage, memberships, organisations, regions, users } from "../../db/schema";
import { createSession } from "../../app/models/session.server";
import { CloseCode } from "../../collab-server/close-codes";
import { routeCaller } from "../support/route-calls";
import * as organisationsRoute from "../../app/routes/beheer.organisaties";
import * as regionSettingsRoute from "../../app/routes/beheer.regios_.$slug";
import * as adminUsersRoute from "../../app/routes/beheer.gebruikers";
import * as membersRoute from "../../app/routes/regios.$slug_.leden";
import { closeCodeOf, connectClient, synced, waitFor, withWorld, type Client, type Running } from "./helpers";

let ctx: ReturnType<typeof withWorld>;
let server: Running;
let call: ReturnType<typeof routeCaller>["call"];
type Person = { id: number; token: string };
let extra: { organisationId: number; admin: Person; coordinator: Person; partner: Person; adviser: Person; other: Person };
const clients: Client[] = [];

/** Users the routes act as and those whose sockets are watched. */
function addPeople() {
  const db = ctx.db;
  const { regionA } = ctx.world;
  db.update(regions).set({ partnersMayRead: true }).where(eq(regions.id, regionA)).run();
  const organisationId = db.insert(organisations).values({ name: "Zorggroep A", kind: "care_provider", sector: "verpleeghuiszorg", regionId: regionA }).returning().get().id;
  const person = (email: string, kind: "member" | "adviser" | "admin", organisation: number | null = null) => {
    const id = db.insert(users).values({ email, name: email.split("@")[0], kind, organisationId: organisation }).returning().get().id;
    return { id, token: createSession({ db, userId: id, ip: "127.0.0.1", userAgent: "test" }).token };
  };
  const admin = person("beheer@test.nl", "admin");
  const coordinator = person("coordinator@test.nl", "member");
  db.insert(memberships).values({ userId: coordinator.id, regionId: regionA, role: "coordinator" }).run();
  // A partner: staff of an organisation in region A, no membership. Another user of the same
  // organisation who is a member keeps that membership's rights wherever it moves.
  const partner = person("partner@test.nl", "member", organisationId);
  const other = person("collega@test.nl", "member", organisationId);
  db.insert(memberships).values({ userId: other.id, regionId: regionA, role: "member" }).run();
  const adviser = person("adviseur@test.nl", "adviser");
  db.insert(adviserCoverage).values({ userId: adviser.id, regionId: regionA }).run();
  return { organisationId, admin, coordinator, partner, adviser, other };
}

beforeEach(async () => {
  ctx = withWorld();
  server = await ctx.start({ idleUnloadMs: 50 });
  extra = addPeople();
  ({ call } = routeCaller({ db: ctx.db, collab: server.collab }));
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
  ctx.cleanup();
});

const room = () => `agenda:${ctx.world.agendaA}`;
async function open(token: string) {
  const client = connectClient(server.url, room(), token);
  clients.push(client);
  await synced(client);
  return client;
}
async function expectClosed(client: Client, what: string) {
  await waitFor(() => client.closeCodes.length > 0, what);
  expect(client.closeCodes[0]).toBe(CloseCode.MembershipChanged);
}
/** A fresh connection under the new rights. */
const reconnect = (token: string) => closeCodeOf(`${server.url}/${room()}`, { cookie: `aw_session=${encodeURIComponent(token)}` });
const expectOk = (outcome: { status: number }) => expect(outcome.status).toBe(200);

describe("an organisation moving to another region", () => {
  it("closes its partners' sockets, and they may not come back to the old region's agenda", async () => {
    const partner = await open(extra.partner.token);
    const bystander = await open(ctx.world.users.editor1.token);
    expectOk(
      await call(organisationsRoute.action, extra.admin, {
        form: { intent: "save-organisation", organisationId: String(extra.organisationId), name: "Zorggroep A", kind: "care_provider", sector: "verpleeghuiszorg", regionId: String(ctx.world.regionB) },
      }),
    );
    await expectClosed(partner, "the partner's socket closed");
    expect(await reconnect(extra.partner.token)).toEqual({ code: CloseCode.Forbidden });
    // Nobody else's editor is interrupted.
    expect(bystander.closeCodes).toEqual([]);
  });

  it("leaves sockets alone when the organisation is saved in the same region", async () => {
    const partner = await open(extra.partner.token);
    expectOk(
      await call(organisationsRoute.action, extra.admin, {
        form: { intent: "save-organisation", organisationId: String(extra.organisationId), name: "Zorggroep A-B", kind: "care_provider", sector: "verpleeghuiszorg", regionId: String(ctx.world.regionA) },
      }),
    );
    expect(server.collab.stats().connections).toBe(1);
    expect(partner.closeCodes).toEqual([]);
  });
});

describe("every other change of who may read an agenda closes the affected sockets", () => {
  it("partner reading switched off: the region's partners, not its members of the same organisation", async () => {
    const partner = await open(extra.partner.token);
    const colleague = await open(extra.other.token);
    expectOk(await call(regionSettingsRoute.action, extra.admin, { params: { slug: "regio-a" }, form: { intent: "save-region", ruleKind: "consent", quorumPercent: "50" } }));
    await expectClosed(partner, "the partner's socket closed");
    expect(await reconnect(extra.partner.token)).toEqual({ code: CloseCode.Forbidden });
    expect(colleague.closeCodes).toEqual([]);
  });

  it("a membership removed on the members page", async () => {
    const editor = await open(ctx.world.users.editor1.token);
    expectOk(await call(membersRoute.action, extra.coordinator, { params: { slug: "regio-a" }, form: { intent: "change", userId: String(ctx.world.users.editor1.id), role: "" } }));
    await expectClosed(editor, "the removed member's socket closed");
    expect(await reconnect(ctx.world.users.editor1.token)).toEqual({ code: CloseCode.Forbidden });
  });

  it("a role changed in user administration", async () => {
    const editor = await open(ctx.world.users.editor2.token);
    expectOk(
      await call(adminUsersRoute.action, extra.admin, {
        form: { intent: "set-membership", userId: String(ctx.world.users.editor2.id), regionId: String(ctx.world.regionA), role: "board" },
      }),
    );
    await expectClosed(editor, "the demoted editor's socket closed");
  });

  it("an adviser's coverage taken away", async () => {
    const adviser = await open(extra.adviser.token);
    expectOk(
      await call(adminUsersRoute.action, extra.admin, {
        form: { intent: "set-coverage", userId: String(extra.adviser.id), regionId: String(ctx.world.regionA), covered: "false" },
      }),
    );
    await expectClosed(adviser, "the adviser's socket closed");
    expect(await reconnect(extra.adviser.token)).toEqual({ code: CloseCode.Forbidden });
  });
});
