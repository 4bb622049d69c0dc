/**
 * Every supported Flink version checks against its own release's option catalog (issue 19): a key
 * a later release added is unknown before it, a key a release removed is known up to it and
 * `removed-key` from it on, and the findings name the version assumed. The per-version fixtures
 * are fixtures/catalog-versions/<version>.flink-conf.yaml (run by test/fixtures.test.ts too).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SettingsError, SUPPORTED_FLINK_VERSIONS } from "../src/engine/settings.js";
import { lintText } from "../src/lint-file.js";
import { CATALOG_VERSIONS, catalogFor, keyHistory } from "../src/model/catalog.js";
import { createSession } from "../src/model/session.js";

const OLD_RELEASES = ["1.11", "1.12", "1.13", "1.14", "1.15", "1.16", "1.17"];
const MEMORY = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";

function findings(text: string, flinkVersion: string) {
  return lintText(`${MEMORY}${text}`, { filename: "flink-conf.yaml", flinkVersion }).diagnostics.map((d) => ({ ruleId: d.ruleId, message: d.message }));
}

/** [key, value, release that added it]: real keys, from diffing the catalogs. */
const ADDED: ReadonlyArray<readonly [string, string, string]> = [
  ["execution.runtime-mode", "BATCH", "1.12"],
  ["pipeline.name", "nightly", "1.13"],
  ["execution.batch-shuffle-mode", "ALL_EXCHANGES_BLOCKING", "1.14"],
  ["execution.savepoint-restore-mode", "NO_CLAIM", "1.15"],
  ["execution.program-config.enabled", "true", "1.16"],
  ["execution.batch.adaptive.auto-parallelism.enabled", "true", "1.17"],
  ["jobmanager.failure-enrichers", "org.example.Enricher", "1.18"],
];

/** [key, value, last release that had it, first release without it]. */
const REMOVED: ReadonlyArray<readonly [string, string, string, string]> = [
  ["state.backend.rocksdb.ttl.compaction.filter.enabled", "true", "1.11", "1.12"],
  ["jobmanager.scheduler.scheduling-strategy", "region", "1.12", "1.13"],
  ["mesos.master", "localhost:5050", "1.13", "1.14"],
  ["execution.checkpointing.prefer-checkpoint-for-recovery", "false", "1.14", "1.15"],
  ["high-availability.use-old-ha-services", "false", "1.15", "1.16"],
  ["slotmanager.request-timeout", "300000", "1.17", "1.18"],
];

/** The supported version before `version`. */
const previous = (version: string) => SUPPORTED_FLINK_VERSIONS[SUPPORTED_FLINK_VERSIONS.indexOf(version as never) - 1] ?? "";

describe("documented keys without a dot", () => {
  it("knows scheduler-mode (reactive mode) and external-resources, which are keys of their own", () => {
    for (const version of ["1.13", "1.17", "1.20"]) {
      expect(findings("scheduler-mode: reactive\nexternal-resources: gpu\n", version), version).toEqual([]);
    }
    const standard = lintText(`${MEMORY}scheduler-mode: reactive\nexternal-resources: gpu\n`, { filename: "config.yaml", flinkVersion: "2.1" });
    expect(standard.diagnostics).toEqual([]);
    // Reactive mode arrived in 1.13.
    expect(findings("scheduler-mode: reactive\n", "1.12").map((f) => f.ruleId)).toEqual(["unknown-key"]);
  });
});

describe("options backported into patch releases", () => {
  it("1.17 knows what the 1.16 branch gained after its cut (1.17.x has it too)", () => {
    const enabled = findings("execution.buffer-timeout.enabled: false\n", "1.17");
    expect(enabled).toEqual([]);
    // The branch turned the old key into a deprecated name of the new interval option.
    expect(findings("execution.buffer-timeout: 10 ms\n", "1.17").map((f) => f.ruleId)).toEqual(["deprecated-key"]);
    expect(findings("execution.buffer-timeout.enabled: false\n", "1.15").map((f) => f.ruleId)).toEqual(["unknown-key"]);
  });
});

