/**
 * The raw option catalogs, one loader per catalogued release. Here the JSON is imported as usual;
 * the CLI bundle (scripts/bundle.mjs) replaces this module with one that keeps each catalog as a
 * string and parses it on the first call, since a run reads one or two of the six catalogs and
 * parsing all of them at start-up costs every one-file run a few milliseconds.
 */
import c118 from "./catalog/1.18.json" with { type: "json" };
import c119 from "./catalog/1.19.json" with { type: "json" };
import c120 from "./catalog/1.20.json" with { type: "json" };
import c20 from "./catalog/2.0.json" with { type: "json" };
import c21 from "./catalog/2.1.json" with { type: "json" };
import c22 from "./catalog/2.2.json" with { type: "json" };

/** [release, loader of its JSON], oldest first. */
export const CATALOG_LOADERS: ReadonlyArray<readonly [string, () => unknown]> = [
  ["1.18", () => c118],
  ["1.19", () => c119],
  ["1.20", () => c120],
  ["2.0", () => c20],
  ["2.1", () => c21],
  ["2.2", () => c22],
];
