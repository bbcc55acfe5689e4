// Word import (issue 16, decision 034): from a converted document (blocks of the rich text the agenda
// allows) to a draft of an introduction and items, and from a confirmed draft into the live document.
// Pure: the server converts the .docx (app/models/word-import.server.ts), the route edits the draft,
// the collaboration server's change writes it (applyDraft) in one transaction.
import * as Y from "yjs";
import { addItem, getIntro, getItemPlan, textFieldLimits } from "./agenda-doc";
import { mechanisms, type Mechanism } from "./vocabulary";

/** A run of text with its marks; `href` only for http(s) and mailto links. */
export type Inline = { text: string; bold?: true; italic?: true; underline?: true; strike?: true; href?: string } | { br: true };
export type Block =
  | { type: "paragraph"; content: Inline[] }
  | { type: "heading"; level: number; content: Inline[] }
  | { type: "bulletList" | "orderedList"; items: Block[][] }
  // A Word table; the agenda's rich text has none, so one is written as a list of its rows (writeBlocks).
  | { type: "table"; rows: Inline[][][] };

/** What the converter made of the file: its blocks and what it could not bring in. */
export type WordDocument = { blocks: Block[]; skipped: { images: number; comments: number } };

export const importModes = ["table", "headings", "numbered"] as const;
export type ImportMode = (typeof importModes)[number];

export type DraftItem = {
  include: boolean;
  title: string;
  leadOrganisation: string;
  startDate: string | null;
  endDate: string | null;
  mechanism: Mechanism | null;
  /** The document's own words for the period and the mechanism, shown beside the mapped value. */
  periodText: string;
  mechanismText: string;
  plan: Block[];
};

export type ImportDraft = {
  mode: ImportMode | null;
  includeIntro: boolean;
  intro: Block[];
  items: DraftItem[];
  /** The document's own title, left out of the introduction (the agenda has its title); null without one. */
  documentTitle?: string | null;
};

/** The named version kept just before an import: restoring it undoes the import. Data, so in Dutch like the users' own version names. */
export const importVersionName = (fileName: string) => `Voor import van ${fileName}`.slice(0, 200);

export const WORD_LIMITS = {
  /** The upload itself: a 50-page agenda with a few pictures is well under this. */
  bytes: 10 * 1024 * 1024,
  /** All parts of the zip inflated; a zip bomb of a few KB passes the byte limit, not this. */
  unpackedBytes: 50 * 1024 * 1024,
  zipEntries: 2_000,
  /** The converted HTML; more text than this is no agenda. */
  htmlChars: 4_000_000,
  items: 300,
  /** How long an unconfirmed preview is kept. */
  previewMs: 60 * 60 * 1000,
};

// ---- reading text ------------------------------------------------------------------------------

export function inlineText(content: Inline[]): string {
  return content.map((i) => ("br" in i ? "\n" : i.text)).join("");
}

export function blockText(block: Block): string {
  switch (block.type) {
    case "paragraph":
    case "heading":
      return inlineText(block.content);
    case "table":
      return block.rows.map((r) => r.map(inlineText).join(" ")).join("\n");
    default:
      return block.items.map((item) => item.map(blockText).join("\n")).join("\n");
  }
}

const clean = (s: string) => s.replace(/\s+/g, " ").trim();
const fold = (s: string) =>
  clean(s)
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
const cut = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1).trimEnd() + "…");

// ---- fields ------------------------------------------------------------------------------------

type Field = "title" | "leadOrganisation" | "period" | "mechanism" | "plan";
/** Column headers and "Label: value" lines, most specific first ("startdatum" is a period, not a title). */
const fieldNames: Array<[Field, RegExp]> = [
  ["leadOrganisation", /^(trekker|kartrekker|penvoerder|lead|eigenaar|verantwoordelijke?|leidende organisatie|organisatie|lead organi[sz]ation|owner)/],
  ["period", /^(periode|period|planning|looptijd|termijn|tijdpad|wanneer|doorlooptijd)/],
  ["mechanism", /^(mechanisme|mechanism|besparingsmechanisme|manier van besparen|wijze van besparen|besparing|way of saving|soort besparing)/],
  ["plan", /^(plan|aanpak|omschrijving|beschrijving|toelichting|description|activiteiten)/],
  ["title", /^(titel|title|naam|agendapunt|onderwerp|initiatief|innovatie|project|actie|punt|item)/],
];