describe("each Flink version has its own option catalog", () => {
  it("catalogues exactly the supported versions", () => {
    expect(CATALOG_VERSIONS).toEqual([...SUPPORTED_FLINK_VERSIONS]);
  });

  it.each(OLD_RELEASES.map((v) => [v]))("%s uses the catalog generated from its release", (version) => {
    const session = createSession();
    const catalog = catalogFor(version, session);
    expect(catalog.version).toBe(version);
    expect(catalogFor(`${version}.3`, session)).toBe(catalog);
    const json = JSON.parse(readFileSync(new URL(`../src/model/catalog/${version}.json`, import.meta.url), "utf8")) as { version: string; source: string };
    expect(json.version).toBe(version);
    expect(json.source).toContain(`release-${version}`);
    expect(catalog.keys.length).toBeGreaterThan(500);
    expect(catalog.option("taskmanager.memory.process.size")?.type).toBe("MemorySize");
    expect(catalog.option("taskmanager.numberOfTaskSlots")).toMatchObject({ type: "Integer", defaultText: "1" });
    // `restart-strategy` is an option up to 1.16, deprecated for `restart-strategy.type` from 1.17.
    expect(catalog.option(catalog.replacementOf("restart-strategy") ?? "restart-strategy")?.valuesAreShortcuts).toBe(true);
    expect(catalog.replacementOf("taskmanager.network.memory.min")).toBe("taskmanager.memory.network.min");
    // No two consecutive releases have the same keys.
    expect(catalog.keys).not.toEqual(catalogFor(SUPPORTED_FLINK_VERSIONS[SUPPORTED_FLINK_VERSIONS.indexOf(version as never) + 1] ?? "", session).keys);
  });

  it("reads old untyped options (`key(\"x\").defaultValue(5)`) with their types", () => {
    const catalog = catalogFor("1.11", createSession());
    expect(catalog.option("web.port")).toBeUndefined();
    expect(catalog.replacementsOf("web.port")).toContain("rest.port");
    expect(catalog.option("rest.port")).toMatchObject({ type: "Integer", defaultText: "8081" });
    expect(catalog.option("mesos.master")?.type).toBe("String");
  });
});

describe("version boundaries", () => {
  it.each(ADDED.map(([key, value, since]) => [since, key, value]))("a key added in %s (%s) is unknown before it, known from it", (since, key, value) => {
    const before = previous(since);
    expect(findings(`${key}: ${value}\n`, before)).toEqual([
      { ruleId: "unknown-key", message: expect.stringContaining(`exists only from Flink ${since}, so Flink ${before} ignores it`) },
    ]);
    expect(findings(`${key}: ${value}\n`, since)).toEqual([]);
    expect(keyHistory(before, createSession()).since(key)).toBe(since);
  });

  it.each(REMOVED.map(([key, value, last, removedIn]) => [removedIn, key, value, last]))("a key removed in %s (%s) is known up to the release before, removed-key from it", (removedIn, key, value, last) => {
    expect(findings(`${key}: ${value}\n`, last)).toEqual([]);
    for (const version of [removedIn, "1.20"]) {
      expect(findings(`${key}: ${value}\n`, version), version).toEqual([
        { ruleId: "removed-key", message: expect.stringContaining(`Flink ${version} ignores \`${key}\`, removed in ${removedIn}`) },
      ]);
    }
  });

  it("says which version it assumed when a deprecated key is still read", () => {
    // `high-availability` is an option of its own up to 1.16 and deprecated from 1.17 on.
    expect(findings("high-availability: zookeeper\nhigh-availability.zookeeper.quorum: zk:2181\nhigh-availability.storageDir: file:///ha\n", "1.16")).toEqual([]);
    const [d] = findings("high-availability: zookeeper\nhigh-availability.zookeeper.quorum: zk:2181\nhigh-availability.storageDir: file:///ha\n", "1.17");
    expect(d).toEqual({ ruleId: "deprecated-key", message: expect.stringContaining("(Flink 1.17 still reads it") });
  });
});

describe("shortcut names per release", () => {
  const ha = "high-availability: kubernetes\nhigh-availability.storageDir: file:///ha\n";
  it("knows the `kubernetes` HA shortcut from 1.16 on, and exponential-delay restarts from 1.13 on", () => {
    expect(findings(ha, "1.15").map((d) => d.ruleId)).toEqual(["value-type"]);
    expect(findings(ha, "1.16")).toEqual([]);
    expect(findings("restart-strategy: exponential-delay\n", "1.12")).toEqual([
      { ruleId: "value-type", message: expect.stringContaining("`exponential-delay`") },
    ]);
    expect(findings("restart-strategy: exponential-delay\n", "1.13")).toEqual([]);
  });
});

describe("versions outside the catalogued range", () => {
  it.each(["1.10", "1.9", "2.3", "3.0", "0.9"])("%s is a usage error naming the range", (version) => {
    expect(() => lintText(MEMORY, { filename: "flink-conf.yaml", flinkVersion: version })).toThrow(SettingsError);
    expect(() => lintText(MEMORY, { filename: "flink-conf.yaml", flinkVersion: version })).toThrow(
      `unsupported Flink version "${version}"; expected one of ${SUPPORTED_FLINK_VERSIONS.join(", ")}`,
    );
  });

  it("accepts the range's ends and patch versions", () => {
    for (const version of ["1.11", "1.11.6", "1.17.2", "2.2"]) expect(() => findings("", version), version).not.toThrow();
  });
});
