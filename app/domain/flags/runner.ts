// Runs the rules (rules/*.ts) and keeps what it can between runs: each region's rows, prepared view
// and findings stay until that region's inputs change (its version moves) or the clock reaches a
// moment one of its rules asked to be woken at (a threshold crossed, a score step, the Dutch
// midnight); national rules rerun when any region's findings changed. A change in one region reloads
// and re-evaluates that region only. Pure apart from the source it is given, which the model backs
// with SQL and the tests with plain arrays.
import { daysBetween } from "./dates";
import { dutchCalendarDay, nextDutchMidnight } from "../dutch-time";
import { fingerprint } from "./fingerprint";
import { prepareRegion, prepareShared, type RegionView, type SharedView } from "./region";
import { nationalRules, regionRules } from "./rules";
import type { NationalRegionView } from "./rules/rule";
import { severityRank, type Flag, type FlagDismissal, type FlagHit, type RegionRows, type SharedRows } from "./types";

export type FlagSource = {
  /** Cheap: a version per region id (every region there is), and one for the shared inputs. */
  versions(): { shared: number; regions: ReadonlyMap<number, number> };
  shared(): SharedRows;
  /** The rows of these regions. */
  regions(ids: readonly number[]): RegionRows[];
  /** What national rules read of every region (a cheap query); without it runRegion runs every region. */
  nationalRegions?(): NationalRegionView[];
};

type Versions = ReturnType<FlagSource["versions"]>;

/** `wakeAt`: the findings hold until then (NaN: evaluate now). */
type RegionEntry = { version: number; view: RegionView; wakeAt: number; hits: FlagHit[] };

export type FlagSet = {
  now: number;
  /** Every region, as loaded. */
  regions: ReadonlyArray<RegionRows["region"]>;
  /** Every flag, worst first (national bottlenecks first, then severity, score, age, key). */
  all(): FlagHit[];
  /** The flags of one region: its own and the national ones it is part of, worst first. */
  ofRegion(regionId: number): FlagHit[];
  byKey(key: string): FlagHit | undefined;
};

export class FlagRunner {
  #source: FlagSource;
  #shared: { version: number; view: SharedView } | null = null;
  #regions = new Map<number, RegionEntry>();
  #national: { signature: string; hits: FlagHit[] } | null = null;
  /** The last result: handed out again while nothing changed, so its ordered list is sorted once. */
  #last: FlagSet | null = null;
  /** What the last runs did, for tests and the benchmark. */
  readonly stats = { sharedLoads: 0, regionLoads: 0, regionEvaluations: 0, nationalEvaluations: 0 };

  constructor(source: FlagSource) {
    this.#source = source;
  }