export function fieldOf(label: string): Field | null {
  const folded = fold(label).replace(/[:.]$/, "");
  return fieldNames.find(([, re]) => re.test(folded))?.[0] ?? null;
}

/** The mechanism a text names, if any: the glossary's three ways of saving. */
export function readMechanism(text: string): Mechanism | null {
  const t = fold(text);
  if (/prevent|voorkom/.test(t)) return "prevention";
  if (/substitu|zelfredza|self[- ]?relian|zelfstandig/.test(t)) return "substitution";
  if (/anders werken|working differently|werkwijze|efficien/.test(t)) return "working-differently";
  return (mechanisms as readonly string[]).includes(t) ? (t as Mechanism) : null;
}

const months: Record<string, number> = {
  jan: 1, feb: 2, mrt: 3, maa: 3, mar: 3, apr: 4, mei: 5, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, okt: 10, oct: 10, nov: 11, dec: 12,
};
const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= lastDayOf(y, m);

/** One end of a period as its first and last day: a date, a month, a quarter or a year. */
function readPoint(raw: string): { first: string; last: string } | null {
  const t = fold(raw);
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/)) || (m = t.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/))) {
    const [y, mo, d] = m[1].length === 4 ? [+m[1], +m[2], +m[3]] : [+m[3], +m[2], +m[1]];
    if (!validDay(y, mo, d)) return null;
    const day = `${y}-${pad(mo)}-${pad(d)}`;
    return { first: day, last: day };
  }
  if ((m = t.match(/^q([1-4])\s*[-'’]?\s*(\d{4})$/)) || (m = t.match(/^(\d{4})\s*-?\s*q([1-4])$/))) {
    const [y, q] = m[1].length === 4 ? [+m[1], +m[2]] : [+m[2], +m[1]];
    return { first: `${y}-${pad(q * 3 - 2)}-01`, last: `${y}-${pad(q * 3)}-${lastDayOf(y, q * 3)}` };
  }
  if ((m = t.match(/^([a-z]{3})[a-z]*\.?\s+(\d{4})$/)) && months[m[1]]) {
    const y = +m[2];
    const mo = months[m[1]];
    return { first: `${y}-${pad(mo)}-01`, last: `${y}-${pad(mo)}-${lastDayOf(y, mo)}` };
  }
  if ((m = t.match(/^(\d{4})$/))) return { first: `${m[1]}-01-01`, last: `${m[1]}-12-31` };
  return null;
}

/** "Q1 2025 – Q4 2026", "2025-2026", "jan 2025 t/m juni 2026", "1-3-2025 tot 31-12-2026", "2025". */
export function readPeriod(text: string): { startDate: string; endDate: string } | null {
  const t = clean(text);
  if (!t) return null;
  const single = readPoint(t);
  if (single) return { startDate: single.first, endDate: single.last };
  const parts = t.split(/\s*(?:–|—|\bt\/m\b|\btot en met\b|\btot\b|\bto\b|\buntil\b|\s-\s|(?<=\d{4})-(?=\s*(?:q|\d{4}|[a-z])))\s*/i).filter(Boolean);
  if (parts.length !== 2) return null;
  const [from, to] = [readPoint(parts[0]), readPoint(parts[1])];
  if (!from || !to || to.last < from.first) return null;
  return { startDate: from.first, endDate: to.last };
}

function newItem(title: string): DraftItem {
  return { include: true, title: cut(clean(title), textFieldLimits.title), leadOrganisation: "", startDate: null, endDate: null, mechanism: null, periodText: "", mechanismText: "", plan: [] };
}

/** Puts a field's text into the item; false when the field is not one the item takes this way. */
function setField(item: DraftItem, field: Field, text: string): boolean {
  const value = clean(text);
  switch (field) {
    case "title":
      if (!item.title) item.title = cut(value, textFieldLimits.title);
      return true;
    case "leadOrganisation":
      item.leadOrganisation = cut(value, textFieldLimits.leadOrganisation);
      return true;
    case "period": {
      item.periodText = cut(value, 200);
      const period = readPeriod(value);
      item.startDate = period?.startDate ?? null;
      item.endDate = period?.endDate ?? null;
      return true;
    }
    case "mechanism":
      item.mechanismText = cut(value, 200);
      item.mechanism = readMechanism(value);
      return true;
    default:
      return false;
  }
}

// ---- finding the items -------------------------------------------------------------------------

type Found = { intro: Block[]; items: DraftItem[] };

/** The table of items: the first whose header row names a title column and at least one other field. */
function itemTable(blocks: Block[]): { index: number; columns: Array<Field | null> } | null {
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    if (block.type !== "table" || block.rows.length < 2) continue;
    const columns = block.rows[0].map((cell) => fieldOf(inlineText(cell)));
    if (columns.includes("title") && columns.some((c) => c !== null && c !== "title")) return { index, columns };
  }
  return null;
}

function fromTable(blocks: Block[]): Found | null {
  const found = itemTable(blocks);
  if (!found) return null;
  const table = blocks[found.index] as Extract<Block, { type: "table" }>;
  const items: DraftItem[] = [];
  for (const row of table.rows.slice(1)) {
    const titleAt = found.columns.indexOf("title");
    const title = inlineText(row[titleAt] ?? []);
    if (!clean(title)) continue;
    const item = newItem(title);
    found.columns.forEach((field, i) => {
      const cell = row[i] ?? [];
      if (field === "plan") {
        if (clean(inlineText(cell))) item.plan.push({ type: "paragraph", content: cell });
      } else if (field && field !== "title") setField(item, field, inlineText(cell));
    });
    items.push(item);
  }
  // The heading just above the table is its caption ("Agendapunten"), not part of the introduction.
  const caption = blocks[found.index - 1]?.type === "heading" ? found.index - 1 : -1;
  return { intro: blocks.filter((_, i) => i !== found.index && i !== caption), items };
}

/** "Trekker: GGD Zuid" as the first run of a paragraph in an item's section. */
function labelled(block: Block): { field: Field; value: string } | null {
  if (block.type !== "paragraph") return null;
  const m = inlineText(block.content).match(/^\s*([^:\n]{2,40}):\s*(.+)$/s);
  if (!m) return null;
  const field = fieldOf(m[1]);
  return field && field !== "plan" && field !== "title" ? { field, value: m[2] } : null;
}

/** Splits the blocks at item starts; what comes before the first is the introduction. */
function sections(blocks: Block[], startTitle: (b: Block) => string | null, ends: (b: Block) => boolean): Found | null {
  const intro: Block[] = [];
  const items: DraftItem[] = [];
  let current: DraftItem | null = null;
  for (const block of blocks) {
    const title = startTitle(block);
    if (title !== null) {
      current = newItem(title);
      items.push(current);
      continue;
    }
    if (current && ends(block)) current = null;
    if (!current) {
      intro.push(block);
      continue;
    }
    const field = labelled(block);
    if (!(field && setField(current, field.field, field.value))) current.plan.push(block);
  }
  return items.length >= 1 ? { intro, items } : null;
}

function fromHeadings(blocks: Block[]): Found | null {
  const counts = new Map<number, number>();
  for (const b of blocks) if (b.type === "heading" && clean(inlineText(b.content))) counts.set(b.level, (counts.get(b.level) ?? 0) + 1);
  // The highest level that occurs at least twice: one h1 is the document's title, its h2s the items.
  const level = [...counts.entries()].filter(([, n]) => n >= 2).map(([l]) => l).sort((a, b) => a - b)[0];
  if (level === undefined) return null;
  return sections(
    blocks,
    (b) => (b.type === "heading" && b.level === level && clean(inlineText(b.content)) ? inlineText(b.content) : null),
    (b) => b.type === "heading" && b.level < level,
  );
}

const numberedTitle = /^\s*(\d{1,3})[.)]?\s+(\S.{1,199})$/s;

