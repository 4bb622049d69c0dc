/**
 * The common shape of a `config.yaml`, read straight from the `yaml` library's CST: one document of
 * nested block mappings whose keys are strings and whose values are plain or quoted scalars, with
 * comments and blank lines anywhere. Composing the library's `Document` for such a file costs more
 * than everything else flinklint does with it, and a directory run reads thousands of them.
 *
 * Anything else (anchors and aliases, tags, flow or block collections as values, block scalars,
 * empty values, non-string or repeated keys, document markers, directives, tabs, CR line ends, a
 * byte order mark, any token or scalar the library flags) returns undefined, and `parseStandard`
 * takes the full path. Where this path answers, the answer is the full path's, entry for entry:
 * every check the library's composer makes on this shape is repeated here (see `acceptItem`), and
 * scalars are resolved with the library's own functions and core-schema tags.
 * `test/parser-standard-simple.test.ts` holds the two paths to the same result on every standard
 * input in the repository and on generated ones.
 */
import { CST, Parser, Schema, isScalar } from "yaml";
import type { ConfigDocument, ConfigEntry, ConfigValue } from "../types.js";
import { javaDoubleToString } from "../util/java.js";
import { assembleDocument } from "./document.js";
import { FindingKind } from "./findings.js";
import type { LineIndex } from "./lines.js";

type Token = CST.Token;
type SourceToken = CST.SourceToken;
type BlockMap = CST.BlockMap;
type FlowScalar = CST.FlowScalar;

/** Deeper nesting takes the full path (which also guards the stack). */
const MAX_DEPTH = 64;
/** The composer's limit on an implicit key: its `:` at most 1024 characters after the key's start. */
const MAX_IMPLICIT_KEY = 1024;

/** A scalar tag of the YAML 1.2 core schema, as the library defines it. */
interface CoreTag {
  default?: boolean | "key";
  test?: RegExp;
  resolve(value: string, onError: (message: string) => void, options: { intAsBigInt: boolean }): unknown;
}

/**
 * The tags the composer tries on a plain scalar, in its order (the library's objects), and one
 * regular expression matching what any of them matches, so most strings take one test. Built at
 * load (a fraction of a millisecond): they are the library's immutable data.
 */
function plainScalarTags(): { tags: readonly CoreTag[]; any: RegExp | undefined } {
  const tags = new Schema({ schema: "core", merge: false }).tags.filter(
    (tag): tag is typeof tag & CoreTag => !("collection" in tag && tag.collection) && tag.default === true && tag.test !== undefined,
  );
  const tests = tags.map((tag) => tag.test as RegExp);
  const any = tests.every((test) => test.flags === "") ? new RegExp(tests.map((test) => `(?:${test.source})`).join("|")) : undefined;
  return { tags, any };
}

const PLAIN_SCALAR_TAGS = plainScalarTags();

const RESOLVE_OPTIONS = { intAsBigInt: true };

class NotSimple extends Error {}

const notSimple = (): never => {
  throw new NotSimple();
};

/**
 * Text the parser is given at once. A longer file is cut into pieces at lines that start a
 * top-level pair (see `nextCut`), each parsed and flattened before the next is read: the library's
 * token tree for 400,000 pairs would otherwise stay alive (and be copied by the garbage collector)
 * until the last line is parsed. One piece answers for most files.
 */
const PIECE_LENGTH = 32 * 1024;

/**
 * The document of a simple `config.yaml`, or undefined when the text is not of the simple shape (or
 * is, but Flink would refuse it: the full path explains why). `budget` is the full path's limit on
 * pairs plus values; `pieceLength` is for tests.
 */
export function parseSimpleStandard(text: string, index: LineIndex, budget: number, pieceLength = PIECE_LENGTH): ConfigDocument | undefined {
  const flat = flattenSimpleStandard(text, index, budget, pieceLength);
  if (flat === undefined) return undefined;
  const doc = assembleDocument("standard", text, flat.entries, [], undefined, index, "Flink");
  return repeatsTopLevelKey(doc, flat) ? undefined : doc;
}

