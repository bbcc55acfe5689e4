// Word import (issue 16, decision 034): a .docx is converted by mammoth on the server, kept with its
// draft in agenda_imports until the user confirms, and then written into the live document through
// the collaboration server's room as one change, right after a named version of the state before it.
// Nothing the file says about itself is trusted: the bytes decide whether it is a docx, and every
// part of the zip is inflated under a budget before mammoth sees it (checkZip).
import { and, eq, lt } from "drizzle-orm";
import mammoth from "mammoth";
import { Parser } from "htmlparser2";
import * as Y from "yjs";
import type { Db } from "../../db";
import { agendaImports } from "../../db/schema";
import { can, type Principal } from "../domain/permissions";
import { applyDraft, availableModes, draftFor, importVersionName, WORD_LIMITS, type Block, type ImportDraft, type ImportMode, type Inline, type WordDocument } from "../domain/word-import";
import { insertVersion } from "../collab/versions.server";
import { recordAudit } from "./audit.server";
import { NotAllowedError } from "./errors.server";
import { checkZip, isOle, isZip } from "./measurement-files.server";

export type WordProblem = { key: `wordImport.file.${"missing" | "empty" | "tooLarge" | "doc" | "notDocx" | "corrupt" | "unpackedTooLarge" | "tooMuchText"}` };
export type ReadWord = { ok: true; doc: WordDocument } | { ok: false; error: WordProblem };

const fail = (what: WordProblem["key"] extends `wordImport.file.${infer K}` ? K : never): ReadWord => ({ ok: false, error: { key: `wordImport.file.${what}` } });

/** Converts an uploaded file to the agenda's blocks, or says in one key why it cannot. */
export async function readWordUpload(bytes: Uint8Array): Promise<ReadWord> {
  if (bytes.length === 0) return fail("empty");
  if (bytes.length > WORD_LIMITS.bytes) return fail("tooLarge");
  if (isOle(bytes)) return fail("doc");
  if (!isZip(bytes)) return fail("notDocx");
  const zip = checkZip(bytes, WORD_LIMITS.unpackedBytes, WORD_LIMITS.zipEntries);
  if (zip !== "ok") return fail(zip === "tooBig" ? "unpackedTooLarge" : "corrupt");
  let comments = 0;
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Pictures are counted and left out (an empty src is dropped by the reader); linked files are never fetched.
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
        externalFileAccess: false,
        transformDocument: (document: { comments?: unknown[] }) => {
          comments = document.comments?.length ?? 0;
          return document;
        },
      },
    );
    html = result.value;
  } catch (error) {
    // mammoth's words for a zip that holds no Word body ("are you sure this is a (valid .)docx file?"): an .xlsx, a .zip, an .odt.
    return fail(/sure this is a (valid \.)?docx file/i.test(String((error as Error)?.message)) ? "notDocx" : "corrupt");
  }
  if (html.length > WORD_LIMITS.htmlChars) return fail("tooMuchText");
  const { blocks, images } = htmlToBlocks(html);
  return { ok: true, doc: { blocks, skipped: { images, comments } } };
}

type Marks = { bold: number; italic: number; underline: number; strike: number; links: Array<string | null> };
const markTags: Record<string, Exclude<keyof Marks, "links">> = { strong: "bold", b: "bold", em: "italic", i: "italic", u: "underline", s: "strike", del: "strike" };
type Frame =
  | { kind: "flow"; tag: string; blocks: Block[]; open: Inline[] | null }
  | { kind: "text"; tag: string; block: Extract<Block, { content: Inline[] }> }
  | { kind: "list"; tag: string; block: Extract<Block, { items: Block[][] }> }
  | { kind: "table"; tag: string; block: Extract<Block, { type: "table" }> }
  | { kind: "row"; tag: string; cells: Inline[][] };

const safeHref = (href: string | undefined) => (href && /^(https?:|mailto:)/i.test(href.trim()) ? href.trim().slice(0, 2000) : null);

/** A table cell's blocks as one line of runs (lines kept as breaks): a row holds text, not structure. */
function cellRuns(blocks: Block[]): Inline[] {
  const runs: Inline[] = [];
  for (const b of blocks) {
    if (runs.length) runs.push({ br: true });
    if (b.type === "paragraph" || b.type === "heading") runs.push(...b.content);
    else runs.push({ text: blockPlain(b) });
  }
  return runs;
}

