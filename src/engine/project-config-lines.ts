/**
 * The usual `.flinklint.yaml`, read line by line: top-level settings whose values are one-line
 * strings, one level of nested mapping (`rules:`) and block sequences of strings (`ignore:`,
 * `include:`), with comments. Every run in a repository reads this file, and the `yaml` library
 * (loaded and compiled for it alone) was a tenth of a one-file run; so the narrow shape that
 * `flinklint --init` writes and people keep is read here, by the same YAML 1.2 rules as
 * `parser/standard-lines.ts`, and anything else (numbers, nulls, flow collections, anchors, tags,
 * multi-line scalars, repeated keys, tabs, CR, non-ASCII, deeper nesting) returns undefined for the
 * full path. `test/project-config-lines.test.ts` holds both to the same result.
 */
import { isKeyPart, isKeyStart, NOT_STRING_KEYS, printable, scalarAt } from "../parser/standard-lines.js";

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

/** What the reader found: the data `yaml`'s `toJS` would give, and where each key is written. */
export interface SimpleSettings {
  data: Record<string, unknown>;
  /** The offset of each key, by its path joined with "\n" (`rules\nmemory-both-totals`). */
  keyOffsets: Map<string, number>;
}

interface Line {
  indent: number;
  /** Offset of the first non-space character, and of the line's end. */
  at: number;
  end: number;
}

/** The settings of a `.flinklint.yaml` of the usual shape, or undefined for any other. */
export function readSimpleSettings(text: string): SimpleSettings | undefined {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let at = start;
    while (at < end && text.charCodeAt(at) === SPACE) at++;
    if (!printable(text, at, end)) return undefined;
    if (at < end && text.charCodeAt(at) !== HASH) lines.push({ indent: at - start, at, end });
    start = end + 1;
  }
  const data: Record<string, unknown> = {};
  const keyOffsets = new Map<string, number>();
  for (let i = 0; i < lines.length; ) {
    const line = lines[i] as Line;
    if (line.indent !== 0) return undefined;
    const pair = keyAt(text, line);
    if (pair === undefined || Object.hasOwn(data, pair.key)) return undefined;
    keyOffsets.set(pair.key, line.at);
    i++;
    if (pair.valueAt !== undefined) {
      const value = stringAt(text, pair.valueAt, line.end);
      if (value === undefined) return undefined;
      data[pair.key] = value;
      continue;
    }
    // `key:` alone: a block sequence or a mapping follows on the next lines.
    const next = lines[i];
    if (next === undefined) return undefined;
    if (text.charCodeAt(next.at) === DASH) {
      const items: string[] = [];
      for (; i < lines.length && (lines[i] as Line).indent === next.indent && text.charCodeAt((lines[i] as Line).at) === DASH; i++) {
        const item = lines[i] as Line;
        if (text.charCodeAt(item.at + 1) !== SPACE) return undefined;
        let valueAt = item.at + 1;
        while (valueAt < item.end && text.charCodeAt(valueAt) === SPACE) valueAt++;
        const value = valueAt < item.end ? stringAt(text, valueAt, item.end) : undefined;
        if (value === undefined) return undefined;
        items.push(value);
      }
      data[pair.key] = items;
      continue;
    }
    if (next.indent === 0) return undefined;
    const map: Record<string, string | boolean> = {};
    for (; i < lines.length && (lines[i] as Line).indent === next.indent; i++) {
      const entry = lines[i] as Line;
      const inner = keyAt(text, entry);
      if (inner?.valueAt === undefined || Object.hasOwn(map, inner.key)) return undefined;
      const value = valueAt(text, inner.valueAt, entry.end);
      if (value === undefined) return undefined;
      map[inner.key] = value;
      keyOffsets.set(`${pair.key}\n${inner.key}`, entry.at);
    }
    data[pair.key] = map;
  }
  return { data, keyOffsets };
}

/** A `key:` at the line's start: the key, and where its value starts (undefined when nothing but a comment follows). */
function keyAt(text: string, line: Line): { key: string; valueAt: number | undefined } | undefined {
  let at = line.at;
  if (!isKeyStart(text.charCodeAt(at))) return undefined;
  while (at < line.end && isKeyPart(text.charCodeAt(at))) at++;
  if (at >= line.end || text.charCodeAt(at) !== COLON) return undefined;
  const key = text.slice(line.at, at);
  if (NOT_STRING_KEYS.has(key)) return undefined;
  const afterColon = ++at;
  while (at < line.end && text.charCodeAt(at) === SPACE) at++;
  if (at === line.end) return { key, valueAt: undefined };
  // A value or a comment needs a space after the colon.
  if (at === afterColon) return undefined;
  if (text.charCodeAt(at) === HASH) return { key, valueAt: undefined };
  return { key, valueAt: at };
}

/** A string scalar (plain or quoted); undefined for any other type, which the full path reads. */
function stringAt(text: string, at: number, end: number): string | undefined {
  const scalar = scalarAt(text, at, end);
  return scalar?.value.type === "string" ? scalar.value.text : undefined;
}

/** A rule's setting: a string, or a boolean (`false` turns a rule off). */
function valueAt(text: string, at: number, end: number): string | boolean | undefined {
  const scalar = scalarAt(text, at, end);
  if (scalar === undefined) return undefined;
  if (scalar.value.type === "string") return scalar.value.text;
  return scalar.value.type === "bool" ? (scalar.value.value as boolean) : undefined;
}