/** The entries of a simple text, and what `repeatsTopLevelKey` needs to know of its top-level mapping. */
interface Flattened {
  entries: ConfigEntry[];
  /** The column of the top-level mapping's keys; a nested mapping's keys stand further right. */
  topColumn: number;
  /** The top-level keys whose values are mappings. */
  topParents: ReadonlySet<string>;
}

/**
 * The flattened entries of a simple `config.yaml`, in document order, or undefined. Repeated keys
 * of the top-level mapping are left to `repeatsTopLevelKey`: a set of all of them would cost a file
 * of 400,000 settings a second hash table of every key, beside the document's own `byKey`.
 */
function flattenSimpleStandard(text: string, index: LineIndex, budget: number, pieceLength = PIECE_LENGTH): Flattened | undefined {
  if (text.includes("\t") || text.includes("\r") || text.charCodeAt(0) === 0xfeff) return undefined;
  const entries: ConfigEntry[] = [];
  const walker = new SimpleWalker(text, index, entries, budget);
  let top: MapState | undefined;
  let topColumn = 1;
  const topParents = new Set<string>();
  try {
    for (let start = 0; start < text.length || start === 0; ) {
      const end = nextCut(text, start + pieceLength);
      const root = pieceRoot(text, start, end);
      // Every piece after the first continues the top-level mapping, which must start at column 0.
      if (root === undefined || (end < text.length && root.indent !== 0)) return undefined;
      if (top === undefined) {
        top = { keys: undefined, parents: topParents, offset: root.offset, commentEnd: undefined };
        topColumn = root.indent + 1;
      }
      walker.pairs(root, "", 0, top);
      start = end;
    }
  } catch (error) {
    if (error instanceof NotSimple || error instanceof RangeError) return undefined;
    throw error;
  }
  if (top === undefined || (top.commentEnd !== undefined && top.commentEnd < top.offset)) return undefined;
  return { entries, topColumn, topParents };
}

/**
 * Whether the top-level mapping has a key twice, which the composer refuses (the full path then
 * reports it). Two settings of one key meet in `byKey`; they repeat a top-level key when both are
 * top-level keys themselves, not a nested spelling of the same flattened key (`a.b: 1` beside
 * `a: {b: 2}`, which Flink reads as a collision). A top-level mapping's key meets its twin here too.
 */
function repeatsTopLevelKey(doc: ConfigDocument, flat: Flattened): boolean {
  const isTopLevel = (entry: ConfigEntry) => entry.keyRange.start.column === flat.topColumn;
  for (const finding of doc.findings) {
    const key = finding.data?.key;
    if (finding.kind !== FindingKind.flattenedKeyCollision || typeof key !== "string") continue;
    if ((doc.byKey.get(key) ?? []).filter(isTopLevel).length > 1) return true;
  }
  for (const parent of flat.topParents) if (doc.byKey.get(parent)?.some(isTopLevel)) return true;
  return false;
}

/**
 * The first place at or after `from` where the text may be cut: the start of a line that begins,
 * at column 0, with a letter, digit or `_`, after a line that does too. The cut then falls between
 * two top-level pairs the whole text's parse would also end and start there: nothing a line at
 * column 0 begins can continue a pair of the line before (plain scalars continue only on indented
 * lines), and a pair left open (a quote, a block scalar, a flow collection) makes its piece not
 * simple. No comment or blank line is cut off from the pair that follows it.
 */
