/**
 * The one lint entry of flinklint: a file's text (or bytes) → the findings of every Flink
 * configuration it carries, read by the host adapter that knows the file's kind. The CLI, the
 * language server and the browser page all lint through here; it is pure (no file system).
 */
import { rules as allRules } from "../rules/index.js";
import { decodeConfigBytes } from "./engine/decode.js";
import { fixText, keepSafeFixes } from "./engine/fix.js";
import { findDirectives } from "./engine/directives.js";
import { compareDiagnostics, lintTarget } from "./engine/lint.js";
import { HOST_ADAPTERS, readHost, type HostAdapter } from "./hosts/index.js";
import { createSession } from "./model/session.js";
import type { ConfigTarget, Diagnostic, DocExample, LintOptions, LintResult, RuleModule } from "./types.js";
import { extended } from "./util/objects.js";

/** The findings of one configuration of a file. */
export interface TargetLintResult extends LintResult {
  /** "" for a plain Flink file; else the service, container or resource name. */
  name: string;
  /** "" for a plain Flink file; else what it is ("FlinkDeployment", "Compose service", …). */
  what: string;
  target: ConfigTarget;
}

export interface TextLintResult {
  /** The adapter that read the file, e.g. "flink-file", "flink-resource". */
  adapter: string;
  /** What the file is, e.g. "Flink configuration file". */
  host: string;
  results: TargetLintResult[];
  /** Every target's findings, in file order, each once (targets may share the host's lines). */
  diagnostics: Diagnostic[];
  /** For a named file that carries no Flink configuration: one line to say so. */
  notice?: string;
  /** Whether `--fix` writes safe fixes into this kind of file. */
  fixable: boolean;
  /** Safe fixes the rules offered that are dropped because `--fix` does not write this host. */
  unwrittenFixes: number;
}

/**
 * Lints a file's text as its host; safe fixes are kept only where `--fix` would apply them. Without
 * `options.session`, the call is a run of its own (its targets share one session).
 */
export function lintText(
  text: string,
  given: LintOptions = {},
  adapters: readonly HostAdapter[] = HOST_ADAPTERS,
  rules: readonly RuleModule[] = allRules,
): TextLintResult {
  const options = withSession(given);
  return lintReading(readHost({ text, ...(options.filename !== undefined && { filename: options.filename }), options }, adapters), options, rules);
}

/** Lints what a host adapter read from a file. */
function lintReading(reading: ReturnType<typeof readHost>, options: LintOptions, rules: readonly RuleModule[]): TextLintResult {
  let unwrittenFixes = 0;
  // Targets of one file share its text: its suppression comments are found once, not once per
  // target (a script of 20,000 launcher calls would scan its text 20,000 times).
  const directivesOf = new Map<string, ReturnType<typeof findDirectives>>();
  const texts = new Map<unknown, number>();
  const results = reading.targets.map((target): TargetLintResult => {
    const { lines, dialect } = target.document;
    let directives: ReturnType<typeof findDirectives> | undefined;
    if (reading.targets.length > 1) {
      if (!texts.has(lines)) texts.set(lines, texts.size);
      const key = `${texts.get(lines)}:${dialect}`;
      directives = directivesOf.get(key);
      if (directives === undefined) directivesOf.set(key, (directives = findDirectives(lines, dialect)));
    }
    const result = lintTarget(target, options, rules, directives);
    let kept: LintResult;
    if (reading.fixable) kept = keepSafeFixes(result, options);
    else {
      const stripped = withoutFixes(result);
      unwrittenFixes += stripped.dropped;
      kept = stripped.result;
    }
    return targetResult(kept, target);
  });
  return {
    adapter: reading.adapter,
    host: reading.host,
    results,
    diagnostics: sortedDistinct(results.length === 1 ? (results[0]?.diagnostics ?? []) : results.flatMap((r) => r.diagnostics)),
    ...(reading.notice !== undefined && { notice: reading.notice }),
    fixable: reading.fixable,
    unwrittenFixes,
  };
}

/** One file's findings, and with fixing on the fixed text (nothing is written here). */
export interface TextLintOutcome {
  diagnostics: Diagnostic[];
  /** With fixing on: the text before and after, when fixes changed it. */
  fixed?: { source: string; output: string; count: number };
  /** With fixing on: why safe fixes were not applied. */
  notFixed?: string;
  /** For a named file that carries no Flink configuration: one line to say so. */
  notice?: string;
}

