#!/usr/bin/env node
/**
 * `npm run build`, last step: the browser playground, `dist/web/index.html` and the script it
 * loads by a relative path, `./playground.js`, which work opened from disk (`file://`) or from any
 * static host. The script bundles the same core as the CLI (src/web/playground.ts and what it
 * imports: lintText, explainText, renderMemorySvg) as a classic IIFE script: Chromium refuses
 * `type="module"` scripts over file://. A script file rather than an inline one: browsers keep a
 * compiled copy of a script file, which made a reload three times faster than a 760 kB inline script.
 *
 * The build fails when the page would hold Node-only code:
 * - an import of a Node built-in (`node:*`, or a bare `fs`, `path`, …) anywhere in the graph,
 *   named with the module that imports it;
 * - a run-time reference to a Node global (`process`, `Buffer`, `__dirname`, …): esbuild replaces
 *   each global reference (not a property name, not a string) with a marker, found here;
 * - a `require(` left in the output (a CommonJS import esbuild could not bundle);
 * - a type error: src/web is checked with tsconfig.web.json (DOM types, no Node types), which also
 *   proves that the core it imports needs no @types/node (src/web/globals.d.ts declares the one
 *   engine property beyond ES2022 it sets).
 *
 * `WEB_READABLE=1 node scripts/build-web.mjs` skips minification.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { fastJson } from "./esbuild-json.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(ROOT, "src", "web");
const OUT = join(ROOT, "dist", "web");

// The types first: esbuild strips them without checking.
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.web.json")], { stdio: "inherit" });
} catch {
  console.error("build-web: type errors in src/web (tsconfig.web.json)");
  process.exit(1);
}

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith("_")));

/** Any import of a Node built-in fails the build, naming the importer. @type {import("esbuild").Plugin} */
const noNodeBuiltins = {
  name: "no-node-builtins",
  setup(b) {
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      const bare = args.path.startsWith("node:") ? args.path.slice(5) : args.path;
      if (!args.path.startsWith("node:") && !BUILTINS.has(bare) && !BUILTINS.has(bare.split("/")[0] ?? "")) return undefined;
      const importer = args.importer ? relative(ROOT, args.importer) : "(entry)";
      return {
        errors: [{ text: `${importer} imports the Node built-in "${args.path}": the playground bundle runs in a browser and must hold no Node-only code` }],
      };
    });
  },
};

/**
 * Node's globals, each replaced by a marker wherever the code reads the global itself: no module of
 * the core or of its dependencies (the `yaml` package's browser build included) needs one, so none
 * is defined to a value, and a marker in the output means a new dependency does. (`require` is
 * left to esbuild, which bundles it, and to the check of the output below.)
 */
const NODE_GLOBALS = ["process", "Buffer", "global", "__dirname", "__filename", "setImmediate"];
const marker = (name) => `__flinklintNodeOnly_${name}`;

const result = await build({
  entryPoints: [join(SRC, "playground.ts")],
  bundle: true,
  write: false,
  format: "iife",
  platform: "browser",
  // Browsers of the last few years: what the core's syntax needs (ES2022), nothing transpiled down.
  target: ["es2022", "chrome100", "firefox100", "safari15.4"],
  charset: "utf8",
  minify: !process.env.WEB_READABLE,
  legalComments: "none",
  logLevel: "warning",
  define: Object.fromEntries(NODE_GLOBALS.map((name) => [name, marker(name)])),
  plugins: [noNodeBuiltins, fastJson],
}).catch(() => {
  // esbuild has printed each error (a Node built-in names its importer).
  console.error("build-web: the playground bundle failed");
  process.exit(1);
});

const script = result.outputFiles[0]?.text ?? "";
const problems = [];
for (const name of NODE_GLOBALS) if (script.includes(marker(name))) problems.push(`the bundle reads the Node global \`${name}\` at run time`);
if (/\brequire\s*\(|__require\b/.test(script)) problems.push("the bundle calls require(): a CommonJS import was left unbundled");
if (problems.length > 0) {
  for (const problem of problems) console.error(`build-web: ${problem}`);
  process.exit(1);
}

const style = readFileSync(join(SRC, "playground.css"), "utf8");
if (/<\/style/i.test(style)) throw new Error("build-web: playground.css holds </style");
const csp = [
  "default-src 'none'",
  // The page's own script file: 'self' matches it over http(s), and Chromium matches file: with it.
  "script-src 'self'",
  // Styles, inline only: the page's own and whatever the memory SVG carries. CSS runs no code,
  // and with every fetch refused (default-src 'none') it cannot send anything either.
  "style-src 'unsafe-inline'",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const fill = { "%CSP%": csp, "%STYLE%": style, "%VERSION%": version };
// A function replacement: the stylesheet could hold `$&`-like sequences that a replacement string would expand.
const html = readFileSync(join(SRC, "index.html"), "utf8").replace(/%(?:CSP|STYLE|VERSION)%/g, (name) => fill[name]);

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "index.html"), html);
writeFileSync(join(OUT, "playground.js"), script);
const kB = (text) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} kB`;
console.log(`build-web: ${relative(ROOT, OUT)}/index.html ${kB(html)}, playground.js ${kB(script)}`);
