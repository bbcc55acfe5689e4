// Suggestions in the agenda's rich text (decision 035): text someone proposes to insert or to
// delete, carried by two marks in the live document, with their author and time. Nothing here
// loads ProseMirror: the collaboration server judges a suggester's update with it, the read model
// reads the text as if every suggestion were rejected, and a server action settles them.
import * as Y from "yjs";
import { getIntro, getItem, getItemPlan, getItems, isPlainText, isRichTextRoot, replaceText, textFieldLimits } from "./agenda-doc";
import { agendaRoots } from "./agenda-schema";
import {
  fieldSuggestionKey,
  fieldSuggestionsRoot,
  isFieldSuggestion,
  rejectedDelta,
  suggestionKinds,
  suggestionOf,
  type Delta,
  type FieldSuggestion,
  type Suggestion,
  type SuggestionAttrs,
  type SuggestionKind,
} from "./suggestion-marks";

export { suggestionKinds, isSuggestionAttrs, fieldSuggestionKey, type FieldSuggestion, type Suggestion, type SuggestionAttrs, type SuggestionKind } from "./suggestion-marks";

const fieldSuggestions = (doc: Y.Doc) => doc.getMap<unknown>(fieldSuggestionsRoot);

/** The suggested values for items' plain fields; an entry not of that shape is none (the schema refuses it). */
function listFieldSuggestions(doc: Y.Doc): Suggestion[] {
  const out: Suggestion[] = [];
  for (const [key, v] of fieldSuggestions(doc).entries()) {
    if (!isFieldSuggestion(v, textFieldLimits) || v.id !== key) continue;
    const { id, author, authorName, at, itemId, field, value } = v;
    out.push({ kind: "field", id, author, authorName, at, text: value, part: itemId, field });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : 1));
}

/** Puts the user's suggested value for a field beside it (replacing their earlier one). */
export function suggestFieldValue(doc: Y.Doc, suggestion: Omit<FieldSuggestion, "id">) {
  const id = fieldSuggestionKey(suggestion);
  fieldSuggestions(doc).set(id, { ...suggestion, id });
}

/** Withdraws a field suggestion (its author's own, or an editor settling it). */
export function withdrawFieldSuggestion(doc: Y.Doc, id: string) {
  fieldSuggestions(doc).delete(id);
}

/** The rich texts of an agenda: the introduction and every item's plan. */
function richTexts(doc: Y.Doc): Array<{ part: string; fragment: Y.XmlFragment }> {
  const parts = [{ part: "intro", fragment: getIntro(doc) }];
  for (const [id, item] of getItems(doc).entries()) {
    const plan = item instanceof Y.Map ? getItemPlan(item) : null;
    if (isRichTextRoot(plan)) parts.push({ part: id, fragment: plan });
  }
  return parts;
}

function eachText(node: Y.XmlFragment, visit: (text: Y.XmlText) => void) {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) visit(child);
    else if (child instanceof Y.XmlElement) eachText(child, visit);
  }
}

/** Every suggestion in the document, in document order; one per id, whatever runs it was split into. */
export function listSuggestions(doc: Y.Doc): Suggestion[] {
  const byId = new Map<string, Suggestion>();
  for (const { part, fragment } of richTexts(doc)) {
    eachText(fragment, (text) => {
      for (const op of text.toDelta() as Delta) {
        if (typeof op.insert !== "string") continue;
        for (const kind of suggestionKinds) {
          const attrs = suggestionOf(op.attributes, kind);
          if (!attrs) continue;
          const key = `${kind}:${attrs.id}`;
          const known = byId.get(key);
          if (known) known.text += op.insert;
          else byId.set(key, { ...attrs, kind, text: op.insert, part });
        }
      }
    });
  }
  return [...byId.values(), ...listFieldSuggestions(doc)];
}

function rejectedXml(node: Y.XmlFragment): unknown[] {
  return node.toArray().map((child) => {
    if (child instanceof Y.XmlText) return rejectedDelta(child);
    if (child instanceof Y.XmlElement) return [child.nodeName, child.getAttributes(), rejectedXml(child)];
    return String(child);
  });
}

function rejectedValue(value: unknown): unknown {
  if (isRichTextRoot(value)) return rejectedXml(value);
  if (value instanceof Y.Map) return Object.fromEntries([...value.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, rejectedValue(v)]));
  // A root nobody typed (refused by the schema check anyway) still counts by what it holds.
  if (value instanceof Y.AbstractType && value.constructor === Y.AbstractType) return { untyped: [...value._map.keys()], length: value._length };
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value;
}

