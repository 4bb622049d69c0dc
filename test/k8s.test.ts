/**
 * Flink Kubernetes Operator manifests: the operator's resource-memory parsing, the configuration it
 * hands to Flink (explain agrees with the equivalent config.yaml), real manifests, and unrelated YAML.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import { lintText } from "../src/lint-file.js";
import { formatCompact } from "../src/formatters/compact.js";
import { explainManifest, lintManifest, looksLikeFlinkManifest, parseResourceMemory } from "../src/hosts/flink-resource/index.js";
import { explainJson } from "../src/formatters/explain.js";
import { parseConfig } from "../src/parser/index.js";
import type { Deployment } from "../src/types.js";
import { FIXTURES } from "./fixture-support.js";

describe("the operator's resource memory parsing (ResourceConfigUtils.parseResourceMemoryString)", () => {
  it.each([
    // Flink's MemorySize first: binary units, any case, so 2G is 2 GiB, and the operator writes MemorySize.toString().
    ["2048m", "2 gb"],
    ["1600m", "1600 mb"],
    ["2G", "2 gb"],
    ["500M", "500 mb"],
    ["2 GB", "2 gb"],
    ["1536", "1536 bytes"],
    // Then a Kubernetes quantity, upper-cased, trailing B dropped, BigDecimal.toString() of the bytes.
    ["2Gi", "2147483648"],
    ["2gib", "2147483648"],
    ["3E3", "3000"],
    ["1.5Gi", "1610612736.0"],
    ["1.5G", "1500000000.0"],
    ["0.5Gi", "536870912.0"],
    ["1Ei", "1.152921504606847E+18"],
  ])("%s → %s", (memory, text) => {
    const resolved = parseResourceMemory(memory);
    expect(resolved.ok && resolved.text).toBe(text);
  });

  it("refuses what neither reads", () => {
    expect(parseResourceMemory("2 gigs")).toMatchObject({ ok: false, quantity: "2GIGS", quantityError: "Invalid quantity format passed to parse" });
    expect(parseResourceMemory("1.5k")).toMatchObject({ ok: false, quantity: "1.5K" });
    expect(parseResourceMemory("")).toMatchObject({ ok: false });
  });

  it("marks fractional quantities that Flink cannot read back", () => {
    const resolved = parseResourceMemory("1.5Gi");
    expect(resolved.ok && resolved.via === "quantity" && resolved.flink.ok).toBe(false);
  });
});

/** A FlinkDeployment and the config.yaml the operator hands to Flink for it, written out by hand. */
const EQUIVALENT: ReadonlyArray<{ name: string; manifest: string; config: string; flinkVersion: string; deployment: Deployment }> = [
  {
    name: "basic",
    flinkVersion: "1.20",
    deployment: "kubernetes",
    manifest: `apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  name: basic
spec:
  image: flink:1.20
  flinkVersion: v1_20
  flinkConfiguration:
    taskmanager.numberOfTaskSlots: "2"
  serviceAccount: flink
  jobManager:
    resource:
      memory: "2048m"
  taskManager:
    resource:
      memory: "2048m"
`,
    config: `taskmanager.numberOfTaskSlots: "2"\njobmanager.memory.process.size: 2 gb\ntaskmanager.memory.process.size: 2 gb\n`,
  },
  {
    name: "flink-size-kept",
    flinkVersion: "1.18",
    deployment: "kubernetes",
    manifest: `apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  name: flink-size-kept
spec:
  flinkVersion: v1_18
  flinkConfiguration:
    taskmanager.memory.flink.size: 1600m
    taskmanager.memory.process.size: 8g
    taskmanager.numberOfTaskSlots: 4
  jobManager:
    resource:
      memory: 1600m
  taskManager:
    resource:
      memory: 2048m
`,
    config: `taskmanager.memory.flink.size: 1600m\ntaskmanager.memory.process.size: 8g\ntaskmanager.numberOfTaskSlots: "4"\njobmanager.memory.process.size: 1600 mb\ntaskmanager.memory.process.size: 2 gb\n`,
  },
  {
    name: "flink-size-out-of-range",
    flinkVersion: "2.0",
    deployment: "kubernetes",
    manifest: `apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  name: flink-size-out-of-range
spec:
  flinkVersion: v2_0
  flinkConfiguration:
    taskmanager:
      memory:
        flink.size: 1g
        managed.fraction: 0.25
  jobManager:
    resource:
      memory: 1Gi
  taskManager:
    resource:
      memory: 4096m
`,
    config: `taskmanager:\n  memory:\n    flink.size: 1g\n    managed.fraction: "0.25"\njobmanager.memory.process.size: "1073741824"\ntaskmanager.memory.process.size: 4 gb\n`,
  },
  {
    name: "standalone-resources",
    flinkVersion: "2.1",
    deployment: "standalone",
    manifest: `apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  name: standalone-resources
spec:
  flinkVersion: v2_1
  mode: standalone
  flinkConfiguration:
    jobmanager.memory.heap.size: 1g
    taskmanager.memory.network.fraction: 0.2
  jobManager:
    resources:
      limits:
        memory: 3G
  taskManager:
    resource:
      memory: 1g
    resources:
      requests:
        memory: 3Gi
        cpu: 2
`,
    config: `jobmanager.memory.heap.size: 1g\ntaskmanager.memory.network.fraction: "0.2"\njobmanager.memory.process.size: 3 gb\ntaskmanager.memory.process.size: "3221225472"\n`,
  },
];

