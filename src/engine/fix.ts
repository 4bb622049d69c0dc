/**
 * `--fix`: applies the safe fixes rules attach to their diagnostics, and nothing else.
 * Each pass applies non-overlapping edits in one sweep, then re-lints, as ESLint does, so a fix
 * never works on stale offsets. Three guards keep a fix from damaging a file:
 * - the file must be positively a Flink configuration file (`identifyFlinkConfig`);
 * - every edit must lie within the lines of entries whose key is a Flink setting;
 * - the fixed text must load, re-lint with strictly fewer findings, and have no error (by rule id
 *   and key) that the original text did not have. A pass that fails is retried fix by fix.
 * A fix that fails a guard is dropped from the result: what is left is reported, never written.
 */
import { lint } from "./lint.js";
import { editableSpans, editIsWithin, identifyFlinkConfig } from "./identify.js";
import { createSession } from "../model/session.js";
import { applyEdits, byStart } from "./setting-edits.js";
import type { Diagnostic, LintOptions, LintResult, TextEdit } from "../types.js";

/** Enough for fixes that enable other fixes; a cycle stops here instead of looping. */
const MAX_PASSES = 10;
/** After a pass fails its check, at most this many of its fixes are tried one by one. */
const MAX_SINGLE_TRIES = 100;
/**
 * Those tries re-lint the whole text each; they stop when this many characters have been linted
 * in one fixText call, so a huge file costs a few lints, not a hundred.
 */
const RETRY_LINT_BUDGET = 32 * 1024 * 1024;

export interface FixOutcome {
  /** The text after all passes (identical to the input when nothing applied). */
  output: string;
  /** The diagnostics whose fixes were applied, across passes. */
  fixed: Diagnostic[];
  /** The same, pass by pass: each pass's edits are offsets into the text the pass started from. */
  passes: Diagnostic[][];
  /** The lint result of the final text; its diagnostics carry no `fix` (none is left to apply). */
  result: LintResult;
  /** Set when the text had safe fixes but is not a Flink configuration file: why nothing was applied. */
  notFixed?: string;
}

export type FixableDiagnostic = Diagnostic & { fix: NonNullable<Diagnostic["fix"]> };

function hasFix(d: Diagnostic): d is FixableDiagnostic {
  return d.fix !== undefined && d.fix.edits.length > 0;
}

/** Whether Flink (and so flinklint) could read the text at all; only then are fixes safe. */
export function isFixable(result: LintResult): boolean {
  return !result.document.loadFailure && !result.diagnostics.some((d) => d.ruleId === "parse" && d.severity === "error");
}

/**
 * Applies one pass of fixes: each diagnostic's edits go in whole or not at all, in order of their
 * first edit, and one that overlaps an edit already taken waits for the next pass.
 */
export function applyFixEdits(text: string, diagnostics: readonly Diagnostic[]): { output: string; applied: FixableDiagnostic[] } {
  const candidates = diagnostics
    .filter(hasFix)
    .map((d) => ({ diagnostic: d, edits: [...d.fix.edits].sort(byStart) }))
    .sort((a, b) => byStart(a.edits[0] as TextEdit, b.edits[0] as TextEdit));
  const accepted: TextEdit[] = [];
  const applied: FixableDiagnostic[] = [];
  for (const { diagnostic, edits } of candidates) {
    const overlaps = edits.some((edit) => accepted.some((taken) => rangesTouch(taken, edit)));
    if (overlaps || edits.some((e) => e.range.start.offset > e.range.end.offset || e.range.end.offset > text.length)) continue;
    accepted.push(...edits);
    applied.push(diagnostic);
  }
  return { output: applyEdits(text, accepted.sort(byStart)), applied };
}

/**
 * The lint result with only the fixes `--fix` could apply: none for a text that is not a Flink
 * configuration file, and none whose edits leave the lines of Flink settings. For reports and
 * editors, which should not offer as safe what `--fix` would refuse.
 */
export function keepSafeFixes(result: LintResult, options: LintOptions): LintResult {
  if (!result.diagnostics.some(hasFix)) return result;
  if (!identifyFlinkConfig(result, options).identified || !isFixable(result)) return withoutFixes(result);
  const spans = editableSpans(result.document, result.flinkVersion, options.session ?? createSession());
  const text = result.document.text;
  const diagnostics = result.diagnostics.map((d) => (hasFix(d) && !d.fix.edits.every((e) => editIsWithin(e, spans, text)) ? dropFix(d) : d));
  return { ...result, diagnostics };
}

