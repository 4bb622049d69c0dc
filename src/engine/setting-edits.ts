/**
 * Turning a change of settings ("set `k` to `v`", "remove `k`") into text edits of the file the
 * settings were read from, and checking that the edited text really holds the changed settings.
 * Host-agnostic: it works on a document's entries and their ranges, whether the text is a Flink file
 * or a manifest (ranges then point into the manifest); the host supplies how to read an edited text.
 */
import type { ConfigDocument, ConfigEntry, ConfigValue, TextEdit } from "../types.js";
import { parseMemorySize } from "../model/memory-size.js";

/** One change of the configuration Flink reads. A `value` is written as is (e.g. `1728m`). */
export type SettingChange = { key: string; value: string } | { key: string; remove: true };

/** Reads an edited text the way the original was read (same dialect, same host). */
export type Reread = (text: string) => ConfigDocument | undefined;

/**
 * Past this many characters a suggestion is not re-read to be checked, and so not offered: a
 * re-read per suggestion would cost seconds on a file of megabytes.
 */
export const MAX_CHECKED_TEXT = 1 << 20;

/** The configuration after `changes`, as `Map` of key → value text. */
export function changedConfig(config: ReadonlyMap<string, ConfigValue>, changes: readonly SettingChange[]): Map<string, ConfigValue> {
  const changed = new Map(config);
  for (const change of changes) {
    if ("remove" in change) changed.delete(change.key);
    else changed.set(change.key, { type: "string", text: change.value });
  }
  return changed;
}

/** The edits that make `doc`'s text hold the changed settings, or undefined when one change has no clean edit. */
export function editsForChanges(doc: ConfigDocument, changes: readonly SettingChange[]): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const change of changes) {
    const entries = doc.byKey.get(change.key) ?? [];
    if ("remove" in change) {
      if (entries.length === 0) return undefined;
      // Every line of the key goes: an overridden earlier one would otherwise become the value Flink uses.
      for (const entry of entries) {
        const removal = writtenAsKey(doc, entry) ? deleteLineEdit(doc, entry) : undefined;
        if (removal === undefined) return undefined;
        edits.push(removal);
      }
      continue;
    }
    const last = entries[entries.length - 1];
    if (last !== undefined) edits.push({ range: last.valueRange, text: change.value });
    else {
      const insertion = insertionFor(doc, change.key, change.value);
      if (insertion === undefined) return undefined;
      edits.push(insertion);
    }
  }
  edits.sort(byStart);
  for (let i = 1; i < edits.length; i++) {
    const before = edits[i - 1] as TextEdit;
    if ((edits[i] as TextEdit).range.start.offset < before.range.end.offset) return undefined;
  }
  return edits;
}

/** The order `applyEdits` wants: by start, then by end (an insertion before a replacement at its point). */
export function byStart(a: TextEdit, b: TextEdit): number {
  return a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset;
}

/** `text` with non-overlapping `edits` (sorted by start) applied. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let output = "";
  let cursor = 0;
  for (const edit of edits) {
    output += text.slice(cursor, edit.range.start.offset) + edit.text;
    cursor = edit.range.end.offset;
  }
  return output + text.slice(cursor);
}

/**
 * Whether the edited text, read again, holds exactly the changed settings and no new parse
 * finding: so an edit cannot land in the wrong mapping, drop a neighbour or break the file.
 */
export function holdsChanges(doc: ConfigDocument, changes: readonly SettingChange[], edits: readonly TextEdit[], reread: Reread): boolean {
  if (doc.text.length > MAX_CHECKED_TEXT) return false;
  const edited = reread(applyEdits(doc.text, edits));
  if (edited === undefined || edited.loadFailure) return false;
  const expected = changedConfig(doc.config, changes);
  if (edited.config.size !== expected.size) return false;
  for (const [key, value] of expected) {
    const now = edited.config.get(key)?.text;
    if (now === undefined || !sameValue(now, value.text)) return false;
  }
  const before = new Map<string, number>();
  for (const finding of doc.findings) before.set(finding.kind, (before.get(finding.kind) ?? 0) + 1);
  for (const finding of edited.findings) {
    const left = before.get(finding.kind) ?? 0;
    if (left === 0) return false;
    before.set(finding.kind, left - 1);
  }
  return true;
}

/** The same text, or the same size written another way (a host may rewrite `1728m` as `1728 mb`). */
function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  const x = parseMemorySize(a);
  const y = parseMemorySize(b);
  return x.ok && y.ok && x.bytes === y.bytes;
}

