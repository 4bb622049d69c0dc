/**
 * The option catalog and the rules built on it: Flink's shipped files lint clean on every catalogued
 * version, every memory typo gets the key it meant, real-world configs get no unknown-key for real
 * Flink keys, and 100,000 unknown keys stay fast.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import { CATALOG_VERSIONS, catalogFor, catalogVersionFor, keyHistory } from "../src/model/catalog.js";
import { createSession } from "../src/model/session.js";
import { SUPPORTED_FLINK_VERSIONS } from "../src/engine/settings.js";
import { fixText } from "../src/engine/fix.js";
import { expectNearLinear, fastestMs } from "./growth.js";

const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;
const CATALOG_RULES = new Set([
  "unknown-key", "removed-key", "deprecated-key", "value-type", "prefix-key-conflict",
  "metaspace-too-small", "rocksdb-unmanaged-memory", "network-fixed-small",
]);

function lintFile(path: string, flinkVersion?: string) {
  const name = path.split("/").pop() ?? path;
  return lint(readFileSync(path, "utf8"), { filename: name, ...(flinkVersion !== undefined && { flinkVersion }) });
}

describe("option catalog", () => {
  it("has a catalog of its own for every supported version, and none for the others", () => {
    expect(CATALOG_VERSIONS).toEqual([...SUPPORTED_FLINK_VERSIONS]);
    expect(catalogVersionFor("1.11")).toBe("1.11");
    expect(catalogVersionFor("1.17")).toBe("1.17");
    expect(catalogVersionFor("1.20.1")).toBe("1.20");
    expect(catalogVersionFor("2.1")).toBe("2.1");
    for (const version of ["1.10", "2.3", "3.0", "latest"]) expect(() => catalogVersionFor(version), version).toThrow(/no option catalog/);
  });

  // From 1.18 (Pekko, state.backend.type); 1.11–1.17: test/catalog-versions.test.ts.
  it.each(CATALOG_VERSIONS.slice(CATALOG_VERSIONS.indexOf("1.18")).map((v) => [v]))("%s knows types, defaults, enum values and deprecated keys", (version) => {
    const catalog = catalogFor(version, createSession());
    expect(catalog.keys.length).toBeGreaterThan(700);
    expect(catalog.option("taskmanager.memory.process.size")?.type).toBe("MemorySize");
    expect(catalog.option("taskmanager.numberOfTaskSlots")).toMatchObject({ type: "Integer", defaultText: "1" });
    expect(catalog.option("execution.checkpointing.mode")).toMatchObject({ type: "Enum", values: ["EXACTLY_ONCE", "AT_LEAST_ONCE"] });
    expect(catalog.option("pekko.ask.timeout")).toMatchObject({ type: "Duration", defaultText: "10 s" });
    expect(catalog.option("state.backend.type")).toMatchObject({ type: "String", valuesAreShortcuts: true });
    expect(catalog.replacementOf("taskmanager.network.memory.min")).toBe("taskmanager.memory.network.min");
    expect(catalog.replacementOf("state.backend")).toBe("state.backend.type");
    expect(catalog.replacementsOf("web.port")).toEqual(["rest.bind-port", "rest.port"]);
    for (const key of ["metrics.reporter.prom.port", "containerized.taskmanager.env.TZ", "flink.hadoop.dfs.replication", "s3.endpoint", "pipeline.global-job-parameters.region", "env.java.opts.taskmanager"]) {
      expect(catalog.isKnown(key), key).toBe(true);
    }
    expect(catalog.isKnown("taskmanager.memory.network.size")).toBe(false);
  });

  it("knows which release added or removed a key", () => {
    const session = createSession();
    expect(catalogFor("2.0", session).isKnown("taskmanager.network.numberOfBuffers")).toBe(false);
    expect(keyHistory("2.1", session).lastBefore("taskmanager.network.numberOfBuffers")).toBe("1.20");
    expect(keyHistory("1.19", session).since("execution.checkpointing.incremental")).toBe("1.20");
  });

  it("keeps the shipped JSON compact", () => {
    for (const version of CATALOG_VERSIONS) {
      const size = statSync(new URL(`../src/model/catalog/${version}.json`, import.meta.url)).size;
      expect(size, version).toBeLessThan(100_000);
    }
  });
});

describe("Flink's shipped configuration files lint clean with the catalog rules", () => {
  it.each(["1.18", "1.19", "1.20"])("1.18 flink-conf.yaml on Flink %s", (version) => {
    expect(lintFile(`${FIXTURES}flink-defaults/1.18-flink-conf.yaml`, version).diagnostics).toEqual([]);
  });

  it.each(["1.20", "2.0", "2.1", "2.2"])("1.20 config.yaml on Flink %s", (version) => {
    expect(lintFile(`${FIXTURES}flink-defaults/1.20-config.yaml`, version).diagnostics).toEqual([]);
  });

  // flink-dist/src/main/resources/config.yaml of release-2.1.2 (identical in release-2.2.1).
  it.each(["2.0", "2.1", "2.2"])("2.1 config.yaml on Flink %s", (version) => {
    expect(lintFile(`${FIXTURES}flink-defaults/2.1-config.yaml`, version).diagnostics).toEqual([]);
  });
});

describe("unknown-key suggestions", () => {
  const MEANT: Record<string, string[]> = {
    "taskmanager.memory.proces.size": ["taskmanager.memory.process.size"],
    "taskmanager.memory.flnk.size": ["taskmanager.memory.flink.size"],
    "taskmanager.memory.framework.heap.sise": ["taskmanager.memory.framework.heap.size"],
    "taskmanager.memory.framework.offheap.size": ["taskmanager.memory.framework.off-heap.size"],
    "taskmanager.memory.task.heap.szie": ["taskmanager.memory.task.heap.size"],
    "taskmanager.memory.task.off-heap.siz": ["taskmanager.memory.task.off-heap.size"],
    "taskmanager.memory.managed.sizes": ["taskmanager.memory.managed.size"],
    "taskmanager.memory.managed.fracton": ["taskmanager.memory.managed.fraction"],
    "taskmanager.memory.network.mim": ["taskmanager.memory.network.min"],
    "taskmanager.memory.network.maxx": ["taskmanager.memory.network.max"],
    "taskmanager.memory.netwrok.fraction": ["taskmanager.memory.network.fraction"],
    "taskmanager.memory.network.size": ["taskmanager.memory.network.min", "taskmanager.memory.network.max"],
    "taskmanager.memory.jvm-metaspace": ["taskmanager.memory.jvm-metaspace.size"],
    "taskmanager.memory.jvm-overhead.minn": ["taskmanager.memory.jvm-overhead.min"],
    "taskmanager.memory.jvm-overhaed.max": ["taskmanager.memory.jvm-overhead.max"],
    "taskmanager.memory.jvm-overhead.fration": ["taskmanager.memory.jvm-overhead.fraction"],
    "taskmanager.memory.segmentsize": ["taskmanager.memory.segment-size"],
    "taskmanager.numberOfTaskslots": ["taskmanager.numberOfTaskSlots"],
    "jobmanager.memory.proces.size": ["jobmanager.memory.process.size"],
    "jobmanager.memory.flink.siz": ["jobmanager.memory.flink.size"],
    "jobmanager.memory.heap.sizee": ["jobmanager.memory.heap.size"],
    "jobmanager.memory.off-heap-size": ["jobmanager.memory.off-heap.size"],
    "jobmanager.memory.jvm-metaspace.szie": ["jobmanager.memory.jvm-metaspace.size"],
    "jobmanager.memory.jvm-overhead.mn": ["jobmanager.memory.jvm-overhead.min"],
    "jobmanager.memory.jvm-overhead.mx": ["jobmanager.memory.jvm-overhead.max"],
    "jobmanager.memory.jvm-overhead.fractoin": ["jobmanager.memory.jvm-overhead.fraction"],
  };

  it("suggests the key each memory typo meant, as a rename suggestion, never a fix", () => {
    const result = lintFile(`${FIXTURES}unknown-key/memory-typos.flink-conf.yaml`);
    const got: Record<string, string[]> = {};
    for (const d of result.diagnostics) {
      expect(d.ruleId).toBe("unknown-key");
      expect(d.fix).toBeUndefined();
      got[d.key ?? ""] = (d.suggestions ?? []).map((s) => s.edits[0]?.text ?? "");
    }
    expect(got).toEqual(MEANT);
  });

  it("renames a nested config.yaml key in place", () => {
    const text = "taskmanager:\n  memory:\n    proces.size: 1728m\njobmanager.memory.process.size: 1600m\n";
    const [d] = lint(text, { dialect: "standard" }).diagnostics.filter((x) => x.ruleId === "unknown-key");
    expect(d?.suggestions?.[0]?.edits[0]).toMatchObject({ text: "process.size", range: { start: { line: 3, column: 5 } } });
  });

  it("says when a key comes with a newer Flink", () => {
    const text = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\nexecution.checkpointing.incremental: true\n";
    const [d] = lint(text, { dialect: "legacy", flinkVersion: "1.19" }).diagnostics;
    expect(d?.message).toContain("exists only from Flink 1.20, so Flink 1.19 ignores it");
  });

  it("lints 40,000 unknown keys in one file, in time linear in their number", () => {
    const text = (pairs: number) => {
      const lines = ["taskmanager.memory.process.size: 1728m", "jobmanager.memory.process.size: 1600m"];
      for (let i = 0; i < pairs; i++) lines.push(`no.such.option${i}: ${i}`, `taskmanager.memory.proces${i}.size: 1g`);
      return `${lines.join("\n")}\n`;
    };
    const unknownKeys = (input: string) => lint(input, { filename: "big.flink-conf.yaml" }).diagnostics.filter((d) => d.ruleId === "unknown-key");
    // Each unknown key is looked up in the catalog for a suggestion: that must not grow with the file.
    expectNearLinear((pairs) => {
      const input = text(pairs);
      return fastestMs(() => expect(unknownKeys(input)).toHaveLength(2 * pairs));
    }, 5_000);
  });
});

describe("deprecated-key fixes", () => {
  it("renames a deprecated key safely, and only then", () => {
    const text = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.network.memory.min: 64m\nweb.port: 8081\n";
    const { output } = fixText(text, { dialect: "legacy" });
    // web.port stands for rest.bind-port and rest.port: renaming it would change the client port.
    expect(output).toBe("taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.min: 64m\nweb.port: 8081\n");
  });

  it("does not rename when the new key is set, and offers removing the old one", () => {
    const text = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.max: 256m\ntaskmanager.network.memory.max: 512m\n";
    const [d] = lint(text, { dialect: "legacy" }).diagnostics;
    expect(d?.fix).toBeUndefined();
    expect(d?.suggestions?.[0]?.description).toBe("remove taskmanager.network.memory.max");
    expect(fixText(text, { dialect: "legacy" }).output).toBe(text);
  });

  it("renames a nested key in place when the new key keeps its parent", () => {
    const text = "taskmanager:\n  memory:\n    process.size: 1728m\n    size: 512m\n  network.memory.min: 64m\njobmanager.memory.process.size: 1600m\n";
    const { output } = fixText(text, { dialect: "standard", flinkVersion: "2.1" });
    expect(output).toBe("taskmanager:\n  memory:\n    process.size: 1728m\n    managed.size: 512m\n  memory.network.min: 64m\njobmanager.memory.process.size: 1600m\n");
  });

  it("leaves a nested key whose new key lives under another parent to the message", () => {
    const text = "taskmanager:\n  memory.process.size: 1728m\n  network:\n    memory:\n      min: 64m\n      max: 128m\njobmanager.memory.process.size: 1600m\n";
    const result = lint(text, { dialect: "standard", flinkVersion: "2.1" });
    expect(result.diagnostics.map((d) => [d.ruleId, d.start.line, d.fix])).toEqual([
      ["deprecated-key", 5, undefined],
      ["deprecated-key", 6, undefined],
    ]);
    expect(fixText(text, { dialect: "standard", flinkVersion: "2.1" }).output).toBe(text);
  });
});

describe("real-world configs", () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const path = join(dir, n);
      return statSync(path).isDirectory() ? walk(path) : /(flink-conf|config)\.yaml$/.test(n) ? [path] : [];
    });
  // Keys these files set that no catalogued Flink reads: custom settings of other projects, keys
  // removed before 1.18 (query.server.port, taskmanager.memory.preallocate, mesos.*), and typos.
  const GENUINELY_UNKNOWN = new Set([
    "query.server.port", "taskmanager.memory.preallocate", "taskmanager.memory.fraction", "taskmanager.memory.off-heap",
    "webclient.port", "taskmanager.numberOfTaskManagers", "taskmanager.hostname", "taskmanager.heartbeat-interval",
    "taskmanager.cleanup-state-on-exit", "jobmanager.max-heartbeat-delay-before-failure.sec",
    "jobmanager.execution.num-standby-tasks", "execution.checkpointing.enabled", "metrics.scope.job",
    "mesos.master", "mesos.failover-timeout", "jobmanager.rpc.ardress", "apiVersion", "kind", "name", "flink-conf.yaml", "-home",
  ]);
  const GENUINELY_UNKNOWN_PREFIXES = [
    "taskmanager.inflight.", "taskmanager.network.netty.determinant", "taskmanager.network.netty.enableDelta",
    "taskmanager.network.memory.sender-extra-", "streamswitch.", "policy.", "model.",
    "state.backend.rocksdb.falcon.", "state.backend.rocksdb.options.",
  ];

  it("report unknown-key only for keys no Flink reads", () => {
    const reported = new Set<string>();
    for (const path of walk(`${FIXTURES}realworld/`)) {
      for (const d of lintFile(path).diagnostics) if (d.ruleId === "unknown-key") reported.add(d.key ?? "");
    }
    const unexpected = [...reported].filter((k) => !GENUINELY_UNKNOWN.has(k) && !GENUINELY_UNKNOWN_PREFIXES.some((p) => k.startsWith(p)));
    expect(unexpected).toEqual([]);
  });

  it("never crash the catalog rules", () => {
    for (const path of walk(`${FIXTURES}realworld/`)) {
      for (const d of lintFile(path).diagnostics) {
        expect(d.ruleId, path).not.toBe("internal-error");
        if (CATALOG_RULES.has(d.ruleId)) expect(d.message).not.toContain("{{");
      }
    }
  });
});
