/**
 * The legacy `flink-conf.yaml` reader, reproducing Flink's `GlobalConfiguration.loadLegacyYAMLResource`
 * line by line (SPEC §10.2), plus findings for every line Flink skips or reads differently than it looks.
 */
import type { ConfigDocument, ConfigEntry, ParseFinding, RelatedLocation } from "../types.js";
import { assembleDocument } from "./document.js";
import { FindingKind } from "./findings.js";
import { LineIndex, type Line } from "./lines.js";

const BOM = "\uFEFF";

/** One physical line as Flink's reader sees it: cut at the first `#`, then trimmed. */
interface LegacyLine {
  line: Line;
  /** Index of the first `#` in the line, or -1. */
  hashAt: number;
  /** The trimmed part before the `#`, as indices into the line text. */
  contentStart: number;
  contentEnd: number;
  content: string;
  /** Index of the first `": "` within the line, or -1. */
  separatorAt: number;
}

/** Java's `String.trim()`: strips chars ≤ U+0020 only (unlike JavaScript's `trim`, which strips U+FEFF too). */
function javaTrimBounds(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && text.charCodeAt(s) <= 0x20) s++;
  while (e > s && text.charCodeAt(e - 1) <= 0x20) e--;
  return [s, e];
}

function isJavaWhitespace(char: string | undefined): boolean {
  return char !== undefined && char.charCodeAt(0) <= 0x20;
}

function readLegacyLine(line: Line): LegacyLine {
  const text = line.text;
  const hashAt = text.indexOf("#");
  const [contentStart, contentEnd] = javaTrimBounds(text, 0, hashAt < 0 ? text.length : hashAt);
  const content = text.slice(contentStart, contentEnd);
  const inContent = content.indexOf(": ");
  return { line, hashAt, contentStart, contentEnd, content, separatorAt: inContent < 0 ? -1 : contentStart + inContent };
}

