// A read-only rich text that keyboard users can still move a caret in and select from (an adviser
// marks a barrier on a passage of a plan they may not edit). ProseMirror's `editable: false`
// drops contenteditable, and without it Chromium shows no caret and Shift+arrow selects nothing
// (caret browsing is off by default). So the editor stays contenteditable and this extension
// refuses every change the reader would make: the browser's input is cancelled before it touches
// the DOM (beforeinput, paste, drop, and keys that run editing commands), and any transaction that
// still changes the document is dropped unless it comes from Yjs (others' edits arriving through
// the sync plugin). The server refuses a read-only user's updates anyway; this keeps the view
// honest. Decision 027.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

// Keys that only move the caret or the selection, copy, or leave the text.
const NAVIGATION = /^(Arrow(Up|Down|Left|Right)|Home|End|Page(Up|Down)|Tab|Escape|Shift|Control|Alt|Meta|F\d{1,2})$/;
const MOD_ALLOWED = /^[ac]$/i;

export const ReadOnlySelection = Extension.create({
  name: "readOnlySelection",
  // Before the keymaps of other extensions (Collaboration's Mod-z undo above all).
  priority: 1000,
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("readOnlySelection"),
        filterTransaction: (tr) => !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined,
        props: {
          // No on-screen keyboard for a text that cannot be typed in.
          attributes: { inputmode: "none" },
          handleKeyDown: (_view, event) => {
            if (NAVIGATION.test(event.key)) return false;
            if ((event.ctrlKey || event.metaKey) && !event.altKey && MOD_ALLOWED.test(event.key)) return false;
            // Everything else (typing, Enter, Backspace, Mod-z undo, Mod-b bold) is swallowed.
            return true;
          },
          handlePaste: () => true,
          handleDrop: () => true,
          handleDOMEvents: {
            beforeinput: (_view, event) => {
              event.preventDefault();
              return true;
            },
          },
        },
      }),
    ];
  },
});
