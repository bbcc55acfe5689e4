// Word import (decision 034): the mapping from a converted document to an introduction and items
// (table, headings, numbered sections), the refusals of broken, foreign, huge and bomb files, the
// confirmation as one change through the room that a version restore undoes, and its texts.
import fs from "node:fs";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { availableModes, draftFor, readMechanism, readPeriod, WORD_LIMITS, writeBlocks, type Block, type WordDocument } from "../../app/domain/word-import";
import { editorSchema } from "../../app/editor/extensions";
import { getIntro, getItemPlan, getItems, projectAgenda } from "../../app/domain/agenda-doc";
import { documentViolations } from "../../app/domain/agenda-schema";
import { confirmWordImport, createWordImport, getWordImport, readWordUpload, saveWordDraft, type DraftEdits } from "../../app/models/word-import.server";
import { NotAllowedError } from "../../app/models/errors.server";
import type { Principal } from "../../app/domain/permissions";
import { BODY_LIMIT_BYTES, bodyLimitFor } from "../../http/guards";
import messages from "../../app/i18n/word-import";
import { longAgenda, SAMPLE_ITEMS } from "../support/word-documents";
import { startRouteWorld, type RouteWorld } from "../support/route-calls";

const sample = fs.readFileSync(path.join(__dirname, "../fixtures/regio-agenda.docx"));

async function readOk(bytes: Uint8Array): Promise<WordDocument> {
  const read = await readWordUpload(bytes);
  if (!read.ok) throw new Error(`not read: ${read.error.key}`);
  return read.doc;
}

const p = (text: string): Block => ({ type: "paragraph", content: [{ text }] });
const h = (level: number, text: string): Block => ({ type: "heading", level, content: [{ text }] });

