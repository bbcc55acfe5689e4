// Barriers on a real temp SQLite with two regions built by factories and the real collaboration server (its
// changeAgenda is what the routes use to validate anchors against the live document).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startRouteWorld, type RouteWorld } from "../support/route-calls";
import { and, count, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { AppLoadContext } from "@remix-run/node";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { type CollabServer } from "../../app/collab/server.server";
import { editorSchema } from "../../app/editor/extensions";
import {
  anchorForPassage,
  encodeAnchor,
  getBarrierMarkers,
  leafNodeNames,
  resolveItemAnchor,
  textRuns,
} from "../../app/domain/barrier-anchors";
import { addItem, getItem, getItemPlan } from "../../app/domain/agenda-doc";
import { createBarrierSchema, replySchema, statusSchema } from "../../app/forms/barriers";
import { parseForm } from "../../app/forms/validation";
import { findMentions } from "../../app/domain/mentions";
import {
  addReply,
  changeStatus,
  createBarrier,
  getBarrier,
  listBarriers,
} from "../../app/models/barriers.server";
import { createSession, loadPrincipal, SESSION_COOKIE } from "../../app/models/session.server";
import { requireRegionPermission } from "../../app/utils/auth.server";
import { requireBarrierPermission } from "../../app/utils/barrier-guard.server";
import { withLiveDoc } from "../../app/utils/live-change.server";

let ctx: RouteWorld;
let db: Db;
let collab: CollabServer;

const ADVISER = "adviseur@test.agendawerk.nl";
const MEMBER = "werkgroep@test.agendawerk.nl";
const COORDINATOR = "coordinator@test.agendawerk.nl";
const TWENTE_MEMBER = "werkgroep.twente@test.agendawerk.nl";
const LIMBURG_MEMBER = "werkgroep.limburg@test.agendawerk.nl";
const DIGI = "Digicoaches voor digitale vaardigheden";
const BEELD = "Beeldbellen in de wijkverpleging";

// Amsterdam's agenda with two planned items and Twente's with one; a member, coordinator and
// adviser of Amsterdam, and members of Twente and Zuid-Limburg.
beforeEach(async () => {
  ctx = await startRouteWorld();
  ({ db, collab } = ctx);
  const { make } = ctx;
  const [amsterdam, twente, limburg] = ["amsterdam", "twente", "zuid-limburg"].map((slug) => make.region(slug));
  make.agenda({
    region: amsterdam,
    items: [
      { title: DIGI, plan: ["Elke organisatie leidt twee digicoaches op via het ROC; zij begeleiden collega's op de werkvloer."] },
      { title: BEELD, plan: ["Wijkteams onderzoeken welke bezoeken op afstand kunnen zonder verlies van kwaliteit."] },
    ],
  });
  make.agenda({ region: twente, items: [{ title: "Valdetectie met sensoren rond het bed", plan: ["Drie locaties testen sensoren."] }] });
  make.member(amsterdam, "member", { email: MEMBER, name: "Fatima El Amrani" });
  make.member(amsterdam, "coordinator", { email: COORDINATOR, name: "Joost de Vries" });
  make.adviser([amsterdam, twente, limburg], { email: ADVISER, name: "Sanne Bakker" });
  make.member(twente, "member", { email: TWENTE_MEMBER });
  make.member(limburg, "member", { email: LIMBURG_MEMBER });
});
afterEach(async () => {
  await ctx.stop();
});

const userId = (email: string) => db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email)).get()!.id;
const actor = (email: string) => loadPrincipal({ db, userId: userId(email) })!;
const agendaOf = (slug: string) =>
  db
    .select({ id: s.agendas.id, regionId: s.agendas.regionId })
    .from(s.agendas)
    .innerJoin(s.regions, eq(s.regions.id, s.agendas.regionId))
    .where(eq(s.regions.slug, slug))
    .get()!;
