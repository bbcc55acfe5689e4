// The bottleneck rules' inputs, indexed once: lookups by id, the region of every row, projected savings
// per item and region, open barriers per type, and where each possible flag's key falls in key order.
// None of it depends on the clock or the thresholds, so the loader does it once per load and every
// evaluation (every minute, any thresholds) reuses it; evaluateFlags indexes hand-made inputs itself.
// Pure: no database, no Remix.
import { countsTowardsTotal, projectSaving, regionTarget, type RatingInput } from "../savings";
import type { FlagDismissal, FlagInputs } from "./types";

/** Barrier statuses that still need work. */
export const OPEN_BARRIER_STATUSES: ReadonlySet<string> = new Set(["open", "in_behandeling", "geescaleerd"]);

/**
 * The kinds of flag key, in the string order of their prefixes: keys of different kinds compare by
 * prefix alone (no prefix is a prefix of another), keys of one kind by their subject.
 */
export const keyPrefixes = [
  "below-target:region-",
  "board-decision:agenda-",
  "board-decision:proposal-",
  "high-barrier:barrier-",
  "item-basics:item-",
  "national-bottleneck:type-",
  "stalled-priority:item-",
  "weak-evidence:item-",
] as const;
export const KIND = { region: 0, agenda: 1, proposal: 2, barrier: 3, itemBasics: 4, type: 5, stalled: 6, weakEvidence: 7 } as const;

export const PRIORITY = 1;
export const STOPPED = 2;
export const LACKS_WHY = 1;
export const LACKS_PROFESSIONALS = 2;

export type BarrierGroup = {
  typeKey: string;
  /** Open barriers of the type. */
  count: number;
  /** The same with their region, by barrier id: the order of the flag's links and fingerprint. */
  byId: Array<{ barrier: FlagInputs["barriers"][number]; regionId: number }>;
  regionIds: readonly number[];
  since: number;
};

export type PreparedFlags = {
  /** The arrays this was built from: evaluateFlags rebuilds when inputs carry other arrays. */
  source: readonly unknown[];
  regionById: Map<number, FlagInputs["regions"][number]>;
  agendaById: Map<number, FlagInputs["agendas"][number]>;
  itemIndex: Map<string, number>;
  typeByKey: Map<string, FlagInputs["barrierTypes"][number]>;
  /** Items whose agenda exists and is not archived (indexes into `inputs.items`), and their region. */
  liveItems: Int32Array;
  itemRegion: Int32Array;
  /** Per live item: PRIORITY, STOPPED or 0; `changedAt`; what it lacks (LACKS_WHY | LACKS_PROFESSIONALS). */
  itemState: Uint8Array;
  changedAt: Float64Array;
  lacks: Uint8Array;
  /** Live items with status "prioriteit". */
  priorities: number;
  itemAgenda: Float64Array;
  /**
   * Per priority: its end date as the number YYYYMMDD (NaN when none or not written so; then the
   * string itself is compared), in epoch ms (NaN when none or unreadable), and whether it names a
   * lead organisation.
   */
  endDay: Float64Array;
  /** Per priority: its end date in epoch ms (NaN when none or unreadable), and whether it names a lead organisation. */
  endMs: Float64Array;
  hasLead: Uint8Array;
  /** Per item: links to an innovation, links whose innovation can be projected, the best evidence among those, their FTE. */
  linkCount: Int32Array;
  ratedCount: Int32Array;
  bestEvidence: Float64Array;
  ratedFte: Float64Array;
  /** Per region: projected saving of its non-archived agendas, the agenda to link to, and its target. */
  regionSaving: Map<number, { expected: number; low: number; high: number; agendaId: number | null }>;
  regionTargets: Map<number, ReturnType<typeof regionTarget>>;
  /** Open barriers whose agenda exists (indexes into `inputs.barriers`), with their region. */
  openBarriers: Int32Array;
  barrierRegion: Int32Array;
  groups: BarrierGroup[];
  adoptedAgendaIds: ReadonlySet<number>;
  /**
   * Each kind's subjects in the string order of their keys (indexes into the subject's array, as
   * below), so evaluation emits flags in key order and sorts them by rank alone. A flag's position
   * among all possible keys is `offsets[kind]` plus its subject's place in that order. Null when a
   * subject repeats: evaluation then sorts by comparing keys.
   */
  keyOrder: {
    region: Int32Array;
    agenda: Int32Array;
    proposal: Int32Array;
    /** Indexes into `openBarriers`. */
    barrier: Int32Array;
    /** Live items only. */
    item: Int32Array;
    /** Indexes into `groups`. */
    type: Int32Array;
    offsets: Int32Array;
  } | null;
  /** The latest dismissal per key, with the position of its key (-1 when no possible flag has it), by position. */
  dismissals: Array<{ dismissal: FlagDismissal; pos: number }>;
};

