// The shape of an agenda's live Yjs document, and the pure functions that read and change it.
// Shared by the browser, the collaboration server (projection) and the seed.
import * as Y from "yjs";
import { richTextRules } from "./rich-text-rules";
import { rejectedDelta } from "./suggestion-marks";

export const textFields = [
  "title",
  "actionLine",
  "leadOrganisation",
  "contact",
  "professionalsHow",
  "why",
] as const;
export type TextField = (typeof textFields)[number];

/**
 * The longest each plain text field may be, in UTF-16 units (what Y.Text and an input's maxLength
 * count). A title is a heading, not a page: the document schema refuses longer text and the
 * editor's inputs stop at the limit and say so.
 */
export const textFieldLimits: Record<TextField, number> = {
  title: 200,
  actionLine: 200,
  leadOrganisation: 200,
  contact: 200,
  professionalsHow: 2000,
  why: 2000,
};

export const choiceFields = [
  "status",
  "mechanism",
  "startDate",
  "endDate",
  "professionalsInvolved",
  "isPublic",
] as const;
export type ChoiceField = (typeof choiceFields)[number];

import { initialItemStatus, type ItemStatus, type Mechanism } from "./vocabulary";

export type { ItemStatus, Mechanism };

export type ProjectedItem = {
  id: string;
  position: number;
  title: string;
  status: ItemStatus;
  mechanism: Mechanism | null;
  actionLine: string;
  leadOrganisation: string;
  contact: string;
  startDate: string | null;
  endDate: string | null;
  sectors: string[];
  professionalsInvolved: "ja" | "deels" | "nee" | null;
  professionalsHow: string;
  why: string;
  planText: string;
  isPublic: boolean;
  /**
   * Parts that could not be read ("item" for the whole item, else field names): documents stored
   * before the schema was enforced may hold anything. Shown as damaged, never thrown on.
   */
  damaged: string[];
};

/** An item's content as readers see it; position is left out, so reordering alone is not a change. */
export const itemContentFields = [
  "title",
  "status",
  "mechanism",
  "actionLine",
  "leadOrganisation",
  "contact",
  "startDate",
  "endDate",
  "sectors",
  "professionalsInvolved",
  "professionalsHow",
  "why",
  "planText",
  "isPublic",
] as const satisfies ReadonlyArray<keyof ProjectedItem>;

export type ItemInit = Partial<Omit<ProjectedItem, "id" | "position" | "planText" | "damaged">> & {
  id?: string;
  position?: number;
  /** Plan paragraphs, as plain text. */
  plan?: string[];
};

export const getIntro = (doc: Y.Doc) => doc.getXmlFragment("intro");
export const getItems = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>("items");

export function getItem(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  return getItems(doc).get(id);
}

export const getItemText = (item: Y.Map<unknown>, field: TextField) => item.get(field) as Y.Text;
export const getItemPlan = (item: Y.Map<unknown>) => item.get("plan") as Y.XmlFragment;
export const getItemSectors = (item: Y.Map<unknown>) => item.get("sectors") as Y.Array<string>;

function newId(): string {
  return globalThis.crypto.randomUUID();
}

/** An item's position; anything unreadable sorts first rather than failing the list. */
function itemPosition(m: unknown): number {
  const p = m instanceof Y.Map ? Number(m.get("position") ?? 0) : 0;
  return Number.isFinite(p) ? p : 0;
}

/** Items sorted by position; ties (two people moving at once) are broken by id so every peer agrees. */
export function orderedItemIds(doc: Y.Doc): string[] {
  const entries = [...getItems(doc).entries()].map(([id, m]) => ({
    id,
    position: itemPosition(m),
  }));
  entries.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
  return entries.map((e) => e.id);
}

export function paragraphsToXml(fragment: Y.XmlFragment, paragraphs: string[]) {
  fragment.insert(
    fragment.length,
    paragraphs.map((p) => {
      const el = new Y.XmlElement("paragraph");
      el.insert(0, [new Y.XmlText(p)]);
      return el;
    }),
  );
}