const itemIdOf = (agendaId: number, title: string) =>
  db.select({ id: s.agendaItems.id }).from(s.agendaItems).where(and(eq(s.agendaItems.agendaId, agendaId), eq(s.agendaItems.title, title))).get()!.id;

function routeArgs(email: string, params: Record<string, string> = {}) {
  const { token } = createSession({ db, userId: userId(email), ip: "127.0.0.1", userAgent: "vitest" });
  const request = new Request("http://localhost/x", { headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
  const context = { db, collab, clientIp: "127.0.0.1" } as unknown as AppLoadContext;
  return { request, context, params };
}

function statusOf(fn: () => unknown): number | "passed" {
  try {
    fn();
    return "passed";
  } catch (err) {
    if (err instanceof Response) return err.status;
    throw err;
  }
}

/** What the create action does: parse the form, then validate and store inside changeAgenda. */
async function create(email: string, slug: string, fields: Record<string, string>) {
  const agenda = agendaOf(slug);
  const form = new FormData();
  for (const [k, v] of Object.entries({ intent: "create", severity: "middel", level: "regio", ...fields })) form.set(k, v);
  const parsed = parseForm(createBarrierSchema, form);
  if (!parsed.ok) return parsed;
  const context = { db, collab, clientIp: "127.0.0.1" } as unknown as AppLoadContext;
  return withLiveDoc(context, { agendaId: agenda.id, actor: actor(email) }, (doc) =>
    createBarrier({ db, doc, agenda, actor: actor(email), input: parsed.data }),
  );
}

async function liveDoc(agendaId: number) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await collab.getDocState(agendaId));
  return doc;
}

async function anchors(slug: string, title: string, passage: string) {
  const agenda = agendaOf(slug);
  const doc = await liveDoc(agenda.id);
  const itemId = itemIdOf(agenda.id, title);
  return { itemId, ...anchorForPassage(doc, itemId, passage)! };
}

const snapshot = () => ({
  barriers: db.select({ n: count() }).from(s.barriers).get()!.n,
  comments: db.select({ n: count() }).from(s.barrierComments).get()!.n,
  audit: db.select({ n: count() }).from(s.auditLog).get()!.n,
  notifications: db.select({ n: count() }).from(s.notifications).get()!.n,
});

describe("anchors", () => {
  it("follow edits before the passage and keep the quote when the passage is deleted", () => {
    const doc = new Y.Doc();
    const itemId = addItem(doc, { plan: ["Eerste alinea.", "We kopen sensoren maar de bekostiging ontbreekt nog."] });
    const other = addItem(doc, { plan: ["Een ander punt."] });
    const a = anchorForPassage(doc, itemId, "de bekostiging ontbreekt")!;
    expect(resolveItemAnchor(doc, itemId, a.start, a.end)).toMatchObject({ kind: "ok", quote: "de bekostiging ontbreekt" });

    const text = (getItemPlan(getItem(doc, itemId)!).get(1) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, "Nieuw: ");
    // Typing right at either edge stays outside the passage.
    const at = text.toString().indexOf("de bekostiging");
    text.insert(at, "xx ");
    text.insert(at + "xx de bekostiging ontbreekt".length, " yy");
    expect(resolveItemAnchor(doc, itemId, a.start, a.end)).toMatchObject({ kind: "ok", quote: "de bekostiging ontbreekt" });

    // Anchors are only valid in their own item.
    expect(resolveItemAnchor(doc, other, a.start, a.end).kind).toBe("outside");

    const start = text.toString().indexOf("de bekostiging");
    text.delete(start, "de bekostiging ontbreekt".length);
    expect(resolveItemAnchor(doc, itemId, a.start, a.end).kind).toBe("deleted");
  });

  it("number positions like ProseMirror: leaf nodes agree with the editor schema", () => {
    const leaves = Object.values(editorSchema.nodes).filter((n) => n.isLeaf && !n.isText).map((n) => n.name);
    for (const name of leaves) expect(leafNodeNames.has(name), name).toBe(true);
    const doc = new Y.Doc();
    const id = addItem(doc, { plan: ["ab", "cd"] });
    const runs = textRuns(getItemPlan(getItem(doc, id)!));
    // <p>ab</p><p>cd</p>: text starts at 1 and at 5.
    expect(runs.map((r) => r.from)).toEqual([1, 5]);
    expect(encodeAnchor(getItemPlan(getItem(doc, id)!), 99, "start")).toBeNull();
  });
});