export function parseLegacy(text: string): ConfigDocument {
  const index = new LineIndex(text);
  const lines: LegacyLine[] = [];
  for (const line of index.lines()) lines.push(readLegacyLine(line));
  const contentLines = lines.filter((l) => l.content !== "");

  const entries: ConfigEntry[] = [];
  const findings: ParseFinding[] = [];
  const at = (l: LegacyLine, start: number, end: number) => index.range(l.line.start + start, l.line.start + end);

  // Headers of YAML nesting pasted into the file (`taskmanager:` above indented lines), innermost last.
  const nesting: { indent: number; path: DottedPath }[] = [];
  // Line number → the key whose value that line holds or (wrongly) continues, for the wrapped-value check.
  const valueLines = new Map<number, string>();

  contentLines.forEach((l, i) => {
    const indent = l.contentStart;
    while (nesting.length > 0 && (nesting[nesting.length - 1]?.indent ?? 0) >= indent) nesting.pop();
    const insideNesting = nesting.length > 0;
    const contentRange = at(l, l.contentStart, l.contentEnd);

    if (l.line.number === 1 && l.content === BOM) return; // only the BOM: the legacy-bom finding covers it

    if (l.separatorAt < 0) {
      // YAML document markers: Flink skips them with a warning, and nothing is lost.
      if (l.content === "---" || l.content === "...") return;
      const next = contentLines[i + 1];
      if (l.content.endsWith(":") && next !== undefined && next.contentStart > indent) {
        const key = l.content.slice(0, -1).trim();
        const path = extendPath(nesting[nesting.length - 1]?.path, key);
        findings.push({
          kind: FindingKind.legacyNestedYaml,
          range: contentRange,
          data: { variant: "header", key, path: showPath(path) },
        });
        nesting.push({ indent, path });
        return;
      }
      if (insideNesting) {
        findings.push({
          kind: FindingKind.legacyNestedYaml,
          range: contentRange,
          data: { variant: "droppedChild", line: l.content },
        });
        return;
      }
      if (cutsKeyAtHash(l)) {
        findings.push(hashCutsKey(l, contentRange));
        return;
      }
      const continued = valueLines.get(l.line.number - 1);
      if (continued !== undefined && isWrappedValue(l.content)) {
        // A long value wrapped onto the next line: Flink has no line continuation and skips this part.
        valueLines.set(l.line.number, continued);
        findings.push({
          kind: FindingKind.legacyMissingSeparator,
          range: contentRange,
          data: { variant: "continuation", key: continued, line: l.content },
        });
        return;
      }
      findings.push(missingSeparator(l, contentRange));
      return;
    }

    const [keyStart, keyEnd] = javaTrimBounds(l.line.text, l.contentStart, l.separatorAt);
    const [valueStart, valueEnd] = javaTrimBounds(l.line.text, l.separatorAt + 2, l.contentEnd);
    const key = l.line.text.slice(keyStart, keyEnd);
    const value = l.line.text.slice(valueStart, valueEnd);
    if (key === "" || value === "") {
      findings.push({
        kind: FindingKind.legacyEmptyKeyOrValue,
        range: contentRange,
        data: { variant: key === "" ? "emptyKey" : "emptyValue", line: l.content },
      });
      return;
    }
    const entry: ConfigEntry = {
      key,
      value: { type: "string", text: value },
      raw: value,
      keyRange: at(l, keyStart, keyEnd),
      valueRange: at(l, valueStart, valueEnd),
      overridden: false,
    };
    entries.push(entry);
    if (!insideNesting) valueLines.set(l.line.number, key);

    if (insideNesting) {
      const intended = showPath(extendPath(nesting[nesting.length - 1]?.path, key));
      findings.push({
        kind: FindingKind.legacyNestedYaml,
        range: contentRange,
        data: { variant: "child", key, intended, value, replacement: `${intended}: ${value}` },
      });
    } else if (indent > 0) {
      findings.push({
        kind: FindingKind.legacyIndentedLine,
        range: at(l, 0, indent),
        data: { key },
      });
    }

    if (l.hashAt > l.separatorAt && !isJavaWhitespace(l.line.text[l.hashAt - 1])) {
      let writtenEnd = l.hashAt;
      while (writtenEnd < l.line.text.length && !isJavaWhitespace(l.line.text[writtenEnd])) writtenEnd++;
      findings.push({
        kind: FindingKind.legacyHashInValue,
        range: at(l, valueStart, writtenEnd),
        data: { variant: "cutsValue", key, kept: value, written: l.line.text.slice(valueStart, writtenEnd) },
      });
    }

    const quote = value[0];
    if (value.length >= 2 && (quote === '"' || quote === "'") && value.endsWith(quote)) {
      findings.push({
        kind: FindingKind.legacyQuotedValue,
        range: entry.valueRange,
        data: { key, value, unquoted: value.slice(1, -1) },
      });
    }
  });

  if (text.startsWith(BOM)) {
    const first = entries[0];
    const onFirstLine = first !== undefined && first.keyRange.start.line === 1 ? first : undefined;
    findings.push({
      kind: FindingKind.legacyBom,
      range: index.range(0, 1),
      data: onFirstLine ? { variant: "bomInKey", key: onFirstLine.key.slice(1) } : { variant: "bom" },
    });
  }

  const document = assembleDocument("legacy", text, entries, findings, undefined, index);
  addDuplicateFindings(document);
  return document;
}

/**
 * A dotted key built from nesting headers, kept as its length, head and tail: pasted YAML nested
 * 10,000 levels deep would otherwise give every line a message quoting all the levels above it,
 * quadratic in time and in output.
 */
interface DottedPath {
  length: number;
  /** The first MAX_SHOWN_PATH characters: the whole path when it is that short. */
  head: string;
  /** The last MAX_SHOWN_PATH / 2 characters. */
  tail: string;
}

/** Longer dotted keys are shown with their middle elided; no Flink key comes close. */
const MAX_SHOWN_PATH = 512;

function extendPath(parent: DottedPath | undefined, key: string): DottedPath {
  if (parent === undefined) {
    return { length: key.length, head: key.slice(0, MAX_SHOWN_PATH), tail: key.slice(-MAX_SHOWN_PATH / 2) };
  }
  return {
    length: parent.length + 1 + key.length,
    head: parent.head.length < MAX_SHOWN_PATH ? `${parent.head}.${key.slice(0, MAX_SHOWN_PATH)}`.slice(0, MAX_SHOWN_PATH) : parent.head,
    tail: `${parent.tail}.${key.slice(-MAX_SHOWN_PATH / 2)}`.slice(-MAX_SHOWN_PATH / 2),
  };
}

function showPath(path: DottedPath): string {
  return path.length <= MAX_SHOWN_PATH ? path.head : `${path.head.slice(0, MAX_SHOWN_PATH / 2)}…${path.tail}`;
}

