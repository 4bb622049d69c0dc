/**
 * `--fix`: applies the safe fixes rules attach to their diagnostics, and nothing else.
 * Each pass applies non-overlapping edits in one sweep, then re-lints, as ESLint does, so a fix
 * never works on stale offsets. A text that Flink could not load is never touched.
 */
import { lint } from "./lint.js";
import type { Diagnostic, LintOptions, LintResult, TextEdit } from "../types.js";

/** Enough for fixes that enable other fixes; a cycle stops here instead of looping. */
const MAX_PASSES = 10;

export interface FixOutcome {
  /** The text after all passes (identical to the input when nothing applied). */
  output: string;
  /** The diagnostics whose fixes were applied, across passes. */
  fixed: Diagnostic[];
  /** The lint result of the final text. */
  result: LintResult;
}

/** Whether Flink (and so flinklint) could read the text at all; only then are fixes safe. */
export function isFixable(result: LintResult): boolean {
  return !result.document.loadFailure && !result.diagnostics.some((d) => d.ruleId === "parse" && d.severity === "error");
}

/** Applies one pass of non-overlapping fixes; later overlapping ones wait for the next pass. */
export function applyFixEdits(text: string, diagnostics: readonly Diagnostic[]): { output: string; applied: Diagnostic[] } {
  const candidates = diagnostics
    .filter((d): d is Diagnostic & { fix: NonNullable<Diagnostic["fix"]> } => d.fix !== undefined && d.fix.edits.length > 0)
    .map((d) => ({ diagnostic: d, edits: [...d.fix.edits].sort(byStart) }))
    .sort((a, b) => byStart(a.edits[0] as TextEdit, b.edits[0] as TextEdit));
  const accepted: TextEdit[] = [];
  const applied: Diagnostic[] = [];
  for (const { diagnostic, edits } of candidates) {
    const overlaps = edits.some((edit) => accepted.some((taken) => rangesTouch(taken, edit)));
    if (overlaps || edits.some((e) => e.range.start.offset > e.range.end.offset || e.range.end.offset > text.length)) continue;
    accepted.push(...edits);
    applied.push(diagnostic);
  }
  accepted.sort(byStart);
  let output = "";
  let cursor = 0;
  for (const edit of accepted) {
    output += text.slice(cursor, edit.range.start.offset) + edit.text;
    cursor = edit.range.end.offset;
  }
  output += text.slice(cursor);
  return { output, applied };
}

/** Lints, fixes, re-lints until no safe fix is left (or MAX_PASSES). */
export function fixText(text: string, options: LintOptions): FixOutcome {
  let current = text;
  let result = lint(current, options);
  const fixed: Diagnostic[] = [];
  for (let pass = 0; pass < MAX_PASSES && isFixable(result); pass++) {
    const { output, applied } = applyFixEdits(current, result.diagnostics);
    if (applied.length === 0 || output === current) break;
    const next = lint(output, options);
    // A fix must never make the file unreadable; if one would, keep the text from before it.
    if (!isFixable(next)) break;
    fixed.push(...applied);
    current = output;
    result = next;
  }
  return { output: current, fixed, result };
}

function byStart(a: TextEdit, b: TextEdit): number {
  return a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset;
}

/** Two edits conflict when they overlap, or both insert at the same point. */
function rangesTouch(a: TextEdit, b: TextEdit): boolean {
  const [aStart, aEnd, bStart, bEnd] = [a.range.start.offset, a.range.end.offset, b.range.start.offset, b.range.end.offset];
  if (aStart === aEnd && bStart === bEnd) return aStart === bStart;
  return aStart < bEnd && bStart < aEnd;
}
