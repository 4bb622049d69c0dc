/**
 * The one place that converts between offsets and line:column.
 * Lines end at LF, CRLF or a lone CR, as Java's BufferedReader.readLine (Flink's legacy reader) has it.
 */
/** A point in a file: 1-based line and column (columns count UTF-16 code units), 0-based offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A span of text, end exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

export interface Line {
  /** 1-based line number. */
  number: number;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character, before the line break. */
  end: number;
  /** The text without its line break. */
  text: string;
}

export class LineIndex {
  /** Offsets at which each line starts. */
  private readonly starts: number[];
  /** Offsets at which each line's content ends (before its break). */
  private readonly ends: number[];
  /**
   * The 0-based line of the last position asked for. Parsers and rules ask in (nearly) source
   * order, so the answer is usually this line or the next: checked before a binary search.
   */
  private lastLine = 0;

  constructor(readonly text: string) {
    const starts = [0];
    const ends: number[] = [];
    // Without a CR (most files), every break is an LF, which indexOf finds far faster than a loop.
    if (!text.includes("\r")) {
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
        ends.push(i);
        starts.push(i + 1);
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */) {
          ends.push(i);
          starts.push(i + 1);
        } else if (c === 13 /* \r */) {
          ends.push(i);
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    ends.push(text.length);
    this.starts = starts;
    this.ends = ends;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The line with the given 1-based number. */
  line(number: number): Line {
    const start = this.starts[number - 1];
    const end = this.ends[number - 1];
    if (start === undefined || end === undefined) throw new RangeError(`no line ${number}`);
    return { number, start, end, text: this.text.slice(start, end) };
  }

  *lines(): Generator<Line> {
    for (let n = 1; n <= this.starts.length; n++) yield this.line(n);
  }

  /** The position of an offset (clamped into the text). */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    const last = starts.length - 1;
    // The line is the last one starting at or before `o`.
    let line = this.lastLine;
    if ((starts[line] ?? 0) <= o && (line === last || (starts[line + 1] ?? 0) > o)) {
      // same line as last time
    } else if (line < last && (starts[line + 1] ?? 0) <= o && (line + 1 === last || (starts[line + 2] ?? 0) > o)) {
      line++;
    } else {
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] ?? 0) <= o) lo = mid;
        else hi = mid - 1;
      }
      line = lo;
    }
    this.lastLine = line;
    return { line: line + 1, column: o - (starts[line] ?? 0) + 1, offset: o };
  }

  /** The offset of a 1-based line and column (clamped to the line's content). */
  offset(line: number, column: number): number {
    const l = this.line(Math.max(1, Math.min(line, this.lineCount)));
    return Math.min(l.start + Math.max(0, column - 1), l.end);
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.position(startOffset), end: this.position(endOffset) };
  }

  /** The whole of a line's content. */
  lineRange(number: number): Range {
    const l = this.line(number);
    return this.range(l.start, l.end);
  }
}