/**
 * Whether the entry's key is written in the text as (the end of) its own dotted key: true in a
 * Flink file, false for a value a host maps onto a key (a manifest's `resource.memory` is the
 * process size), whose line is the host's, not a setting to delete.
 */
function writtenAsKey(doc: ConfigDocument, entry: ConfigEntry): boolean {
  const token = doc.text.slice(entry.keyRange.start.offset, entry.keyRange.end.offset);
  return token !== "" && (token === entry.key || entry.key.endsWith(`.${token}`));
}

/** Whether the entry is written flat (`a.b.c: v`, the whole key on its line), so a sibling line can follow it. */
function writtenFlat(doc: ConfigDocument, entry: ConfigEntry): boolean {
  return doc.text.slice(entry.keyRange.start.offset, entry.keyRange.end.offset) === entry.key;
}

/**
 * A new line `key: value`: after the flat entry sharing the most leading segments with `key` (the
 * other `taskmanager.memory.*` lines), with its indentation; without one, at the end of the text.
 */
function insertionFor(doc: ConfigDocument, key: string, value: string): TextEdit | undefined {
  const eol = doc.text.includes("\r\n") ? "\r\n" : "\n";
  let anchor: ConfigEntry | undefined;
  let shared = 0;
  for (const entry of doc.entries) {
    if (!writtenFlat(doc, entry) || entry.valueRange.end.line !== entry.keyRange.start.line) continue;
    const common = sharedSegments(entry.key, key);
    if (common > 0 && common >= shared) {
      anchor = entry;
      shared = common;
    }
  }
  const line = `${key}: ${value}`;
  if (anchor === undefined) {
    const text = doc.text;
    const end = doc.lines.range(text.length, text.length);
    const needsBreak = text.length > 0 && !text.endsWith("\n") && !text.endsWith("\r");
    return { range: end, text: `${needsBreak ? eol : ""}${line}${eol}` };
  }
  const anchorLine = anchor.keyRange.start.line;
  // Flink's line reader trims lines (an indented one is a finding of its own); YAML needs the anchor's indentation.
  const lineStart = doc.lines.line(anchorLine).start;
  const indent = doc.dialect === "legacy" ? "" : doc.text.slice(lineStart, anchor.keyRange.start.offset);
  if (anchorLine < doc.lines.lineCount) {
    const next = doc.lines.lineRange(anchorLine + 1).start;
    return { range: { start: next, end: next }, text: `${indent}${line}${eol}` };
  }
  const end = doc.lines.lineRange(anchorLine).end;
  return { range: { start: end, end }, text: `${eol}${indent}${line}` };
}

function sharedSegments(a: string, b: string): number {
  const x = a.split(".");
  const y = b.split(".");
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/**
 * An edit that renames an entry's key to `newKey`, when one token can do it: always in
 * flink-conf.yaml; in config.yaml only when the new key keeps the entry's parent path
 * (`taskmanager:` → `  memory.size:` can become `  memory.managed.size:`, not `jobmanager...`).
 */
export function renameKeyEdit(doc: ConfigDocument, entry: ConfigEntry, newKey: string): TextEdit | undefined {
  const token = doc.text.slice(entry.keyRange.start.offset, entry.keyRange.end.offset);
  if (!entry.key.endsWith(token) || token === "") return undefined;
  const parent = entry.key.slice(0, entry.key.length - token.length);
  if (parent !== "" && !parent.endsWith(".")) return undefined;
  if (!newKey.startsWith(parent) || newKey.length === parent.length) return undefined;
  return { range: entry.keyRange, text: newKey.slice(parent.length) };
}

/** An edit that deletes the entry's whole line (with its line break), when the line holds only this entry. */
export function deleteLineEdit(doc: ConfigDocument, entry: ConfigEntry): TextEdit | undefined {
  const { line } = entry.keyRange.start;
  if (entry.valueRange.end.line !== line) return undefined;
  const range = doc.lines.lineRange(line);
  const text = doc.text.slice(range.start.offset, range.end.offset);
  if (text.trim().startsWith("-") || /^\s*[{[]/.test(text)) return undefined;
  const next = line < doc.lines.lineCount ? doc.lines.lineRange(line + 1).start : range.end;
  // Deleting the only child of a nested map would leave `parent:` with a null value, which Flink refuses.
  if (doc.dialect === "standard" && entry.key !== text.trim().split(":")[0]?.trim()) {
    const parent = entry.key.slice(0, entry.key.lastIndexOf(".") + 1);
    const siblings = doc.entries.filter((e) => e !== entry && e.key.startsWith(parent));
    if (siblings.length === 0) return undefined;
  }
  return { range: { start: range.start, end: next }, text: "" };
}
