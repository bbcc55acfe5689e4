import { startTransition, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import * as Y from "yjs";
import { addItem, getIntro, getItem, getItems, isPlainText, moveItem, orderedItemIds, removeItem, richTextReadable } from "~/domain/agenda-doc";
import { useLocale, useT } from "~/i18n";
import { useAgendaDoc, type SyncState } from "./use-agenda-doc";
import { ItemCard } from "./item-card";
import { RichText } from "./rich-text";
import { colorForUser } from "./colors";
import { DamageNotice, ItemDamageNotice, PartBoundary } from "./document-repair";
import { presenceOf } from "./safe-presence";
import { FieldPresenceProvider } from "./field-presence";
import { AgendaContents } from "./agenda-contents";
import { useCanSuggest } from "./suggest-rights";
import { SuggestionsPanel, SuggestionsProvider } from "./suggestions";
import { itemExecutionHref } from "~/domain/flags/links";
import { DeferredCard, useDeferredCards } from "./deferred-cards";

type PresentUser = { id: number; name: string; color: string; self: boolean };

function usePresence(awareness: ReturnType<typeof useAgendaDoc> extends infer L ? (L extends { provider: infer P } ? P : never) : never) {
  const [users, setUsers] = useState<PresentUser[]>([]);
  useEffect(() => {
    const aw = awareness.awareness;
    const update = () => {
      const byId = new Map<number, PresentUser>();
      for (const [clientId, state] of aw.getStates()) {
        const u = presenceOf(state)?.user;
        if (!u || typeof u.id !== "number" || typeof u.name !== "string") continue;
        const self = clientId === aw.clientID;
        if (!byId.has(u.id) || self) byId.set(u.id, { id: u.id, name: u.name, color: colorForUser(u.id), self });
      }
      setUsers([...byId.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name)));
    };
    update();
    aw.on("change", update);
    return () => aw.off("change", update);
  }, [awareness]);
  return users;
}

function useItemIds(doc: Y.Doc) {
  // Empty at first even when the document has items (synced while the editor's code loaded): the
  // first fill, up to hundreds of cards, renders in the background (a transition), so the status
  // shows at once and the page stays responsive; the page's read-only list stands in meanwhile.
  const [ids, setIds] = useState<string[]>([]);
  const shown = useRef(0);
  shown.current = ids.length;
  useEffect(() => {
    const items = getItems(doc);
    // Positions live inside the item maps, so a reorder is a nested change.
    const update = () => {
      const next = orderedItemIds(doc);
      if (shown.current === 0 && next.length > 0) startTransition(() => setIds(next));
      else setIds(next);
    };
    update();
    items.observeDeep(update);
    return () => items.unobserveDeep(update);
  }, [doc]);
  return ids;
}

/** Whether the intro can be bound to the editor; followed live, so a restore brings the editor back. */
function useIntroReadable(doc: Y.Doc) {
  const [readable, setReadable] = useState(() => richTextReadable(getIntro(doc)));
  useEffect(() => {
    const intro = getIntro(doc);
    const update = () => setReadable(richTextReadable(intro));
    update();
    intro.observe(update);
    return () => intro.unobserve(update);
  }, [doc]);
  return readable;
}

/**
 * Focus follows what the user acted on. A reorder moves the cards' DOM nodes, which drops the
 * focus of a moved card (a button just pressed, a field typed in while someone else moved it):
 * whatever had focus before the new order is focused again after it. `focusNext` names the element
 * to focus after the next change (the new item's title, the card after a removed one).
 */
function useFocusFollows(ids: string[]) {
  const before = useRef<{ ids: string[]; active: Element | null }>({ ids, active: null });
  const next = useRef<string | null>(null);
  // Read during render, before React commits the new order and the browser drops the focus.
  if (before.current.ids !== ids) before.current = { ids, active: typeof document === "undefined" ? null : document.activeElement };
  useLayoutEffect(() => {
    const wanted = next.current ? document.getElementById(next.current) : null;
    next.current = null;
    const active = before.current.active;
    const lost = document.activeElement === null || document.activeElement === document.body;
    // focus() scrolls only when needed: the moved card comes into view where it went.
    if (wanted) wanted.focus();
    else if (lost && active instanceof HTMLElement && active.isConnected) active.focus();
  }, [ids]);
  return (id: string) => {
    next.current = id;
  };
}

