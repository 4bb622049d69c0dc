/**
 * Messages say in one sentence what Flink does and what to change; Flink's exact exception text
 * is kept beside them (Diagnostic.flink): JSON `messages[].flink`, SARIF `properties.flink`, the
 * language server's related information, and `pretty --verbose`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import { toEslintResults } from "../src/formatters/json.js";
import { formatPretty } from "../src/formatters/pretty.js";
import { formatSarif } from "../src/formatters/sarif.js";
import { toLspDiagnostic } from "../src/lsp/diagnostics.js";
import { LspPositions } from "../src/lsp/positions.js";
import { FIXTURES } from "./fixture-support.js";
import { SIZE_RULES } from "./memory-rules.js";

/** The memory failures of the rule fixtures: every file of the memory rules' folders. */
function memoryFixtures(): Array<{ name: string; text: string }> {
  return readdirSync(FIXTURES)
    .filter((dir) => dir.startsWith("memory-"))
    .flatMap((dir) =>
      readdirSync(join(FIXTURES, dir))
        .filter((f) => /(?:flink-conf|config)\.yaml$/.test(f))
        .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(FIXTURES, dir, f), "utf8") })),
    );
}

describe("Flink's exact text", () => {
  // The refusals the memory model derives, and a TaskManager without CPU cores (a value Flink cannot parse keeps its parser's words).
  const FAILURE_RULES = new Set([...SIZE_RULES, "memory-cpu-invalid"]);
  const failures = memoryFixtures().flatMap(({ name, text }) =>
    lint(text, { filename: name })
      .diagnostics.filter((d) => d.severity === "error" && FAILURE_RULES.has(d.ruleId) && d.messageId !== "unparsable" && d.flink !== undefined)
      .map((d) => ({ name, text, d })),
  );

  it("every memory refusal keeps Flink's exception beside a message that does not quote it", () => {
    expect(failures.length).toBeGreaterThan(20);
    expect(new Set(failures.map((f) => f.d.ruleId)).size).toBeGreaterThanOrEqual(7);
    for (const { name, d } of failures) {
      expect(d.message, `${name}: ${d.ruleId}`).not.toContain(d.flink ?? "");
      expect(d.message, `${name}: ${d.ruleId}`).not.toContain("memory configuration failed");
      expect(d.message, `${name}: ${d.ruleId}`).toMatch(/Flink refuses|fails when it starts/);
    }
  });

  it("reaches JSON, SARIF, the language server and pretty --verbose", () => {
    const { name, text, d } = failures[0] ?? (() => { throw new Error("no failure"); })();
    const report = { filePath: name, diagnostics: [d] };
    expect(toEslintResults([report])[0]?.messages[0]?.flink).toBe(d.flink);
    const sarif = JSON.parse(formatSarif([report], { toolVersion: "0", rules: [], cwd: "/" })) as { runs: [{ results: [{ properties?: { flink: string } }] }] };
    expect(sarif.runs[0].results[0].properties?.flink).toBe(d.flink);
    const lsp = toLspDiagnostic(d, new LspPositions(text), "file:///x");
    expect(lsp.relatedInformation?.[0]?.message).toBe(`Flink: ${d.flink}`);
    // Word-wrapped like the message: compared with its spaces collapsed.
    const verbose = formatPretty([report], { width: 400, verbose: true });
    expect(verbose).toContain(`Flink: ${(d.flink ?? "").replace(/\s+/g, " ")}`);
    expect(formatPretty([report], { width: 400 })).not.toContain("Flink: ");
  });
});
