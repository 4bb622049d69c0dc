/**
 * Reading the objects of a Kubernetes manifest stream (single or multi-document YAML, `kind: List`
 * items included) as kubectl does, YAML 1.1, keeping the YAML nodes so every value used has its
 * exact range in the file.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { LineIndex } from "../../parser/lines.js";
import type { Range } from "../../types.js";

/** One object of the stream: a top-level document, or an item of a `kind: List`. */
export interface KubernetesObject {
  kind: string;
  /** `metadata.name`, "" when absent. */
  name: string;
  namespace?: string;
  map: YAMLMap;
  kindRange: Range;
  /** Which YAML document of the stream it is in (0-based). */
  documentIndex: number;
}

export interface ManifestStream {
  objects: KubernetesObject[];
  /** The first YAML error kubectl would stop at. */
  syntaxError?: { message: string; range: Range };
  lines: LineIndex;
  reader: NodeReader;
}

/** Every object of a manifest stream; never throws. */
export function readObjects(text: string): ManifestStream {
  const lines = new LineIndex(text);
  let docs: Document.Parsed[] = [];
  try {
    // As kubectl reads a manifest: YAML 1.1, a repeated key keeping its last value (JSON decoding).
    const parsed = parseAllDocuments(text, { version: "1.1", intAsBigInt: true, uniqueKeys: false, merge: false, prettyErrors: false });
    if (Array.isArray(parsed)) docs = parsed as Document.Parsed[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { objects: [], lines, syntaxError: { message, range: lines.range(0, 0) }, reader: new NodeReader(lines, []) };
  }
  const reader = new NodeReader(lines, docs);
  const firstError = docs.flatMap((d) => d.errors)[0];
  if (firstError) {
    const [start, end] = firstError.pos;
    const message = firstError.message.split(/\r?\n/)[0] ?? firstError.message;
    return { objects: [], lines, syntaxError: { message, range: lines.range(start, Math.max(start, end)) }, reader };
  }
  const objects: KubernetesObject[] = [];
  docs.forEach((doc, documentIndex) => {
    const root = reader.resolve(doc.contents);
    if (!isMap(root)) return;
    const object = reader.object(root, documentIndex);
    if (object?.kind === "List") {
      for (const item of reader.seq(root, "items")?.items ?? []) {
        const resolved = reader.resolve(item);
        const listed = isMap(resolved) ? reader.object(resolved, documentIndex) : undefined;
        if (listed) objects.push(listed);
      }
    } else if (object) objects.push(object);
  });
  return { objects, lines, reader };
}

/** A string scalar value with its node and ranges. */
export interface ScalarValue {
  text: string;
  node: Scalar;
  keyRange: Range;
  valueRange: Range;
}

/** Reads maps, sequences and scalars of the parsed stream, resolving aliases. */
export class NodeReader {
  constructor(
    readonly lines: LineIndex,
    private readonly docs: readonly Document.Parsed[],
  ) {}

  resolve(node: unknown): unknown {
    if (!isAlias(node)) return node;
    for (const doc of this.docs) {
      const found = node.resolve(doc);
      if (found) return found;
    }
    return undefined;
  }

  range(node: YamlNode | null | undefined): Range {
    const r = node?.range;
    return r ? this.lines.range(r[0], r[1]) : this.lines.range(0, 0);
  }

  /** The pair of `key` (the last one, as JSON decoding keeps it). */
  pair(map: YAMLMap | undefined, key: string): Pair | undefined {
    if (!map) return undefined;
    let found: Pair | undefined;
    for (const pair of map.items as Pair[]) {
      const k = this.resolve(pair.key);
      if (isScalar(k) && String(k.value) === key) found = pair;
    }
    return found;
  }

  map(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
    const value = this.resolve(this.pair(map, key)?.value);
    return isMap(value) ? value : undefined;
  }

  seq(map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
    const value = this.resolve(this.pair(map, key)?.value);
    return isSeq(value) ? value : undefined;
  }

  /** The maps of a sequence (other items left out). */
  maps(seq: YAMLSeq | undefined): YAMLMap[] {
    return (seq?.items ?? []).map((item) => this.resolve(item)).filter((item): item is YAMLMap => isMap(item));
  }

  /** A scalar value as the text kubectl sends (a number or boolean printed), with its node. */
  scalar(map: YAMLMap | undefined, key: string): ScalarValue | undefined {
    const pair = this.pair(map, key);
    const value = this.resolve(pair?.value);
    if (!pair || !isScalar(value) || value.value === null || value.value === undefined) return undefined;
    return { text: String(value.value), node: value, keyRange: this.range(pair.key as YamlNode), valueRange: this.range(value) };
  }

  /** The scalars of a sequence, each with its node; undefined when it is not a sequence. */
  scalars(seq: YAMLSeq | undefined): { text: string; node: Scalar; range: Range }[] | undefined {
    if (!seq) return undefined;
    return seq.items.flatMap((item) => {
      const value = this.resolve(item);
      if (!isScalar(value) || value.value === null || value.value === undefined) return [];
      return [{ text: String(value.value), node: value, range: this.range(value) }];
    });
  }

  object(map: YAMLMap, documentIndex: number): KubernetesObject | undefined {
    const kind = this.scalar(map, "kind");
    if (!kind) return undefined;
    const metadata = this.map(map, "metadata");
    const namespace = this.scalar(metadata, "namespace")?.text;
    return {
      kind: kind.text,
      name: this.scalar(metadata, "name")?.text ?? "",
      ...(namespace !== undefined && { namespace }),
      map,
      kindRange: kind.valueRange,
      documentIndex,
    };
  }
}

/** The kinds whose pod template (or own spec) runs containers. */
export const WORKLOAD_KINDS: readonly string[] = ["Deployment", "StatefulSet", "Job", "Pod", "DaemonSet", "ReplicaSet", "CronJob"];

/** The pod spec of a workload: `spec` of a Pod, `spec.jobTemplate.spec.template.spec` of a CronJob, else `spec.template.spec`. */
export function podSpec(reader: NodeReader, object: KubernetesObject): YAMLMap | undefined {
  const spec = reader.map(object.map, "spec");
  if (object.kind === "Pod") return spec;
  if (object.kind === "CronJob") return reader.map(reader.map(reader.map(reader.map(spec, "jobTemplate"), "spec"), "template"), "spec");
  return reader.map(reader.map(spec, "template"), "spec");
}

/**
 * A cheap test for "this may be a Kubernetes manifest this adapter reads": an `apiVersion:` line and
 * a `kind:` line naming a ConfigMap, a workload or a List. `readObjects` decides for sure.
 */
export function looksLikeKubernetesManifest(text: string): boolean {
  // A plain search first: most files are no manifest, and the line patterns cost a scan each.
  return (
    text.includes("apiVersion") &&
    /^[ \t-]*["']?apiVersion["']?[ \t]*:/m.test(text) &&
    /^[ \t-]*["']?kind["']?[ \t]*:[ \t]*["']?(?:ConfigMap|Deployment|StatefulSet|Job|CronJob|Pod|DaemonSet|ReplicaSet|List)\b/m.test(text)
  );
}