/** The number and title of a numbered section's first line: "3. Valpreventie" or Word's own numbering of one line. */
function numberedLine(block: Block): { n: number | null; title: string } | null {
  if (block.type === "paragraph") {
    const text = inlineText(block.content);
    const m = text.match(numberedTitle);
    return m && !text.includes("\n") ? { n: Number(m[1]), title: m[2] } : null;
  }
  if (block.type === "orderedList" && block.items.length === 1 && block.items[0].length === 1) {
    const only = block.items[0][0];
    const text = only.type === "paragraph" ? clean(inlineText(only.content)) : "";
    return text && text.length <= 200 && !/[.:;]$/.test(text) ? { n: null, title: text } : null;
  }
  return null;
}

function fromNumbered(blocks: Block[]): Found | null {
  // Typed numbers must count up from 1 (1., 2., 3.): a stray "2025 werd..." is no section.
  let expect = 1;
  const starts = new Set<Block>();
  for (const b of blocks) {
    const line = numberedLine(b);
    if (!line) continue;
    if (line.n === null || line.n === expect) {
      starts.add(b);
      if (line.n !== null) expect++;
    }
  }
  if (starts.size < 2) return null;
  return sections(blocks, (b) => (starts.has(b) ? numberedLine(b)!.title : null), () => false);
}

