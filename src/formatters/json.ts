/**
 * ESLint's `LintResult` shape, which the pretty formatter consumes and which ESLint-aware tools read.
 * Info notes (only present with --show-info) are severity 1, like warnings: ESLint has no lower level.
 */
import type { Diagnostic, TextEdit } from "../types.js";
import type { FileReport } from "./report.js";

export interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  messageId: string;
  /** flinklint's own level, which keeps "info" apart from "warning". */
  flinklintSeverity: Diagnostic["severity"];
  key?: string;
  related?: { message: string; line: number; column: number; endLine: number; endColumn: number }[];
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
  /** Fixes to make by hand: no single edit of this text makes them (not an ESLint field). */
  advice?: string[];
  /** Flink's exact exception or log message behind the finding (not an ESLint field). */
  flink?: string;
}

export interface EslintLintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: [];
  /** The fixed text, when fixes were computed and not written (--fix-dry-run), as ESLint reports it. */
  output?: string;
}

export function toEslintResults(reports: readonly FileReport[]): EslintLintResult[] {
  return reports.map(toEslintResult);
}

function toEslintResult(report: FileReport): EslintLintResult {
  return resultWith(report, report.diagnostics.map(toEslintMessage));
}

/** A file's result around its messages: `filePath` first and `messages` second, as `jsonPieces` relies on. */
function resultWith(report: FileReport, messages: EslintMessage[]): EslintLintResult {
  return {
    filePath: report.filePath,
    messages,
    suppressedMessages: [],
    ...countsOf(report),
    usedDeprecatedRules: [],
    ...(report.output !== undefined && { output: report.output }),
  };
}

type EslintCounts = Pick<EslintLintResult, "errorCount" | "fatalErrorCount" | "warningCount" | "fixableErrorCount" | "fixableWarningCount">;

function countsOf(report: FileReport): EslintCounts {
  const counts: EslintCounts = { errorCount: 0, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const d of report.diagnostics) {
    const fixable = d.fix !== undefined && asEslintFix(d.fix.edits) !== undefined;
    if (d.severity === "error") {
      counts.errorCount++;
      if (fixable) counts.fixableErrorCount++;
      if (d.ruleId === "parse") counts.fatalErrorCount++;
    } else {
      counts.warningCount++;
      if (fixable) counts.fixableWarningCount++;
    }
  }
  return counts;
}

function toEslintMessage(d: Diagnostic): EslintMessage {
  const message: EslintMessage = {
    ruleId: d.ruleId,
    severity: d.severity === "error" ? 2 : 1,
    message: d.message,
    line: d.start.line,
    column: d.start.column,
    endLine: d.end.line,
    endColumn: d.end.column,
    messageId: d.messageId,
    flinklintSeverity: d.severity,
  };
  if (d.key !== undefined) message.key = d.key;
  if (d.related?.length) {
    message.related = d.related.map((r) => ({
      message: r.message,
      line: r.range.start.line,
      column: r.range.start.column,
      endLine: r.range.end.line,
      endColumn: r.range.end.column,
    }));
  }
  const fix = d.fix && asEslintFix(d.fix.edits);
  if (fix) message.fix = fix;
  const suggestions = (d.suggestions ?? []).flatMap((s) => {
    const suggested = asEslintFix(s.edits);
    return suggested ? [{ desc: s.description, fix: suggested }] : [];
  });
  if (suggestions.length) message.suggestions = suggestions;
  if (d.advice?.length) message.advice = [...d.advice];
  if (d.flink !== undefined) message.flink = d.flink;
  return message;
}

/** ESLint describes a fix as one replacement of an offset range; fixes of several edits are left out. */
function asEslintFix(edits: readonly TextEdit[]): { range: [number, number]; text: string } | undefined {
  const [only, ...rest] = edits;
  if (!only || rest.length) return undefined;
  return { range: [only.range.start.offset, only.range.end.offset], text: only.text };
}

export function formatJson(reports: readonly FileReport[]): string {
  return [...jsonPieces(reports)].join("");
}

/** Messages turned into JSON at once: a file may have 100,000s, and their objects need not all exist together. */
const MESSAGE_GROUP = 1024;

/**
 * `formatJson`'s text in pieces, made as they are asked for: the CLI writes a report of thousands
 * of files, or of one file with 100,000s of findings, piece by piece, so neither the whole text nor
 * every message object exists at once. The pieces join to exactly
 * `JSON.stringify(toEslintResults(reports))` and a line break. `group` is for tests.
 */
export function* jsonPieces(reports: readonly FileReport[], group = MESSAGE_GROUP): Generator<string> {
  yield "[";
  for (let i = 0; i < reports.length; i++) {
    const report = reports[i] as FileReport;
    if (i > 0) yield ",";
    const { diagnostics } = report;
    if (diagnostics.length <= group) {
      yield JSON.stringify(toEslintResult(report));
      continue;
    }
    // The same text as the line above, with the messages made a group at a time and put between
    // the `[` and `]` of an empty list (a property test holds the two texts equal).
    const around = JSON.stringify(resultWith(report, []));
    const inside = `{"filePath":${JSON.stringify(report.filePath)},"messages":[`.length;
    yield around.slice(0, inside);
    for (let at = 0; at < diagnostics.length; at += group) {
      const messages = JSON.stringify(diagnostics.slice(at, at + group).map(toEslintMessage));
      yield at === 0 ? messages.slice(1, -1) : `,${messages.slice(1, -1)}`;
    }
    yield around.slice(inside);
  }
  yield "]\n";
}
