/**
 * Every rule fixture reports exactly the diagnostics its `# expect:` markers name (rule, line,
 * and column where given), and its printed findings match the golden `.out` beside it.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import { formatCompact } from "../src/formatters/compact.js";
import { FIXTURES, fixtureOptions, listRuleFixtures, readExpectations } from "./fixture-support.js";

const fixtures = listRuleFixtures();

describe("rule fixtures", () => {
  it("exist", () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures.map((path) => [relative(FIXTURES, path), path]))("%s", async (_name, path) => {
    const text = readFileSync(path, "utf8");
    const options = fixtureOptions(path, text);
    const result = lint(text, options);
    const expected = readExpectations(text);
    const columnChecked = new Set(expected.filter((e) => e.column !== undefined).map((e) => `${e.ruleId}:${e.line}`));
    const actual = result.diagnostics.map((d) =>
      columnChecked.has(`${d.ruleId}:${d.start.line}`)
        ? `${d.ruleId}:${d.start.line}:${d.start.column}`
        : `${d.ruleId}:${d.start.line}`,
    );
    const wanted = expected.map((e) =>
      e.column === undefined ? `${e.ruleId}:${e.line}` : `${e.ruleId}:${e.line}:${e.column}`,
    );
    expect(actual.sort()).toEqual(wanted.sort());
    for (const d of result.diagnostics) {
      expect(d.start.offset).toBeLessThanOrEqual(d.end.offset);
      expect(d.end.offset).toBeLessThanOrEqual(text.length);
    }
    const golden = /[/\\](flink-conf|config)\.yaml$/.test(path)
      ? `${path}.out`
      : path.replace(/\.(flink-conf|config)\.yaml$/, ".out");
    const printed = formatCompact([{ filePath: options.filename ?? path, diagnostics: result.diagnostics }]);
    await expect(printed).toMatchFileSnapshot(golden);
  });
});
