/**
 * The standard `config.yaml` reader (Flink 1.19+), reproducing `GlobalConfiguration.loadYAMLResource`:
 * snakeyaml-engine's YAML 1.2 core schema, nested maps flattened to dotted keys, and load failures
 * exactly where Flink fails (SPEC §10.3, §15.5).
 */
import {
  CST,
  Lexer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Document,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
} from "yaml";
import type { ConfigDocument, ConfigEntry, ConfigValue, ParseFinding } from "../types.js";
import { assembleDocument, collisionFinding } from "./document.js";
import { FindingKind } from "./findings.js";
import { LineIndex } from "./lines.js";
import { parseLinedStandard, scalarConfigValue } from "./standard-lines.js";

export const LOAD_FAILURE_MESSAGE = "Error parsing YAML configuration.";

/** snakeyaml-engine's default `maxAliasesForCollections`. */
const MAX_COLLECTION_ALIASES = 50;
/** Stops alias expansion long before memory runs out (Flink shares aliased objects; we copy keys). */
const MAX_EXPANDED_NODES = 1_000_000;

const PARSE_OPTIONS = {
  version: "1.2",
  schema: "core",
  intAsBigInt: true,
  uniqueKeys: false,
  merge: false,
  prettyErrors: false,
} as const;

type LoadFailure = NonNullable<ConfigDocument["loadFailure"]>;

/** Why Flink cannot load the file: one snakeyaml-style cause and where it points. */
interface Failure {
  variant: string;
  cause: string;
  offset: number;
  end: number;
  data?: Record<string, string | number>;
}

class ExpansionLimitError extends Error {}

export function parseStandard(text: string): ConfigDocument {
  const index = new LineIndex(text);
  // The usual file: nested maps of one-line scalars, read line by line (see standard-lines.ts).
  return parseLinedStandard(text, index, MAX_EXPANDED_NODES) ?? parseComposed(text, index);
}

/** The full path, through the yaml library's documents (exported for the test that holds the line path to it). */
export function parseComposed(text: string, index = new LineIndex(text)): ConfigDocument {
  const mark = (offset: number) => {
    const p = index.position(offset);
    return ` in reader, line ${p.line}, column ${p.column}`;
  };
  const fail = (failures: Failure[], entries: ConfigEntry[] = [], findings: ParseFinding[] = []) => {
    const first = failures[0];
    const loadFailure: LoadFailure | undefined = first && {
      message: LOAD_FAILURE_MESSAGE,
      causes: [first.cause],
      range: index.range(first.offset, first.end),
    };
    for (const f of failures) {
      findings.push({
        kind: FindingKind.parse,
        range: index.range(f.offset, f.end),
        data: { variant: f.variant, cause: firstLine(f.cause), ...f.data },
      });
    }
    return assembleDocument("standard", text, entries, findings, loadFailure, index);
  };

  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, PARSE_OPTIONS);
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    const problem = describeError(error);
    return fail([{ variant: "syntax", cause: problem, offset: 0, end: 0, data: { problem } }]);
  }

  // 1. Anything snakeyaml's scanner or parser rejects: the first one in the stream.
  const syntax = syntaxFailure(text, docs, mark);
  if (syntax) return fail([syntax]);

  const doc = docs[0];
  if (!doc) return assembleDocument("standard", text, [], [], undefined, index);

  const aliasTargets = text.includes("*") ? resolveAliases(doc) : new Map<unknown, unknown>();
  const aliasFailure = collectionAliasFailure(doc, aliasTargets, mark);
  if (aliasFailure) return fail([aliasFailure]);

  try {
    return flattenDocument(text, index, doc, aliasTargets, mark, fail);
  } catch (error) {
    if (error instanceof ExpansionLimitError || error instanceof RangeError) {
      return fail([{ variant: "tooLarge", cause: error.message, offset: 0, end: 0 }]);
    }
    throw error;
  }
}