describe("creating barriers", () => {
  it("an adviser marks a passage: row, live marker, follower, audit and an assigned notification", async () => {
    const a = await anchors("amsterdam", DIGI, "twee digicoaches");
    const before = snapshot();
    const result = await create(ADVISER, "amsterdam", { ...a, typeKey: "digital-skills", description: "Geen tijd <b>vrij</b>", assigneeId: String(userId(MEMBER)) });
    expect(result.ok).toBe(true);
    if (!result.ok || !("value" in result)) throw new Error("not created");
    const row = getBarrier({ db, barrierId: result.value.id })!;
    expect(row).toMatchObject({ quote: "twee digicoaches", status: "open", description: "Geen tijd <b>vrij</b>", assigneeId: userId(MEMBER) });
    const doc = await liveDoc(agendaOf("amsterdam").id);
    const marker = getBarrierMarkers(doc).get(String(result.value.id))!;
    expect(marker).toMatchObject({ itemId: a.itemId, status: "open", severity: "middel" });
    expect(resolveItemAnchor(doc, marker.itemId, marker.start, marker.end)).toMatchObject({ kind: "ok", quote: "twee digicoaches" });
    expect(snapshot().audit).toBe(before.audit + 1);
    const note = db.select().from(s.notifications).where(eq(s.notifications.barrierId, result.value.id)).all();
    expect(note.map((n) => [n.userId, n.kind])).toEqual([[userId(MEMBER), "assigned"]]);
  });

  it("stores a sub-type that belongs to the type", async () => {
    const a = await anchors("amsterdam", BEELD, "Wijkteams onderzoeken");
    const result = await create(ADVISER, "amsterdam", { ...a, typeKey: "financing", subTypeKey: "financing-subsidy-ending", description: "Het pilotgeld stopt in juni." });
    if (!result.ok || !("value" in result)) throw new Error("not created");
    expect(db.select({ sub: s.barriers.subTypeKey }).from(s.barriers).where(eq(s.barriers.id, result.value.id)).get()!.sub).toBe("financing-subsidy-ending");
  });

  it("a workgroup member cannot create a barrier (403); an outsider gets 404", () => {
    const amsterdam = agendaOf("amsterdam");
    expect(statusOf(() => requireRegionPermission(routeArgs(MEMBER), amsterdam.regionId, "annotate:barrier"))).toBe(403);
    expect(statusOf(() => requireRegionPermission(routeArgs(COORDINATOR), amsterdam.regionId, "annotate:barrier"))).toBe(403);
    expect(statusOf(() => requireRegionPermission(routeArgs(TWENTE_MEMBER), amsterdam.regionId, "annotate:barrier"))).toBe(404);
    expect(statusOf(() => requireRegionPermission(routeArgs(ADVISER), amsterdam.regionId, "annotate:barrier"))).toBe("passed");
  });

  it("refuses bad input with a Dutch message and stores nothing", async () => {
    const a = await anchors("amsterdam", DIGI, "twee digicoaches");
    const elsewhere = await anchors("amsterdam", BEELD, "Wijkteams onderzoeken");
    const twente = await anchors("twente", "Valdetectie met sensoren rond het bed", "Drie locaties");
    const docBefore = getBarrierMarkers(await liveDoc(agendaOf("amsterdam").id)).size;
    const before = snapshot();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ ...a, typeKey: "not-a-type", description: "x" }, "typeKey", "barriers.error.type"],
      [{ ...a, typeKey: "financing", description: "   " }, "description", "barriers.error.description"],
      [{ ...a, typeKey: "financing", description: "x", severity: "extreem" }, "severity", "barriers.error.severity"],
      // Anchors from another item of the same agenda, or from another agenda altogether.
      [{ itemId: a.itemId, start: elsewhere.start, end: elsewhere.end, typeKey: "financing", description: "x" }, "form", "barriers.error.anchor"],
      [{ itemId: a.itemId, start: twente.start, end: twente.end, typeKey: "financing", description: "x" }, "form", "barriers.error.anchor"],
      [{ itemId: a.itemId, start: "bm90IGFuIGFuY2hvcg==", end: a.end, typeKey: "financing", description: "x" }, "form", "barriers.error.anchor"],
      [{ ...a, start: a.end, end: a.start, typeKey: "financing", description: "x" }, "form", "barriers.error.anchorEmpty"],
      [{ ...a, itemId: "no-such-item", typeKey: "financing", description: "x" }, "form", "barriers.error.item"],
      // Only a region member can be asked to pick it up.
      [{ ...a, typeKey: "financing", description: "x", assigneeId: String(userId(TWENTE_MEMBER)) }, "assigneeId", "barriers.error.assignee"],
      // A sub-type belongs to its own type: "Wlz" under privacy would group it wrongly (decision 017).
      [{ ...a, typeKey: "privacy-ethics", subTypeKey: "financing-wlz", description: "x" }, "subTypeKey", "barriers.error.subType"],
      [{ ...a, typeKey: "financing", subTypeKey: "no-such-sub-type", description: "x" }, "subTypeKey", "barriers.error.subType"],
    ];
    for (const [fields, field, key] of cases) {
      const result = await create(ADVISER, "amsterdam", fields);
      expect(result.ok, JSON.stringify(fields)).toBe(false);
      if (!result.ok) expect(result.errors[field], field).toBe(key);
    }
    expect(snapshot()).toEqual(before);
    expect(getBarrierMarkers(await liveDoc(agendaOf("amsterdam").id)).size).toBe(docBefore);
    // The room survived the refusals.
    expect(collab.stats().perRoom.every((r) => r.state === "ready")).toBe(true);
  });
});

