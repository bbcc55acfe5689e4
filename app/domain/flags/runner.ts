// Runs the rules (rules/*.ts) and keeps what it can between runs: each region's rows, prepared view
// and findings stay until that region's inputs change (its version moves) or the minute turns (ages
// move with the clock); national rules rerun when any region's findings changed. A change in one
// region reloads and re-evaluates that region only. Pure apart from the source it is given, which
// the model backs with SQL and the tests with plain arrays.
import { dutchDate, daysBetween } from "./dates";
import { fingerprint } from "./fingerprint";
import { prepareRegion, prepareShared, type RegionView, type SharedView } from "./region";
import { nationalRules, regionRules } from "./rules";
import { severityRank, type Flag, type FlagDismissal, type FlagHit, type RegionRows, type SharedRows } from "./types";

export type FlagSource = {
  /** Cheap: a version per region id (every region there is), and one for the shared inputs. */
  versions(): { shared: number; regions: ReadonlyMap<number, number> };
  shared(): SharedRows;
  /** The rows of these regions. */
  regions(ids: readonly number[]): RegionRows[];
};

type RegionEntry = { version: number; view: RegionView; minute: number; hits: FlagHit[] };

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
  #national: { signature: string; minute: number; hits: FlagHit[] } | null = null;
  /** The last result: handed out again while nothing changed, so its ordered list is sorted once. */
  #last: FlagSet | null = null;
  /** What the last runs did, for tests and the benchmark. */
  readonly stats = { sharedLoads: 0, regionLoads: 0, regionEvaluations: 0, nationalEvaluations: 0 };

  constructor(source: FlagSource) {
    this.#source = source;
  }

  run(now: number): FlagSet {
    const minute = Math.floor(now / 60_000);
    const today = dutchDate(now);
    const versions = this.#source.versions();
    if (!this.#shared || this.#shared.version !== versions.shared) {
      this.#shared = { version: versions.shared, view: prepareShared(this.#source.shared()) };
      this.stats.sharedLoads++;
    }
    const shared = this.#shared.view;
    for (const id of this.#regions.keys()) if (!versions.regions.has(id)) this.#regions.delete(id);
    const stale = [...versions.regions].filter(([id, v]) => this.#regions.get(id)?.version !== v).map(([id]) => id);
    for (const rows of stale.length ? this.#source.regions(stale) : []) {
      this.#regions.set(rows.region.id, { version: versions.regions.get(rows.region.id)!, view: prepareRegion(rows, shared), minute: -1, hits: [] });
      this.stats.regionLoads++;
    }
    let changed = false;
    for (const entry of this.#regions.values()) {
      // Ratings or barrier names changed: the rows stay, the view is rebuilt from them.
      if (entry.view.shared !== shared) {
        entry.view = prepareRegion(entry.view.rows, shared);
        entry.minute = -1;
      }
      if (entry.minute === minute) continue;
      entry.hits = regionRules.flatMap((rule) => rule.evaluate({ view: entry.view, now, today }));
      entry.minute = minute;
      this.stats.regionEvaluations++;
      changed = true;
    }
    const signature = [...this.#regions].map(([id, e]) => `${id}:${e.version}`).join(",") + `|${versions.shared}`;
    if (changed || !this.#national || this.#national.signature !== signature || this.#national.minute !== minute) {
      const regions = [...this.#regions.values()].map((e) => e.view);
      this.#national = { signature, minute, hits: nationalRules.flatMap((rule) => rule.evaluate({ regions, shared, now })) };
      this.stats.nationalEvaluations++;
      changed = true;
    }
    if (!changed && this.#last) return this.#last;
    return (this.#last = flagSet(now, [...this.#regions.values()], this.#national.hits));
  }
}

function flagSet(now: number, entries: RegionEntry[], national: FlagHit[]): FlagSet {
  let all: FlagHit[] | null = null;
  let byKey: Map<string, FlagHit> | null = null;
  const order = (a: FlagHit, b: FlagHit) => compareHits(a, b, now);
  return {
    now,
    regions: entries.map((e) => e.view.rows.region),
    all: () => (all ??= [...national, ...entries.flatMap((e) => e.hits)].sort(order)),
    ofRegion: (regionId) => {
      const own = entries.find((e) => e.view.rows.region.id === regionId)?.hits ?? [];
      return [...national.filter((h) => h.regionIds.includes(regionId)), ...own].sort(order);
    },
    byKey: (key) => (byKey ??= new Map([...national, ...entries.flatMap((e) => e.hits)].map((h) => [h.key, h]))).get(key),
  };
}

const ageOf = (h: FlagHit, now: number) => (h.since === null ? 0 : daysBetween(h.since, now));

/** National bottlenecks first, then by severity, score, age; ties by key so the order is stable. */
export function compareHits(a: FlagHit, b: FlagHit, now: number): number {
  return (
    Number(a.regionId !== null) - Number(b.regionId !== null) ||
    severityRank[b.severity] - severityRank[a.severity] ||
    b.score - a.score ||
    ageOf(b, now) - ageOf(a, now) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** The flag as pages and exports get it: a plain object, with its texts built now. */
export function toFlag(hit: FlagHit, now: number, dismissal: FlagDismissal | null = null): Flag {
  const { basis: _b, describe, ...rest } = hit;
  return { ...rest, regionIds: [...hit.regionIds], ...describe(), fingerprint: fingerprintOf(hit), ageDays: ageOf(hit, now), dismissal };
}

export const fingerprintOf = (hit: FlagHit) => fingerprint(hit.basis());
