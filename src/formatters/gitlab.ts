/**
 * GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of CodeClimate-style
 * issues. The fingerprint identifies a finding across pipelines (rule, path, key or message,
 * occurrence), not its line, so an edit above it does not make it "new".
 */
import type { Severity } from "../types.js";
import type { FileReport } from "./report.js";
import { diagnosticFingerprints, normalizeReportPath, wellFormed, type FormatContext } from "./sarif.js";

export type GitlabSeverity = "blocker" | "critical" | "major" | "minor" | "info";

export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

const SEVERITY: Record<Severity, GitlabSeverity> = { error: "major", warning: "minor", info: "info" };

export function toGitlabIssues(reports: readonly FileReport[]): GitlabIssue[] {
  const issues: GitlabIssue[] = [];
  for (const report of reports) {
    const path = normalizeReportPath(report.filePath);
    const fingerprints = diagnosticFingerprints(report);
    report.diagnostics.forEach((d, i) => {
      const begin = Math.max(1, d.start.line);
      issues.push({
        description: wellFormed(d.message),
        check_name: d.ruleId,
        fingerprint: fingerprints[i] ?? "",
        severity: SEVERITY[d.severity],
        location: { path, lines: { begin, end: Math.max(begin, d.end.line) } },
      });
    });
  }
  return issues;
}

export function formatGitlab(reports: readonly FileReport[], _context: FormatContext): string {
  return `${JSON.stringify(toGitlabIssues(reports), null, 2)}\n`;
}
