/** One line per finding, `file:line:col: severity message [rule]`, for CI problem matchers and goldens. */
import { neutralizeControlCharacters } from "./escape.js";
import type { FileReport } from "./report.js";

export function formatCompact(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = neutralizeControlCharacters(report.filePath);
    for (const d of report.diagnostics) {
      const message = neutralizeControlCharacters(d.message);
      lines.push(`${file}:${d.start.line}:${d.start.column}: ${d.severity} ${message} [${neutralizeControlCharacters(d.ruleId)}]`);
    }
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
