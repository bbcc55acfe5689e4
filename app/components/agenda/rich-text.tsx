import { useId } from "react";
import { EditorContent, useEditor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import type * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import { richTextExtensions } from "~/editor/extensions";
import { ReadOnlySelection } from "~/editor/read-only";
import { Suggesting } from "~/editor/suggestions";
import { useSuggestMode } from "./suggestions";
import { useT } from "~/i18n";
import { guardedProvider } from "./safe-presence";

type Props = {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: { id: number; name: string; color: string };
  readOnly: boolean;
  label: string;
  testId?: string;
  /** Extra ProseMirror extensions (e.g. barrier highlights) layered on the shared schema. */
  extensions?: Parameters<typeof useEditor>[0] extends infer O ? (O extends { extensions?: infer E } ? E : never) : never;
};

/** A rich-text editor bound to one shared XML fragment, showing others' carets with their names. */
export function RichText({ fragment, provider, user, readOnly, label, testId, extensions = [] }: Props) {
  const t = useT();
  const helpId = useId();
  const suggest = useSuggestMode();
  // Those who may suggest type into it even where they may not edit: their typing becomes suggestions.
  const locked = readOnly && !suggest?.forced;
  const editor = useEditor(
    {
      immediatelyRender: false,
      // Read-only stays contenteditable so the keyboard can move and select (decision 027);
      // ReadOnlySelection refuses every change.
      editable: true,
      extensions: [
        ...richTextExtensions,
        ...(locked ? [ReadOnlySelection] : []),
        ...(suggest ? [Suggesting.configure({ user: suggest.user, isOn: suggest.isOn })] : []),
        Collaboration.configure({ fragment }),
        // Others' carets come from the room: only states of the presence shape reach the caret code.
        CollaborationCaret.configure({ provider: guardedProvider(provider), user }),
        ...(extensions ?? []),
      ],
      editorProps: {
        attributes: {
          "aria-label": label,
          "aria-multiline": "true",
          role: "textbox",
          ...(locked ? { "aria-readonly": "true", "aria-describedby": helpId } : {}),
          ...(testId ? { "data-testid": testId } : {}),
          class: "prose max-w-none rounded border border-slate-400 bg-white px-3 py-2",
        },
      },
    },
    [fragment, provider, locked, !!suggest],
  );
  return (
    <>
      <EditorContent editor={editor} />
      {locked ? (
        <span id={helpId} className="sr-only">
          {t("barriers.readOnlyHelp")}
        </span>
      ) : null}
    </>
  );
}
