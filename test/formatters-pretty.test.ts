/**
 * pretty output: each file's findings in line order, each a block that fits the terminal width (the
 * rule id on its first line, the message wrapped at words under a hanging indent), then one "fix:"
 * line per safe fix and suggestion; golden files at 80 and 120 columns hold the text without colours.
 */
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import { formatPretty } from "../src/formatters/pretty.js";
import type { FileReport } from "../src/formatters/report.js";
import type { Diagnostic } from "../src/types.js";
import { at, diagnostic } from "../fixtures/formatters/reports.js";

const GOLDEN = (width: number) => new URL(`../fixtures/formatters/golden-pretty-${width}.txt`, import.meta.url).pathname;

/** Colours and terminal hyperlinks, which depend on the terminal the test runs in. */
function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "").replace(/\u001b\]8;[^\u0007\u001b]*(?:\u0007|\u001b\\)/g, "");
}

const FILES: Record<string, string> = {
  "conf/flink-conf.yaml":
    "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.flink.size: 1600m\njobmanager.memory.process.size: 1600m\n" +
    "taskmanager.memory.proces.size: 1g\n  rest.port: 8081\nstate.backend.type: rocksdb\n",
  "tm/config.yaml": "taskmanager:\n  memory:\n    process.size: 1728m\n",
};
const REPORTS: FileReport[] = Object.entries(FILES).map(([filePath, text]) => ({ filePath, diagnostics: lint(text, { filename: filePath }).diagnostics }));

function fixesOf(d: Diagnostic): string[] {
  return [...(d.fix ? [`${d.fix.description} (--fix)`] : []), ...(d.suggestions ?? []).map((s) => s.description)];
}

/** Fixed findings for the golden (rule messages change; this text should not). */
function golden(): FileReport[] {
  const edit = (line: number, text: string) => ({ range: { start: at(line, 1), end: at(line + 1, 1) }, text });
  const bothTotals = diagnostic("memory-both-totals", "error", "`taskmanager.memory.process.size` and `taskmanager.memory.flink.size` contradict each other.", [2, 1], [2, 30], { key: "taskmanager.memory.flink.size" });
  bothTotals.suggestions = [
    { description: "remove taskmanager.memory.flink.size", edits: [edit(2, "")] },
    { description: "raise taskmanager.memory.process.size to 1778m", edits: [edit(1, "taskmanager.memory.process.size: 1778m\n")] },
    { description: "remove taskmanager.memory.flink.size and set taskmanager.memory.managed.size to 512m", edits: [edit(2, ""), edit(3, "taskmanager.memory.managed.size: 512m\n")] },
  ];
  const indented = diagnostic("legacy-indented-line", "warning", '"rest.port" is indented; remove the indentation.', [12, 1], [12, 3], { key: "rest.port" });
  indented.fix = { description: "remove the indentation", edits: [{ range: { start: at(12, 1), end: at(12, 3) }, text: "" }] };
  const rename = diagnostic("unknown-key", "warning", "Flink has no option `taskmanager.memory.proces.size`; did you mean `taskmanager.memory.process.size`?", [7, 1], [7, 31], { key: "taskmanager.memory.proces.size" });
  rename.suggestions = [{ description: "rename to taskmanager.memory.process.size", edits: [{ range: { start: at(7, 1), end: at(7, 31) }, text: "taskmanager.memory.process.size" }] }];
  const plainFinding = diagnostic("removed-key", "warning", "`jobmanager.heap.mb` is not read by Flink 2.1.", [10, 1], [10, 19], { key: "jobmanager.heap.mb" });
  return [
    { filePath: "conf/flink-conf.yaml", diagnostics: [bothTotals, rename, plainFinding, indented] },
    { filePath: "other/config.yaml", diagnostics: [diagnostic("parse", "error", "Flink cannot load this file.", [1, 1], [1, 1])] },
  ];
}

