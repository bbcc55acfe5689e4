import { describe, expect, test } from "vitest";
import { percentile, ratioInterval } from "../bench/lib/stats";

/** Repetitions of a case: each its own level (a repetition's machine), `perGroup` samples around it. */
function run(levels: number[], perGroup: number, seed: number) {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return levels.map((level) => Array.from({ length: perGroup }, () => level * (1 + random())));
}

describe("the before/after interval (decision 045)", () => {
  test("two runs of the same server: the interval holds 1", () => {
    const [lo, hi] = ratioInterval(run([1, 1.3, 0.9, 1.1], 500, 1), run([1, 1.3, 0.9, 1.1], 500, 2), 99)!;
    expect(lo).toBeLessThan(1);
    expect(hi).toBeGreaterThan(1);
  });

  test("a server 50% slower in every repetition is shown worse by more than 10%", () => {
    const levels = [1, 1.3, 0.9, 1.1];
    const [lo] = ratioInterval(run(levels.map((l) => l * 1.5), 500, 3), run(levels, 500, 4), 95)!;
    expect(lo).toBeGreaterThan(1.1);
  });

  test("the spread between repetitions widens the interval: pooling them would hide it", () => {
    const steady = ratioInterval(run([1, 1, 1, 1], 500, 5), run([1, 1, 1, 1], 500, 6), 99)!;
    const swinging = ratioInterval(run([0.7, 1.4, 1, 1.2], 500, 5), run([1.3, 0.8, 1, 0.9], 500, 6), 99)!;
    expect(swinging[1] - swinging[0]).toBeGreaterThan(2 * (steady[1] - steady[0]));
  });

  test("samples that share a cause are drawn together: the interval is wider than drawing them one by one", () => {
    // One repetition's keystrokes, each read by 49 clients at nearly one latency.
    const keystrokes = (seed: number) => run(Array.from({ length: 80 }, (_, k) => 1 + ((k * 7919 + seed) % 13) / 4), 49, seed).map((xs) => xs.map((x) => x / 2));
    const repetitions = (seed: number) => [keystrokes(seed).flat(), keystrokes(seed + 1).flat()];
    const [ours, before] = [repetitions(10), repetitions(20)];
    const byBlock = ratioInterval(ours, before, 99, { block: 49, resamples: 200 })!;
    const one = ratioInterval(ours, before, 99, { block: 1, resamples: 200 })!;
    expect(byBlock[1] - byBlock[0]).toBeGreaterThan(one[1] - one[0]);
  });

  test("one repetition says nothing about the next: no interval", () => {
    expect(ratioInterval([[1, 2, 3]], [[1, 2, 3], [2, 3, 4]], 50)).toBeNull();
    expect(percentile([3, 1, 2], 50)).toBe(2);
  });
});
