/**
 * A FlinkDeployment is linted as the configuration the operator writes for Flink: for every
 * manifest fixture, the memory verdict of the manifest equals that of the flat config.yaml built
 * here, independently, the way the operator builds it (FlinkConfigBuilder): spec.flinkConfiguration
 * flattened, then each process size from resource.memory.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, parseAllDocuments, type YAMLMap } from "yaml";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/lint-file.js";
import { lint } from "../src/engine/lint.js";
import { explainDocument } from "../src/formatters/explain.js";
import { parseResourceMemory } from "../src/model/operator/quantity.js";

const ROOT = new URL("..", import.meta.url).pathname;
const DIR = join(ROOT, "fixtures/k8s");

/** `{ a: { b: 1 } }` → `a.b: 1`; lists joined with ";" as the operator's asFlatMap does. */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, Array.isArray(value) ? value.map(String).join(";") : String(value));
  }
}

/** The flat config.yaml the operator writes for one FlinkDeployment. */
function operatorWrites(resource: Record<string, unknown>): string {
  const spec = (resource["spec"] ?? {}) as Record<string, unknown>;
  const settings = new Map<string, string>();
  flatten(spec["flinkConfiguration"] ?? {}, "", settings);
  for (const [process, field] of [["jobmanager", "jobManager"], ["taskmanager", "taskManager"]] as const) {
    const memory = ((spec[field] ?? {}) as { resource?: { memory?: unknown } }).resource?.memory;
    if (memory === undefined) continue;
    const read = parseResourceMemory(String(memory));
    settings.set(`${process}.memory.process.size`, read.ok ? read.text : String(memory));
  }
  return [...settings].map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("\n") + "\n";
}


const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort();

describe("FlinkDeployment: the memory verdict of the manifest is that of the flat file the operator writes", () => {
  it.each(FIXTURES)("%s", (name) => {
    const text = readFileSync(join(DIR, name), "utf8");
    const deployments = parseAllDocuments(text, { version: "1.1" })
      .flatMap((doc) => {
        const root = doc.contents;
        if (!isMap(root)) return [];
        const items = (root as YAMLMap).get("items");
        const js = doc.toJS() as Record<string, unknown>;
        return items ? ((js["items"] as Record<string, unknown>[]) ?? []) : [js];
      })
      .filter((r) => r["kind"] === "FlinkDeployment" && String(r["apiVersion"] ?? "").startsWith("flink.apache.org/"))
      // A canary (label "true", any case) only probes the operator: it is not deployed.
      .filter((r) => String((r["metadata"] as { labels?: Record<string, unknown> } | undefined)?.labels?.["flink.apache.org/canary"] ?? "").toLowerCase() !== "true");
    const linted = lintText(text, { filename: name }).results.filter((r) => r.what === "FlinkDeployment");
    expect(linted.map((r) => r.name)).toEqual(deployments.map((d) => (d["metadata"] as { name?: string } | undefined)?.name ?? ""));
    for (const [i, resource] of deployments.entries()) {
      const target = linted[i];
      if (target === undefined) throw new Error(`no target for resource ${i}`);
      const flat = lint(operatorWrites(resource), { dialect: "standard", flinkVersion: target.flinkVersion });
      const deployment = target.target.deployment ?? "kubernetes";
      const ours = explainDocument(target.document, { flinkVersion: target.flinkVersion, deployment }).json;
      const theirs = explainDocument(flat.document, { flinkVersion: target.flinkVersion, deployment }).json;
      expect(ours.taskmanager, `${name} ${i} taskmanager`).toEqual(theirs.taskmanager);
      expect(ours.jobmanager, `${name} ${i} jobmanager`).toEqual(theirs.jobmanager);
    }
  });
});
