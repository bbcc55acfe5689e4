// A comment box that suggests people as one types "@": a textarea with a listbox of names (arrow
// keys move, Enter or Tab chooses, Escape closes). A textarea may not take role=combobox (ARIA in
// HTML), so it is the textbox with aria-autocomplete="list" and aria-activedescendant, the count
// of suggestions said in a polite live region. What is sent is the text; the server finds the
// mentions in it, as it does for a name typed in full.
import { useId, useRef, useState } from "react";
import { activeMention, insertMention, matchPeople } from "~/domain/mentions";
import { useT } from "~/i18n";

type Props = {
  name: string;
  label: string;
  people: readonly string[];
  rows?: number;
  className?: string;
  invalid?: boolean;
};

export function MentionTextarea({ name, label, people, rows = 3, className = "", invalid }: Props) {
  const t = useT();
  const id = useId();
  const listId = `${id}-list`;
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState("");
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  // The mention the user closed (Escape) or completed: not offered again until a new "@".
  const [closedAt, setClosedAt] = useState<number | null>(null);
  const mention = activeMention(text, caret);
  const options = mention && mention.start !== closedAt ? matchPeople(people.map((n) => ({ name: n })), mention.query) : [];
  const open = options.length > 0;
  const current = open ? Math.min(active, options.length - 1) : -1;

  const track = (el: HTMLTextAreaElement) => {
    setText(el.value);
    setCaret(el.selectionStart);
  };
  const choose = (person: string) => {
    if (!mention) return;
    const next = insertMention(text, mention, caret, person);
    setText(next.text);
    setCaret(next.caret);
    setClosedAt(mention.start);
    setActive(0);
    // After React has written the new value.
    requestAnimationFrame(() => ref.current?.setSelectionRange(next.caret, next.caret));
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + options.length) % options.length);
    } else if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey) {
      event.preventDefault();
      choose(options[current]!.name);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setClosedAt(mention!.start);
    }
  };
  return (
    <div className="relative flex flex-col gap-1 text-sm font-medium">
      <label htmlFor={id}>{label}</label>
      <textarea
        ref={ref}
        id={id}
        name={name}
        rows={rows}
        value={text}
        aria-invalid={invalid ? true : undefined}
        aria-autocomplete="list"
        aria-controls={listId}
        aria-describedby={`${id}-help`}
        aria-activedescendant={open ? `${listId}-${current}` : undefined}
        onChange={(e) => {
          track(e.currentTarget);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => mention && setClosedAt(mention.start)}
        className={`font-normal ${className}`}
      />
      <span id={`${id}-help`} className="sr-only">
        {t("barriers.mentionHelp")}
      </span>
      <ul
        id={listId}
        role="listbox"
        aria-label={t("barriers.mentionList")}
        hidden={!open}
        className="absolute left-0 right-0 top-full z-10 max-h-72 overflow-y-auto rounded border border-slate-400 bg-white font-normal shadow"
      >
        {options.map((o, i) => (
          <li
            key={o.name}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            // mousedown, not click: a click would blur the textarea first and close the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(o.name);
            }}
            className={`cursor-pointer break-words px-3 py-2 ${i === current ? "bg-brand-100 text-brand-800" : ""}`}
          >
            {o.name}
          </li>
        ))}
      </ul>
      <p role="status" className="sr-only">
        {open ? t("barriers.mentionCount", { count: options.length }) : ""}
      </p>
    </div>
  );
}
