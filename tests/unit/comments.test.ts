// Passage comments (decision 036) through the real route module on a temp SQLite and the real
// collaboration server: who may comment, mentions in the inbox, resolve and reopen, the marker.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import * as s from "../../db/schema";
import { startRouteWorld, type RouteWorld } from "../support/route-calls";
import type { TestAgenda, TestUser } from "../support/factories";
import { anchorForPassage, encodeAnchor } from "../../app/domain/barrier-anchors";
import { getIntro } from "../../app/domain/agenda-doc";
import { getCommentMarkers } from "../../app/domain/comment-anchors";
import { listNotifications } from "../../app/models/notifications.server";
import { createThread, listThreads } from "../../app/models/comments.server";
import { NotAllowedError } from "../../app/models/errors.server";
import { action, loader } from "../../app/routes/agendas.$agendaId_.opmerkingen";

let w: RouteWorld;
let agenda: TestAgenda;
let twenteAgenda: TestAgenda;
let adviser: TestUser;
let coordinator: TestUser;
let member: TestUser;
let partner: TestUser;
let twenteMember: TestUser;

const INTRO = "De regio wil in vier jaar tienduizend uur zorgtijd vrijspelen.";
const PLAN = "Elke organisatie leidt twee digicoaches op via het ROC.";

beforeEach(async () => {
  w = await startRouteWorld();
  const amsterdam = w.make.region("amsterdam");
  const twente = w.make.region("twente");
  w.db.update(s.regions).set({ partnersMayRead: true }).where(eq(s.regions.id, amsterdam.id)).run();
  agenda = w.make.agenda({ region: amsterdam, intro: [INTRO], items: [{ title: "Digicoaches", plan: [PLAN] }] });
  twenteAgenda = w.make.agenda({ region: twente, items: [{ title: "Valdetectie", plan: ["Drie locaties testen sensoren."] }] });
  adviser = w.make.adviser([amsterdam, twente], { name: "Sanne Bakker" });
  coordinator = w.make.member(amsterdam, "coordinator", { name: "Joost de Vries" });
  member = w.make.member(amsterdam, "member", { name: "Fatima El Amrani" });
  // A partner: staff of an organisation in the region without a membership.
  partner = w.make.user({ organisationId: w.make.organisation({ region: amsterdam }).id, name: "Pieter Partner" });
  twenteMember = w.make.member(twente, "member");
});
afterEach(async () => {
  await w.stop();
});

async function liveDoc(agendaId: number) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await w.collab.getDocState(agendaId));
  return doc;
}

/** Anchors for `passage` in the introduction (itemId null) or the item's plan. */
async function anchorsFor(a: TestAgenda, itemId: string | null, passage: string) {
  const doc = await liveDoc(a.id);
  if (itemId) return anchorForPassage(doc, itemId, passage)!;
  const intro = getIntro(doc);
  const at = INTRO.indexOf(passage) + 1; // the paragraph opens at position 0
  return { start: encodeAnchor(intro, at, "start")!, end: encodeAnchor(intro, at + passage.length, "end")! };
}

const post = (who: TestUser, a: TestAgenda, form: Record<string, string>) => w.call(action, who, { params: { agendaId: String(a.id) }, form });
const load = (who: TestUser, a: TestAgenda) => w.call(loader, who, { params: { agendaId: String(a.id) } });

async function comment(who: TestUser, body: string, { itemId = agenda.itemIds[0], passage = "twee digicoaches" }: { itemId?: string | null; passage?: string } = {}) {
  const anchors = await anchorsFor(agenda, itemId, passage);
  return post(who, agenda, { intent: "create", ...(itemId ? { itemId } : {}), ...anchors, body });
}

const kindsFor = (u: TestUser) => listNotifications({ db: w.db, actor: u.principal() }).map((n) => n.kind).sort();

