/**
 * The import boundaries of DESIGN.md, checked on the source: the core (parser, model, engine,
 * rules, hosts, formatters, the one lint entry) imports nothing from `node:` and no shell; the
 * engine, rules, model and parser import no host adapter (they lint ConfigTargets and know no host);
 * each layer imports only the layers below it (DESIGN's data flow), and no module imports itself
 * through others (type-only imports count: a cycle is a cycle to a reader).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(?:c|m)?ts$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, resolved to a path from the root when relative. */
function importsOf(file: string): string[] {
  return specifiersIn(readFileSync(join(ROOT, file), "utf8"), file);
}

function specifiersIn(text: string, file: string): string[] {
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? "",
  );
  return specifiers.map((s) => (s.startsWith(".") ? relative(ROOT, join(ROOT, file, "..", s)) : s));
}

/**
 * The shells over the core: the CLI, the language server, the file system, the Node library API
 * (src/index.ts), and the browser playground (src/web/).
 */
const SHELLS = ["src/cli/", "src/lsp/", "src/node/", "src/index.ts", "src/web/"];
/** What runs in the browser: the playground may import the core, but nothing of Node or of the Node shells. */
const BROWSER = sources("src/web");
const CORE = [...sources("src"), ...sources("rules")].filter((f) => !SHELLS.some((s) => f.startsWith(s)));
const HOST_BLIND = CORE.filter((f) => /^(?:src\/(?:engine|model|parser|util|formatters)\/|rules\/|src\/types\.ts$)/.test(f));

describe("import boundaries", () => {
  it("finds the files it checks", () => {
    expect(CORE.length).toBeGreaterThan(100);
    expect(HOST_BLIND.some((f) => f.startsWith("rules/"))).toBe(true);
    expect(CORE.some((f) => f.startsWith("src/hosts/"))).toBe(true);
    // The check can fail: a shell does import node: modules.
    expect(importsOf("src/node/walk.ts").some((s) => s.startsWith("node:"))).toBe(true);
  });

  it("the core imports nothing from node: and nothing of the CLI, the language server or src/node", () => {
    const offending = CORE.flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith("node:") || SHELLS.some((shell) => s.startsWith(shell)))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it("the browser playground imports nothing from node: and nothing of the CLI, the language server, src/node or the Node API", () => {
    expect(BROWSER.some((f) => f === "src/web/playground.ts")).toBe(true);
    const offending = BROWSER.flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith("node:") || SHELLS.filter((shell) => shell !== "src/web/").some((shell) => s.startsWith(shell.replace(/\.ts$/, ""))))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it("the engine, rules, model and parser import no host adapter", () => {
    const offending = HOST_BLIND.flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith("src/hosts/") || s === "src/lint-file.js")
        .map((s) => `${file} imports ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it("each layer imports only the layers below it", () => {
    expect(layerViolations(importGraph())).toEqual([]);
  });

  it("has no import cycles", () => {
    expect(cyclesIn(importGraph())).toEqual([]);
  });

  it("the checks can fail", () => {
    const graph = new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]], ["d.ts", ["a.ts"]]]);
    expect(cyclesIn(graph)).toEqual([["a.ts", "b.ts", "c.ts"]]);
    const layered = new Map([["src/model/memory.ts", ["src/util/java.ts", "src/engine/facts.ts"]], ["rules/x.ts", ["src/engine/facts.ts"]]]);
    expect(layerViolations(layered)).toEqual(["src/model/memory.ts imports src/engine/facts.ts"]);
    expect(specifiersIn('import type { X } from "../engine/lint.js";\nexport { y } from "./y.js";', "src/model/m.ts")).toEqual([
      "src/engine/lint.js",
      "src/model/y.js",
    ]);
  });
});

/** What each layer may import from src/ and rules/ (its own folder included); a file of no listed layer is not checked. */
const BELOW_MODEL = ["src/types.ts", "src/util/", "src/parser/"];
const LAYERS: readonly (readonly [string, readonly string[]])[] = [
  ["src/util/", ["src/util/", "src/types.ts"]],
  ["src/parser/", ["src/parser/", "src/util/", "src/types.ts"]],
  ["src/types.ts", ["src/parser/lines.ts"]],
  ["src/model/", ["src/model/", ...BELOW_MODEL]],
  ["src/formatters/", ["src/formatters/", "src/model/", ...BELOW_MODEL]],
];

function layerViolations(graph: ReadonlyMap<string, readonly string[]>): string[] {
  return [...graph].flatMap(([file, imported]) => {
    const allowed = LAYERS.find(([prefix]) => file.startsWith(prefix))?.[1];
    if (allowed === undefined) return [];
    return imported.filter((s) => !allowed.some((prefix) => s.startsWith(prefix))).map((s) => `${file} imports ${s}`);
  });
}

/** The import graph of src/ and rules/, by file path (imports of `.js` resolve to the `.ts` or `.cts` beside them). */
function importGraph(): Map<string, string[]> {
  const files = new Set([...sources("src"), ...sources("rules")]);
  const resolve = (s: string): string | undefined =>
    [s.replace(/\.c?js$/, ".ts"), s.replace(/\.c?js$/, ".cts"), s].find((candidate) => files.has(candidate));
  return new Map([...files].map((file) => [file, importsOf(file).flatMap((s) => resolve(s) ?? [])]));
}

/** The strongly connected components of more than one file (Tarjan), each sorted, in a stable order. */
function cyclesIn(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}
