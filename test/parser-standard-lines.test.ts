/**
 * The line-by-line `config.yaml` path (src/parser/standard-lines.ts) against the full path through
 * the yaml library's documents: wherever the line path answers, the documents are the same, on every
 * YAML file in the repository and on generated ones. It must also answer for the usual file, or it
 * would be dead code.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineIndex } from "../src/parser/lines.js";
import { parseLinedStandard } from "../src/parser/standard-lines.js";
import { parseComposed } from "../src/parser/standard.js";
import type { ConfigDocument } from "../src/types.js";
import { ADVERSARIAL_CASES } from "../fixtures/adversarial/cases.js";

const ROOT = new URL("..", import.meta.url).pathname;
const BUDGET = 1_000_000;

/** Everything a rule can see of a parsed document. */
function shape(doc: ConfigDocument) {
  return {
    entries: doc.entries,
    findings: doc.findings,
    loadFailure: doc.loadFailure,
    config: [...doc.config],
    byKey: [...doc.byKey],
  };
}

/** The line path's document, or undefined where it leaves the file to the full path. */
function lined(text: string) {
  return parseLinedStandard(text, new LineIndex(text), BUDGET);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) return [];
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe("line-by-line config.yaml path", () => {
  const files = [...yamlFiles(join(ROOT, "fixtures")), ...yamlFiles(join(ROOT, "examples"))];

  it("gives the full path's document for every YAML file in the repository", () => {
    let answered = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const fast = lined(text);
      if (fast === undefined) continue;
      answered++;
      expect(shape(fast), file).toEqual(shape(parseComposed(text)));
    }
    // Most config.yaml fixtures are of the usual shape; the line path must not silently stop answering.
    expect(answered).toBeGreaterThan(100);
  });

  it("gives the full path's document for the adversarial corpus", () => {
    for (const c of ADVERSARIAL_CASES) {
      const built = c.build();
      if (typeof built !== "string" || built.length > 2_000_000) continue;
      const fast = lined(built);
      if (fast !== undefined) expect(shape(fast), c.file).toEqual(shape(parseComposed(built)));
    }
  });

  it("answers for the config.yaml Flink ships", () => {
    for (const name of ["1.20-config.yaml", "2.1-config.yaml"]) {
      const text = readFileSync(join(ROOT, "fixtures", "flink-defaults", name), "utf8");
      expect(lined(text), name).toBeDefined();
    }
  });

  // Generated files: nested maps written in many ways, valid or not, with scalars that YAML reads
  // as other types, quotes, escapes, comments, odd indentation and stray characters.
  const segment = fc.oneof(
    fc.constantFrom("taskmanager", "memory", "process.size", "a", "b-c", "x.y", "true", "1", "null", "~", "key with space", "k:"),
    fc.stringMatching(/^[a-z][a-z0-9.-]{0,8}$/),
  );
  // Mostly scalars the line path takes (typed, quoted, escaped), some it leaves to the full path.
  const scalar = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom("1728m", "1.5", "0.4", "1e3", "0x1F", "0o17", "-0", ".inf", "-.Inf", ".nan", "true", "False", "TRUE", "a b", "a #b", "'q'", '"q"', "'it''s'", '"\\t\\u00e9"', "12345678901234567890", "1_000", "+12", "0.", ".5", "1.0e+3", "s3://b/x", "-XX:+UseG1GC", "a:b", "'multi\n  line'", "plain\n  continued"),
    },
    { weight: 2, arbitrary: fc.stringMatching(/^[ -~]{0,12}$/) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("null", "~", "", "a: b", '"bad \\q"', "'open", '"open', "@at", "`tick", "%p", "- item", "[1, 2]", "{a: 1}", "&a x", "*a", "!!str 1", "| block", "> folded"),
    },
  );
  type Tree = { key: string; value: string | Tree[] };
  const tree: fc.Arbitrary<Tree[]> = fc.letrec<{ items: Tree[] }>((tie) => ({
    items: fc.array(fc.record({ key: segment, value: fc.oneof({ depthSize: "small" }, scalar, tie("items")) }), { minLength: 1, maxLength: 4 }),
  })).items;
  const style = fc.record({
    indent: fc.constantFrom(2, 4, 1),
    quoteKeys: fc.boolean(),
    comments: fc.boolean(),
    blankLines: fc.boolean(),
    colonSpace: fc.constantFrom(" ", "  ", ""),
    skew: fc.boolean(),
  });
  type Style = typeof style extends fc.Arbitrary<infer T> ? T : never;
  const render = (items: Tree[], s: Style, depth = 0): string =>
    items
      .map((item, i) => {
        const pad = " ".repeat(depth * s.indent + (s.skew && i === 1 ? 1 : 0));
        const key = s.quoteKeys && i % 2 === 0 ? `"${item.key}"` : item.key;
        const head = `${s.comments && i === 0 ? `${pad}# note\n` : ""}${s.blankLines ? "\n" : ""}${pad}${key}:`;
        if (typeof item.value === "string") return `${head}${s.colonSpace}${item.value}${s.comments ? " # trailing" : ""}\n`;
        return `${head}\n${render(item.value, s, depth + 1)}`;
      })
      .join("");

  /** Runs generated texts through both paths; returns how many the line path answered. */
  const agreeOn = (texts: fc.Arbitrary<string>, seed: number): number => {
    let answered = 0;
    fc.assert(
      fc.property(texts, (text) => {
        const fast = lined(text);
        if (fast === undefined) return;
        answered++;
        expect(shape(fast)).toEqual(shape(parseComposed(text)));
      }),
      { seed, numRuns: Number(process.env.FLINKLINT_PROPERTY_RUNS ?? 8000) },
    );
    return answered;
  };
  const rendered = fc.tuple(tree, style).map(([items, s]) => render(items, s));

  it("gives the full path's document for generated files", () => {
    // The path takes only unquoted keys after "key: ": about one generated file in thirty.
    expect(agreeOn(rendered, 20261127)).toBeGreaterThan(200);
  });

  it("gives the full path's document for generated files with stray characters", () => {
    const stray = fc.constantFrom(":", "#", "'", '"', " ", "  ", "\n", "\n  ", "-", "- ", "?", "? ", "&a ", "*a", "!", "%", "@", "`", "|", ">", "{", "}", "[", "]", ",", "\\", "...", "---", "é", "\u0085", "\u2028");
    const edited = fc.tuple(rendered, fc.array(fc.tuple(fc.nat(), stray), { minLength: 1, maxLength: 3 })).map(([text, edits]) =>
      edits.reduce((t, [at, piece]) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + piece + t.slice(i);
      }, text),
    );
    expect(agreeOn(edited, 1127)).toBeGreaterThan(60);
  });
});
