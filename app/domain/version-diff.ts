// What differs between two states of an agenda (an old version and today's, or two versions): per
// item, matched by its stable id, added / removed / changed with the fields that changed, and a
// word-level diff of the free text (intro, plan, why) so a reader sees which words moved.
// Pure: the versions pages compute it on the server, the browser only renders the result.
import { diffWordsWithSpace } from "diff";
import { diffAgenda, type DiffField, type FieldChange } from "./adoption-diff";
import type { ItemStatus, ProjectedItem } from "./agenda-doc";

export type WordPart = { text: string; change?: "added" | "removed" };

/** Fields of running prose: shown as one text with the changed words marked, not as old and new value. */
export const proseFields: ReadonlySet<DiffField> = new Set(["planText", "why", "professionalsHow"]);

// Myers' diff's cost grows with the square of the edit distance; past this many edits a text has been
// rewritten rather than edited, and showing old and new whole is both cheaper and clearer.
const MAX_WORD_EDITS = 500;

/** `before` and `after` as one run of text, the words only in `before` removed and those only in `after` added. */
export function wordDiff(before: string, after: string): WordPart[] {
  if (before === after) return before ? [{ text: before }] : [];
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_WORD_EDITS });
  if (!changes) return [...(before ? [{ text: before, change: "removed" as const }] : []), ...(after ? [{ text: after, change: "added" as const }] : [])];
  return changes.map((c) => (c.added ? { text: c.value, change: "added" } : c.removed ? { text: c.value, change: "removed" } : { text: c.value }));
}

export type AgendaContent = { introText: string; items: ReadonlyArray<ProjectedItem> };

export type FieldComparison = FieldChange & { words?: WordPart[] };

export type ItemComparison =
  | { kind: "added" | "removed"; id: string; item: ProjectedItem }
  | { kind: "changed"; id: string; item: ProjectedItem; fields: FieldComparison[] };

export type AgendaComparison = {
  /** The intro as a word diff, or null when it did not change. */
  intro: WordPart[] | null;
  /** Changed and added items in the later order, then removed ones in the earlier order. */
  items: ItemComparison[];
  unchanged: number;
  /** Items present in both stand in another order (a move is no content change, but a restore undoes it). */
  reordered: boolean;
};

/**
 * The status an item has after a restore (decision 028): a restore brings back content, not
 * execution, which only the status history records. An item on today's agenda keeps today's status;
 * one the restore brings back gets its last recorded status, and only without a record the
 * version's (it was set before statuses were recorded).
 */
export function restoredStatus<S>(today: S | undefined, recorded: S | undefined, version: S): S {
  return today ?? recorded ?? version;
}

/** `version` as restoring it would make today's agenda: what the restore step counts. */
export function asRestored(version: AgendaContent, today: AgendaContent, recorded: ReadonlyMap<string, ItemStatus>): AgendaContent {
  const todays = new Map(today.items.map((i) => [i.id, i.status]));
  return { ...version, items: version.items.map((i) => ({ ...i, status: restoredStatus(todays.get(i.id), recorded.get(i.id), i.status) })) };
}

export function compareAgendas(before: AgendaContent, after: AgendaContent): AgendaComparison {
  const diff = diffAgenda(before.items, after.items);
  const changedById = new Map(diff.changed.map((c) => [c.id, c.changes]));
  const added = new Set(diff.addedIds);
  const items: ItemComparison[] = [];
  for (const item of after.items) {
    const changes = changedById.get(item.id);
    if (added.has(item.id)) items.push({ kind: "added", id: item.id, item });
    else if (changes) {
      const fields = changes.map((c) => (proseFields.has(c.field) ? { ...c, words: wordDiff(c.before, c.after) } : c));
      items.push({ kind: "changed", id: item.id, item, fields });
    }
  }
  const removed = new Set(diff.removedIds);
  for (const item of before.items) if (removed.has(item.id)) items.push({ kind: "removed", id: item.id, item });
  const common = (list: AgendaContent["items"], other: AgendaContent["items"]) => {
    const ids = new Set(other.map((i) => i.id));
    return list.filter((i) => ids.has(i.id)).map((i) => i.id);
  };
  const orderBefore = common(before.items, after.items);
  const orderAfter = common(after.items, before.items);
  return {
    intro: before.introText === after.introText ? null : wordDiff(before.introText, after.introText),
    items,
    unchanged: orderAfter.length - diff.changed.length,
    reordered: orderBefore.some((id, i) => orderAfter[i] !== id),
  };
}

export type ComparisonCounts = { added: number; removed: number; changed: number; intro: boolean; reordered: boolean; any: boolean };

/** How many items each kind of change touches: "3 agendapunten veranderen, 1 wordt verwijderd". */
export function countChanges(comparison: AgendaComparison): ComparisonCounts {
  const count = (kind: ItemComparison["kind"]) => comparison.items.filter((i) => i.kind === kind).length;
  const intro = comparison.intro !== null;
  return { added: count("added"), removed: count("removed"), changed: count("changed"), intro, reordered: comparison.reordered, any: comparison.items.length > 0 || intro || comparison.reordered };
}