/** Lints, fixes, re-lints until no safe fix is left (or MAX_PASSES); see the module comment for the guards. */
export function fixText(text: string, given: LintOptions): FixOutcome {
  // Its lints are one run: without a session of the caller's, they share a fresh one.
  const session = given.session ?? createSession();
  const options: LintOptions = { ...given, session };
  const original = lint(text, options);
  if (!original.diagnostics.some(hasFix)) return { output: text, fixed: [], passes: [], result: original };
  const identity = identifyFlinkConfig(original, options);
  if (!identity.identified) return { output: text, fixed: [], passes: [], result: withoutFixes(original), notFixed: identity.reason };

  const originalErrors = errorKeys(original);
  const improves = (before: LintResult, after: LintResult) =>
    isFixable(after) &&
    after.diagnostics.length < before.diagnostics.length &&
    after.diagnostics.every((d) => d.severity !== "error" || originalErrors.has(errorKey(d)));

  let current = text;
  let result = original;
  const passes: Diagnostic[][] = [];
  /** Fixes that failed the check, by what they change (offsets move between passes). */
  const rejected = new Set<string>();
  let budget = RETRY_LINT_BUDGET;
  for (let pass = 0; pass < MAX_PASSES && isFixable(result); pass++) {
    const spans = editableSpans(result.document, result.flinkVersion, session);
    const candidates = result.diagnostics.filter(
      (d): d is FixableDiagnostic => hasFix(d) && !rejected.has(signature(d, current)) && d.fix.edits.every((e) => editIsWithin(e, spans, current)),
    );
    const batch = applyFixEdits(current, candidates);
    if (batch.applied.length === 0 || batch.output === current) break;
    let next = lint(batch.output, options);
    let taken = batch;
    if (!improves(result, next)) {
      // One fix may spoil the others: keep those that pass the check when added one at a time.
      const kept: FixableDiagnostic[] = [];
      let best: { output: string; applied: FixableDiagnostic[]; result: LintResult } | undefined;
      for (const d of batch.applied.slice(0, MAX_SINGLE_TRIES)) {
        if (budget < current.length) break;
        budget -= current.length;
        const trial = applyFixEdits(current, [...kept, d]);
        const trialResult = lint(trial.output, options);
        if (improves(best?.result ?? result, trialResult)) {
          kept.push(d);
          best = { ...trial, result: trialResult };
        } else rejected.add(signature(d, current));
      }
      if (best === undefined) break;
      taken = best;
      next = best.result;
    }
    passes.push(taken.applied);
    current = taken.output;
    result = next;
  }
  return { output: current, fixed: passes.flat(), passes, result: withoutFixes(result) };
}

function errorKey(d: Diagnostic): string {
  return `${d.ruleId}\u0000${d.key ?? ""}`;
}

function errorKeys(result: LintResult): Set<string> {
  return new Set(result.diagnostics.filter((d) => d.severity === "error").map(errorKey));
}

/** What a fix changes, independent of where earlier passes moved it. */
function signature(d: FixableDiagnostic, text: string): string {
  const edits = d.fix.edits.map((e) => `${text.slice(e.range.start.offset, e.range.end.offset)}\u0000${e.text}`);
  return [d.ruleId, d.key ?? "", ...edits].join("\u0001");
}

function dropFix(d: Diagnostic): Diagnostic {
  const { fix: _fix, ...rest } = d;
  return rest;
}

function withoutFixes(result: LintResult): LintResult {
  if (!result.diagnostics.some((d) => d.fix !== undefined)) return result;
  return { ...result, diagnostics: result.diagnostics.map((d) => (d.fix === undefined ? d : dropFix(d))) };
}

/** Two edits conflict when they overlap, or both insert at the same point. */
function rangesTouch(a: TextEdit, b: TextEdit): boolean {
  const [aStart, aEnd, bStart, bEnd] = [a.range.start.offset, a.range.end.offset, b.range.start.offset, b.range.end.offset];
  if (aStart === aEnd && bStart === bEnd) return aStart === bStart;
  return aStart < bEnd && bStart < aEnd;
}
