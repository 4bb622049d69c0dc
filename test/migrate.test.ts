/**
 * `migrateConfig` (src/migrate/): the fixtures under fixtures/migrate (`<case>.flink-conf.yaml` in,
 * `<case>.config.yaml` the exact output), the read-back of every output with the standard reader,
 * and the changes each kind of line gives.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainJson } from "../src/formatters/explain.js";
import { migrateConfig, pinnedDefaults, type MigrationOptions } from "../src/migrate/migrate.js";
import { parseConfig } from "../src/parser/index.js";

const DIR = "fixtures/migrate";

/** The options of the fixtures that need any (the others: 2.1, standalone, nested). */
const OPTIONS: Readonly<Record<string, MigrationOptions>> = {
  "legacy-heap-kubernetes": { deployment: "kubernetes" },
  flat: { style: "flat" },
};

const cases = readdirSync(DIR)
  .filter((name) => name.endsWith(".flink-conf.yaml"))
  .map((name) => name.slice(0, -".flink-conf.yaml".length))
  .sort();

/** The comments of a legacy file: everything from a line's first `#` (Flink's reader cuts there). */
function commentsOf(text: string): string[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .flatMap((line) => (line.includes("#") ? [line.slice(line.indexOf("#")).trimEnd()] : []));
}

/** The settings a config.yaml holds, as Flink 2.x reads them. */
function readBack(text: string): Array<{ key: string; value: string }> {
  const doc = parseConfig(text, "standard");
  expect(doc.loadFailure).toBeUndefined();
  return [...doc.config].map(([key, value]) => ({ key, value: value.text }));
}

describe("fixtures/migrate", () => {
  it("has the cases the issue names", () => {
    expect(cases).toEqual(
      expect.arrayContaining(["comments", "duplicates", "flat", "legacy-heap-kubernetes", "legacy-heap-standalone", "quoting", "removed", "renamed", "skipped-line"]),
    );
  });

  it.each(cases)("%s", (name) => {
    const input = readFileSync(join(DIR, `${name}.flink-conf.yaml`), "utf8");
    const result = migrateConfig(input, OPTIONS[name] ?? {});
    const expectedPath = join(DIR, `${name}.config.yaml`);
    if (process.env.UPDATE_MIGRATE_FIXTURES === "1") writeFileSync(expectedPath, result.text);
    expect(result.text).toBe(readFileSync(expectedPath, "utf8"));
    expect(readBack(result.text).sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual([...result.settings].sort((a, b) => (a.key < b.key ? -1 : 1)));
    for (const comment of commentsOf(input)) expect(result.text).toContain(comment);
  });
});

describe("migrateConfig", () => {
  it("resolves duplicates as Flink does: the last setting, with the earlier one's comments", () => {
    const result = migrateConfig("# first\na.b: 1\na.b: 2 # second\n");
    expect(result.settings).toEqual([{ key: "a.b", value: "2" }]);
    expect(result.text).toBe("a:\n  # first\n  b: 2 # second\n");
    expect(result.changes).toEqual([
      expect.objectContaining({ kind: "duplicate-resolved", line: 2, oldKey: "a.b", oldValue: "1", newValue: "2" }),
    ]);
  });

  it("drops a line Flink skips and reports it", () => {
    const result = migrateConfig("taskmanager.numberOfTaskSlots:4\n");
    expect(result.settings).toEqual([]);
    expect(result.changes).toEqual([expect.objectContaining({ kind: "skipped-line", line: 1, oldValue: "taskmanager.numberOfTaskSlots:4" })]);
    expect(result.incomplete).toBe(false);
  });

  it("maps the legacy heap keys by deployment, as Flink 1.x's launchers read them", () => {
    const text = "taskmanager.heap.size: 2g\njobmanager.heap.mb: 1024\n";
    expect(migrateConfig(text, { deployment: "standalone" }).settings).toEqual([
      { key: "taskmanager.memory.flink.size", value: "2g" },
      { key: "jobmanager.memory.heap.size", value: "1024m" },
    ]);
    expect(migrateConfig(text, { deployment: "kubernetes" }).settings).toEqual([
      { key: "taskmanager.memory.process.size", value: "2g" },
      { key: "jobmanager.memory.process.size", value: "1024m" },
    ]);
    expect(migrateConfig(text, { deployment: "yarn" }).settings).toEqual(migrateConfig(text, { deployment: "kubernetes" }).settings);
  });

  it("drops a legacy heap key Flink 1.x ignored because its target is set", () => {
    const result = migrateConfig("taskmanager.memory.process.size: 2g\ntaskmanager.heap.size: 1g\n", { deployment: "kubernetes" });
    expect(result.settings).toEqual([{ key: "taskmanager.memory.process.size", value: "2g" }]);
    expect(result.changes).toEqual([expect.objectContaining({ kind: "dropped", oldKey: "taskmanager.heap.size" })]);
    // Standalone, the same key filled Total Flink: both are kept.
    expect(migrateConfig("taskmanager.memory.process.size: 2g\ntaskmanager.heap.size: 1g\n").settings).toEqual([
      { key: "taskmanager.memory.process.size", value: "2g" },
      { key: "taskmanager.memory.flink.size", value: "1g" },
    ]);
  });

  it("keeps an option without a successor as a comment and says the migration is incomplete", () => {
    const result = migrateConfig("state.backend.async: true\n");
    expect(result.incomplete).toBe(true);
    expect(result.settings).toEqual([]);
    expect(result.text).toContain("# state.backend.async: true");
    expect(result.changes).toEqual([expect.objectContaining({ kind: "removed", oldKey: "state.backend.async" })]);
  });

  it("leaves keys neither release knows as they are", () => {
    const result = migrateConfig("my.own.key: x\nmetrics.reporter.prom.factory.class: org.example.Factory\n");
    expect(result.settings).toEqual([
      { key: "my.own.key", value: "x" },
      { key: "metrics.reporter.prom.factory.class", value: "org.example.Factory" },
    ]);
    expect(result.changes).toEqual([]);
  });

  it("writes a key that is both a value and a prefix of another flat at its level", () => {
    const result = migrateConfig("a.b: 1\na.b.c: 2\n");
    expect(result.text).toBe("a:\n  b: 1\n  b.c: 2\n");
  });

  it("targets 2.0 and 2.2 too", () => {
    for (const to of ["2.0", "2.2"] as const) {
      const result = migrateConfig("taskmanager.heap.size: 1g\n", { to });
      const explained = explainJson(parseConfig(result.text, "standard"), { flinkVersion: to, deployment: "standalone" });
      expect(explained.taskmanager).toEqual(explainJson(parseConfig("taskmanager.heap.size: 1g\n", "legacy"), { flinkVersion: "1.20", deployment: "standalone" }).taskmanager);
    }
  });

  it("reads back every value it writes, for any line (property)", () => {
    const key = fc.stringMatching(/^[A-Za-z_.][A-Za-z0-9_.\-/ ]{0,12}$/);
    const value = fc.string({ unit: fc.constantFrom("a", "1", ".", ":", " ", "#", "'", '"', "-", "~", "[", "{", "e", "x", "0", "\t", "é", "!", "&", "*", "%", "@", "`", "|", ">", "?", ",", "n", "u", "l", "T"), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 6 }), fc.boolean(), (lines, flat) => {
        const text = lines.map(([k, v]) => `${k}: ${v}`).join("\n");
        // migrateConfig checks the read-back itself and throws when it fails.
        const result = migrateConfig(text, { style: flat ? "flat" : "nested" });
        const doc = parseConfig(text, "legacy");
        expect(result.settings.length).toBeLessThanOrEqual(doc.config.size);
      }),
      { numRuns: 300 },
    );
  });
});