function nextCut(text: string, from: number): number {
  let lineStart = from <= 0 ? 0 : text.lastIndexOf("\n", from - 1) + 1;
  let previousStartsPair = false;
  while (lineStart < text.length) {
    const startsPair = isPairStart(text.charCodeAt(lineStart));
    if (startsPair && previousStartsPair && lineStart >= from) return lineStart;
    previousStartsPair = startsPair;
    const newline = text.indexOf("\n", lineStart);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return text.length;
}

function isPairStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** The block mapping a piece of the text holds, its tokens at their offsets in the whole text, or undefined. */
function pieceRoot(text: string, start: number, end: number): BlockMap | undefined {
  const parser = new Parser();
  parser.offset = start;
  let root: BlockMap | undefined;
  for (const token of parser.parse(start === 0 && end === text.length ? text : text.slice(start, end))) {
    if (token.type === "document") {
      if (root !== undefined || token.start.length > 0 || token.value?.type !== "block-map") return undefined;
      if (token.end !== undefined && !token.end.every(isBlank)) return undefined;
      root = token.value;
    } else if (token.type !== "comment" && token.type !== "newline" && token.type !== "space") {
      return undefined;
    }
  }
  return root;
}

function isBlank(token: SourceToken): boolean {
  return token.type === "space" || token.type === "newline" || token.type === "comment";
}

class SimpleWalker {
  private left: number;

  constructor(
    private readonly text: string,
    private readonly index: LineIndex,
    private readonly entries: ConfigEntry[],
    budget: number,
  ) {
    this.left = budget;
  }

  /** One block mapping; returns where the composer's offset ends up after it (its range end). */
  map(map: BlockMap, prefix: string, depth: number): number {
    const state: MapState = { keys: new Set(), parents: undefined, offset: map.offset, commentEnd: undefined };
    this.pairs(map, prefix, depth, state);
    // The composer refuses comments followed by more of the mapping ("Map comment with trailing content").
    if (state.commentEnd !== undefined && state.commentEnd < state.offset) notSimple();
    return state.commentEnd ?? state.offset;
  }

  /** The pairs of a block mapping, or of one piece of the top-level one. */
  pairs(map: BlockMap, prefix: string, depth: number, state: MapState): void {
    if (depth > MAX_DEPTH) notSimple();
    const { keys, parents } = state;
    const items = map.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Item;
      // Each item's tokens become garbage as soon as it is read.
      (items as unknown[])[i] = undefined;
      // Comments after a mapping's last pair form an item of their own (resolve-block-map.js).
      if (item.key === undefined && item.sep === undefined && item.value === undefined && item.start.every(isBlank)) {
        const last = item.start[item.start.length - 1];
        state.commentEnd = last === undefined ? state.offset : last.offset + last.source.length;
        continue;
      }
      if (--this.left < 0) notSimple();
      const { key, value } = acceptItem(item, map, state.offset);
      const keyScalar = resolveScalar(key);
      const keyValue = tagged(key, keyScalar.value);
      // The full path reports non-string keys, repeated keys and null values; leave those to it.
      if (typeof keyValue !== "string" || keys?.has(keyValue)) return notSimple();
      keys?.add(keyValue);
      const flatKey = prefix + keyValue;
      if (value.type === "block-map") {
        if (parents?.has(keyValue)) notSimple();
        parents?.add(keyValue);
        state.offset = this.map(value, `${flatKey}.`, depth + 1);
        continue;
      }
      if (--this.left < 0) notSimple();
      const scalar = resolveScalar(value);
      const resolved = value.type === "scalar" ? tagged(value, scalar.value) : scalar.value;
      const [keyStart, keyEnd] = keyScalar.range;
      const [valueStart, valueEnd] = scalar.range;
      this.entries.push({
        key: flatKey,
        value: configValue(resolved),
        raw: this.text.slice(valueStart, valueEnd),
        keyRange: this.index.range(keyStart, keyEnd),
        valueRange: this.index.range(valueStart, valueEnd),
        overridden: false,
      });
      state.offset = scalar.range[2];
    }
  }
}

/**
 * Where the walk of one block mapping stands: its keys so far (for the top-level mapping, only those
 * whose values are mappings: see `repeatsTopLevelKey`), the composer's offset, the end of trailing
 * comments.
 */
