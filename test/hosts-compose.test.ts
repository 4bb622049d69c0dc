/**
 * Docker Compose files: each Flink service is one configuration, built from the image's layers as its
 * entrypoint builds it, every finding on the Compose file's own lines. Fixtures (fixtures/hosts/compose
 * and the folders of the Compose rules) carry `# expect:` markers and a golden `.out`; for each
 * service, linting the Compose file gives the same memory verdict as linting the flat file the
 * entrypoint writes.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { formatCompact } from "../src/formatters/compact.js";
import { composeAdapter, composeTargets } from "../src/hosts/compose/adapter.js";
import { imageDefaults, usesStandardConfig } from "../src/hosts/image/defaults.js";
import { parseImageReference } from "../src/hosts/image/reference.js";
import { HOST_ADAPTERS } from "../src/hosts/index.js";
import { lintText } from "../src/lint-file.js";
import { explainDocument } from "../src/formatters/explain.js";
import { parseConfig } from "../src/parser/index.js";
import { FIXTURES, fixtureOptions, readExpectations } from "./fixture-support.js";

const RULE_FOLDERS = ["flink-image-version", "flink-properties-comment", "flink-properties-whitespace", "flink-properties-prefix-conflict"];

function listComposeFixtures(): string[] {
  return [join(FIXTURES, "hosts", "compose"), ...RULE_FOLDERS.map((folder) => join(FIXTURES, folder))].flatMap((dir) =>
    (readdirSync(dir, { recursive: true }) as string[])
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(dir, name)),
  );
}

const fixtures = listComposeFixtures();
const nameOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);

describe("Compose fixtures", () => {
  it("exist: Flink's Docker docs examples, both FLINK_PROPERTIES semantics, and one per Compose rule", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  it.each(fixtures.map((path) => [relative(FIXTURES, path), path]))("%s", async (_name, path) => {
    const text = readFileSync(path, "utf8");
    const { dialect: _dialect, ...options } = fixtureOptions(path, text);
    const linted = lintText(text, { ...options, filename: nameOf(path) });
    // A Compose file without Flink services may be left to an adapter for files flinklint does not lint.
    if (linted.results.length > 0) expect(linted.adapter).toBe("compose");
    else expect(linted.notice).toBeDefined();
    const expected = readExpectations(text);
    const columnChecked = new Set(expected.filter((e) => e.column !== undefined).map((e) => `${e.ruleId}:${e.line}`));
    const actual = linted.diagnostics.map((d) =>
      columnChecked.has(`${d.ruleId}:${d.start.line}`) ? `${d.ruleId}:${d.start.line}:${d.start.column}` : `${d.ruleId}:${d.start.line}`,
    );
    const wanted = expected.map((e) => (e.column === undefined ? `${e.ruleId}:${e.line}` : `${e.ruleId}:${e.line}:${e.column}`));
    expect(actual.sort()).toEqual(wanted.sort());
    for (const d of linted.diagnostics) {
      expect(d.end.offset).toBeLessThanOrEqual(text.length);
      expect(d.start.offset).toBeLessThanOrEqual(d.end.offset);
      // Nothing lands outside the user's file: every related place is in it too.
      for (const r of d.related ?? []) expect(r.range.end.offset).toBeLessThanOrEqual(text.length);
    }
    const printed = formatCompact(linted.results.map((r) => ({ filePath: `${nameOf(path)}#${r.name}`, diagnostics: r.diagnostics })));
    await expect(printed).toMatchFileSnapshot(path.replace(/\.ya?ml$/, ".out"));
  });
});

type ServiceJs = { image?: string; command?: string | string[]; environment?: Record<string, unknown> | string[] };

/** A Compose `${VAR:-default}` as Compose fills it in when VAR is unset (fixtures used here have no other variables). */
const withDefaults = (text: string) => text.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, "$1");

