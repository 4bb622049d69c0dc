/**
 * The catalogs as text (catalog-data.ts): the text holds exactly the JSON's data, the catalog built
 * on it answers every question as the JSON says, and the built CLI's catalog files are that text.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG_LOADERS, catalogValue, encodeCatalog, indexCatalog, type CatalogJson } from "../src/model/catalog-data.js";
import { CATALOG_VERSIONS, catalogFor } from "../src/model/catalog.js";
import { createSession } from "../src/model/session.js";

const ROOT = new URL("..", import.meta.url).pathname;
const jsonOf = (release: string) =>
  JSON.parse(readFileSync(join(ROOT, "src", "model", "catalog", `${release}.json`), "utf8")) as CatalogJson;

/** The JSON again, from the text's index alone. */
function decode(text: string): CatalogJson {
  const index = indexCatalog(text);
  const record = (map: ReadonlyMap<string, number>) => Object.fromEntries([...map].map(([key, start]) => [key, catalogValue(index, start)]));
  return {
    version: index.version,
    patterns: index.patterns,
    options: record(index.options) as CatalogJson["options"],
    deprecated: record(index.deprecated) as CatalogJson["deprecated"],
    fallback: record(index.fallback) as CatalogJson["fallback"],
    shortcuts: record(index.shortcuts) as CatalogJson["shortcuts"],
  };
}

describe("catalog text", () => {
  it.each(CATALOG_VERSIONS.map((v) => [v]))("%s: the text decodes to the JSON's data, keys in the same order", (release) => {
    const json = jsonOf(release);
    const decoded = decode(encodeCatalog(json));
    const { version, patterns, options, deprecated, fallback, shortcuts } = json;
    expect(decoded).toStrictEqual({ version, patterns, options, deprecated, fallback, shortcuts });
    expect(Object.keys(decoded.options)).toEqual(Object.keys(options));
  });

  it.each(CATALOG_VERSIONS.map((v) => [v]))("%s: the catalog answers as the JSON says", (release) => {
    const json = jsonOf(release);
    const catalog = catalogFor(release, createSession());
    for (const [key, row] of Object.entries(json.options)) {
      const option = catalog.option(key);
      expect(option?.key).toBe(key);
      expect(option?.defaultText).toBe(typeof row[1] === "string" ? row[1] : undefined);
      expect(catalog.isKnown(key)).toBe(true);
    }
    for (const [key, targets] of Object.entries(json.deprecated)) {
      expect(catalog.replacementsOf(key)).toEqual(typeof targets === "string" ? [targets] : targets);
      expect(catalog.isKnown(key)).toBe(true);
    }
    for (const [key, keys] of Object.entries(json.fallback)) expect(catalog.fallbackKeysOf(key)).toEqual(keys);
    // An option's own Enum values win over the release's shortcut names for it.
    for (const [key, shortcuts] of Object.entries(json.shortcuts)) {
      const own = json.options[key]?.[2];
      if (json.options[key] !== undefined) expect(catalog.option(key)?.values).toEqual(Array.isArray(own) && own.length > 0 ? own : shortcuts);
    }
    const maps = Object.entries(json.options).filter(([, row]) => row[0] === "Ma").map(([key]) => key);
    for (const key of maps) expect(catalog.isKnown(`${key}.anything`)).toBe(true);
    expect(indexCatalog(encodeCatalog(json)).mapOptions).toEqual(maps);
    expect(catalog.isKnown("no.such.flink.key")).toBe(false);
    expect(catalog.replacementsOf("no.such.flink.key")).toEqual([]);
    expect(catalog.fallbackKeysOf("no.such.flink.key")).toEqual([]);
  });

  it("rejects a key the text cannot hold, and text it did not write", () => {
    const json = jsonOf("1.18");
    expect(() => encodeCatalog({ ...json, options: { "a\tb": ["S"] } })).toThrow(/tab or a line break/);
    expect(() => indexCatalog("x\t1\n")).toThrow(/unknown line kind/);
    expect(() => indexCatalog("onokey\n")).toThrow(/no tab/);
    expect(() => indexCatalog('p\t[]\n')).toThrow(/no version/);
  });

  it("lists each release once, as the loaders give it", () => {
    expect(CATALOG_LOADERS.map(([release]) => release)).toEqual(CATALOG_VERSIONS);
    for (const [release, load] of CATALOG_LOADERS) expect(indexCatalog(load()).version).toBe(release);
  });

  // After a build: the CLI reads these files instead of the JSON (scripts/bundle.mjs).
  it.skipIf(!existsSync(join(ROOT, "dist", "src", "cli", "flinklint.cjs")))("the built CLI's catalog files are the encoded JSON", () => {
    for (const release of CATALOG_VERSIONS) {
      expect(readFileSync(join(ROOT, "dist", "src", "cli", `catalog-${release}.txt`), "utf8")).toBe(encodeCatalog(jsonOf(release)));
    }
  });
});
