// A long agenda's cards become live a few at a time. Each live card is a rich-text editor and a
// dozen bound inputs: mounting 200 of them at once kept the browser's main thread busy for over a
// second (profiled: style and layout of the DOM, then React committing the cards), so nobody could
// type in the first card until the last one was built. Decision 047.
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import * as Y from "yjs";
import { getItem, projectItem } from "~/domain/agenda-doc";
import { useLocale, useT } from "~/i18n";
import { StaticItemContent } from "./static-agenda";
import { cardBoxClass } from "./item-card";

/** Cards live at once on a first fill: more than a screen holds, and more than any demo agenda has. */
const FIRST_LIVE_CARDS = 20;
/** Cards made live per task after that: few enough that a batch never blocks a key press for long. */
const CARDS_PER_BATCH = 8;
/** A waiting card this close to the screen (in viewports) is made live at once. */
const NEAR_SCREEN = "200% 0px";

// A task of its own per batch: the browser handles key presses and paints between batches. Not
// requestIdleCallback: while cards are being built a frame is rarely idle, so each batch waited for
// the callback's timeout (23 batches took 5.2 s against 1.5 s for all 200 cards at once).
const nextTask = (run: () => void): (() => void) => {
  const handle = window.setTimeout(run, 0);
  return () => window.clearTimeout(handle);
};

/**
 * The cards still waiting, outside React state: a batch going live re-renders only its own cards,
 * not the list (re-rendering 200 cards per batch made the last card live after 8.7 s instead of 1.5 s).
 */
class WaitingCards {
  private waiting: Set<string> | null = null;
  private listeners = new Set<() => void>();
  private focusOnLive: string | null = null;

  /** Decides once, on the items the document came with; later items are never made to wait. */
  decide(ids: string[]) {
    if (this.waiting === null && ids.length > 0) this.waiting = new Set(ids.slice(FIRST_LIVE_CARDS));
  }

  get size() {
    return this.waiting?.size ?? 0;
  }

  isWaiting = (id: string) => this.waiting?.has(id) === true;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  makeLive(ids: Iterable<string>) {
    let changed = false;
    for (const id of ids) changed = this.waiting?.delete(id) || changed;
    if (changed) for (const listener of this.listeners) listener();
  }

  /** A waiting card that had focus (a contents link) hands it to its live card. */
  makeLiveAndFocus(id: string) {
    this.focusOnLive = id;
    this.makeLive([id]);
  }

  takeFocus(id: string) {
    if (this.focusOnLive !== id) return false;
    this.focusOnLive = null;
    return true;
  }

  /** The next waiting ids in the agenda's order; ids no longer in the agenda are dropped. */
  nextBatch(ids: string[]): string[] {
    if (!this.waiting) return [];
    const present = new Set(ids);
    const gone = [...this.waiting].filter((id) => !present.has(id));
    return [...ids.filter(this.isWaiting).slice(0, CARDS_PER_BATCH), ...gone];
  }
}

/**
 * Which cards of the list wait. A waiting card becomes live when it nears the screen or gets focus,
 * and the rest in order, a batch per task, so after a moment every card is live.
 */
export function useDeferredCards(ids: string[]) {
  const [cards] = useState(() => new WaitingCards());
  // During render, so a waiting card is never mounted live first; deciding twice changes nothing.
  cards.decide(ids);
  const order = useRef(ids);
  order.current = ids;

  const filled = ids.length > 0;
  useEffect(() => {
    let cancel = () => {};
    const step = () => {
      cards.makeLive(cards.nextBatch(order.current));
      if (cards.size > 0) cancel = nextTask(step);
    };
    if (cards.size > 0) cancel = nextTask(step);
    return () => cancel();
  }, [cards, filled]);

  const [observer, setObserver] = useState<IntersectionObserver | null>(null);
  useEffect(() => {
    const near = new IntersectionObserver(
      (entries) => cards.makeLive(entries.filter((e) => e.isIntersecting).map((e) => (e.target as HTMLElement).dataset.itemId ?? "")),
      { rootMargin: NEAR_SCREEN },
    );
    setObserver(near);
    return () => near.disconnect();
  }, [cards]);

  return { cards, observer };
}

/** One card of the list: live (`children`), or the item read once from the document while it waits. */
export function DeferredCard({ deferred, doc, id, repairHref, children }: { deferred: ReturnType<typeof useDeferredCards>; doc: Y.Doc; id: string; repairHref: string; children: ReactNode }) {
  const { cards, observer } = deferred;
  const waiting = useSyncExternalStore(cards.subscribe, () => cards.isWaiting(id), () => false);
  useLayoutEffect(() => {
    if (!waiting && cards.takeFocus(id)) document.getElementById(`item-${id}`)?.focus();
  }, [waiting, cards, id]);
  if (!waiting) return <>{children}</>;
  return <WaitingCard doc={doc} id={id} repairHref={repairHref} observer={observer} onFocus={() => cards.makeLiveAndFocus(id)} />;
}

function WaitingCard({ doc, id, repairHref, observer, onFocus }: { doc: Y.Doc; id: string; repairHref: string; observer: IntersectionObserver | null; onFocus: () => void }) {
  const t = useT();
  const locale = useLocale();
  const element = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = element.current;
    if (!el || !observer) return;
    observer.observe(el);
    return () => observer.unobserve(el);
  }, [observer]);
  return (
    <article
      ref={element}
      id={`item-${id}`}
      tabIndex={-1}
      onFocus={onFocus}
      aria-busy="true"
      data-testid="waiting-item"
      data-item-id={id}
      className={cardBoxClass}
    >
      <StaticItemContent item={projectItem(getItem(doc, id))} repairHref={repairHref} t={t} locale={locale} />
    </article>
  );
}
