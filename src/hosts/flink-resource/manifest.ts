/**
 * Reading Kubernetes manifests (single or multi-document YAML, `kind: List` included) for the Flink
 * Kubernetes Operator's resources, keeping the exact range of every value used.
 * kubectl reads manifests as YAML 1.1 and hands JSON to the API server; the operator deserializes
 * `spec.flinkConfiguration` into a `ConfigObjectNode` and flattens it with `asFlatMap()`
 * (nested maps joined with ".", lists joined with ";", scalars as `JsonNode.asText()`).
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode, type Pair, type YAMLMap } from "yaml";
import { LineIndex } from "../../parser/lines.js";
import { javaDoubleToString } from "../../util/java.js";
import type { ConfigEntry, ParseFinding, Range } from "../../types.js";
import type { FlinkResource, FlinkResourceKind, KeyAt, ProcessSpec, ScalarAt } from "../../model/operator/resource.js";
import { FLINK_API_GROUP } from "../../model/operator/resource.js";

export type { FlinkResource, FlinkResourceKind, ScalarAt } from "../../model/operator/resource.js";
export { FLINK_API_GROUP } from "../../model/operator/resource.js";
import { collisionFindings } from "../../parser/standard.js";

const RESOURCE_KINDS: readonly string[] = ["FlinkDeployment", "FlinkSessionJob"];
const CANARY_LABEL = "flink.apache.org/canary";

export interface ManifestReadResult {
  resources: FlinkResource[];
  /** The first YAML error kubectl would stop at, when the stream is not valid YAML. */
  syntaxError?: { message: string; range: Range };
  lines: LineIndex;
}

const PARSE_OPTIONS = {
  version: "1.1",
  intAsBigInt: true,
  uniqueKeys: false,
  merge: false,
  prettyErrors: false,
} as const;

/**
 * A cheap test for "this file may hold a Flink operator resource": an `apiVersion: flink.apache.org/…`
 * and a `kind: FlinkDeployment` or `kind: FlinkSessionJob` line. `readManifest` decides for sure.
 */
export function looksLikeFlinkManifest(text: string): boolean {
  // A plain search first: most files are no manifest, and the line patterns cost a scan each.
  return (
    text.includes("flink.apache.org/") &&
    /^[ \t-]*["']?apiVersion["']?[ \t]*:[ \t]*["']?flink\.apache\.org\//m.test(text) &&
    /^[ \t-]*["']?kind["']?[ \t]*:[ \t]*["']?Flink(?:Deployment|SessionJob)\b/m.test(text)
  );
}

/** Finds every FlinkDeployment and FlinkSessionJob in a manifest (canaries left out). Never throws. */
export function readManifest(text: string): ManifestReadResult {
  const lines = new LineIndex(text);
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, PARSE_OPTIONS) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (error) {
    return { resources: [], lines, syntaxError: { message: error instanceof Error ? error.message : String(error), range: lines.range(0, 0) } };
  }
  const firstError = docs.flatMap((d) => d.errors)[0];
  if (firstError) {
    const [start, end] = firstError.pos;
    return {
      resources: [],
      lines,
      syntaxError: { message: firstLine(firstError.message), range: lines.range(start, Math.max(start, end)) },
    };
  }
  const resources: FlinkResource[] = [];
  docs.forEach((doc, i) => {
    const documentStart = i === 0 ? 0 : doc.range[0];
    const documentEnd = docs[i + 1]?.range[0] ?? text.length;
    const reader = new NodeReader(doc, lines);
    const root = reader.resolve(doc.contents);
    if (!isMap(root)) return;
    const candidates: YAMLMap[] = [root];
    // `kubectl get -o yaml` prints a `kind: List` with the objects under `items`.
    const kind = reader.scalar(root, "kind");
    if (kind?.text === "List") {
      const items = reader.resolve(reader.get(root, "items")?.value);
      if (isSeq(items)) for (const item of items.items) {
        const resolved = reader.resolve(item);
        if (isMap(resolved)) candidates.push(resolved);
      }
    }
    for (const map of candidates) {
      const resource = reader.resource(map, documentStart, documentEnd);
      if (resource) resources.push(resource);
    }
  });
  return { resources, lines };
}

