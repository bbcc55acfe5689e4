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
   * Position of each possible flag's key in the sorted list of all possible keys, per kind and
   * subject (same index as the subject's array). Null when subjects repeat, or there are too many
   * to pack into a number: evaluation then sorts by comparing keys.
   */
  keyPos: {
    region: Int32Array;
    agenda: Int32Array;
    proposal: Int32Array;
    barrier: Int32Array;
    item: Int32Array;
    type: Int32Array;
    offsets: Int32Array;
    total: number;
  } | null;
  /** The latest dismissal per key, with the position of its key (-1 when no possible flag has it). */
  dismissals: Array<{ dismissal: FlagDismissal; pos: number }>;
};

export type PreparedFlagInputs = FlagInputs & { readonly prepared: PreparedFlags };

/** Key positions are packed into the low 19 bits of a sort number (see evaluate.ts). */
export const MAX_KEY_POSITIONS = 2 ** 19;

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
  const endMs = new Float64Array(items.length);
  const hasLead = new Uint8Array(items.length);
  let live = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    itemIndex.set(item.id, i);
    const agenda = agendaById.get(item.agendaId);
    if (!agenda || agenda.status === "gearchiveerd") continue;
    itemRegion[i] = agenda.regionId;
    live++;
    // Parsed once here rather than at every evaluation; only priorities use them.
    if (item.status !== "prioriteit") continue;
    endMs[i] = item.endDate ? Date.parse(item.endDate) : NaN;
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
  const keyPos = keyPositions(inputs, liveItems, openBarriers, groups);
  const positionOf = keyPos ? keyResolver(inputs, itemIndex, keyPos, openBarriers, groups) : () => -1;
  return {
    source: sourceOf(inputs),
    regionById,
    agendaById,
    itemIndex,
    typeByKey,
    liveItems,
    itemRegion,
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
    keyPos,
    dismissals: [...latest.values()].map((dismissal) => ({ dismissal, pos: positionOf(dismissal.flagKey) })),
  };
}

/**
 * Rank of each subject's key in string order, per kind, offset by the kinds before it. Comparing
 * two keys then is comparing two numbers, and sorting the flags is sorting numbers (evaluate.ts).
 */
function keyPositions(inputs: FlagInputs, liveItems: Int32Array, openBarriers: Int32Array, groups: BarrierGroup[]): PreparedFlags["keyPos"] {
  const subjects = [
    inputs.regions.map((r) => String(r.id)),
    inputs.agendas.map((a) => String(a.id)),
    inputs.proposals.map((p) => String(p.id)),
    Array.from(openBarriers, (b) => String(inputs.barriers[b].id)),
    Array.from(liveItems, (i) => inputs.items[i].id),
    groups.map((g) => g.typeKey),
  ];
  const counts = [subjects[0].length, subjects[1].length, subjects[2].length, subjects[3].length, liveItems.length, subjects[5].length, liveItems.length, liveItems.length];
  const offsets = new Int32Array(counts.length + 1);
  for (let k = 0; k < counts.length; k++) offsets[k + 1] = offsets[k] + counts[k];
  const total = offsets[counts.length];
  if (total > MAX_KEY_POSITIONS) return null;
  const ranks = subjects.map(stringRanks);
  if (ranks.some((r) => r === null)) return null;
  const [region, agenda, proposal, barrier, live, type] = ranks as Int32Array[];
  // Items are indexed by their place in inputs.items; items not live get no position.
  const item = new Int32Array(inputs.items.length).fill(-1);
  liveItems.forEach((i, n) => (item[i] = live[n]));
  return { region, agenda, proposal, barrier, item, type, offsets, total };
}

/** The rank of each string in code-unit order (as `<` compares), or null if one repeats. Fast when already sorted. */
function stringRanks(keys: string[]): Int32Array | null {
  const ranks = new Int32Array(keys.length);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1] < keys[i];
  if (sorted) {
    for (let i = 0; i < keys.length; i++) ranks[i] = i;
    return ranks;
  }
  const order = Array.from(keys.keys()).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  for (let r = 0; r < order.length; r++) {
    if (r > 0 && keys[order[r - 1]] === keys[order[r]]) return null;
    ranks[order[r]] = r;
  }
  return ranks;
}

/** Finds the key position of a dismissed flag; a map per kind is built on the first key of that kind. */
function keyResolver(inputs: FlagInputs, itemIndex: Map<string, number>, keyPos: NonNullable<PreparedFlags["keyPos"]>, openBarriers: Int32Array, groups: BarrierGroup[]) {
  const bySubject: Array<Map<string, number> | undefined> = [];
  const subjects = (kind: number): Map<string, number> => {
    const ranked = (names: string[], ranks: Int32Array) => new Map(names.map((name, n) => [name, keyPos.offsets[kind] + ranks[n]]));
    switch (kind) {
      case KIND.region:
        return ranked(inputs.regions.map((r) => String(r.id)), keyPos.region);
      case KIND.agenda:
        return ranked(inputs.agendas.map((a) => String(a.id)), keyPos.agenda);
      case KIND.proposal:
        return ranked(inputs.proposals.map((p) => String(p.id)), keyPos.proposal);
      case KIND.barrier:
        return ranked(Array.from(openBarriers, (b) => String(inputs.barriers[b].id)), keyPos.barrier);
      case KIND.type:
        return ranked(groups.map((g) => g.typeKey), keyPos.type);
      default: {
        const positions = new Map<string, number>();
        for (const [id, i] of itemIndex) if (keyPos.item[i] !== -1) positions.set(id, keyPos.offsets[kind] + keyPos.item[i]);
        return positions;
      }
    }
  };
  return (key: string): number => {
    const kind = keyPrefixes.findIndex((prefix) => key.startsWith(prefix));
    if (kind === -1) return -1;
    const positions = (bySubject[kind] ??= subjects(kind));
    return positions.get(key.slice(keyPrefixes[kind].length)) ?? -1;
  };
}
