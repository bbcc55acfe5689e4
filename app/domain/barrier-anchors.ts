// Barrier anchors: a passage of an item's plan, held as two Yjs relative positions so it follows
// the text while others edit (docs/decisions/004-barrier-anchors.md). Pure Yjs, no ProseMirror:
// the server (validation), the seed, the side panel and the editor highlight all resolve anchors
// with these functions, so they always agree on what a passage covers.
import * as Y from "yjs";
import type { barrierStatuses, severities } from "../../db/schema";

export type BarrierStatus = (typeof barrierStatuses)[number];
export type Severity = (typeof severities)[number];

/** What every open editor needs to highlight a barrier; the SQL row stays the source of truth. */
export type BarrierMarker = {
  itemId: string;
  start: string;
  end: string;
  severity: Severity;
  status: BarrierStatus;
};

export const getBarrierMarkers = (doc: Y.Doc) => doc.getMap<BarrierMarker>("barriers");

/** Barriers that are still being worked on keep their highlight; closed ones only show in lists. */
export const highlightedStatuses: readonly BarrierStatus[] = ["open", "in_behandeling", "geescaleerd"];

// ProseMirror leaf nodes of our editor schema (size 1, no content). Kept here so this module has no
// editor dependency; a unit test checks it against the schema.
export const leafNodeNames: ReadonlySet<string> = new Set(["hardBreak", "horizontalRule", "image"]);

type TextRun = { text: Y.XmlText; from: number; value: string };

function plainText(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>)
    .map((d) => (typeof d.insert === "string" ? d.insert : ""))
    .join("");
}

/**
 * The text runs of a fragment with their ProseMirror positions (0 = start of the document's
 * content, an element opens with +1 and closes with +1, a leaf counts 1), as Tiptap numbers them.
 */
export function textRuns(fragment: Y.XmlFragment): TextRun[] {
  const runs: TextRun[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement, start: number): number => {
    let pos = start;
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        runs.push({ text: child, from: pos, value: plainText(child) });
        pos += child.length;
      } else if (child instanceof Y.XmlElement) {
        pos = leafNodeNames.has(child.nodeName) ? pos + 1 : walk(child, pos + 1) + 1;
      }
    }
    return pos;
  };
  walk(fragment, 0);
  return runs;
}

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(value: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length > 512) return null;
  try {
    return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * A ProseMirror position in the fragment as an encoded relative position. The start sticks to
 * the passage's first character (text typed just before it stays outside), the end to its last.
 * A position between blocks snaps into the passage. Null when the fragment has no text there.
 */
export function encodeAnchor(fragment: Y.XmlFragment, pos: number, side: "start" | "end"): string | null {
  const runs = textRuns(fragment);
  let run: TextRun | undefined;
  if (side === "start") {
    run = runs.find((r) => pos >= r.from && pos < r.from + r.text.length) ?? runs.find((r) => r.from >= pos && r.text.length > 0);
  } else {
    run =
      [...runs].reverse().find((r) => pos > r.from && pos <= r.from + r.text.length) ??
      [...runs].reverse().find((r) => r.from + r.text.length <= pos && r.text.length > 0);
  }
  if (!run) return null;
  const index = Math.max(0, Math.min(run.text.length, pos - run.from));
  const rel = Y.createRelativePositionFromTypeIndex(run.text, side === "start" ? Math.min(index, run.text.length - 1) : index, side === "start" ? 0 : -1);
  return toBase64(Y.encodeRelativePosition(rel));
}

/** The ProseMirror position of an encoded anchor inside `fragment`, or null (elsewhere, deleted, malformed). */
export function decodeAnchor(doc: Y.Doc, fragment: Y.XmlFragment, encoded: string, runs = textRuns(fragment)): number | null {
  const bytes = fromBase64(encoded);
  if (!bytes) return null;
  let rel: Y.RelativePosition;
  try {
    rel = Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
  let abs: Y.AbsolutePosition | null;
  try {
    // A forged position can name an id the document does not have: Yjs throws for those.
    abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  } catch {
    return null;
  }
  if (!abs || !(abs.type instanceof Y.XmlText)) return null;
  const run = runs.find((r) => r.text === abs.type);
  return run ? run.from + abs.index : null;
}

export type ResolvedAnchor =
  | { kind: "ok"; from: number; to: number; quote: string }
  /** Both ends resolve in the plan but nothing is left between them: the passage was deleted. */
  | { kind: "deleted" }
  /** An end does not resolve inside this plan (another item, another field, gone with its paragraph, or garbage). */
  | { kind: "outside" };

export function resolveAnchor(doc: Y.Doc, fragment: Y.XmlFragment, start: string, end: string): ResolvedAnchor {
  const runs = textRuns(fragment);
  const from = decodeAnchor(doc, fragment, start, runs);
  const to = decodeAnchor(doc, fragment, end, runs);
  if (from === null || to === null) return { kind: "outside" };
  if (from >= to) return { kind: "deleted" };
  const parts: string[] = [];
  for (const r of runs) {
    const a = Math.max(from, r.from) - r.from;
    const b = Math.min(to, r.from + r.text.length) - r.from;
    if (b > a) parts.push(r.value.slice(a, b));
  }
  const quote = parts.join(" ").replace(/\s+/g, " ").trim();
  return quote ? { kind: "ok", from, to, quote } : { kind: "deleted" };
}

/** The item's plan fragment, or null when the item does not exist (any more). */
export function itemPlan(doc: Y.Doc, itemId: string): Y.XmlFragment | null {
  const item = doc.getMap<Y.Map<unknown>>("items").get(itemId);
  const plan = item instanceof Y.Map ? item.get("plan") : null;
  return plan instanceof Y.XmlFragment ? plan : null;
}

/**
 * The rich text a passage lies in: the item's plan, or the introduction when `itemId` is null
 * (comments may anchor there too, decision 036; barriers always name an item).
 */
export function passageFragment(doc: Y.Doc, itemId: string | null): Y.XmlFragment | null {
  return itemId === null ? doc.getXmlFragment("intro") : itemPlan(doc, itemId);
}

/** Resolves an anchor in its item's plan (or the introduction); an item that is gone counts as a deleted passage. */
export function resolveItemAnchor(doc: Y.Doc, itemId: string | null, start: string, end: string): ResolvedAnchor {
  const fragment = passageFragment(doc, itemId);
  return fragment ? resolveAnchor(doc, fragment, start, end) : { kind: "deleted" };
}

/** Anchors for the first occurrence of `passage` in the item's plan (seed data, tests). */
export function anchorForPassage(doc: Y.Doc, itemId: string, passage: string): { start: string; end: string } | null {
  const plan = itemPlan(doc, itemId);
  if (!plan) return null;
  for (const r of textRuns(plan)) {
    const at = r.value.indexOf(passage);
    if (at < 0) continue;
    const start = encodeAnchor(plan, r.from + at, "start");
    const end = encodeAnchor(plan, r.from + at + passage.length, "end");
    return start && end ? { start, end } : null;
  }
  return null;
}
