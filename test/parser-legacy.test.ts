/** The legacy flink-conf.yaml reader: what Flink keeps, exact ranges, and the findings for what it skips. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dialectForFilename, parseConfig } from "../src/parser/index.js";
import type { ConfigDocument, Range } from "../src/types.js";

const legacy = (text: string) => parseConfig(text, "legacy");
const span = (r: Range) => [r.start.line, r.start.column, r.end.line, r.end.column, r.start.offset, r.end.offset];
const kinds = (doc: ConfigDocument) => doc.findings.map((f) => `${f.kind}:${f.range.start.line}:${f.range.start.column}`);
const settings = (doc: ConfigDocument) => Object.fromEntries([...doc.config].map(([k, v]) => [k, v.text]));

describe("dialectForFilename", () => {
  it.each([
    ["flink-conf.yaml", "legacy"],
    ["prod.flink-conf.yaml", "legacy"],
    ["conf/flink-conf.yaml", "legacy"],
    ["config.yaml", "standard"],
    ["1.20-config.yaml", "standard"],
    ["C:\\flink\\conf\\config.yaml", "standard"],
    ["flink-conf.yml", undefined],
    ["config.yaml.bak", undefined],
  ])("%s → %s", (name, dialect) => {
    expect(dialectForFilename(name)).toBe(dialect);
  });
});

describe("legacy reader, as GlobalConfiguration.loadLegacyYAMLResource", () => {
  it("keeps key, raw value and exact ranges (1-based, end exclusive, 0-based offsets)", () => {
    const doc = legacy("# c\n  a.b  :   1728m   # note\n");
    expect(doc.entries).toHaveLength(1);
    const [entry] = doc.entries;
    expect(entry?.key).toBe("a.b");
    expect(entry?.raw).toBe("1728m");
    expect(entry?.value).toEqual({ type: "string", text: "1728m" });
    expect(span(entry!.keyRange)).toEqual([2, 3, 2, 6, 6, 9]);
    expect(span(entry!.valueRange)).toEqual([2, 12, 2, 17, 15, 20]);
  });

  it("splits at the first \": \" and keeps the rest as the value", () => {
    expect(settings(legacy("a: b: c\n"))).toEqual({ a: "b: c" });
  });

  it("cuts at the first # anywhere, even inside quotes", () => {
    expect(settings(legacy("a: abc#def\nb: 'x#y'\nc: 1g # comment\n"))).toEqual({ a: "abc", b: "'x", c: "1g" });
  });

  it("keeps quotes", () => {
    expect(settings(legacy('a: "2g"\n'))).toEqual({ a: '"2g"' });
  });

  it("splits lines at LF, CRLF and a lone CR, like BufferedReader.readLine", () => {
    for (const eol of ["\n", "\r\n", "\r"]) {
      const doc = legacy(["a: 1", "b: 2", "c: 3"].join(eol));
      expect(settings(doc)).toEqual({ a: "1", b: "2", c: "3" });
      expect(doc.entries.map((e) => e.keyRange.start.line)).toEqual([1, 2, 3]);
      expect(doc.entries.map((e) => e.valueRange.start.column)).toEqual([4, 4, 4]);
    }
  });

  it("trims like Java's String.trim (chars ≤ U+0020), not like JavaScript's", () => {
    const doc = legacy("\u00a0a: 1\u00a0\n\u0001b: 2\u0001\n");
    expect(settings(doc)).toEqual({ "\u00a0a": "1\u00a0", b: "2" });
  });

  it("keeps the last of duplicate keys and marks the earlier ones overridden", () => {
    const doc = legacy("a: 1\nb: 2\na: 3\n");
    expect(settings(doc)).toEqual({ a: "3", b: "2" });
    expect(doc.entries.map((e) => e.overridden)).toEqual([true, false, false]);
    expect(doc.byKey.get("a")?.map((e) => e.raw)).toEqual(["1", "3"]);
    const [finding] = doc.findings;
    expect(finding?.kind).toBe("duplicate-key");
    expect(finding?.range.start.line).toBe(1);
    expect(finding?.related?.[0]?.range.start.line).toBe(3);
  });

  it("skips lines without \": \" or with an empty key, and says so", () => {
    const doc = legacy("a:1\nb = 2\nc:\n: 4\nd:\te\nword\n");
    expect(doc.entries).toEqual([]);
    expect(kinds(doc)).toEqual([
      "legacy-missing-separator:1:1",
      "legacy-missing-separator:2:1",
      "legacy-missing-separator:3:1",
      "legacy-empty-key-or-value:4:1",
      "legacy-missing-separator:5:1",
      "legacy-missing-separator:6:1",
    ]);
    expect(doc.findings.map((f) => f.data?.["variant"])).toEqual([
      "noSpace", "equalsSign", "noValue", "emptyKey", "noSpace", "noSeparator",
    ]);
    expect(doc.findings[4]?.data?.["replacement"]).toBe("d: e");
  });

  it("ignores blank lines, comments and YAML document markers", () => {
    const doc = legacy("---\n\n   \n\t\n# x: 1\n...\n");
    expect(doc.entries).toEqual([]);
    expect(doc.findings).toEqual([]);
  });

  it("reads nested YAML as Flink does: headers dropped, children under their own short keys", () => {
    const doc = legacy("taskmanager:\n  memory:\n    process:\n      size: 2g\njobmanager.memory.process.size: 1600m\n");
    expect(settings(doc)).toEqual({ size: "2g", "jobmanager.memory.process.size": "1600m" });
    expect(kinds(doc)).toEqual([
      "legacy-nested-yaml:1:1",
      "legacy-nested-yaml:2:3",
      "legacy-nested-yaml:3:5",
      "legacy-nested-yaml:4:7",
    ]);
    expect(doc.findings[3]?.data).toMatchObject({ variant: "child", key: "size", intended: "taskmanager.memory.process.size" });
  });

  it("warns about other indented lines, which Flink reads as top-level keys", () => {
    const doc = legacy("a: 1\n  b: 2\n");
    expect(settings(doc)).toEqual({ a: "1", b: "2" });
    expect(kinds(doc)).toEqual(["legacy-indented-line:2:1"]);
    expect(span(doc.findings[0]!.range)).toEqual([2, 1, 2, 3, 5, 7]);
  });

  it("reports a # that cuts a value, with the value Flink keeps, and leaves ordinary comments alone", () => {
    const doc = legacy("pw: abc#def\nx: 1 #ok\n");
    expect(kinds(doc)).toEqual(["legacy-hash-in-value:1:5"]);
    expect(doc.findings[0]?.data).toMatchObject({ kept: "abc", written: "abc#def" });
    expect(span(doc.findings[0]!.range)).toEqual([1, 5, 1, 12, 4, 11]);
  });

  it("reports a # that cuts a key (Flink then drops the line)", () => {
    const doc = legacy("my#key: v\n");
    expect(doc.entries).toEqual([]);
    expect(kinds(doc)).toEqual(["legacy-hash-in-value:1:1"]);
    expect(doc.findings[0]?.data?.["variant"]).toBe("cutsKey");
  });

  it("reports quoted values", () => {
    const doc = legacy("a: \"1728m\"\nb: '2'\nc: \"x\n");
    expect(kinds(doc)).toEqual(["legacy-quoted-value:1:4", "legacy-quoted-value:2:4"]);
    expect(doc.findings[0]?.data?.["unquoted"]).toBe("1728m");
  });

  it("keeps a BOM in the first key, reports it once, and shifts nothing", () => {
    const doc = legacy("\uFEFFa: 1\nb: 2\n");
    expect([...doc.config.keys()]).toEqual(["\uFEFFa", "b"]);
    expect(kinds(doc)).toEqual(["legacy-bom:1:1"]);
    expect(doc.findings[0]?.data).toMatchObject({ variant: "bomInKey", key: "a" });
    expect(span(doc.entries[0]!.keyRange)).toEqual([1, 1, 1, 3, 0, 2]);
    expect(span(doc.entries[1]!.keyRange)).toEqual([2, 1, 2, 2, 6, 7]);
  });

  it("reports a BOM before a comment once, not also as a line without separator", () => {
    expect(kinds(legacy("\uFEFF# hello\na: 1\n"))).toEqual(["legacy-bom:1:1"]);
  });

  it("has no findings for Flink's default file", () => {
    const text = readFileSync(new URL("../fixtures/flink-defaults/1.18-flink-conf.yaml", import.meta.url), "utf8");
    const doc = legacy(text);
    expect(doc.findings).toEqual([]);
    expect(doc.config.get("taskmanager.memory.process.size")?.text).toBe("1728m");
  });
});
