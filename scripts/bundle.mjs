#!/usr/bin/env node
/**
 * `npm run build`, second step: bundles the CLI (dist/src/cli/bin.js, compiled by tsc) into one ES
 * module plus lazily loaded chunks, written over that same entry file, so `bin` keeps its path.
 * A pre-commit hook starts flinklint once per commit: resolving and compiling ~100 modules cost
 * more than the linting. The library (dist/src/index.js) and the language server stay unbundled.
 *
 * - Chunks sit beside the entry (`bundle-*.js`), so `import.meta.url`-relative paths (package.json)
 *   resolve as before; old chunks are removed first.
 * - JSON is embedded as `JSON.parse("…")`, which V8 reads much faster than the equivalent object
 *   literal; the option catalogs are parsed only when a run first needs one (see lazyCatalogs).
 * - `eslint-rule-docs` (a 6,000-line plugin table, loaded by eslint-formatter-pretty) is replaced
 *   by a stub: the pretty formatter passes every rule's docs URL itself, so the table is never read.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "dist", "src", "cli");
const ENTRY = join(OUT, "bin.js");

for (const name of readdirSync(OUT)) if (name.startsWith("bundle-")) rmSync(join(OUT, name));

/** @type {import("esbuild").Plugin} */
const fastJson = {
  name: "json-parse",
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      const text = JSON.stringify(JSON.parse(readFileSync(args.path, "utf8")));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: "js" };
    });
  },
};

/**
 * The option catalogs: `model/catalog-data.js` imports all six, but a run reads one or two. Here
 * each is a string, parsed on its loader's first call (the same data the JSON import gives).
 * @type {import("esbuild").Plugin}
 */
const lazyCatalogs = {
  name: "lazy-catalogs",
  setup(b) {
    b.onLoad({ filter: /[\\/]model[\\/]catalog-data\.js$/ }, (args) => {
      // The releases and files exactly as the module lists them.
      const source = readFileSync(args.path, "utf8");
      const files = new Map([...source.matchAll(/import (\w+) from "(\.\/catalog\/[^"]+\.json)"/g)].map((m) => [m[1], m[2]]));
      const loaders = [...source.matchAll(/\[("[^"]+"), \(\) => (\w+)\]/g)].map(([, version, name]) => {
        const file = files.get(name);
        if (file === undefined) throw new Error(`catalog-data.js: no import for ${name}`);
        const text = JSON.stringify(JSON.parse(readFileSync(join(dirname(args.path), file), "utf8")));
        return `[${version}, lazy(${JSON.stringify(text)})]`;
      });
      if (loaders.length !== files.size) throw new Error("catalog-data.js: loaders and imports differ");
      return {
        contents: [
          "function lazy(text) { let data; return () => (data ??= JSON.parse(text)); }",
          `export const CATALOG_LOADERS = [${loaders.join(", ")}];`,
        ].join("\n"),
        loader: "js",
      };
    });
  },
};

/** @type {import("esbuild").Plugin} */
const noRuleDocsTable = {
  name: "no-eslint-rule-docs",
  setup(b) {
    b.onResolve({ filter: /^eslint-rule-docs$/ }, () => ({ path: "eslint-rule-docs", namespace: "stub" }));
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents: 'export default function ruleDocs() { throw new Error("No documentation found for rule"); }',
      loader: "js",
    }));
  },
};

await build({
  entryPoints: [ENTRY],
  outdir: OUT,
  entryNames: "[name]",
  chunkNames: "bundle-[name]-[hash]",
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  logLevel: "warning",
  legalComments: "none",
  // CommonJS dependencies (eslint-formatter-pretty's) call require() for Node built-ins.
  banner: { js: 'import { createRequire as __flinklintCreateRequire } from "node:module"; const require = __flinklintCreateRequire(import.meta.url);' },
  plugins: [lazyCatalogs, fastJson, noRuleDocsTable],
});
