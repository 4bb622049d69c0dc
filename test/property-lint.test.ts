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
import type { Diagnostic, Dialect, Position, Range } from "../src/types.js";
import { configText, DIALECTS, lintOptions, mutated } from "../fixtures/adversarial/arbitraries.js";

const RUNS = Number(process.env.FLINKLINT_PROPERTY_RUNS ?? 150);
const SEED = Number(process.env.FLINKLINT_PROPERTY_SEED ?? 7_2024);
/** Long runs (the variable set) get no test timeout. */
const TIMEOUT = process.env.FLINKLINT_PROPERTY_RUNS ? 24 * 3_600_000 : 60_000;
const PARAMETERS = { numRuns: RUNS, seed: SEED };

const FILENAME: Record<Dialect, string> = { legacy: "conf/flink-conf.yaml", standard: "conf/config.yaml" };

/** Line starts as Flink's readers (and flinklint's LineIndex) break lines: LF, CRLF or a lone CR. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  return starts;
}

/** Why a position does not fit the text, or undefined when it does. */
function positionProblem(p: Position, text: string, starts: readonly number[]): string | undefined {
  if (!Number.isInteger(p.offset) || p.offset < 0 || p.offset > text.length) return `offset ${p.offset} outside 0..${text.length}`;
  let line = 0;
  while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= p.offset) line++;
  const column = p.offset - (starts[line] ?? 0) + 1;
  if (p.line !== line + 1 || p.column !== column) return `offset ${p.offset} is ${line + 1}:${column}, not ${p.line}:${p.column}`;
  return undefined;
}

function rangeProblem(r: Range, text: string, starts: readonly number[]): string | undefined {
  const problem = positionProblem(r.start, text, starts) ?? positionProblem(r.end, text, starts);
  if (problem) return problem;
  return r.start.offset <= r.end.offset ? undefined : `start ${r.start.offset} after end ${r.end.offset}`;
}

function diagnosticProblems(diagnostics: readonly Diagnostic[], text: string): string[] {
  const starts = lineStarts(text);
  const problems: string[] = [];
  for (const d of diagnostics) {
    const where = `${d.ruleId}/${d.messageId}`;
    if (d.ruleId === "internal-error") problems.push(`${where}: ${d.message}`);
    const own = rangeProblem(d, text, starts);
    if (own) problems.push(`${where}: ${own}`);
    for (const related of d.related ?? []) {
      const problem = rangeProblem(related.range, text, starts);
      if (problem) problems.push(`${where} related "${related.message}": ${problem}`);
    }
  }
  return problems;
}

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
