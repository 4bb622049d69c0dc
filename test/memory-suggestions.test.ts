/**
 * Every suggestion offered for a memory error resolves it: over every case Flink 1.20 or 2.1
 * refuses (fixtures/conformance), in each deployment mode, each suggestion is applied to the file's
 * text and the result linted again. The error it was offered for must be gone and no memory error
 * may appear that was not there before; the process it was about must now derive.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import { lintManifest, looksLikeFlinkManifest } from "../src/hosts/flink-resource/lint.js";
import { dialectForFilename, parseConfig } from "../src/parser/index.js";
import { applyEdits } from "../src/engine/setting-edits.js";
import { explainJson } from "../src/formatters/explain.js";
import type { Deployment, Diagnostic, Dialect, Fix } from "../src/types.js";
import { SIZE_RULES } from "./memory-rules.js";

interface Vector {
  case: string;
  file: string;
  standalone: Record<"taskmanager" | "jobmanager", { ok: boolean; stage?: string }>;
  kubernetes: Record<"taskmanager" | "jobmanager", { ok: boolean; stage?: string }>;
}

const suites = [
  { dir: "fixtures/conformance/1.20", flinkVersion: "1.20" },
  { dir: "fixtures/conformance/2.x", flinkVersion: "2.1" },
] as const;
const MODES = ["standalone", "kubernetes"] as const satisfies readonly Deployment[];


const isMemoryError = (d: Diagnostic): boolean => d.severity === "error" && d.ruleId.startsWith("memory-");
const identity = (d: Diagnostic): string => `${d.ruleId}/${d.messageId}/${d.key ?? ""}`;

/** Which processes Flink derives from a text. */
function starting(text: string, dialect: Dialect, opts: { flinkVersion: string; deployment: Deployment }): { taskmanager: boolean; jobmanager: boolean } {
  const explained = explainJson(parseConfig(text, dialect), opts);
  return { taskmanager: explained.taskmanager.ok, jobmanager: explained.jobmanager.ok };
}

function countBy(list: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of list) counts.set(identity(d), (counts.get(identity(d)) ?? 0) + 1);
  return counts;
}

function sortedEdits(fix: Fix): Fix["edits"] {
  return [...fix.edits].sort((a, b) => a.range.start.offset - b.range.start.offset);
}

describe("memory suggestions resolve what they were offered for", () => {
  for (const suite of suites) {
    const vectors = readFileSync(join(suite.dir, "expected.jsonl"), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Vector);
    const refusing = vectors.filter((v) =>
      MODES.some((m) => (["taskmanager", "jobmanager"] as const).some((p) => !v[m][p].ok && v[m][p].stage === "compute")),
    );

    it(`${suite.flinkVersion}: every suggestion on ${refusing.length} refusing cases, both deployment modes`, () => {
      let refusals = 0;
      let refusalsWithFix = 0;
      let applied = 0;
      const withoutFix: string[] = [];
      for (const vector of refusing) {
        const file = join(suite.dir, vector.file);
        const text = readFileSync(file, "utf8");
        const dialect = dialectForFilename(file) ?? "legacy";
        for (const deployment of MODES) {
          const options = { dialect, flinkVersion: suite.flinkVersion, deployment } as const;
          const before = lint(text, options).diagnostics;
          const memoryErrors = before.filter(isMemoryError);
          const beforeCounts = countBy(memoryErrors);
          const startedBefore = starting(text, dialect, options);
          for (const diagnostic of memoryErrors) {
            refusals++;
            const suggestions = diagnostic.suggestions ?? [];
            if (suggestions.length > 0) refusalsWithFix++;
            else if (SIZE_RULES.has(diagnostic.ruleId)) withoutFix.push(`${vector.case} ${deployment}: ${diagnostic.ruleId}: ${diagnostic.message}`);
            for (const suggestion of suggestions) {
              applied++;
              const what = `${vector.case} ${deployment} ${diagnostic.ruleId}: "${suggestion.description}"`;
              const edited = applyEdits(text, sortedEdits(suggestion));
              expect(edited, what).not.toBe(text);
              const after = lint(edited, options).diagnostics.filter(isMemoryError);
              const afterCounts = countBy(after);
              expect(afterCounts.get(identity(diagnostic)) ?? 0, `${what}: the error is still there`).toBeLessThan(beforeCounts.get(identity(diagnostic)) ?? 0);
              for (const d of after) expect(beforeCounts.has(identity(d)), `${what}: a new error ${d.ruleId}: ${d.message}`).toBe(true);
              // One more process starts, and none that started stops.
              const startedAfter = starting(edited, dialect, options);
              const count = (s: { taskmanager: boolean; jobmanager: boolean }) => Number(s.taskmanager) + Number(s.jobmanager);
              expect(count(startedAfter), `${what}: no process starts that did not before`).toBe(count(startedBefore) + 1);
              if (startedBefore.taskmanager) expect(startedAfter.taskmanager, what).toBe(true);
              if (startedBefore.jobmanager) expect(startedAfter.jobmanager, what).toBe(true);
            }
          }
        }
      }
      console.log(`${suite.flinkVersion}: ${refusals} memory errors, ${refusalsWithFix} with at least one suggestion, ${applied} suggestions applied`);
      // A refused size always has a concrete change that starts the process.
      expect(withoutFix).toEqual([]);
      expect(applied).toBeGreaterThan(refusals);
    });
  }
});

/** Every YAML file under fixtures/ that holds a Flink Kubernetes Operator resource. */
function manifestFixtures(dir = "fixtures"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return manifestFixtures(path);
    if (!/\.ya?ml$/.test(entry.name) || dialectForFilename(entry.name) !== undefined) return [];
    return looksLikeFlinkManifest(readFileSync(path, "utf8")) ? [path] : [];
  });
}

describe("memory suggestions in manifests edit the manifest's own lines", () => {
  it("every suggestion on every manifest fixture resolves its error", () => {
    let applied = 0;
    for (const file of manifestFixtures()) {
      const text = readFileSync(file, "utf8");
      const lintAll = (t: string) => lintManifest(t).flatMap((r) => r.diagnostics.filter((d) => d.severity === "error"));
      const before = lintAll(text);
      const beforeCounts = countBy(before);
      for (const diagnostic of before.filter((d) => d.ruleId.startsWith("memory-") || d.ruleId.startsWith("operator-"))) {
        for (const suggestion of diagnostic.suggestions ?? []) {
          applied++;
          const what = `${file} ${diagnostic.ruleId}: "${suggestion.description}"`;
          const after = lintAll(applyEdits(text, sortedEdits(suggestion)));
          const afterCounts = countBy(after);
          expect(afterCounts.get(identity(diagnostic)) ?? 0, `${what}: the error is still there`).toBeLessThan(beforeCounts.get(identity(diagnostic)) ?? 0);
          for (const d of after) expect(beforeCounts.has(identity(d)), `${what}: a new error ${d.ruleId}: ${d.message}`).toBe(true);
        }
      }
    }
    console.log(`manifests: ${applied} suggestions applied`);
    // The resource.memory and flinkConfiguration cases of fixtures/k8s and fixtures/operator-*.
    expect(applied).toBeGreaterThanOrEqual(10);
  });
});
