#!/usr/bin/env node
/**
 * `npm run build`, second step: bundles the CLI (dist/src/cli/bin.js, compiled by tsc) into one ES
 * module plus lazily loaded chunks, written over that same entry file, so `bin` keeps its path.
 * A pre-commit hook starts flinklint once per commit: resolving and compiling ~100 modules cost
 * more than the linting. The library (dist/src/index.js) and the language server stay unbundled.
 *
 * - Chunks sit beside the entry (`bundle-*.js`), so `import.meta.url`-relative paths (package.json)
 *   resolve as before; old chunks are removed first.
 * - JSON (the option catalogs) is embedded as `JSON.parse("…")`, which V8 reads much faster than
 *   the equivalent object literal.
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
  plugins: [fastJson, noRuleDocsTable],
});
