/** The LSP position conversion, checked against the reference `TextDocument` of vscode-languageserver-textdocument. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LspPositions } from "../src/lsp/positions.js";
import { lint } from "../src/engine/lint.js";
import { fixAllAction, quickFixes, toLspDiagnostic } from "../src/lsp/diagnostics.js";
import { memoryHover, memoryKeyInfo } from "../src/lsp/hover.js";
import { parseConfig } from "../src/parser/index.js";

/** Text made of the pieces that make position conversion hard. */
const tricky = fc
  .array(fc.constantFrom("a", "key: v", "ü", "😀", "\u{10FFFF}", "\r\n", "\n", "\r", " ", "#", "\uFEFF", "\t", "中"), { maxLength: 60 })
  .map((parts) => parts.join(""));

/** Offsets that stand between the CR and LF of a CRLF are not positions an editor can name. */
function insideCrlf(text: string, offset: number): boolean {
  return text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10;
}

describe("LspPositions", () => {
  it("round-trips every offset (outside a CRLF) through an LSP position", () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const positions = new LspPositions(text);
        for (let offset = 0; offset <= text.length; offset++) {
          if (insideCrlf(text, offset)) continue;
          expect(positions.toOffset(positions.toLspPosition(offset))).toBe(offset);
        }
      }),
    );
  });

  it("agrees with vscode-languageserver-textdocument in both directions", () => {
    fc.assert(
      fc.property(tricky, fc.nat(70), fc.nat(70), (text, line, character) => {
        const positions = new LspPositions(text);
        const reference = TextDocument.create("untitled:x", "yaml", 1, text);
        for (let offset = 0; offset <= text.length; offset++) {
          if (insideCrlf(text, offset)) continue;
          expect(positions.toLspPosition(offset)).toEqual(reference.positionAt(offset));
        }
        expect(positions.toOffset({ line: line % (reference.lineCount + 2), character })).toBe(
          reference.offsetAt({ line: line % (reference.lineCount + 2), character }),
        );
      }),
    );
  });

  it("counts UTF-16 code units: an astral character is two", () => {
    const text = "x: 😀ü\r\ny: 1";
    const positions = new LspPositions(text);
    expect(positions.toLspPosition(text.indexOf("ü"))).toEqual({ line: 0, character: 5 });
    expect(positions.toLspPosition(text.indexOf("y"))).toEqual({ line: 1, character: 0 });
    expect(positions.toOffset({ line: 0, character: 99 })).toBe(text.indexOf("\r"));
    expect(positions.toOffset({ line: 9, character: 0 })).toBe(text.length);
  });
});

describe("LSP diagnostics and code actions", () => {
  const text = "a.b: 1\n  taskmanager.memory.process.size: 1728m\ns3.key: x😀#y\n";
  const result = lint(text, { filename: "flink-conf.yaml", showInfo: true });
  const positions = new LspPositions(text);
  const target = { uri: "file:///c/flink-conf.yaml", version: 3, documentChanges: false };

  it("maps ranges, severity, code and docs link", () => {
    const lsp = result.diagnostics.map((d) => toLspDiagnostic(d, positions, target.uri));
    const hash = lsp.find((d) => d.code === "legacy-hash-in-value");
    expect(hash?.range).toEqual({ start: { line: 2, character: 8 }, end: { line: 2, character: 13 } });
    expect(hash?.severity).toBe(1);
    expect(hash?.codeDescription?.href).toContain("legacy-hash-in-value");
    expect(lsp.find((d) => d.code === "memory-fraction-capped")?.severity).toBe(3);
  });

  it("offers the rule's fix as the preferred quick fix, matched by rule id and range", () => {
    const lsp = result.diagnostics.map((d) => toLspDiagnostic(d, positions, target.uri));
    const indented = lsp.filter((d) => d.code === "legacy-indented-line");
    const actions = quickFixes(indented, result.diagnostics, positions, target);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ kind: "quickfix", isPreferred: true, diagnostics: indented });
    expect(actions[0]?.edit?.changes?.[target.uri]).toEqual([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } }, newText: "" }]);
    // A diagnostic the client holds from an older text (another range) gets nothing.
    const moved = indented.map((d) => ({ ...d, range: { ...d.range, start: { line: 0, character: 0 } } }));
    expect(quickFixes(moved, result.diagnostics, positions, target)).toEqual([]);
    expect(quickFixes(indented.map((d) => ({ ...d, source: "other" })), result.diagnostics, positions, target)).toEqual([]);
  });

  it("builds a versioned fix-all edit", () => {
    const all = fixAllAction(result.diagnostics, positions, { ...target, documentChanges: true });
    expect(all?.kind).toBe("source.fixAll.flinklint");
    expect(all?.edit?.documentChanges).toEqual([
      { textDocument: { uri: target.uri, version: 3 }, edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } }, newText: "" }] },
    ]);
  });
});

describe("memory hover", () => {
  it("knows memory keys, including deprecated and legacy ones", () => {
    expect(memoryKeyInfo("taskmanager.memory.managed.fraction", "1.20")?.process).toBe("taskmanager");
    expect(memoryKeyInfo("taskmanager.network.memory.max", "1.20")?.deprecatedFor).toBe("taskmanager.memory.network.max");
    expect(memoryKeyInfo("jobmanager.heap.size", "1.20")?.process).toBe("jobmanager");
    expect(memoryKeyInfo("taskmanager.memory.framework.off-heap.batch-shuffle.size", "1.20")?.process).toBe("taskmanager");
    expect(memoryKeyInfo("s3.secret-key", "1.20")).toBeUndefined();
    expect(memoryKeyInfo("taskmanager.host", "1.20")).toBeUndefined();
  });

  it("shows the breakdown, the default and where the value came from", () => {
    const doc = parseConfig("taskmanager.memory.process.size: 1728m\ntaskmanager.memory.managed.fraction: 0.5\n", "legacy");
    const hover = memoryHover(doc, 45, { flinkVersion: "1.20", deployment: "standalone" });
    expect(hover?.entry.key).toBe("taskmanager.memory.managed.fraction");
    expect(hover?.markdown).toContain("default: `0.4`");
    expect(hover?.markdown).toMatch(/Managed: \*\*640 MiB\*\* \(671088640 bytes\), fraction \(this key\)/);
    expect(hover?.markdown).toContain("| Task heap | 256 MiB |");
    expect(memoryHover(doc, 0, { flinkVersion: "1.20", deployment: "standalone" })?.markdown).toContain("configured (this key)");
  });

  it("shows why Flink cannot load a file", () => {
    // A duplicate key makes config.yaml unloadable, yet its entries are kept.
    const doc = parseConfig("taskmanager.memory.process.size: 1728m\ntaskmanager.memory.process.size: 1g\n", "standard");
    const markdown = memoryHover(doc, 3, { flinkVersion: "2.1", deployment: "standalone" })?.markdown;
    expect(markdown).toContain("Flink cannot load this file");
    expect(markdown).toContain("found duplicate key");
  });
});
