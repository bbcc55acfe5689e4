// Highlights anchored passages (barriers, comments) in a rich-text editor, from markers in the shared
// document. The markers arrive through Yjs like any edit, so a new one lights up in every open editor
// without a reload. Positions come from the same resolver the server validates with (decision 004).
import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { decodeAnchor, encodeAnchor, resolveAnchor, textRuns } from "~/domain/barrier-anchors";
import { snapToWords, type TextBlock } from "~/domain/word-snap";

/** Editors by item id (null: the introduction), so a panel can read the selection and scroll to passages. */
export type PassageViews = Map<string | null, EditorView>;

type Options = { itemId: string | null; views: PassageViews | null };

/** What a marker needs for a highlight: where it is (item, or null for the introduction) and its anchors. */
export type AnchoredMarker = { itemId: string | null; start: string; end: string };

function ySync(state: EditorState): { doc: Y.Doc; type: Y.XmlFragment } | null {
  const ystate = ySyncPluginKey.getState(state) as { doc?: Y.Doc; type?: Y.XmlFragment } | undefined;
  return ystate?.doc && ystate.type ? { doc: ystate.doc, type: ystate.type } : null;
}

/**
 * A highlight extension for one kind of marker: `markers` names the document map, `shown` which
 * markers are highlighted, `attrs` the `<mark>`'s attributes.
 */
export function passageHighlight<M extends AnchoredMarker>({
  name,
  markers: markersOf,
  shown,
  attrs,
}: {
  name: string;
  markers: (doc: Y.Doc) => Y.Map<M>;
  shown: (marker: M) => boolean;
  attrs: (id: string, marker: M) => Record<string, string>;
}) {
  const key = new PluginKey<DecorationSet>(name);
  const decorations = (state: EditorState, itemId: string | null): DecorationSet => {
    const y = ySync(state);
    if (!y) return DecorationSet.empty;
    const runs = textRuns(y.type);
    const max = state.doc.content.size;
    const decos: Decoration[] = [];
    for (const [id, marker] of markersOf(y.doc).entries()) {
      if (!marker || marker.itemId !== itemId || !shown(marker)) continue;
      const from = decodeAnchor(y.doc, y.type, marker.start, runs);
      const to = decodeAnchor(y.doc, y.type, marker.end, runs);
      if (from === null || to === null || from >= to || to > max) continue;
      decos.push(Decoration.inline(from, to, { nodeName: "mark", ...attrs(id, marker) }));
    }
    return DecorationSet.create(state.doc, decos);
  };
  return Extension.create<Options>({
    name,
    addOptions: () => ({ itemId: null, views: null }),
    addProseMirrorPlugins() {
      const { itemId, views } = this.options;
      return [
        new Plugin<DecorationSet>({
          key,
          state: {
            init: (_, state) => decorations(state, itemId),
            apply(tr, old, _oldState, newState) {
              // Recompute when Yjs is the source of truth (remote edits, marker changes); a local
              // edit is mapped now and recomputed once the binding has written it to Yjs.
              if (tr.getMeta(key) === "refresh" || tr.getMeta(ySyncPluginKey) !== undefined) return decorations(newState, itemId);
              return tr.docChanged ? old.map(tr.mapping, tr.doc) : old;
            },
          },
          props: {
            decorations: (state) => key.getState(state),
          },
          view(view) {
            views?.set(itemId, view);
            const y = ySync(view.state);
            let timer: ReturnType<typeof setTimeout> | null = null;
            const schedule = () => {
              if (timer) return;
              // Never dispatch from inside another dispatch or Yjs transaction.
              timer = setTimeout(() => {
                timer = null;
                if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, "refresh").setMeta("addToHistory", false));
              }, 0);
            };
            const markers = y ? markersOf(y.doc) : null;
            markers?.observe(schedule);
            y?.type.observeDeep(schedule);
            schedule();
            return {
              destroy() {
                markers?.unobserve(schedule);
                y?.type.unobserveDeep(schedule);
                if (timer) clearTimeout(timer);
                if (views?.get(itemId) === view) views.delete(itemId);
              },
            };
          },
        }),
      ];
    },
  });
}

/** Each textblock's text with the position of its first character; leaf nodes count as one character. */
function textBlocks(doc: ProseMirrorNode): TextBlock[] {
  const blocks: TextBlock[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    blocks.push({ start: pos + 1, text: node.textBetween(0, node.content.size, undefined, "\uFFFC") });
    return false;
  });
  return blocks;
}

/** The editor's selection as positions: ProseMirror's own (it outlives focus moving to a button), else the DOM's. */
function selectionRange(view: EditorView): { from: number; to: number } | null {
  const { from, to, empty } = view.state.selection;
  if (!empty) return { from, to };
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!view.dom.contains(range.startContainer) || !view.dom.contains(range.endContainer)) return null;
  try {
    return { from: view.posAtDOM(range.startContainer, range.startOffset), to: view.posAtDOM(range.endContainer, range.endOffset) };
  } catch {
    return null;
  }
}

/**
 * The passage selected in the editor (read-only editors too), snapped to whole words, as anchors
 * and quote, or null. The editor's selection is set to the snapped passage, so what is shown
 * selected is what gets quoted.
 */
export function selectedPassage(view: EditorView): { start: string; end: string; quote: string } | null {
  const y = ySync(view.state);
  const range = selectionRange(view);
  const span = y && range ? snapToWords(textBlocks(view.state.doc), range) : null;
  if (!y || !span) return null;
  const start = encodeAnchor(y.type, span.from, "start");
  const end = encodeAnchor(y.type, span.to, "end");
  if (!start || !end) return null;
  const resolved = resolveAnchor(y.doc, y.type, start, end);
  if (resolved.kind !== "ok") return null;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, span.from, span.to)));
  return { start, end, quote: resolved.quote };
}
