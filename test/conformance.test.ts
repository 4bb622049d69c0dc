/**
 * Conformance: every vector Flink 1.20 and 2.1 computed (fixtures/conformance, fixtures/realworld)
 * must come out of the real parser and our derivation identically: ok/error, every byte, the JVM
 * arguments, the dynamic configs, and for compute failures the exact message and causes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintDocument } from "../src/engine/lint.js";
import { dialectForFilename, parseConfig } from "../src/parser/index.js";
import { rules } from "../rules/index.js";
import { explainJson, type ExplainProcess } from "../src/formatters/explain.js";
import { invalidMemoryValues, memoryReads } from "../src/model/memory-reads.js";
import type { Deployment } from "../src/types.js";

interface VectorResult {
  ok: boolean;
  stage?: "load" | "compute";
  exception?: string;
  error?: string;
  causes?: string[];
  bytes?: Record<string, string>;
  jvmArgs?: string;
  dynamicConfigs?: string;
}

interface Vector {
  case: string;
  file: string;
  standalone: { taskmanager: VectorResult; jobmanager: VectorResult };
  kubernetes: { taskmanager: VectorResult; jobmanager: VectorResult };
}

const suites = [
  { dir: "fixtures/conformance/1.20", flinkVersion: "1.20" },
  { dir: "fixtures/conformance/2.x", flinkVersion: "2.1" },
  { dir: "fixtures/realworld", flinkVersion: "1.20" },
] as const;

const memoryRules = rules.filter((r) => r.meta.id.startsWith("memory-"));

const MODES: ReadonlyArray<["standalone" | "kubernetes", Deployment]> = [
  ["standalone", "standalone"],
  ["kubernetes", "kubernetes"],
];

function loadVectors(dir: string): Vector[] {
  return readFileSync(join(dir, "expected.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Vector);
}

/** Our result in the vectors' shape, keeping only what the vector states. */
function comparable(actual: ExplainProcess, expected: VectorResult): VectorResult {
  if (!expected.ok) {
    if (actual.ok) return { ok: true };
    if (expected.stage === "load") return { ok: false, stage: actual.stage };
    return { ok: false, stage: actual.stage, exception: actual.exception, error: actual.error, causes: actual.causes };
  }
  if (!actual.ok) return { ok: false, stage: actual.stage, error: actual.error, causes: actual.causes };
  const bytes: Record<string, string> = {};
  const all: Record<string, string> = { ...actual.bytes };
  // The TaskManager's JVM heap and direct sizes are sums the JSON leaves out; the vectors state them.
  if (all.taskHeap !== undefined) {
    const n = (k: string): bigint => BigInt(all[k] ?? "0");
    all.jvmHeap = String(n("frameworkHeap") + n("taskHeap"));
    all.jvmDirect = String(n("frameworkOffHeap") + n("taskOffHeap") + n("network"));
  }
  for (const key of Object.keys(expected.bytes ?? {})) bytes[key] = all[key] ?? "<missing>";
  return {
    ok: true,
    bytes,
    jvmArgs: actual.jvmArgs,
    ...(expected.dynamicConfigs !== undefined ? { dynamicConfigs: actual.dynamicConfigs ?? "<missing>" } : {}),
  };
}

function expectedShape(expected: VectorResult): VectorResult {
  if (!expected.ok) {
    if (expected.stage === "load") return { ok: false, stage: "load" };
    return { ok: false, stage: "compute", exception: expected.exception, error: expected.error, causes: expected.causes };
  }
  return {
    ok: true,
    bytes: expected.bytes,
    jvmArgs: expected.jvmArgs,
    ...(expected.dynamicConfigs !== undefined ? { dynamicConfigs: expected.dynamicConfigs } : {}),
  };
}

for (const suite of suites) {
  const vectors = loadVectors(suite.dir);
  describe(`${suite.dir} (Flink ${suite.flinkVersion}, ${vectors.length} cases)`, () => {
    it("has cases", () => {
      expect(vectors.length).toBeGreaterThan(0);
    });
    for (const vector of vectors) {
      for (const [mode, deployment] of MODES) {
        it(`${vector.case} ${mode}`, () => {
          const text = readFileSync(join(suite.dir, vector.file), "utf8");
          const dialect = dialectForFilename(vector.file);
          if (dialect === undefined) throw new Error(`no dialect for ${vector.file}`);
          const doc = parseConfig(text, dialect);
          const json = explainJson(doc, { flinkVersion: suite.flinkVersion, deployment });
          const expected = vector[mode];
          expect(comparable(json.taskmanager, expected.taskmanager), "taskmanager").toEqual(expectedShape(expected.taskmanager));
          expect(comparable(json.jobmanager, expected.jobmanager), "jobmanager").toEqual(expectedShape(expected.jobmanager));
          // Every refusal is reported by at least one memory rule at error severity, and only refusals are.
          const refused = [expected.taskmanager, expected.jobmanager].some((r) => !r.ok && r.stage === "compute");
          const errors = lintDocument(doc, { flinkVersion: suite.flinkVersion, deployment, filename: vector.file }, memoryRules)
            .diagnostics.filter((d) => d.severity === "error")
            .map((d) => `${d.ruleId}: ${d.message}`);
          // A refusal on a template placeholder (`${cpu_thread}`) is a template-placeholder note, not an error.
          const opts = { flinkVersion: suite.flinkVersion, deployment };
          const onPlaceholder = (["taskmanager", "jobmanager"] as const).some((p) =>
            invalidMemoryValues(memoryReads(doc.config, opts, p), doc.config, suite.flinkVersion).some((v) => v.placeholder),
          );
          if (doc.loadFailure === undefined) expect(errors.length > 0, errors.join("\n")).toBe(refused && !onPlaceholder);
        });
      }
    }
  });
}
