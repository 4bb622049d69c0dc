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
}

export function toEslintResults(reports: readonly FileReport[]): EslintLintResult[] {
  return reports.map(toEslintResult);
}

function toEslintResult(report: FileReport): EslintLintResult {
  const messages = report.diagnostics.map(toEslintMessage);
  const errors = messages.filter((m) => m.severity === 2);
  const warnings = messages.filter((m) => m.severity === 1);
  return {
    filePath: report.filePath,
    messages,
    suppressedMessages: [],
    errorCount: errors.length,
    fatalErrorCount: report.diagnostics.filter((d) => d.ruleId === "parse" && d.severity === "error").length,
    warningCount: warnings.length,
    fixableErrorCount: errors.filter((m) => m.fix).length,
    fixableWarningCount: warnings.filter((m) => m.fix).length,
    usedDeprecatedRules: [],
  };
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

/**
 * `formatJson`'s text in pieces, made as they are asked for: the CLI writes a report of thousands
 * of files piece by piece, so neither the whole text nor every file's result objects exist at once.
 * The pieces join to exactly `JSON.stringify(toEslintResults(reports))` and a line break.
 */
export function* jsonPieces(reports: readonly FileReport[]): Generator<string> {
  yield "[";
  for (let i = 0; i < reports.length; i++) {
    const report = reports[i] as FileReport;
    yield i === 0 ? JSON.stringify(toEslintResult(report)) : `,${JSON.stringify(toEslintResult(report))}`;
  }
  yield "]\n";
}
