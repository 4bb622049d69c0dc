/**
 * The raw option catalogs, one loader per catalogued release, each giving the release's catalog
 * as text (`encodeCatalog`). Here the JSON is imported as usual and encoded on first use; the CLI
 * bundle (scripts/bundle.mjs) replaces this module with one that reads the text, written at build
 * time, on the first call: a one-file run reads one catalog or none, and indexing a release's text
 * allocates a tenth of what parsing its JSON did, which spared a one-file run a garbage collection.
 */
import c111 from "./catalog/1.11.json" with { type: "json" };
import c112 from "./catalog/1.12.json" with { type: "json" };
import c113 from "./catalog/1.13.json" with { type: "json" };
import c114 from "./catalog/1.14.json" with { type: "json" };
import c115 from "./catalog/1.15.json" with { type: "json" };
import c116 from "./catalog/1.16.json" with { type: "json" };
import c117 from "./catalog/1.17.json" with { type: "json" };
import c118 from "./catalog/1.18.json" with { type: "json" };
import c119 from "./catalog/1.19.json" with { type: "json" };
import c120 from "./catalog/1.20.json" with { type: "json" };
import c20 from "./catalog/2.0.json" with { type: "json" };
import c21 from "./catalog/2.1.json" with { type: "json" };
import c22 from "./catalog/2.2.json" with { type: "json" };

/** A release's catalog as generated (src/model/catalog/<release>.json): the parts lookups use. */
export interface CatalogJson {
  version: string;
  options: Record<string, ReadonlyArray<string | null | readonly string[]>>;
  deprecated: Record<string, string | readonly string[]>;
  fallback: Record<string, readonly string[]>;
  patterns: readonly string[];
  shortcuts: Record<string, readonly string[]>;
}

/** The line kinds of the text: one entry a line, `<kind><key>\t<value as JSON>`. */
const KINDS = { version: "v", patterns: "p", options: "o", deprecated: "d", fallback: "f", shortcuts: "s" } as const;

/**
 * A catalog as text, one entry a line: `<kind><key>\t<JSON of its value>`, so that a run indexes
 * the keys (`indexCatalog`) and parses the values of only the keys it looks up. The same data as
 * the JSON: keys as they are (none holds a tab or a line break; this throws if one did), values
 * through JSON, entries in the JSON's order.
 */
export function encodeCatalog(json: CatalogJson): string {
  const lines = [`${KINDS.version}\t${JSON.stringify(json.version)}`, `${KINDS.patterns}\t${JSON.stringify(json.patterns)}`];
  for (const kind of ["options", "deprecated", "fallback", "shortcuts"] as const) {
    for (const [key, value] of Object.entries(json[kind])) {
      if (/[\t\n\r]/.test(key)) throw new Error(`catalog ${json.version}: key ${JSON.stringify(key)} holds a tab or a line break`);
      lines.push(`${KINDS[kind]}${key}\t${JSON.stringify(value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Where each key's value starts in a catalog's text (see `encodeCatalog`), by kind. */
export interface CatalogIndex {
  readonly text: string;
  readonly version: string;
  readonly patterns: readonly string[];
  readonly options: ReadonlyMap<string, number>;
  readonly deprecated: ReadonlyMap<string, number>;
  readonly fallback: ReadonlyMap<string, number>;
  readonly shortcuts: ReadonlyMap<string, number>;
  /** Option keys of type Map, in the text's order. */
  readonly mapOptions: readonly string[];
}

/** Indexes a catalog's text: the keys only (slices of the text), no value parsed but two short ones. */
export function indexCatalog(text: string): CatalogIndex {
  const options = new Map<string, number>();
  const deprecated = new Map<string, number>();
  const fallback = new Map<string, number>();
  const shortcuts = new Map<string, number>();
  const byKind: Record<string, Map<string, number>> = {
    [KINDS.options]: options, [KINDS.deprecated]: deprecated, [KINDS.fallback]: fallback, [KINDS.shortcuts]: shortcuts,
  };
  const mapOptions: string[] = [];
  let version: string | undefined;
  let patterns: readonly string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const tab = text.indexOf("\t", start);
    if (tab < 0 || tab > end) throw new Error(`catalog text: no tab in line at ${start}`);
    const kind = text[start] ?? "";
    if (kind === KINDS.version) version = JSON.parse(text.slice(tab + 1, end)) as string;
    else if (kind === KINDS.patterns) patterns = JSON.parse(text.slice(tab + 1, end)) as string[];
    else {
      const map = byKind[kind];
      if (map === undefined) throw new Error(`catalog text: unknown line kind ${JSON.stringify(kind)}`);
      const key = text.slice(start + 1, tab);
      map.set(key, tab + 1);
      // JSON.stringify writes a Map row as `["Ma"` and nothing else does.
      if (map === options && text.startsWith('["Ma"', tab + 1)) mapOptions.push(key);
    }
    start = end + 1;
  }
  if (version === undefined) throw new Error("catalog text: no version line");
  return { text, version, patterns, options, deprecated, fallback, shortcuts, mapOptions };
}

/** The value of an indexed entry, parsed. */
export function catalogValue(index: CatalogIndex, start: number): unknown {
  const end = index.text.indexOf("\n", start);
  return JSON.parse(index.text.slice(start, end < 0 ? index.text.length : end));
}

/**
 * A loader of a release's text, encoded on its first call: the text is a pure function of the
 * imported JSON (a constant, encoded once as the bundle reads its file once), and a library caller
 * that lints without a session of its own would otherwise encode it for every call.
 */
function encodedOnce(json: CatalogJson): () => string {
  let text: string | undefined;
  return () => (text ??= encodeCatalog(json));
}

/** [release, loader of its catalog text], oldest first. */
export const CATALOG_LOADERS: ReadonlyArray<readonly [string, () => string]> = [
  ["1.11", encodedOnce(c111)],
  ["1.12", encodedOnce(c112)],
  ["1.13", encodedOnce(c113)],
  ["1.14", encodedOnce(c114)],
  ["1.15", encodedOnce(c115)],
  ["1.16", encodedOnce(c116)],
  ["1.17", encodedOnce(c117)],
  ["1.18", encodedOnce(c118)],
  ["1.19", encodedOnce(c119)],
  ["1.20", encodedOnce(c120)],
  ["2.0", encodedOnce(c20)],
  ["2.1", encodedOnce(c21)],
  ["2.2", encodedOnce(c22)],
];
