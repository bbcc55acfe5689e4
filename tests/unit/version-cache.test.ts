// The version page keeps each version's projection and today's decoded document between requests
// (app/models/version.server.ts): it must never show today's agenda stale, whatever wrote to the
// room since, and must still check who asks on every request.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { and, eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { addItem, getItem, replaceText } from "../../app/domain/agenda-doc";
import { agendaStorage } from "../../app/collab/storage.server";
import { readCurrentContent, readVersionContent } from "../../app/models/version.server";
import { loader as versionLoader } from "../../app/routes/agendas.$agendaId_.versies_.$versionId";
import { startRouteWorld, type RouteWorld } from "../support/route-calls";
import type { TestUser } from "../support/factories";
import type { DocumentOnly } from "../../app/utils/document-only";

let w: RouteWorld;
let agendaId: number;
let room: string;
let itemId: string;
let member: TestUser;
let versionId: number;
beforeEach(async () => {
  w = await startRouteWorld();
  const region = w.make.region("amsterdam");
  ({ id: agendaId, room, itemIds: [itemId] } = w.make.agenda({ region, items: [{ title: "Digicoaches", plan: ["Twee per organisatie."] }] }));
  member = w.make.member(region);
  versionId = await w.collab.createVersion({ agendaId, kind: "named", name: "eerste", actor: null });
});
afterEach(() => w.stop());

const view = (who: TestUser, id = versionId) => w.call(versionLoader, who, { params: { agendaId: String(agendaId), versionId: String(id) } });
const added = async () => (await view(member)).body.compared.counts.added as number;
const titles = () => readCurrentContent({ db: w.db, agendaId }).items.map((i) => i.title);

describe("the version page's cache", () => {
  it("decodes a version once: the same projection serves the next request", () => {
    const first = readVersionContent({ db: w.db, agendaId, versionId })!;
    expect(readVersionContent({ db: w.db, agendaId, versionId })!.items).toBe(first.items);
    expect(readVersionContent({ db: w.db, agendaId: agendaId + 1, versionId })).toBeNull();
  });

  it("shows every change to today's agenda made after a view, through the room and in the log", async () => {
    expect(await added()).toBe(0);
    await w.collab.changeAgenda({ agendaId, actor: null, change: (doc) => void addItem(doc, { title: "Beeldbellen" }) });
    expect(await added()).toBe(1);
    await w.collab.changeAgenda({ agendaId, actor: null, change: (doc) => void addItem(doc, { title: "Valdetectie" }) });
    expect(await added()).toBe(2);
    expect(titles()).toEqual(["Digicoaches", "Beeldbellen", "Valdetectie"]);
  });

  it("shows what a compaction folded into the snapshot, rows it had not seen included", async () => {
    expect(titles()).toEqual(["Digicoaches"]);
    await w.collab.changeAgenda({ agendaId, actor: null, change: (doc) => replaceText(getItem(doc, itemId)!.get("title") as Y.Text, "Digicoaches in de wijk") });
    await w.collab.flush();
    const last = w.db.select({ id: s.ydocUpdates.id }).from(s.ydocUpdates).where(eq(s.ydocUpdates.room, room)).all().at(-1)!.id;
    agendaStorage(w.db).compact(room, await w.collab.getDocState(agendaId), last, new Date());
    expect(w.db.select().from(s.ydocUpdates).where(eq(s.ydocUpdates.room, room)).all()).toEqual([]);
    expect(titles()).toEqual(["Digicoaches in de wijk"]);
  });

  it("shows a version stored after the first view, and a restore", async () => {
    await view(member);
    await w.collab.changeAgenda({ agendaId, actor: null, change: (doc) => void addItem(doc, { title: "Beeldbellen" }) });
    const second = await w.collab.createVersion({ agendaId, kind: "named", name: "tweede", actor: null });
    expect((await view(member, second)).body.content).toContain("Beeldbellen");
    expect((await view(member)).body.content).not.toContain("Beeldbellen");
    await w.collab.restoreVersion({ agendaId, versionId, actor: null });
    expect(titles()).toEqual(["Digicoaches"]);
  });

  it("sends a version's content with the document only, as markup", async () => {
    const documentOnly: DocumentOnly = {};
    const page = await w.call(versionLoader, member, { params: { agendaId: String(agendaId), versionId: String(versionId) }, context: { documentOnly } });
    expect(page.body.content).toBeNull();
    expect(documentOnly.versionContent).toContain("Digicoaches");
  });

  it("still checks the reader on every request", async () => {
    expect((await view(member)).status).toBe(200);
    const outsider = w.make.member(w.make.region("twente"));
    expect((await view(outsider)).status).toBe(404);
    w.db.delete(s.memberships).where(and(eq(s.memberships.userId, member.id), eq(s.memberships.regionId, w.db.select().from(s.agendas).where(eq(s.agendas.id, agendaId)).get()!.regionId))).run();
    expect((await view(member)).status).toBe(404);
  });
});

// Agenda ids repeat across databases (each test's temp one): entries are kept per database.
it("keeps today's document per database", async () => {
  const other = await startRouteWorld();
  try {
    const region = other.make.region("amsterdam");
    const a = other.make.agenda({ region, items: [{ title: "Elders" }] });
    expect(readCurrentContent({ db: other.db, agendaId: a.id }).items.map((i) => i.title)).toEqual(["Elders"]);
    expect(titles()).toEqual(["Digicoaches"]);
  } finally {
    await other.stop();
  }
});
