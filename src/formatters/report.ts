/** What formatters receive: one entry per linted file. */
import type { Diagnostic } from "../types.js";

export interface FileReport {
  /** The path as the user gave it or as it was found (relative to the working directory when possible). */
  filePath: string;
  diagnostics: Diagnostic[];
  /** With --fix-dry-run in a machine format: the text --fix would write (ESLint's `output`). */
  output?: string;
}

/** Where a rule's documentation lives. */
export function ruleDocsUrl(ruleId: string): string {
  return `https://github.com/flinklint/flinklint/blob/main/docs/rules/${ruleId}.md`;
}

export function countBySeverity(reports: readonly FileReport[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const report of reports) {
    for (const d of report.diagnostics) {
      if (d.severity === "error") errors++;
      else if (d.severity === "warning") warnings++;
      else infos++;
    }
  }
  return { errors, warnings, infos };
}
