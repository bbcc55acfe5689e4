// Who is in which plain field of an item (title, trekker, dates...): a ring in their caret colour
// with their name around that field in every other editor. Rich text shows carets instead.
// Awareness changes on every caret move of every editor, so each field subscribes to its own
// entry (useSyncExternalStore) and re-renders only when the people in it change.
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type FocusEvent, type ReactNode } from "react";
import type { WebsocketProvider } from "y-websocket";
import { isPresenceField, type PresenceField, type PresenceFieldName } from "~/domain/presence";
import { useT } from "~/i18n";
import { colorForUser } from "./colors";
import { presenceOf } from "./safe-presence";

export type FieldUser = { id: number; name: string; color: string };

const keyOf = (item: string, name: string) => `${item}\u0000${name}`;
const none: FieldUser[] = [];

class FieldPresenceStore {
  private byField = new Map<string, FieldUser[]>();
  private listeners = new Set<() => void>();
  private current: PresenceField | null = null;

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly selfId: number,
    private readonly canEdit: boolean,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(item: string, name: string): FieldUser[] {
    return this.byField.get(keyOf(item, name)) ?? none;
  }

  /** Re-reads the room's states; an entry keeps its array while the same people are in it. */
  refresh = () => {
    const aw = this.provider.awareness;
    const next = new Map<string, FieldUser[]>();
    for (const [clientId, state] of aw.getStates()) {
      const p = presenceOf(state);
      const u = p?.user;
      // Yourself in another tab, or a reader, is not someone else editing.
      if (clientId === aw.clientID || !p?.field || !u || typeof u.id !== "number" || u.id === this.selfId || u.readOnly) continue;
      const key = keyOf(p.field.item, p.field.name);
      const users = next.get(key) ?? [];
      if (!users.some((x) => x.id === u.id)) users.push({ id: u.id, name: u.name ?? "", color: colorForUser(u.id) });
      next.set(key, users);
    }
    let changed = next.size !== this.byField.size;
    for (const [key, users] of next) {
      users.sort((a, b) => a.name.localeCompare(b.name));
      const before = this.byField.get(key);
      if (before && before.length === users.length && before.every((x, i) => x.id === users[i].id && x.name === users[i].name)) next.set(key, before);
      else changed = true;
    }
    this.byField = next;
    if (changed) for (const l of this.listeners) l();
  };

  /** Tells the room which field this editor is in (null: none); readers tell nothing. */
  setField(field: PresenceField | null) {
    if (!this.canEdit) return;
    if (field === this.current || (field && this.current && field.item === this.current.item && field.name === this.current.name)) return;
    // An item id the presence shape would refuse (the server closes the connection) is not told.
    const told = field && isPresenceField(field) ? field : null;
    this.current = told;
    this.provider.awareness.setLocalStateField("field", told);
  }
}

const FieldPresenceContext = createContext<FieldPresenceStore | null>(null);

export function FieldPresenceProvider({ provider, selfId, canEdit, children }: { provider: WebsocketProvider; selfId: number; canEdit: boolean; children: ReactNode }) {
  const store = useMemo(() => new FieldPresenceStore(provider, selfId, canEdit), [provider, selfId, canEdit]);
  useEffect(() => {
    const aw = provider.awareness;
    store.refresh();
    aw.on("change", store.refresh);
    return () => {
      aw.off("change", store.refresh);
      store.setField(null);
    };
  }, [provider, store]);
  return <FieldPresenceContext.Provider value={store}>{children}</FieldPresenceContext.Provider>;
}

/** Focus and blur handlers for an item's card: the field that has focus is told to the room. */
export function useFieldFocus(item: string) {
  const store = useContext(FieldPresenceContext);
  return {
    onFocus: (e: FocusEvent<HTMLElement>) => {
      const name = (e.target as HTMLElement).closest<HTMLElement>("[data-presence-field]")?.dataset.presenceField;
      store?.setField(name ? { item, name: name as PresenceFieldName } : null);
    },
    onBlur: (e: FocusEvent<HTMLElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) store?.setField(null);
    },
  };
}

/**
 * One plain field with a ring in the colour of whoever else is in it and their name on it. The
 * control gets `aria-describedby` ("Anouk Smit bewerkt dit veld") from the render prop, so a
 * screen reader hears who is there, and the visible name means colour is never the only sign.
 */
export function FieldRing({ item, name, className, children }: { item: string; name: PresenceFieldName; className?: string; children: (describedBy: string | undefined) => ReactNode }) {
  const store = useContext(FieldPresenceContext);
  const t = useT();
  const users = useSyncExternalStore(
    store?.subscribe ?? noSubscribe,
    () => store?.get(item, name) ?? none,
    () => none,
  );
  const descId = `item-${item}-${name}-presence`;
  const names = users.map((u) => u.name).join(", ");
  return (
    <div
      className={`relative rounded ${className ?? ""}`}
      data-presence-field={name}
      data-testid="presence-field"
      data-present={users.length ? names : undefined}
      style={users.length ? { outline: `3px solid ${users[0].color}`, outlineOffset: "3px" } : undefined}
    >
      {children(users.length ? descId : undefined)}
      {users.length ? (
        <>
          {/* Above the field's top edge, in the gap to the field above, so it covers no label or text. */}
          <span
            aria-hidden="true"
            className="pointer-events-none absolute -top-3 right-1 max-w-[70%] truncate rounded px-1.5 text-xs font-semibold leading-4 text-slate-950"
            style={{ backgroundColor: users[0].color }}
            data-testid="presence-field-name"
          >
            {names}
          </span>
          <span id={descId} className="sr-only">
            {t("agenda.inField", { name: names })}
          </span>
        </>
      ) : null}
    </div>
  );
}

const noSubscribe = () => () => {};
