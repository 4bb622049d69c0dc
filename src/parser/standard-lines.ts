/**
 * The usual `config.yaml`, read line by line: nested block mappings whose keys are plain words and
 * whose values are one-line plain or quoted scalars, with comments and blank lines. A directory run
 * reads thousands of such files, and composing a YAML document for each costs more than all the
 * rules together.
 *
 * The shape is narrow on purpose, so that YAML 1.2 itself (the core schema, not any library) says
 * what each line means: a key `[A-Za-z_][A-Za-z0-9_.\-/]*` at a mapping's indentation, `:`, then
 * nothing (a nested mapping follows, further right) or one space or more and a value, then maybe
 * ` # comment`. A value is a plain scalar of printable ASCII that opens with no indicator and holds
 * no `: ` and no ` #`, or a quoted scalar on its line (no backslash in double quotes). Anything
 * else — tabs, CR, a BOM, non-ASCII, document markers, anchors, tags, flow or block collections,
 * block or multi-line scalars, empty or null values, repeated keys, a key the core schema reads as
 * another type, odd indentation — returns undefined, and `parseStandard` takes the full path.
 * `test/parser-standard-lines.test.ts` holds both paths to the same document on every YAML file in
 * the repository and on generated ones.
 */
import type { ConfigDocument, ConfigEntry, ConfigValue } from "../types.js";
import { javaDoubleToString } from "../util/java.js";
import { assembleDocument } from "./document.js";
import type { LineIndex } from "./lines.js";

/** YAML's limit on an implicit key: its `:` at most 1024 characters after the key's start. */
const MAX_IMPLICIT_KEY = 1024;
/** Deeper nesting takes the full path. */
const MAX_DEPTH = 64;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const SINGLE = 0x27;
const DOUBLE = 0x22;

/** One open mapping: the column of its keys, the flattened prefix of its keys, the keys it has so far. */
interface OpenMap {
  indent: number;
  prefix: string;
  keys: Set<string>;
}

/** The document of a `config.yaml` of the usual shape, or undefined when the text is of any other. */
export function parseLinedStandard(text: string, index: LineIndex, budget: number): ConfigDocument | undefined {
  const entries = linedEntries(text, index, budget);
  return entries === undefined ? undefined : assembleDocument("standard", text, entries, [], undefined, index, "Flink");
}

function linedEntries(text: string, index: LineIndex, budget: number): ConfigEntry[] | undefined {
  const entries: ConfigEntry[] = [];
  const open: OpenMap[] = [];
  /** A key whose value is a mapping that has not begun yet: its first pair must stand further right. */
  let parent: { key: string; indent: number } | undefined;
  let left = budget;
  const length = text.length;
  for (let start = 0; start < length; ) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = length;
    let at = start;
    while (at < end && text.charCodeAt(at) === SPACE) at++;
    const indent = at - start;
    const first = at < end ? text.charCodeAt(at) : -1;
    if (first === -1 || first === HASH) {
      // A blank or comment line; a comment holds printable ASCII only.
      if (!printable(text, at, end)) return undefined;
      start = end + 1;
      continue;
    }
    // A pair: find the mapping it belongs to.
    if (parent !== undefined) {
      if (indent <= parent.indent || open.length >= MAX_DEPTH) return undefined;
      open.push({ indent, prefix: `${parent.key}.`, keys: new Set() });
      parent = undefined;
    } else if (open.length === 0) {
      if (indent !== 0) return undefined;
      open.push({ indent: 0, prefix: "", keys: new Set() });
    } else {
      while (open.length > 0 && (open[open.length - 1] as OpenMap).indent > indent) open.pop();
      if (open.length === 0 || (open[open.length - 1] as OpenMap).indent !== indent) return undefined;
    }
    const map = open[open.length - 1] as OpenMap;
    // The key.
    const keyStart = at;
    if (!isKeyStart(first)) return undefined;
    at++;
    while (at < end && isKeyPart(text.charCodeAt(at))) at++;
    const keyEnd = at;
    if (at >= end || text.charCodeAt(at) !== COLON || keyEnd - keyStart > MAX_IMPLICIT_KEY) return undefined;
    const key = text.slice(keyStart, keyEnd);
    if (NOT_STRING_KEYS.has(key) || map.keys.has(key)) return undefined;
    map.keys.add(key);
    if (--left < 0) return undefined;
    at++;
    const afterColon = at;
    while (at < end && text.charCodeAt(at) === SPACE) at++;
    if (at === end || text.charCodeAt(at) === HASH) {
      // `key:` and maybe a comment: a nested mapping must follow (an empty value is null, which
      // Flink refuses; the full path says so). A comment needs a space before it.
      if (at < end && at === afterColon) return undefined;
      if (!printable(text, at, end)) return undefined;
      parent = { key: map.prefix + key, indent };
      start = end + 1;
      continue;
    }
    if (at === afterColon) return undefined;
    const value = scalarAt(text, at, end);
    if (value === undefined || --left < 0) return undefined;
    entries.push({
      key: map.prefix + key,
      value: value.value,
      raw: text.slice(at, value.end),
      keyRange: index.range(keyStart, keyEnd),
      valueRange: index.range(at, value.end),
      overridden: false,
    });
    start = end + 1;
  }
  // A key left without its mapping has a null value; an empty text is not a mapping.
  if (parent !== undefined || open.length === 0) return undefined;
  return entries;
}

