/**
 * Inline suppressions, written as comments so Flink ignores them in both formats:
 *   # flinklint-disable-next-line rule-a, rule-b -- why
 *   key: value  # flinklint-disable-line rule-a
 *   # flinklint-disable rule-a  …  # flinklint-enable rule-a
 *   # flinklint-disable-file rule-a
 * A directive without rule ids applies to every rule.
 */
import type { LineIndex } from "../parser/lines.js";
import type { Diagnostic, Dialect, Range } from "../types.js";

export type DirectiveKind = "disable-next-line" | "disable-line" | "disable" | "enable" | "disable-file";

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty means all rules. */
  ruleIds: string[];
  /** The line the directive is written on. */
  line: number;
  /** The directive's text, from `flinklint-` to the end of the comment. */
  range: Range;
  /** Where each named rule id stands, for precise reports. */
  ruleRanges: Map<string, Range>;
}

const DIRECTIVE = /^\s*flinklint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)/;

/** Finds the comment on a line: legacy cuts at the first `#`; YAML needs a blank or line start before it. */
function commentStart(text: string, dialect: Dialect): number {
  if (dialect === "legacy") return text.indexOf("#");
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      if (i === 0 || /[\s:[{,-]/.test(text[i - 1] ?? "")) quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1] ?? ""))) {
      return i;
    }
  }
  return -1;
}

export function findDirectives(lines: LineIndex, dialect: Dialect): Directive[] {
  const directives: Directive[] = [];
  // Most files have none: one scan of the text instead of one per line.
  if (!lines.text.includes("flinklint-")) return directives;
  for (const line of lines.lines()) {
    if (!line.text.includes("flinklint-")) continue;
    const hash = commentStart(line.text, dialect);
    if (hash === -1) continue;
    const comment = line.text.slice(hash + 1);
    const match = DIRECTIVE.exec(comment);
    if (!match) continue;
    const kind = match[1] as DirectiveKind;
    const bodyStart = hash + 1 + match[0].length;
    const body = line.text.slice(bodyStart);
    const reasonAt = body.search(/(^|\s)--(\s|$)/);
    const list = reasonAt === -1 ? body : body.slice(0, reasonAt);
    const ruleIds: string[] = [];
    const ruleRanges = new Map<string, Range>();
    for (const m of list.matchAll(/[^\s,]+/g)) {
      const start = line.start + bodyStart + (m.index ?? 0);
      ruleIds.push(m[0]);
      ruleRanges.set(m[0], lines.range(start, start + m[0].length));
    }
    const directiveStart = line.start + hash + 1 + (match[0].length - match[0].trimStart().length);
    directives.push({
      kind,
      ruleIds,
      line: line.number,
      range: lines.range(directiveStart, line.start + hash + 1 + match[0].length + list.trimEnd().length),
      ruleRanges,
    });
  }
  return directives;
}

interface Suppressor {
  directive: Directive;
  /** The rule id this suppressor stands for, or undefined for all rules. */
  ruleId: string | undefined;
  fromLine: number;
  toLine: number;
  used: boolean;
}

export interface SuppressionOutcome {
  kept: Diagnostic[];
  suppressed: Diagnostic[];
  /** Directive rule entries that suppressed nothing. */
  unused: { directive: Directive; ruleId: string | undefined }[];
}

/** Splits diagnostics into kept and suppressed, and tracks which directives did something. */
export function applyDirectives(diagnostics: readonly Diagnostic[], directives: readonly Directive[], lastLine: number): SuppressionOutcome {
  // Most files have no flinklint comment: nothing to match each finding against.
  if (directives.length === 0) return { kept: [...diagnostics], suppressed: [], unused: [] };
  const suppressors: Suppressor[] = [];
  const open = new Map<string | undefined, Suppressor[]>();
  const push = (directive: Directive, from: number, to: number) => {
    const ids = directive.ruleIds.length ? directive.ruleIds : [undefined];
    for (const ruleId of ids) suppressors.push({ directive, ruleId, fromLine: from, toLine: to, used: false });
  };
  for (const d of directives) {
    switch (d.kind) {
      case "disable-next-line":
        push(d, d.line + 1, d.line + 1);
        break;
      case "disable-line":
        push(d, d.line, d.line);
        break;
      case "disable-file":
        push(d, 1, lastLine);
        break;
      case "disable": {
        const ids = d.ruleIds.length ? d.ruleIds : [undefined];
        for (const ruleId of ids) {
          const s: Suppressor = { directive: d, ruleId, fromLine: d.line, toLine: lastLine, used: false };
          suppressors.push(s);
          open.set(ruleId, [...(open.get(ruleId) ?? []), s]);
        }
        break;
      }
      case "enable": {
        // An enable closes the matching open regions; a bare enable closes all of them.
        const keys = d.ruleIds.length ? d.ruleIds : [...open.keys()];
        for (const key of keys) {
          for (const s of open.get(key) ?? []) s.toLine = d.line;
          open.delete(key);
        }
        break;
      }
    }
  }
  const kept: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const line = diagnostic.start.line;
    const matching = suppressors.filter(
      (s) =>
        diagnostic.ruleId !== "internal-error" &&
        (s.ruleId === undefined || s.ruleId === diagnostic.ruleId) &&
        line >= s.fromLine &&
        line <= s.toLine,
    );
    for (const s of matching) s.used = true;
    (matching.length ? suppressed : kept).push(diagnostic);
  }
  const unused = suppressors.filter((s) => !s.used).map((s) => ({ directive: s.directive, ruleId: s.ruleId }));
  return { kept, suppressed, unused };
}