describe("who may comment", () => {
  it("refuses a member of another region (404), for reading the comments too", async () => {
    const anchors = await anchorsFor(agenda, agenda.itemIds[0], "twee digicoaches");
    const outcome = await post(twenteMember, agenda, { intent: "create", itemId: agenda.itemIds[0], ...anchors, body: "Hoe doen jullie dit?" });
    expect(outcome.status).toBe(404);
    expect((await load(twenteMember, agenda)).status).toBe(404);
    expect(w.db.select().from(s.commentThreads).all()).toHaveLength(0);
  });

  it("is refused by the model itself for a member of another region, whatever the caller checked", async () => {
    const anchors = await anchorsFor(agenda, agenda.itemIds[0], "twee digicoaches");
    const doc = await liveDoc(agenda.id);
    const input = { intent: "create" as const, itemId: agenda.itemIds[0], ...anchors, body: "Vraag" };
    expect(() => createThread({ db: w.db, doc, agendaId: agenda.id, actor: twenteMember.principal(), input })).toThrow(NotAllowedError);
    expect(() => listThreads({ db: w.db, agendaId: agenda.id, actor: twenteMember.principal() })).toThrow(NotAllowedError);
    expect(createThread({ db: w.db, doc, agendaId: agenda.id, actor: partner.principal(), input }).ok).toBe(true);
  });

  it("lets a partner comment where the region allows partners to read, and not where it does not", async () => {
    const ok = await comment(partner, "Wij kunnen hierbij helpen.");
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true });
    w.db.update(s.regions).set({ partnersMayRead: false }).where(eq(s.regions.id, agenda.regionId)).run();
    const refused = await comment(partner, "Nog een opmerking.");
    expect(refused.status).toBe(404);
    expect(w.db.select().from(s.commentThreads).all()).toHaveLength(1);
  });

  it("takes a passage of the introduction, and refuses an anchor from another agenda", async () => {
    const intro = await comment(member, "Is dit haalbaar?", { itemId: null, passage: "tienduizend uur zorgtijd" });
    expect(intro.body).toMatchObject({ ok: true });
    const thread = w.db.select().from(s.commentThreads).get()!;
    expect(thread).toMatchObject({ itemId: null, quote: "tienduizend uur zorgtijd" });
    expect(getCommentMarkers(await liveDoc(agenda.id)).get(String(thread.id))).toMatchObject({ itemId: null, resolved: false, entries: 1 });

    const foreign = anchorForPassage(await liveDoc(twenteAgenda.id), twenteAgenda.itemIds[0], "Drie locaties")!;
    const refused = await post(member, agenda, { intent: "create", itemId: agenda.itemIds[0], ...foreign, body: "Elders" });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.form).toBe("comments.error.anchor");
  });

  it("bounds a comment's length and its mentions", async () => {
    const long = await comment(member, "x".repeat(2001));
    expect(long.body.errors.body).toBe("form.tooLong.2000");
    const people = Array.from({ length: 11 }, (_, i) => w.make.member(w.make.region("amsterdam"), "member", { name: `Persoon ${String.fromCharCode(65 + i)}` }));
    const crowd = await comment(member, people.map((p) => `@${p.name}`).join(" "));
    expect(crowd.body.errors.body).toBe("comments.error.tooManyMentions");
    expect(w.db.select().from(s.commentThreads).all()).toHaveLength(0);
  });
});

describe("notifications", () => {
  it("tells the mentioned and the workgroup of a new comment, and the participants of a reply", async () => {
    await comment(adviser, "@Joost de Vries kun je dit toelichten?");
    expect(kindsFor(coordinator)).toEqual(["comment_mention"]);
    expect(kindsFor(member)).toEqual(["comment"]);
    expect(kindsFor(adviser)).toEqual([]);
    expect(kindsFor(partner)).toEqual([]);

    const thread = w.db.select().from(s.commentThreads).get()!;
    const reply = await post(coordinator, agenda, { intent: "reply", threadId: String(thread.id), body: "Ja: het ROC levert de opleiding." });
    expect(reply.body).toMatchObject({ ok: true });
    expect(kindsFor(adviser)).toEqual(["comment_reply"]);
    expect(getCommentMarkers(await liveDoc(agenda.id)).get(String(thread.id))?.entries).toBe(2);

    const listed = await load(member, agenda);
    expect(listed.body.threads[0].comments.map((c: { authorName: string }) => c.authorName)).toEqual(["Sanne Bakker", "Joost de Vries"]);
    expect(listed.body.people).toContain("Joost de Vries");
  });
});

describe("resolve and reopen", () => {
  it("resolves and reopens, mirrored in the marker; a resolved thread takes no reply", async () => {
    await comment(member, "Klopt dit aantal?");
    const id = String(w.db.select().from(s.commentThreads).get()!.id);
    expect((await post(partner, agenda, { intent: "resolve", threadId: id })).body).toMatchObject({ ok: true });
    expect(getCommentMarkers(await liveDoc(agenda.id)).get(id)?.resolved).toBe(true);
    expect(w.db.select().from(s.commentThreads).get()).toMatchObject({ resolvedBy: partner.id });

    const late = await post(coordinator, agenda, { intent: "reply", threadId: id, body: "Toch nog iets." });
    expect(late.body.errors.form).toBe("comments.error.resolved");
    expect((await post(member, agenda, { intent: "resolve", threadId: id })).body.errors.form).toBe("comments.error.alreadyResolved");

    expect((await post(coordinator, agenda, { intent: "reopen", threadId: id })).body).toMatchObject({ ok: true });
    expect(getCommentMarkers(await liveDoc(agenda.id)).get(id)?.resolved).toBe(false);
    expect(w.db.select().from(s.commentThreads).get()).toMatchObject({ resolvedAt: null, resolvedBy: null });
  });

  it("does not touch a thread of another agenda through this agenda's route", async () => {
    await comment(member, "Vraag");
    const id = String(w.db.select().from(s.commentThreads).get()!.id);
    const twenteCoordinator = w.make.member(w.make.region("twente"), "coordinator");
    const outcome = await post(twenteCoordinator, twenteAgenda, { intent: "resolve", threadId: id });
    expect(outcome.body.errors.form).toBe("comments.error.thread");
    expect(w.db.select().from(s.commentThreads).get()!.resolvedAt).toBeNull();
  });
});
