/** Inline suppression comments in both dialects. */
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import type { Dialect } from "../src/types.js";

const TOTALS = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";

function ruleLines(text: string, dialect: Dialect = "legacy", report = false) {
  const result = lint(TOTALS + text, { dialect, reportUnusedDisableDirectives: report });
  return {
    reported: result.diagnostics.map((d) => `${d.ruleId}:${d.start.line - 2}`),
    suppressed: result.suppressed.map((d) => `${d.ruleId}:${d.start.line - 2}`),
  };
}

describe("flinklint-disable comments", () => {
  it("next-line suppresses the named rule on the next line only", () => {
    const { reported, suppressed } = ruleLines(
      "# flinklint-disable-next-line legacy-missing-separator -- kept for the old parser\na.b:1\nc.d:2\n",
    );
    expect(suppressed).toEqual(["legacy-missing-separator:2"]);
    expect(reported).toEqual(["legacy-missing-separator:3"]);
  });

  it("disable-line works as a trailing comment, and lists several rules", () => {
    const { reported } = ruleLines("a.b:1 # flinklint-disable-line legacy-indented-line, legacy-missing-separator\n");
    expect(reported).toEqual([]);
  });

  it("a directive naming another rule does not suppress", () => {
    const { reported } = ruleLines("a.b:1 # flinklint-disable-line legacy-indented-line\n");
    expect(reported).toEqual(["legacy-missing-separator:1"]);
  });

  it("disable … enable covers a region; a bare directive covers every rule", () => {
    const { reported } = ruleLines("# flinklint-disable\na.b:1\n  x.y: 1\n# flinklint-enable\nc.d:2\n");
    expect(reported).toEqual(["legacy-missing-separator:5"]);
  });

  it("disable-file covers the whole file", () => {
    const { reported } = ruleLines("a.b:1\n# flinklint-disable-file legacy-missing-separator\nc.d:2\n");
    expect(reported).toEqual([]);
  });

  it("works in config.yaml, where a comment needs a blank before '#'", () => {
    const text = "a:\n  b: 1\n  # flinklint-disable-next-line flattened-key-collision\na.b: 2\n";
    const { reported, suppressed } = ruleLines(text, "standard");
    expect(suppressed.some((s) => s.startsWith("flattened-key-collision:4"))).toBe(true);
    expect(reported.filter((r) => r.startsWith("flattened-key-collision:4"))).toEqual([]);
  });

  it("reports unknown rule ids with a suggestion, always", () => {
    const result = lint(`${TOTALS}a.b: 1 # flinklint-disable-line legacy-missing-separater\n`, { dialect: "legacy" });
    const directive = result.diagnostics.find((d) => d.ruleId === "disable-directive");
    expect(directive?.message).toBe(
      '"legacy-missing-separater" in a flinklint-disable-line comment is not a flinklint rule; did you mean "legacy-missing-separator"?',
    );
    expect(directive?.start).toMatchObject({ line: 3, column: 33 });
  });

  it("reports unused directives when asked", () => {
    const { reported } = ruleLines("# flinklint-disable-next-line legacy-missing-separator\nrest.port: 1\n", "legacy", true);
    expect(reported).toEqual(["disable-directive:1"]);
    expect(ruleLines("# flinklint-disable-next-line legacy-missing-separator\nrest.port: 1\n").reported).toEqual([]);
  });

  it("a comment suppressing an info finding counts as used, though info findings are hidden", () => {
    // The default TaskManager's JVM overhead is raised to its min: an info finding of memory-fraction-capped.
    const text = "# flinklint-disable-next-line memory-fraction-capped\ntaskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";
    const shown = lint(text, { dialect: "legacy", showInfo: true });
    expect(shown.suppressed.map((d) => d.ruleId)).toContain("memory-fraction-capped");
    const checked = lint(text, { dialect: "legacy", reportUnusedDisableDirectives: true });
    expect(checked.diagnostics).toEqual([]);
    const plain = lint(text.split("\n").slice(1).join("\n"), { dialect: "legacy", showInfo: true });
    expect(plain.diagnostics.map((d) => d.ruleId)).toContain("memory-fraction-capped");
    expect(lint(text.split("\n").slice(1).join("\n"), { dialect: "legacy" }).diagnostics).toEqual([]);
  });
});