/** A zip of stored/deflated parts whose headers claim 1 byte uncompressed: sizes in a zip are not to be believed. */
function zip(parts: Array<[string, Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const body = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(1, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(1, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe("finding the items", () => {
  it("reads the sample's table into items with their lead organisation, period and way of saving", async () => {
    const doc = await readOk(sample);
    expect(doc.skipped).toEqual({ images: 1, comments: 1 });
    const draft = draftFor(doc);
    expect(draft.mode).toBe("table");
    expect(draft.items.map((i) => [i.title, i.leadOrganisation, i.startDate, i.endDate, i.mechanism])).toEqual([
      ["Slimme zorg thuis", "Zuyderland", "2025-01-01", "2026-12-31", "substitution"],
      ["Valpreventie in de wijk", "GGD Zuid Limburg", "2025-01-01", "2027-12-31", "prevention"],
      ["Roosteren met zelfroosteren", "Sevagram", "2026-01-01", "2026-12-31", "working-differently"],
    ]);
    expect(draft.items[0].plan).toEqual([p(SAMPLE_ITEMS[0].plan)]);
    expect(draft.items[0].periodText).toBe("Q1 2025 – Q4 2026");
    // The introduction keeps its marks, link and list; the table's caption heading is not in it.
    const intro = JSON.stringify(draft.intro);
    expect(intro).toContain('{"text":"arbeidsbesparing","bold":true}');
    expect(intro).toContain('{"text":"samen met de partners","italic":true}');
    expect(intro).toContain('"href":"https://www.example.org/regioplan"');
    expect(draft.intro.some((b) => b.type === "bulletList" && b.items.length === 3)).toBe(true);
    expect(intro).not.toContain("Agendapunten");
    expect(availableModes(doc)).toEqual(["table", "headings"]);
  });

  it("takes the items under the most frequent top heading level, with 'Trekker:' and 'Periode:' lines as fields", async () => {
    const draft = draftFor(await readOk(await longAgenda(3)));
    expect(draft.mode).toBe("headings");
    expect(draft.items.map((i) => i.title)).toEqual(["Agendapunt 1", "Agendapunt 2", "Agendapunt 3"]);
    expect(draft.items[0]).toMatchObject({ leadOrganisation: "Organisatie 1", startDate: "2026-04-01", endDate: "2027-12-31" });
    expect(draft.items[0].plan.map((b) => b.type)).toEqual(["paragraph", "paragraph", "paragraph", "paragraph", "bulletList"]);
    // The document's one h1 is its title: named in the preview, not a second title in the introduction.
    expect(draft.intro.map((b) => b.type)).toEqual(["paragraph"]);
    expect(draft.documentTitle).toBe("Regionaal plan (lang)");
  });

  it("keeps a first heading that is one of several of its level in the introduction", () => {
    const table: Block = { type: "table", rows: [[[{ text: "Titel" }], [{ text: "Trekker" }]], [[{ text: "Punt A" }], [{ text: "Org A" }]]] };
    const doc: WordDocument = { blocks: [h(1, "Inleiding"), p("Tekst."), h(1, "Achtergrond"), p("Meer."), table], skipped: { images: 0, comments: 0 } };
    const draft = draftFor(doc);
    expect(draft.documentTitle).toBeNull();
    expect(draft.intro).toEqual([h(1, "Inleiding"), p("Tekst."), h(1, "Achtergrond"), p("Meer.")]);
  });

  it("finds numbered sections that count up from 1, and not a paragraph that merely starts with a number", () => {
    const doc: WordDocument = {
      blocks: [p("Inleiding van de regio."), p("1. Valpreventie"), p("Trekker: GGD"), p("Samen met de huisartsen."), p("2025 werd een goed jaar"), p("2. Beeldzorg"), p("Uitbreiden naar de nacht.")],
      skipped: { images: 0, comments: 0 },
    };
    const draft = draftFor(doc);
    expect(draft.mode).toBe("numbered");
    expect(draft.items.map((i) => [i.title, i.leadOrganisation, i.plan.length])).toEqual([
      ["Valpreventie", "GGD", 2],
      ["Beeldzorg", "", 1],
    ]);
    expect(draft.intro).toEqual([p("Inleiding van de regio.")]);
  });

  it("prefers a table to headings, and lets the user ask for headings instead", () => {
    const table: Block = { type: "table", rows: [[[{ text: "Titel" }], [{ text: "Trekker" }]], [[{ text: "Punt A" }], [{ text: "Org A" }]]] };
    const doc: WordDocument = { blocks: [h(2, "Eerste"), p("tekst"), h(2, "Tweede"), table], skipped: { images: 0, comments: 0 } };
    expect(draftFor(doc).items.map((i) => i.title)).toEqual(["Punt A"]);
    expect(draftFor(doc, "headings").items.map((i) => i.title)).toEqual(["Eerste", "Tweede"]);
  });

  it("with nothing to find, offers the whole document as the introduction", () => {
    const doc: WordDocument = { blocks: [p("Alleen tekst.")], skipped: { images: 0, comments: 0 } };
    expect(draftFor(doc)).toEqual({ mode: null, includeIntro: true, intro: [p("Alleen tekst.")], items: [], documentTitle: null });
  });

  it("reads periods and ways of saving as written in Dutch agendas", () => {
    expect(readPeriod("Q1 2025 – Q4 2026")).toEqual({ startDate: "2025-01-01", endDate: "2026-12-31" });
    expect(readPeriod("2025-2026")).toEqual({ startDate: "2025-01-01", endDate: "2026-12-31" });
    expect(readPeriod("jan 2026 t/m juni 2026")).toEqual({ startDate: "2026-01-01", endDate: "2026-06-30" });
    expect(readPeriod("1-3-2025 tot 31-12-2026")).toEqual({ startDate: "2025-03-01", endDate: "2026-12-31" });
    expect(readPeriod("2026")).toEqual({ startDate: "2026-01-01", endDate: "2026-12-31" });
    expect(readPeriod("feb 2024")).toEqual({ startDate: "2024-02-01", endDate: "2024-02-29" });
    expect(readPeriod("2027 – 2025")).toBeNull();
    expect(readPeriod("doorlopend")).toBeNull();
    expect(readMechanism("Preventie")).toBe("prevention");
    expect(readMechanism("zelfredzaamheid")).toBe("substitution");
    expect(readMechanism("Anders werken")).toBe("working-differently");
    expect(readMechanism("onbekend")).toBeNull();
  });
});

describe("writing into the live document", () => {
  // A text the editor would write differently is rewritten by the first browser that opens it; a
  // suggester's browser may not, and its connection is closed (4423) on opening the agenda.
  it("writes text exactly as the editor would: a round trip through the editor's schema changes nothing", async () => {
    const draft = draftFor(await readOk(sample));
    for (const blocks of [draft.intro, ...draft.items.map((i) => i.plan)]) {
      const written = new Y.Doc().getXmlFragment("text");
      writeBlocks(written, blocks);
      const again = new Y.Doc().getXmlFragment("text");
      prosemirrorToYXmlFragment(yXmlFragmentToProseMirrorRootNode(written, editorSchema), again);
      expect(written.toJSON()).toBe(again.toJSON());
    }
  });
});

describe("files that are refused", () => {
  const refused = async (bytes: Uint8Array) => {
    const read = await readWordUpload(bytes);
    return read.ok ? "read" : read.error.key;
  };

  it("an empty file, a text file, an old .doc, an .xlsx and a damaged docx each get their own reason", async () => {
    expect(await refused(new Uint8Array())).toBe("wordImport.file.empty");
    expect(await refused(Buffer.from("Titel;Trekker\nA;B\n"))).toBe("wordImport.file.notDocx");
    expect(await refused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe("wordImport.file.doc");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Blad1").addRow(["Titel"]);
    expect(await refused(new Uint8Array(await workbook.xlsx.writeBuffer()))).toBe("wordImport.file.notDocx");
    expect(await refused(sample.subarray(0, Math.floor(sample.length / 2)))).toBe("wordImport.file.corrupt");
    const flipped = Buffer.from(sample);
    flipped.fill(0x41, 200, 1200);
    expect(await refused(flipped)).toBe("wordImport.file.corrupt");
  });

  it("a file over the byte limit is refused before it is unzipped", async () => {
    const big = Buffer.alloc(WORD_LIMITS.bytes + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await refused(big)).toBe("wordImport.file.tooLarge");
  });

  it("zip bombs of every shape stop at the unpacked budget: one huge part, many parts, many entries", async () => {
    const mb = 1024 * 1024;
    const one = zip([["word/document.xml", Buffer.alloc(WORD_LIMITS.unpackedBytes + mb)]]);
    expect(one.length).toBeLessThan(WORD_LIMITS.bytes);
    expect(await refused(one)).toBe("wordImport.file.unpackedTooLarge");
    const many = zip(Array.from({ length: 11 }, (_, i) => [`word/media/part${i}.bin`, Buffer.alloc(5 * mb)] as [string, Buffer]));
    expect(await refused(many)).toBe("wordImport.file.unpackedTooLarge");
    const entries = zip(Array.from({ length: WORD_LIMITS.zipEntries + 1 }, (_, i) => [`p${i}`, Buffer.from("x")] as [string, Buffer]));
    expect(await refused(entries)).toBe("wordImport.file.unpackedTooLarge");
  });

  it("the route's body limit lets the file's bytes and its form through, the preview's form far less", () => {
    expect(bodyLimitFor("/agendas/12/importeren")).toBe(WORD_LIMITS.bytes + BODY_LIMIT_BYTES);
    expect(bodyLimitFor("/agendas/12/importeren/5")).toBeLessThan(WORD_LIMITS.bytes);
    expect(bodyLimitFor("/agendas/12")).toBe(BODY_LIMIT_BYTES);
  });
});

describe("confirming", () => {
  let world: RouteWorld;
  beforeEach(async () => {
    world = await startRouteWorld();
  });
  afterEach(async () => {
    await world.stop();
  });

  it("writes the edited draft as one change through the room, after a version that a restore undoes it with", async () => {
    const region = world.make.region("amsterdam");
    const agenda = world.make.agenda({ region, intro: ["Bestaande inleiding."], items: [{ title: "Bestaand punt" }] });
    const coordinator = world.make.member(region, "coordinator");
    const actor = coordinator.principal();
    const scope = { id: agenda.id, regionId: agenda.regionId };
    const id = createWordImport({ db: world.db, actor, agenda: scope, fileName: "regio-agenda.docx", fileSize: sample.length, doc: await readOk(sample) });
    const view = getWordImport({ db: world.db, actor, agenda: scope, importId: id })!;
    const edits: DraftEdits = {
      includeIntro: true,
      items: view.draft.items.map((item, i) => ({ ...item, title: i === 0 ? "Slimme zorg thuis (regio)" : item.title, include: i !== 2 })),
    };
    const updates: Uint8Array[] = [];
    const changeAgenda = (change: (doc: Y.Doc) => void) =>
      world.collab.changeAgenda({ agendaId: agenda.id, actor, change: (doc) => {
        doc.on("update", (u: Uint8Array) => updates.push(u));
        change(doc);
      } });
    const result = await confirmWordImport({ db: world.db, actor, agenda: scope, importId: id, edits, changeAgenda });
    expect(result).toMatchObject({ ok: true, items: 2 });
    // One transaction: one Yjs update for the whole import.
    expect(updates).toHaveLength(1);

    const live = new Y.Doc();
    Y.applyUpdate(live, await world.collab.getDocState(agenda.id));
    expect(documentViolations(live)).toEqual([]);
    const projected = projectAgenda(live);
    expect(projected.items.map((i) => [i.title, i.leadOrganisation, i.mechanism])).toEqual([
      ["Bestaand punt", "", null],
      ["Slimme zorg thuis (regio)", "Zuyderland", "substitution"],
      ["Valpreventie in de wijk", "GGD Zuid Limburg", "prevention"],
    ]);
    // After the existing text; the document's title stays out (the agenda has its own).
    expect(projected.introText).toMatch(/^Bestaande inleiding\.\nInleiding\n/);
    expect(projected.introText).not.toContain("Regionale innovatieagenda Zuid-Limburg");
    const bold = getIntro(live).toString();
    expect(bold).toContain("<bold>arbeidsbesparing</bold>");
    expect(bold).toMatch(/<link [^>]*href="https:\/\/www\.example\.org\/regioplan"[^>]*>het regioplan<\/link>/);
    const imported = [...getItems(live).values()].find((m) => String(m.get("title")) === "Valpreventie in de wijk")!;
    expect(getItemPlan(imported).toString()).toContain("Valrisico vroeg signaleren");

    // The named version just before it, the audit entry, and no second import of the same job.
    const version = world.db.select().from(s.agendaVersions).where(eq(s.agendaVersions.id, (result as { versionId: number }).versionId)).get()!;
    expect(version).toMatchObject({ kind: "named", name: "Voor import van regio-agenda.docx" });
    expect(world.db.select().from(s.auditLog).where(and(eq(s.auditLog.action, "agenda.import"), eq(s.auditLog.entityId, String(id)))).all()).toHaveLength(1);
    expect(await confirmWordImport({ db: world.db, actor, agenda: scope, importId: id, edits, changeAgenda })).toEqual({ ok: false, error: "confirmed" });

    await world.collab.restoreVersion({ agendaId: agenda.id, versionId: version.id, actor });
    const after = new Y.Doc();
    Y.applyUpdate(after, await world.collab.getDocState(agenda.id));
    expect(projectAgenda(after).items.map((i) => i.title)).toEqual(["Bestaand punt"]);
    expect(projectAgenda(after).introText).toBe("Bestaande inleiding.");
  });

  it("a change the room refuses leaves the job open and nothing written", async () => {
    const region = world.make.region("amsterdam");
    const agenda = world.make.agenda({ region });
    const actor = world.make.member(region, "coordinator").principal();
    const scope = { id: agenda.id, regionId: agenda.regionId };
    const id = createWordImport({ db: world.db, actor, agenda: scope, fileName: "a.docx", fileSize: 1, doc: await readOk(sample) });
    const edits: DraftEdits = { includeIntro: false, items: getWordImport({ db: world.db, actor, agenda: scope, importId: id })!.draft.items };
    const failing = () => Promise.reject(new Error("refused"));
    await expect(confirmWordImport({ db: world.db, actor, agenda: scope, importId: id, edits, changeAgenda: failing })).rejects.toThrow("refused");
    expect(getWordImport({ db: world.db, actor, agenda: scope, importId: id })!.status).toBe("preview");
    expect(world.db.select().from(s.agendaVersions).where(eq(s.agendaVersions.agendaId, agenda.id)).all()).toEqual([]);
  });

  it("only those who may edit the agenda import: members and coordinators, not the stuurgroep or partners", async () => {
    const region = world.make.region("amsterdam");
    const agenda = world.make.agenda({ region });
    const scope = { id: agenda.id, regionId: agenda.regionId };
    const doc = await readOk(sample);
    const as = (user: { principal: () => Principal }) => () =>
      createWordImport({ db: world.db, actor: user.principal(), agenda: scope, fileName: "a.docx", fileSize: 1, doc });
    expect(as(world.make.member(region, "member"))()).toBeGreaterThan(0);
    expect(as(world.make.member(region, "coordinator"))()).toBeGreaterThan(0);
    expect(as(world.make.member(region, "board"))).toThrow(NotAllowedError);
    // A partner: staff of an organisation in the region, without a membership.
    expect(as(world.make.user({ organisationId: world.make.organisation({ region }).id }))).toThrow(NotAllowedError);
    expect(() => saveWordDraft({ db: world.db, actor: world.make.adviser([region]).principal(), agenda: scope, importId: 1, mode: "headings" })).toThrow(NotAllowedError);
  });
});

describe("texts", () => {
  it("every refusal and step has Dutch and English words, and they differ", () => {
    const keys = Object.keys(messages.nl) as Array<keyof typeof messages.nl>;
    expect(Object.keys(messages.en).sort()).toEqual([...keys].sort());
    for (const what of ["missing", "empty", "tooLarge", "doc", "notDocx", "corrupt", "unpackedTooLarge", "tooMuchText"]) {
      const key = `wordImport.file.${what}` as keyof typeof messages.nl;
      expect(messages.nl[key], key).toBeTruthy();
      expect(messages.en[key], key).not.toBe(messages.nl[key]);
    }
    expect(messages.nl["wordImport.file.tooLarge"]).toContain("10 MB");
    expect(messages.nl["wordImport.file.unpackedTooLarge"]).toContain("50 MB");
  });
});