class NodeReader {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineIndex,
  ) {}

  resolve(node: unknown): unknown {
    if (isAlias(node)) return node.resolve(this.doc);
    return node;
  }

  range(node: YamlNode | null | undefined, fallback: number): Range {
    const r = node?.range;
    return r ? this.lines.range(r[0], r[1]) : this.lines.range(fallback, fallback);
  }

  /** The pair of `key` in a map (the last one, as JSON decoding keeps). */
  get(map: YAMLMap, key: string): Pair | undefined {
    let found: Pair | undefined;
    for (const pair of map.items as Pair[]) {
      const k = this.resolve(pair.key);
      if (isScalar(k) && String(k.value) === key) found = pair;
    }
    return found;
  }

  keyAt(pair: Pair): KeyAt {
    return { keyRange: this.range(pair.key as YamlNode | null, 0) };
  }

  /** A map child of `map`, with its key. */
  child(map: YAMLMap | undefined, key: string): (KeyAt & { map: YAMLMap }) | undefined {
    if (!map) return undefined;
    const pair = this.get(map, key);
    if (!pair) return undefined;
    const value = this.resolve(pair.value);
    if (!isMap(value)) return undefined;
    return { ...this.keyAt(pair), map: value };
  }

  scalar(map: YAMLMap | undefined, key: string): ScalarAt | undefined {
    if (!map) return undefined;
    const pair = this.get(map, key);
    if (!pair) return undefined;
    const value = this.resolve(pair.value);
    if (!isScalar(value) || value.value === null || value.value === undefined) return undefined;
    const keyRange = this.range(pair.key as YamlNode | null, 0);
    return {
      text: scalarText(value.value),
      isString: typeof value.value === "string",
      value: value.value,
      keyRange,
      valueRange: this.range(pair.value as YamlNode | null, keyRange.end.offset),
    };
  }

  resource(root: YAMLMap, documentStart: number, documentEnd: number): FlinkResource | undefined {
    const apiVersion = this.scalar(root, "apiVersion");
    const kind = this.scalar(root, "kind");
    if (!apiVersion || !kind || !apiVersion.text.startsWith(FLINK_API_GROUP) || !RESOURCE_KINDS.includes(kind.text)) return undefined;
    const metadata = this.child(root, "metadata")?.map;
    // A canary (label `flink.apache.org/canary: "true"`) only probes the operator's health: the
    // operator neither validates nor deploys it (CanaryResourceManager.isCanaryResource, checked first
    // by FlinkDeploymentController.reconcile and the webhook's FlinkValidator), so there is nothing to lint.
    if (this.scalar(this.child(metadata, "labels")?.map, CANARY_LABEL)?.text.toLowerCase() === "true") return undefined;
    const specPair = this.get(root, "spec");
    const spec = this.child(root, "spec");
    const [start = 0, , end = start] = root.range ?? [];
    const resource: FlinkResource = {
      kind: kind.text as FlinkResourceKind,
      apiVersion: apiVersion.text,
      name: this.scalar(metadata, "name")?.text ?? "",
      start,
      end,
      documentStart,
      documentEnd,
      kindRange: kind.valueRange,
    };
    const namespace = this.scalar(metadata, "namespace")?.text;
    if (namespace !== undefined) resource.namespace = namespace;
    if (specPair) resource.spec = this.keyAt(specPair);
    const s = spec?.map;
    if (!s) return resource;
    const configPair = this.get(s, "flinkConfiguration");
    if (configPair) {
      const { entries, findings } = this.flatten(this.resolve(configPair.value));
      resource.flinkConfiguration = { ...this.keyAt(configPair), entries, findings };
    }
    const assign = <K extends "flinkVersion" | "mode" | "image" | "imagePullPolicy" | "serviceAccount">(key: K): void => {
      const value = this.scalar(s, key);
      if (value) resource[key] = value;
    };
    assign("flinkVersion");
    assign("mode");
    assign("image");
    assign("imagePullPolicy");
    assign("serviceAccount");
    const job = this.child(s, "job");
    if (job) {
      const parallelism = this.scalar(job.map, "parallelism");
      resource.job = { keyRange: job.keyRange, ...(parallelism && { parallelism }) };
    }
    const jobManager = this.process(s, "jobManager");
    if (jobManager) resource.jobManager = jobManager;
    const taskManager = this.process(s, "taskManager");
    if (taskManager) resource.taskManager = taskManager;
    return resource;
  }

  process(spec: YAMLMap, key: string): ProcessSpec | undefined {
    const pm = this.child(spec, key);
    if (!pm) return undefined;
    const result: ProcessSpec = { keyRange: pm.keyRange };
    const resource = this.child(pm.map, "resource");
    if (resource) {
      const memory = this.scalar(resource.map, "memory");
      const cpu = this.scalar(resource.map, "cpu");
      result.resource = { keyRange: resource.keyRange, ...(memory && { memory }), ...(cpu && { cpu }) };
    }
    const resources = this.child(pm.map, "resources");
    if (resources) {
      const section = (name: string): Map<string, ScalarAt> => {
        const found = new Map<string, ScalarAt>();
        const m = this.child(resources.map, name)?.map;
        if (!m) return found;
        for (const pair of m.items as Pair[]) {
          const k = this.resolve(pair.key);
          if (!isScalar(k)) continue;
          const value = this.scalar(m, String(k.value));
          if (value) found.set(String(k.value), value);
        }
        return found;
      };
      result.resources = { keyRange: resources.keyRange, requests: section("requests"), limits: section("limits") };
    }
    const replicas = this.scalar(pm.map, "replicas");
    if (replicas) result.replicas = replicas;
    return result;
  }

  /** `ConfigObjectNode.asFlatMap()`, keeping each leaf's key and value range. */
  flatten(node: unknown): { entries: ConfigEntry[]; findings: ParseFinding[] } {
    const entries: ConfigEntry[] = [];
    if (!isMap(node)) return { entries, findings: [] };
    const walk = (map: YAMLMap, prefix: string): void => {
      for (const pair of map.items as Pair[]) {
        const keyNode = this.resolve(pair.key);
        const keyText = isScalar(keyNode) ? scalarText(keyNode.value) : String(keyNode);
        const key = prefix === "" ? keyText : `${prefix}.${keyText}`;
        const value = this.resolve(pair.value);
        const keyRange = this.range(pair.key as YamlNode | null, 0);
        const valueRange = this.range(pair.value as YamlNode | null, keyRange.end.offset);
        if (isMap(value)) {
          walk(value, key);
          continue;
        }
        let text: string;
        if (isSeq(value)) {
          // asFlatMap puts one entry per item, each the whole list joined by ";": none for an empty list.
          if (value.items.length === 0) continue;
          text = value.items.map((item) => {
            const resolved = this.resolve(item);
            return isScalar(resolved) ? scalarText(resolved.value) : "";
          }).join(";");
        } else {
          text = isScalar(value) ? scalarText(value.value) : "null";
        }
        const raw = this.lines.text.slice(valueRange.start.offset, valueRange.end.offset);
        entries.push({ key, value: { type: "string", text }, raw, keyRange, valueRange, overridden: false });
      }
    };
    walk(node, "");
    return { entries, findings: collisionFindings(entries, "the operator") };
  }
}


/** `JsonNode.asText()` of what kubectl sends for a YAML scalar. */
function scalarText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    // JSON carries a whole float like 1.0 as 1, which Jackson reads as an integer.
    if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
    return javaDoubleToString(value);
  }
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function firstLine(message: string): string {
  const cut = message.search(/\r?\n/);
  return cut < 0 ? message : message.slice(0, cut);
}