/**
 * Lints one file's bytes, or its text when the caller has it already decoded as `decodeConfigBytes`
 * decodes (valid UTF-8, no NUL, the BOM kept), which spares the bytes. With `fix`, also computes
 * the fixed text: for "write" the findings are those left in the fixed text (it is about to replace
 * the file), for "dry-run" those of the file as it is on disk (nothing is written, so their lines
 * are the file's). `true` means "write". Without `options.session`, the call is a run of its own.
 */
export function lintBytes(
  content: Uint8Array | string,
  given: LintOptions,
  fix: boolean | "write" | "dry-run" = false,
  adapters: readonly HostAdapter[] = HOST_ADAPTERS,
): TextLintOutcome {
  let text: string;
  if (typeof content === "string") text = content;
  else {
    const decoded = decodeConfigBytes(content);
    if (!decoded.ok) return { diagnostics: [decoded.diagnostic] };
    text = decoded.text;
  }
  const options = withSession(given);
  const reading = readHost({ text, ...(options.filename !== undefined && { filename: options.filename }), options }, adapters);
  if (fix !== false && reading.fixable) {
    const { output, fixed, result, notFixed } = fixText(text, options);
    const onDisk = fix === "dry-run" ? lintReading(reading, options, allRules).diagnostics : result.diagnostics;
    const outcome: TextLintOutcome = { diagnostics: onDisk };
    if (output !== text) outcome.fixed = { source: text, output, count: fixed.length };
    if (notFixed !== undefined) outcome.notFixed = notFixed;
    return outcome;
  }
  // The file is read by its host once: the reading above is the one that is linted.
  const linted = lintReading(reading, options, allRules);
  const outcome: TextLintOutcome = { diagnostics: linted.diagnostics };
  if (fix !== false && reading.notFixed !== undefined && linted.unwrittenFixes > 0) outcome.notFixed = reading.notFixed;
  if (linted.notice !== undefined) outcome.notice = linted.notice;
  return outcome;
}

/** A target's result: the lint's fields named one by one, which is cheaper than spreading them (once per file of a run). */
function targetResult(result: LintResult, target: ConfigTarget): TargetLintResult {
  const { filename, dialect, flinkVersion, diagnostics, suppressed, document } = result;
  return { filename, dialect, flinkVersion, diagnostics, suppressed, document, name: target.name, what: target.what, target };
}

/** The options with a session: the caller's run, or a fresh one for this call. */
function withSession(options: LintOptions): LintOptions {
  return options.session !== undefined ? options : extended(options, { session: createSession() });
}

/** The result with its safe fixes taken out, and how many there were. */
function withoutFixes(result: LintResult): { result: LintResult; dropped: number } {
  let dropped = 0;
  const strip = (list: Diagnostic[]) =>
    list.map((d) => {
      if (!d.fix) return d;
      dropped++;
      const { fix: _fix, ...rest } = d;
      return rest;
    });
  return { result: extended(result, { diagnostics: strip(result.diagnostics), suppressed: strip(result.suppressed) }), dropped };
}

/**
 * The findings in `compareDiagnostics` order, each (rule, start, end, message) once, the first of
 * equal ones kept: as a stable sort of the findings with later repeats dropped. Sorting first puts
 * repeats next to each other, so only neighbours that compare equal are checked, and the common
 * case (one target, already in order, no repeats) builds no key per finding.
 */
function sortedDistinct(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  const kept: Diagnostic[] = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i] as Diagnostic;
    kept.push(first);
    let j = i + 1;
    // Equal under compareDiagnostics: same offsets and rule, messages the locale sees as equal.
    while (j < sorted.length && compareDiagnostics(first, sorted[j] as Diagnostic) === 0) j++;
    if (j - i > 1) {
      const seen = new Set<string>([identity(first)]);
      for (let k = i + 1; k < j; k++) {
        const d = sorted[k] as Diagnostic;
        const id = identity(d);
        if (seen.has(id)) continue;
        seen.add(id);
        kept.push(d);
      }
    }
    i = j;
  }
  return kept;
}

function identity(d: Diagnostic): string {
  return `${d.ruleId}\u0000${d.start.offset}\u0000${d.end.offset}\u0000${d.message}`;
}

/** Lints a rule's docs example as the docs show it: a Flink file in its dialect, or a host file by its name. */
export function lintExample(example: DocExample): Diagnostic[] {
  const options: LintOptions = {
    showInfo: true,
    ...(example.filename !== undefined ? { filename: example.filename } : { dialect: example.dialect }),
    ...(example.flinkVersion !== undefined && { flinkVersion: example.flinkVersion }),
  };
  return lintText(example.code, options).diagnostics;
}
