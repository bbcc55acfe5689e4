// Small numeric helpers for the benchmark results: percentiles over raw samples, never means of means.

/** Nearest-rank: the smallest of `sorted` with at least p% of the samples at or below it. */
function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  return nearestRank([...samples].sort((a, b) => a - b), p);
}

export function summary(samples: readonly number[]) {
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p75: round(percentile(samples, 75)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    max: round(samples.reduce((m, x) => (x > m ? x : m), -Infinity)),
  };
}

export type Summary = ReturnType<typeof summary>;

export const round = (x: number, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** mulberry32: small, fast, and the same sequence on every machine (the same samples give the same interval). */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The p-th percentile of a run drawn again with replacement, in two stages: its independent groups
 * (repetitions, restarts), then within each group `block` consecutive samples at a time.
 */
function resampledPercentile(groups: ReadonlyArray<readonly number[]>, p: number, block: number, random: () => number): number {
  const chosen = Array.from({ length: groups.length }, () => groups[Math.floor(random() * groups.length)]);
  const drawn = new Float64Array(chosen.reduce((n, g) => n + g.length, 0));
  let filled = 0;
  for (const group of chosen) {
    const size = Math.min(block, group.length);
    for (let end = filled + group.length; filled < end; ) {
      const start = Math.floor(random() * (group.length - size + 1));
      for (let k = 0; k < size && filled < end; k++) drawn[filled++] = group[start + k];
    }
  }
  return nearestRank(drawn.sort(), p);
}

/**
 * The 95% interval of ours/before for the p-th percentile when each side's run is drawn again
 * (decision 045). `groups` are what varies independently (a repetition of a case, a restart): two
 * idle runs of the same trees differed 0.67x against 1.13x, so the spread between repetitions must
 * be in the interval. Within a group, samples that share a cause (the 49 readers of one keystroke)
 * are drawn together, `block` at a time, or the interval comes out too narrow. Null when either side
 * has fewer than 2 groups: one repetition says nothing about the next.
 */
export function ratioInterval(
  ours: ReadonlyArray<readonly number[]>,
  before: ReadonlyArray<readonly number[]>,
  p: number,
  { block = 1, resamples = 400 } = {},
): [number, number] | null {
  if (ours.length < 2 || before.length < 2) return null;
  const random = seededRandom(ours.length * 31 + before.length);
  const ratios = Array.from({ length: resamples }, () => resampledPercentile(ours, p, block, random) / resampledPercentile(before, p, block, random));
  return [round(percentile(ratios, 2.5)), round(percentile(ratios, 97.5))];
}
