/**
 * The human format. Each file's findings in line order (errors, warnings and notes interleaved),
 * each on its own block that fits the terminal:
 *
 *   conf/flink-conf.yaml
 *   ✖  2:1   memory-both-totals  `taskmanager.memory.process.size` and
 *                                `taskmanager.memory.flink.size` contradict each other.
 *            fix: remove taskmanager.memory.flink.size
 *
 * The rule id stays on the finding's first line; the message wraps at word boundaries with a
 * hanging indent, and nothing is padded to the longest message of the report. Only a single word
 * longer than the width (a long key or path) may run past it.
 */
import { neutralizeControlCharacters } from "./escape.js";
import { ruleDocsUrl, type FileReport } from "./report.js";
import type { Diagnostic, Severity } from "../types.js";

export interface PrettyOptions {
  /** Columns to fit: the terminal's width, else `COLUMNS`, else 80. */
  width?: number;
  /** ANSI colours. */
  color?: boolean;
  /** Terminal hyperlinks (OSC 8): the file to its `file://` URL, the rule id to its docs. */
  hyperlinks?: boolean;
  /** The folder relative paths are resolved against, for `file://` links. */
  cwd?: string;
  /** Also Flink's exact message under each finding that has one. */
  verbose?: boolean;
}

const DEFAULT_WIDTH = 80;
/** Below this the layout degrades to one word per line; nothing narrower is useful. */
const MIN_WIDTH = 40;

const SYMBOL: Record<Severity, string> = { error: "✖", warning: "⚠", info: "ℹ" };
const SEVERITY_COLOUR: Record<Severity, string> = { error: "31", warning: "33", info: "34" };

export function formatPretty(reports: readonly FileReport[], options: PrettyOptions = {}): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const style = styler(options.color === true);
  const link = (url: string, text: string) => (options.hyperlinks ? `\u001b]8;;${url}\u0007${text}\u001b]8;;\u0007` : text);
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    const path = neutralizeControlCharacters(report.filePath);
    const header = style("4", path);
    out.push("", `  ${options.hyperlinks ? link(fileUrl(report.filePath, options.cwd), header) : header}`);
    const sorted = [...report.diagnostics].sort((a, b) => a.start.offset - b.start.offset || a.end.offset - b.end.offset);
    const positionWidth = Math.max(...sorted.map((d) => position(d).length));
    for (const d of sorted) {
      counts[d.severity]++;
      out.push(...findingLines(d, positionWidth, width, style, link, options.verbose === true));
    }
  }
  if (out.length === 0) return "";
  out.push("", ...summary(counts, style));
  return `${out.join("\n")}\n`;
}

type Style = (code: string, text: string) => string;

function styler(color: boolean): Style {
  return color ? (code, text) => `\u001b[${code}m${text}\u001b[${closing(code)}m` : (_code, text) => text;
}

function closing(code: string): string {
  if (code === "1") return "22";
  if (code === "2" || code === "90") return code === "2" ? "22" : "39";
  if (code === "4") return "24";
  return "39";
}

function position(d: Diagnostic): string {
  return `${d.start.line}:${d.start.column}`;
}

/** The lines of one finding: symbol, position, rule id and the message's first words, then the rest and the fixes. */
function findingLines(
  d: Diagnostic,
  positionWidth: number,
  width: number,
  style: Style,
  link: (url: string, text: string) => string,
  verbose: boolean,
): string[] {
  const lead = `  ${SYMBOL[d.severity]}  ${position(d).padEnd(positionWidth)}  `;
  const indent = " ".repeat(displayWidth(lead));
  const ruleId = neutralizeControlCharacters(d.ruleId);
  const words = messageWords(d.message);
  // The first line starts with the rule id; the message follows it and wraps under the position.
  const lines = wrap([ruleId, ...words], width - indent.length, width - indent.length);
  const rendered = lines.map((line, i) => {
    let text = line.map((w, j) => (i === 0 && j === 0 ? link(ruleDocsUrl(d.ruleId), style("90", w)) : renderWord(w, style))).join(" ");
    if (i === 0) text = text.replace(/^(\S+) /, "$1  ");
    return i === 0 ? `  ${style(SEVERITY_COLOUR[d.severity], SYMBOL[d.severity])}${lead.slice(3)}${text}` : `${indent}${text}`;
  });
  if (verbose && d.flink !== undefined) {
    for (const [i, line] of wrap(messageWords(`Flink: ${d.flink}`), width - indent.length, width - indent.length - 7).entries()) {
      rendered.push(`${indent}${i === 0 ? "" : "       "}${style("2", line.join(" "))}`);
    }
  }
  for (const fix of fixLines(d)) {
    for (const [i, line] of wrap(fix.split(" "), width - indent.length, width - indent.length - 5).entries()) {
      rendered.push(`${indent}${i === 0 ? "" : "     "}${style("2", line.join(" "))}`);
    }
  }
  return rendered;
}

/** The message as words; backticks mark code, which keeps its words but loses the backticks. */
function messageWords(message: string): string[] {
  return neutralizeControlCharacters(message.replace(/\t/g, " ")).split(" ").filter((w) => w !== "");
}

function renderWord(word: string, style: Style): string {
  if (!word.includes("`")) return word;
  return word.replace(/`([^`]*)`|`/g, (_all, code: string | undefined) => (code === undefined ? "" : style("1", code)));
}

/** Words in lines of at most `first` (then `rest`) columns, a word longer than that on a line of its own. */
function wrap(words: readonly string[], first: number, rest: number): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  for (const word of words) {
    const w = displayWidth(word.replace(/`/g, ""));
    const limit = lines.length === 0 ? first : rest;
    // The rule id is followed by two spaces, every other word by one.
    const gap = line.length === 0 ? 0 : lines.length === 0 && line.length === 1 ? 2 : 1;
    if (line.length > 0 && used + gap + w > limit) {
      lines.push(line);
      line = [word];
      used = w;
      continue;
    }
    line.push(word);
    used += gap + w;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** One line per way to fix the finding: the safe fix first (which --fix applies), then each suggestion. */
function fixLines(d: Diagnostic): string[] {
  const lines: string[] = [];
  if (d.fix && d.fix.edits.length > 0) lines.push(`fix: ${neutralizeControlCharacters(d.fix.description)} (--fix)`);
  for (const s of d.suggestions ?? []) if (s.edits.length > 0) lines.push(`fix: ${neutralizeControlCharacters(s.description)}`);
  // Fixes no edit of this text makes (a nested key to remove): the same advice, to do by hand.
  for (const a of d.advice ?? []) lines.push(`fix: ${neutralizeControlCharacters(a)} (by hand)`);
  return lines;
}

function summary(counts: Record<Severity, number>, style: Style): string[] {
  const lines: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (counts.error > 0) lines.push(`  ${style("31", plural(counts.error, "error"))}`);
  if (counts.warning > 0) lines.push(`  ${style("33", plural(counts.warning, "warning"))}`);
  if (counts.info > 0) lines.push(`  ${style("34", plural(counts.info, "note"))}`);
  return lines;
}

/** An absolute `file://` URL of a path as shown (relative to `cwd`); a broken surrogate becomes U+FFFD. */
function fileUrl(path: string, cwd: string | undefined): string {
  const absolute = path.startsWith("/") || cwd === undefined ? path : `${cwd.replace(/\/$/, "")}/${path}`;
  const wellFormed = absolute.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  return `file://${wellFormed.split("/").map(encodeURIComponent).join("/")}`;
}

/** Terminal columns of a text: wide (East Asian, emoji) characters take two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x300 && code <= 0x36f) || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
