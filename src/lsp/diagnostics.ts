/**
 * flinklint diagnostics as LSP diagnostics, and their fixes and suggestions as code actions.
 * Pure: no connection, no file system, so tests can drive it directly.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { rules } from "../../rules/index.js";
import { ruleDocsUrl } from "../formatters/report.js";
import type { Diagnostic, Fix, Severity, TextEdit } from "../types.js";
import { sameLspRange, type LspPositions } from "./positions.js";

export const SOURCE = "flinklint";

/** `source.fixAll.flinklint`: every safe fix at once (e.g. for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.flinklint`;

/** Each real rule's docs page ("internal-error", "disable-directive" are not rules and have none). */
const DOCS_URLS: ReadonlyMap<string, string> = new Map(rules.map((r) => [r.meta.id, ruleDocsUrl(r.meta.id)]));

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(diagnostic: Diagnostic, positions: LspPositions, uri: string): LspDiagnostic {
  const lsp: LspDiagnostic = {
    range: positions.toLspRange(diagnostic),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.ruleId,
    source: SOURCE,
    message: diagnostic.message,
  };
  const href = DOCS_URLS.get(diagnostic.ruleId);
  if (href !== undefined) lsp.codeDescription = { href };
  // Most findings (an unknown key) carry nothing more: no list is made for them.
  if (diagnostic.related === undefined && diagnostic.flink === undefined && diagnostic.advice === undefined) return lsp;
  const related = (diagnostic.related ?? []).map(
    (r): DiagnosticRelatedInformation => ({ location: { uri, range: positions.toLspRange(r.range) }, message: r.message }),
  );
  // Flink's exact words, shown by editors under the finding, at its own place.
  if (diagnostic.flink !== undefined) related.unshift({ location: { uri, range: lsp.range }, message: `Flink: ${diagnostic.flink}` });
  // Fixes an editor cannot apply (no code action): listed where the user reads the finding.
  for (const advice of diagnostic.advice ?? []) related.push({ location: { uri, range: lsp.range }, message: `Fix by hand: ${advice}` });
  if (related.length > 0) lsp.relatedInformation = related;
  return lsp;
}

export function toLspTextEdit(edit: TextEdit, positions: LspPositions): LspTextEdit {
  return { range: positions.toLspRange(edit.range), newText: edit.text };
}

/** Where a code action's edits go: versioned `documentChanges` when the client takes them. */
export interface EditTarget {
  uri: string;
  version: number;
  documentChanges: boolean;
}

function workspaceEdit(edits: LspTextEdit[], target: EditTarget): WorkspaceEdit {
  if (target.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: target.uri, version: target.version }, edits }] };
  }
  return { changes: { [target.uri]: edits } };
}

function quickFix(fix: Fix, preferred: boolean, lspDiagnostic: LspDiagnostic, positions: LspPositions, target: EditTarget): CodeAction {
  const action: CodeAction = {
    title: capitalize(fix.description),
    kind: CodeActionKind.QuickFix,
    diagnostics: [lspDiagnostic],
    edit: workspaceEdit(
      fix.edits.map((e) => toLspTextEdit(e, positions)),
      target,
    ),
  };
  if (preferred) action.isPreferred = true;
  return action;
}

/**
 * The quick fixes for the diagnostics a client sent in a code action request: each is matched to a
 * flinklint diagnostic of the current text by rule id and range; its `fix`, then each of its
 * `suggestions`, becomes a quick fix. The first one offered is preferred (what an editor's
 * auto-fix applies): the safe fix when there is one, else the first suggestion, which the rule
 * puts first as the likeliest intent.
 */
export function quickFixes(
  requested: readonly LspDiagnostic[],
  current: readonly Diagnostic[],
  positions: LspPositions,
  target: EditTarget,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const seen = new Set<Diagnostic>();
  for (const lspDiagnostic of requested) {
    if (lspDiagnostic.source !== SOURCE) continue;
    for (const diagnostic of current) {
      if (seen.has(diagnostic) || diagnostic.ruleId !== lspDiagnostic.code) continue;
      if (!sameLspRange(positions.toLspRange(diagnostic), lspDiagnostic.range)) continue;
      seen.add(diagnostic);
      const fixes = [...(diagnostic.fix ? [diagnostic.fix] : []), ...(diagnostic.suggestions ?? [])].filter((f) => f.edits.length > 0);
      fixes.forEach((fix, i) => actions.push(quickFix(fix, i === 0, lspDiagnostic, positions, target)));
    }
  }
  return actions;
}

/**
 * One action applying every safe `fix` whose edits overlap no other fix taken before it (in text
 * order); the rest show up again after the client applies it and the text is linted anew.
 */
export function fixAllAction(current: readonly Diagnostic[], positions: LspPositions, target: EditTarget): CodeAction | undefined {
  const taken: TextEdit[] = [];
  const ordered = current
    .filter((d) => d.fix !== undefined && d.fix.edits.length > 0)
    .sort((a, b) => a.start.offset - b.start.offset);
  for (const d of ordered) {
    const edits = d.fix?.edits ?? [];
    const overlaps = edits.some((e) => taken.some((t) => e.range.start.offset <= t.range.end.offset && t.range.start.offset <= e.range.end.offset));
    if (!overlaps) taken.push(...edits);
  }
  if (taken.length === 0) return undefined;
  taken.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return {
    title: "Fix all auto-fixable flinklint problems",
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(
      taken.map((e) => toLspTextEdit(e, positions)),
      target,
    ),
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
