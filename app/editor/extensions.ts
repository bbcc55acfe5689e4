// The one editor schema for rich text (agenda introduction and item plans). The browser builds its
// editors from it; the server and tests use `editorSchema` to check stored content against it.
import { getSchema, type AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { DeletionMark, InsertionMark } from "./suggestions";

export const richTextExtensions: AnyExtension[] = [
  StarterKit.configure({
    // Yjs keeps the undo history per user; ProseMirror's own history would undo others' edits.
    undoRedo: false,
    codeBlock: false,
    horizontalRule: false,
    link: { openOnClick: false, autolink: true },
  }),
  // Every editor shows suggestions, whether or not its user makes them (decision 035).
  InsertionMark,
  DeletionMark,
];

export const editorSchema = getSchema(richTextExtensions);