  run(now: number): FlagSet {
    const versions = this.#source.versions();
    const shared = this.#sharedView(versions);
    for (const id of this.#regions.keys()) if (!versions.regions.has(id)) this.#regions.delete(id);
    const stale = [...versions.regions].filter(([id, v]) => this.#regions.get(id)?.version !== v).map(([id]) => id);
    for (const rows of stale.length ? this.#source.regions(stale) : []) this.#load(rows, versions, shared);
    let changed = false;
    for (const entry of this.#regions.values()) if (this.#evaluate(entry, shared, now)) changed = true;
    const signature = signatureOf(versions);
    // National rules read rows only (open barriers per region), never the clock.
    if (changed || !this.#national || this.#national.signature !== signature) {
      const regions = [...this.#regions.values()].map((e) => e.view);
      this.#national = { signature, hits: nationalRules.flatMap((rule) => rule.evaluate({ regions, shared, now })) };
      this.stats.nationalEvaluations++;
      changed = true;
    }
    if (!changed && this.#last) return this.#last;
    return (this.#last = flagSet(now, [...this.#regions.values()], this.#national.hits));
  }

  /**
   * The flags of one region, as `run(now).ofRegion(regionId)` gives them, loading and evaluating that
   * region only: the national rules read every region's open barriers through the source's one query.
   */
  runRegion(now: number, regionId: number): FlagHit[] {
    const source = this.#source;
    if (!source.nationalRegions) return this.run(now).ofRegion(regionId);
    const versions = source.versions();
    const version = versions.regions.get(regionId);
    if (version === undefined) return [];
    const shared = this.#sharedView(versions);
    let entry = this.#regions.get(regionId);
    if (entry?.version !== version) {
      const [rows] = source.regions([regionId]);
      entry = this.#load(rows, versions, shared);
      // What run() handed out last no longer holds.
      this.#last = null;
    }
    if (this.#evaluate(entry, shared, now)) this.#last = null;
    const signature = signatureOf(versions);
    if (this.#national?.signature !== signature) {
      this.#national = { signature, hits: nationalRules.flatMap((rule) => rule.evaluate({ regions: source.nationalRegions!(), shared, now })) };
      this.stats.nationalEvaluations++;
      this.#last = null;
    }
    return ordered([...this.#national.hits.filter((h) => h.regionIds.includes(regionId)), ...entry.hits], now);
  }

  #sharedView(versions: Versions): SharedView {
    if (!this.#shared || this.#shared.version !== versions.shared) {
      this.#shared = { version: versions.shared, view: prepareShared(this.#source.shared()) };
      this.stats.sharedLoads++;
    }
    return this.#shared.view;
  }

  #load(rows: RegionRows, versions: Versions, shared: SharedView): RegionEntry {
    const entry = { version: versions.regions.get(rows.region.id)!, view: prepareRegion(rows, shared), wakeAt: NaN, hits: [] };
    this.#regions.set(rows.region.id, entry);
    this.stats.regionLoads++;
    return entry;
  }

  /** Runs the region's rules when the clock reached its wake time or its view was rebuilt; true if it did. */
  #evaluate(entry: RegionEntry, shared: SharedView, now: number): boolean {
    // Ratings or barrier names changed: the rows stay, the view is rebuilt from them.
    if (entry.view.shared !== shared) {
      entry.view = prepareRegion(entry.view.rows, shared);
      entry.wakeAt = NaN;
    }
    if (now < entry.wakeAt) return false;
    const today = dutchCalendarDay(now);
    let wakeAt = nextDutchMidnight(now);
    const wake = (at: number) => {
      if (at > now && at < wakeAt) wakeAt = at;
    };
    entry.hits = regionRules.flatMap((rule) => rule.evaluate({ view: entry.view, now, today, wake }));
    entry.wakeAt = wakeAt;
    this.stats.regionEvaluations++;
    return true;
  }
}

/** Every region's version and the shared one: what the national rules' findings rest on. */
const signatureOf = (versions: Versions) => [...versions.regions].map(([id, v]) => `${id}:${v}`).join(",") + `|${versions.shared}`;

function flagSet(now: number, entries: RegionEntry[], national: FlagHit[]): FlagSet {
  let all: FlagHit[] | null = null;
  let byKey: Map<string, FlagHit> | null = null;
  return {
    now,
    regions: entries.map((e) => e.view.rows.region),
    all: () => (all ??= ordered([...national, ...byRegionId(entries).flatMap((e) => e.hits)], now)),
    ofRegion: (regionId) => {
      const own = entries.find((e) => e.view.rows.region.id === regionId)?.hits ?? [];
      return ordered([...national.filter((h) => h.regionIds.includes(regionId)), ...own], now);
    },
    byKey: (key) => (byKey ??= new Map([...national, ...entries.flatMap((e) => e.hits)].map((h) => [h.key, h]))).get(key),
  };
}

const byRegionId = (entries: RegionEntry[]) => [...entries].sort((a, b) => a.view.rows.region.id - b.view.rows.region.id);

const ageOf = (h: FlagHit, now: number) => (h.since === null ? 0 : daysBetween(h.since, now));

// One number per flag keeps the sort cheap: scores stay below 10,000 and ages below 100,000 days.
const rankOf = (h: FlagHit, now: number) =>
  (h.regionId === null ? 1e13 : 0) + severityRank[h.severity] * 1e12 + Math.min(h.score, 9999) * 1e8 + Math.min(ageOf(h, now), 99_999);

/**
 * National bottlenecks first, then by severity, score, age. Ties keep the order the rules found them
 * in (regions by id, rules in their listed order, rows in id order: the loader reads them so), which
 * is as stable as the key and, unlike comparing 23,000 key strings, cheap.
 */
function ordered(hits: FlagHit[], now: number): FlagHit[] {
  const rank = new Float64Array(hits.length);
  for (let i = 0; i < hits.length; i++) rank[i] = rankOf(hits[i], now);
  const order = Int32Array.from(hits.keys()).sort((a, b) => rank[b] - rank[a] || a - b);
  return Array.from(order, (i) => hits[i]);
}

/** The flag as pages and exports get it: a plain object, with its texts built now. */
export function toFlag(hit: FlagHit, now: number, dismissal: FlagDismissal | null = null): Flag {
  const { basis: _b, describe, ...rest } = hit;
  return { ...rest, regionIds: [...hit.regionIds], ...describe(now), fingerprint: fingerprintOf(hit), ageDays: ageOf(hit, now), dismissal };
}

export const fingerprintOf = (hit: FlagHit) => fingerprint(hit.basis());
