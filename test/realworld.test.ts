/**
 * Precision on real files: every file of test/realworld/ (collected from public repositories, see
 * SOURCES.tsv; comments cut to the bare `#`) is linted as the CLI lints it, and its errors, plus
 * the warnings that claim Flink fails or misreads something, must be exactly the set triaged in
 * TRIAGE.md. A new false positive, or a true finding that goes missing, changes the set and fails
 * here; after a deliberate change, re-triage and update with
 * `npx vitest run test/realworld.test.ts -u`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFiles } from "../src/node/lint-files.js";
import type { Diagnostic } from "../src/types.js";

const ROOT = new URL("..", import.meta.url).pathname;
const CORPUS = join(ROOT, "test/realworld");

/** Kinds flinklint does not read as their hosts yet (issue 15): each is still linted, but as a flat file. */
const PENDING_KINDS = new Set<string>([]);

/** Warnings whose message says Flink fails, skips or misreads a setting: triaged like errors. */
const FAILURE_CLAIMING_WARNINGS = new Set([
  "flink-properties-comment",
  "flink-properties-ignored",
  "flink-properties-prefix-conflict",
  "flink-properties-whitespace",
  "legacy-missing-separator",
  "legacy-nested-yaml",
  "legacy-quoted-value",
  "memory-both-totals",
  "memory-size-invalid",
  "removed-key",
  "prefix-key-conflict",
]);

interface Source {
  file: string;
  repository: string;
  path: string;
  commit: string;
}

function readSources(): Source[] {
  const [header, ...rows] = readFileSync(join(CORPUS, "SOURCES.tsv"), "utf8").trimEnd().split("\n");
  expect(header?.split("\t").slice(0, 4)).toEqual(["file", "repository", "path", "commit"]);
  return rows.map((row) => {
    const [file = "", repository = "", path = "", commit = ""] = row.split("\t");
    return { file, repository, path, commit };
  });
}

const SOURCES = readSources();

function describeFinding(d: Diagnostic): string {
  return `${d.start.line}:${d.start.column} ${d.severity} ${d.ruleId}`;
}

describe("test/realworld: real configuration files from public repositories", () => {
  it("holds at least 150 files, each with its repository, path and commit", () => {
    expect(SOURCES.length).toBeGreaterThanOrEqual(150);
    for (const source of SOURCES) {
      expect(source.repository, source.file).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(source.commit, source.file).toMatch(/^[0-9a-f]{40}$/);
      expect(source.path.length, source.file).toBeGreaterThan(0);
      // The file is there and has a line of its own text.
      expect(readFileSync(join(CORPUS, source.file), "utf8").length, source.file).toBeGreaterThan(0);
    }
    expect(new Set(SOURCES.map((s) => s.file)).size).toBe(SOURCES.length);
  });

  it("keeps no prose of other people: every comment is cut to the bare #", () => {
    for (const source of SOURCES) {
      const lines = readFileSync(join(CORPUS, source.file), "utf8").split(/\r?\n|\r/);
      for (const [index, line] of lines.entries()) {
        // A `#` followed by a word outside quotes and URLs is a comment that kept its text.
        const comment = /(?:^|\s)#\s*([A-Za-z]{3,}.*)$/.exec(line);
        expect(comment?.[1], `${source.file}:${index + 1}`).toBeUndefined();
      }
    }
  });

  it("errors and failure-claiming warnings are exactly the triaged set (TRIAGE.md)", async () => {
    const findings: Record<string, string[]> = {};
    const pending: Record<string, number> = {};
    for (const source of SOURCES) {
      const [result] = await lintFiles([join("test/realworld", source.file)], { cwd: ROOT, noConfigLookup: true });
      expect(result, source.file).toBeDefined();
      const triaged = (result?.diagnostics ?? []).filter(
        (d) => d.severity === "error" || (d.severity === "warning" && FAILURE_CLAIMING_WARNINGS.has(d.ruleId)),
      );
      if (PENDING_KINDS.has(source.file.split("/")[0] ?? "")) {
        pending[source.file] = triaged.length;
        continue;
      }
      if (triaged.length > 0) findings[source.file] = triaged.map(describeFinding);
    }
    await expect(JSON.stringify({ findings, pendingIssue15: pending }, null, 1) + "\n").toMatchFileSnapshot(
      join(CORPUS, "expected-findings.json"),
    );
  }, 120_000);
});
