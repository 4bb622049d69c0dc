/**
 * Properties of the memory derivations over generated settings (every memory key, plausible,
 * huge, negative and malformed values, YAML-typed values, every version and deployment):
 * `deriveTaskManagerMemory` and `deriveJobManagerMemory` never throw, and when they succeed the
 * components add up to their totals, as Flink's own checks require:
 *   TM: frameworkHeap + taskHeap + frameworkOffHeap + taskOffHeap + network + managed = totalFlink
 *       totalFlink + jvmMetaspace + jvmOverhead = totalProcess
 *   JM: jvmHeap + offHeap = totalFlink;  totalFlink + jvmMetaspace + jvmOverhead = totalProcess
 *
 * CI runs a fixed seed and a bounded number of runs. To search longer, or elsewhere:
 *   FLINKLINT_PROPERTY_RUNS=100000 npx vitest run test/property
 *   FLINKLINT_PROPERTY_SEED=$RANDOM FLINKLINT_PROPERTY_RUNS=20000 npx vitest run test/property
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveJobManagerMemory, deriveTaskManagerMemory } from "../src/model/memory.js";
import { DEPLOYMENTS, FLINK_VERSIONS, MEMORY_KEYS, memoryConfig, sizeText } from "../fixtures/adversarial/arbitraries.js";
import type { ConfigValue } from "../src/types.js";

const RUNS = Number(process.env.FLINKLINT_PROPERTY_RUNS ?? 400);
const SEED = Number(process.env.FLINKLINT_PROPERTY_SEED ?? 7_2024);
const TIMEOUT = process.env.FLINKLINT_PROPERTY_RUNS ? 24 * 3_600_000 : 60_000;
const PARAMETERS = { numRuns: RUNS, seed: SEED };

const options = fc.record({ flinkVersion: fc.constantFrom(...FLINK_VERSIONS), deployment: fc.constantFrom(...DEPLOYMENTS) });

/** Well-formed values on a few keys beside a total, so that many derivations succeed and the sums are really checked. */
const plausibleValue = (key: string): fc.Arbitrary<ConfigValue> =>
  (key.endsWith(".fraction")
    ? fc.double({ min: 0, max: 0.9, noNaN: true }).map(String)
    : key.endsWith(".mb") || key.endsWith("numberOfBuffers") || key.endsWith("cores") || key.endsWith("Slots")
      ? fc.integer({ min: 1, max: 4096 }).map(String)
      : key.endsWith("limit")
        ? fc.constantFrom("true", "false")
        : fc.tuple(fc.integer({ min: 0, max: 4096 }), fc.constantFrom("m", "mb", "k", "g")).map(([n, u]) => `${n}${u}`)
  ).map((text): ConfigValue => ({ type: "string", text }));

const plausibleConfig = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...MEMORY_KEYS), { maxLength: 3 }).chain((keys) => fc.tuple(...keys.map((k) => plausibleValue(k).map((v) => [k, v] as const)))),
    fc.constantFrom("taskmanager.memory.process.size", "taskmanager.memory.flink.size", "taskmanager.heap.size"),
    fc.constantFrom("jobmanager.memory.process.size", "jobmanager.memory.flink.size", "jobmanager.memory.heap.size", "jobmanager.heap.size"),
    fc.integer({ min: 256, max: 65_536 }),
    fc.integer({ min: 256, max: 65_536 }),
  )
  .map(([pairs, tmKey, jmKey, tmMb, jmMb]) => {
    const config = new Map<string, ConfigValue>(pairs);
    if (!config.has(tmKey)) config.set(tmKey, { type: "string", text: `${tmMb}m` });
    if (!config.has(jmKey)) config.set(jmKey, { type: "string", text: `${jmMb}m` });
    return config;
  });

const anyConfig = fc.oneof(memoryConfig, plausibleConfig);

describe("memory derivations", () => {
  it(
    "TaskManager: never throws; components add up to Total Flink and Total Process memory",
    () => {
      let succeeded = 0;
      fc.assert(
        fc.property(anyConfig, options, (config, opts) => {
          const result = deriveTaskManagerMemory(config, opts);
          if (!result.ok) {
            expect(typeof result.error).toBe("string");
            return;
          }
          succeeded++;
          const b = result.bytes;
          expect(b.frameworkHeap + b.taskHeap + b.frameworkOffHeap + b.taskOffHeap + b.network + b.managed).toBe(b.totalFlink);
          expect(b.totalFlink + b.jvmMetaspace + b.jvmOverhead).toBe(b.totalProcess);
          for (const [name, value] of Object.entries(b)) expect(value >= 0n, `${name} = ${value}`).toBe(true);
        }),
        PARAMETERS,
      );
      // Not vacuous: a good share of the generated settings derive.
      expect(succeeded).toBeGreaterThan(RUNS / 5);
    },
    TIMEOUT,
  );

  it(
    "JobManager: never throws; components add up to Total Flink and Total Process memory",
    () => {
      let succeeded = 0;
      fc.assert(
        fc.property(anyConfig, options, (config, opts) => {
          const result = deriveJobManagerMemory(config, opts);
          if (!result.ok) {
            expect(typeof result.error).toBe("string");
            return;
          }
          succeeded++;
          const b = result.bytes;
          expect(b.jvmHeap + b.offHeap).toBe(b.totalFlink);
          expect(b.totalFlink + b.jvmMetaspace + b.jvmOverhead).toBe(b.totalProcess);
          for (const [name, value] of Object.entries(b)) expect(value >= 0n, `${name} = ${value}`).toBe(true);
        }),
        PARAMETERS,
      );
      expect(succeeded).toBeGreaterThan(RUNS / 5);
    },
    TIMEOUT,
  );

  it(
    "a single size in any syntax: both derivations return a result",
    () => {
      fc.assert(
        fc.property(fc.constantFrom("taskmanager.memory.process.size", "jobmanager.memory.process.size"), sizeText, options, (key, text, opts) => {
          const config = new Map<string, ConfigValue>([[key, { type: "string", text }]]);
          expect(typeof deriveTaskManagerMemory(config, opts).ok).toBe("boolean");
          expect(typeof deriveJobManagerMemory(config, opts).ok).toBe("boolean");
        }),
        PARAMETERS,
      );
    },
    TIMEOUT,
  );
});
