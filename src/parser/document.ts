/** Builds a ConfigDocument from parsed entries: last-wins lookup and the `overridden` flags. */
import type { ConfigDocument, ConfigEntry, ConfigValue, Dialect, ParseFinding } from "../types.js";
import { FindingKind } from "./findings.js";
import { LineIndex } from "./lines.js";

/**
 * With `collisionReader`, also adds a flattened-key-collision finding for every entry whose key
 * an earlier entry already set (what `collisionFindings` reports), found in the same pass over
 * the entries instead of a second map of all keys.
 */
export function assembleDocument(
  dialect: Dialect,
  text: string,
  entries: ConfigEntry[],
  findings: ParseFinding[],
  loadFailure?: ConfigDocument["loadFailure"],
  lines: LineIndex = new LineIndex(text),
  collisionReader?: string,
): ConfigDocument {
  // One pass: entries by key, in order of first setting, and each replaced entry marked overridden.
  const byKey = new Map<string, ConfigEntry[]>();
  for (const entry of entries) {
    const same = byKey.get(entry.key);
    if (same) {
      const previous = same[same.length - 1];
      if (previous) {
        previous.overridden = true;
        if (collisionReader !== undefined) findings.push(collisionFinding(entry, previous, collisionReader));
      }
      same.push(entry);
    } else {
      byKey.set(entry.key, [entry]);
    }
    entry.overridden = false;
  }
  findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const doc: ConfigDocument = { dialect, text, lines, entries, byKey, config: new LastValues(byKey), findings };
  if (loadFailure) doc.loadFailure = loadFailure;
  return doc;
}

/** `entry` sets the flattened key `previous` set before: reported at `entry`, the value kept. */
export function collisionFinding(entry: ConfigEntry, previous: ConfigEntry, reader: string): ParseFinding {
  return {
    kind: FindingKind.flattenedKeyCollision,
    range: entry.keyRange,
    data: {
      key: entry.key,
      value: entry.value.text,
      earlierValue: previous.value.text,
      earlierLine: previous.keyRange.start.line,
    },
    related: [{ message: `first set here to "${previous.value.text}", which ${reader} ignores`, range: previous.keyRange }],
  };
}

/**
 * Each key's value as Flink reads it (its last setting), in order of first setting, as a view of
 * `byKey`: a second map of every key would cost a file of 400,000 settings ~0.1 s and its memory.
 */
class LastValues implements ReadonlyMap<string, ConfigValue> {
  constructor(private readonly byKey: ReadonlyMap<string, readonly ConfigEntry[]>) {}

  get size(): number {
    return this.byKey.size;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): ConfigValue | undefined {
    const entries = this.byKey.get(key);
    return entries?.[entries.length - 1]?.value;
  }

  forEach(callback: (value: ConfigValue, key: string, map: ReadonlyMap<string, ConfigValue>) => void, thisArg?: unknown): void {
    for (const [key, value] of this) callback.call(thisArg, value, key, this);
  }

  *entries(): MapIterator<[string, ConfigValue]> {
    for (const [key, entries] of this.byKey) yield [key, (entries[entries.length - 1] as ConfigEntry).value];
  }

  keys(): MapIterator<string> {
    return this.byKey.keys();
  }

  *values(): MapIterator<ConfigValue> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, ConfigValue]> {
    return this.entries();
  }
}
