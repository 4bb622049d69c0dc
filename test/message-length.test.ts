/**
 * Messages are one short sentence: none of the findings over every fixture (info notes included)
 * is longer than 200 characters, and most fit in 160. Nothing is lost by it: every memory finding
 * that stands for something Flink says (a refusal, a log line) carries that exact text in `flink`.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFiles, type FileLintResult } from "../src/node/lint-files.js";
import { FIXTURES } from "./fixture-support.js";

/** Rules whose findings are advice about what Flink accepts silently: Flink itself says nothing. */
const ADVICE_ONLY = new Set(["metaspace-too-small", "network-fixed-small", "rocksdb-unmanaged-memory", "container-memory-limit"]);

let results: FileLintResult[] | undefined;
async function allFindings(): Promise<Array<{ file: string; ruleId: string; message: string; flink: string | undefined; severity: string; fixes: number }>> {
  results ??= await lintFiles([FIXTURES], { cwd: join(FIXTURES, ".."), noConfigLookup: true, showInfo: true });
  return results.flatMap((r) =>
    r.diagnostics.map((d) => ({ file: r.filePath, ruleId: d.ruleId, message: d.message, flink: d.flink, severity: d.severity, fixes: (d.suggestions?.length ?? 0) + (d.advice?.length ?? 0) + (d.fix ? 1 : 0) })),
  );
}

describe("message length", () => {
  it("no message over every fixture is longer than 200 characters", async () => {
    const findings = await allFindings();
    expect(findings.length).toBeGreaterThan(1000);
    const long = findings.filter((f) => f.message.length > 200).map((f) => `${f.file} [${f.ruleId}] (${f.message.length}) ${f.message}`);
    expect(long).toEqual([]);
  }, 120_000);

  it("nine in ten messages fit in 160 characters", async () => {
    const findings = await allFindings();
    const short = findings.filter((f) => f.message.length <= 160).length;
    expect(short / findings.length).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it("every memory refusal and every note of what Flink logs keeps Flink's exact text in `flink`", async () => {
    const findings = (await allFindings()).filter((f) => /^(?:memory-|operator-flink-size)/.test(f.ruleId) && !ADVICE_ONLY.has(f.ruleId));
    expect(findings.length).toBeGreaterThan(500);
    // Errors are Flink's refusals; the info notes of capped and ignored fractions are what Flink logs.
    // Warnings are flinklint's advice about settings Flink accepts without a word (a size without unit).
    const missing = findings
      .filter((f) => f.severity === "error" || f.ruleId === "memory-fraction-capped" || f.ruleId === "memory-fraction-ignored")
      .filter((f) => f.flink === undefined || f.flink.trim() === "")
      .map((f) => `${f.file} [${f.ruleId}] ${f.message}`);
    expect(missing).toEqual([]);
  }, 120_000);

  it("a message that counts more fixes than it names has them all, as suggestions or advice by hand", async () => {
    const counted = (await allFindings()).filter((f) => / \(or \d+ more\)/.test(f.message));
    expect(counted.length).toBeGreaterThan(10);
    const short = counted
      .filter((f) => {
        const more = Number(/ \(or (\d+) more\)/.exec(f.message)?.[1]);
        const named = f.message.split("; ").slice(1).join("; ").split(", or ").length;
        return f.fixes < more + named;
      })
      .map((f) => `${f.file} [${f.ruleId}] fixes=${f.fixes} ${f.message}`);
    expect(short).toEqual([]);
  }, 120_000);
});
