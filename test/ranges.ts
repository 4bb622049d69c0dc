/**
 * Whether diagnostics fit the text they are about: every range (and related location) inside the
 * text, start <= end, and line and column agreeing with the offset; no rule crashed.
 */
import type { Diagnostic, Position, Range } from "../src/types.js";

/** Line starts as Flink's readers (and flinklint's LineIndex) break lines: LF, CRLF or a lone CR. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  return starts;
}

/** Why a position does not fit the text, or undefined when it does. */
function positionProblem(p: Position, text: string, starts: readonly number[]): string | undefined {
  if (!Number.isInteger(p.offset) || p.offset < 0 || p.offset > text.length) return `offset ${p.offset} outside 0..${text.length}`;
  let line = 0;
  while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= p.offset) line++;
  const column = p.offset - (starts[line] ?? 0) + 1;
  if (p.line !== line + 1 || p.column !== column) return `offset ${p.offset} is ${line + 1}:${column}, not ${p.line}:${p.column}`;
  return undefined;
}

function rangeProblem(r: Range, text: string, starts: readonly number[]): string | undefined {
  const problem = positionProblem(r.start, text, starts) ?? positionProblem(r.end, text, starts);
  if (problem) return problem;
  return r.start.offset <= r.end.offset ? undefined : `start ${r.start.offset} after end ${r.end.offset}`;
}

export function diagnosticProblems(diagnostics: readonly Diagnostic[], text: string): string[] {
  const starts = lineStarts(text);
  const problems: string[] = [];
  for (const d of diagnostics) {
    const where = `${d.ruleId}/${d.messageId}`;
    if (d.ruleId === "internal-error") problems.push(`${where}: ${d.message}`);
    const own = rangeProblem(d, text, starts);
    if (own) problems.push(`${where}: ${own}`);
    for (const related of d.related ?? []) {
      const problem = rangeProblem(related.range, text, starts);
      if (problem) problems.push(`${where} related "${related.message}": ${problem}`);
    }
  }
  return problems;
}
