/**
 * Host files, mutated: linting a Compose file, a Kubernetes manifest, a script or a template that
 * was damaged in any way never throws, no rule crashes, and every range lies inside the file with
 * line and column agreeing with its offset (test/ranges.ts). The mutations come from the host
 * fixtures (fixtures/adversarial/arbitraries.ts `mutated`: quotes, colons, line breaks of every
 * kind, NUL, BOM, lone surrogates, …).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/lint-file.js";
import { mutated } from "../fixtures/adversarial/arbitraries.js";
import { diagnosticProblems } from "./ranges.js";

const ROOT = new URL("..", import.meta.url).pathname;
const RUNS = Number(process.env.FLINKLINT_PROPERTY_RUNS ?? 60);
const SEED = Number(process.env.FLINKLINT_PROPERTY_SEED ?? 15_2026);
const TIMEOUT = process.env.FLINKLINT_PROPERTY_RUNS ? 24 * 3_600_000 : 120_000;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith(".out") ? [] : [path];
  });
}

/** Each host fixture, under the name it is linted by (which picks its adapter). */
const HOSTS = walk(join(ROOT, "fixtures/hosts")).map((path) => ({ name: relative(ROOT, path), text: readFileSync(path, "utf8") }));

describe("host files, mutated", () => {
  it("has host fixtures of every kind", () => {
    for (const kind of ["compose", "kubernetes", "script", "template"]) expect(HOSTS.some((h) => h.name.includes(`/${kind}/`)), kind).toBe(true);
  });

  it.each(["compose", "kubernetes", "script", "template"])(
    "%s: never throws, no rule crashes, ranges fit the text",
    (kind) => {
      const hosts = HOSTS.filter((h) => h.name.includes(`/${kind}/`));
      const host = fc.constantFrom(...hosts).chain((h) => mutated(fc.constant(h.text)).map((text) => ({ name: h.name, text })));
      fc.assert(
        fc.property(host, ({ name, text }) => {
          const linted = lintText(text, { filename: name, showInfo: true });
          expect(diagnosticProblems(linted.diagnostics, text)).toEqual([]);
          for (const result of linted.results) expect(diagnosticProblems(result.suppressed, text)).toEqual([]);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    TIMEOUT,
  );
});
