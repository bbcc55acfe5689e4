// What the rich-text editor (app/editor/extensions.ts) can hold, as data, for code that must not
// load Tiptap: the collaboration server checks every keystroke against it, and the readers of the
// document use it to tell a plan the editor can bind to from one it cannot.
/**
 * A unit test derives this from the editor's ProseMirror schema, so a new extension without an
 * update here fails the tests. `children`: element names that may appear (anywhere) in the node's content; `text`: whether
 * text may; `attrs`: attribute names y-prosemirror writes for the node.
 */
const blocks = ["paragraph", "blockquote", "bulletList", "heading", "orderedList"] as const;
export const richTextRules: {
  nodes: Record<string, { children: readonly string[]; text: boolean; attrs: readonly string[] }>;
  marks: Record<string, readonly string[]>;
} = {
  nodes: {
    doc: { children: blocks, text: false, attrs: [] },
    paragraph: { children: ["hardBreak"], text: true, attrs: [] },
    heading: { children: ["hardBreak"], text: true, attrs: ["level"] },
    blockquote: { children: blocks, text: false, attrs: [] },
    bulletList: { children: ["listItem"], text: false, attrs: [] },
    orderedList: { children: ["listItem"], text: false, attrs: ["start", "type"] },
    listItem: { children: blocks, text: false, attrs: [] },
    hardBreak: { children: [], text: false, attrs: [] },
  },
  marks: {
    bold: [],
    code: [],
    italic: [],
    link: ["href", "target", "rel", "class", "title"],
    strike: [],
    underline: [],
    // Suggestions (decision 035): who proposed the text and when.
    insertion: ["id", "author", "authorName", "at"],
    deletion: ["id", "author", "authorName", "at"],
  },
};

