// What an update will cost to integrate, judged before Yjs touches any document (issue 11,
// finding 1; decision 009). Yjs's integration is linear for what Yjs clients send, but the
// format lets a sender ask for work that grows with the document or with the square of the
// update: overlapping or unsorted delete ranges (each one walks and splits the same structs
// again), items whose conflict resolution has to walk a long run of other items, splits that
// shift a long struct array, and content that waits for parts never sent (kept pending and
// retried on every later update). This walks the decoded update once against the document it
// is about to be applied to, counts the work in units of about one step of Yjs's conflict scan,
// and stops counting as soon as the budget is spent, so the check itself is bounded by the
// frame's bytes plus the budget.
import * as Y from "yjs";

export type CostLimits = {
  /** Work units one update may ask for; one unit is about one step of Yjs's conflict scan. */
  maxUnits: number;
};

export type CostVerdict =
  // `ends`: client id -> clock after the update's last struct for it (what Y.parseUpdateMeta calls
  // `to`), read here once for the ownership check.
  | { ok: true; units: number; ends: Map<number, number> }
  | { ok: false; kind: "unknown-content" | "unsorted-deletes" | "too-expensive"; reason: string };

// Shifting one pointer in a struct array costs about a thousandth of a scan step (memmove).
const SHIFTS_PER_UNIT = 1000;
// A split or a merge allocates and links an item.
const SPLIT_UNITS = 4;
const LIVE_DELETE_UNITS = 4;
// Visiting an already deleted struct in a delete range is a compare and an increment.
const VISITS_PER_UNIT = 8;

class OverBudget extends Error {}

type Struct = Y.Item | Y.GC | Y.Skip;
type Id = { client: number; clock: number };

/**
 * Judges `update` against `doc` (the copy it will be tried on). Throws if the update does not
 * decode; the caller turns that into a malformed-message refusal.
 */
export function assessUpdate(update: Uint8Array, doc: Y.Doc, limits: CostLimits): CostVerdict {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  let units = 0;
  let visits = 0;
  const spend = (n: number) => {
    units += n;
    if (units + visits / VISITS_PER_UNIT > limits.maxUnits) throw new OverBudget();
  };
  const unknown = (reason: string): CostVerdict => ({ ok: false, kind: "unknown-content", reason });

  // Sections: each client once, starting at most where the document's state for it ends (a gap
  // would leave everything pending), clocks contiguous (the reader guarantees that within one).
  const updateEnd = new Map<number, number>();
  let section = -1;
  for (const s of structs as Struct[]) {
    const { client, clock } = s.id;
    if (client !== section) {
      if (updateEnd.has(client)) return unknown(`client ${client} appears twice`);
      if (clock > Y.getState(store, client)) return unknown(`gap before ${client}:${clock}`);
      section = client;
    }
    if (s instanceof Y.Skip) return unknown(`skip at ${client}:${clock}`);
    updateEnd.set(client, clock + s.length);
  }
  const docState = (client: number) => Y.getState(store, client);
  const knownEnd = (client: number) => Math.max(docState(client), updateEnd.get(client) ?? 0);
  const known = (id: Id) => id.clock < knownEnd(id.client);
  const inDoc = (id: Id) => id.clock < docState(id.client);

  try {
    for (const s of structs as Struct[]) {
      // Content the document already has is skipped by Yjs (sync answers repeat a lot of it).
      if (s.id.clock + s.length <= docState(s.id.client)) {
        visits++;
        continue;
      }
      spend(1);
      if (!(s instanceof Y.Item)) continue;
      const parent = s.parent as unknown;
      if (s.origin && !known(s.origin)) return unknown(`origin ${s.origin.client}:${s.origin.clock} unknown`);
      if (s.rightOrigin && !known(s.rightOrigin)) {
        return unknown(`right origin ${s.rightOrigin.client}:${s.rightOrigin.clock} unknown`);
      }
      if (parent instanceof Y.ID && !known(parent)) return unknown(`parent ${parent.client}:${parent.clock} unknown`);
      // Items anchored in content of this same update are paid for by its bytes (and by the
      // measured apply time); the super-linear walks are over content already in the document.
      const anchoredInDoc =
        (!s.origin || inDoc(s.origin)) && (!s.rightOrigin || inDoc(s.rightOrigin)) && !(parent instanceof Y.ID && !inDoc(parent));
      if (anchoredInDoc) spend(integrationUnits(store, doc, s, limits.maxUnits - units));
    }

    for (const [client, ranges] of ds.clients) {
      let end = -1;
      const limit = knownEnd(client);
      const existing = store.clients.get(client) ?? [];
      const state = docState(client);
      for (const range of ranges) {
        spend(1);
        // Yjs writes every delete set sorted and merged; overlaps are what makes it quadratic.
        if (range.clock < end) {
          return { ok: false, kind: "unsorted-deletes", reason: `delete ranges of ${client} overlap or are out of order` };
        }
        end = range.clock + range.len;
        if (end > limit) return unknown(`deletes ${client}:${range.clock}+${range.len} beyond what exists`);
        if (range.clock >= state || range.len === 0) continue;
        // The part over content already in the document: what Yjs will walk, split and merge.
        let index = Y.findIndexSS(existing, range.clock);
        const rangeEnd = Math.min(end, state);
        let touchedLive = false;
        for (; index < existing.length; index++) {
          const struct = existing[index];
          if (struct.id.clock >= rangeEnd) break;
          visits++;
          if (struct.deleted) continue;
          touchedLive = true;
          spend(LIVE_DELETE_UNITS);
          const cutsStart = struct.id.clock < range.clock;
          const cutsEnd = struct.id.clock + struct.length > rangeEnd;
          if (cutsStart) spend(splitUnits(existing.length, index));
          if (cutsEnd) spend(splitUnits(existing.length, index));
        }
        // Deleted neighbours are merged afterwards, shifting the array once per range.
        if (touchedLive) spend(splitUnits(existing.length, index));
      }
    }
  } catch (err) {
    if (err instanceof OverBudget) {
      return { ok: false, kind: "too-expensive", reason: `asks for more than ${limits.maxUnits} units of work` };
    }
    throw err;
  }
  return { ok: true, units: Math.ceil(units + visits / VISITS_PER_UNIT), ends: updateEnd };
}

