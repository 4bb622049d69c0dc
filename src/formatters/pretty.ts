/**
 * The human format: eslint-formatter-pretty, fed ESLint's result shape and each rule's docs URL,
 * with a "fix:" line under each finding for its safe fix and each suggestion.
 */
import prettyFormatter from "eslint-formatter-pretty";
import { neutralizeControlCharacters } from "./escape.js";
import { toEslintResults } from "./json.js";
import { ruleDocsUrl, type FileReport } from "./report.js";
import type { Diagnostic } from "../types.js";

/**
 * The formatter sorts messages itself and has no hook for extra lines, so a finding with fixes
 * carries this marker in its rule id (the last thing on its line; neutralized text never holds a
 * NUL): the marker tells which output line is the finding's, and is removed again.
 */
const MARKER = /\u0000(\d+)\u0000/;

export function formatPretty(reports: readonly FileReport[]): string {
  const withFixes: Diagnostic[] = [];
  const results = toEslintResults(reports).map((result, i) => ({
    ...result,
    filePath: neutralizeControlCharacters(result.filePath),
    messages: result.messages.map((m, j) => {
      const ruleId = neutralizeControlCharacters(m.ruleId);
      const diagnostic = reports[i]?.diagnostics[j];
      const marked = diagnostic !== undefined && fixLines(diagnostic).length > 0;
      if (marked) withFixes.push(diagnostic);
      return {
        ...m,
        message: neutralizeControlCharacters(m.message),
        ruleId: marked ? `${ruleId}\u0000${withFixes.length - 1}\u0000` : ruleId,
      };
    }),
  }));
  const rulesMeta: Record<string, { docs: { url: string } }> = {};
  for (const result of results) {
    for (const m of result.messages) rulesMeta[m.ruleId] = { docs: { url: ruleDocsUrl(m.ruleId.replace(MARKER, "")) } };
  }
  // The formatter's types come from @types/eslint; our objects carry every field it reads.
  const output = prettyFormatter(results as unknown as Parameters<typeof prettyFormatter>[0], {
    cwd: "",
    rulesMeta,
  } as unknown as Parameters<typeof prettyFormatter>[1]);
  if (withFixes.length === 0) return output;
  return output
    .split("\n")
    .flatMap((line) => {
      const marker = MARKER.exec(line);
      if (!marker) return [line];
      const shown = line.replace(MARKER, "");
      const diagnostic = withFixes[Number(marker[1])];
      const indent = " ".repeat(messageColumn(shown, diagnostic));
      return [shown, ...fixLines(diagnostic).map((text) => `${indent}${text}`)];
    })
    .join("\n");
}

/** One line per way to fix the finding: the safe fix first (which --fix applies), then each suggestion. */
function fixLines(d: Diagnostic | undefined): string[] {
  if (d === undefined) return [];
  const lines: string[] = [];
  if (d.fix && d.fix.edits.length > 0) lines.push(`fix: ${neutralizeControlCharacters(d.fix.description)} (--fix)`);
  for (const s of d.suggestions ?? []) if (s.edits.length > 0) lines.push(`fix: ${neutralizeControlCharacters(s.description)}`);
  return lines;
}

/** Where the message starts on the finding's line, in visible columns, so the fix lines sit under it. */
function messageColumn(line: string, d: Diagnostic | undefined): number {
  // Colour and hyperlink escapes take no column.
  const visible = line.replace(/\u001b\[[0-9;]*m|\u001b\]8;[^\u0007\u001b]*(?:\u0007|\u001b\\)/g, "");
  const at = d === undefined ? undefined : ` ${d.start.line}:${d.start.column}`;
  const position = at === undefined ? -1 : visible.indexOf(`${at} `);
  if (at === undefined || position < 0) return 4;
  const after = position + at.length;
  const start = visible.slice(after).search(/\S/);
  return start < 0 ? 4 : after + start;
}