/** A polite live region; saying the same words again still makes them heard. */
function useAnnouncer() {
  const [message, setMessage] = useState("");
  return [message, (text: string) => setMessage((prev) => (prev === text ? `${text}\u00a0` : text))] as const;
}

const syncStyles: Record<SyncState, string> = {
  synced: "border-green-300 bg-green-50 text-green-900",
  connecting: "border-slate-300 bg-slate-50 text-slate-800",
  unsynced: "border-amber-300 bg-amber-50 text-amber-900",
  offline: "border-amber-400 bg-amber-100 text-amber-950",
};

export type ItemSlot = (itemId: string) => ReactNode;

type Props = {
  agendaId: number;
  user: { id: number; name: string };
  canEdit: boolean;
  /** Rendered inside each item card (savings, barriers, adoption markers from other features). */
  itemSlot?: ItemSlot;
  planExtensions?: (itemId: string) => Parameters<typeof ItemCard>[0]["planExtensions"];
  /** The introduction's counterparts of `planExtensions` and `itemSlot` (passage comments). */
  introExtensions?: Parameters<typeof ItemCard>[0]["planExtensions"];
  introSlot?: ReactNode;
  /**
   * Told when the live items replace the read-only first paint, which the page keeps in place
   * (next to this component) until then.
   */
  onItemsShown?: (shown: boolean) => void;
  onDoc?: (live: { doc: Y.Doc } | null) => void;
};

export function LiveAgenda({ agendaId, user, canEdit, itemSlot, planExtensions, introExtensions, introSlot, onItemsShown, onDoc }: Props) {
  // Suggesters keep an offline copy like editors: their suggestions survive a lost connection.
  const canSuggest = useCanSuggest();
  const live = useAgendaDoc({ agendaId, user, canEdit: canEdit || canSuggest });
  useEffect(() => onDoc?.(live ? { doc: live.doc } : null), [live?.doc, onDoc]);
  if (!live) return null;
  return (
    <LiveAgendaView
      live={live}
      agendaId={agendaId}
      user={user}
      canEdit={canEdit}
      itemSlot={itemSlot}
      planExtensions={planExtensions}
      introExtensions={introExtensions}
      introSlot={introSlot}
      onItemsShown={onItemsShown}
    />
  );
}