function flattenDocument(
  text: string,
  index: LineIndex,
  doc: Document.Parsed,
  aliasTargets: Map<unknown, unknown>,
  mark: (offset: number) => string,
  fail: (failures: Failure[], entries?: ConfigEntry[], findings?: ParseFinding[]) => ConfigDocument,
): ConfigDocument {
  const entries: ConfigEntry[] = [];
  const findings: ParseFinding[] = [];
  const duplicates: Failure[] = [];
  const badKeys: Failure[] = [];
  const nulls: Failure[] = [];
  let expanded = 0;

  const resolve = (node: unknown): unknown => (isAlias(node) ? aliasTargets.get(node) : node);
  const rangeOf = (node: YamlNode | null | undefined, fallback: number): [number, number] => {
    const r = node?.range;
    return r ? [r[0], r[1]] : [fallback, fallback];
  };

  // 2. The document must be a map (an empty or null document is an empty config).
  const root = resolve(doc.contents);
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) {
    return assembleDocument("standard", text, [], [], undefined, index);
  }
  if (!isMap(root)) {
    const [start, end] = rangeOf(root as YamlNode, 0);
    const javaClass = javaClassOf(root);
    return fail([
      {
        variant: "notAMap",
        cause: `class ${javaClass} cannot be cast to class java.util.Map (${javaClass} and java.util.Map are in module java.base of loader 'bootstrap')`,
        offset: start,
        end,
        data: { type: describeNode(root) },
      },
    ]);
  }

  const walk = (map: YAMLMap, prefix: string, aliasKey: YamlNode | undefined, aliasValue: YamlNode | undefined) => {
    const seen = new Map<string, Pair>();
    for (const pair of map.items as Pair[]) {
      if (++expanded > MAX_EXPANDED_NODES) throw new ExpansionLimitError("aliases expand to too many settings");
      const keyNode = resolve(pair.key);
      const [keyStart, keyEnd] = rangeOf(pair.key as YamlNode | null, rangeOf(pair.value as YamlNode | null, 0)[0]);

      // snakeyaml refuses a key equal to an earlier one in the same mapping (construction).
      const identity = keyIdentity(keyNode);
      if (identity !== undefined) {
        const earlier = seen.get(identity);
        if (earlier && aliasKey === undefined) {
          const keyText = isScalar(keyNode) ? String(keyNode.value) : identity;
          const [earlierStart, earlierEnd] = rangeOf(earlier.key as YamlNode | null, 0);
          const mapStart = map.range?.[0] ?? 0;
          duplicates.push({
            variant: "duplicate",
            cause: `while constructing a mapping\n${mark(mapStart)}\nfound duplicate key ${keyText}\n${mark(keyStart)}\n`,
            offset: keyStart,
            end: keyEnd,
            data: { key: keyText, earlierStart, earlierEnd },
          });
        } else if (!earlier) {
          seen.set(identity, pair);
        }
      }

      // Flink's flatten casts every key to String: only strings (and null, printed "null") pass.
      let keyText: string;
      if (keyNode === null || keyNode === undefined || (isScalar(keyNode) && keyNode.value === null)) {
        keyText = "null";
      } else if (isScalar(keyNode) && typeof keyNode.value === "string") {
        keyText = keyNode.value;
      } else {
        const javaClass = javaClassOf(keyNode);
        badKeys.push({
          variant: "nonStringKey",
          cause: `class ${javaClass} cannot be cast to class java.lang.String (${javaClass} and java.lang.String are in module java.base of loader 'bootstrap')`,
          offset: keyStart,
          end: keyEnd,
          data: { key: text.slice(keyStart, keyEnd), type: describeNode(keyNode) },
        });
        continue;
      }
      const key = prefix + keyText;
      const ownKeyRange = aliasKey ? rangeOf(aliasKey, 0) : ([keyStart, keyEnd] as [number, number]);

      const valueNode = resolve(pair.value);
      const valueSite = aliasValue ?? (isAlias(pair.value) ? pair.value : undefined);
      if (isMap(valueNode)) {
        // An aliased map's settings point at the alias, where the user put them.
        const viaAlias = aliasValue ? aliasKey : isAlias(pair.value) ? (pair.key as YamlNode) : undefined;
        walk(valueNode, `${key}.`, viaAlias, valueSite);
        continue;
      }
      const [valueStart, valueEnd] = valueSite
        ? rangeOf(valueSite, ownKeyRange[1])
        : rangeOf(pair.value as YamlNode | null, keyEnd);
      if (valueNode === null || valueNode === undefined || (isScalar(valueNode) && valueNode.value === null)) {
        nulls.push({
          variant: "nullValue",
          cause: "Value must not be null.",
          offset: ownKeyRange[0],
          end: ownKeyRange[1],
          data: { key },
        });
        continue;
      }
      const budget = { left: MAX_EXPANDED_NODES - expanded };
      const value = toConfigValue(valueNode, resolve, budget);
      expanded = MAX_EXPANDED_NODES - budget.left;
      entries.push({
        key,
        value,
        raw: text.slice(valueStart, valueEnd),
        keyRange: index.range(ownKeyRange[0], ownKeyRange[1]),
        valueRange: index.range(valueStart, valueEnd),
        overridden: false,
      });
    }
  };
  walk(root, "", undefined, undefined);

  // 3. Construction (duplicates) fails before flattening (key casts), which fails before null checks.
  if (duplicates.length > 0) {
    for (const d of duplicates) {
      const earlier = index.range(Number(d.data?.["earlierStart"] ?? 0), Number(d.data?.["earlierEnd"] ?? 0));
      findings.push({
        kind: FindingKind.duplicateKey,
        range: index.range(d.offset, d.end),
        data: { variant: "duplicateInMapping", key: String(d.data?.["key"] ?? ""), firstLine: earlier.start.line },
        related: [{ message: "first set here", range: earlier }],
      });
    }
    const first = duplicates.reduce((a, b) => (b.offset < a.offset ? b : a));
    const loadFailure: LoadFailure = {
      message: LOAD_FAILURE_MESSAGE,
      causes: [first.cause],
      range: index.range(first.offset, first.end),
    };
    return assembleDocument("standard", text, entries, findings, loadFailure, index);
  }
  if (badKeys.length > 0) return fail(badKeys, entries, findings);
  if (nulls.length > 0) return fail(nulls, entries, findings);

  return assembleDocument("standard", text, entries, findings, undefined, index, "Flink");
}

