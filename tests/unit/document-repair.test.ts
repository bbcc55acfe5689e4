// A document stored damaged before the schema was enforced (written straight into the update log
// here) must not take pages down: the agenda page and an old version answer 200, show the rest,
// and mark the damaged part with the way to restore it. The schema's rich-text rules must match
// the editor's.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import type { Db } from "../../db";
import { createCollabServer, createSessionAuth, type CollabServer } from "../../app/collab/server.server";
import { agendaRoom } from "../../app/domain/rooms";
import { getItem, getItems, orderedItemIds } from "../../app/domain/agenda-doc";
import { documentViolations, richTextRules } from "../../app/domain/agenda-schema";
import { parsePresence } from "../../app/domain/presence";
import { editorSchema } from "../../app/editor/extensions";
import { loader as agendaLoader } from "../../app/routes/agendas.$agendaId";
import { loader as versionLoader } from "../../app/routes/agendas.$agendaId_.versies_.$versionId";
import type { DocumentOnly } from "../../app/utils/document-only";
import { type RouteWorld, routeCaller, startRouteWorld } from "../support/route-calls";
import type { TestUser } from "../support/factories";

let ctx: RouteWorld;
let db: Db;
let collab: CollabServer;
const quiet = { info() {}, warn() {}, error() {} };

let agendaId: number;
let member: TestUser;
beforeEach(async () => {
  ctx = await startRouteWorld();
  ({ db, collab } = ctx);
  const region = ctx.make.region("amsterdam");
  agendaId = ctx.make.agenda({
    region,
    intro: ["Samen werken we aan arbeidsbesparende innovaties."],
    items: [
      { title: "Slim incontinentiemateriaal", status: "prioriteit", plan: ["Sensoren op twaalf afdelingen.", "De financiering is nog niet geregeld."] },
      { title: "Digicoaches", status: "in_uitvoering", sectors: ["ouderenzorg"], plan: ["Twee digicoaches per organisatie."] },
      { title: "Beeldbellen in de wijkverpleging", plan: ["Welke bezoeken kunnen op afstand?"] },
    ],
  }).id;
  member = ctx.make.member(region);
});
afterEach(async () => {
  await ctx.stop();
});

/** Damages the agenda as an editor could before the fix, bypassing the server: straight into the log. */
async function damage(agendaId: number) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await collab.getDocState(agendaId));
  await collab.close();
  const before = Y.encodeStateVector(doc);
  const [first, second] = orderedItemIds(doc);
  getItem(doc, first)!.set("title", 42 as never);
  getItem(doc, second)!.set("plan", new Y.XmlText("los"));
  getItems(doc).set("kapot", 7 as never);
  db.insert(s.ydocUpdates).values({ room: agendaRoom(agendaId), update: Buffer.from(Y.encodeStateAsUpdate(doc, before)), userId: null }).run();
  collab = createCollabServer({ db, auth: createSessionAuth({ db }), log: quiet });
  return { first, second };
}

describe("a damaged document", () => {
  it("leaves the agenda page at 200 with the rest shown and the damaged parts marked", async () => {
    const { first, second } = await damage(agendaId);
    // Someone opens the agenda: the room loads and projects the read model.
    await collab.changeAgenda({ agendaId, actor: null, change: () => {} });
    const { call } = routeCaller({ db, collab });
    // A document request, as a browser opening the page makes: the first paint goes to the render.
    const documentOnly: DocumentOnly = {};
    const page = await call(agendaLoader, member, { url: `http://localhost/agendas/${agendaId}`, params: { agendaId: String(agendaId) }, context: { documentOnly } });
    expect(page.status).toBe(200);
    const html = documentOnly.agendaFirstPaint!;
    const rows = db.select().from(s.agendaItems).where(eq(s.agendaItems.agendaId, agendaId)).all();
    expect(rows.find((r) => r.id === first)!.damaged).toEqual(["title"]);
    expect(rows.find((r) => r.id === second)!.damaged).toEqual(["plan"]);
    expect(rows.find((r) => r.id === "kapot")!.damaged).toEqual(["item"]);
    expect(html.match(/data-testid="item-damaged"/g)).toHaveLength(3);
    expect(html).toContain(`/agendas/${agendaId}/versies`);
    // The undamaged items are all there.
    expect(html.match(/data-testid="static-item"/g)!.length).toBe(rows.length);
  });

  it("leaves an old version of it readable, with the damaged parts marked", async () => {
    await damage(agendaId);
    const versionId = await collab.createVersion({ agendaId, kind: "named", name: "beschadigd", actor: null });
    const { call } = routeCaller({ db, collab });
    const page = await call(versionLoader, member, { params: { agendaId: String(agendaId), versionId: String(versionId) } });
    expect(page.status).toBe(200);
    // The version's markup (data on a client navigation): the three damaged parts marked, the rest shown.
    const html = page.body.content as string;
    expect(html.match(/data-testid="item-damaged"/g)).toHaveLength(3);
    expect(html.match(/data-testid="static-item"/g)).toHaveLength(4);
  });
});

describe("the schema", () => {
  it("accepts an agenda as the agenda-doc helpers write it", async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await collab.getDocState(agendaId));
    expect(documentViolations(doc)).toEqual([]);
  });

  it("holds the editor's rich-text rules (nodes, children, text, attributes, marks)", () => {
    const nodes: Record<string, { children: string[]; text: boolean; attrs: string[] }> = {};
    for (const [name, type] of Object.entries(editorSchema.nodes)) {
      if (type.isText) continue;
      const children = new Set<string>();
      const seen = new Set<unknown>();
      const todo = [type.contentMatch];
      while (todo.length) {
        const match = todo.pop()!;
        if (seen.has(match)) continue;
        seen.add(match);
        for (let i = 0; i < match.edgeCount; i++) {
          children.add(match.edge(i).type.name);
          todo.push(match.edge(i).next);
        }
      }
      const text = children.delete("text");
      nodes[name] = { children: [...children].sort(), text, attrs: Object.keys(type.spec.attrs ?? {}).sort() };
    }
    const ours = Object.fromEntries(
      Object.entries(richTextRules.nodes).map(([n, r]) => [n, { children: [...r.children].sort(), text: r.text, attrs: [...r.attrs].sort() }]),
    );
    expect(ours).toEqual(nodes);
    const marks = Object.fromEntries(Object.entries(editorSchema.marks).map(([n, m]) => [n, Object.keys(m.spec.attrs ?? {}).sort()]));
    expect(Object.fromEntries(Object.entries(richTextRules.marks).map(([n, a]) => [n, [...a].sort()]))).toEqual(marks);
  });

  it("takes the presence our editors send, as the server relays it", () => {
    const cursor = { anchor: { type: { client: 1, clock: 4 }, tname: null, item: null, assoc: 0 }, head: { type: null, tname: "intro", item: null, assoc: -1 } };
    expect(parsePresence({})).not.toBeNull();
    expect(parsePresence({ user: { id: 3, name: "Anna", color: "#a1b2c3", readOnly: false }, cursor })).not.toBeNull();
    expect(parsePresence({ user: { id: 3, name: "Anna", color: "#a1b2c3" }, cursor: null })).not.toBeNull();
    expect(parsePresence({ cursor: { anchor: { tname: "ATTACK" }, head: { tname: "intro" } } })).toBeNull();
  });
});
