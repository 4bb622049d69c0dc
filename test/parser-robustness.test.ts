/**
 * The parser never throws and stays linear on any string; line endings (LF, CRLF, CR) change no
 * finding's line or column.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import { parseConfig } from "../src/parser/index.js";
import type { Dialect } from "../src/types.js";
import { fixtureOptions, listRuleFixtures } from "./fixture-support.js";
import { expectNearLinear, fastestMs } from "./growth.js";

const DIALECTS: Dialect[] = ["legacy", "standard"];

describe("parseConfig never throws", () => {
  it.each(DIALECTS)("%s: on arbitrary strings", (dialect) => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const doc = parseConfig(text, dialect);
        for (const f of doc.findings) expect(f.range.end.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 500 },
    );
  });

  const yamlish = fc
    .array(fc.constantFrom("a", "b.c", ":", ": ", " ", "\t", "\n", "\r\n", "\r", "#", "'", '"', "-", "[", "]", "{", "}", ",", "&x", "*x", "|", "?", "~", "1", "0x1", "---", "\uFEFF"), { maxLength: 60 })
    .map((parts) => parts.join(""));

  it.each(DIALECTS)("%s: on YAML-like strings", (dialect) => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const doc = parseConfig(text, dialect);
        expect(doc.text).toBe(text);
        for (const e of doc.entries) {
          expect(e.keyRange.start.offset).toBeLessThanOrEqual(e.keyRange.end.offset);
          expect(e.valueRange.end.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it.each(DIALECTS)("%s: on NUL characters, U+FFFD and lone surrogates", (dialect) => {
    for (const text of ["a: \u0000\n", "\u0000\u0000", "a: \uFFFD\uFFFD\n", "\uFFFD: 1\n", "a: \uD800\n", "\u0000: \u0000"]) {
      expect(() => parseConfig(text, dialect)).not.toThrow();
    }
  });
});

describe("parseConfig is linear", () => {
  it.each(DIALECTS)("%s: a 1 MB line, and one of 4 MB", (dialect) => {
    expectNearLinear((length) => {
      const text = `a: ${"x".repeat(length)}\n`;
      return fastestMs(() => expect(parseConfig(text, dialect).config.get("a")?.text.length).toBe(length));
    }, 1_000_000);
  });

  // The standard dialect takes more memory per key: fewer keys outgrow the caches (see growth.ts).
  it.each([
    ["legacy", 25_000],
    ["standard", 10_000],
  ] as const)("%s: %i keys, and 4 times as many", (dialect, keys) => {
    expectNearLinear((count) => {
      const text = Array.from({ length: count }, (_, i) => `key.number${i}: ${i}`).join("\n");
      return fastestMs(() => expect(parseConfig(text, dialect).config.size).toBe(count));
    }, keys);
  });

  it("legacy: 100,000 repeats of one key", () => {
    const text = "k: v\n".repeat(100_000);
    const doc = parseConfig(text, "legacy");
    expect(doc.byKey.get("k")).toHaveLength(100_000);
    expect(doc.findings).toHaveLength(99_999);
  });

  it("standard: nested aliases do not blow up", () => {
    const levels = ["l0: &l0 [a, b]"];
    for (let i = 1; i <= 40; i++) levels.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
    const doc = parseConfig(`${levels.join("\n")}\n`, "standard");
    expect(doc.loadFailure?.causes[0]).toContain("Number of aliases");
    // 25 levels stay within snakeyaml's 50 aliases but expand to 2^25 values: stopped by a budget.
    const within = parseConfig(`${levels.slice(0, 26).join("\n")}\n`, "standard");
    expect(within.loadFailure?.causes[0]).toContain("too many");
  });
});

describe("line endings", () => {
  const position = (text: string, options: ReturnType<typeof fixtureOptions>) =>
    lint(text, options).diagnostics.map((d) => `${d.ruleId}@${d.start.line}:${d.start.column}-${d.end.line}:${d.end.column}`);

  it.each(listRuleFixtures().map((path) => [path.split("/fixtures/")[1] ?? path, path]))(
    "%s: same findings with CRLF and CR",
    (_name, path) => {
      const text = readFileSync(path, "utf8").replace(/\r\n?/g, "\n");
      const options = fixtureOptions(path, text);
      const expected = position(text, options);
      expect(position(text.replace(/\n/g, "\r\n"), options)).toEqual(expected);
      if (options.dialect === "legacy" || path.endsWith("flink-conf.yaml")) {
        expect(position(text.replace(/\n/g, "\r"), options)).toEqual(expected);
      }
    },
  );
});