describe("formatPretty", () => {
  const output = plain(formatPretty(REPORTS));

  it.each([80, 120])("matches the golden file at %i columns", async (width) => {
    await expect(plain(formatPretty(golden(), { width }))).toMatchFileSnapshot(GOLDEN(width));
  });

  it.each([40, 60, 80, 100, 160])("fits %i columns: no line is wider, except a single word too long for any line", (width) => {
    const long = diagnostic("unknown-key", "warning", `Flink has no option \`${"very.long.key.".repeat(8)}x\` and ignores it; check the spelling of the key or remove the line.`, [3, 1], [3, 5], {});
    const text = plain(formatPretty([...golden(), { filePath: "long/flink-conf.yaml", diagnostics: [long] }], { width }));
    for (const line of text.split("\n")) {
      if (line.length <= width) continue;
      // Too wide only when the line holds one word besides its indentation and lead.
      expect(line.trim().split(/\s+/).filter((w) => !/^[✖⚠ℹ]$|^\d+:\d+$/.test(w)).length, line).toBeLessThanOrEqual(2);
    }
  });

  it("lists a file's findings by line and column, errors and warnings interleaved, nothing padded to the longest message", () => {
    const lines = plain(formatPretty(golden(), { width: 200 })).split("\n");
    const positions = lines.map((l) => /^  [✖⚠ℹ]  (\d+):(\d+)/.exec(l)).filter((m) => m !== null).map((m) => Number(m?.[1]));
    expect(positions).toEqual([2, 7, 10, 12, 1]);
    for (const line of lines) expect(line).toBe(line.trimEnd());
  });

  it("puts each fix and suggestion on its own line right under its finding, at the message's indent", () => {
    const lines = output.split("\n");
    const all = REPORTS.flatMap((r) => r.diagnostics);
    expect(all.filter((d) => fixesOf(d).length > 0).length).toBeGreaterThanOrEqual(4);
    expect(all.some((d) => (d.suggestions ?? []).length >= 2)).toBe(true);
    for (const d of all) {
      const at = lines.findIndex((l) => new RegExp(`^  [✖⚠ℹ]  ${d.start.line}:${d.start.column} +${d.ruleId}  `).test(l));
      expect(at, `${d.ruleId} at ${d.start.line}`).toBeGreaterThanOrEqual(0);
      const indent = (lines[at] ?? "").indexOf(d.ruleId);
      // The message's continuation lines, then the fixes, each at the rule id's column.
      let next = at + 1;
      while ((lines[next] ?? "").startsWith(" ".repeat(indent)) && !(lines[next] ?? "").slice(indent).startsWith("fix: ")) next++;
      const following = lines.slice(next, next + fixesOf(d).length + 1);
      expect(following.slice(0, fixesOf(d).length)).toEqual(fixesOf(d).map((f) => `${" ".repeat(indent)}fix: ${f}`));
      expect(following[fixesOf(d).length] ?? "").not.toMatch(/^\s+fix: /);
    }
  });

  it("links the file to its absolute file:// URL and the rule id to its docs, only when asked", () => {
    const reports = [{ filePath: "conf/flink-conf.yaml", diagnostics: [diagnostic("parse", "error", "Flink cannot load this file.", [1, 1], [1, 1])] }];
    const linked = formatPretty(reports, { hyperlinks: true, cwd: "/work/app" });
    expect(linked).toContain("\u001b]8;;file:///work/app/conf/flink-conf.yaml\u0007");
    expect(linked).toContain("\u001b]8;;https://github.com/flinklint/flinklint/blob/main/docs/rules/parse.md\u0007");
    expect(formatPretty(reports)).not.toContain("\u001b]8;;");
  });

  it("shows a hostile description's control characters as escapes", () => {
    const d: Diagnostic = {
      ruleId: "unknown-key",
      messageId: "unknown",
      severity: "warning",
      message: "m",
      start: { line: 1, column: 1, offset: 0 },
      end: { line: 1, column: 2, offset: 1 },
      suggestions: [{ description: "rename to a\u001b[31mb\nc", edits: [{ range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }, text: "x" }] }],
    };
    const text = formatPretty([{ filePath: "a.yaml", diagnostics: [d] }]);
    expect(plain(text)).toContain("fix: rename to a\\x1b[31mb\\nc");
    expect(text).not.toContain("\u0000");
  });

  it("adds nothing for findings without fixes", () => {
    const d: Diagnostic = { ruleId: "parse", messageId: "x", severity: "error", message: "broken", start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
    expect(plain(formatPretty([{ filePath: "a.yaml", diagnostics: [d] }]))).not.toContain("fix:");
  });
});
