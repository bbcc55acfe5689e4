// What the caret code sees of the room's presence: only states of the presence shape. The server
// refuses malformed states, but a state from an older tab or an earlier server may still arrive,
// and y-prosemirror's cursor plugin throws on one (reading `cursor.anchor` of a number, setting a
// colour on a string user), from inside the websocket's message handler, in every editor at once.
import type { WebsocketProvider } from "y-websocket";
import { parsePresence, type Presence } from "~/domain/presence";

type Awareness = WebsocketProvider["awareness"];
type Listener = (...args: unknown[]) => void;

// States are replaced, never mutated, on every change: a parse per state object is enough.
const parsed = new WeakMap<object, Presence | null>();

export function presenceOf(state: unknown): Presence | null {
  if (typeof state !== "object" || state === null) return null;
  let p = parsed.get(state);
  if (p === undefined) {
    p = parsePresence(state);
    parsed.set(state, p);
  }
  return p;
}

/** The room's states that have the presence shape, by client id. */
export function validStates(awareness: Awareness): Map<number, Presence> {
  const out = new Map<number, Presence>();
  for (const [id, state] of awareness.getStates()) {
    const p = presenceOf(state);
    // y-prosemirror writes the default colour and name into the state it reads: a copy keeps
    // the shared state as it came.
    if (p) out.set(id, { ...p, user: p.user ? { ...p.user } : undefined });
  }
  return out;
}

const guarded = new WeakMap<WebsocketProvider, { awareness: Awareness }>();

/**
 * A stand-in for the provider, for the caret extension: its awareness lists only valid states,
 * and a listener that throws anyway (a position that no longer resolves) is logged instead of
 * breaking the other editors' listeners and the websocket's message handling.
 */
export function guardedProvider(provider: WebsocketProvider): WebsocketProvider {
  let entry = guarded.get(provider);
  if (!entry) {
    const aw = provider.awareness;
    const wrapped = new Map<string, Map<Listener, Listener>>();
    const stand: Partial<Awareness> & Record<string, unknown> = {
      get clientID() {
        return aw.clientID;
      },
      get doc() {
        return aw.doc;
      },
      get states() {
        return validStates(aw) as unknown as Awareness["states"];
      },
      getStates: () => validStates(aw) as unknown as ReturnType<Awareness["getStates"]>,
      getLocalState: () => aw.getLocalState(),
      setLocalState: (state: Record<string, unknown> | null) => aw.setLocalState(state),
      setLocalStateField: (field: string, value: unknown) => aw.setLocalStateField(field, value),
      on: ((name: string, f: Listener) => {
        const safe: Listener = (...args) => {
          try {
            f(...args);
          } catch (err) {
            console.warn("agenda: a collaborator's presence could not be shown", err);
          }
        };
        if (!wrapped.has(name)) wrapped.set(name, new Map());
        wrapped.get(name)!.set(f, safe);
        aw.on(name as "change", safe as never);
      }) as Awareness["on"],
      off: ((name: string, f: Listener) => {
        const safe = wrapped.get(name)?.get(f);
        if (safe) aw.off(name as "change", safe as never);
        wrapped.get(name)?.delete(f);
      }) as Awareness["off"],
    };
    entry = { awareness: stand as unknown as Awareness };
    guarded.set(provider, entry);
  }
  return entry as unknown as WebsocketProvider;
}
