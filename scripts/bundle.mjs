#!/usr/bin/env node
/**
 * `npm run build`, second step: bundles the CLI for fast start-up. A pre-commit hook starts
 * flinklint once per commit, and resolving and compiling ~100 ES modules cost more than linting.
 *
 * - `flinklint.cjs`: the CLI (dist/src/cli/main.js and everything it imports) as one CommonJS
 *   bundle, which `bin` (src/cli/load.cts) compiles with a V8 code cache, `flinklint.cjs.cache`.
 *   CommonJS because only a classic script can be compiled with a code cache on Node 20.
 * - `part-*.cjs`: what only some runs need (globby for glob arguments, jsdiff, the language server,
 *   `yaml` for any YAML but the usual shapes of `config.yaml` and `.flinklint.yaml`), each its
 *   own bundle with its own cache, loaded on first use.
 * - `catalog-<release>.txt`: the option catalogs as text, read when a run first needs one; a run
 *   reads one or none of the six.
 * - The caches come from training runs: the build lints examples in-process, then saves each
 *   bundle's code cache with every function that run compiled. V8 ignores a cache made by another
 *   Node version, and the bundle then compiles as usual.
 *
 * `BUNDLE_READABLE=1 node scripts/bundle.mjs` skips minification, for reading CPU profiles.
 *
 * JSON is embedded as `JSON.parse("…")`, which V8 reads faster than the equivalent object literal.
 * The library (dist/src/index.js) and the `flinklint-lsp` entry stay unbundled.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { fastJson } from "./esbuild-json.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "dist", "src", "cli");
const GENERATED = /^(bundle-|part-|catalog-|flinklint\.cjs)/;

for (const name of readdirSync(OUT)) if (GENERATED.test(name)) rmSync(join(OUT, name));

/**
 * The option catalogs: `model/catalog-data.js` imports all six as JSON and encodes one as text on
 * first use, but a run reads one or none. Here each is encoded now (`encodeCatalog`, the same text)
 * and written beside the bundle as `catalog-<release>.txt`, and the module's loaders read the file
 * on first call instead; the rest of the module (the index over the text) stays as it is.
 * @type {import("esbuild").Plugin}
 */
const lazyCatalogs = {
  name: "lazy-catalogs",
  setup(b) {
    b.onLoad({ filter: /[\\/]model[\\/]catalog-data\.js$/ }, async (args) => {
      const { encodeCatalog } = await import(pathToFileURL(args.path).href);
      // The releases and files exactly as the module lists them.
      const source = readFileSync(args.path, "utf8");
      const imports = /^import (\w+) from "(\.\/catalog\/[^"]+\.json)" with \{ type: "json" \};\n/gm;
      const files = new Map([...source.matchAll(imports)].map((m) => [m[1], m[2]]));
      const entries = /\[("[^"]+"), encodedOnce\((\w+)\)\]/g;
      const loaders = [...source.matchAll(entries)].map(([, version, name]) => {
        const file = files.get(name);
        if (file === undefined) throw new Error(`catalog-data.js: no import for ${name}`);
        const copy = `catalog-${JSON.parse(version)}.txt`;
        writeFileSync(join(OUT, copy), encodeCatalog(JSON.parse(readFileSync(join(dirname(args.path), file), "utf8"))));
        return `[${version}, lazy(${JSON.stringify(copy)})]`;
      });
      if (loaders.length !== files.size || files.size === 0) throw new Error("catalog-data.js: loaders and imports differ");
      const list = /export const CATALOG_LOADERS = \[\n[\s\S]*?\n\];/;
      if (!list.test(source)) throw new Error("catalog-data.js: no CATALOG_LOADERS list");
      return {
        contents: [
          'import { readFileSync } from "node:fs";',
          'import { join } from "node:path";',
          "function lazy(file) { let text; return () => (text ??= readFileSync(join(__dirname, file), \"utf8\")); }",
          source.replace(imports, "").replace(list, `export const CATALOG_LOADERS = [${loaders.join(", ")}];`),
        ].join("\n"),
        loader: "js",
      };
    });
  },
};

