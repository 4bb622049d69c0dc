/**
 * The memory derivations and value checks are remembered by the settings they read
 * (src/engine/memory-facts.ts): that is only sound if they read nothing else. Every read of the
 * configuration is recorded here, over the conformance vectors' configurations and generated ones,
 * and must be one of those keys; and a remembered result must equal a fresh one.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryDerivations, memoryValueChecks } from "../src/engine/memory-facts.js";
import { invalidMemoryValues, invalidUnreadValues, memoryReadKeys, memoryReads } from "../src/model/memory-reads.js";
import { deriveJobManagerMemory, deriveTaskManagerMemory } from "../src/model/memory.js";
import { createFacts } from "../src/engine/facts.js";
import { createSession } from "../src/model/session.js";
import { parseConfig } from "../src/parser/index.js";
import { DEPLOYMENTS, FLINK_VERSIONS, memoryConfig } from "../fixtures/adversarial/arbitraries.js";
import type { ConfigDocument, ConfigEntry, ConfigValue, Deployment, Session } from "../src/types.js";

/** A configuration that notes every key asked for. */
class RecordingConfig extends Map<string, ConfigValue> {
  readonly asked = new Set<string>();
  override get(key: string) {
    this.asked.add(key);
    return super.get(key);
  }
  override has(key: string) {
    this.asked.add(key);
    return super.has(key);
  }
}

function vectorConfigs(): Map<string, ConfigValue>[] {
  const dir = new URL("../fixtures/conformance/1.20/", import.meta.url).pathname;
  return readFileSync(`${dir}expected.jsonl`, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { file: string })
    .map(({ file }) => {
      const text = readFileSync(`${dir}${file}`, "utf8");
      return new Map(parseConfig(text, file.endsWith("config.yaml") ? "standard" : "legacy").config);
    });
}

/** One run for every derivation of the tests, so repeated settings come from its cache. */
const session = createSession();

/** The facts of a document holding `config` (its settings are all the facts read of it). */
function factsFor(config: ReadonlyMap<string, ConfigValue>, flinkVersion: string, deployment: Deployment, run: Session = session) {
  const byKey = new Map([...config].map(([key, value]) => [key, [{ key, value } as ConfigEntry]]));
  const doc = { config, byKey } as unknown as ConfigDocument;
  return createFacts({ doc, flinkVersion, deployment, filename: undefined, siblingFiles: [], processes: ["jobmanager", "taskmanager"], memoryLimits: [], session: run });
}

function derivedFor(config: ReadonlyMap<string, ConfigValue>, flinkVersion: string, deployment: Deployment) {
  const { taskmanager, jobmanager } = factsFor(config, flinkVersion, deployment).get(memoryDerivations);
  return { taskmanager, jobmanager };
}

describe("remembered memory derivations", () => {
  it("read no key outside the settings they are remembered by", () => {
    const configs = vectorConfigs();
    expect(configs.length).toBeGreaterThan(100);
    for (const flinkVersion of ["1.11", "1.17", "1.20", "2.1"]) {
      const allowed = new Set(memoryReadKeys(flinkVersion));
      for (const config of configs) {
        for (const deployment of DEPLOYMENTS) {
          const recording = new RecordingConfig(config);
          const opts = { flinkVersion, deployment };
          deriveTaskManagerMemory(recording, opts);
          deriveJobManagerMemory(recording, opts);
          for (const process of ["taskmanager", "jobmanager"] as const) {
            const reads = memoryReads(recording, opts, process);
            invalidMemoryValues(reads, recording, flinkVersion);
            invalidUnreadValues(reads, recording, flinkVersion);
          }
          expect([...recording.asked].filter((key) => !allowed.has(key)), `${flinkVersion} ${deployment}`).toEqual([]);
        }
      }
    }
  });

  it("give what a fresh derivation gives, settings repeated or not", () => {
    const unrelated = fc.dictionary(fc.constantFrom("parallelism.default", "rest.port", "state.backend.type", "a.b"), fc.string(), { maxKeys: 3 });
    fc.assert(
      fc.property(memoryConfig, unrelated, fc.constantFrom(...FLINK_VERSIONS), fc.constantFrom(...DEPLOYMENTS), (config, extra, flinkVersion, deployment) => {
        const opts = { flinkVersion, deployment };
        const first = derivedFor(config, flinkVersion, deployment);
        // The same settings beside other keys: remembered, and still what a fresh derivation says.
        const other = new Map(config);
        for (const [key, text] of Object.entries(extra)) other.set(key, { type: "string", text });
        const second = derivedFor(other, flinkVersion, deployment);
        expect(second.taskmanager).toBe(first.taskmanager);
        expect(second.taskmanager).toEqual(deriveTaskManagerMemory(other, opts));
        expect(second.jobmanager).toEqual(deriveJobManagerMemory(other, opts));
        // The value checks too: remembered for the same settings, equal to a fresh run's.
        const checks = factsFor(other, flinkVersion, deployment).get(memoryValueChecks);
        expect(checks).toBe(factsFor(config, flinkVersion, deployment).get(memoryValueChecks));
        expect(checks).toEqual(factsFor(other, flinkVersion, deployment, createSession()).get(memoryValueChecks));
      }),
      { seed: 27, numRuns: Number(process.env.FLINKLINT_PROPERTY_RUNS ?? 300) },
    );
  });
});