export type PreparedFlagInputs = FlagInputs & { readonly prepared: PreparedFlags };

const sourceOf = (inputs: FlagInputs): unknown[] => [
  inputs.regions,
  inputs.agendas,
  inputs.items,
  inputs.barriers,
  inputs.barrierTypes,
  inputs.links,
  inputs.ratings,
  inputs.proposals,
  inputs.adoptedAgendaIds,
  inputs.dismissals,
];

/** "2026-06-14" as 20260614: for dates written so, comparing the numbers is comparing the strings. */
export function dayNumber(date: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10)) : NaN;
}

/** The inputs with their index. The rows must not change afterwards: the index would not follow. */
export function prepareFlagInputs(inputs: FlagInputs): PreparedFlagInputs {
  return { ...inputs, prepared: buildIndex(inputs) };
}

/** The index belonging to these inputs: the one they carry if built from these very arrays, else a new one. */
export function preparedFor(inputs: FlagInputs & { prepared?: PreparedFlags }): PreparedFlags {
  const p = inputs.prepared;
  if (p) {
    const source = sourceOf(inputs);
    if (source.every((a, i) => a === p.source[i])) return p;
  }
  return buildIndex(inputs);
}

function buildIndex(inputs: FlagInputs): PreparedFlags {
  const { regions, agendas, items, barriers, links, proposals } = inputs;
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const agendaById = new Map(agendas.map((a) => [a.id, a]));
  const typeByKey = new Map(inputs.barrierTypes.map((t) => [t.key, t]));

  // Items: the same item id twice keeps the last, as a Map from the rows would.
  const itemIndex = new Map<string, number>();
  const itemRegion = new Int32Array(items.length).fill(-1);
  // What the rules test of an item, in flat arrays: evaluation reads these, not 14,000 row objects.
  const itemState = new Uint8Array(items.length);
  const changedAt = new Float64Array(items.length);
  const lacks = new Uint8Array(items.length);
  const itemAgenda = new Float64Array(items.length);
  const endMs = new Float64Array(items.length);
  const endDay = new Float64Array(items.length).fill(NaN);
  const hasLead = new Uint8Array(items.length);
  let live = 0;
  let priorities = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    itemIndex.set(item.id, i);
    const agenda = agendaById.get(item.agendaId);
    if (!agenda || agenda.status === "gearchiveerd") continue;
    itemRegion[i] = agenda.regionId;
    live++;
    itemState[i] = item.status === "prioriteit" ? PRIORITY : item.status === "gestopt" ? STOPPED : 0;
    changedAt[i] = item.changedAt;
    itemAgenda[i] = item.agendaId;
    lacks[i] = (item.hasWhy ? 0 : LACKS_WHY) | (item.professionalsInvolved === null || item.professionalsInvolved === "nee" ? LACKS_PROFESSIONALS : 0);
    // Parsed once here rather than at every evaluation; only priorities use them.
    if (itemState[i] !== PRIORITY) continue;
    priorities++;
    endMs[i] = item.endDate ? Date.parse(item.endDate) : NaN;
    endDay[i] = item.endDate ? dayNumber(item.endDate) : NaN;
    hasLead[i] = item.leadOrganisation.trim() ? 1 : 0;
  }
  const liveItems = new Int32Array(live);
  for (let i = 0, n = 0; i < items.length; i++) if (itemRegion[i] !== -1) liveItems[n++] = i;

  // Savings per link: a projection is linear in reach, so one unit of reach is projected once per
  // innovation and unit (the savings domain does the arithmetic) and scaled. Links are kept per item
  // in input order (offsets into one array), so sums add up in the same order as link by link.
  const ratingsByInnovation = new Map<number, RatingInput[]>();
  for (const r of inputs.ratings) {
    let list = ratingsByInnovation.get(r.innovationId);
    if (!list) ratingsByInnovation.set(r.innovationId, (list = []));
    list.push(r);
  }
  const perUnitProjection = new Map<number, Partial<Record<"clients" | "fte", ReturnType<typeof projectSaving>>>>();
  const linkItem = new Int32Array(links.length).fill(-1);
  const linkCount = new Int32Array(items.length);
  for (let l = 0; l < links.length; l++) {
    const link = links[l];
    const i = itemIndex.get(link.itemId);
    if (i === undefined || items[i].agendaId !== link.agendaId) continue;
    linkItem[l] = i;
    linkCount[i]++;
  }
  const start = new Int32Array(items.length + 1);
  for (let i = 0; i < items.length; i++) start[i + 1] = start[i] + linkCount[i];
  const fill = start.slice(0, items.length);
  const expected = new Float64Array(start[items.length]);
  const low = new Float64Array(expected.length);
  const high = new Float64Array(expected.length);
  const evidence = new Float64Array(expected.length).fill(NaN); // NaN: not rated
  for (let l = 0; l < links.length; l++) {
    const i = linkItem[l];
    if (i === -1) continue;
    const link = links[l];
    let byUnit = perUnitProjection.get(link.innovationId);
    if (!byUnit) perUnitProjection.set(link.innovationId, (byUnit = {}));
    const perUnit = (byUnit[link.reachUnit] ??= projectSaving(ratingsByInnovation.get(link.innovationId) ?? [], 1, link.reachUnit));
    const k = fill[i]++;
    if (!perUnit.ok) continue;
    const reach = Math.max(0, link.reach);
    expected[k] = perUnit.fte.expected * reach;
    low[k] = perUnit.fte.low * reach;
    high[k] = perUnit.fte.high * reach;
    evidence[k] = perUnit.evidenceLevel;
  }
  const ratedCount = new Int32Array(items.length);
  const bestEvidence = new Float64Array(items.length);
  const ratedFte = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    let best = 0;
    let fte = 0;
    for (let k = start[i]; k < start[i + 1]; k++) {
      if (Number.isNaN(evidence[k])) continue;
      ratedCount[i]++;
      best = Math.max(best, evidence[k]);
      fte += expected[k];
    }
    bestEvidence[i] = best;
    ratedFte[i] = fte;
  }

  // A region's saving counts the items of its agendas that are not archived; the link goes to its
  // active agenda, else to another one that is not archived.
  const regionSaving = new Map<number, { expected: number; low: number; high: number; agendaId: number | null }>();
  for (const r of regions) regionSaving.set(r.id, { expected: 0, low: 0, high: 0, agendaId: null });
  for (const a of agendas) {
    if (a.status === "gearchiveerd") continue;
    const s = regionSaving.get(a.regionId);
    if (s && (s.agendaId === null || a.status === "actief")) s.agendaId = a.id;
  }
  for (let n = 0; n < liveItems.length; n++) {
    const i = liveItems[n];
    if (!countsTowardsTotal(items[i].status)) continue;
    const s = regionSaving.get(itemRegion[i]);
    if (!s) continue;
    for (let k = start[i]; k < start[i + 1]; k++) {
      if (Number.isNaN(evidence[k])) continue;
      s.expected += expected[k];
      s.low += low[k];
      s.high += high[k];
    }
  }
  const regionTargets = new Map(regions.map((r) => [r.id, regionTarget(r)]));

  // Open barriers, and per type the regions they are open in.
  const open: number[] = [];
  const openRegion: number[] = [];
  const groupByType = new Map<string, BarrierGroup>();
  const groups: BarrierGroup[] = [];
  for (let b = 0; b < barriers.length; b++) {
    const barrier = barriers[b];
    if (!OPEN_BARRIER_STATUSES.has(barrier.status)) continue;
    const agenda = agendaById.get(barrier.agendaId);
    if (!agenda) continue;
    open.push(b);
    openRegion.push(agenda.regionId);
    let group = groupByType.get(barrier.typeKey);
    if (!group) {
      groupByType.set(barrier.typeKey, (group = { typeKey: barrier.typeKey, count: 0, byId: [], regionIds: [], since: Infinity }));
      groups.push(group);
    }
    group.count++;
    group.byId.push({ barrier, regionId: agenda.regionId });
    group.since = Math.min(group.since, barrier.createdAt);
  }
  for (const g of groups) {
    g.byId.sort((a, b) => a.barrier.id - b.barrier.id);
    g.regionIds = Object.freeze([...new Set(g.byId.map((b) => b.regionId))].sort((a, b) => a - b));
  }

  // Latest dismissal per key, as a Map from the rows would keep it.
  const latest = new Map<string, FlagDismissal>();
  for (const d of inputs.dismissals) latest.set(d.flagKey, d);

  const openBarriers = Int32Array.from(open);
  const keyOrder = keyOrders(inputs, liveItems, openBarriers, groups);
  const positionOf = keyOrder ? keyResolver(inputs, keyOrder, openBarriers, groups) : () => -1;
  return {
    source: sourceOf(inputs),
    regionById,
    agendaById,
    itemIndex,
    typeByKey,
    liveItems,
    itemRegion,
    itemState,
    itemAgenda,
    endDay,
    changedAt,
    lacks,
    priorities,
    endMs,
    hasLead,
    linkCount,
    ratedCount,
    bestEvidence,
    ratedFte,
    regionSaving,
    regionTargets,
    openBarriers,
    barrierRegion: Int32Array.from(openRegion),
    groups,
    adoptedAgendaIds: new Set(inputs.adoptedAgendaIds),
    keyOrder,
    dismissals: [...latest.values()].map((dismissal) => ({ dismissal, pos: positionOf(dismissal.flagKey) })).sort((a, b) => a.pos - b.pos),
  };
}

