// The agenda document's schema as a check on Yjs state: which content may sit where. Shared by the
// collaboration server (every update is tried on a copy and refused if it breaks this), the
// server's own changes (restore, barrier markers) and the readers that must survive documents
// stored before the check existed (docs/decisions/010-document-schema.md).
//
// It checks Yjs structs, not update bytes: whatever encoding or message brought the content (V1,
// V2 converted, merged updates, sync step 2), what is judged is what ended up in the document.
// Each struct is judged against the role of the type it was inserted into, so a check costs what
// the change inserted, not the size of the document.
import * as Y from "yjs";
import { textFieldLimits, textFields, type TextField } from "./agenda-doc";
import { richTextRules } from "./rich-text-rules";
import { commentRoot, isCommentMarker } from "./comment-anchors";
import { fieldSuggestionsRoot, isFieldSuggestion } from "./suggestion-marks";
import { initialItemStatus } from "./vocabulary";

export { richTextRules };

/** Root names the app reads; content under any other root is refused (nothing reads it, everyone downloads it). */
export const agendaRoots = ["intro", "items", "barriers", commentRoot, fieldSuggestionsRoot] as const;

/** Keys an item map must always have: the editor binds an input to each and cannot show an item without them. */
export const requiredItemKeys: readonly string[] = [...textFields, "plan", "sectors"];

/** `part`: the root name, or `item:<id>` for anything inside one item (what a restore can skip). */
export type SchemaViolation = { path: string; part: string; problem: string };

