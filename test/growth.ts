/**
 * Growth checks without wall-clock bounds: how long a run takes depends on the machine and on what
 * else it runs, but the ratio of two sizes measured in the same test does not (much). Absolute
 * speed is measured by `npm run bench` only.
 */
import { expect } from "vitest";

/** The fastest of `runs` timings of `work`, in ms: noise from the machine only ever adds time. */
export function fastestMs(work: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * Expects `factor` times the input to take well under `factor`² times as long: `timeFor(size)` is
 * the time of one run on an input of that size (best of several, start-up subtracted). Linear is
 * `factor` and quadratic `factor`²; the bound, 3·`factor`, leaves room for timers, GC and caches.
 * Pick `size` big enough that its data outgrow the CPU caches and V8's young generation: below
 * about 20,000 keys a legacy parse is 3–4 times faster per key, and 4 times 10,000 keys then took
 * 13 times as long on a 2-core machine.
 */
export function expectNearLinear(timeFor: (size: number) => number, size: number, factor = 4): void {
  const small = timeFor(size);
  const big = timeFor(factor * size);
  // At least 1 ms for the small input, so that a coarse timer cannot make the ratio explode.
  const ratio = big / Math.max(small, 1);
  expect(ratio, `${size}: ${small.toFixed(1)} ms, ${factor * size}: ${big.toFixed(1)} ms`).toBeLessThan(3 * factor);
}