const blockPlain = (b: Block): string =>
  b.type === "paragraph" || b.type === "heading"
    ? b.content.map((i) => ("br" in i ? " " : i.text)).join("")
    : b.type === "table"
      ? b.rows.map((r) => r.map((c) => c.map((i) => ("br" in i ? " " : i.text)).join("")).join(" · ")).join("; ")
      : b.items.map((item) => item.map(blockPlain).join(" ")).join("; ");

const hasText = (runs: Inline[]) => runs.some((r) => !("br" in r) && r.text.trim() !== "");

/** mammoth's HTML (paragraphs, headings, lists, tables, strong/em/u/s, links, img) as blocks. */
export function htmlToBlocks(html: string): { blocks: Block[]; images: number } {
  const root: Frame = { kind: "flow", tag: "#root", blocks: [], open: null };
  const stack: Frame[] = [root];
  const marks: Marks = { bold: 0, italic: 0, underline: 0, strike: 0, links: [] };
  let images = 0;
  const top = () => stack[stack.length - 1];
  const flowOf = (): Extract<Frame, { kind: "flow" }> | null => {
    const f = top();
    return f.kind === "flow" ? f : null;
  };
  /** Where runs go now: the open paragraph or heading, or a paragraph opened in a list item or cell. */
  const runsTarget = (): Inline[] | null => {
    const f = top();
    if (f.kind === "text") return f.block.content;
    if (f.kind !== "flow") return null;
    if (!f.open) {
      const p: Block = { type: "paragraph", content: [] };
      f.blocks.push(p);
      f.open = p.content;
    }
    return f.open;
  };
  const addBlock = (block: Block) => {
    const f = flowOf();
    if (!f) return;
    f.open = null;
    f.blocks.push(block);
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const mark = markTags[name];
        if (mark) return void marks[mark]++;
        const f = top();
        switch (name) {
          case "p":
          case "h1":
          case "h2":
          case "h3":
          case "h4":
          case "h5":
          case "h6": {
            if (f.kind !== "flow") return;
            const block: Extract<Block, { content: Inline[] }> = name === "p" ? { type: "paragraph", content: [] } : { type: "heading", level: Number(name[1]), content: [] };
            addBlock(block);
            stack.push({ kind: "text", tag: name, block });
            return;
          }
          case "ul":
          case "ol": {
            if (f.kind !== "flow") return;
            const block: Extract<Block, { items: Block[][] }> = { type: name === "ul" ? "bulletList" : "orderedList", items: [] };
            addBlock(block);
            stack.push({ kind: "list", tag: name, block });
            return;
          }
          case "li":
            if (f.kind === "list") {
              const blocks: Block[] = [];
              f.block.items.push(blocks);
              stack.push({ kind: "flow", tag: name, blocks, open: null });
            }
            return;
          case "table": {
            if (f.kind !== "flow") return;
            const block: Extract<Block, { type: "table" }> = { type: "table", rows: [] };
            addBlock(block);
            stack.push({ kind: "table", tag: name, block });
            return;
          }
          case "tr":
            if (f.kind === "table") stack.push({ kind: "row", tag: name, cells: [] });
            return;
          case "td":
          case "th":
            if (f.kind === "row") stack.push({ kind: "flow", tag: name, blocks: [], open: null });
            return;
          case "a":
            marks.links.push(safeHref(attrs.href));
            return;
          case "br":
            runsTarget()?.push({ br: true });
            return;
          case "img":
            images++;
            return;
        }
      },
      ontext(raw) {
        const f = top();
        // Whitespace between the rows, cells and items of a structure is no text.
        if ((f.kind === "flow" && f.tag !== "#root" && !f.open && raw.trim() === "") || f.kind === "list" || f.kind === "table" || f.kind === "row") return;
        if (f.kind === "flow" && f.tag === "#root" && raw.trim() === "") return;
        const target = runsTarget();
        if (!target || raw === "") return;
        const run: Inline = { text: raw };
        if (marks.bold) run.bold = true;
        if (marks.italic) run.italic = true;
        if (marks.underline) run.underline = true;
        if (marks.strike) run.strike = true;
        const href = [...marks.links].reverse().find((l) => l !== null);
        if (href) run.href = href;
        const last = target[target.length - 1];
        // mammoth splits runs at every change of Word's formatting; equal neighbours become one.
        if (last && !("br" in last) && sameMarks(last, run)) last.text += raw;
        else target.push(run);
      },
      onclosetag(name) {
        const mark = markTags[name];
        if (mark) return void (marks[mark] = Math.max(0, marks[mark] - 1));
        if (name === "a") return void marks.links.pop();
        const f = top();
        if (f.tag !== name || stack.length === 1) return;
        stack.pop();
        const parent = top();
        if (f.kind === "flow" && (name === "td" || name === "th") && parent.kind === "row") parent.cells.push(cellRuns(f.blocks.filter(meaningful)));
        else if (f.kind === "row" && parent.kind === "table" && f.cells.some(hasText)) parent.block.rows.push(f.cells);
        else if (f.kind === "flow" && name === "li") f.blocks.splice(0, f.blocks.length, ...f.blocks.filter(meaningful));
        if (parent.kind === "flow") parent.open = null;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return { blocks: root.blocks.filter(meaningful), images };
}

const sameMarks = (a: Extract<Inline, { text: string }>, b: Extract<Inline, { text: string }>) =>
  a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.strike === b.strike && a.href === b.href;

/** Empty paragraphs, lists and tables are Word's spacing, not content. */
function meaningful(b: Block): boolean {
  if (b.type === "paragraph" || b.type === "heading") {
    b.content = trimRuns(b.content);
    return hasText(b.content);
  }
  if (b.type === "table") return b.rows.length > 0;
  b.items = b.items.filter((item) => item.length > 0);
  return b.items.length > 0;
}

function trimRuns(runs: Inline[]): Inline[] {
  const out = runs.filter((r) => "br" in r || r.text !== "");
  while (out.length && "br" in out[0]) out.shift();
  while (out.length && "br" in out[out.length - 1]) out.pop();
  return out;
}

// ---- the stored job ------------------------------------------------------------------------------

type AgendaScope = { id: number; regionId: number };

const mayImport = (actor: Principal, agenda: AgendaScope) => {
  if (!can(actor, "edit:agenda", { regionId: agenda.regionId })) throw new NotAllowedError();
};

const cleanName = (name: string) => name.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "document.docx";

/** Keeps a converted document as a preview with its first draft; expired previews of anyone go first. */
export function createWordImport({ db, actor, agenda, fileName, fileSize, doc, now = new Date() }: { db: Db; actor: Principal; agenda: AgendaScope; fileName: string; fileSize: number; doc: WordDocument; now?: Date }): number {
  mayImport(actor, agenda);
  return db.transaction((tx) => {
    tx.delete(agendaImports).where(and(eq(agendaImports.status, "preview"), lt(agendaImports.expiresAt, now))).run();
    return tx
      .insert(agendaImports)
      .values({ agendaId: agenda.id, fileName: cleanName(fileName), fileSize, content: doc, draft: draftFor(doc), createdBy: actor.id, createdAt: now, expiresAt: new Date(now.getTime() + WORD_LIMITS.previewMs) })
      .returning({ id: agendaImports.id })
      .get().id;
  });
}

function loadImport(db: Db, agenda: AgendaScope, importId: number, now: Date) {
  const row = db.select().from(agendaImports).where(and(eq(agendaImports.id, importId), eq(agendaImports.agendaId, agenda.id))).get();
  if (!row || (row.status === "preview" && row.expiresAt < now)) return null;
  return row;
}

export type WordImportView = {
  id: number;
  fileName: string;
  status: "preview" | "confirmed";
  draft: ImportDraft;
  skipped: WordDocument["skipped"];
  modes: ImportMode[];
  versionId: number | null;
};

/** The preview (or the confirmed result) for whoever may import on this agenda; null when gone or expired. */
export function getWordImport({ db, actor, agenda, importId, now = new Date() }: { db: Db; actor: Principal; agenda: AgendaScope; importId: number; now?: Date }): WordImportView | null {
  mayImport(actor, agenda);
  const row = loadImport(db, agenda, importId, now);
  if (!row) return null;
  return { id: row.id, fileName: row.fileName, status: row.status, draft: row.draft, skipped: row.content.skipped, modes: availableModes(row.content), versionId: row.versionId };
}

/** The item fields a user edits in the preview, by item index; the plan and the introduction stay as read. */
export type DraftEdits = { includeIntro: boolean; items: Array<Pick<ImportDraft["items"][number], "include" | "title" | "leadOrganisation" | "startDate" | "endDate" | "mechanism">> };

const edited = (draft: ImportDraft, edits: DraftEdits): ImportDraft => ({
  ...draft,
  includeIntro: edits.includeIntro && draft.intro.length > 0,
  items: draft.items.map((item, i) => ({ ...item, ...(edits.items[i] ?? {}) })),
});

/** Saves the user's edits, or (with `mode`) finds the items again in another way, which starts a new draft. */
export function saveWordDraft({ db, actor, agenda, importId, edits, mode, now = new Date() }: { db: Db; actor: Principal; agenda: AgendaScope; importId: number; edits?: DraftEdits; mode?: ImportMode; now?: Date }): boolean {
  mayImport(actor, agenda);
  const row = loadImport(db, agenda, importId, now);
  if (!row || row.status !== "preview") return false;
  const draft = mode ? draftFor(row.content, mode) : edits ? edited(row.draft, edits) : row.draft;
  db.update(agendaImports).set({ draft }).where(eq(agendaImports.id, importId)).run();
  return true;
}

export type ConfirmWordResult = { ok: true; items: number; versionId: number } | { ok: false; error: "expired" | "confirmed" | "nothing" };

/**
 * Writes the edited draft into the live document as one change through the room (`changeAgenda`, so
 * every open editor receives it), then stores the state just before it as the named version "Voor
 * import van <file>" (restoring it undoes the import) with the job's confirmation and one audit entry.
 * The job is claimed before the change, so a second click cannot import twice.
 */
export async function confirmWordImport({
  db,
  actor,
  agenda,
  importId,
  edits,
  changeAgenda,
  now = () => new Date(),
}: {
  db: Db;
  actor: Principal;
  agenda: AgendaScope;
  importId: number;
  edits: DraftEdits;
  changeAgenda: (change: (doc: Y.Doc) => void) => Promise<void>;
  now?: () => Date;
}): Promise<ConfirmWordResult> {
  mayImport(actor, agenda);
  const row = loadImport(db, agenda, importId, now());
  if (!row) return { ok: false, error: "expired" };
  if (row.status === "confirmed") return { ok: false, error: "confirmed" };
  const draft = edited(row.draft, edits);
  if (!draft.includeIntro && !draft.items.some((i) => i.include && i.title.trim())) {
    db.update(agendaImports).set({ draft }).where(eq(agendaImports.id, row.id)).run();
    return { ok: false, error: "nothing" };
  }
  const claimed = db
    .update(agendaImports)
    .set({ draft, status: "confirmed", confirmedAt: now() })
    .where(and(eq(agendaImports.id, row.id), eq(agendaImports.status, "preview")))
    .run().changes;
  if (claimed === 0) return { ok: false, error: "confirmed" };
  let before: Uint8Array | null = null;
  let ids: string[] = [];
  try {
    await changeAgenda((doc) => {
      before = Y.encodeStateAsUpdate(doc);
      ids = applyDraft(doc, draft);
    });
  } catch (error) {
    db.update(agendaImports).set({ status: "preview", confirmedAt: null }).where(eq(agendaImports.id, row.id)).run();
    throw error;
  }
  const at = now();
  const versionId = db.transaction((tx) => {
    const id = insertVersion(tx as unknown as Db, { agendaId: agenda.id, kind: "named", name: importVersionName(row.fileName), state: before!, userId: actor.id, createdAt: new Date(at.getTime() - 1) });
    tx.update(agendaImports).set({ versionId: id }).where(eq(agendaImports.id, row.id)).run();
    recordAudit({
      db: tx,
      actorId: actor.id,
      action: "agenda.import",
      entityType: "agenda_import",
      entityId: row.id,
      regionId: agenda.regionId,
      data: { agendaId: agenda.id, fileName: row.fileName, mode: draft.mode, items: ids.length, intro: draft.includeIntro, versionId: id, skipped: row.content.skipped },
    });
    return id;
  });
  return { ok: true, items: ids.length, versionId };
}

/** Drops an unconfirmed preview (the user cancels). */
export function discardWordImport({ db, actor, agenda, importId }: { db: Db; actor: Principal; agenda: AgendaScope; importId: number }) {
  mayImport(actor, agenda);
  db.delete(agendaImports).where(and(eq(agendaImports.id, importId), eq(agendaImports.agendaId, agenda.id), eq(agendaImports.status, "preview"))).run();
}