/**
 * Each alias's node, found in one pass: an alias names the closest anchor before it. (The yaml
 * library's `Alias.resolve` searches the whole document on every call, quadratic for many aliases.)
 */
function resolveAliases(doc: Document.Parsed): Map<unknown, unknown> {
  const anchors = new Map<string, unknown>();
  const targets = new Map<unknown, unknown>();
  visit(doc, (_key, node) => {
    if (isAlias(node)) targets.set(node, anchors.get(node.source));
    else if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchors.set(node.anchor, node);
  });
  return targets;
}

/** A scalar or list as Flink holds it, `text` being Java's `toString()`. */
function toConfigValue(node: unknown, resolve: (n: unknown) => unknown, budget: { left: number }): ConfigValue {
  if (--budget.left < 0) throw new ExpansionLimitError("aliases expand to too many values");
  if (isSeq(node)) {
    const items = node.items.map((item) => toConfigValue(resolve(item), resolve, budget));
    return { type: "list", items, text: `[${items.map((i) => i.text).join(", ")}]` };
  }
  if (isMap(node)) {
    // A map inside a list stays a map; Java prints it as {k=v, ...}.
    const parts = (node.items as Pair[]).map(
      (p) => `${toConfigValue(resolve(p.key), resolve, budget).text}=${toConfigValue(resolve(p.value), resolve, budget).text}`,
    );
    return { type: "string", text: `{${parts.join(", ")}}` };
  }
  return scalarConfigValue(isScalar(node) ? node.value : node) ?? { type: "string", text: "null" };
}

/** What snakeyaml would construct for a node, as a Java class name (for ClassCastException texts). */
function javaClassOf(node: unknown): string {
  if (isSeq(node)) return "java.util.ArrayList";
  if (isMap(node)) return "java.util.LinkedHashMap";
  const value: unknown = isScalar(node) ? node.value : node;
  if (typeof value === "bigint") {
    if (value >= -(2n ** 31n) && value < 2n ** 31n) return "java.lang.Integer";
    if (value >= -(2n ** 63n) && value < 2n ** 63n) return "java.lang.Long";
    return "java.math.BigInteger";
  }
  if (typeof value === "number") return "java.lang.Double";
  if (typeof value === "boolean") return "java.lang.Boolean";
  return "java.lang.String";
}

function describeNode(node: unknown): string {
  if (isSeq(node)) return "a list";
  if (isMap(node)) return "a map";
  const value: unknown = isScalar(node) ? node.value : node;
  if (typeof value === "bigint") return "an integer";
  if (typeof value === "number") return "a float";
  if (typeof value === "boolean") return "a boolean";
  return "a string";
}

