// The administrator's pages for regions and organisations, through their real loaders and actions.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { type RouteWorld, type Who, routeCaller, startRouteWorld } from "../support/route-calls";
import type { TestAgenda, TestUser } from "../support/factories";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { type CollabServer } from "../../app/collab/server.server";
import * as regionsRoute from "../../app/routes/beheer.regios";
import * as regionRoute from "../../app/routes/beheer.regios_.$slug";
import * as organisationsRoute from "../../app/routes/beheer.organisaties";
import * as proposeRoute from "../../app/routes/agendas.$agendaId_.voorleggen";
import * as proposalRoute from "../../app/routes/voorstellen.$proposalId";
import { getProposal } from "../../app/models/approvals.server";

let ctx: RouteWorld;
let db: Db;
let collab: CollabServer;
let call: ReturnType<typeof routeCaller>["call"];

let agenda: TestAgenda;
let admin: TestUser, coordinator: TestUser, board: TestUser, adviser: TestUser;
// Twente: an agenda with one item, a coordinator, a board of two and an organisation; an adviser; the administrator.
beforeEach(async () => {
  ctx = await startRouteWorld();
  ({ db, collab, call } = ctx);
  const { make } = ctx;
  const region = make.region("twente");
  agenda = make.agenda({ region, items: [{ title: "Telemonitoring hartfalen vanuit het ziekenhuis", status: "prioriteit" }] });
  make.organisation({ region, name: "Gemeente Enschede", kind: "municipality" });
  admin = make.admin();
  coordinator = make.member(region, "coordinator");
  board = make.member(region, "board");
  make.member(region, "board");
  adviser = make.adviser([region]);
});
afterEach(async () => {
  await ctx.stop();
});

const twente = () => db.select().from(s.regions).where(eq(s.regions.slug, "twente")).get()!;
const audit = (action: string) => db.select().from(s.auditLog).where(eq(s.auditLog.action, action)).all();
const saveTwente = (who: Who, form: Record<string, string>) =>
  call(regionRoute.action, who, { params: { slug: "twente" }, form: { intent: "save-region", ruleKind: "consent", quorumPercent: "50", ...form } });

describe("region settings", () => {
  it("are for administrators only", async () => {
    expect((await call(regionsRoute.loader, null)).status).toBe(302);
    for (const who of [coordinator, adviser, board]) {
      expect((await call(regionsRoute.loader, who)).status).toBe(403);
      expect((await call(regionRoute.loader, who, { params: { slug: "twente" } })).status).toBe(403);
      expect((await saveTwente(who, { careWorkers: "1" })).status).toBe(403);
    }
    expect(twente().careWorkers).toBeNull();
    expect((await call(regionRoute.loader, admin, { params: { slug: "atlantis" } })).status).toBe(404);
  });

  it("saves care workers, decision rule and partner reading, audited; no target is derived from the care workers", async () => {
    const before = (await call(regionsRoute.loader, admin)).body.regions.find((r: { slug: string }) => r.slug === "twente");
    expect(before.target).toBeNull();
    // Written the Dutch way: the dot groups thousands.
    expect((await saveTwente(admin, { careWorkers: "61.000", ruleKind: "majority", quorumPercent: "60", partnersMayRead: "on" })).status).toBe(200);
    const row = twente();
    expect(row).toMatchObject({ careWorkers: 61000, savingTarget: null, decisionRule: { kind: "majority", quorum: 0.6 }, partnersMayRead: true });
    const after = (await call(regionRoute.loader, admin, { params: { slug: "twente" } })).body.region;
    expect(after.target).toBeNull();
    const [entry] = audit("region.settings");
    expect(entry.regionId).toBe(row.id);
    expect(entry.data).toMatchObject({ from: { careWorkers: null, partnersMayRead: false }, to: { careWorkers: 61000 } });
  });

  it("refuses bad input with a reason per field and changes nothing", async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ careWorkers: "-5" }, "careWorkers", "admin.region.careWorkersInvalid"],
      [{ careWorkers: "veel" }, "careWorkers", "admin.region.careWorkersInvalid"],
      [{ careWorkers: "61,5" }, "careWorkers", "admin.region.careWorkersInvalid"],
      // "61.5" has a dot no Dutch grouping puts there: refused as ambiguous, not read as 61.5 or 615.
      [{ careWorkers: "61.5" }, "careWorkers", "numbers.error.ambiguous"],
      [{ quorumPercent: "0" }, "quorumPercent", "admin.region.quorumInvalid"],
      [{ quorumPercent: "101" }, "quorumPercent", "admin.region.quorumInvalid"],
      [{ quorumPercent: "" }, "quorumPercent", "admin.region.quorumInvalid"],
      [{ ruleKind: "unanimity" }, "ruleKind", "admin.region.ruleInvalid"],
    ];
    const unchanged = twente();
    for (const [form, field, message] of cases) {
      const res = await saveTwente(admin, form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(res.body.errors[field]).toBe(message);
    }
    expect(twente()).toEqual(unchanged);
    expect(audit("region.settings")).toHaveLength(0);
  });

  it("applies a new decision rule to the next proposal and leaves an open one alone", async () => {
    const [itemId] = agenda.itemIds;
    const deadline = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const propose = async () => {
      const res = await call(proposeRoute.action, coordinator, { params: { agendaId: String(agenda.id) }, form: { intent: "propose", deadline, [`rank:${itemId}`]: "1" } });
      expect(res.status).toBe(302);
      return Number(res.response!.headers.get("Location")!.split("/").pop());
    };
    const first = await propose();
    await saveTwente(admin, { ruleKind: "majority", quorumPercent: "75" });
    expect(getProposal({ db, proposalId: first })!.rule).toEqual({ kind: "consent", quorum: 0.5 });
    // Under the frozen consent rule one objection returns it, which lets the coordinator propose again.
    const objection = await call(proposalRoute.action, board, { params: { proposalId: String(first) }, form: { intent: "vote", value: "bezwaar", reason: "Eerst de begroting." } });
    expect(objection.status).toBeLessThan(400);
    expect(getProposal({ db, proposalId: first })!.status).toBe("returned");
    const second = await propose();
    expect(getProposal({ db, proposalId: second })!.rule).toEqual({ kind: "majority", quorum: 0.75 });
  });
});

