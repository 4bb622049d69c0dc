/** The legacy reader's duplicate-key findings: one per overridden setting, pointing at the next one, in offset order. */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/parser/index.js";

const legacy = (text: string) => parseConfig(text, "legacy");
const at = (doc: ReturnType<typeof legacy>) => doc.findings.map((f) => `${f.kind}@${f.range.start.offset}`);

describe("duplicate keys in a flink-conf.yaml", () => {
  it("gives each earlier setting a finding that names the next setting, which overrides it", () => {
    const doc = legacy("a: 1\nb: 2\na: 3\na: 4\n");
    const duplicates = doc.findings.filter((f) => f.kind === "duplicate-key");
    expect(duplicates.map((f) => [f.range.start.line, f.data?.["laterValue"], f.data?.["laterLine"]])).toEqual([
      [1, "3", 3],
      [3, "4", 4],
    ]);
    expect(duplicates.map((f) => f.related?.map((r) => [r.message, r.range.start.line]))).toEqual([
      [['set again here to "3", which Flink uses', 3]],
      [['set again here to "4", which Flink uses', 4]],
    ]);
    expect(duplicates[0]?.data).toEqual({ variant: "overridden", key: "a", value: "1", laterValue: "3", laterLine: 3 });
  });

  it("keeps duplicates among the other findings by offset, after another finding at the same place", () => {
    // Both `x` lines are dropped children of a pasted YAML map: the nested-yaml finding and the duplicate start at the same offset.
    const doc = legacy('taskmanager:\n  x: 1\n  x: 2\nq: "v"\nq: 3\n');
    expect(at(doc)).toEqual([
      "legacy-nested-yaml@0",
      "legacy-nested-yaml@15",
      "duplicate-key@15",
      "legacy-nested-yaml@22",
      "duplicate-key@27",
      "legacy-quoted-value@30",
    ]);
  });

  it("reports nothing for keys set once", () => {
    const doc = legacy("a: 1\nb: 2\n");
    expect(doc.findings).toEqual([]);
  });

  it("handles a key set many times with a finding for every setting but the last", () => {
    const doc = legacy(Array.from({ length: 500 }, (_, i) => `k: ${i}\n`).join(""));
    const duplicates = doc.findings.filter((f) => f.kind === "duplicate-key");
    expect(duplicates).toHaveLength(499);
    expect(duplicates.every((f, i) => f.data?.["value"] === String(i) && f.data?.["laterValue"] === String(i + 1))).toBe(true);
  });
});
