/**
 * Walking a Compose file's YAML as Compose reads it: aliases resolved, and merge keys (`<<: *common`,
 * `<<: [*a, *b]`) folded into the mapping with the mapping's own keys winning, as YAML's merge-key
 * convention and Compose have it. Every node keeps its place in the text.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair, type Scalar, type YAMLMap } from "yaml";

export interface MapEntry {
  key: Scalar;
  value: YamlNode | null;
}

export class ComposeNodes {
  constructor(private readonly doc: Document.Parsed) {}

  /** The node an alias stands for (aliases of aliases followed a few steps). */
  resolve(node: unknown): YamlNode | null {
    let current = node;
    for (let i = 0; i < 8 && isAlias(current); i++) current = current.resolve(this.doc) ?? null;
    return (current as YamlNode | null) ?? null;
  }

  /** A mapping's entries by key, merge keys folded in (explicit keys win, earlier merged maps win). */
  entries(node: unknown): Map<string, MapEntry> {
    const map = this.resolve(node);
    const result = new Map<string, MapEntry>();
    if (!isMap(map)) return result;
    const merged: YAMLMap[] = [];
    for (const pair of map.items as Pair<unknown, unknown>[]) {
      const key = pair.key;
      if (!isScalar(key)) continue;
      if (key.value === "<<" && (key.type === "PLAIN" || key.type === undefined)) {
        const value = this.resolve(pair.value);
        if (isMap(value)) merged.push(value);
        else if (isSeq(value)) for (const item of value.items) {
          const target = this.resolve(item);
          if (isMap(target)) merged.push(target);
        }
        continue;
      }
      result.set(String(key.value), { key, value: (pair.value as YamlNode | null) ?? null });
    }
    for (const source of merged) {
      for (const [name, entry] of this.entries(source)) if (!result.has(name)) result.set(name, entry);
    }
    return result;
  }

  get(node: unknown, key: string): MapEntry | undefined {
    return this.entries(node).get(key);
  }

  /** The scalar a mapping holds under `key` (aliases resolved). */
  scalar(node: unknown, key: string): Scalar | undefined {
    const value = this.resolve(this.get(node, key)?.value);
    return isScalar(value) ? value : undefined;
  }

  /** A sequence's items, aliases resolved. */
  items(node: unknown): YamlNode[] {
    const seq = this.resolve(node);
    if (!isSeq(seq)) return [];
    return seq.items.map((item) => this.resolve(item)).filter((n): n is YamlNode => n !== null);
  }
}