/** A change that would leave the document outside its schema; the room closes the sender with SchemaViolation. */
export class SchemaViolationError extends Error {
  constructor(readonly violations: SchemaViolation[]) {
    super(`document schema violated: ${violations.map((v) => `${v.path}: ${v.problem}`).join("; ")}`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are generic over their events
type AnyType = Y.AbstractType<any>;

type Role =
  | { kind: "items" }
  | { kind: "barriers" }
  | { kind: "comments" }
  | { kind: "fieldSuggestions" }
  | { kind: "item" }
  | { kind: "textField"; field: TextField }
  | { kind: "sectors" }
  | { kind: "xml"; node: string }
  | { kind: "xmlText" }
  | { kind: "refused"; why: string };

// Deeper nesting than this is no agenda text; the bound also keeps the climb to the root short.
const MAX_DEPTH = 64;
// One refused update says enough; a crafted one must not make the report itself expensive.
const MAX_REPORTED = 10;
const MAX_KEY_CHARS = 200;

const isPrimitive = (v: unknown) => v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Y.AbstractType);

/** Exact Yjs classes: XmlElement extends XmlFragment, XmlText extends Text, XmlHook extends Map. */
const isMap = (t: unknown) => t instanceof Y.Map && !(t instanceof Y.XmlHook);
const isText = (t: unknown) => t instanceof Y.Text && !(t instanceof Y.XmlText);
const isFragment = (t: unknown) => t instanceof Y.XmlFragment && !(t instanceof Y.XmlElement);

/** Values of a map entry or array run; null when the content is not plain JSON values. */
function jsonValues(content: Y.Item["content"]): unknown[] | null {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.getContent();
  return null;
}

type Choice = (v: unknown) => boolean;
const stringOrNull: Choice = (v) => v === null || (typeof v === "string" && v.length <= MAX_KEY_CHARS);
/** The kinds each plain value of an item may have (vocabularies are mapped to defaults by the projection). */
const itemValues: Record<string, Choice> = {
  id: (v) => typeof v === "string" && v.length <= MAX_KEY_CHARS,
  position: (v) => typeof v === "number" && Number.isFinite(v),
  status: stringOrNull,
  mechanism: stringOrNull,
  startDate: stringOrNull,
  endDate: stringOrNull,
  professionalsInvolved: stringOrNull,
  isPublic: (v) => typeof v === "boolean",
};

const isBarrierMarker = (v: unknown) =>
  isPlainObject(v) &&
  typeof v.itemId === "string" &&
  typeof v.start === "string" &&
  typeof v.end === "string" &&
  typeof v.severity === "string" &&
  typeof v.status === "string";

const markName = (key: string) => key.replace(/--[a-zA-Z0-9+/=]{8}$/, "");

class Checker {
  private roles = new Map<AnyType, Role>();
  private rootNames = new Map<AnyType, string>();
  private tooLong = new Set<AnyType>();
  readonly violations: SchemaViolation[] = [];

  constructor(doc: Y.Doc) {
    for (const [name, type] of doc.share) this.rootNames.set(type, name);
  }

  get full() {
    return this.violations.length >= MAX_REPORTED;
  }

  report(type: AnyType | null, key: string | null, problem: string) {
    if (this.full) return;
    const parts = this.pathOf(type, key);
    const part = parts[0] === "items" && parts.length > 1 ? `item:${parts[1]}` : parts[0];
    this.violations.push({ path: parts.join("/"), part, problem });
  }

  /** Where a type sits, for the report: items, <id>, plan, paragraph, ... */
  pathOf(type: AnyType | null, key: string | null): string[] {
    const parts: string[] = key === null ? [] : [key];
    let t = type;
    for (let depth = 0; t && depth <= MAX_DEPTH; depth++) {
      const item = t._item;
      if (!item) {
        parts.push(this.rootNames.get(t) ?? "?");
        break;
      }
      parts.push(item.parentSub ?? (t instanceof Y.XmlElement ? t.nodeName : t instanceof Y.XmlText ? "#text" : "[]"));
      t = item.parent as AnyType | null;
    }
    return parts.reverse();
  }

  private rootRole(type: AnyType): Role {
    const name = this.rootNames.get(type);
    // A root is created untyped from the wire (Yjs sends no root types) and typed on first access:
    // an untyped one is judged by what it holds, a typed one must have the app's type.
    const untyped = type.constructor === Y.AbstractType;
    switch (name) {
      case "intro":
        return untyped || isFragment(type) ? { kind: "xml", node: "doc" } : { kind: "refused", why: "intro is not rich text" };
      case "items":
        return untyped || isMap(type) ? { kind: "items" } : { kind: "refused", why: "items is not a map" };
      case "barriers":
        return untyped || isMap(type) ? { kind: "barriers" } : { kind: "refused", why: "barriers is not a map" };
      case commentRoot:
        return untyped || isMap(type) ? { kind: "comments" } : { kind: "refused", why: "comments is not a map" };
      case fieldSuggestionsRoot:
        return untyped || isMap(type) ? { kind: "fieldSuggestions" } : { kind: "refused", why: "fieldSuggestions is not a map" };
      default:
        return { kind: "refused", why: "unknown root" };
    }
  }

  /** The role a type has in the agenda, from its place: the chain up to the root, memoised. */
  roleOf(type: AnyType): Role {
    const known = this.roles.get(type);
    if (known) return known;
    const chain: AnyType[] = [];
    let t: AnyType | null = type;
    let role: Role | undefined;
    while (t && !(role = this.roles.get(t))) {
      if (t._item === null) {
        role = this.rootRole(t);
        this.roles.set(t, role);
        break;
      }
      chain.push(t);
      if (chain.length > MAX_DEPTH) {
        role = { kind: "refused", why: "nested too deep" };
        break;
      }
      t = t._item.parent as AnyType | null;
    }
    role ??= { kind: "refused", why: "detached type" };
    for (let i = chain.length - 1; i >= 0; i--) {
      role = this.childRole(role, chain[i]);
      this.roles.set(chain[i], role);
    }
    return role;
  }

  /** The role of `type` given its parent's role and its key; a type of the wrong class is refused. */
  private childRole(parent: Role, type: AnyType): Role {
    const key = type._item!.parentSub;
    const wrong = (why: string): Role => ({ kind: "refused", why });
    switch (parent.kind) {
      case "items":
        return key !== null && isMap(type) ? { kind: "item" } : wrong("item is not a map");
      case "item":
        if (key !== null && (textFields as readonly string[]).includes(key)) return isText(type) ? { kind: "textField", field: key as TextField } : wrong(`${key} is not text`);
        if (key === "plan") return isFragment(type) ? { kind: "xml", node: "doc" } : wrong("plan is not rich text");
        if (key === "sectors") return type instanceof Y.Array ? { kind: "sectors" } : wrong("sectors is not a list");
        return wrong("unknown item field");
      case "xml":
        if (key === null && type instanceof Y.XmlElement && richTextRules.nodes[parent.node]?.children.includes(type.nodeName)) {
          return { kind: "xml", node: type.nodeName };
        }
        if (key === null && type instanceof Y.XmlText && richTextRules.nodes[parent.node]?.text) return { kind: "xmlText" };
        return wrong(`not allowed in ${parent.node}`);
      case "refused":
        return parent;
      default:
        return wrong("no nested types here");
    }
  }

  /** Judges one inserted struct against the role of the type it went into. */
  checkItem(item: Y.Item) {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return;
    const role = this.roleOf(parent);
    const key = item.parentSub;
    const content = item.content;
    const problem = this.problemOf(role, key, content);
    if (problem) this.report(parent, key, problem);
    // The text as it stands after the change (all of it, not this struct): one report per field.
    else if (role.kind === "textField" && (parent as Y.Text).length > textFieldLimits[role.field] && !this.tooLong.has(parent)) {
      this.tooLong.add(parent);
      this.report(parent, null, `longer than ${textFieldLimits[role.field]} characters`);
    }
  }

  private problemOf(role: Role, key: string | null, content: Y.Item["content"]): string | null {
    const nested = content instanceof Y.ContentType ? content.type : null;
    switch (role.kind) {
      case "refused":
        return role.why;
      case "items":
        if (key === null) return "items holds list content";
        if (key.length > MAX_KEY_CHARS) return "item id too long";
        return isMap(nested) ? null : "item is not a map";
      case "barriers": {
        if (key === null) return "barriers holds list content";
        const values = jsonValues(content);
        return values && values.every(isBarrierMarker) ? null : "not a barrier marker";
      }
      case "comments": {
        if (key === null) return "comments holds list content";
        const values = jsonValues(content);
        return values && values.every(isCommentMarker) ? null : "not a comment marker";
      }
      case "fieldSuggestions": {
        if (key === null) return "fieldSuggestions holds list content";
        const values = jsonValues(content);
        return values && values.every((v) => isFieldSuggestion(v, textFieldLimits) && v.id === key) ? null : "not a field suggestion";
      }
      case "item": {
        if (key === null) return "item holds list content";
        if ((textFields as readonly string[]).includes(key)) return isText(nested) ? null : `${key} is not text`;
        if (key === "plan") return isFragment(nested) ? null : "plan is not rich text";
        if (key === "sectors") return nested instanceof Y.Array ? null : "sectors is not a list";
        const allowed = itemValues[key];
        if (!allowed) return "unknown item field";
        const values = jsonValues(content);
        return values && values.every(allowed) ? null : `${key} has the wrong kind of value`;
      }
      case "textField":
        if (key !== null) return "attribute on a text field";
        return content instanceof Y.ContentString ? null : "text field holds non-text";
      case "sectors": {
        if (key !== null) return "attribute on sectors";
        const values = jsonValues(content);
        return values && values.every((v) => typeof v === "string") ? null : "sector is not text";
      }
      case "xml": {
        const rules = richTextRules.nodes[role.node];
        if (!rules) return "unknown node";
        if (key !== null) {
          if (role.node === "doc") return "attribute on a rich-text root";
          if (!rules.attrs.includes(key)) return `unknown attribute of ${role.node}`;
          const values = jsonValues(content);
          return values && values.every(isPrimitive) ? null : "attribute is not a plain value";
        }
        if (nested instanceof Y.XmlElement && !(nested instanceof Y.XmlHook)) {
          return rules.children.includes(nested.nodeName) ? null : `${nested.nodeName} not allowed in ${role.node}`;
        }
        if (nested instanceof Y.XmlText) return rules.text ? null : `text not allowed in ${role.node}`;
        return `not a rich-text node in ${role.node}`;
      }
      case "xmlText":
        if (key !== null) return "attribute on rich text";
        if (content instanceof Y.ContentString) return null;
        if (content instanceof Y.ContentFormat) {
          const attrs = richTextRules.marks[markName(content.key)];
          if (!attrs) return `unknown mark ${content.key}`;
          const value = content.value as unknown;
          if (value === null || value === true) return null;
          if (!isPlainObject(value)) return "mark attributes are not an object";
          return Object.entries(value).every(([k, v]) => attrs.includes(k) && isPrimitive(v)) ? null : "unknown mark attribute";
        }
        return "rich text holds an embed";
    }
  }

  /** An item map must keep the keys the editor binds to. */
  checkRequiredKeys(map: AnyType) {
    if (this.roleOf(map).kind !== "item") return;
    for (const key of requiredItemKeys) {
      const entry = map._map.get(key);
      if (!entry || entry.deleted) this.report(map, key, "required field missing");
    }
  }

  /** Inserted structs of client `client` from clock `from` to `to`. */
  checkRange(store: Y.Doc["store"], client: number, from: number, to: number) {
    forEachItemIn(store, client, from, to, () => this.full, (struct) => {
      if (struct.deleted) return;
      this.checkItem(struct);
      if (struct.content instanceof Y.ContentType) this.checkRequiredKeys(struct.content.type);
    });
  }
}

/** Each item struct of client `client` from clock `from` to `to`, until `stop()` says enough. */
function forEachItemIn(store: Y.Doc["store"], client: number, from: number, to: number, stop: () => boolean, visit: (struct: Y.Item) => void) {
  const structs = store.clients.get(client);
  if (!structs || from >= to) return;
  for (let i = Y.findIndexSS(structs, from); i < structs.length && !stop(); i++) {
    const struct = structs[i];
    if (struct.id.clock >= to) break;
    if (struct instanceof Y.Item) visit(struct);
  }
}

/** What one transaction changed that breaks the schema: its inserted structs and the maps it took keys from. */
export function transactionViolations(tr: Y.Transaction): SchemaViolation[] {
  const checker = new Checker(tr.doc);
  for (const [client, after] of tr.afterState) {
    checker.checkRange(tr.doc.store, client, tr.beforeState.get(client) ?? 0, after);
  }
  for (const type of tr.changed.keys()) {
    if (checker.full) break;
    checker.checkRequiredKeys(type);
  }
  return checker.violations;
}

/** The whole document against the schema (old versions, documents stored before the check existed). */
export function documentViolations(doc: Y.Doc): SchemaViolation[] {
  const checker = new Checker(doc);
  for (const [client, structs] of doc.store.clients) {
    if (structs.length === 0) continue;
    const last = structs[structs.length - 1];
    checker.checkRange(doc.store, client, 0, last.id.clock + last.length);
  }
  return checker.violations;
}

/**
 * What a client's transaction did to an item's status, which only the server's own change may set
 * (the status is an execution record with a dated history, decision 028). Judged by structs, so
 * every encoding of the change is the same change: an existing item's status entry replaced or
 * deleted while the item stays, a new item with another status than the initial one, or a new item
 * under an id the document used before (a deleted item brought back with its history but another
 * status). No honest client does any of these: the editor shows the status read-only and gives
 * each new item a fresh id.
 */
export function clientStatusViolations(tr: Y.Transaction): SchemaViolation[] {
  const items = tr.doc.share.get("items");
  if (!items) return [];
  const checker = new Checker(tr.doc);
  const isNew = (struct: Y.Item) => struct.id.clock >= (tr.beforeState.get(struct.id.client) ?? 0);
  /** The item map a status entry belongs to, or null when the struct is no item's status. */
  const itemOf = (struct: Y.Item): Y.Item | null => {
    if (struct.parentSub !== "status" || !(struct.parent instanceof Y.AbstractType)) return null;
    const mapItem = struct.parent._item;
    return mapItem && mapItem.parent === items ? mapItem : null;
  };
  const judgeInserted = (struct: Y.Item) => {
    if (struct.parent === items && struct.parentSub !== null) {
      // A live entry is the last of its key's entries: one to its left means the id was used before.
      if (struct.left !== null) checker.report(items, struct.parentSub, "item id used before");
      return;
    }
    const mapItem = itemOf(struct);
    if (!mapItem) return;
    const parent = struct.parent as AnyType;
    if (!isNew(mapItem)) checker.report(parent, "status", "status is recorded on the item's page, with its history");
    else if (jsonValues(struct.content)?.[0] !== initialItemStatus) checker.report(parent, "status", `a new item starts as ${initialItemStatus}`);
  };
  const judgeDeleted = (struct: Y.Item) => {
    const mapItem = itemOf(struct);
    // Deleted with its item (a removed item) is no change of status; a replaced entry is judged as inserted too.
    if (mapItem && !mapItem.deleted && !isNew(struct)) checker.report(struct.parent as AnyType, "status", "status is recorded on the item's page, with its history");
  };
  const visit = (client: number, from: number, to: number, judge: (struct: Y.Item) => void) =>
    forEachItemIn(tr.doc.store, client, from, to, () => checker.full, judge);
  for (const [client, after] of tr.afterState) {
    visit(client, tr.beforeState.get(client) ?? 0, after, (struct) => !struct.deleted && judgeInserted(struct));
  }
  for (const [client, deletions] of tr.deleteSet.clients) {
    for (const { clock, len } of deletions) visit(client, clock, clock + len, judgeDeleted);
  }
  return checker.violations;
}
