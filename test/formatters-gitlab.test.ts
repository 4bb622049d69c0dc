/** GitLab Code Quality: a golden file, the report's shape, and fingerprints that survive edits. */
import { describe, expect, it } from "vitest";
import { formatGitlab, type GitlabIssue } from "../src/formatters/gitlab.js";
import type { FileReport } from "../src/formatters/report.js";
import { CONTEXT, HOSTILE_FILE, HOSTILE_MESSAGE, REPORTS, diagnostic } from "../fixtures/formatters/reports.js";

const GOLDEN = new URL("../fixtures/formatters/golden-gitlab.json", import.meta.url).pathname;

const issuesOf = (reports: readonly FileReport[]) => JSON.parse(formatGitlab(reports, CONTEXT)) as GitlabIssue[];

describe("formatGitlab", () => {
  const output = formatGitlab(REPORTS, CONTEXT);

  it("matches the golden file", async () => {
    await expect(output).toMatchFileSnapshot(GOLDEN);
  });

  it("is a JSON array of Code Quality issues", () => {
    const issues = JSON.parse(output) as unknown;
    expect(Array.isArray(issues)).toBe(true);
    const diagnostics = REPORTS.flatMap((r) => r.diagnostics.map((d) => ({ path: r.filePath, d })));
    expect(issues).toHaveLength(diagnostics.length);
    (issues as GitlabIssue[]).forEach((issue, i) => {
      const { path, d } = diagnostics[i] ?? { path: "", d: undefined };
      expect(Object.keys(issue).sort()).toEqual(["check_name", "description", "fingerprint", "location", "severity"]);
      expect(issue).toMatchObject({
        description: d?.message,
        check_name: d?.ruleId,
        severity: { error: "major", warning: "minor", info: "info" }[d?.severity ?? "error"],
        location: { path, lines: { begin: d?.start.line, end: d?.end.line } },
      });
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    });
    const texts = (issues as GitlabIssue[]).map((i) => i.description);
    expect(texts).toContain(HOSTILE_MESSAGE);
    expect((issues as GitlabIssue[]).map((i) => i.location.path)).toContain(HOSTILE_FILE);
  });

  it("prints an empty array when there are no findings", () => {
    expect(formatGitlab([], CONTEXT)).toBe("[]\n");
  });

  it("gives every issue its own fingerprint, the same finding twice included", () => {
    const prints = issuesOf(REPORTS).map((i) => i.fingerprint);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it("keeps fingerprints when lines above are added or removed, or a keyed value changes", () => {
    const base = REPORTS[0] as FileReport;
    const shifted: FileReport = {
      filePath: `./${base.filePath}`,
      diagnostics: base.diagnostics.map((d) => ({
        ...d,
        message: d.key ? d.message.replace(/"8"/, '"16"') : d.message,
        start: { ...d.start, line: d.start.line + 3 },
        end: { ...d.end, line: d.end.line + 3 },
      })),
    };
    const before = issuesOf([base]);
    const after = issuesOf([shifted]);
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    expect(after.map((i) => i.location.lines.begin)).toEqual(before.map((i) => i.location.lines.begin + 3));
    expect(after[0]?.location.path).toBe("conf/flink-conf.yaml");
  });

  it("changes the fingerprint with the rule, the file or the key", () => {
    const print = (ruleId: string, filePath: string, key: string) =>
      issuesOf([{ filePath, diagnostics: [diagnostic(ruleId, "error", "m", [4, 1], [4, 5], { key })] }])[0]?.fingerprint;
    const reference = print("unknown-key", "conf/config.yaml", "a.b");
    expect(print("deprecated-key", "conf/config.yaml", "a.b")).not.toBe(reference);
    expect(print("unknown-key", "other/config.yaml", "a.b")).not.toBe(reference);
    expect(print("unknown-key", "conf/config.yaml", "a.c")).not.toBe(reference);
  });
});