/** Equal keys as Java's `equals` on the constructed objects sees them (collections left out). */
function keyIdentity(node: unknown): string | undefined {
  if (node === null || node === undefined) return "null";
  if (!isScalar(node)) return undefined;
  const value: unknown = node.value;
  if (value === null) return "null";
  return `${typeof value}:${String(value)}`;
}

/**
 * The same flattened key reached twice (`a.b: 1` and `a: {b: 2}`): reported where it is set again,
 * which is the value kept, pointing back at the earlier one it replaces. `reader` names who reads
 * the map (Flink, or the operator for a manifest's flinkConfiguration).
 */
export function collisionFindings(entries: readonly ConfigEntry[], reader = "Flink"): ParseFinding[] {
  const findings: ParseFinding[] = [];
  const earlier = new Map<string, ConfigEntry>();
  for (const entry of entries) {
    const previous = earlier.get(entry.key);
    if (previous) findings.push(collisionFinding(entry, previous, reader));
    earlier.set(entry.key, entry);
  }
  return findings;
}

/** More than 50 aliases of maps or lists: snakeyaml-engine refuses the document. */
function collectionAliasFailure(
  doc: Document.Parsed,
  targets: Map<unknown, unknown>,
  mark: (offset: number) => string,
): Failure | undefined {
  if (targets.size === 0) return undefined;
  let count = 0;
  let failure: Failure | undefined;
  visit(doc, {
    Alias(_key, node) {
      const target = targets.get(node);
      if (!isMap(target) && !isSeq(target)) return undefined;
      if (++count <= MAX_COLLECTION_ALIASES) return undefined;
      const [start = 0, end = start] = node.range ?? [];
      failure = {
        variant: "aliasLimit",
        cause: `Number of aliases for non-scalar nodes exceeds the specified max=${MAX_COLLECTION_ALIASES}\n${mark(start)}\n`,
        offset: start,
        end,
        data: { max: MAX_COLLECTION_ALIASES },
      };
      return visit.BREAK;
    },
  });
  return failure;
}

/** The first problem snakeyaml would stop at while reading the stream: a tab, a YAML error, a 2nd document. */
function syntaxFailure(text: string, docs: Document.Parsed[], mark: (offset: number) => string): Failure | undefined {
  const candidates: Failure[] = [];
  const tab = findDisallowedTab(text);
  if (tab !== undefined) {
    candidates.push({
      variant: "tab",
      cause:
        "while scanning for the next token\nfound character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)\n" +
        `${mark(tab)}\n`,
      offset: tab,
      end: tab + 1,
    });
  }
  for (const doc of docs) {
    for (const error of doc.errors) {
      const [start, end] = error.pos;
      const quoteStart = error.code === "MISSING_CHAR" ? unclosedQuoteStart(text, start) : undefined;
      if (quoteStart !== undefined) {
        // snakeyaml points at the opening quote and names the end of the stream as the problem.
        candidates.push({
          variant: "unclosedQuote",
          cause: `while scanning a quoted scalar\n${mark(quoteStart)}\nfound unexpected end of stream\n${mark(text.length)}\n`,
          offset: quoteStart,
          end: quoteStart + 1,
        });
        continue;
      }
      candidates.push({
        variant: "syntax",
        cause: `${firstLine(error.message)}\n${mark(start)}\n`,
        offset: start,
        end: Math.max(end, start),
        data: { problem: firstLine(error.message) },
      });
    }
    for (const warning of doc.warnings) {
      if (warning.code !== "TAG_RESOLVE_FAILED") continue;
      const [start, end] = warning.pos;
      candidates.push({
        variant: "syntax",
        cause: `could not determine a constructor for the tag\n${mark(start)}\n`,
        offset: start,
        end,
        data: { problem: firstLine(warning.message) },
      });
    }
  }
  const second = docs[1];
  if (second) {
    const start = documentStart(text, second.range[0]);
    const firstStart = documentStart(text, docs[0]?.range[0] ?? 0);
    candidates.push({
      variant: "multipleDocuments",
      cause: `expected a single document in the stream\n${mark(firstStart)}\nbut found another document\n${mark(start)}\n`,
      offset: start,
      end: Math.min(start + 3, text.length),
    });
  }
  if (candidates.length === 0) return undefined;
  return candidates.reduce((a, b) => (b.offset < a.offset ? b : a));
}

