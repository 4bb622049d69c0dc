/**
 * The one place the language server converts between flinklint's positions (1-based line and
 * column, 0-based offset) and LSP's (0-based line, 0-based UTF-16 character).
 *
 * flinklint columns already count UTF-16 code units and its lines end at LF, CRLF or a lone CR,
 * exactly as LSP's do, so the mapping is by offset through the same `LineIndex` the parser uses:
 * non-ASCII text, astral characters (two code units) and CRLF need no special cases.
 */
import type { Position as LspPosition, Range as LspRange } from "vscode-languageserver";
import { LineIndex } from "../parser/lines.js";
import type { Position, Range } from "../types.js";

export class LspPositions {
  readonly index: LineIndex;

  constructor(text: string | LineIndex) {
    this.index = typeof text === "string" ? new LineIndex(text) : text;
  }

  /** The LSP position of a text offset (clamped into the text). */
  toLspPosition(offset: number): LspPosition {
    const p = this.index.position(offset);
    return { line: p.line - 1, character: p.column - 1 };
  }

  /** The LSP range of a flinklint range; its offsets are what count, line and column follow from them. */
  toLspRange(range: Range | { start: Position; end: Position }): LspRange {
    return { start: this.toLspPosition(range.start.offset), end: this.toLspPosition(range.end.offset) };
  }

  /**
   * The text offset of an LSP position. As LSP asks, a character past the end of its line means the
   * line's end, and a line past the last means the end of the text.
   */
  toOffset(position: LspPosition): number {
    const line = Math.max(0, Math.floor(position.line));
    if (line >= this.index.lineCount) return this.index.text.length;
    return this.index.offset(line + 1, Math.max(0, Math.floor(position.character)) + 1);
  }

  /** A flinklint position (1-based) for an LSP position. */
  toPosition(position: LspPosition): Position {
    return this.index.position(this.toOffset(position));
  }
}

export function sameLspRange(a: LspRange, b: LspRange): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
