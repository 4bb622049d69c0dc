/** Settings embedded in a host file are read as Flink reads them and land on the host's own lines and columns. */
import { isScalar, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { parseEmbedded, scalarText } from "../src/hosts/embedded.js";
import { LineIndex } from "../src/parser/lines.js";

const HOST = [
  "services:",
  "  taskmanager:",
  "    environment:",
  "      FLINK_PROPERTIES: |",
  "        taskmanager.memory.process.size: 1728m",
  "        # a comment",
  "          indented.key: x",
  "        taskmanager.memory.flink.size: 1600m",
  "    folded: >",
  "      a: 1",
  "      b: 2",
  "    quoted: 'it''s: here'",
  "",
].join("\n");

function scalarAt(path: (string | number)[]) {
  const node = parseDocument(HOST).getIn(path, true);
  if (!isScalar(node)) throw new Error(`no scalar at ${path.join(".")}`);
  const embedded = scalarText(HOST, node);
  if (!embedded) throw new Error("not a string scalar");
  return embedded;
}

const at = (lines: LineIndex, offset: number) => {
  const p = lines.position(offset);
  return `${p.line}:${p.column}`;
};

describe("embedded settings", () => {
  const lines = new LineIndex(HOST);

  it("a literal block: every character on its own host line and column, deeper indentation kept", () => {
    const embedded = scalarAt(["services", "taskmanager", "environment", "FLINK_PROPERTIES"]);
    expect(embedded.text).toBe("taskmanager.memory.process.size: 1728m\n# a comment\n  indented.key: x\ntaskmanager.memory.flink.size: 1600m\n");
    for (let i = 0; i < embedded.text.length; i++) {
      if (embedded.text[i] !== "\n") expect(HOST[embedded.toHost(i)], `offset ${i}`).toBe(embedded.text[i]);
    }
    const { entries, findings } = parseEmbedded(embedded, "legacy", lines);
    expect(entries.map((e) => `${e.key}@${at(lines, e.keyRange.start.offset)}-${at(lines, e.valueRange.start.offset)}`)).toEqual([
      "taskmanager.memory.process.size@5:9-5:42",
      "indented.key@7:11-7:25",
      "taskmanager.memory.flink.size@8:9-8:40",
    ]);
    // The legacy reader's note on the indented line starts where that line's own text starts.
    expect(findings.map((f) => `${f.kind}@${at(lines, f.range.start.offset)}`)).toContain("legacy-indented-line@7:9");
  });

  it("a folded block is one line to Flink, and its characters still map to where they are written", () => {
    const embedded = scalarAt(["services", "taskmanager", "folded"]);
    expect(embedded.text).toBe("a: 1 b: 2\n");
    expect(at(lines, embedded.toHost(embedded.text.indexOf("b")))).toBe("11:7");
    const { entries } = parseEmbedded(embedded, "legacy", lines);
    expect(entries.map((e) => [e.key, e.value.text])).toEqual([["a", "1 b: 2"]]);
  });

  it("a single-quoted scalar: the doubled quote is one character of the value", () => {
    const embedded = scalarAt(["services", "taskmanager", "quoted"]);
    expect(embedded.text).toBe("it's: here");
    expect(at(lines, embedded.toHost(embedded.text.indexOf("here")))).toBe(`12:${"    quoted: 'it''s: ".length + 1}`);
  });

  it("line numbers inside findings' messages are the host's lines too", () => {
    const host = "data:\n  flink-conf.yaml: |\n    a.b: 1\n    a.b: 2\n";
    const node = parseDocument(host).getIn(["data", "flink-conf.yaml"], true);
    if (!isScalar(node)) throw new Error("no scalar");
    const embedded = scalarText(host, node);
    if (!embedded) throw new Error("not a string scalar");
    const { findings } = parseEmbedded(embedded, "legacy", new LineIndex(host));
    const overridden = findings.find((f) => f.data?.["laterLine"] !== undefined);
    expect(overridden?.range.start.line).toBe(3);
    expect(overridden?.data?.["laterLine"]).toBe(4);
  });
});
