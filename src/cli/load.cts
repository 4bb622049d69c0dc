/**
 * Loads the CLI for `bin`. After `npm run build`, the CLI is one CommonJS bundle (`flinklint.cjs`,
 * from scripts/bundle.mjs) with a V8 code cache beside it (`flinklint.cjs.cache`): compiling the
 * bundle's functions cost a one-file run more than the linting, and Node 20 keeps no compile cache
 * of its own (`module.enableCompileCache` arrived in Node 22). A cache that V8 rejects (another
 * Node version or V8 flags) is ignored and the bundle compiles as usual. Rarely used parts (the
 * file walker, jsdiff, the language server) are separate bundles (`part-*.cjs`), loaded the same
 * way on their first `require`.
 *
 * Without the bundle (tsc's output alone), this imports the ES modules directly.
 *
 * CommonJS, like `bin`: an ES module entry costs a one-file run ~3 ms more (the ES module loader,
 * and the builtin facades, which load all of `node:fs`'s streams).
 */
import fs = require("node:fs");
import path = require("node:path");
import vm = require("node:vm");

type Main = typeof import("./main.js");

const BUNDLE_FILE = "flinklint.cjs";
const PART_PREFIX = "./part-";

interface LoadedBundle {
  file: string;
  script: vm.Script;
  /** Whether V8 refused the cache; undefined when there was none. */
  cacheRejected: boolean | undefined;
  exports: unknown;
}

/** Every bundle compiled in this process, by path, so a build can save their caches after training. */
const loaded = new Map<string, LoadedBundle>();

async function loadCli(): Promise<Main> {
  const file = path.join(__dirname, BUNDLE_FILE);
  if (!fs.existsSync(file)) return import("./main.js");
  return runBundle(file) as Main;
}

/** `require` inside the bundles: parts through their caches, anything else (Node built-ins) as usual. */
function bundleRequire(id: string): unknown {
  return id.startsWith(PART_PREFIX) ? runBundle(path.join(__dirname, id)) : require(id);
}

/**
 * Compiles a bundle with its code cache and runs it, once. The bundles are ASCII (esbuild escapes
 * everything else), so decoding them as latin1 gives the exact source.
 */
function runBundle(file: string): unknown {
  const known = loaded.get(file);
  if (known !== undefined) return known.exports;
  const { source, cachedData } = readBundle(file);
  // The file is a module wrapper, `(function (exports, require, module, __filename, __dirname) {…})`.
  const script = new vm.Script(source, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  const bundle: LoadedBundle = {
    file,
    script,
    cacheRejected: cachedData === undefined ? undefined : script.cachedDataRejected,
    exports: module.exports,
  };
  loaded.set(file, bundle);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, bundleRequire, module, file, path.dirname(file));
  bundle.exports = module.exports;
  return module.exports;
}

/**
 * A bundle's source and its code cache (if any), both read through one buffer: each page of fresh
 * memory costs a page fault, a start-up's largest cost after Node's own, and a buffer for each
 * file would add a third of a megabyte of them. V8 reads the cache during compilation only.
 */
function readBundle(file: string): { source: string; cachedData: Buffer | undefined } {
  const sourceFd = fs.openSync(file, "r");
  let cacheFd: number | undefined;
  try {
    cacheFd = fs.openSync(`${file}.cache`, "r");
  } catch {
    cacheFd = undefined;
  }
  try {
    const sourceSize = fs.fstatSync(sourceFd).size;
    const cacheSize = cacheFd === undefined ? 0 : fs.fstatSync(cacheFd).size;
    const buffer = Buffer.allocUnsafeSlow(Math.max(sourceSize, cacheSize));
    const source = buffer.toString("latin1", 0, readFully(sourceFd, buffer, sourceSize));
    const cachedData = cacheFd === undefined ? undefined : buffer.subarray(0, readFully(cacheFd, buffer, cacheSize));
    return { source, cachedData };
  } finally {
    fs.closeSync(sourceFd);
    if (cacheFd !== undefined) fs.closeSync(cacheFd);
  }
}

/** Reads up to `size` bytes from the start of a file into `buffer`; returns how many it read. */
function readFully(fd: number, buffer: Buffer, size: number): number {
  let read = 0;
  while (read < size) {
    const n = fs.readSync(fd, buffer, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return read;
}

/** The bundles this process compiled, and whether V8 took their caches (undefined: no cache). */
function loadedBundles(): Array<{ file: string; cacheRejected: boolean | undefined }> {
  return [...loaded.values()].map(({ file, cacheRejected }) => ({ file, cacheRejected }));
}

/**
 * Writes the code cache of each compiled bundle (or of those named, by file name), with every
 * function run so far: the build calls this after training runs, so a cache holds the functions a
 * usual run needs, and no more (V8 reads all of a cache at start-up).
 */
function writeCodeCaches(names?: readonly string[]): string[] {
  return [...loaded.values()]
    .filter(({ file }) => names === undefined || names.includes(path.basename(file)))
    .map(({ file, script }) => {
      fs.writeFileSync(`${file}.cache`, script.createCachedData());
      return `${file}.cache`;
    });
}

export = { loadCli, loadedBundles, writeCodeCaches };
