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
  // One pass: entries by key, the last value of each key (a Map keeps first-insertion order, as
  // byKey does), and each replaced entry marked overridden.
  const byKey = new Map<string, ConfigEntry[]>();
  const config = new Map<string, ConfigValue>();
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
    config.set(entry.key, entry.value);
  }
  findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const doc: ConfigDocument = { dialect, text, lines, entries, byKey, config, findings };
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
