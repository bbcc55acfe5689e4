import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { replaceText, textFieldLimits, type TextField } from "../../domain/agenda-doc";
import { useT } from "~/i18n";

type Props = {
  text: Y.Text;
  label: string;
  multiline?: boolean;
  readOnly: boolean;
  className?: string;
  id: string;
  testId?: string;
  /** Who else is in this field (see FieldRing). */
  describedBy?: string;
};

/** Moves a caret index through a remote Yjs delta, so typing next to someone else keeps your place. */
function transformIndex(index: number, delta: Array<{ retain?: number; insert?: unknown; delete?: number }>) {
  let pos = 0;
  let result = index;
  for (const op of delta) {
    if (op.retain) pos += op.retain;
    else if (typeof op.insert === "string") {
      if (pos <= index) result += op.insert.length;
      pos += op.insert.length;
    } else if (op.delete) {
      if (pos < index) result -= Math.min(op.delete, index - pos);
    }
  }
  return Math.max(0, result);
}

/** The text's value, followed live (a card's heading, the table of contents). */
export function useTextValue(text: Y.Text | null) {
  const [value, setValue] = useState(() => text?.toString() ?? "");
  useEffect(() => {
    if (!text) return setValue("");
    const onChange = () => setValue(text.toString());
    onChange();
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text]);
  return value;
}

/** A plain text field bound to a shared Y.Text: concurrent typing merges per character. */
export function YTextInput({ text, label, multiline, readOnly, className, id, testId, describedBy }: Props) {
  const [value, setValue] = useState(() => text.toString());
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const t = useT();
  // The field is the key the text sits under in its item; the schema refuses text past its limit.
  const maxLength = textFieldLimits[text._item?.parentSub as TextField] as number | undefined;
  const atLimit = !readOnly && maxLength !== undefined && value.length >= maxLength;
  const limitId = `${id}-limit`;

  useEffect(() => {
    setValue(text.toString());
    const onChange = (event: Y.YTextEvent, tx: Y.Transaction) => {
      const el = ref.current;
      const next = text.toString();
      if (el && !tx.local && document.activeElement === el) {
        const start = transformIndex(el.selectionStart ?? 0, event.delta as never);
        const end = transformIndex(el.selectionEnd ?? 0, event.delta as never);
        el.value = next;
        el.setSelectionRange(start, end);
      }
      setValue(next);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text]);

  const common = {
    id,
    ref,
    value,
    readOnly,
    "aria-readonly": readOnly || undefined,
    "aria-describedby": [describedBy, atLimit ? limitId : null].filter(Boolean).join(" ") || undefined,
    maxLength,
    "data-testid": testId,
    className: `w-full rounded border border-slate-400 px-2 py-1 read-only:bg-slate-50 ${className ?? ""}`,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (readOnly) return;
      // maxLength stops typing and pasting; a script setting the value is cut here, never refused by the server.
      const next = maxLength === undefined ? e.target.value : e.target.value.slice(0, maxLength);
      replaceText(text, next);
      setValue(next);
    },
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {multiline ? <textarea rows={2} {...common} /> : <input type="text" {...common} />}
      {atLimit ? (
        <p id={limitId} role="status" className="text-sm text-amber-900" data-testid="field-limit">
          {t("field.limitReached", { max: maxLength })}
        </p>
      ) : null}
    </div>
  );
}