/**
 * The whole document as if every suggestion were rejected, as one comparable string: what a
 * suggester's update must leave unchanged. Every root is in it (what the schema lets exist).
 */
export function rejectedContent(doc: Y.Doc): string {
  // A root arrives untyped from the wire until it is read as its type: type the app's roots first,
  // or their content would not be compared at all.
  getIntro(doc);
  for (const name of agendaRoots) if (name !== "intro") doc.getMap(name);
  const roots = [...doc.share.entries()]
    .filter(([name]) => name !== fieldSuggestionsRoot)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, type]) => [name, rejectedValue(type)]);
  return JSON.stringify(roots);
}

/** What the check compares of a document before and after a suggester's update. */
export type SuggestionState = { content: string; suggestions: Map<string, Suggestion> };

export function suggestionState(doc: Y.Doc): SuggestionState {
  return {
    content: rejectedContent(doc),
    suggestions: new Map(listSuggestions(doc).map((s) => [`${s.kind}:${s.id}`, s])),
  };
}

const sameSuggestion = (a: Suggestion, b: Suggestion) =>
  a.kind === b.kind && a.author === b.author && a.authorName === b.authorName && a.at === b.at && a.text === b.text && a.part === b.part;

/**
 * Why an update by `author`, who may only suggest, is refused; null when it only added, changed or
 * withdrew their own suggestions. Judged on the document before and after (whatever the update's
 * encoding): the content as if all suggestions were rejected must not change, nobody else's
 * suggestion may change, and every new suggestion must be the author's own.
 */
export function suggestionProblem(before: SuggestionState, after: SuggestionState, author: { id: number; name: string }): string | null {
  if (before.content !== after.content) return "changes content outside a suggestion";
  for (const [key, was] of before.suggestions) {
    if (was.author === author.id) continue;
    const now = after.suggestions.get(key);
    if (!now || !sameSuggestion(was, now)) return `changes the suggestion ${was.id} of user ${was.author}`;
  }
  for (const [key, now] of after.suggestions) {
    const was = before.suggestions.get(key);
    if (was && was.author !== author.id) continue;
    if (now.author !== author.id || now.authorName !== author.name) return `suggestion ${now.id} claims another author`;
  }
  return null;
}

export type SuggestionVerdict = "accept" | "reject";
/** Which suggestions to settle: one (by id), or every one of an author. */
export type SuggestionSelection = { id: string } | { author: number };

const selected = (attrs: SuggestionAttrs, which: SuggestionSelection) => ("id" in which ? attrs.id === which.id : attrs.author === which.author);

/**
 * Accepts or rejects suggestions: an accepted insertion becomes plain text, a rejected one goes;
 * an accepted deletion removes its text, a rejected one leaves it plain. Returns what was settled.
 */
export function settleSuggestions(doc: Y.Doc, which: SuggestionSelection, verdict: SuggestionVerdict): Suggestion[] {
  const settled = listSuggestions(doc).filter((s) => selected(s, which));
  if (settled.length === 0) return settled;
  doc.transact(() => {
    for (const s of settled) {
      if (s.kind !== "field") continue;
      const text = getItem(doc, s.part)?.get(s.field!);
      if (verdict === "accept" && isPlainText(text)) replaceText(text, s.text);
      withdrawFieldSuggestion(doc, s.id);
    }
    for (const { fragment } of richTexts(doc)) {
      eachText(fragment, (text) => {
        const runs: Array<{ index: number; length: number; kind: SuggestionKind }> = [];
        let index = 0;
        for (const op of text.toDelta() as Delta) {
          const length = typeof op.insert === "string" ? op.insert.length : 1;
          for (const kind of suggestionKinds) {
            const attrs = suggestionOf(op.attributes, kind);
            if (attrs && selected(attrs, which)) runs.push({ index, length, kind });
          }
          index += length;
        }
        const removes = (kind: SuggestionKind) => (kind === "insertion") === (verdict === "reject");
        // From the end, so the positions of the runs still to do stay valid; on one run (a
        // deletion of an insertion) the mark goes before the text.
        runs.sort((a, b) => b.index - a.index || Number(removes(a.kind)) - Number(removes(b.kind)));
        let deletedAt = -1;
        for (const run of runs) {
          if (run.index === deletedAt) continue;
          if (removes(run.kind)) {
            text.delete(run.index, run.length);
            deletedAt = run.index;
          } else text.format(run.index, run.length, { [run.kind]: null });
        }
      });
    }
  });
  return settled;
}
