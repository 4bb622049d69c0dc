/** The standard config.yaml reader: snakeyaml-engine's core-schema types, flattening, ranges, load failures. */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/parser/index.js";
import { findDisallowedTab } from "../src/parser/standard.js";
import type { ConfigDocument, ConfigValue, Range } from "../src/types.js";

const standard = (text: string) => parseConfig(text, "standard");
const span = (r: Range) => [r.start.line, r.start.column, r.end.line, r.end.column, r.start.offset, r.end.offset];
const valueOf = (text: string): ConfigValue | undefined => standard(`k: ${text}\n`).config.get("k");
const failure = (doc: ConfigDocument) => doc.loadFailure?.causes[0];

describe("scalar types as snakeyaml-engine's core schema, text as Java's toString", () => {
  it.each([
    ["1728m", { type: "string", text: "1728m" }],
    ["2147483648", { type: "int", value: 2147483648n, text: "2147483648" }],
    ["+5", { type: "int", value: 5n, text: "5" }],
    ["-0", { type: "int", value: 0n, text: "0" }],
    ["0x80000000", { type: "int", value: 2147483648n, text: "2147483648" }],
    ["0o17", { type: "int", value: 15n, text: "15" }],
    ["99999999999999999999", { type: "int", value: 99999999999999999999n, text: "99999999999999999999" }],
    ["1e9", { type: "float", value: 1e9, text: "1.0E9" }],
    [".5", { type: "float", value: 0.5, text: "0.5" }],
    ["1.", { type: "float", value: 1, text: "1.0" }],
    ["5e-1", { type: "float", value: 0.5, text: "0.5" }],
    ["1e400", { type: "float", value: Infinity, text: "Infinity" }],
    [".inf", { type: "float", value: Infinity, text: "Infinity" }],
    ["-.Inf", { type: "float", value: -Infinity, text: "-Infinity" }],
    [".nan", { type: "float", value: NaN, text: "NaN" }],
    ["true", { type: "bool", value: true, text: "true" }],
    ["False", { type: "bool", value: false, text: "false" }],
    ["yes", { type: "string", text: "yes" }],
    ["on", { type: "string", text: "on" }],
    ["1_000", { type: "string", text: "1_000" }],
    ["0.1f", { type: "string", text: "0.1f" }],
    ["-0x10", { type: "string", text: "-0x10" }],
    ["'2g'", { type: "string", text: "2g" }],
    ["'2g # not a comment'", { type: "string", text: "2g # not a comment" }],
    ["2g # comment", { type: "string", text: "2g" }],
    ["!!str 2048", { type: "string", text: "2048" }],
    ["[1g, 2g]", { type: "list", items: [{ type: "string", text: "1g" }, { type: "string", text: "2g" }], text: "[1g, 2g]" }],
    ["[0.5, [1, true]]", {
      type: "list",
      items: [
        { type: "float", value: 0.5, text: "0.5" },
        { type: "list", items: [{ type: "int", value: 1n, text: "1" }, { type: "bool", value: true, text: "true" }], text: "[1, true]" },
      ],
      text: "[0.5, [1, true]]",
    }],
    ["[]", { type: "list", items: [], text: "[]" }],
  ])("%s", (yaml, expected) => {
    expect(valueOf(yaml)).toEqual(expected);
  });

  it("reads a block scalar with its final newline", () => {
    expect(standard("k: |\n  2g\n").config.get("k")?.text).toBe("2g\n");
  });
});

describe("flattening, as GlobalConfiguration.flatten", () => {
  it("joins nested keys with dots and mixes flat and nested keys", () => {
    const doc = standard("taskmanager.memory:\n  process.size: 2g\n  managed:\n    fraction: 0.3\njobmanager: {memory: {heap.size: 1g}}\n");
    expect(Object.fromEntries([...doc.config].map(([k, v]) => [k, v.text]))).toEqual({
      "taskmanager.memory.process.size": "2g",
      "taskmanager.memory.managed.fraction": "0.3",
      "jobmanager.memory.heap.size": "1g",
    });
    expect(doc.findings).toEqual([]);
  });

  it("maps each flattened key to its innermost key and its value", () => {
    const doc = standard("a:\n  b:\n    c: 1728m # x\n");
    const [entry] = doc.entries;
    expect(entry?.key).toBe("a.b.c");
    expect(entry?.raw).toBe("1728m");
    expect(span(entry!.keyRange)).toEqual([3, 5, 3, 6, 12, 13]);
    expect(span(entry!.valueRange)).toEqual([3, 8, 3, 13, 15, 20]);
  });

  it("lets the later of two paths to one key win, and reports both lines", () => {
    const doc = standard("a.b: 1\na:\n  b: 2\n");
    expect(doc.loadFailure).toBeUndefined();
    expect(doc.config.get("a.b")?.text).toBe("2");
    expect(doc.entries.map((e) => e.overridden)).toEqual([true, false]);
    expect(doc.findings.map((f) => [f.kind, f.range.start.line, f.related?.[0]?.range.start.line])).toEqual([
      ["flattened-key-collision", 3, 1],
    ]);
  });

  it("follows aliases, pointing the entries at the alias", () => {
    const doc = standard("base: &b 2g\nsize: *b\nmem: &m {x: 1}\nother: *m\n");
    expect(doc.config.get("size")?.text).toBe("2g");
    expect(doc.config.get("other.x")?.text).toBe("1");
    const other = doc.byKey.get("other.x")?.[0];
    expect(other?.keyRange.start.line).toBe(4);
    expect(other?.raw).toBe("*m");
  });

  it("treats an empty file, only comments or a null document as an empty config", () => {
    for (const text of ["", "# nothing\n", "~\n", "---\n"]) {
      const doc = standard(text);
      expect(doc.loadFailure, JSON.stringify(text)).toBeUndefined();
      expect(doc.entries).toEqual([]);
    }
  });

  it("skips a BOM without shifting positions of later lines", () => {
    const doc = standard("\uFEFFa: 1\nb: 2\n");
    expect(doc.loadFailure).toBeUndefined();
    expect([...doc.config.keys()]).toEqual(["a", "b"]);
    expect(span(doc.entries[1]!.keyRange)).toEqual([2, 1, 2, 2, 6, 7]);
  });
});