describe("organisations", () => {
  const save = (form: Record<string, string>, who: Who = admin) =>
    call(organisationsRoute.action, who, { form: { intent: "save-organisation", regionId: String(twente().id), ...form } });
  const named = (name: string) => db.select().from(s.organisations).where(eq(s.organisations.name, name)).all();

  it("adds and changes organisations, audited", async () => {
    const added = await save({ name: "ROC van Twente", kind: "school", schoolLevel: "mbo" });
    expect(added).toMatchObject({ status: 200, body: { ok: true, created: true } });
    const [roc] = named("ROC van Twente");
    expect(roc).toMatchObject({ kind: "school", schoolLevel: "mbo", sector: null, regionId: twente().id });
    const changed = await save({ organisationId: String(roc.id), name: "ROC van Twente", kind: "school", schoolLevel: "hbo" });
    expect(changed).toMatchObject({ status: 200, body: { ok: true, created: false } });
    expect(named("ROC van Twente")[0].schoolLevel).toBe("hbo");
    expect(audit("organisation.create")).toHaveLength(1);
    expect(audit("organisation.update")[0].data).toMatchObject({ from: { schoolLevel: "mbo" }, to: { schoolLevel: "hbo" } });
    const page = await call(organisationsRoute.loader, admin, { url: `http://localhost/beheer/organisaties?wijzig=${roc.id}` });
    expect(page.body.editing).toMatchObject({ id: roc.id, name: "ROC van Twente" });
  });

  it("refuses what does not fit the kind, duplicates and unknown ids, storing nothing", async () => {
    const count = () => db.select().from(s.organisations).all().length;
    const before = count();
    const cases: Array<[Record<string, string>, number, string, string]> = [
      [{ name: "", kind: "municipality" }, 400, "name", "admin.org.nameRequired"],
      [{ name: "Zorg X", kind: "care_provider" }, 400, "sector", "admin.org.sectorRequired"],
      [{ name: "Gemeente Hengelo", kind: "municipality", sector: "wijkverpleging" }, 400, "sector", "admin.org.sectorOnlyCare"],
      [{ name: "School X", kind: "school" }, 400, "schoolLevel", "admin.org.schoolLevelRequired"],
      [{ name: "Zorg Y", kind: "care_provider", sector: "ggz", schoolLevel: "wo" }, 400, "schoolLevel", "admin.org.schoolLevelOnlySchool"],
      [{ name: "Bank", kind: "bank" }, 400, "kind", "admin.org.kindInvalid"],
      [{ name: "Gemeente Enschede", kind: "municipality" }, 409, "name", "admin.org.duplicate"],
      [{ organisationId: "999999", name: "Nieuw", kind: "municipality" }, 404, "form", "admin.org.notFound"],
    ];
    for (const [form, status, field, message] of cases) {
      const res = await save(form);
      expect(res.status, JSON.stringify(form)).toBe(status);
      expect(res.body.errors[field]).toBe(message);
    }
    expect(count()).toBe(before);
    expect((await save({ name: "Gemeente Hengelo", kind: "municipality" }, coordinator)).status).toBe(403);
    expect(named("Gemeente Hengelo")).toHaveLength(0);
  });
});
