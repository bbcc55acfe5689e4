// A card's actions as one toolbar: one Tab stop, arrow keys move between the buttons (roving
// tabindex), so Tab goes on to the card's fields instead of through four buttons per card.
// A button that cannot act here (up at the top) stays focusable with aria-disabled: after a move
// to the top, focus stays on the button that was pressed instead of falling to the page.
import { useRef, useState, type KeyboardEvent } from "react";
import { useT } from "~/i18n";

type Props = {
  index: number;
  count: number;
  label: string;
  onMove: (to: number) => void;
  onRemove: () => void;
};

const buttonClass = "rounded border border-slate-400 px-2 py-1 text-sm aria-disabled:cursor-not-allowed aria-disabled:border-slate-200 aria-disabled:text-slate-500";

export function ItemToolbar({ index, count, label, onMove, onRemove }: Props) {
  const t = useT();
  const [active, setActive] = useState(0);
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const actions = [
    { key: "top", text: t("agenda.moveTop"), disabled: index === 0, run: () => onMove(0) },
    { key: "up", text: t("agenda.moveUp"), disabled: index === 0, run: () => onMove(index - 1) },
    { key: "down", text: t("agenda.moveDown"), disabled: index === count - 1, run: () => onMove(index + 1) },
    { key: "remove", text: t("agenda.removeItem"), disabled: false, run: onRemove, danger: true },
  ];
  const onKeyDown = (e: KeyboardEvent) => {
    const last = actions.length - 1;
    const next = { ArrowRight: active + 1, ArrowDown: active + 1, ArrowLeft: active - 1, ArrowUp: active - 1, Home: 0, End: last }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const to = (next + actions.length) % actions.length;
    setActive(to);
    refs.current[to]?.focus();
  };
  return (
    <div role="toolbar" aria-label={label} aria-orientation="horizontal" className="flex flex-wrap gap-1" onKeyDown={onKeyDown} data-testid="item-toolbar">
      {actions.map((a, i) => (
        <button
          key={a.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          tabIndex={i === active ? 0 : -1}
          aria-disabled={a.disabled || undefined}
          className={`${buttonClass} ${a.danger ? "border-red-300 text-red-800" : ""}`}
          data-action={a.key}
          onFocus={() => setActive(i)}
          onClick={() => !a.disabled && a.run()}
        >
          {a.text}
        </button>
      ))}
    </div>
  );
}