/** `my#key: value`: the `#` (no space before it) cuts the line inside the key, so Flink drops it. */
function cutsKeyAtHash(l: LegacyLine): boolean {
  return (
    l.hashAt > 0 && !isJavaWhitespace(l.line.text[l.hashAt - 1]) && l.line.text.indexOf(": ", l.hashAt) >= 0
  );
}

function hashCutsKey(l: LegacyLine, contentRange: ParseFinding["range"]): ParseFinding {
  const [, writtenEnd] = javaTrimBounds(l.line.text, l.contentStart, l.line.text.length);
  return {
    kind: FindingKind.legacyHashInValue,
    range: contentRange,
    data: { variant: "cutsKey", kept: l.content, written: l.line.text.slice(l.contentStart, writtenEnd) },
  };
}

/**
 * Whether a line without `": "` right below a setting reads as the rest of that setting's value (a
 * long value wrapped by an editor) rather than a setting of its own: not `key:`, `key:value` or a
 * plain `key = value` (a log4j line pasted in), e.g. `ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED`.
 */
function isWrappedValue(content: string): boolean {
  if (content.endsWith(":") || /^[^\s=:]+:/.test(content)) return false;
  const equals = /^([^\s=:]+)\s*=\s*(.*)$/.exec(content);
  return equals === null || (equals[2] ?? "").includes("=");
}

/** A line with no `": "`: Flink logs a warning and skips it. Says which slip it looks like. */
function missingSeparator(l: LegacyLine, range: ParseFinding["range"]): ParseFinding {
  const content = l.content;
  const kind = FindingKind.legacyMissingSeparator;
  if (content.endsWith(":")) {
    return { kind, range, data: { variant: "noValue", key: content.slice(0, -1).trim(), line: content } };
  }
  const equals = /^([^\s=:]+)\s*=\s*(.*)$/.exec(content);
  if (equals) {
    const [, key = "", value = ""] = equals;
    // log4j2 properties pasted in: as "key: value" they would still configure nothing.
    if (/^(rootLogger|logger|appender|log4j2?|property|monitorInterval|status)(\.|$)/.test(key)) {
      return { kind, range, data: { variant: "log4j", line: content } };
    }
    return { kind, range, data: { variant: "equalsSign", line: content, replacement: `${key}: ${value}` } };
  }
  const colon = content.indexOf(":");
  if (colon > 0) {
    const key = content.slice(0, colon).trim();
    const value = content.slice(colon + 1).replace(/^[\t ]+/, "");
    return { kind, range, data: { variant: "noSpace", line: content, replacement: `${key}: ${value}` } };
  }
  return { kind, range, data: { variant: "noSeparator", line: content } };
}

/**
 * A duplicate-key finding on every earlier setting of a key that a later line sets again (Flink
 * keeps the last), placed among the document's findings as if it had been added last before they
 * were sorted by offset. The assembled document has already marked those settings `overridden` and
 * listed each key's settings in order, so a file without repeats costs one flag check per entry.
 */
function addDuplicateFindings(document: ConfigDocument): void {
  const duplicates: ParseFinding[] = [];
  // Per key, how many of its settings were passed so far: the next one is the one that overrides.
  let passed: Map<string, number> | undefined;
  for (const entry of document.entries) {
    if (!entry.overridden) continue;
    passed ??= new Map();
    const index = passed.get(entry.key) ?? 0;
    passed.set(entry.key, index + 1);
    const next = document.byKey.get(entry.key)?.[index + 1];
    if (next === undefined) continue;
    const related: RelatedLocation[] = [{ message: `set again here to "${next.raw}", which Flink uses`, range: next.keyRange }];
    duplicates.push({
      kind: FindingKind.duplicateKey,
      range: entry.keyRange,
      data: { variant: "overridden", key: entry.key, value: entry.raw, laterValue: next.raw, laterLine: next.keyRange.start.line },
      related,
    });
  }
  if (duplicates.length === 0) return;
  // Both lists are in offset order; at equal offsets the earlier findings stay first (a stable sort would keep them so).
  const earlier = document.findings;
  const merged: ParseFinding[] = [];
  let e = 0;
  for (const duplicate of duplicates) {
    const at = duplicate.range.start.offset;
    while (e < earlier.length && (earlier[e] as ParseFinding).range.start.offset <= at) merged.push(earlier[e++] as ParseFinding);
    merged.push(duplicate);
  }
  while (e < earlier.length) merged.push(earlier[e++] as ParseFinding);
  document.findings = merged;
}
