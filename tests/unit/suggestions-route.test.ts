// Accepting and rejecting suggestions needs edit rights (decision 035): those who may only suggest
// (a partner organisation's staff, a board member where the region allows it) get 403 from the
// suggestions route, and neither the live document nor the audit log changes. A coordinator's same
// request settles the suggestion, so the refusals are not of a request that could not work anyway.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { eq, like } from "drizzle-orm";
import * as s from "../../db/schema";
import { getIntro } from "../../app/domain/agenda-doc";
import { listSuggestions } from "../../app/domain/suggestions";
import { action } from "../../app/routes/agendas.$agendaId_.suggesties";
import { type RouteWorld, startRouteWorld } from "../support/route-calls";
import type { TestUser } from "../support/factories";

let ctx: RouteWorld;
let agendaId: number;
let partner: TestUser;
let board: TestUser;
let coordinator: TestUser;

beforeEach(async () => {
  ctx = await startRouteWorld();
  const region = ctx.make.region("amsterdam");
  ctx.db.update(s.regions).set({ partnersMayRead: true, boardMaySuggest: true }).where(eq(s.regions.id, region.id)).run();
  agendaId = ctx.make.agenda({ region, intro: ["De regio kiest drie innovaties."] }).id;
  partner = ctx.make.user({ organisationId: ctx.make.organisation({ region }).id });
  board = ctx.make.member(region, "board");
  coordinator = ctx.make.member(region, "coordinator");
  await ctx.collab.changeAgenda({
    agendaId,
    actor: null,
    change: (doc) => {
      const text = (getIntro(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(0, "Samen met het onderwijs. ", { insertion: { id: "ins1", author: partner.id, authorName: partner.name, at: "2026-12-02T10:00:00.000Z" } });
    },
  });
});
afterEach(async () => {
  await ctx.stop();
});

const settle = (who: TestUser, form: Record<string, string>) => ctx.call(action, who, { params: { agendaId: String(agendaId) }, form });

/** The live document's content and the audit log's suggestion rows. */
async function state() {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await ctx.collab.getDocState(agendaId));
  return {
    intro: getIntro(doc).toString(),
    suggestions: listSuggestions(doc).map((x) => x.id),
    audit: ctx.db.select().from(s.auditLog).where(like(s.auditLog.action, "suggestion.%")).all(),
  };
}

describe("settling suggestions", () => {
  it("is refused with 403 for a partner and a board member, by id or by author, and nothing changes", async () => {
    const before = await state();
    expect(before.suggestions).toEqual(["ins1"]);
    const forms: Array<Record<string, string>> = [
      { intent: "accept", id: "ins1" },
      { intent: "reject", id: "ins1" },
      { intent: "accept", author: String(partner.id) },
      { intent: "reject", author: String(partner.id) },
    ];
    for (const [who, name] of [[partner, "partner"], [board, "board member"]] as const) {
      for (const form of forms) {
        expect((await settle(who, form)).status, `${name} ${JSON.stringify(form)}`).toBe(403);
      }
    }
    expect(await state()).toEqual(before);
  });

  it("is done for the coordinator, and recorded", async () => {
    expect(await settle(coordinator, { intent: "accept", id: "ins1" })).toMatchObject({ status: 200, body: { ok: true, settled: 1 } });
    const after = await state();
    expect(after.suggestions).toEqual([]);
    expect(after.audit.map((row) => [row.action, row.actorId])).toEqual([["suggestion.accept", coordinator.id]]);
  });
});