/**
 * `import process from "node:process"` in the other parts as the global `process`: the same
 * object, without esbuild's CommonJS interop copying its hundred properties onto a new one at load.
 * @type {import("esbuild").Plugin}
 */
const globalProcess = {
  name: "global-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?process$/ }, () => ({ path: "process", namespace: "global-process" }));
    b.onLoad({ filter: /.*/, namespace: "global-process" }, () => ({ contents: "export default globalThis.process;", loader: "js" }));
  },
};

/**
 * The `yaml` parser reads `process.env.LOG_TOKENS`, its debugging switch, for every token, and
 * reading `process.env` is a call into Node's C++ side: ~0.1 µs a token, 0.3 s on a 400,000-pair
 * `config.yaml`. `yaml` has no option to skip it, so in the bundle its `require("process")` gets a
 * small `process` of ours: its debugging switches (LOG_TOKENS, LOG_STREAM) unset, its warnings
 * passed to Node's. The build fails if `yaml` (pinned in package.json) uses any other part of it.
 * @type {import("esbuild").Plugin}
 */
const yamlProcess = {
  name: "yaml-process",
  setup(b) {
    const used = new Set();
    const yamlDist = join(ROOT, "node_modules", "yaml", "dist");
    for (const file of readdirSync(yamlDist, { recursive: true })) {
      if (!String(file).endsWith(".js")) continue;
      for (const m of readFileSync(join(yamlDist, String(file)), "utf8").matchAll(/node_process\.([\w.]+)/g)) used.add(m[1]);
    }
    const known = new Set(["env.LOG_TOKENS", "env.LOG_STREAM", "emitWarning"]);
    const unknown = [...used].filter((member) => !known.has(member));
    if (unknown.length > 0) throw new Error(`yaml uses process.${unknown.join(", process.")}; update scripts/bundle.mjs`);
    b.onResolve({ filter: /^(node:)?process$/ }, (args) =>
      /[\\/]node_modules[\\/]yaml[\\/]/.test(args.importer) ? { path: "yaml-process", namespace: "yaml-process" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "yaml-process" }, () => ({
      contents: "module.exports = { env: {}, emitWarning(warning) { globalThis.process.emitWarning(warning); } };",
      loader: "js",
    }));
  },
};

/**
 * `yaml` as a part of its own, loaded on first use: a run over `flink-conf.yaml` files alone, with
 * no `.flinklint.yaml` or one the line reader reads, never needs it, and compiling its 160 kB cost
 * every such run a sixth of its start-up. The bundle's `import { isMap } from "yaml"` then reads a
 * small module whose exports are getters that load the part on the first call; the getters cover
 * every export of `yaml`, so an import of a name not used today works too.
 * @type {import("esbuild").Plugin}
 */
