/**
 * Writing a `config.yaml` that Flink 2.x (snakeyaml-engine, YAML 1.2 core schema) reads back to
 * exactly the strings Flink 1.x's legacy reader produced: scalars plain where the core schema keeps
 * their text, quoted otherwise; keys nested along their dots or flat.
 */
import { NOT_STRING_KEYS, scalarAt } from "../parser/standard-lines.js";

/** A key segment that may stand as a plain key of a nested mapping: the line reader's key words, no dots. */
const PLAIN_SEGMENT = /^[A-Za-z_][A-Za-z0-9_\-/]*$/;
/** A whole key that may stand plain (dots allowed, as in Flink's own `config.yaml` flat keys). */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/;
/** YAML's limit on an implicit key: at most 1024 characters before its `:`. */
const MAX_IMPLICIT_KEY = 1024;

export function isPlainSegment(segment: string): boolean {
  return PLAIN_SEGMENT.test(segment) && !NOT_STRING_KEYS.has(segment);
}

/** A mapping key as YAML text: plain when it is a key word, else quoted. */
export function yamlKey(key: string): string {
  if (PLAIN_KEY.test(key) && !NOT_STRING_KEYS.has(key) && key.length <= MAX_IMPLICIT_KEY) return key;
  return quoted(key);
}

/** Whether the value is written quoted (the text a plain scalar would not keep). */
export function needsQuotes(value: string): boolean {
  return yamlValue(value) !== value;
}

/**
 * A value as YAML text that reads back as this very string's text: plain when the core schema
 * reads the plain scalar to the same text (`1728m`, `4`, `true`, `0.4`), quoted otherwise
 * (`0x10`, `1e3`, `True`, `null`, `~`, `a: b`, `a #b`, leading indicators, non-ASCII, …).
 */
export function yamlValue(value: string): string {
  if (isPlainSafe(value)) return value;
  return quoted(value);
}

function isPlainSafe(value: string): boolean {
  if (value === "" || value.startsWith("---") || value.startsWith("...")) return false;
  if (value !== value.trim()) return false;
  // The line reader's own scalar rules (printable ASCII, no indicator first, no `: `, no ` #`, core schema).
  const line = `k: ${value}`;
  const read = scalarAt(line, 3, line.length);
  if (read === undefined || read.end !== line.length) return false;
  return read.value.text === value;
}

/** YAML's c-printable characters, as allowed inside a single-quoted scalar (a tab too), BOM excluded. */
function isSingleQuotable(text: string): boolean {
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    const ok =
      c === 0x09 ||
      (c >= 0x20 && c <= 0x7e) ||
      c === 0x85 ||
      (c >= 0xa0 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) ||
      (c >= 0x10000 && c <= 0x10ffff);
    if (!ok) return false;
  }
  return true;
}

function quoted(text: string): string {
  if (isSingleQuotable(text)) return `'${text.replace(/'/g, "''")}'`;
  let out = '"';
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === "\\") out += "\\\\";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f)) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if ((c >= 0xd800 && c <= 0xdfff) || c === 0xfeff || c === 0xfffe || c === 0xffff) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}

/** One setting to write: its key, its value, the comment lines above it and its trailing comment. */
export interface YamlItem {
  key: string;
  value: string;
  /** Comment lines above (each starting with `#`), "" for a blank line between them. */
  comments: readonly string[];
  /** A trailing comment, starting with `#`. */
  trailing?: string;
  /**
   * Written as comment lines instead of a setting (an option Flink 2.x no longer has): these lines,
   * each starting with `#`, follow `comments`.
   */
  commentedOut?: readonly string[];
}

export type YamlStyle = "nested" | "flat";

/** The document text: the header comments, the settings, the footer comments. */
export function renderYaml(header: readonly string[], items: readonly YamlItem[], footer: readonly string[], style: YamlStyle): string {
  const out: string[] = [];
  if (header.length > 0) out.push(...header, "");
  if (style === "flat") {
    for (const item of items) emitItem(out, item, item.key, 0);
  } else {
    renderLevel(out, items.map((item) => ({ item, rest: nestable(item) })), 0);
  }
  if (footer.length > 0) {
    if (out.length > 0 && out[out.length - 1] !== "") out.push("");
    out.push(...footer);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}

/** The key's segments when every one may be nested; undefined to write the key whole at the top. */
function nestable(item: YamlItem): string[] | undefined {
  if (item.commentedOut !== undefined) return undefined;
  const segments = item.key.split(".");
  return segments.every(isPlainSegment) ? segments : undefined;
}

interface Placed {
  item: YamlItem;
  /** The segments still to write at this level and below; undefined: written whole here. */
  rest: string[] | undefined;
}

function renderLevel(out: string[], placed: readonly Placed[], depth: number): void {
  // Groups by first segment, in order of first appearance; whole keys are groups of their own.
  const groups: Placed[][] = [];
  const bySegment = new Map<string, Placed[]>();
  for (const p of placed) {
    if (p.rest === undefined) {
      groups.push([p]);
      continue;
    }
    const head = p.rest[0] ?? "";
    const group = bySegment.get(head);
    if (group) group.push(p);
    else {
      const created = [p];
      bySegment.set(head, created);
      groups.push(created);
    }
  }
  const indent = "  ".repeat(depth);
  for (const group of groups) {
    const first = group[0];
    if (first === undefined) continue;
    if (first.rest === undefined) {
      emitItem(out, first.item, first.item.key, depth);
      continue;
    }
    const head = first.rest[0] ?? "";
    const leaf = group.find((p) => p.rest?.length === 1);
    if (leaf !== undefined) {
      // A key that is a value here (and maybe a prefix of others, which a mapping cannot be too):
      // each of the group written with the rest of its key at this level.
      for (const p of group) emitItem(out, p.item, (p.rest ?? []).join("."), depth);
      continue;
    }
    out.push(`${indent}${head}:`);
    renderLevel(out, group.map((p) => ({ item: p.item, rest: p.rest?.slice(1) })), depth + 1);
  }
}

function emitItem(out: string[], item: YamlItem, key: string, depth: number): void {
  const indent = "  ".repeat(depth);
  const previous = out[out.length - 1];
  if ((item.comments.length > 0 || item.commentedOut !== undefined) && previous !== undefined && previous !== "" && !previous.trimEnd().endsWith(":")) {
    out.push("");
  }
  for (const comment of item.comments) out.push(comment === "" ? "" : `${indent}${comment}`);
  if (item.commentedOut !== undefined) {
    for (const line of item.commentedOut) out.push(`${indent}${line}`);
    return;
  }
  const line = `${indent}${yamlKey(key)}: ${yamlValue(item.value)}`;
  out.push(item.trailing === undefined ? line : `${line} ${item.trailing}`);
}