function splitUnits(arrayLength: number, index: number) {
  return SPLIT_UNITS + (arrayLength - index) / SHIFTS_PER_UNIT;
}

/**
 * An upper bound of what integrating `item` walks in `doc`: Yjs's conflict resolution visits the
 * items between the item's origin and its right origin (to the list's end when there is no
 * right origin, the whole history of a map key when there is no origin), plus the splits its
 * origins cause. Stops walking past `budget`.
 */
function integrationUnits(store: Y.Doc["store"], doc: Y.Doc, item: Y.Item, budget: number): number {
  let units = 0;
  let left: Y.Item | null = null;
  let leftSplits = false;
  if (item.origin) {
    const found = Y.getItem(store, item.origin);
    if (!(found instanceof Y.Item)) return 1;
    left = found;
    leftSplits = item.origin.clock < found.id.clock + found.length - 1;
    if (leftSplits) units += splitUnits(store.clients.get(found.id.client)!.length, 0);
  }
  let right: Y.Item | null = null;
  if (item.rightOrigin) {
    const found = Y.getItem(store, item.rightOrigin);
    if (!(found instanceof Y.Item)) return units + 1;
    right = found;
    if (item.rightOrigin.clock > found.id.clock) units += splitUnits(store.clients.get(found.id.client)!.length, 0);
  }
  // Typing: the origin's right neighbour is the right origin, nothing to resolve.
  if (left && right === left && leftSplits) return units + 1;
  if (left && !leftSplits && left.right === right) return units + 1;
  let o: Y.Item | null;
  if (left) {
    if (leftSplits) units++; // the split-off rest of `left` comes first
    o = left.right;
  } else {
    const parent = parentType(doc, item, right);
    if (!parent) return units + 1;
    if (item.parentSub !== null) {
      o = parent._map.get(item.parentSub) ?? null;
      while (o !== null && o.left !== null) {
        o = o.left;
        if (++units > budget) return units;
      }
    } else {
      o = parent._start;
    }
    if (o === right) return units + 1;
  }
  while (o !== null && o !== right) {
    if (++units > budget) return units;
    o = o.right;
  }
  return units + 1;
}

function parentType(doc: Y.Doc, item: Y.Item, right: Y.Item | null): Y.AbstractType<unknown> | null {
  if (right) return right.parent as Y.AbstractType<unknown>;
  const parent = item.parent as unknown;
  if (typeof parent === "string") return (doc.share.get(parent) as Y.AbstractType<unknown> | undefined) ?? null;
  if (parent instanceof Y.ID) {
    const owner = Y.getItem(doc.store, parent);
    return owner instanceof Y.Item && owner.content instanceof Y.ContentType ? owner.content.type : null;
  }
  return null;
}