/**
 * The scalar from `at` to the line's end (before a trailing comment): its value and where its text
 * ends; undefined for a null or for any scalar outside the narrow shape (see the header).
 */
export function scalarAt(text: string, at: number, end: number): { value: ConfigValue; end: number } | undefined {
  const first = text.charCodeAt(at);
  if (first === SINGLE || first === DOUBLE) {
    let close = at + 1;
    let content = "";
    let from = close;
    for (;;) {
      close = text.indexOf(String.fromCharCode(first), close);
      if (close === -1 || close >= end) return undefined;
      if (first === SINGLE && text.charCodeAt(close + 1) === SINGLE) {
        content += text.slice(from, close + 1);
        close += 2;
        from = close;
        continue;
      }
      break;
    }
    content += text.slice(from, close);
    if (!printable(text, at + 1, close) || (first === DOUBLE && content.includes("\\"))) return undefined;
    if (!onlyComment(text, close + 1, end)) return undefined;
    return { value: { type: "string", text: content }, end: close + 1 };
  }
  if (!isPlainStart(text, at, end)) return undefined;
  // A plain scalar ends at ` #` (a comment) or the line's end, less trailing spaces.
  let last = at;
  while (last < end && !(text.charCodeAt(last) === HASH && text.charCodeAt(last - 1) === SPACE)) last++;
  while (last > at && text.charCodeAt(last - 1) === SPACE) last--;
  if (!printable(text, at, end)) return undefined;
  const plain = text.slice(at, last);
  // `: ` or a final `:` would make the value a mapping of its own (which YAML refuses here).
  if (plain.includes(": ") || plain.charCodeAt(plain.length - 1) === COLON) return undefined;
  const value = coreScalar(plain);
  return value === undefined ? undefined : { value, end: last };
}

/** What the YAML 1.2 core schema reads a plain scalar as, as Flink holds it; undefined for null. */
function coreScalar(plain: string): ConfigValue | undefined {
  return scalarConfigValue(coreValue(plain));
}

/** The value the core schema resolves a plain scalar to (a bigint for an int, null for a null). */
function coreValue(plain: string): bigint | number | boolean | string | null {
  const c = plain.charCodeAt(0);
  // Only these can open a null, a boolean or a number; everything else is a string at once.
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x7e || c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46)) {
    return plain;
  }
  if (NULLS.has(plain)) return null;
  const bool = BOOLEANS.get(plain);
  if (bool !== undefined) return bool;
  if (OCTAL_INT.test(plain)) return BigInt(`0o${plain.slice(2)}`);
  if (DECIMAL_INT.test(plain) || HEX_INT.test(plain)) return BigInt(c === 0x2b ? plain.slice(1) : plain);
  if (NAN.test(plain)) return NaN;
  if (INFINITY.test(plain)) return c === 0x2d ? -Infinity : Infinity;
  if (FLOAT.test(plain)) return Number(plain);
  return plain;
}

/**
 * A resolved YAML scalar as Flink holds it, `text` being Java's `toString()`; undefined for null
 * (a null inside a list prints as "null"). Both paths make their values here.
 */
export function scalarConfigValue(value: unknown): ConfigValue | undefined {
  if (typeof value === "bigint") return { type: "int", value, text: value.toString() };
  if (typeof value === "number") return { type: "float", value, text: javaDoubleToString(value) };
  if (typeof value === "boolean") return { type: "bool", value, text: String(value) };
  if (value === null || value === undefined) return undefined;
  return { type: "string", text: String(value) };
}

// The core schema's tags (YAML 1.2.2, §10.3.2).
const NULLS: ReadonlySet<string> = new Set(["~", "null", "Null", "NULL"]);
const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ["true", true], ["True", true], ["TRUE", true],
  ["false", false], ["False", false], ["FALSE", false],
]);
const DECIMAL_INT = /^[-+]?[0-9]+$/;
const OCTAL_INT = /^0o[0-7]+$/;
const HEX_INT = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;

/** Keys the core schema reads as something other than a string (a null or a boolean; numbers cannot open a key here). */
export const NOT_STRING_KEYS: ReadonlySet<string> = new Set([...NULLS, ...BOOLEANS.keys()]);

export function isKeyStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

export function isKeyPart(c: number): boolean {
  return isKeyStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x2f;
}

/**
 * Whether a plain scalar may open here: not with an indicator (`-?:,[]{}#&*!|>'"%@` and the
 * backtick), except `-`, `?` and `:` followed by a non-space.
 */
function isPlainStart(text: string, at: number, end: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 0x2d || c === 0x3f || c === COLON) return at + 1 < end && text.charCodeAt(at + 1) !== SPACE;
  return !INDICATORS.includes(text.charAt(at));
}

const INDICATORS = ",[]{}#&*!|>'\"%@`";

/** Whether `text[from, to)` is printable ASCII. */
export function printable(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < SPACE || c > 0x7e) return false;
  }
  return true;
}

/** Whether only spaces, then maybe a comment after a space, follow a quoted scalar. */
function onlyComment(text: string, from: number, end: number): boolean {
  let at = from;
  while (at < end && text.charCodeAt(at) === SPACE) at++;
  if (at === end) return true;
  return text.charCodeAt(at) === HASH && at > from && printable(text, at, end);
}