/** Each kind's subjects in key order; null if a subject repeats (two flags would share a key). */
function keyOrders(inputs: FlagInputs, liveItems: Int32Array, openBarriers: Int32Array, groups: BarrierGroup[]): PreparedFlags["keyOrder"] {
  const region = stringOrder(inputs.regions.map((r) => String(r.id)));
  const agenda = stringOrder(inputs.agendas.map((a) => String(a.id)));
  const proposal = stringOrder(inputs.proposals.map((p) => String(p.id)));
  const barrier = stringOrder(Array.from(openBarriers, (b) => String(inputs.barriers[b].id)));
  const live = stringOrder(Array.from(liveItems, (i) => inputs.items[i].id));
  const type = stringOrder(groups.map((g) => g.typeKey));
  if (!region || !agenda || !proposal || !barrier || !live || !type) return null;
  const item = live.map((n) => liveItems[n]);
  const counts = [region.length, agenda.length, proposal.length, barrier.length, item.length, type.length, item.length, item.length];
  const offsets = new Int32Array(counts.length + 1);
  for (let k = 0; k < counts.length; k++) offsets[k + 1] = offsets[k] + counts[k];
  return { region, agenda, proposal, barrier, item, type, offsets };
}

/** Indexes of the strings in code-unit order (as `<` compares), or null if one repeats. Cheap when already sorted. */
function stringOrder(keys: string[]): Int32Array | null {
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1] < keys[i];
  if (sorted) return Int32Array.from(keys.keys());
  const order = Int32Array.from(keys.keys()).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  for (let r = 1; r < order.length; r++) if (keys[order[r - 1]] === keys[order[r]]) return null;
  return order;
}

