/**
 * GitHub Actions workflow commands, one line per finding, which the runner turns into annotations:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
 * Escaping follows `@actions/core` (`toCommandValue`/`escapeData`/`escapeProperty`), so no text from a
 * linted file can end the line or the property list and start a command of its own.
 */
import type { Severity } from "../types.js";
import type { FileReport } from "./report.js";
import { normalizeReportPath, wellFormed, type FormatContext } from "./sarif.js";

const COMMAND: Record<Severity, "error" | "warning" | "notice"> = {
  error: "error",
  warning: "warning",
  info: "notice",
};

/** The message part: `%`, CR and LF are percent-encoded (the runner decodes them). */
export function escapeGithubData(text: string): string {
  return wellFormed(text).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value: additionally `:` and `,`, which would end the value or the property list. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatGithub(reports: readonly FileReport[], _context: FormatContext): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = escapeGithubProperty(normalizeReportPath(report.filePath));
    for (const d of report.diagnostics) {
      const startLine = Math.max(1, d.start.line);
      const startColumn = Math.max(1, d.start.column);
      const endLine = Math.max(startLine, d.end.line);
      const endColumn = endLine === startLine ? Math.max(startColumn, d.end.column) : Math.max(1, d.end.column);
      const properties = [
        `file=${file}`,
        `line=${startLine}`,
        `col=${startColumn}`,
        `endLine=${endLine}`,
        `endColumn=${endColumn}`,
        `title=${escapeGithubProperty(`flinklint(${d.ruleId})`)}`,
      ];
      lines.push(`::${COMMAND[d.severity]} ${properties.join(",")}::${escapeGithubData(d.message)}`);
    }
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
