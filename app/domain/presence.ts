// The presence shape: what an agenda editor puts in its awareness state, and nothing else. The
// collaboration server refuses a state that does not match (close MalformedMessage), and the
// browser skips one before it reaches the caret code, which would throw on it (an old tab, a state
// relayed before a deploy). A pure parser rather than a zod schema: the server runs it on every
// cursor move of every editor, and it must also stay cheap in the browser.
//
// What our client sends (app/components/agenda/agenda-connection.ts, Tiptap's CollaborationCaret
// and y-prosemirror's cursor plugin): `user` {id, name, color} (the server sets id and name from
// the session and adds readOnly), `cursor` null or {anchor, head} as serialised Yjs relative
// positions; `field` null or {item, name}: the plain field (not rich text) the editor is in, for
// the ring with their name on that field in every other editor (decision 023). The first state
// y-protocols sends is `{}`.
import { agendaRoots } from "./agenda-schema";
import { choiceFields, textFields } from "./agenda-doc";

export type RelativePositionJson = {
  type?: { client: number; clock: number } | null;
  tname?: string | null;
  item?: { client: number; clock: number } | null;
  assoc?: number;
};
export type PresenceUser = { id?: number; name?: string; color?: string; readOnly?: boolean };

/** The item fields that show who is in them; rich text (intro, plan) shows carets instead. */
export const presenceFields = [...textFields, ...choiceFields, "sectors"] as const;
export type PresenceFieldName = (typeof presenceFields)[number];
export type PresenceField = { item: string; name: PresenceFieldName };

export type Presence = {
  user?: PresenceUser;
  cursor?: { anchor: RelativePositionJson; head: RelativePositionJson } | null;
  field?: PresenceField | null;
};

const MAX_NAME_CHARS = 200;
// The bound the document schema puts on an item id (a map key): every real item's id fits.
const MAX_ITEM_ID_CHARS = 200;
// Hex colours only (3 to 8 digits): the caret code puts the colour into a style attribute.
const COLOR = /^#[0-9a-fA-F]{3,8}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const onlyKeys = (v: Record<string, unknown>, allowed: readonly string[]) => Object.keys(v).every((k) => allowed.includes(k));
const isUint = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

function isId(v: unknown): boolean {
  return isObject(v) && onlyKeys(v, ["client", "clock"]) && isUint(v.client) && isUint(v.clock);
}

function isRelativePosition(v: unknown): v is RelativePositionJson {
  if (!isObject(v) || !onlyKeys(v, ["type", "tname", "item", "assoc"])) return false;
  if (v.type != null && !isId(v.type)) return false;
  if (v.item != null && !isId(v.item)) return false;
  // A root name resolves through doc.get(), which would create that root in every reader's document.
  if (v.tname != null && !(agendaRoots as readonly string[]).includes(v.tname as string)) return false;
  if (v.assoc != null && !(typeof v.assoc === "number" && Number.isSafeInteger(v.assoc))) return false;
  // Yjs throws on a position that names neither an item, a type nor a root.
  return v.item != null || v.type != null || v.tname != null;
}

function isUser(v: unknown): v is PresenceUser {
  if (!isObject(v) || !onlyKeys(v, ["id", "name", "color", "readOnly"])) return false;
  if (v.id !== undefined && !isUint(v.id)) return false;
  if (v.name !== undefined && !(typeof v.name === "string" && v.name.length <= MAX_NAME_CHARS)) return false;
  if (v.color !== undefined && !(typeof v.color === "string" && COLOR.test(v.color))) return false;
  if (v.readOnly !== undefined && typeof v.readOnly !== "boolean") return false;
  return true;
}

export function isPresenceField(v: unknown): v is PresenceField {
  if (!isObject(v) || !onlyKeys(v, ["item", "name"])) return false;
  if (!(typeof v.item === "string" && v.item.length > 0 && v.item.length <= MAX_ITEM_ID_CHARS)) return false;
  return (presenceFields as readonly unknown[]).includes(v.name);
}

/** The state as Presence, or null when it does not have the presence shape. */
export function parsePresence(state: unknown): Presence | null {
  if (!isObject(state) || !onlyKeys(state, ["user", "cursor", "field"])) return null;
  if (state.field !== undefined && state.field !== null && !isPresenceField(state.field)) return null;
  if (state.user !== undefined && !isUser(state.user)) return null;
  const cursor = state.cursor;
  if (cursor !== undefined && cursor !== null) {
    if (!isObject(cursor) || !onlyKeys(cursor, ["anchor", "head"])) return null;
    if (!isRelativePosition(cursor.anchor) || !isRelativePosition(cursor.head)) return null;
  }
  return state as Presence;
}
