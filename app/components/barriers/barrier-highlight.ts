// Highlights barrier passages in an item's plan editor, from the markers in the shared document.
// The markers arrive through Yjs like any edit, so a new barrier lights up in every open editor
// without a reload. Positions come from the same resolver the server validates with.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import {
  decodeAnchor,
  encodeAnchor,
  getBarrierMarkers,
  highlightedStatuses,
  resolveAnchor,
  textRuns,
} from "~/domain/barrier-anchors";

/** Plan editors by item id, so the item's barrier panel can read the selection and scroll to passages. */
export type PlanViews = Map<string, EditorView>;

type Options = { itemId: string; views: PlanViews | null };

const key = new PluginKey<DecorationSet>("barrierHighlight");

function ySync(state: EditorState): { doc: Y.Doc; type: Y.XmlFragment } | null {
  const ystate = ySyncPluginKey.getState(state) as { doc?: Y.Doc; type?: Y.XmlFragment } | undefined;
  return ystate?.doc && ystate.type ? { doc: ystate.doc, type: ystate.type } : null;
}

function decorations(state: EditorState, itemId: string): DecorationSet {
  const y = ySync(state);
  if (!y) return DecorationSet.empty;
  const runs = textRuns(y.type);
  const max = state.doc.content.size;
  const decos: Decoration[] = [];
  for (const [id, marker] of getBarrierMarkers(y.doc).entries()) {
    if (!marker || marker.itemId !== itemId || !highlightedStatuses.includes(marker.status)) continue;
    const from = decodeAnchor(y.doc, y.type, marker.start, runs);
    const to = decodeAnchor(y.doc, y.type, marker.end, runs);
    if (from === null || to === null || from >= to || to > max) continue;
    decos.push(
      Decoration.inline(from, to, {
        nodeName: "mark",
        class: `barrier-highlight barrier-${marker.severity}`,
        "data-barrier-id": id,
        "data-testid": "barrier-highlight",
      }),
    );
  }
  return DecorationSet.create(state.doc, decos);
}

export const BarrierHighlight = Extension.create<Options>({
  name: "barrierHighlight",
  addOptions: () => ({ itemId: "", views: null }),
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
          const markers = y ? getBarrierMarkers(y.doc) : null;
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

/** The passage selected in the editor (read-only editors too), as anchors and quote, or null. */
export function selectedPassage(view: EditorView): { start: string; end: string; quote: string } | null {
  const y = ySync(view.state);
  const selection = window.getSelection();
  if (!y || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!view.dom.contains(range.startContainer) || !view.dom.contains(range.endContainer)) return null;
  let from: number;
  let to: number;
  try {
    from = view.posAtDOM(range.startContainer, range.startOffset);
    to = view.posAtDOM(range.endContainer, range.endOffset);
  } catch {
    return null;
  }
  const start = encodeAnchor(y.type, Math.min(from, to), "start");
  const end = encodeAnchor(y.type, Math.max(from, to), "end");
  if (!start || !end) return null;
  const resolved = resolveAnchor(y.doc, y.type, start, end);
  return resolved.kind === "ok" ? { start, end, quote: resolved.quote } : null;
}
