/**
 * pretty output: eslint-formatter-pretty's lines, plus one "fix:" line under a finding for its safe
 * fix and for each suggestion, aligned with the message; a golden file holds the text without colours.
 */
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import { formatPretty } from "../src/formatters/pretty.js";
import type { FileReport } from "../src/formatters/report.js";
import type { Diagnostic } from "../src/types.js";
import { at, diagnostic } from "../fixtures/formatters/reports.js";

const GOLDEN = new URL("../fixtures/formatters/golden-pretty.txt", import.meta.url).pathname;

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

  it("matches the golden file", async () => {
    await expect(plain(formatPretty(golden()))).toMatchFileSnapshot(GOLDEN);
  });

  it("puts each fix and suggestion on its own line right under its finding, aligned with the message", () => {
    const lines = output.split("\n");
    const all = REPORTS.flatMap((r) => r.diagnostics);
    expect(all.filter((d) => fixesOf(d).length > 0).length).toBeGreaterThanOrEqual(4);
    expect(all.some((d) => (d.suggestions ?? []).length >= 2)).toBe(true);
    for (const d of all) {
      const at = lines.findIndex((l) => l.includes(` ${d.start.line}:${d.start.column}  `) && l.trimEnd().endsWith(d.ruleId) && l.includes(d.message.replace(/[`']/g, "").slice(0, 30)));
      expect(at, `${d.ruleId} at ${d.start.line}`).toBeGreaterThanOrEqual(0);
      const line = lines[at] ?? "";
      const messageColumn = line.indexOf(d.message.replace(/[`']/g, "").slice(0, 10));
      const following = lines.slice(at + 1, at + 1 + fixesOf(d).length + 1);
      expect(following.slice(0, fixesOf(d).length)).toEqual(fixesOf(d).map((f) => `${" ".repeat(messageColumn)}fix: ${f}`));
      expect(following[fixesOf(d).length] ?? "").not.toMatch(/^\s+fix: /);
    }
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