describe("explainManifest agrees with explainJson on the equivalent config.yaml", () => {
  it.each(EQUIVALENT.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const [explained, ...rest] = explainManifest(c.manifest);
    expect(rest).toEqual([]);
    const { name, ...json } = explained ?? { name: "" };
    expect(name).toBe(c.name);
    // Flink's standard reader would refuse a repeated key in one mapping; the operator's map keeps the last.
    const config = parseConfig(c.config.replace(/^(taskmanager\.memory\.process\.size: 8g\n)/m, ""), "standard");
    expect(config.loadFailure).toBeUndefined();
    expect(json).toEqual(explainJson(config, { flinkVersion: c.flinkVersion, deployment: c.deployment }));
  });

  it("derives both processes for the cases (not only failures)", () => {
    const [basic] = explainManifest(EQUIVALENT[0]?.manifest ?? "");
    expect(basic?.taskmanager.ok && basic.taskmanager.bytes.totalProcess).toBe("2147483648");
    const [outOfRange] = explainManifest(EQUIVALENT[2]?.manifest ?? "");
    expect(outOfRange?.taskmanager.ok).toBe(false);
  });

  it("takes --flink-version over spec.flinkVersion", () => {
    const [explained] = explainManifest(EQUIVALENT[0]?.manifest ?? "", { flinkVersion: "1.17" });
    expect(explained?.flinkVersion).toBe("1.17");
  });
});

describe("lintManifest", () => {
  const manifest = EQUIVALENT[2]?.manifest ?? "";

  it("puts the overhead failure on flink.size with resource.memory as the related location", () => {
    const [result] = lintManifest(manifest);
    const finding = result?.diagnostics.find((d) => d.ruleId === "operator-flink-size-with-resource-memory");
    expect(finding).toMatchObject({ severity: "error", start: { line: 10, column: 9 } });
    expect(finding?.related?.[0]?.range.start).toMatchObject({ line: 17, column: 15 });
    // The operator rule takes over memory-both-totals' report at the same place.
    expect(result?.diagnostics.map((d) => d.ruleId)).not.toContain("memory-both-totals");
  });

  it("names each result, with the manifest's version", () => {
    const results = lintManifest(manifest);
    expect(results.map((r) => [r.name, r.kind, r.flinkVersion, r.dialect])).toEqual([["flink-size-out-of-range", "FlinkDeployment", "2.0", "standard"]]);
  });

  it("honours suppression comments inside the manifest, per resource", () => {
    const suppressed = manifest.replace("        flink.size: 1g", "        # flinklint-disable-next-line operator-flink-size-with-resource-memory\n        flink.size: 1g");
    const [result] = lintManifest(suppressed);
    expect(result?.diagnostics.map((d) => d.ruleId)).not.toContain("operator-flink-size-with-resource-memory");
    expect(result?.suppressed.map((d) => d.ruleId)).toContain("operator-flink-size-with-resource-memory");
  });

  it("reports a manifest that is not YAML once, as a parse error", () => {
    const results = lintManifest("apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec: [\n");
    expect(results).toHaveLength(1);
    expect(results[0]?.diagnostics.map((d) => d.ruleId)).toEqual(["parse"]);
  });

  it("runs the operator rules on a manifest read as one, and not when --dialect reads it as a config.yaml", () => {
    expect(lintText(manifest, { filename: "flink.yaml" }).diagnostics.map((d) => d.ruleId)).toContain("operator-flink-size-with-resource-memory");
    const asFlinkFile = lint(manifest, { dialect: "standard" }).diagnostics.map((d) => d.ruleId);
    expect(asFlinkFile.filter((id) => id.startsWith("operator-"))).toEqual([]);
  });

  it("keeps the operator rules silent on Flink config files", () => {
    const ruleIds = lint("kubernetes.cluster-id: x\ntaskmanager.memory.flink.size: 1g\n", { dialect: "standard" }).diagnostics.map((d) => d.ruleId);
    expect(ruleIds.filter((id) => id.startsWith("operator-"))).toEqual([]);
  });
});

