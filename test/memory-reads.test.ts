/**
 * The table of options Flink reads per process and path (src/model/memory-reads.ts) against the
 * derivation, which reads in Flink's order: on every configuration that derives, the options it
 * read are exactly the table's; on one that fails, only options of the table. Spoiling a value the
 * table says is read makes the derivation fail on that value, with the very message the table's
 * check gives; spoiling one it says is not read changes nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEPLOYMENTS, FLINK_VERSIONS, MEMORY_KEYS, memoryConfig } from "../fixtures/adversarial/arbitraries.js";
import { invalidMemoryValues, memoryReads } from "../src/model/memory-reads.js";
import { traceMemoryReads, type DeriveOptions, type MemoryFailure, type ProcessKind } from "../src/model/memory.js";
import { dialectForFilename, parseConfig } from "../src/parser/index.js";
import type { ConfigValue, Deployment } from "../src/types.js";

const PROCESSES: readonly ProcessKind[] = ["taskmanager", "jobmanager"];
const PARAMETERS = { numRuns: Number(process.env.FLINKLINT_PROPERTY_RUNS ?? 600), seed: Number(process.env.FLINKLINT_PROPERTY_SEED ?? 1_414) };
const TIMEOUT = 120_000;

/** Failure codes that are about one value the derivation could not use. */
const VALUE_CODES = new Set(["memory-size-unreadable", "value-unparsable", "cpu-cores-not-positive", "cpu-cores-not-finite", "segment-size-invalid"]);

function checkAgainstDerivation(config: ReadonlyMap<string, ConfigValue>, opts: DeriveOptions, process: ProcessKind): boolean {
  const { result, reads } = traceMemoryReads(config, opts, process);
  const table = memoryReads(config, opts, process);
  const tableKeys = new Set(table.reads.map((r) => r.option.key));
  if (result.ok) {
    expect([...new Set(reads)].sort(), "read on success").toEqual([...tableKeys].sort());
    expect(result.path).toBe(table.path);
    expect(invalidMemoryValues(table, config, opts.flinkVersion)).toEqual([]);
    return true;
  }
  for (const key of reads) expect(tableKeys.has(key), `${key} read before ${result.code}`).toBe(true);
  if (VALUE_CODES.has(result.code)) {
    // The value the derivation failed on is one the table's checks find, with Flink's message.
    const invalid = invalidMemoryValues(table, config, opts.flinkVersion);
    const same = invalid.find((v) => v.key === result.keys[0]);
    expect(same, `${result.code} on ${result.keys[0]}: ${result.error}`).toBeDefined();
    expect(same?.error).toBe(result.error);
    expect(same?.cause).toBe(result.causes[result.causes.length - 1]);
  }
  if (result.code === "range-fraction-invalid" && result.reason === "fraction-out-of-range") {
    const invalid = invalidMemoryValues(table, config, opts.flinkVersion);
    const same = invalid.find((v) => v.key === result.keys[0]);
    expect(same?.kind, `${result.keys[0]}: ${result.error}`).toBe("fraction-out-of-range");
    expect(same?.value).toBe(result.fraction);
  }
  return false;
}

const suites = [
  { dir: "fixtures/conformance/1.20", flinkVersion: "1.20" },
  { dir: "fixtures/conformance/2.x", flinkVersion: "2.1" },
  { dir: "fixtures/realworld", flinkVersion: "1.20" },
] as const;

describe("the table of memory options Flink reads", () => {
  for (const suite of suites) {
    it(`agrees with the derivation on ${suite.dir}`, () => {
      const cases = readFileSync(join(suite.dir, "expected.jsonl"), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as { file: string });
      let derived = 0;
      let failed = 0;
      for (const { file } of cases) {
        const dialect = dialectForFilename(file);
        if (dialect === undefined) throw new Error(`no dialect for ${file}`);
        const doc = parseConfig(readFileSync(join(suite.dir, file), "utf8"), dialect);
        for (const deployment of ["standalone", "kubernetes"] as Deployment[]) {
          for (const process of PROCESSES) {
            if (checkAgainstDerivation(doc.config, { flinkVersion: suite.flinkVersion, deployment }, process)) derived++;
            else failed++;
          }
        }
      }
      expect(derived).toBeGreaterThan(0);
      expect(failed).toBeGreaterThan(0);
    });
  }

  const options = fc.record({ flinkVersion: fc.constantFrom(...FLINK_VERSIONS), deployment: fc.constantFrom(...DEPLOYMENTS) });
  const text = (t: string): ConfigValue => ({ type: "string", text: t });
  const validValue = (key: string): ConfigValue =>
    text(key.endsWith(".fraction") ? "0.1" : /\.mb$|numberOfBuffers|cores|Slots/.test(key) ? "2" : key.endsWith("limit") ? "true" : key.endsWith("segment-size") ? "32k" : "64m");

  /** A few memory keys set to values that parse, so that presence alone varies (and often derives). */
  const presenceConfig = fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...MEMORY_KEYS), { maxLength: 6 }),
      fc.constantFrom("taskmanager.memory.process.size", "taskmanager.memory.flink.size", "taskmanager.heap.size", "taskmanager.heap.mb"),
      fc.constantFrom("jobmanager.memory.process.size", "jobmanager.memory.flink.size", "jobmanager.memory.heap.size", "jobmanager.heap.mb"),
    )
    .map(([keys, tm, jm]) => {
      const config = new Map<string, ConfigValue>(keys.map((k) => [k, validValue(k)]));
      config.set(tm, text(tm.endsWith(".mb") ? "4096" : "4g"));
      config.set(jm, text(jm.endsWith(".mb") ? "4096" : "4g"));
      return config;
    });

  it(
    "agrees with the derivation on generated settings",
    () => {
      let derived = 0;
      fc.assert(
        fc.property(fc.oneof(presenceConfig, memoryConfig), options, (config, opts) => {
          for (const process of PROCESSES) if (checkAgainstDerivation(config, opts, process)) derived++;
        }),
        PARAMETERS,
      );
      expect(derived).toBeGreaterThan(PARAMETERS.numRuns / 2);
    },
    TIMEOUT,
  );

  it(
    "a spoilt value stops a derivation exactly when the table says Flink reads it",
    () => {
      let spoiltRead = 0;
      let spoiltUnread = 0;
      fc.assert(
        fc.property(presenceConfig, options, fc.nat(), (config, opts, pick) => {
          for (const process of PROCESSES) {
            const { result } = traceMemoryReads(config, opts, process);
            if (!result.ok) continue;
            const table = memoryReads(config, opts, process);
            const present = [...table.reads.filter((r) => r.key !== undefined).map((r) => r.key as string), ...table.unread.map((u) => u.key)];
            const key = present[pick % present.length];
            if (key === undefined) continue;
            const spoilt = new Map(config).set(key, text("12xyz"));
            const after = traceMemoryReads(spoilt, opts, process).result;
            const isRead = table.reads.some((r) => r.key === key);
            if (isRead) {
              spoiltRead++;
              expect(after.ok, `${key} is read`).toBe(false);
              expect((after as MemoryFailure).keys[0]).toBe(key);
              expect(invalidMemoryValues(memoryReads(spoilt, opts, process), spoilt, opts.flinkVersion).map((v) => v.key)).toEqual([key]);
            } else {
              spoiltUnread++;
              expect(after.ok, `${key} is not read`).toBe(true);
            }
          }
        }),
        PARAMETERS,
      );
      expect(spoiltRead).toBeGreaterThan(0);
      expect(spoiltUnread).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});