interface MapState {
  keys: Set<string> | undefined;
  parents: Set<string> | undefined;
  offset: number;
  commentEnd: number | undefined;
}

type Item = BlockMap["items"][number];
type SimpleValue = FlowScalar | BlockMap;

/**
 * One mapping item the composer would take without a word: `start` and `sep` hold only spaces,
 * line breaks and comments around a single `:`, the key is a one-line plain or quoted scalar at the
 * mapping's indentation, at most 1024 characters before its `:`, and the value is a scalar or, on a
 * later line, a nested block mapping. (resolve-block-map.js and resolve-props.js in `yaml`.)
 */
function acceptItem(item: Item, map: BlockMap, offset: number): { key: FlowScalar; value: SimpleValue } {
  const { start, key, sep, value } = item;
  if (key === undefined || key === null || sep === undefined || value === undefined || value === null) return notSimple();
  if (!start.every(isBlank)) notSimple();
  if (key.type !== "scalar" && key.type !== "single-quoted-scalar" && key.type !== "double-quoted-scalar") return notSimple();
  if (key.indent !== map.indent || key.source.includes("\n") || key.end?.some((t) => t.type === "newline")) notSimple();
  // The composer's check: from the start of the key's properties (the end of `start`, else the
  // running offset) to the `:` at most 1024 characters.
  const last = start[start.length - 1];
  const propsStart = last === undefined ? offset : last.offset + last.source.length;
  let colon: SourceToken | undefined;
  let spaced = false;
  let newline = false;
  for (const token of sep) {
    if (token.type === "map-value-ind") {
      if (colon !== undefined) notSimple();
      colon = token;
      spaced = false;
    } else if (token.type === "space" || token.type === "newline") {
      spaced = true;
      if (token.type === "newline") newline = true;
    } else if (token.type === "comment") {
      if (colon !== undefined && !spaced) notSimple();
    } else {
      notSimple();
    }
  }
  if (colon === undefined || propsStart < colon.offset - MAX_IMPLICIT_KEY) return notSimple();
  if (value.type === "block-map") {
    if (!newline) notSimple();
    return { key, value };
  }
  if (value.type !== "scalar" && value.type !== "single-quoted-scalar" && value.type !== "double-quoted-scalar") return notSimple();
  return { key, value };
}

/** The library's own scalar resolution (escapes, folding, trailing comments); any complaint means not simple. */
function resolveScalar(token: Token): { value: string; range: [number, number, number] } {
  const resolved = CST.resolveAsScalar(token, true, notSimple);
  if (resolved === null) return notSimple();
  return resolved;
}

/** A plain scalar's value under the core schema, by the composer's rule: the first default tag whose test matches. */
function tagged(token: FlowScalar, value: string): unknown {
  if (token.type !== "scalar") return value;
  const { tags, any } = PLAIN_SCALAR_TAGS;
  if (any !== undefined && !any.test(value)) return value;
  const tag = tags.find((t) => t.test?.test(value));
  if (tag === undefined) return value;
  const result = tag.resolve(value, notSimple, RESOLVE_OPTIONS);
  return isScalar(result) ? result.value : result;
}

/**
 * A resolved YAML scalar as Flink holds it, `text` being Java's `toString()`; undefined for null
 * (both paths use this; the full path prints a null inside a list as "null").
 */
export function scalarConfigValue(value: unknown): ConfigValue | undefined {
  if (typeof value === "bigint") return { type: "int", value, text: value.toString() };
  if (typeof value === "number") return { type: "float", value, text: javaDoubleToString(value) };
  if (typeof value === "boolean") return { type: "bool", value, text: String(value) };
  if (value === null || value === undefined) return undefined;
  return { type: "string", text: String(value) };
}

/** A value of the simple path; a null one Flink refuses, with a message the full path gives. */
function configValue(value: unknown): ConfigValue {
  return scalarConfigValue(value) ?? notSimple();
}