describe("threads and status", () => {
  async function amsterdamBarrier() {
    const a = await anchors("amsterdam", DIGI, "twee digicoaches");
    const result = await create(ADVISER, "amsterdam", { ...a, typeKey: "financing", description: "Onbekostigd" });
    if (!result.ok || !("value" in result)) throw new Error("not created");
    return getBarrier({ db, barrierId: result.value.id })!;
  }

  it("a member of another region cannot read or reply (404); members and the adviser can", async () => {
    const barrier = await amsterdamBarrier();
    const params = { barrierId: String(barrier.id) };
    expect(statusOf(() => requireBarrierPermission(routeArgs(TWENTE_MEMBER, params)))).toBe(404);
    expect(statusOf(() => requireBarrierPermission(routeArgs(LIMBURG_MEMBER, params)))).toBe(404);
    expect(statusOf(() => requireBarrierPermission(routeArgs(MEMBER, params)))).toBe("passed");
    expect(statusOf(() => requireBarrierPermission(routeArgs(ADVISER, params)))).toBe("passed");
    expect(statusOf(() => requireBarrierPermission(routeArgs(MEMBER, { barrierId: "999999" })))).toBe(404);
    // Lists are scoped the same way.
    const twente = agendaOf("twente");
    expect(listBarriers({ db, regionIds: [twente.regionId] }).some((b) => b.id === barrier.id)).toBe(false);
    expect(listBarriers({ db, regionIds: [agendaOf("amsterdam").regionId] }).some((b) => b.id === barrier.id)).toBe(true);
  });

  it("replies notify mentions and followers; text is stored as written", async () => {
    const barrier = await amsterdamBarrier();
    expect(parseForm(replySchema, Object.assign(new FormData(), {})).ok).toBe(false);
    const body = "Wij pakken dit op, @Sanne Bakker en @coordinator. <script>alert(1)</script>";
    addReply({ db, barrier, actor: actor(MEMBER), body });
    const notes = db.select().from(s.notifications).where(eq(s.notifications.barrierId, barrier.id)).all();
    expect(notes.map((n) => [n.userId, n.kind]).sort()).toEqual(
      [
        [userId(ADVISER), "mention"],
        [userId(COORDINATOR), "mention"],
      ].sort(),
    );
    expect(db.select().from(s.barrierComments).where(eq(s.barrierComments.barrierId, barrier.id)).get()!.body).toBe(body);
    // Now the member follows: the adviser's reply reaches her as "reply".
    addReply({ db, barrier, actor: actor(ADVISER), body: "Dank!" });
    expect(db.select().from(s.notifications).where(and(eq(s.notifications.userId, userId(MEMBER)), eq(s.notifications.kind, "reply"))).all()).toHaveLength(1);
    expect(findMentions("@an", [{ id: 1, name: "Anouk Smit", email: "anouk@x.nl" }])).toEqual([]);
  });

  it("a status change needs a reason; escalation is the adviser's and lands in the audit log with the marker", async () => {
    const barrier = await amsterdamBarrier();
    const form = new FormData();
    form.set("intent", "status");
    form.set("status", "in_behandeling");
    form.set("reason", "  ");
    const parsed = parseForm(statusSchema, form);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.reason).toBe("barriers.error.reason");

    const before = snapshot();
    const refused = changeStatus({ db, barrierId: barrier.id, actor: actor(MEMBER), to: "geescaleerd", reason: "Naar Den Haag" });
    expect(refused).toEqual({ ok: false, errors: { status: "barriers.error.escalateAdviser" } });
    expect(changeStatus({ db, barrierId: barrier.id, actor: actor(MEMBER), to: "open", reason: "x" }).ok).toBe(false);
    expect(snapshot()).toEqual(before);
    expect(getBarrier({ db, barrierId: barrier.id })!.status).toBe("open");

    const agendaId = agendaOf("amsterdam").id;
    await collab.changeAgenda({
      agendaId,
      actor: actor(ADVISER),
      change: (doc) => {
        const r = changeStatus({ db, doc, barrierId: barrier.id, actor: actor(ADVISER), to: "geescaleerd", reason: "Landelijke bekostiging nodig" });
        expect(r.ok).toBe(true);
      },
    });
    expect(getBarrier({ db, barrierId: barrier.id })).toMatchObject({ status: "geescaleerd" });
    const audit = db.select().from(s.auditLog).where(and(eq(s.auditLog.entityType, "barrier"), eq(s.auditLog.entityId, String(barrier.id)), eq(s.auditLog.action, "barrier.escalated"))).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: userId(ADVISER), data: { from: "open", to: "geescaleerd", reason: "Landelijke bekostiging nodig" } });
    const comment = db.select().from(s.barrierComments).where(eq(s.barrierComments.barrierId, barrier.id)).all().at(-1)!;
    expect(comment).toMatchObject({ statusFrom: "open", statusTo: "geescaleerd", body: "Landelijke bekostiging nodig", authorId: userId(ADVISER) });
    expect(getBarrierMarkers(await liveDoc(agendaId)).get(String(barrier.id))!.status).toBe("geescaleerd");

    // A member may then move it on, with a reason.
    expect(changeStatus({ db, barrierId: barrier.id, actor: actor(MEMBER), to: "opgelost", reason: "Geregeld via de subsidie" }).ok).toBe(true);
    expect(db.select().from(s.auditLog).where(and(eq(s.auditLog.entityId, String(barrier.id)), eq(s.auditLog.action, "barrier.status_changed"))).all()).toHaveLength(1);
  });
});