const lazyYaml = {
  name: "lazy-yaml",
  setup(b) {
    const names = Object.keys(createRequire(import.meta.url)("yaml"));
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: "yaml", namespace: "lazy-yaml" }));
    b.onResolve({ filter: /^\.\/part-yaml\.cjs$/, namespace: "lazy-yaml" }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: "lazy-yaml" }, () => ({
      contents: [
        "let yaml;",
        'const load = () => (yaml ??= require("./part-yaml.cjs"));',
        ...names.map((name) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => load()[${JSON.stringify(name)}] });`),
      ].join("\n"),
      loader: "js",
    }));
  },
};

/**
 * What only some runs need: each becomes `part-<name>.cjs`, loaded by the bundle's `require`. The
 * bundle reads a part the way Node reads CommonJS from an ES module (its default export is
 * `module.exports`), so a part whose default export is used exports just that.
 */
const PARTS = {
  globby: { module: "globby" },
  diff: { module: "diff" },
  lsp: { module: join(ROOT, "dist", "src", "lsp", "server.js") },
  yaml: { module: "yaml" },
};

/** @type {import("esbuild").Plugin} */
const separateParts = {
  name: "separate-parts",
  setup(b) {
    b.onResolve({ filter: /^(globby|diff)$|[\\/]lsp[\\/]server\.js$/ }, async (args) => {
      if (args.pluginData === "part") return undefined;
      const resolved = args.path.endsWith("server.js") ? join(args.resolveDir, args.path) : args.path;
      const name = Object.entries(PARTS).find(([, part]) => part.module === resolved)?.[0];
      if (name === undefined) return undefined;
      return { path: `./part-${name}.cjs`, external: true };
    });
  },
};

/**
 * Each bundle is the body of a CommonJS module wrapper, written into the file itself (load.cts
 * compiles the file as it is, with no copy of a 600 kB string to add the wrapper). `import.meta.url`
 * (package.json is found relative to it) becomes the bundle's own URL, computed when first read.
 * Whitespace and syntax are minified, names are kept (readable stack traces with --debug).
 */
const COMMON = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20.19",
  // import() of a part becomes require(): the bundle runs as a classic script, without a module loader.
  supported: { "dynamic-import": false },
  minifyWhitespace: !process.env.BUNDLE_READABLE,
  minifySyntax: !process.env.BUNDLE_READABLE,
  logLevel: "warning",
  legalComments: "none",
  define: { "import.meta": "__flinklintImportMeta" },
  banner: {
    js: [
      "(function (exports, require, module, __filename, __dirname) {\"use strict\";",
      'var __flinklintImportMeta = { get url() { return require("node:url").pathToFileURL(__filename).href; } };',
    ].join("\n"),
  },
  footer: { js: "})" },
};

await build({
  ...COMMON,
  entryPoints: [join(OUT, "main.js")],
  outfile: join(OUT, "flinklint.cjs"),
  plugins: [separateParts, lazyYaml, lazyCatalogs, fastJson],
});
for (const [name, part] of Object.entries(PARTS)) {
  const exported = `require(${JSON.stringify(part.module)})${part.exports ? `.${part.exports}` : ""}`;
  await build({
    ...COMMON,
    stdin: { contents: `module.exports = ${exported};`, resolveDir: ROOT, loader: "js" },
    outfile: join(OUT, `part-${name}.cjs`),
    plugins: [lazyCatalogs, fastJson, yamlProcess, globalProcess],
  });
}
// The entries are executables: tsc writes them without the x bit, and npm sets it only when it
// links a package's bins (npx reuses an earlier link, and then a rebuilt bin could not run).
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
for (const bin of Object.values(PACKAGE.bin)) chmodSync(join(ROOT, bin), 0o755);

// The training runs: lint files as a pre-commit hook would (one file with findings, pretty and
// JSON, a clean file of each dialect) and save the main bundle's cache;
// then a glob, for globby's part only. A cache holds what its training compiled,
// and V8 reads all of it at start-up: a larger one would slow every one-file run for the sake of
// rarer ones (a directory, explain), which compile the rest as they need it.
const { loadCli, writeCodeCaches } = createRequire(import.meta.url)(join(OUT, "load.cjs"));
const { run } = await loadCli();
const io = { stdout() {}, stderr() {}, cwd: ROOT, env: {}, isTTY: false, readStdin: async () => new Uint8Array() };
const train = async (...argvs) => {
  for (const argv of argvs) {
    // A checkout without these files still builds; its caches then cover less.
    const paths = argv.filter((a, i) => !a.startsWith("-") && argv[i - 1] !== "--format" && !a.includes("*"));
    if (!paths.every((path) => existsSync(join(ROOT, path)))) continue;
    const code = await run(argv, io);
    if (code !== 0 && code !== 1) throw new Error(`bundle: training run "flinklint ${argv.join(" ")}" exited ${code}`);
  }
};
const example = "examples/flink-conf.yaml";
await train([example], ["--format", "json", example], ["fixtures/flink-defaults/1.18-flink-conf.yaml", "fixtures/flink-defaults/2.1-config.yaml"]);
writeCodeCaches();
await train(["--format", "json", "examples/*.yaml"]);
writeCodeCaches(["part-globby.cjs"]);
// yaml's part: a manifest (hosts and config.yaml files beyond the line readers' shape load it).
await train(["--format", "json", "examples/kubernetes/flink-deployment.yaml"]);
writeCodeCaches(["part-yaml.cjs"]);