/** The service's FLINK_PROPERTIES as Compose hands it to the container. */
function flinkProperties(service: ServiceJs): string | undefined {
  const env = service.environment;
  if (Array.isArray(env)) {
    const item = env.find((e) => e.startsWith("FLINK_PROPERTIES="));
    return item === undefined ? undefined : withDefaults(item.slice("FLINK_PROPERTIES=".length));
  }
  const value = env?.["FLINK_PROPERTIES"];
  return typeof value === "string" ? withDefaults(value) : undefined;
}

/** `-Dkey=value` and `-D key=value` words of a list-form or plain string command. */
function dynamicArgs(service: ServiceJs): [string, string][] {
  const words = Array.isArray(service.command) ? service.command : (service.command ?? "").split(/\s+/);
  const pairs: [string, string][] = [];
  for (let i = 1; i < words.length; i++) {
    let word = words[i] ?? "";
    if (!word.startsWith("-D")) continue;
    word = word === "-D" ? (words[++i] ?? "") : word.slice(2);
    const eq = word.indexOf("=");
    if (eq > 0) pairs.push([word.slice(0, eq), word.slice(eq + 1)]);
  }
  return pairs;
}

/**
 * The file the image's entrypoint leaves for Flink, written independently of the adapter: the image's
 * default settings, the entrypoint's `jobmanager.rpc.address` and `blob.server.port`, then
 * FLINK_PROPERTIES appended as it is (≤1.18) or each line stripped of whitespace, split at its first
 * `:` and written as a quoted string (≥1.19), then the `-D` arguments, which override everything.
 */
function entrypointFile(version: string, properties: string | undefined, dynamic: readonly [string, string][]): { text: string; dialect: "legacy" | "standard" } {
  const standard = usesStandardConfig(version);
  const lines = imageDefaults(version).settings.map(([k, v]) => `${k}: ${v}`);
  lines.push("jobmanager.rpc.address: container-hostname", "blob.server.port: 6124");
  if (properties !== undefined && !standard) lines.push(...properties.split("\n"));
  const quoted = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const pairs: [string, string][] = [];
  if (properties !== undefined && standard) {
    for (const line of properties.split("\n")) {
      const stripped = line.replace(/[ \t\r\v\f]/g, "");
      if (stripped === "" || stripped.startsWith("#")) continue;
      const colon = stripped.indexOf(":");
      pairs.push([colon < 0 ? stripped : stripped.slice(0, colon), colon < 0 ? "" : stripped.slice(colon + 1)]);
    }
  }
  pairs.push(...dynamic);
  if (standard) {
    // config.yaml cannot repeat a key: the last setting of each wins, as the merge leaves it.
    const merged = new Map<string, string>(lines.map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]));
    for (const [k, v] of pairs) merged.set(k, quoted(v));
    return { text: [...merged].map(([k, v]) => `${k}: ${v}`).join("\n") + "\n", dialect: "standard" };
  }
  lines.push(...pairs.map(([k, v]) => `${k}: ${v}`));
  return { text: lines.join("\n") + "\n", dialect: "legacy" };
}

describe("each service gets the memory verdict of the file its entrypoint writes", () => {
  // Every fixture but those whose values come from variables the container fills in.
  const VERDICT_FIXTURES = fixtures.filter((p) => !/\$\$|\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(readFileSync(p, "utf8")));

  it("covers the docs examples and the issue's example", () => {
    const names = VERDICT_FIXTURES.map(nameOf);
    expect(names).toEqual(expect.arrayContaining(["session-cluster.docker-compose.yml", "application-cluster.docker-compose.yml", "flink-size-over-image-1.17.docker-compose.yml", "flink-size-over-image-2.1.docker-compose.yml"]));
  });

  it.each(VERDICT_FIXTURES.map((p) => [nameOf(p), p]))("%s", (_name, path) => {
    const text = readFileSync(path, "utf8");
    const services = (parseDocument(text, { merge: true }).toJS() as { services?: Record<string, ServiceJs> }).services ?? {};
    for (const target of composeTargets(text)) {
      if (target.processes.length === 0) continue;
      const service = services[target.name] ?? {};
      const image = service.image ?? "";
      const version = parseImageReference(image).version ?? target.flinkVersion ?? "1.20";
      const flat = entrypointFile(version, flinkProperties(service), dynamicArgs(service));
      const opts = { flinkVersion: version, deployment: "standalone" as const };
      const fromCompose = explainDocument(target.document, opts).json;
      const fromFlat = explainDocument(parseConfig(flat.text, flat.dialect), opts).json;
      for (const process of target.processes) expect(fromCompose[process], `${target.name} ${process}`).toEqual(fromFlat[process]);
    }
  });
});