const finders: Record<ImportMode, (blocks: Block[]) => Found | null> = { table: fromTable, headings: fromHeadings, numbered: fromNumbered };

/** The ways of finding items that find any in this document, in the order they are preferred. */
export function availableModes(doc: WordDocument): ImportMode[] {
  return importModes.filter((mode) => (finders[mode](doc.blocks)?.items.length ?? 0) > 0);
}

/**
 * The draft for a mode (the first available when none is asked for): a table of items beats
 * headings, headings beat numbered sections. With none, the whole document is the introduction.
 */
export function draftFor(doc: WordDocument, mode?: ImportMode | null): ImportDraft {
  const chosen = mode ?? availableModes(doc)[0] ?? null;
  const found = chosen ? finders[chosen](doc.blocks) : null;
  const title = documentTitle(doc.blocks);
  const intro = (found?.intro ?? doc.blocks).filter((b) => b !== title && clean(blockText(b)) !== "");
  const documentTitleText = title ? clean(blockText(title)) : null;
  if (!found) return { mode: null, includeIntro: intro.length > 0, intro, items: [], documentTitle: documentTitleText };
  return { mode: chosen, includeIntro: intro.length > 0, intro, items: found.items.slice(0, WORD_LIMITS.items), documentTitle: documentTitleText };
}

/**
 * The document's title: its first block, when that is a heading of a level no other heading has
 * (Word's one "Kop 1" above the sections). Kept in the introduction it would be a second title
 * above the agenda's own.
 */
function documentTitle(blocks: Block[]): Block | null {
  const first = blocks.find((b) => clean(blockText(b)) !== "");
  if (first?.type !== "heading") return null;
  const outranked = blocks.some((b) => b !== first && b.type === "heading" && b.level <= first.level && clean(inlineText(b.content)) !== "");
  return outranked ? null : first;
}

// ---- writing into the live document ------------------------------------------------------------

// Every attribute the editor's link mark has, as the editor writes it: a mark whose attributes
// differ is rewritten by the first browser that opens the text, and a suggester's browser may not
// (close 4423). tests/unit/word-import.test.ts round-trips the written text through the editor schema.
const LINK = { target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null };

/** Marks as y-prosemirror stores them: the mark's name with its attributes. */
function attributesOf(run: Exclude<Inline, { br: true }>): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  if (run.bold) a.bold = {};
  if (run.italic) a.italic = {};
  if (run.underline) a.underline = {};
  if (run.strike) a.strike = {};
  if (run.href) a.link = { href: run.href, ...LINK };
  return a;
}

