/**
 * Properties of `lint()` over generated and mutated configurations in both dialects
 * (generators: fixtures/adversarial/arbitraries.ts): it never throws and no rule crashes; every
 * range (diagnostics and their related locations) lies inside the text with start <= end, and its
 * line and column agree with its offset; the result is the same every time.
 *
 * CI runs a fixed seed and a bounded number of runs. To search longer, or elsewhere:
 *   FLINKLINT_PROPERTY_RUNS=100000 npx vitest run test/property
 *   FLINKLINT_PROPERTY_SEED=$RANDOM FLINKLINT_PROPERTY_RUNS=20000 npx vitest run test/property
 * A failure prints the seed and the shrunk counterexample; replay it with that seed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import type { Dialect } from "../src/types.js";
import { diagnosticProblems } from "./ranges.js";
import { configText, DIALECTS, lintOptions, mutated } from "../fixtures/adversarial/arbitraries.js";

const RUNS = Number(process.env.FLINKLINT_PROPERTY_RUNS ?? 150);
const SEED = Number(process.env.FLINKLINT_PROPERTY_SEED ?? 7_2024);
/** Long runs (the variable set) get no test timeout. */
const TIMEOUT = process.env.FLINKLINT_PROPERTY_RUNS ? 24 * 3_600_000 : 60_000;
const PARAMETERS = { numRuns: RUNS, seed: SEED };

const FILENAME: Record<Dialect, string> = { legacy: "conf/flink-conf.yaml", standard: "conf/config.yaml" };

type Options = typeof lintOptions extends fc.Arbitrary<infer T> ? T : never;

function checkLint(text: string, dialect: Dialect, options: Options) {
  const run = () => lint(text, { ...options, filename: FILENAME[dialect] });
  const first = run();
  const shown = [...first.diagnostics, ...first.suppressed];
  expect(diagnosticProblems(shown, text)).toEqual([]);
  expect(first.dialect).toBe(dialect);
  // Deterministic: a second run gives the very same diagnostics, in the same order.
  const second = run();
  expect(second.diagnostics).toEqual(first.diagnostics);
  expect(second.suppressed).toEqual(first.suppressed);
}

describe.each(DIALECTS)("lint() on %s configurations", (dialect) => {
  it(
    "generated: never throws, ranges fit the text, deterministic",
    () => {
      fc.assert(fc.property(configText(dialect), lintOptions, (text, options) => checkLint(text, dialect, options)), PARAMETERS);
    },
    TIMEOUT,
  );

  it(
    "mutated: never throws, ranges fit the text, deterministic",
    () => {
      fc.assert(fc.property(mutated(configText(dialect)), lintOptions, (text, options) => checkLint(text, dialect, options)), PARAMETERS);
    },
    TIMEOUT,
  );

  it(
    "arbitrary strings: never throws, ranges fit the text",
    () => {
      fc.assert(
        fc.property(fc.string({ unit: "binary", maxLength: 300 }), lintOptions, (text, options) => checkLint(text, dialect, options)),
        PARAMETERS,
      );
    },
    TIMEOUT,
  );

  it("the other dialect's files, read as this one", () => {
    const other = dialect === "legacy" ? "standard" : "legacy";
    fc.assert(fc.property(configText(other), lintOptions, (text, options) => checkLint(text, dialect, options)), PARAMETERS);
  }, TIMEOUT);
});