/** Finds the key position of a dismissed flag; a map per kind is built on the first key of that kind. */
function keyResolver(inputs: FlagInputs, keyOrder: NonNullable<PreparedFlags["keyOrder"]>, openBarriers: Int32Array, groups: BarrierGroup[]) {
  const bySubject: Array<Map<string, number> | undefined> = [];
  const subjects = (kind: number): Map<string, number> => {
    const subject = (ix: number): string => {
      switch (kind) {
        case KIND.region:
          return String(inputs.regions[ix].id);
        case KIND.agenda:
          return String(inputs.agendas[ix].id);
        case KIND.proposal:
          return String(inputs.proposals[ix].id);
        case KIND.barrier:
          return String(inputs.barriers[openBarriers[ix]].id);
        case KIND.type:
          return groups[ix].typeKey;
        default:
          return inputs.items[ix].id;
      }
    };
    const order = [keyOrder.region, keyOrder.agenda, keyOrder.proposal, keyOrder.barrier, keyOrder.item, keyOrder.type, keyOrder.item, keyOrder.item][kind];
    return new Map(Array.from(order, (ix, k) => [subject(ix), keyOrder.offsets[kind] + k]));
  };
  return (key: string): number => {
    const kind = keyPrefixes.findIndex((prefix) => key.startsWith(prefix));
    if (kind === -1) return -1;
    const positions = (bySubject[kind] ??= subjects(kind));
    return positions.get(key.slice(keyPrefixes[kind].length)) ?? -1;
  };
}
