// The shape of an agenda's live Yjs document, and the pure functions that read and change it.
// Shared by the browser, the collaboration server (projection) and the seed.
import * as Y from "yjs";

export const textFields = [
  "title",
  "actionLine",
  "leadOrganisation",
  "contact",
  "professionalsHow",
  "why",
] as const;
export type TextField = (typeof textFields)[number];

export const choiceFields = [
  "status",
  "mechanism",
  "startDate",
  "endDate",
  "professionalsInvolved",
  "isPublic",
] as const;
export type ChoiceField = (typeof choiceFields)[number];

import type { ItemStatus, Mechanism } from "./vocabulary";

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

export type ItemInit = Partial<Omit<ProjectedItem, "id" | "position" | "planText">> & {
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

/** Items sorted by position; ties (two people moving at once) are broken by id so every peer agrees. */
export function orderedItemIds(doc: Y.Doc): string[] {
  const entries = [...getItems(doc).entries()].map(([id, m]) => ({
    id,
    position: Number(m.get("position") ?? 0),
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
    item.set("status", init.status ?? "idee");
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
  doc.transact(() => {
    arr.delete(0, arr.length);
    arr.insert(0, sectors);
  });
}

/** Plain text of rich text: blocks separated by newlines, for search and exports. */
export function xmlToPlainText(node: Y.XmlFragment | Y.XmlElement): string {
  const blocks: string[] = [];
  node.forEach((child) => {
    if (child instanceof Y.XmlText) blocks.push(child.toString().replace(/<[^>]*>/g, ""));
    else if (child instanceof Y.XmlElement) {
      const inner = child
        .toArray()
        .map((c) => (c instanceof Y.XmlText ? c.toDelta().map((d: { insert: unknown }) => (typeof d.insert === "string" ? d.insert : "")).join("") : xmlToPlainText(c as Y.XmlElement)))
        .join(child.nodeName === "paragraph" || child.nodeName === "heading" ? "" : "\n");
      blocks.push(inner);
    }
  });
  return blocks.join("\n");
}

const asString = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export function projectItem(item: Y.Map<unknown>): ProjectedItem {
  const text = (f: TextField) => (item.get(f) instanceof Y.Text ? (item.get(f) as Y.Text).toString() : "");
  const sectors = item.get("sectors");
  const plan = item.get("plan");
  return {
    id: String(item.get("id")),
    position: Number(item.get("position") ?? 0),
    title: text("title"),
    status: (asString(item.get("status")) ?? "idee") as ItemStatus,
    mechanism: asString(item.get("mechanism")) as Mechanism | null,
    actionLine: text("actionLine"),
    leadOrganisation: text("leadOrganisation"),
    contact: text("contact"),
    startDate: asString(item.get("startDate")),
    endDate: asString(item.get("endDate")),
    sectors: sectors instanceof Y.Array ? sectors.toArray().filter((s) => typeof s === "string") : [],
    professionalsInvolved: asString(item.get("professionalsInvolved")) as ProjectedItem["professionalsInvolved"],
    professionalsHow: text("professionalsHow"),
    why: text("why"),
    planText: plan instanceof Y.XmlFragment ? xmlToPlainText(plan) : "",
    isPublic: item.get("isPublic") === true,
  };
}

/** The relational read model of the whole document, in order. */
export function projectAgenda(doc: Y.Doc): { introText: string; items: ProjectedItem[] } {
  const items = orderedItemIds(doc).map((id) => projectItem(getItem(doc, id)!));
  return { introText: xmlToPlainText(getIntro(doc)), items };
}