describe("the Compose adapter", () => {
  const adapters = HOST_ADAPTERS;

  it("is registered before the Flink-file adapter", () => {
    const ids = adapters.map((a) => a.id);
    expect(ids.indexOf("compose")).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf("compose")).toBeLessThan(ids.indexOf("flink-file"));
  });

  it("claims Compose names, and other YAML only when a service runs Flink", () => {
    const flink = "services:\n  jm:\n    image: apache/flink:1.20\n    command: jobmanager\n";
    const other = "services:\n  db:\n    image: postgres:16\n";
    for (const filename of ["docker-compose.yml", "compose.yaml", "stack.compose.yml", "docker-compose.override.yaml"]) {
      expect(composeAdapter.claims({ text: other, filename, options: {} }), filename).toBe(true);
    }
    expect(composeAdapter.claims({ text: flink, filename: "stack.yml", options: {} })).toBe(true);
    expect(composeAdapter.claims({ text: other, filename: "stack.yml", options: {} })).toBe(false);
    expect(composeAdapter.carriesFlinkConfiguration({ text: flink, filename: "docker-compose.yml", options: {} })).toBe(true);
    expect(composeAdapter.carriesFlinkConfiguration({ text: other, filename: "docker-compose.yml", options: {} })).toBe(false);
  });

  it("a Compose file with no Flink service: no targets, a notice, nothing written by --fix", () => {
    const reading = composeAdapter.read({ text: "services:\n  db:\n    image: postgres:16\n", filename: "docker-compose.yml", options: {} });
    expect(reading.targets).toEqual([]);
    expect(reading.notice).toBe("no service of this Compose file runs Flink");
    expect(reading.fixable).toBe(false);
  });

  it("one target per Flink service, named by the service, with the processes its command starts", () => {
    const text = readFileSync(join(FIXTURES, "hosts", "compose", "application-cluster.docker-compose.yml"), "utf8");
    const targets = composeTargets(text);
    expect(targets.map((t) => [t.name, t.what, t.processes, t.flinkVersion, t.document.dialect])).toEqual([
      ["jobmanager", "Compose service", ["jobmanager"], "1.18", "legacy"],
      ["taskmanager", "Compose service", ["taskmanager"], "1.18", "legacy"],
    ]);
    const jm = targets[0]?.document;
    // -D arguments override FLINK_PROPERTIES, which overrides the image's default.
    expect(jm?.config.get("parallelism.default")?.text).toBe("4");
    expect(jm?.config.get("taskmanager.numberOfTaskSlots")?.text).toBe("2");
    expect(targets[0]?.layers.map((l) => l.kind)).toEqual(["image-default", "entrypoint", "flink-properties", "dynamic-properties"]);
    // The image's own values sit on the `image:` value and say where they come from.
    const base = jm?.byKey.get("taskmanager.memory.process.size")?.[0];
    expect(base?.label).toBe("taskmanager.memory.process.size (from the flink:1.18.1 image's default flink-conf.yaml)");
    expect(base?.keyRange.start.line).toBe(4);
  });

  it("the issue's example: the error sits on the user's FLINK_PROPERTIES line and names the image's value", () => {
    const text = readFileSync(join(FIXTURES, "hosts", "compose", "flink-size-over-image-1.17.docker-compose.yml"), "utf8");
    const error = lintText(text, { filename: "docker-compose.yml" }).diagnostics.find((d) => d.severity === "error");
    expect(error?.ruleId).toBe("memory-both-totals");
    expect([error?.start.line, error?.start.column]).toEqual([15, 9]);
    expect(error?.message).toContain("process memory 1728m (the flink:1.17 image's default)");
    expect(error?.related?.map((r) => r.range.start.line)).toEqual([10]);
  });

  it("reads merge keys, Compose defaults, both environment forms and the memory limits", () => {
    const text = readFileSync(join(FIXTURES, "hosts", "compose", "anchors-and-limits.docker-compose.yml"), "utf8");
    const [jm, tm, big] = composeTargets(text);
    expect(jm?.document.config.get("taskmanager.memory.process.size")?.text).toBe("2g");
    expect(jm?.document.config.get("jobmanager.rpc.address")?.text).toBe("jobmanager");
    expect(jm?.memoryLimits?.map((l) => [l.process, l.bytes, l.label])).toEqual([["jobmanager", 2n * 1024n ** 3n, "services.jobmanager.mem_limit"]]);
    expect(tm?.memoryLimits?.map((l) => [l.bytes, l.label])).toEqual([[1536n * 1024n ** 2n, "services.taskmanager.deploy.resources.limits.memory"]]);
    expect(tm?.document.config.get("taskmanager.memory.managed.fraction")?.text).toBe("0.5");
    // The service's own environment replaces the merged one; `$${MANAGED}` reaches envsubst as `${MANAGED}`.
    expect(big?.document.config.get("taskmanager.memory.managed.size")?.text).toBe("512m");
    expect(big?.document.config.get("taskmanager.numberOfTaskSlots")?.text).toBe("4");
    // An unknown `${TM_BIG_MEMORY}` stays as written, for the template rules to leave unchecked.
    expect(big?.document.config.get("taskmanager.memory.process.size")?.text).toBe("${TM_BIG_MEMORY}");
  });

  it("offers no suggestion that edits a value the services share through an anchor", () => {
    const text = readFileSync(join(FIXTURES, "hosts", "compose", "anchors-and-limits.docker-compose.yml"), "utf8");
    const limit = lintText(text, { filename: "docker-compose.yml" }).diagnostics.find((d) => d.ruleId === "container-memory-limit");
    // Lowering taskmanager.memory.process.size in the anchor would change the jobmanager service too.
    expect(limit?.related?.[0]?.range.start.line).toBe(7);
    expect(limit?.suggestions ?? []).toEqual([]);
    // A value of the service's own is still offered.
    const own = lintText(readFileSync(join(FIXTURES, "hosts", "compose", "flink-size-over-image-1.17.docker-compose.yml"), "utf8"), { filename: "docker-compose.yml" });
    expect(own.diagnostics.flatMap((d) => d.suggestions ?? []).map((f) => f.description)).toContain("lower taskmanager.memory.flink.size to 1280m");
  });

  it("every real Compose file in test/realworld is read as Compose, and none gets an error", () => {
    const dir = new URL("./realworld/compose/", import.meta.url).pathname;
    let files = 0;
    for (const folder of readdirSync(dir)) {
      for (const name of readdirSync(join(dir, folder))) {
        const linted = lintText(readFileSync(join(dir, folder, name), "utf8"), { filename: name });
        expect(linted.adapter, name).toBe("compose");
        expect(linted.results.length, name).toBeGreaterThan(0);
        expect(linted.diagnostics.filter((d) => d.severity === "error").map((d) => `${folder}/${name}:${d.start.line} ${d.ruleId}`)).toEqual([]);
        files++;
      }
    }
    expect(files).toBe(25);
  });
});