function LiveAgendaView({
  live,
  user,
  canEdit,
  itemSlot,
  planExtensions,
  introExtensions,
  introSlot,
  onItemsShown,
  agendaId,
}: Omit<Props, "onDoc"> & { live: NonNullable<ReturnType<typeof useAgendaDoc>> }) {
  const t = useT();
  const locale = useLocale();
  const { doc, provider, state, refusal } = live;
  const ids = useItemIds(doc);
  const focusNext = useFocusFollows(ids);
  const deferred = useDeferredCards(ids);
  const [announcement, announce] = useAnnouncer();
  const presence = usePresence(provider);
  const introReadable = useIntroReadable(doc);
  const repairHref = `/agendas/${agendaId}/versies`;
  const [everSynced, setEverSynced] = useState(false);
  useEffect(() => {
    if (state === "synced" || state === "unsynced" || state === "offline") setEverSynced(true);
  }, [state]);
  // Until the live cards are rendered, the page's read-only list stands in for them.
  const showItems = ids.length > 0 || (everSynced && getItems(doc).size === 0);
  useEffect(() => onItemsShown?.(showItems), [showItems, onItemsShown]);
  const readOnly = !canEdit || refusal !== null;
  const canSuggest = useCanSuggest();
  // The caret extension owns the awareness "user" field, so it carries the id the presence bar needs.
  const caretUser = { id: user.id, name: user.name, color: colorForUser(user.id) };

  return (
    <SuggestionsProvider user={user} canSuggest={canSuggest && refusal === null} canEdit={!readOnly}>
    <FieldPresenceProvider provider={provider} selfId={user.id} canEdit={!readOnly}>
    <div className="flex flex-col gap-4" data-testid="live-agenda" data-sync-state={state}>
      <p role="status" aria-live="polite" className="sr-only" data-testid="agenda-announcer">
        {announcement}
      </p>
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50 py-2">
        <p role="status" aria-live="polite" data-testid="sync-status" className={`rounded border px-2 py-1 text-sm ${syncStyles[state]}`}>
          {refusal ? t(refusal) : t(`sync.${state}`)}
        </p>
        <div aria-label={t("agenda.presence")} role="group" className="flex flex-wrap items-center gap-1" data-testid="presence-bar">
          <span className="text-sm text-slate-700">{t("agenda.presence")}:</span>
          {presence.map((p) => (
            <span key={p.id} className="rounded-full px-2 py-0.5 text-sm font-medium text-slate-950" style={{ backgroundColor: p.color }} data-testid="presence-user">
              {p.name}
              {p.self ? ` (${t("agenda.you")})` : ""}
            </span>
          ))}
        </div>
      </div>
      {readOnly ? (
        <p className="rounded border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-950" data-testid="read-only-notice">
          {t("agenda.readOnly")}
        </p>
      ) : null}
      {showItems ? <SuggestionsPanel doc={doc} agendaId={agendaId} canSettle={!readOnly} /> : null}
      {!showItems ? null : (
        <>
          <AgendaContents doc={doc} ids={ids} addId={readOnly ? null : ADD_ID} />
          <section aria-labelledby="intro-heading" className="flex flex-col gap-1">
            <h2 id="intro-heading" className="text-lg font-semibold">{t("agenda.intro")}</h2>
            {introReadable ? (
              <PartBoundary fallback={<DamageNotice message={t("repair.intro")} repairHref={repairHref} t={t} testId="intro-damaged" />}>
                <RichText fragment={getIntro(doc)} provider={provider} user={caretUser} readOnly={readOnly} label={t("agenda.intro")} testId="agenda-intro" extensions={introExtensions} />
              </PartBoundary>
            ) : (
              <DamageNotice message={t("repair.intro")} repairHref={repairHref} t={t} testId="intro-damaged" />
            )}
            {introSlot}
          </section>
          <section aria-labelledby="items-heading" className="flex flex-col gap-3">
            <h2 id="items-heading" className="text-lg font-semibold">{t("agenda.items")}</h2>
            <ol className="flex flex-col gap-4">
              {ids.map((id, index) => {
                const item: unknown = getItem(doc, id);
                if (item === undefined) return null;
                const damagedCard = (
                  <article data-testid="agenda-item" data-item-id={id} className="rounded-lg border border-slate-200 bg-white p-4">
                    <ItemDamageNotice parts={["item"]} repairHref={repairHref} t={t} />
                  </article>
                );
                if (!(item instanceof Y.Map)) return <li key={id}>{damagedCard}</li>;
                return (
                  <li key={id}>
                    <DeferredCard deferred={deferred} doc={doc} id={id} repairHref={repairHref}>
                    <PartBoundary fallback={damagedCard} resetKey={item}>
                    <ItemCard
                      doc={doc}
                      item={item}
                      index={index}
                      count={ids.length}
                      provider={provider}
                      user={caretUser}
                      readOnly={readOnly}
                      onMove={(to) => {
                        moveItem(doc, id, to);
                        announce(t("agenda.moved", { position: orderedItemIds(doc).indexOf(id) + 1, count: ids.length }));
                      }}
                      repairHref={repairHref}
                      pageHref={itemExecutionHref(agendaId, id)}
                      onRemove={() => {
                        const titleText = item.get("title");
                        const title = (isPlainText(titleText) ? titleText.toString() : "") || t("agenda.untitled");
                        if (!window.confirm(t("agenda.removeConfirm", { title }))) return;
                        const after = ids[index + 1];
                        focusNext(after ? `item-${after}` : ADD_ID);
                        removeItem(doc, id);
                        announce(t("agenda.removed"));
                      }}
                      planExtensions={planExtensions?.(id)}
                    >
                      {itemSlot?.(id)}
                    </ItemCard>
                    </PartBoundary>
                    </DeferredCard>
                  </li>
                );
              })}
            </ol>
            {!readOnly ? (
              <button
                id={ADD_ID}
                type="button"
                className="self-start rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
                onClick={() => {
                  const id = addItem(doc, { title: "" });
                  focusNext(`item-${id}-title`);
                }}
              >
                {t("agenda.addItem")}
              </button>
            ) : null}
          </section>
        </>
      )}
    </div>
    </FieldPresenceProvider>
    </SuggestionsProvider>
  );
}

const ADD_ID = "add-item";
