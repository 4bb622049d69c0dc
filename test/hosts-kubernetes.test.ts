/**
 * Kubernetes manifests of standalone Flink clusters (fixtures/hosts/kubernetes, modelled on Flink's
 * standalone-Kubernetes docs): every finding lands on the manifest's own line and column named by
 * the fixture's `# expect:` markers, unrelated objects stay silent, and each container's memory
 * verdict equals that of the flat file its Flink reads.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { HOST_ADAPTERS } from "../src/hosts/index.js";
import { kubernetesAdapter, kubernetesTargets } from "../src/hosts/kubernetes/adapter.js";
import { quantityBytes } from "../src/hosts/kubernetes/quantity.js";
import { lintText } from "../src/lint-file.js";
import { deriveJobManagerMemory, deriveTaskManagerMemory } from "../src/model/memory.js";
import { applyEdits } from "../src/engine/setting-edits.js";
import { parseConfig } from "../src/parser/index.js";
import type { ConfigValue, Dialect, FlinkProcess } from "../src/types.js";
import { FIXTURES, readExpectations } from "./fixture-support.js";

const DIR = join(FIXTURES, "hosts/kubernetes");
const ADAPTERS = [kubernetesAdapter, ...HOST_ADAPTERS];
/** The host fixtures, and those of the rule about container memory limits (paths relative to DIR). */
const fixtures = [
  ...readdirSync(DIR).filter((n) => n.endsWith(".yaml")),
  ...["container-memory-limit", "container-command", "flink-properties-ignored"].flatMap((rule) =>
    readdirSync(join(FIXTURES, rule)).filter((n) => n.endsWith(".yaml")).map((n) => `../../${rule}/${n}`),
  ),
].sort();
const PLACEHOLDER_RULES = new Set(["template-placeholder", "unresolved-variable"]);

function lintFixture(name: string) {
  const text = readFileSync(join(DIR, name), "utf8");
  return { text, linted: lintText(text, { filename: name }, ADAPTERS) };
}