/** The start of the last quoted scalar that begins before `errorAt`: the one left open. */
function unclosedQuoteStart(text: string, errorAt: number): number | undefined {
  let offset = 0;
  let found: number | undefined;
  for (const token of new Lexer().lex(text)) {
    const synthetic = token === "\u0002" || token === "\u0018" || token === "\u001f";
    if (synthetic && !text.startsWith(token, offset)) continue;
    const type = CST.tokenType(token);
    if ((type === "single-quoted-scalar" || type === "double-quoted-scalar") && offset <= errorAt) found = offset;
    offset += token.length;
  }
  return found;
}

/** Skips blank lines and comments from where the yaml library says a document begins. */
function documentStart(text: string, from: number): number {
  const match = /^(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n))*/y;
  match.lastIndex = from;
  const m = match.exec(text);
  const start = from + (m ? m[0].length : 0);
  return text.charCodeAt(start) === 0xfeff ? start + 1 : start;
}

/**
 * Where snakeyaml-engine's scanner meets a tab it refuses: it skips only spaces between tokens, so a tab
 * is fine inside quotes, comments, block-scalar content and plain scalars (and right after a plain
 * scalar on its line), and an error anywhere else (indentation, after `:` or `,`, a tab-only line).
 */
export function findDisallowedTab(text: string): number | undefined {
  if (!text.includes("\t")) return undefined;
  let offset = 0;
  let previous: "plain" | "other" = "other";
  let scalarContentNext = false;
  let blockScalarPending = false;
  let blockIndent: number | undefined;
  for (const token of new Lexer().lex(text)) {
    const synthetic = token === "\u0002" || token === "\u0018" || token === "\u001f";
    if (synthetic && !text.startsWith(token, offset)) {
      if (token === "\u001f") scalarContentNext = true;
      continue;
    }
    const start = offset;
    offset += token.length;
    if (scalarContentNext) {
      scalarContentNext = false;
      if (blockScalarPending) {
        blockScalarPending = false;
        const tab = tabInBlockIndentation(token, start, blockIndent);
        if (tab !== undefined) return tab;
        previous = "other";
      } else {
        const tab = tabInContinuationIndentation(token, start);
        if (tab !== undefined) return tab;
        previous = "plain";
      }
      continue;
    }
    const type = CST.tokenType(token);
    if (type === "block-scalar-header") {
      blockScalarPending = true;
      const explicit = /[1-9]/.exec(token);
      blockIndent = explicit ? Number(explicit[0]) : undefined;
    }
    if (type === "space") {
      const tab = token.indexOf("\t");
      if (tab >= 0 && previous !== "plain") return start + tab;
      continue; // whitespace keeps `previous`: `a: b \t# c` is fine
    }
    previous = "other";
  }
  return undefined;
}

/** In a multi-line plain scalar, only spaces may indent the continuation lines. */
function tabInContinuationIndentation(content: string, start: number): number | undefined {
  const lineStart = /\r\n|\r|\n/g;
  for (let m = lineStart.exec(content); m; m = lineStart.exec(content)) {
    let i = m.index + m[0].length;
    while (content[i] === " " || content[i] === "\t") {
      if (content[i] === "\t") return start + i;
      i++;
    }
  }
  return undefined;
}

/** In a block scalar, a tab before the content indentation ends the scalar and cannot start a token. */
function tabInBlockIndentation(content: string, start: number, explicitIndent: number | undefined): number | undefined {
  const lines = content.split(/(?<=\r\n|\r(?!\n)|\n)/);
  let indent = explicitIndent;
  let offset = start;
  for (const line of lines) {
    const leadingSpaces = /^ */.exec(line)?.[0].length ?? 0;
    if (indent === undefined && line.trim() !== "") indent = Math.max(leadingSpaces, 1);
    const tab = line.indexOf("\t");
    if (tab >= 0 && tab === leadingSpaces && tab < (indent ?? Math.max(leadingSpaces, 1))) return offset + tab;
    offset += line.length;
  }
  return undefined;
}

function firstLine(message: string): string {
  const cut = message.search(/\r?\n/);
  return cut < 0 ? message : message.slice(0, cut);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