describe("defaults of the memory model", () => {
  it("no 2.x target changed one, so no migration writes a default out (SPEC §11)", () => {
    for (const to of ["2.0", "2.1", "2.2"]) expect(pinnedDefaults(to, () => false)).toEqual([]);
  });

  it("would write Flink 1.20's default for an option whose default differs (1.16's network max was 1g)", () => {
    // The version table's one memory default change (FLINK-30472, 1.17) seen from the other side.
    expect(pinnedDefaults("1.16", () => false)).toEqual([
      expect.objectContaining({ key: "taskmanager.memory.network.max", value: `${(1n << 63n) - 1n}b` }),
    ]);
    expect(pinnedDefaults("1.16", (key) => key === "taskmanager.network.memory.max")).toEqual([]);
  });

  it("reads empty and comment-only files", () => {
    expect(migrateConfig("").text).toBe("");
    expect(migrateConfig("# only a comment\n").text).toBe("# only a comment\n");
  });
});

describe("input shapes", () => {
  it("reads CRLF line breaks and a byte order mark like Flink, and writes LF", () => {
    const result = migrateConfig("\uFEFF# header\r\n\r\na.b: 1\r\nc: 2 # two\r\n");
    expect(result.text).toBe("# header\n\na:\n  b: 1\nc: 2 # two\n");
  });

  it("keeps the comments of a skipped last line in the footer", () => {
    expect(migrateConfig("a: 1\nb:2 # oops\n").text).toBe("a: 1\n\n# oops\n");
  });

  it("migrates a file of 20,000 lines (bounded by the timeout, not timed)", () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => (i % 3 === 0 ? `k${i}:x # c${i}` : `k${i}.a.b: v${i}`)).join("\n");
    migrateConfig(lines(20_000));
  }, 20_000);
});

describe("deprecated keys", () => {
  it("writes one key for two deprecated names of an option that agree", () => {
    const result = migrateConfig("high-availability: zookeeper\nrecovery.mode: zookeeper\n");
    expect(result.settings).toEqual([{ key: "high-availability.type", value: "zookeeper" }]);
    expect(result.incomplete).toBe(false);
  });

  it("reports two deprecated names of an option that disagree (Flink's order among them is not in the catalog)", () => {
    const result = migrateConfig("high-availability: zookeeper\nrecovery.mode: none\n");
    expect(result.incomplete).toBe(true);
    expect(result.settings).toEqual([{ key: "high-availability.type", value: "zookeeper" }]);
    expect(result.changes.map((c) => c.kind)).toEqual(["renamed", "conflict", "dropped"]);
  });

  it("needs no second key where the current option reads the first (rest.bind-port reads rest.port)", () => {
    expect(migrateConfig("web.port: 8082\n").settings).toEqual([{ key: "rest.port", value: "8082" }]);
  });
});