export function addItem(doc: Y.Doc, init: ItemInit = {}): string {
  const id = init.id ?? newId();
  const ids = orderedItemIds(doc);
  const last = ids.length ? Number(getItem(doc, ids[ids.length - 1])!.get("position")) : 0;
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    getItems(doc).set(id, item);
    item.set("id", id);
    item.set("position", init.position ?? last + 1);
    for (const field of textFields) {
      const text = new Y.Text();
      item.set(field, text);
      if (init[field]) text.insert(0, init[field]!);
    }
    item.set("status", init.status ?? initialItemStatus);
    item.set("mechanism", init.mechanism ?? null);
    item.set("startDate", init.startDate ?? null);
    item.set("endDate", init.endDate ?? null);
    item.set("professionalsInvolved", init.professionalsInvolved ?? null);
    item.set("isPublic", init.isPublic ?? false);
    const sectors = new Y.Array<string>();
    item.set("sectors", sectors);
    if (init.sectors?.length) sectors.insert(0, init.sectors);
    const plan = new Y.XmlFragment();
    item.set("plan", plan);
    if (init.plan?.length) paragraphsToXml(plan, init.plan);
  });
  return id;
}

export function removeItem(doc: Y.Doc, id: string) {
  getItems(doc).delete(id);
}

/** Moves an item to `index` in the ordered list by giving it a position between its new neighbours. */
export function moveItem(doc: Y.Doc, id: string, index: number) {
  const ids = orderedItemIds(doc).filter((x) => x !== id);
  const clamped = Math.max(0, Math.min(index, ids.length));
  const pos = (i: number) => Number(getItem(doc, ids[i])!.get("position"));
  const before = clamped > 0 ? pos(clamped - 1) : null;
  const after = clamped < ids.length ? pos(clamped) : null;
  const position =
    before === null && after === null
      ? 1
      : before === null
        ? after! - 1
        : after === null
          ? before + 1
          : (before + after) / 2;
  getItem(doc, id)?.set("position", position);
}

export function setChoice(doc: Y.Doc, id: string, field: ChoiceField, value: string | boolean | null) {
  getItem(doc, id)?.set(field, value);
}

export function setSectors(doc: Y.Doc, id: string, sectors: string[]) {
  const item = getItem(doc, id);
  if (!item) return;
  const arr = getItemSectors(item);
  if (!(arr instanceof Y.Array)) return;
  doc.transact(() => {
    arr.delete(0, arr.length);
    arr.insert(0, sectors);
  });
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Makes `text` read `next` with one delete and one insert of the changed middle, so the
 * common start and end keep their identity (concurrent typing and relative positions in
 * them survive). The cut never falls inside a surrogate pair: Yjs counts UTF-16 units and
 * would store each half as U+FFFD.
 */
export function replaceText(text: Y.Text, next: string) {
  const current = text.toString();
  if (current === next) return;
  const max = Math.min(current.length, next.length);
  let start = 0;
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < max - start &&
    current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  ) {
    end++;
  }
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  const change = () => {
    const deleteCount = current.length - start - end;
    if (deleteCount > 0) text.delete(start, deleteCount);
    const insert = next.slice(start, next.length - end);
    if (insert) text.insert(start, insert);
  };
  if (text.doc) text.doc.transact(change);
  else change();
}

/** Plain text of rich text: blocks separated by newlines, for search and exports. */
export function xmlToPlainText(node: Y.XmlFragment | Y.XmlElement): string {
  const blocks: string[] = [];
  node.forEach((child) => {
    if (child instanceof Y.XmlText) blocks.push(child.toString().replace(/<[^>]*>/g, ""));
    else if (child instanceof Y.XmlElement) {
      const inner = child
        .toArray()
        // Pending suggestions are not the agenda's text yet (decision 035): read as if rejected.
        .map((c) => (c instanceof Y.XmlText ? rejectedDelta(c).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("") : c instanceof Y.XmlElement ? xmlToPlainText(c) : ""))
        .join(child.nodeName === "paragraph" || child.nodeName === "heading" ? "" : "\n");
      blocks.push(inner);
    }
  });
  return blocks.join("\n");
}

