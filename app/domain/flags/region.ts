// One region's rows made ready for the rules: which agendas and items are live, each item's links and
// evidence, the region's projected saving, and the names of barrier types. Depends on the rows and
// the shared inputs only, never on the clock, so it is built once per change of the region's inputs
// and reused by every evaluation until the next change. Pure: no database, no Remix.
import { countsTowardsTotal } from "../savings";
import { realisedSaving, type MeasuredRow, type Realised } from "../realised-savings";
import { itemEvidence, linkFigures, type ItemEvidence } from "./evidence";
import type { RegionRows, SharedRows } from "./types";

/** Barrier statuses that still need work. */
export const OPEN_BARRIER_STATUSES: ReadonlySet<string> = new Set(["open", "in_behandeling", "geescaleerd"]);

/**
 * Item statuses in which an item is still on its way: every status but stopped (gestopt), embedded
 * (geborgd) and scaled up (opgeschaald), the statuses an item ends in when it succeeded. Rules look at
 * all of these, not at "prioriteit" alone: an item in execution can stall as well.
 */
export const ACTIVE_ITEM_STATUSES: ReadonlySet<string> = new Set(["idee", "voorgesteld", "prioriteit", "in_voorbereiding", "in_uitvoering"]);

export type SharedView = {
  typeName: (key: string) => { nl: string; en: string };
  subTypeName: (key: string) => { nl: string; en: string } | null;
  figure: ReturnType<typeof linkFigures>;
};

export function prepareShared(shared: SharedRows): SharedView {
  const types = new Map(shared.barrierTypes.map((t) => [t.key, { nl: t.nameNl, en: t.nameEn }]));
  const subTypes = new Map(shared.barrierSubTypes.map((t) => [t.key, { nl: t.nameNl, en: t.nameEn }]));
  return {
    typeName: (key) => types.get(key) ?? { nl: key, en: key },
    subTypeName: (key) => subTypes.get(key) ?? null,
    figure: linkFigures(shared.ratings),
  };
}

type Item = RegionRows["items"][number];

export type RegionView = {
  rows: RegionRows;
  shared: SharedView;
  /** Agendas that are not archived, by id. */
  agendas: Map<number, RegionRows["agendas"][number]>;
  /** Items of those agendas. */
  items: Item[];
  itemById: Map<string, Item>;
  evidence: Map<string, ItemEvidence>;
  /** The region's projected saving (items of live agendas that count), and the agenda to link to. */
  saving: { low: number; expected: number; high: number; agendaId: number | null };
  /** Open barriers whose agenda exists. */
  barriers: RegionRows["barriers"];
  /** The realised saving of each live item with baselines or measurements (decision 031), and how many measurements it has. */
  realised: Map<string, Realised & { measured: number }>;
};

export function prepareRegion(rows: RegionRows, shared: SharedView): RegionView {
  const agendas = new Map(rows.agendas.filter((a) => a.status !== "gearchiveerd").map((a) => [a.id, a]));
  const items = rows.items.filter((i) => agendas.has(i.agendaId));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const linksByItem = new Map<string, RegionRows["links"]>();
  for (const l of rows.links) {
    const item = itemById.get(l.itemId);
    if (!item || item.agendaId !== l.agendaId) continue;
    let list = linksByItem.get(l.itemId);
    if (!list) linksByItem.set(l.itemId, (list = []));
    list.push(l);
  }
  const evidence = new Map<string, ItemEvidence>();
  const saving = { low: 0, expected: 0, high: 0, agendaId: null as number | null };
  for (const a of agendas.values()) if (saving.agendaId === null || a.status === "actief") saving.agendaId = a.id;
  for (const item of items) {
    const e = itemEvidence(linksByItem.get(item.id) ?? [], shared.figure);
    evidence.set(item.id, e);
    if (!countsTowardsTotal(item.status)) continue;
    saving.low += e.fte.low;
    saving.expected += e.fte.expected;
    saving.high += e.fte.high;
  }
  const allAgendas = new Set(rows.agendas.map((a) => a.id));
  const measuredRows = new Map<string, { baselines: MeasuredRow[]; measurements: MeasuredRow[] }>();
  for (const m of rows.measurements ?? []) {
    if (!itemById.has(m.itemId)) continue;
    const entry = measuredRows.get(m.itemId) ?? { baselines: [], measurements: [] };
    (m.kind === "baseline" ? entry.baselines : entry.measurements).push(m);
    measuredRows.set(m.itemId, entry);
  }
  const realised = new Map([...measuredRows].map(([id, r]) => [id, { ...realisedSaving(r), measured: r.measurements.length }]));
  return {
    rows,
    shared,
    agendas,
    items,
    itemById,
    evidence,
    saving,
    barriers: rows.barriers.filter((b) => OPEN_BARRIER_STATUSES.has(b.status) && allAgendas.has(b.agendaId)),
    realised,
  };
}
