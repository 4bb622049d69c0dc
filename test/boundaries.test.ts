/**
 * The import boundaries of DESIGN.md, checked on the source: the core (parser, model, engine,
 * rules, hosts, formatters, the one lint entry) imports nothing from `node:` and no shell; the
 * engine, rules, model and parser import no host adapter (they lint ConfigTargets and know no host).
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
  const text = readFileSync(join(ROOT, file), "utf8");
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? "",
  );
  return specifiers.map((s) => (s.startsWith(".") ? relative(ROOT, join(ROOT, file, "..", s)) : s));
}

/** The shells over the core: the CLI, the language server, the file system, and the Node library API (src/index.ts). */
const SHELLS = ["src/cli/", "src/lsp/", "src/node/", "src/index.ts"];
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

  it("the engine, rules, model and parser import no host adapter", () => {
    const offending = HOST_BLIND.flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith("src/hosts/") || s === "src/lint-file.js")
        .map((s) => `${file} imports ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
