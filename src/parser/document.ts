/** Builds a ConfigDocument from parsed entries: last-wins lookup and the `overridden` flags. */
import type { ConfigDocument, ConfigEntry, ConfigValue, Dialect, ParseFinding } from "../types.js";
import { LineIndex } from "./lines.js";

export function assembleDocument(
  dialect: Dialect,
  text: string,
  entries: ConfigEntry[],
  findings: ParseFinding[],
  loadFailure?: ConfigDocument["loadFailure"],
  lines: LineIndex = new LineIndex(text),
): ConfigDocument {
  const byKey = new Map<string, ConfigEntry[]>();
  for (const entry of entries) {
    const same = byKey.get(entry.key);
    if (same) same.push(entry);
    else byKey.set(entry.key, [entry]);
  }
  const config = new Map<string, ConfigValue>();
  for (const [key, same] of byKey) {
    same.forEach((entry, i) => {
      entry.overridden = i < same.length - 1;
    });
    const last = same[same.length - 1];
    if (last) config.set(key, last.value);
  }
  findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const doc: ConfigDocument = { dialect, text, lines, entries, byKey, config, findings };
  if (loadFailure) doc.loadFailure = loadFailure;
  return doc;
}
