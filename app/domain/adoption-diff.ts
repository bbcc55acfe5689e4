// What changed in an agenda item since the board adopted it: a field-level comparison between the
// frozen item (stored with the proposal) and the live read model. Pure, shared by page and pack.
import { itemContentFields, type ProjectedItem } from "./agenda-doc";

export const diffFields = itemContentFields;
export type DiffField = (typeof diffFields)[number];

export type FieldChange = { field: DiffField; before: string; after: string };

/** A comparable, displayable form of a field value. */
export function fieldText(item: Partial<ProjectedItem>, field: DiffField): string {
  const value = item[field];
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

export function diffItem(frozen: Partial<ProjectedItem>, current: Partial<ProjectedItem>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of diffFields) {
    const before = fieldText(frozen, field);
    const after = fieldText(current, field);
    if (before !== after) changes.push({ field, before, after });
  }
  return changes;
}

export type AgendaDiff = {
  changed: Array<{ id: string; changes: FieldChange[] }>;
  addedIds: string[];
  removedIds: string[];
};

export function diffAgenda(
  frozen: ReadonlyArray<Partial<ProjectedItem> & { id: string }>,
  current: ReadonlyArray<Partial<ProjectedItem> & { id: string }>,
): AgendaDiff {
  const now = new Map(current.map((i) => [i.id, i]));
  const then = new Set(frozen.map((i) => i.id));
  const changed: AgendaDiff["changed"] = [];
  const removedIds: string[] = [];
  for (const item of frozen) {
    const live = now.get(item.id);
    if (!live) {
      removedIds.push(item.id);
      continue;
    }
    const changes = diffItem(item, live);
    if (changes.length) changed.push({ id: item.id, changes });
  }
  return { changed, removedIds, addedIds: current.filter((i) => !then.has(i.id)).map((i) => i.id) };
}
