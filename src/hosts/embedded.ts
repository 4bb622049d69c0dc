/**
 * Flink settings embedded in another file: a ConfigMap's `flink-conf.yaml: |` block, Compose's
 * `FLINK_PROPERTIES`, a `-D` argument. The embedded text is read by Flink's own reader (or the
 * launcher's), and every range it yields is mapped back to the host file, so findings sit on the
 * user's own lines.
 */
import type { Scalar } from "yaml";
import { parseConfig } from "../parser/index.js";
import type { LineIndex } from "../parser/lines.js";
import type { ConfigDocument, ConfigEntry, Dialect, ParseFinding, Range, RelatedLocation } from "../types.js";

/** A text taken from a host file, and where each of its offsets stands in the host's text. */
export interface EmbeddedText {
  text: string;
  /** The host offset of `text`'s offset `offset` (0 ≤ offset ≤ text.length). */
  toHost(offset: number): number;
}

/** A slice of the host text taken as it is: offsets shift by its start. */
export function verbatimText(hostText: string, start: number, end: number): EmbeddedText {
  return { text: hostText.slice(start, end), toHost: (offset) => start + Math.min(Math.max(offset, 0), end - start) };
}

/**
 * The value of a YAML string scalar of the host file (block literal `|`, folded `>`, plain or
 * quoted), as YAML reads it, with each character aligned to the source character it comes from.
 * The alignment walks value and source together: indentation, quotes and the line breaks that
 * folding turns into spaces are skipped, so every character lands on its own line and column
 * (an escape sequence of a double-quoted string lands on its backslash or just after it).
 */
export function scalarText(hostText: string, node: Scalar): EmbeddedText | undefined {
  if (typeof node.value !== "string" || !node.range) return undefined;
  const value = node.value;
  const [start, valueEnd] = node.range;
  const block = node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED";
  // A block scalar's content starts on the line after its header (`|`, `>-`, `|2`, …).
  let from = start;
  if (block) {
    const lineEnd = hostText.indexOf("\n", start);
    from = lineEnd < 0 || lineEnd >= valueEnd ? valueEnd : lineEnd + 1;
  } else if (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") {
    from = start + 1;
  }
  // A block's indentation is not part of its lines: skipped at each line start, so a line indented
  // deeper keeps its own leading spaces where they are.
  const indent = block ? blockIndent(hostText, from, valueEnd) : 0;
  const skipIndent = (at: number) => {
    let k = at;
    while (k < valueEnd && k - at < indent && hostText.charCodeAt(k) === SPACE) k++;
    return k;
  };
  const map = new Int32Array(value.length + 1);
  let j = block ? skipIndent(from) : from;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    while (j < valueEnd && !matches(c, hostText.charCodeAt(j))) j++;
    map[i] = Math.min(j, valueEnd);
    if (j < valueEnd) j++;
    if (block && hostText.charCodeAt(j - 1) === LF) j = skipIndent(j);
  }
  map[value.length] = Math.min(j, valueEnd);
  return { text: value, toHost: (offset) => map[Math.min(Math.max(offset, 0), value.length)] ?? valueEnd };
}

/** The indentation of a block scalar's content: that of its first line with text. */
function blockIndent(hostText: string, from: number, end: number): number {
  let lineStart = from;
  while (lineStart < end) {
    let k = lineStart;
    while (k < end && hostText.charCodeAt(k) === SPACE) k++;
    const c = hostText.charCodeAt(k);
    if (k < end && c !== LF && c !== CR) return k - lineStart;
    const next = hostText.indexOf("\n", k);
    if (next < 0) break;
    lineStart = next + 1;
  }
  return 0;
}

const LF = 10;
const CR = 13;
const SPACE = 32;

/** Whether source character `s` can be where value character `v` comes from. */
function matches(v: number, s: number): boolean {
  if (v === s) return true;
  // Folding turns a line break into a space.
  return v === SPACE && (s === LF || s === CR);
}

/** Fields of a finding's data that hold a line number of the text (`laterLine`, `firstLine`, …). */
const LINE_NUMBER_FIELD = /^(?:[a-z]+Line|line)$/;

/** The parts of a parsed embedded text, every range moved into the host file. */
export interface HostPositioned {
  entries: ConfigEntry[];
  findings: ParseFinding[];
  loadFailure?: ConfigDocument["loadFailure"];
}

/** Parses an embedded text as Flink reads `dialect` and moves every range into the host file. */
export function parseEmbedded(embedded: EmbeddedText, dialect: Dialect, hostLines: LineIndex): HostPositioned {
  return toHost(parseConfig(embedded.text, dialect), embedded, hostLines);
}

/** Moves a document parsed from an embedded text into the host file's positions. */
export function toHost(doc: ConfigDocument, embedded: EmbeddedText, hostLines: LineIndex): HostPositioned {
  const range = (r: Range): Range => hostLines.range(embedded.toHost(r.start.offset), Math.max(embedded.toHost(r.start.offset), embedded.toHost(r.end.offset)));
  const related = (list: RelatedLocation[] | undefined) => list?.map((l) => ({ ...l, range: range(l.range) }));
  // Messages name other lines too ("line 3 sets it again"): those are the host's lines as well.
  const hostLine = (line: number) => hostLines.position(embedded.toHost(doc.lines.offset(line, 1))).line;
  const data = (d: ParseFinding["data"]) =>
    d && Object.fromEntries(Object.entries(d).map(([k, v]) => [k, LINE_NUMBER_FIELD.test(k) && typeof v === "number" ? hostLine(v) : v]));
  const positioned: HostPositioned = {
    entries: doc.entries.map((e) => ({ ...e, keyRange: range(e.keyRange), valueRange: range(e.valueRange) })),
    findings: doc.findings.map((f) => {
      const moved: ParseFinding = { ...f, range: range(f.range) };
      const movedData = data(f.data);
      if (movedData) moved.data = movedData;
      const rel = related(f.related);
      if (rel) moved.related = rel;
      return moved;
    }),
  };
  if (doc.loadFailure) positioned.loadFailure = { ...doc.loadFailure, range: range(doc.loadFailure.range) };
  return positioned;
}
