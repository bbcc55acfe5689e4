// Suggestions in rich text (decision 035): two marks with their author and time, and a mode that
// turns what the user types into insertion-marked text and what they delete into deletion-marked
// text. Only local changes are rewritten: changes arriving from Yjs (others' edits, undo) pass as
// they are. A change the mode cannot express as a suggestion (a new paragraph, bold, a list) is
// not made at all; the collaboration server refuses it anyway from those who may only suggest.
import { Extension, Mark } from "@tiptap/core";
import { Fragment, type Mark as PMMark, type MarkType, type Node as PMNode, type Slice } from "@tiptap/pm/model";
import { TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { ReplaceStep } from "@tiptap/pm/transform";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type { SuggestionAttrs, SuggestionKind } from "~/domain/suggestion-marks";

function suggestionMark(name: SuggestionKind, tag: "ins" | "del") {
  return Mark.create({
    name,
    // Typing next to someone's suggestion is not part of it.
    inclusive: false,
    addAttributes() {
      const attr = { default: null, rendered: false };
      return { id: attr, author: attr, authorName: attr, at: attr };
    },
    // Never made from pasted HTML: a suggestion's author is whoever made it here.
    parseHTML: () => [],
    renderHTML({ mark }) {
      const attrs = mark.attrs as SuggestionAttrs;
      return [tag, { "data-suggestion": name, "data-suggestion-id": attrs.id, "data-author": attrs.authorName, class: `suggestion-${name}` }, 0];
    },
  });
}

export const InsertionMark = suggestionMark("insertion", "ins");
export const DeletionMark = suggestionMark("deletion", "del");

export type SuggestingOptions = {
  user: { id: number; name: string };
  /** Read at every change: the mode can be switched without rebuilding the editor. */
  isOn: () => boolean;
};

/** The slice's inline text, or null when it holds anything else (blocks, a line break). */
function insertedText(slice: Slice): Fragment | null {
  let content = slice.content;
  if (slice.openStart === 1 && slice.openEnd === 1 && content.childCount === 1 && content.firstChild!.isTextblock) content = content.firstChild!.content;
  else if (slice.openStart !== 0 || slice.openEnd !== 0) return null;
  let onlyText = true;
  content.forEach((node) => (onlyText &&= node.isText));
  return onlyText ? content : null;
}

/** The attributes of the user's own suggestion of this kind right next to `pos`, to grow it rather than start another. */
function ownNextTo(doc: PMNode, positions: number[], type: MarkType, userId: number): SuggestionAttrs | null {
  for (const pos of positions) {
    const $pos = doc.resolve(pos);
    for (const node of [$pos.nodeBefore, $pos.nodeAfter]) {
      const mark = node ? type.isInSet(node.marks) : undefined;
      if (mark && (mark.attrs as SuggestionAttrs).author === userId) return mark.attrs as SuggestionAttrs;
    }
  }
  return null;
}

const freshAttrs = (user: SuggestingOptions["user"]): SuggestionAttrs => ({
  id: globalThis.crypto.randomUUID(),
  author: user.id,
  authorName: user.name,
  at: new Date().toISOString(),
});

/**
 * The suggestion `tr` stands for, made on `state`: inserted text is kept with the user's insertion
 * mark after the text it replaces, deleted text is kept with their deletion mark (their own
 * pending insertions really go). Null when `tr` is not one replacement of text within a block.
 */
export function suggestionTransaction(state: EditorState, tr: Transaction, user: SuggestingOptions["user"]): Transaction | null {
  const step = tr.steps.length === 1 ? tr.steps[0] : null;
  if (!(step instanceof ReplaceStep)) return null;
  const { from, to, slice } = step as unknown as { from: number; to: number; slice: Slice };
  const doc = state.doc;
  const $from = doc.resolve(from);
  if (!$from.parent.isTextblock || !$from.sameParent(doc.resolve(to))) return null;
  const text = insertedText(slice);
  if (!text) return null;
  const { insertion, deletion } = state.schema.marks;
  const out = state.tr;
  if (text.size > 0) {
    const mark = insertion.create(ownNextTo(doc, [to, from], insertion, user.id) ?? freshAttrs(user));
    const nodes: PMNode[] = [];
    text.forEach((node) => nodes.push(node.mark(mark.addToSet(node.marks.filter((m: PMMark) => m.type !== insertion && m.type !== deletion)))));
    out.insert(to, Fragment.from(nodes));
  }
  if (to > from) {
    const mark = deletion.create(ownNextTo(doc, [from, to], deletion, user.id) ?? freshAttrs(user));
    const runs: Array<{ start: number; end: number; own: boolean }> = [];
    doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isText) return true;
      const inserted = insertion.isInSet(node.marks);
      // Others' suggestions are theirs to withdraw; deleted text is deleted already.
      if ((inserted && (inserted.attrs as SuggestionAttrs).author !== user.id) || deletion.isInSet(node.marks)) return false;
      runs.push({ start: Math.max(pos, from), end: Math.min(pos + node.nodeSize, to), own: !!inserted });
      return false;
    });
    // From the end: the insertion sits at `to`, after every run, so their positions hold.
    for (const run of runs.reverse()) {
      if (run.own) out.delete(run.start, run.end);
      else out.addMark(run.start, run.end, mark);
    }
  }
  // Backspace leaves the caret before what it marked; Delete and typing, after.
  const backwards = text.size === 0 && state.selection.empty && state.selection.from === to;
  const caret = backwards ? out.mapping.map(from, -1) : out.mapping.map(to, 1);
  out.setSelection(TextSelection.create(out.doc, caret));
  if (tr.scrolledIntoView) out.scrollIntoView();
  return out;
}

export const Suggesting = Extension.create<SuggestingOptions>({
  name: "suggesting",
  addOptions: () => ({ user: { id: 0, name: "" }, isOn: () => false }),
  dispatchTransaction({ transaction, next }) {
    if (!this.options.isOn() || !transaction.docChanged || transaction.getMeta(ySyncPluginKey) !== undefined) return next(transaction);
    // Made on another state than the editor's: nothing to rewrite it against, so it is not made.
    if (transaction.before !== this.editor.state.doc) return;
    const suggestion = suggestionTransaction(this.editor.state, transaction, this.options.user);
    if (suggestion) next(suggestion);
  },
});
