// Choosing one user out of thousands: a text field that searches on the server as one types and
// offers a short list (the ARIA 1.2 combobox pattern: arrow keys move, Enter chooses, Escape closes).
// What is submitted is the chosen user's id, in a hidden field named `name`.
import { useEffect, useId, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { useT } from "~/i18n";
import type { UserKind } from "~/domain/vocabulary";

type Option = { id: number; name: string; email: string };

export function UserCombobox({ label, name, kind }: { label: string; name: string; kind: UserKind }) {
  const t = useT();
  const id = useId();
  const listId = `${id}-list`;
  const fetcher = useFetcher<{ options: Option[] }>();
  const [text, setText] = useState("");
  const [chosen, setChosen] = useState<Option | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const options = fetcher.data?.options ?? [];
  const { load } = fetcher;

  useEffect(() => {
    if (!open) return;
    // One request per pause in typing, not per key.
    const timer = setTimeout(() => load(`/beheer/gebruikers/opties?kind=${kind}&q=${encodeURIComponent(text)}`), 150);
    return () => clearTimeout(timer);
  }, [text, open, kind, load]);

  const choose = (option: Option) => {
    setChosen(option);
    setText(`${option.name} (${option.email})`);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (options.length ? (a + step + options.length) % options.length : -1));
    } else if (event.key === "Enter" && open && active >= 0 && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };
  return (
    <div className="relative flex flex-col gap-1 text-sm font-medium">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        value={text}
        maxLength={200}
        placeholder={t("admin.userSearchHint")}
        onChange={(e) => {
          setText(e.target.value);
          setChosen(null);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="rounded border border-slate-400 px-3 py-2 font-normal"
      />
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!open || options.length === 0}
        className="absolute left-0 right-0 top-full z-10 max-h-72 overflow-y-auto rounded border border-slate-400 bg-white font-normal shadow"
      >
        {options.map((o, i) => (
          <li
            key={o.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: a click would blur the input first and close the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(o);
            }}
            className={`cursor-pointer px-3 py-2 ${i === active ? "bg-brand-100 text-brand-800" : ""}`}
          >
            {o.name} <span className="text-slate-700">({o.email})</span>
          </li>
        ))}
      </ul>
      <p role="status" className="font-normal text-slate-700">
        {open && fetcher.data && options.length === 0 ? t("admin.userNoMatch") : ""}
      </p>
    </div>
  );
}
