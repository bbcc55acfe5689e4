// The two suggestion marks as Yjs stores them (y-prosemirror: one format attribute per mark, its
// attributes as the value), for code that must not load the agenda document's helpers (decision 035).
import type * as Y from "yjs";

export const suggestionKinds = ["insertion", "deletion"] as const;
export type SuggestionKind = (typeof suggestionKinds)[number];
/** The attributes each suggestion mark carries; `at` is the author's clock (ISO 8601). */
export const suggestionAttrNames = ["id", "author", "authorName", "at"] as const;
export type SuggestionAttrs = { id: string; author: number; authorName: string; at: string };

export type Suggestion = SuggestionAttrs & {
  /** "field": a new value for one of an item's plain fields (FieldSuggestion). */
  kind: SuggestionKind | "field";
  /** The text it inserts or deletes (all its runs, in document order), or the field's new value. */
  text: string;
  /** Where it is: "intro", or the id of the item whose plan (or field) holds it. */
  part: string;
  field?: string;
};

/**
 * A new value someone suggests for an item's plain field (title, lead organisation, ...): a plain
 * field has no marks, so the value waits beside it, one per field and author, in the root map
 * `fieldSuggestionsRoot` under `fieldSuggestionKey` (no nested map two people could create at once).
 */
export type FieldSuggestion = SuggestionAttrs & { itemId: string; field: string; value: string };
export const fieldSuggestionsRoot = "fieldSuggestions";
export const fieldSuggestionKey = (s: Pick<FieldSuggestion, "itemId" | "field" | "author">) => `${s.itemId}:${s.field}:${s.author}`;

export function isFieldSuggestion(v: unknown, limits: Record<string, number>): v is FieldSuggestion {
  if (!isSuggestionAttrs(v)) return false;
  const f = v as Partial<FieldSuggestion>;
  const limit = typeof f.field === "string" && Object.hasOwn(limits, f.field) ? limits[f.field] : undefined;
  return typeof f.itemId === "string" && f.itemId.length <= 200 && limit !== undefined && typeof f.value === "string" && f.value.length <= limit && v.id === fieldSuggestionKey(f as FieldSuggestion);
}

const MAX_ID = 64;
const MAX_NAME = 200;

export function isSuggestionAttrs(v: unknown): v is SuggestionAttrs {
  if (typeof v !== "object" || v === null) return false;
  const a = v as Record<string, unknown>;
  return (
    typeof a.id === "string" && a.id.length > 0 && a.id.length <= MAX_ID &&
    typeof a.author === "number" && Number.isInteger(a.author) &&
    typeof a.authorName === "string" && a.authorName.length <= MAX_NAME &&
    typeof a.at === "string" && a.at.length <= 40
  );
}

export type Delta = Array<{ insert: unknown; attributes?: Record<string, unknown> }>;

export const suggestionOf = (attributes: Record<string, unknown> | undefined, kind: SuggestionKind) => {
  const value = attributes?.[kind];
  return isSuggestionAttrs(value) ? value : null;
};

/** A text's runs as if every suggestion were rejected: inserted text left out, deleted text kept plain. */
export function rejectedDelta(text: Y.XmlText): Delta {
  const out: Delta = [];
  for (const op of text.toDelta() as Delta) {
    // A mark that is no suggestion (attributes of the wrong kind) counts as content, so a
    // suggester cannot slip text past the check under it.
    if (suggestionOf(op.attributes, "insertion")) continue;
    const rest = { ...op.attributes };
    if (suggestionOf(rest, "deletion")) delete rest.deletion;
    const attributes = Object.keys(rest).length > 0 ? rest : undefined;
    const last = out[out.length - 1];
    if (last && typeof last.insert === "string" && typeof op.insert === "string" && JSON.stringify(last.attributes) === JSON.stringify(attributes)) {
      last.insert += op.insert;
    } else out.push(attributes ? { insert: op.insert, attributes } : { insert: op.insert });
  }
  return out;
}