describe("Kubernetes manifests: findings on the manifest's own lines", () => {
  it("has fixtures modelled on Flink's standalone-Kubernetes docs", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  it.each(fixtures)("%s", (name) => {
    const { text, linted } = lintFixture(name);
    expect(linted.adapter).toBe("kubernetes");
    // Every marker names its column: the exact place on the manifest.
    const wanted = readExpectations(text).map((e) => `${e.ruleId}:${e.line}:${e.column ?? "?"}`);
    // How a value Kubernetes fills in at run time (`$(POD_NAME)`) is noted is the placeholder rules' matter, tested there.
    const actual = linted.diagnostics
      .filter((d) => d.severity !== "info" && !PLACEHOLDER_RULES.has(d.ruleId))
      .map((d) => `${d.ruleId}:${d.start.line}:${d.start.column}`);
    expect(actual.sort()).toEqual(wanted.sort());
    for (const d of linted.diagnostics) {
      expect(d.end.offset).toBeLessThanOrEqual(text.length);
      for (const r of d.related ?? []) expect(r.range.end.offset).toBeLessThanOrEqual(text.length);
    }
  });

  it("is the registered adapter of manifests; FlinkDeployments stay with the operator's", () => {
    const text = readFileSync(join(DIR, "session-cluster.yaml"), "utf8");
    expect(lintText(text, { filename: "session-cluster.yaml" }).adapter).toBe("kubernetes");
    expect(lintText("apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: x\n", { filename: "x.yaml" }).adapter).toBe("flink-resource");
  });

  it("unrelated objects (an app ConfigMap, a Service, an nginx Deployment) give a notice and nothing else", () => {
    const { text, linted } = lintFixture("unrelated.yaml");
    expect(linted.diagnostics).toEqual([]);
    expect(linted.notice).toMatch(/no Flink configuration/);
    expect(kubernetesAdapter.carriesFlinkConfiguration({ text, options: {} })).toBe(false);
    for (const name of fixtures.filter((n) => n !== "unrelated.yaml")) {
      expect(kubernetesAdapter.carriesFlinkConfiguration({ text: readFileSync(join(DIR, name), "utf8"), options: {} }), name).toBe(true);
    }
  });

  it("a ConfigMap entry is one target in its dialect, named after the ConfigMap, versioned by the workload that mounts it", () => {
    const { linted } = lintFixture("session-cluster.yaml");
    // Both processes are started by containers of the file that read it: they are checked there.
    expect(linted.results.map((r) => [r.what, r.name, r.dialect, r.flinkVersion, r.target.processes.join("+")])).toEqual([
      ["ConfigMap", "flink-config/flink-conf.yaml", "legacy", "1.18", ""],
      ["container", "flink-jobmanager/jobmanager", "legacy", "1.18", "jobmanager"],
      ["container", "flink-taskmanager/taskmanager", "legacy", "1.18", "taskmanager"],
    ]);
    expect(linted.fixable).toBe(false);
    const standard = lintFixture("config-yaml-configmap.yaml").linted.results[0];
    expect([standard?.dialect, standard?.target.namespace, standard?.target.processes]).toEqual(["standard", "streaming", ["jobmanager", "taskmanager"]]);
    // A TaskManager container of the file reads the ConfigMap: the ConfigMap speaks for the JobManager only.
    expect(lintFixture("local-recovery-statefulset.yaml").linted.results[0]?.target.processes).toEqual(["jobmanager"]);
  });

  it("a configuration directory from another kind of volume is unknown: no memory verdict, its settings still read", () => {
    const [configMap, container] = lintFixture("writable-conf-volume.yaml").linted.results;
    expect(configMap?.target.processes).toEqual(["jobmanager", "taskmanager"]);
    expect(container?.target.processes).toEqual([]);
    expect(container?.target.layers[0]?.label).toMatch(/^unknown: \/opt\/flink\/conf comes from volume flink-conf-writable/);
    expect(container?.document.config.get("taskmanager.memory.process.size")?.text).toBe("4g");
    // A note on the mount says why the memory is not judged.
    const note = container?.document.findings.find((f) => f.kind === "flink-image-version");
    expect([note?.data?.["variant"], note?.range.start.line, note?.range.start.column]).toEqual(["mounted", 48, 22]);
  });

  it("FLINK_PROPERTIES is not applied over a read-only ConfigMap volume; -D arguments are", () => {
    const [, container] = lintFixture("read-only-configmap.yaml").linted.results;
    expect(container?.target.layers.map((l) => l.kind)).toEqual(["file", "flink-properties", "dynamic-properties"]);
    expect(container?.target.layers[1]?.label).toMatch(/not applied: \/opt\/flink\/conf is a read-only ConfigMap volume/);
    expect(container?.document.config.get("jobmanager.memory.process.size")?.text).toBe("1600m");
    expect(container?.document.config.get("jobmanager.memory.jvm-metaspace.size")?.text).toBe("512m");
  });

  it("a value of the image's default file names where it comes from and sits on the image line", () => {
    const { text, linted } = lintFixture("flink-properties-1.17.yaml");
    const entry = linted.results[0]?.document.byKey.get("taskmanager.memory.process.size")?.[0];
    expect(entry?.label).toBe("taskmanager.memory.process.size (from the flink:1.17.2-scala_2.12-java11 image's default flink-conf.yaml)");
    expect(text.slice(entry?.keyRange.start.offset, entry?.keyRange.end.offset)).toBe("flink:1.17.2-scala_2.12-java11");
  });

  it("an image tag that pins no version is noted on the image line, unless the user names the version", () => {
    const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: tm\nspec:\n  containers:\n  - name: taskmanager\n    image: ${image}\n    args: [taskmanager]\n`;
    const notes = (image: string, flinkVersion?: string) =>
      kubernetesTargets(pod(image), flinkVersion === undefined ? {} : { flinkVersion }).flatMap((t) =>
        t.document.findings.filter((f) => f.kind === "flink-image-version").map((f) => `${f.range.start.line}:${f.range.start.column} ${f.data?.["variant"]} ${f.data?.["version"]}`),
      );
    expect(notes("flink:latest")).toEqual(["8:12 unpinned 2.2"]);
    expect(notes("flink:1.9.3")).toEqual(["8:12 older 1.11"]);
    expect(notes("flink:1.18.1")).toEqual([]);
    expect(notes("flink:latest", "1.18")).toEqual([]);
    expect(kubernetesTargets(pod("flink:latest"))[0]?.flinkVersion).toBe("2.2");
  });

  it("FLINK_PROPERTIES of a 1.19+ image: each line without its whitespace, split at the first colon", () => {
    const target = lintFixture("flink-properties-1.19.yaml").linted.results[0];
    expect(target?.flinkVersion).toBe("1.19");
    expect(target?.document.config.get("taskmanager.memory.process.size")?.text).toBe("2g");
    expect(target?.document.config.get("taskmanager.numberOfTaskSlots")?.text).toBe("4");
    expect(target?.document.config.get("taskmanager.memory.managed.fraction")?.text).toBe("0.2");
  });
});

describe("container-memory-limit in manifests", () => {
  it("states both sizes, and its checked suggestion, applied, leaves a process that fits its limit", () => {
    const { text, linted } = lintFixture("../../container-memory-limit/configmap-sizes.yaml");
    const [finding] = linted.diagnostics.filter((d) => d.ruleId === "container-memory-limit");
    expect(finding?.message).toContain("JobManager process memory 2g exceeds the container limit 2G (OOMKilled)");
    expect(finding?.message).toContain("raise the limit to 2048Mi");
    expect(finding?.related?.map((r) => `${r.range.start.line}:${r.range.start.column} ${r.message}`)).toEqual(["10:5 jobmanager.memory.process.size is set here"]);
    const suggestion = finding?.suggestions?.[0];
    expect(suggestion?.description).toBe("lower jobmanager.memory.process.size to 1907m");
    const edited = applyEdits(text, suggestion?.edits ?? []);
    const again = lintText(edited, { filename: "configmap-sizes.yaml" }, ADAPTERS);
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("a message naming another line names the manifest's line, as its range does", () => {
    const text = "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c\r\ndata:\r\n  flink-conf.yaml: |\r\n    a.b: 1\r\n    a.b: 2\r\n";
    const [duplicate] = lintText(text, { filename: "c.yaml" }, ADAPTERS).diagnostics.filter((d) => d.ruleId === "duplicate-key");
    expect(duplicate?.start.line).toBe(7);
    expect(duplicate?.message).toContain("line 8 sets");
  });

  it("a broken manifest with a Flink file in it is one parse error, as kubectl refuses it", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  flink-conf.yaml: |\n    a: 1\n  b: [\n";
    const linted = lintText(text, { filename: "broken.yaml" }, ADAPTERS);
    expect(linted.diagnostics.map((d) => `${d.ruleId}:${d.start.line}`)).toEqual(["parse:7"]);
    expect(linted.diagnostics[0]?.message).toContain("kubectl cannot read this manifest either");
  });
});

describe("Kubernetes memory quantities", () => {
  it.each([
    ["2Gi", 2n * 1024n ** 3n],
    ["1728Mi", 1728n * 1024n ** 2n],
    ["2G", 2_000_000_000n],
    ["1.5Gi", 1610612736n],
    ["129e6", 129_000_000n],
    ["1000m", 1n],
    ["1500m", 2n],
    ["2147483648", 2147483648n],
  ])("%s is %s bytes", (text, bytes) => {
    expect(quantityBytes(text)).toBe(bytes);
  });

  it.each(["2GB", "2 Gi", "-1Gi", "Gi", "1.2.3"])("%s is not a memory limit Kubernetes accepts", (text) => {
    expect(quantityBytes(text)).toBeUndefined();
  });
});

/**
 * The flat file a container's Flink reads, built here from the manifest's plain values (not from
 * the adapter's positions): the ConfigMap entry mounted at /opt/flink/conf, or the image's default
 * file with FLINK_PROPERTIES applied as the image's entrypoint does; then the -D arguments.
 */
const IMAGE_DEFAULTS: Record<string, { file: string; dialect: Dialect }> = {
  legacy: { file: "1.18-flink-conf.yaml", dialect: "legacy" },
  standard: { file: "1.20-config.yaml", dialect: "standard" },
};

interface PlainContainer {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string; key: string } } }[];
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
}

function flatConfigs(text: string): { name: string; process: FlinkProcess; config: ReadonlyMap<string, ConfigValue>; version: string }[] {
  const objects = parseAllDocuments(text, { version: "1.1" }).flatMap((d) => {
    const o = d.toJS() as { kind?: string; items?: unknown[] } | null;
    return o?.kind === "List" ? (o.items as object[]) : o ? [o] : [];
  }) as { kind: string; metadata?: { name?: string }; data?: Record<string, string>; spec?: Record<string, unknown> }[];
  const configMaps = new Map(objects.filter((o) => o.kind === "ConfigMap").map((o) => [o.metadata?.name, o.data ?? {}]));
  const found: { name: string; process: FlinkProcess; config: ReadonlyMap<string, ConfigValue>; version: string }[] = [];
  for (const o of objects) {
    const pod = (o.kind === "Pod" ? o.spec : (o.spec?.["template"] as { spec?: Record<string, unknown> } | undefined)?.spec) as
      | { containers?: PlainContainer[]; volumes?: { name: string; configMap?: { name: string } }[] }
      | undefined;
    for (const c of (pod?.containers ?? []).filter((container) => /(^|\/)flink:/.test(container.image))) {
      const version = /:(\d+\.\d+)/.exec(c.image)?.[1] ?? "";
      const legacy = Number(version.split(".")[1]) <= 18 && version.startsWith("1.");
      const argv = [...(c.command?.slice(1) ?? []), ...(c.args ?? [])];
      const mode = argv[0] ?? "";
      // A container that starts no Flink process has no memory to compare.
      if (!["jobmanager", "standalone-job", "taskmanager"].includes(mode)) continue;
      const process: FlinkProcess = mode === "taskmanager" ? "taskmanager" : "jobmanager";
      const mount = c.volumeMounts?.find((m) => m.mountPath.replace(/\/$/, "").startsWith("/opt/flink/conf"));
      const volume = mount && pod?.volumes?.find((v) => v.name === mount.name);
      // Another kind of volume (an emptyDir an init container fills) holds files no manifest shows: no verdict.
      if (volume && !volume.configMap) continue;
      const data = volume && configMaps.get(volume.configMap?.name);
      // A subPath mount puts one entry of the ConfigMap into the directory, under the mount's file name.
      const configMap = data && mount?.subPath ? { [mount.mountPath.slice(mount.mountPath.lastIndexOf("/") + 1)]: data[mount.subPath] ?? "" } : data;
      let lines: string[];
      let dialect: Dialect;
      if (configMap) {
        dialect = legacy || configMap["flink-conf.yaml"] !== undefined ? "legacy" : "standard";
        lines = [configMap[dialect === "legacy" ? "flink-conf.yaml" : "config.yaml"] ?? ""];
      } else {
        const base = IMAGE_DEFAULTS[legacy ? "legacy" : "standard"] as { file: string; dialect: Dialect };
        dialect = base.dialect;
        lines = [readFileSync(join(FIXTURES, "flink-defaults", base.file), "utf8"), "blob.server.port: 6124"];
        const variable = c.env?.find((e) => e.name === "FLINK_PROPERTIES");
        const ref = variable?.valueFrom?.configMapKeyRef;
        const properties = variable?.value ?? (ref && configMaps.get(ref.name)?.[ref.key]) ?? "";
        lines.push(legacy ? properties : properties.split("\n").map((l) => l.replace(/\s/g, "").replace(":", ": ")).filter((l) => l !== "").join("\n"));
      }
      const literal = new Map((c.env ?? []).flatMap((e) => (e.value === undefined ? [] : [[e.name, e.value] as const])));
      for (let i = 1; i < argv.length; i++) {
        const arg = (argv[i] ?? "").replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => literal.get(name) ?? whole);
        const property = arg === "-D" ? argv[++i] : arg.startsWith("-D") ? arg.slice(2) : undefined;
        if (property) lines.push(property.replace("=", ": "));
      }
      const config = parseConfig(`${lines.join("\n")}\n`, dialect).config;
      found.push({ name: `${o.metadata?.name}/${c.name}`, process, config, version });
    }
  }
  return found;
}

function verdict(config: ReadonlyMap<string, ConfigValue>, process: FlinkProcess, flinkVersion: string): string {
  const opts = { flinkVersion, deployment: "standalone" as const };
  const result = process === "taskmanager" ? deriveTaskManagerMemory(config, opts) : deriveJobManagerMemory(config, opts);
  return result.ok ? `starts with ${result.bytes.totalProcess} bytes` : `fails: ${result.error}`;
}

describe("the memory verdict of a container equals that of the flat file its Flink reads", () => {
  const cases = fixtures.flatMap((name) => flatConfigs(readFileSync(join(DIR, name), "utf8")).map((flat) => [name, flat.name, flat] as const));

  it("covers containers of several fixtures", () => {
    expect(new Set(cases.map(([name]) => name)).size).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)("%s %s", (name, containerName, flat) => {
    const target = kubernetesTargets(readFileSync(join(DIR, name), "utf8")).find((t) => t.what === "container" && t.name === containerName);
    expect(target?.processes).toEqual([flat.process]);
    expect(verdict(target?.document.config ?? new Map(), flat.process, flat.version)).toBe(verdict(flat.config, flat.process, flat.version));
  });

  it("the flat file of the 1.17 FLINK_PROPERTIES fixture really fails, so the comparison is not vacuous", () => {
    const flat = flatConfigs(readFileSync(join(DIR, "flink-properties-1.17.yaml"), "utf8"))[0];
    expect(flat && verdict(flat.config, flat.process, flat.version)).toMatch(/^fails: /);
  });
});

describe("line numbers in messages", () => {
  it("a duplicate far down a ConfigMap's flink-conf.yaml names the manifest's line of the later setting", () => {
    // More embedded lines than the manifest has before them, so an embedded line number is also a manifest line.
    const settings = Array.from({ length: 30 }, (_, i) => `    metrics.reporter.r${i}.factory.class: org.example.R${i}`);
    settings[2] = "    parallelism.default: 1";
    settings[24] = "    parallelism.default: 4";
    const text = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: flink-config", "data:", "  flink-conf.yaml: |", ...settings, ""].join("\n");
    const duplicate = lintText(text, { filename: "flink-config.yaml" }).diagnostics.find((d) => d.ruleId === "duplicate-key");
    expect(duplicate?.start.line).toBe(9);
    expect(duplicate?.message).toContain("line 31 sets");
  });
});

describe("FLINK_PROPERTIES over a read-only ConfigMap", () => {
  it("is a warning when it carries settings of its own, a note when it repeats the mounted file", () => {
    const text = readFileSync(join(FIXTURES, "../test/realworld/configmap/017/flink.yaml"), "utf8");
    const notes = lintText(text, { filename: "flink.yaml", showInfo: true }).diagnostics.filter((d) => d.ruleId === "flink-properties-ignored");
    expect(notes.map((d) => [d.severity, d.start.line])).toEqual([
      ["info", 73],
      ["info", 185],
    ]);
    expect(notes[0]?.message).toContain("repeats the Flink file of the ConfigMap flink-config");
  });
});