const asString = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** Exact classes: XmlText extends Text and XmlElement extends XmlFragment, but the editors cannot bind to them. */
export const isPlainText = (v: unknown): v is Y.Text => v instanceof Y.Text && !(v instanceof Y.XmlText);
export const isRichTextRoot = (v: unknown): v is Y.XmlFragment => v instanceof Y.XmlFragment && !(v instanceof Y.XmlElement);

/**
 * Whether the rich-text editor can bind to this fragment: every child of a kind its parent may
 * hold in the editor's schema. A stray text or foreign value at the wrong level makes the
 * editor throw, so such a plan is shown as damaged instead. Walks nodes, not characters.
 */
export function richTextReadable(fragment: Y.XmlFragment): boolean {
  const stack: Array<[Y.XmlFragment, string]> = [[fragment, "doc"]];
  while (stack.length > 0) {
    const [node, name] = stack.pop()!;
    const rules = richTextRules.nodes[name];
    if (!rules) return false;
    for (const child of node.toArray() as unknown[]) {
      if (child instanceof Y.XmlText) {
        if (!rules.text) return false;
      } else if (child instanceof Y.XmlElement && !(child instanceof Y.XmlHook) && rules.children.includes(child.nodeName)) {
        stack.push([child, child.nodeName]);
      } else return false;
    }
  }
  return true;
}

/** Reads an item as far as it can be read: unreadable parts get defaults and are listed in `damaged`. */
export function projectItem(value: unknown): ProjectedItem {
  const item = value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
  const damaged: string[] = item ? [] : ["item"];
  const get = (k: string) => item?.get(k);
  const text = (f: TextField) => {
    const v = get(f);
    if (isPlainText(v)) return v.toString();
    if (item) damaged.push(f);
    return "";
  };
  const choice = (f: ChoiceField | "position", ok: (v: unknown) => boolean) => {
    const v = get(f);
    if (v !== undefined && !ok(v)) damaged.push(f);
    return v;
  };
  const stringOrNull = (v: unknown) => v === null || typeof v === "string";
  const sectors = get("sectors");
  if (item && !(sectors instanceof Y.Array)) damaged.push("sectors");
  const plan = get("plan");
  let planText = "";
  if (isRichTextRoot(plan) && richTextReadable(plan)) planText = xmlToPlainText(plan);
  else if (item) damaged.push("plan");
  const id = get("id");
  const position = Number(choice("position", (v) => typeof v === "number" && Number.isFinite(v)) ?? 0);
  const projected: ProjectedItem = {
    id: typeof id === "string" ? id : "",
    position: Number.isFinite(position) ? position : 0,
    title: text("title"),
    status: (asString(choice("status", stringOrNull)) ?? initialItemStatus) as ItemStatus,
    mechanism: asString(choice("mechanism", stringOrNull)) as Mechanism | null,
    actionLine: text("actionLine"),
    leadOrganisation: text("leadOrganisation"),
    contact: text("contact"),
    startDate: asString(choice("startDate", stringOrNull)),
    endDate: asString(choice("endDate", stringOrNull)),
    sectors: sectors instanceof Y.Array ? sectors.toArray().filter((s) => typeof s === "string") : [],
    professionalsInvolved: asString(choice("professionalsInvolved", stringOrNull)) as ProjectedItem["professionalsInvolved"],
    professionalsHow: text("professionalsHow"),
    why: text("why"),
    planText,
    isPublic: choice("isPublic", (v) => typeof v === "boolean") === true,
    damaged,
  };
  return projected;
}

/** The relational read model of the whole document, in order; what cannot be read is marked, not thrown on. */
export function projectAgenda(doc: Y.Doc): { introText: string; introDamaged: boolean; items: ProjectedItem[] } {
  // The map key is the id (what removeItem deletes by), whatever the item says.
  const items = orderedItemIds(doc).map((id) => ({ ...projectItem(getItem(doc, id)), id }));
  const intro = getIntro(doc);
  const introDamaged = !richTextReadable(intro);
  return { introText: introDamaged ? "" : xmlToPlainText(intro), introDamaged, items };
}