describe("unrelated YAML next to manifests", () => {
  const unrelated: Record<string, string> = {
    deployment: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n",
    service: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n",
    configMap: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  taskmanager.memory.process.size: 1.5g\n",
    helmValues: "image:\n  repository: flink\nflinkVersion: v1.17\nresources:\n  memory: 2 gigs\n",
    kustomization: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - flink-deployment.yaml\n",
    otherGroup: "apiVersion: example.com/v1\nkind: FlinkDeployment\nmetadata:\n  name: not-the-operator\nspec:\n  flinkVersion: v1.17\n",
    broken: "apiVersion: v1\nkind: Secret\ndata: [\n",
    empty: "",
  };

  it.each(Object.entries(unrelated))("%s: not a Flink manifest, no results", (_name, text) => {
    expect(looksLikeFlinkManifest(text)).toBe(false);
    expect(lintManifest(text)).toEqual([]);
    expect(explainManifest(text)).toEqual([]);
  });

  it("a ConfigMap that only quotes a FlinkDeployment as text passes the cheap test but yields nothing", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  deployment.yaml: |\n    apiVersion: flink.apache.org/v1beta1\n    kind: FlinkDeployment\n";
    expect(looksLikeFlinkManifest(text)).toBe(true);
    expect(lintManifest(text)).toEqual([]);
  });

  it("the multi-document fixture reports nothing on its unrelated objects", () => {
    const text = readFileSync(join(FIXTURES, "k8s/multi-document.yaml"), "utf8");
    const firstFlink = text.indexOf("kind: FlinkDeployment");
    const results = lintManifest(text);
    expect(results.map((r) => r.name)).toEqual(["in-a-stream", "session-job"]);
    for (const d of results.flatMap((r) => r.diagnostics)) expect(d.start.offset).toBeGreaterThan(firstFlink);
  });
});

describe("real FlinkDeployment manifests from public projects", () => {
  const root = join(FIXTURES, "realworld/k8s");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

  it("are all here", () => {
    expect(files.length).toBe(25);
  });

  it.each(files)("%s lints without an internal error, every range inside the file", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    expect(looksLikeFlinkManifest(text)).toBe(true);
    for (const flinkVersion of [undefined, "1.20", "2.1"]) {
      const results = lintManifest(text, { showInfo: true, ...(flinkVersion && { flinkVersion }) });
      expect(results.length).toBeGreaterThan(0);
      for (const d of results.flatMap((r) => [...r.diagnostics, ...r.suppressed])) {
        expect(d.ruleId).not.toBe("internal-error");
        expect(d.start.offset).toBeLessThanOrEqual(d.end.offset);
        expect(d.end.offset).toBeLessThanOrEqual(text.length);
        expect(text.slice(0, d.start.offset).split(/\r\n|\r|\n/).length).toBe(d.start.line);
        for (const r of d.related ?? []) expect(r.range.end.offset).toBeLessThanOrEqual(text.length);
      }
      expect(explainManifest(text, flinkVersion ? { flinkVersion } : {}).length).toBeGreaterThan(0);
    }
  });

  // Only the operator and memory rules: the golden shows what this issue adds, not every rule's wording.
  it("report what they report (golden, operator and memory rules)", async () => {
    const printed = files
      .map((file) => {
        const text = readFileSync(join(root, file), "utf8");
        const results = lintManifest(text, { showInfo: true });
        return formatCompact(results.map((r) => ({ filePath: `${relative(FIXTURES, join(root, file))}#${r.name}`, diagnostics: r.diagnostics.filter((d) => /^(operator|memory)-/.test(d.ruleId)) })));
      })
      .join("");
    await expect(printed).toMatchFileSnapshot(join(root, "findings.out"));
  });
});