// y-prosemirror stores a node's attributes with their types (a heading's level is a number); Yjs types them as strings.
const setNumber = (el: Y.XmlElement, key: string, value: number) => (el as unknown as Y.XmlElement<{ [key: string]: number }>).setAttribute(key, value);

function textBlock(name: "paragraph" | "heading", content: Inline[], level?: number): Y.XmlElement {
  const el = new Y.XmlElement(name);
  if (level !== undefined) setNumber(el, "level", Math.min(6, Math.max(1, level)));
  const children: Array<Y.XmlText | Y.XmlElement> = [];
  let text: Y.XmlText | null = null;
  let at = 0;
  for (const run of content) {
    if ("br" in run) {
      text = null;
      children.push(new Y.XmlElement("hardBreak"));
    } else if (run.text) {
      if (!text) {
        children.push((text = new Y.XmlText()));
        at = 0;
      }
      // A text not yet in the document queues its inserts (marks included) until it is integrated.
      const part = run.text.replace(/\n/g, " ");
      text.insert(at, part, attributesOf(run));
      at += part.length;
    }
  }
  if (children.length) el.insert(0, children);
  return el;
}

function list(name: "bulletList" | "orderedList", items: Block[][]): Y.XmlElement {
  const el = new Y.XmlElement(name);
  if (name === "orderedList") setNumber(el, "start", 1);
  const lis = items.map((blocks) => {
    const li = new Y.XmlElement("listItem");
    const inner = blocks.length ? blocks.flatMap(element) : [textBlock("paragraph", [])];
    li.insert(0, inner);
    return li;
  });
  if (lis.length) el.insert(0, lis);
  return el;
}

/** A table row as one list item: "Header: value" per cell (the header bold), or the cells joined when there is no header. */
function tableAsList(rows: Inline[][][]): Y.XmlElement {
  const [head, ...body] = rows;
  const named = body.length > 0 && head.every((c) => clean(inlineText(c)) !== "");
  const lines = (named ? body : rows).map((row) => {
    const content: Inline[] = [];
    row.forEach((cell, i) => {
      if (!clean(inlineText(cell))) return;
      if (content.length) content.push({ text: named ? "; " : " · " });
      if (named) content.push({ text: `${clean(inlineText(head[i] ?? []))}: `, bold: true });
      content.push(...cell);
    });
    return [{ type: "paragraph", content } satisfies Block];
  });
  return list("bulletList", lines);
}

function element(block: Block): Y.XmlElement[] {
  switch (block.type) {
    case "paragraph":
      return [textBlock("paragraph", block.content)];
    case "heading":
      return [textBlock("heading", block.content, block.level)];
    case "table":
      return block.rows.length ? [tableAsList(block.rows)] : [];
    default:
      return block.items.length ? [list(block.type, block.items)] : [];
  }
}

/** Appends blocks to a rich-text field (introduction or plan) as the editor's nodes, marks included. */
export function writeBlocks(fragment: Y.XmlFragment, blocks: Block[]) {
  const nodes = blocks.flatMap(element);
  if (!nodes.length) return;
  fragment.insert(fragment.length, nodes);
}

/**
 * Writes a confirmed draft into the live document in one transaction: the introduction after the
 * current one, each included item after the last. Returns the new items' ids.
 */
export function applyDraft(doc: Y.Doc, draft: ImportDraft): string[] {
  const ids: string[] = [];
  doc.transact(() => {
    if (draft.includeIntro) writeBlocks(getIntro(doc), draft.intro);
    for (const item of draft.items) {
      if (!item.include || !clean(item.title)) continue;
      const id = addItem(doc, {
        title: item.title,
        leadOrganisation: item.leadOrganisation,
        startDate: item.startDate,
        endDate: item.endDate,
        mechanism: item.mechanism,
      });
      writeBlocks(getItemPlan(doc.getMap<Y.Map<unknown>>("items").get(id)!), item.plan);
      ids.push(id);
    }
  });
  return ids;
}
