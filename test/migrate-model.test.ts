/**
 * The proof by the model: for every case Flink 1.20 accepts (fixtures/conformance/1.20, both
 * processes start), in standalone and Kubernetes mode, Flink 2.1's derivation of the migrated
 * `config.yaml` equals Flink 1.20's derivation of the original `flink-conf.yaml` byte for byte
 * (every size, the JVM arguments, the dynamic configs), the migrated text reads back to the same
 * values, and every comment of the original survives in it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainJson } from "../src/formatters/explain.js";
import { migrateConfig } from "../src/migrate/migrate.js";
import { parseConfig } from "../src/parser/index.js";
import type { Deployment } from "../src/types.js";

const DIR = "fixtures/conformance/1.20";

interface Vector {
  case: string;
  file: string;
  standalone: { taskmanager: { ok: boolean }; jobmanager: { ok: boolean } };
  kubernetes: { taskmanager: { ok: boolean }; jobmanager: { ok: boolean } };
}

const vectors = readFileSync(join(DIR, "expected.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as Vector)
  .filter((v) => v.file.endsWith("flink-conf.yaml"));

const MODES = ["standalone", "kubernetes"] as const satisfies readonly Deployment[];

/** The comments of a legacy file: everything from a line's first `#` (Flink's reader cuts there). */
function commentsOf(text: string): string[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .flatMap((line) => (line.includes("#") ? [line.slice(line.indexOf("#")).trimEnd()] : []));
}

const accepted = MODES.flatMap((mode) => vectors.filter((v) => v[mode].taskmanager.ok && v[mode].jobmanager.ok).map((v) => [v, mode] as const));

describe("migrate keeps Flink's meaning (conformance cases Flink 1.20 accepts)", () => {
  it("has cases in both modes", () => {
    expect(accepted.filter(([, m]) => m === "standalone").length).toBeGreaterThan(100);
    expect(accepted.filter(([, m]) => m === "kubernetes").length).toBeGreaterThan(100);
  });

  it("exercises the replacements: many accepted cases rely on keys Flink 2.x removed or renamed", () => {
    const kinds = accepted.flatMap(([v, mode]) => migrateConfig(readFileSync(join(DIR, v.file), "utf8"), { deployment: mode }).changes.map((c) => c.kind));
    expect(kinds.filter((k) => k === "replaced").length).toBeGreaterThan(30);
    expect(kinds.filter((k) => k === "renamed").length).toBeGreaterThan(10);
    expect(kinds.filter((k) => k === "dropped").length).toBeGreaterThan(10);
    expect(kinds).not.toContain("removed");
  });

  it.each(accepted.map(([v, mode]) => [v.case, mode] as const))("%s (%s)", (name, mode) => {
    const original = readFileSync(join(DIR, `${name}/flink-conf.yaml`), "utf8");
    const result = migrateConfig(original, { to: "2.1", deployment: mode });
    const migrated = parseConfig(result.text, "standard");
    expect(migrated.loadFailure).toBeUndefined();
    const before = explainJson(parseConfig(original, "legacy"), { flinkVersion: "1.20", deployment: mode });
    const after = explainJson(migrated, { flinkVersion: "2.1", deployment: mode });
    expect(JSON.stringify({ tm: after.taskmanager, jm: after.jobmanager })).toBe(JSON.stringify({ tm: before.taskmanager, jm: before.jobmanager }));
    for (const comment of commentsOf(original)) expect(result.text).toContain(comment);
  });
});

/**
 * Cases the vectors do not hold among those Flink 1.20 accepts: the fixed network buffers (the
 * vectors' cases with them are ones 1.20 refuses) and the legacy heap keys beside other totals.
 * The 1.20 model these compare with is the one the vectors check against Flink itself.
 */
const SYNTHETIC: readonly string[] = [
  "taskmanager.memory.process.size: 1728m\ntaskmanager.network.numberOfBuffers: 4096\njobmanager.memory.process.size: 1600m\n",
  "taskmanager.memory.process.size: 4g\ntaskmanager.network.numberOfBuffers: 8192\ntaskmanager.memory.segment-size: 64kb\njobmanager.memory.process.size: 1600m\n",
  "taskmanager.memory.task.heap.size: 1g\ntaskmanager.memory.managed.size: 1g\ntaskmanager.network.numberOfBuffers: 2048\njobmanager.memory.process.size: 1600m\n",
  "taskmanager.memory.flink.size: 2g\ntaskmanager.network.numberOfBuffers: 6553\njobmanager.memory.process.size: 1600m\n",
  "taskmanager.heap.mb: 3000\ntaskmanager.network.numberOfBuffers: 4096\njobmanager.heap.mb: 2048\n",
  "taskmanager.heap.size: 2g\ntaskmanager.memory.process.size: 3g\njobmanager.heap.size: 1g\njobmanager.memory.process.size: 2g\n",
  "taskmanager.heap.size: 2g\ntaskmanager.heap.mb: 1024\njobmanager.heap.mb: 1024\njobmanager.heap.size: 1500m\n",
  "taskmanager.memory.process.size: 2g\ntaskmanager.network.memory.fraction: 0.2\ntaskmanager.network.memory.min: 100m\ntaskmanager.memory.size: 300m\njobmanager.memory.process.size: 1g\n",
];

describe("migrate keeps Flink's meaning (legacy keys the vectors do not cover)", () => {
  it.each(SYNTHETIC.flatMap((text) => MODES.map((mode) => [text, mode] as const)))("%j (%s)", (original, mode) => {
    const before = explainJson(parseConfig(original, "legacy"), { flinkVersion: "1.20", deployment: mode });
    // Only cases Flink 1.20 starts: the migration keeps a meaning, not a failure.
    expect([before.taskmanager.ok, before.jobmanager.ok]).toEqual([true, true]);
    const result = migrateConfig(original, { deployment: mode });
    const after = explainJson(parseConfig(result.text, "standard"), { flinkVersion: "2.1", deployment: mode });
    expect(JSON.stringify({ tm: after.taskmanager, jm: after.jobmanager })).toBe(JSON.stringify({ tm: before.taskmanager, jm: before.jobmanager }));
  });
});
