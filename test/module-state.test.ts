/**
 * DESIGN.md: "No module-level state; caches live on the per-run context" (src/model/session.ts).
 * A module of src/ or rules/ declares no top-level `let` or `var`, and no top-level Map, Set,
 * WeakMap or WeakSet that it fills later: a table built at load from a literal and never changed
 * is a constant, and is fine. Each top-level statement is read with TypeScript's own parser.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname;

/** State a module may keep, with the reason. */
const ALLOWED: ReadonlyMap<string, string> = new Map([
  // The bundle loader's registry of compiled bundles: like require's own cache, one per process, and
  // what lets a build save the code caches after training.
  ["src/cli/load.cts loaded", "module registry"],
]);

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(?:c|m)?ts$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const COLLECTIONS = new Set(["Map", "Set", "WeakMap", "WeakSet"]);
/** Methods that change a collection (or an array) after it is built. */
const MUTATORS = new Set(["set", "add", "delete", "clear", "push", "pop", "shift", "unshift", "splice"]);

/** The expression under `as`, `satisfies`, `!` and parentheses. */
function unwrap(node: ts.Expression): ts.Expression {
  while (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node)) {
    node = node.expression;
  }
  return node;
}

/**
 * The names the module changes inside a function, that is after load: `name.set(…)`, `name.push(…)`,
 * `name[k] = …`, `name.x = …`. A top-level loop that fills a table builds it at load.
 */
function mutatedNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node, inFunction: boolean): void => {
    if (!inFunction) {
      ts.forEachChild(node, (child) => visit(child, ts.isFunctionLike(child) || ts.isClassStaticBlockDeclaration(child)));
      return;
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATORS.has(node.expression.name.text)) {
      const receiver = unwrap(node.expression.expression);
      if (ts.isIdentifier(receiver)) names.add(receiver.text);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const target = unwrap(node.left);
      if (ts.isElementAccessExpression(target) || ts.isPropertyAccessExpression(target)) {
        const receiver = unwrap(target.expression);
        if (ts.isIdentifier(receiver)) names.add(receiver.text);
      }
    }
    ts.forEachChild(node, (child) => visit(child, true));
  };
  visit(file, false);
  return names;
}

/** Each top-level declaration of the text that holds state and is not `allowed`, as "path name: why". */
function moduleStateIn(path: string, text: string, allowed: ReadonlyMap<string, string> = ALLOWED): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith(".cts") ? ts.ScriptKind.TS : undefined);
  const mutated = mutatedNames(file);
  const found: string[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const list = statement.declarationList;
    const constant = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const declaration of list.declarations) {
      const name = declaration.name.getText(file);
      const report = (why: string) => {
        if (!allowed.has(`${path} ${name}`)) found.push(`${path} ${name}: ${why}`);
      };
      if (!constant) {
        report(`a module-level ${(list.flags & ts.NodeFlags.Let) !== 0 ? "let" : "var"}`);
        continue;
      }
      const init = declaration.initializer === undefined ? undefined : unwrap(declaration.initializer);
      if (init !== undefined && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && COLLECTIONS.has(init.expression.text)) {
        if ((init.arguments ?? []).length === 0) report(`a module-level empty ${init.expression.text}, filled later`);
        else if (mutated.has(name)) report(`a module-level ${init.expression.text} changed after it is built`);
        continue;
      }
      if (ts.isIdentifier(declaration.name) && mutated.has(name) && init !== undefined && (ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init))) {
        report("a module-level literal changed after it is built");
      }
    }
  }
  return found;
}

describe("module-level state", () => {
  const files = [...sources("src"), ...sources("rules")];

  it("finds the files it checks", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("src/model/catalog.ts");
    expect(files).toContain("src/cli/load.cts");
  });

  it("no module under src/ or rules/ keeps state of its own", () => {
    const found = files.flatMap((path) => moduleStateIn(path, readFileSync(join(ROOT, path), "utf8")));
    expect(found).toEqual([]);
  });

  it("every allowed exception is still there", () => {
    for (const entry of ALLOWED.keys()) {
      const path = entry.slice(0, entry.indexOf(" "));
      const found = moduleStateIn(path, readFileSync(join(ROOT, path), "utf8"), new Map());
      expect(found.some((f) => f.startsWith(`${entry}:`)), entry).toBe(true);
    }
  });

  it("the check can fail", () => {
    const text = [
      "let chosen: string | undefined;",
      "export var legacy = 1;",
      "const cache = new Map<string, number>();",
      "const seen = new Set<string>([\"a\"]) as ReadonlySet<string>;",
      "const table: Record<string, number> = {};",
      "const KEPT = new Set([\"x\", \"y\"]);",
      "const NAMES: ReadonlyMap<string, number> = new Map([[\"a\", 1]]);",
      "const LIST = [1, 2];",
      "const UNITS: Record<string, number> = {};",
      "for (const unit of [\"s\", \"m\"]) UNITS[unit] = 1;",
      "function remember(key: string) { cache.set(key, 1); (seen as Set<string>).add(key); table[key] = 2; }",
      "function read() { let local = 0; const inner = new Map(); inner.set(1, 2); return KEPT.has('x') && NAMES.get('a') === LIST[local] && UNITS['s'] === 1; }",
    ].join("\n");
    expect(moduleStateIn("src/x.ts", text)).toEqual([
      "src/x.ts chosen: a module-level let",
      "src/x.ts legacy: a module-level var",
      "src/x.ts cache: a module-level empty Map, filled later",
      "src/x.ts seen: a module-level Set changed after it is built",
      "src/x.ts table: a module-level literal changed after it is built",
    ]);
  });
});