describe("load failures, where Flink refuses the file", () => {
  it.each([
    ["a: 1\na: 2\n", "while constructing a mapping\n in reader, line 1, column 1\nfound duplicate key a\n in reader, line 2, column 1\n"],
    ["a:\n\tb: 1\n", "while scanning for the next token\nfound character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)\n in reader, line 2, column 1\n"],
    ["a: '1\n", "while scanning a quoted scalar\n in reader, line 1, column 4\nfound unexpected end of stream\n in reader, line 2, column 1\n"],
    ["a: 1\n---\nb: 2\n", "expected a single document in the stream\n in reader, line 1, column 1\nbut found another document\n in reader, line 2, column 1\n"],
    ["a: null\n", "Value must not be null."],
    ["a:\n", "Value must not be null."],
    ["a:\n  b:\n", "Value must not be null."],
    ["true: 1\n", "class java.lang.Boolean cannot be cast to class java.lang.String (java.lang.Boolean and java.lang.String are in module java.base of loader 'bootstrap')"],
    ["1: 1\n", "class java.lang.Integer cannot be cast to class java.lang.String (java.lang.Integer and java.lang.String are in module java.base of loader 'bootstrap')"],
    ["? [a, b]\n: 1\n", "class java.util.ArrayList cannot be cast to class java.lang.String (java.util.ArrayList and java.lang.String are in module java.base of loader 'bootstrap')"],
    ["- a\n", "class java.util.ArrayList cannot be cast to class java.util.Map (java.util.ArrayList and java.util.Map are in module java.base of loader 'bootstrap')"],
    ["2g\n", "class java.lang.String cannot be cast to class java.util.Map (java.lang.String and java.util.Map are in module java.base of loader 'bootstrap')"],
  ])("%j", (text, cause) => {
    const doc = standard(text);
    expect(doc.loadFailure?.message).toBe("Error parsing YAML configuration.");
    expect(failure(doc)).toBe(cause);
  });

  it("reports a syntax error once, with its position", () => {
    const doc = standard("a: 1\nb: c: d\ne: [\n");
    expect(doc.loadFailure).toBeDefined();
    expect(doc.findings.filter((f) => f.kind === "parse")).toHaveLength(1);
    expect(doc.findings[0]?.range.start.line).toBe(2);
  });

  it("reports a duplicate key in a mapping at the repeat, related to the first", () => {
    const doc = standard("a:\n  b: 1\n  b: 2\n");
    expect(failure(doc)).toContain("found duplicate key b");
    const [finding] = doc.findings;
    expect(finding?.kind).toBe("duplicate-key");
    expect(span(finding!.range)).toEqual([3, 3, 3, 4, 12, 13]);
    expect(finding?.related?.[0]?.range.start.line).toBe(2);
  });

  it("refuses more than 50 aliases of collections, as snakeyaml-engine does", () => {
    const aliases = Array.from({ length: 51 }, (_, i) => `k${i}: *m`).join("\n");
    expect(failure(standard(`m: &m {x: 1}\n${aliases}\n`))).toContain("Number of aliases for non-scalar nodes exceeds");
    expect(standard(`m: &m {x: 1}\n${aliases.split("\n").slice(1).join("\n")}\n`).loadFailure).toBeUndefined();
  });
});

describe("tabs, which snakeyaml-engine only accepts inside scalars and comments", () => {
  it.each([
    ["a: b\tc\n", undefined],
    ["a: 2g\t# c\n", undefined],
    ["a: 2g\t\n", undefined],
    ["a: 'x\ty'\n", undefined],
    ["# \tc\na: 1\n", undefined],
    ["a: |\n  x\ty\n", undefined],
    ["key\t: v\n", undefined],
    ["a:\t2g\n", 2],
    ["a: 1\n\t\nb: 2\n", 5],
    ["\ta: 1\n", 0],
    ["a: 'x'\t# c\n", 6],
    ["a: [1,\tb]\n", 6],
    ["a: b\n  \tc\n", 7],
  ])("%j", (text, offset) => {
    expect(findDisallowedTab(text)).toBe(offset);
    expect(standard(text).loadFailure === undefined).toBe(offset === undefined);
  });
});
