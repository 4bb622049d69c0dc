/**
 * Properties of every output format over arbitrary diagnostics: any message, key, rule id or file
 * name (control characters, workflow-command and XML look-alikes, lone surrogates, U+2028 ...) keeps
 * the output well-formed: JSON and GitLab parse and keep the text, SARIF parses with one result per
 * diagnostic, GitHub prints exactly one workflow command per diagnostic that decodes back to the
 * message, checkstyle stays well-formed XML, and compact and pretty print no control character.
 *
 * CI runs a fixed seed and a bounded number of runs. To search longer, or elsewhere:
 *   FLINKLINT_PROPERTY_RUNS=100000 npx vitest run test/property
 *   FLINKLINT_PROPERTY_SEED=$RANDOM FLINKLINT_PROPERTY_RUNS=20000 npx vitest run test/property
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCheckstyle } from "../src/formatters/checkstyle.js";
import { formatCompact } from "../src/formatters/compact.js";
import { neutralizeControlCharacters } from "../src/formatters/escape.js";
import { formatGithub } from "../src/formatters/github.js";
import { formatGitlab, type GitlabIssue } from "../src/formatters/gitlab.js";
import { formatJson, jsonPieces, toEslintResults, type EslintLintResult } from "../src/formatters/json.js";
import { formatPretty } from "../src/formatters/pretty.js";
import type { FileReport } from "../src/formatters/report.js";
import { formatSarif, wellFormed, type FormatContext, type SarifLog } from "../src/formatters/sarif.js";
import type { Diagnostic, Position, Severity } from "../src/types.js";
import { CHECKSTYLE_LINE } from "./output-checks.js";

const RUNS = Number(process.env.FLINKLINT_PROPERTY_RUNS ?? 150);
const SEED = Number(process.env.FLINKLINT_PROPERTY_SEED ?? 7_2024);
const TIMEOUT = process.env.FLINKLINT_PROPERTY_RUNS ? 24 * 3_600_000 : 60_000;
const PARAMETERS = { numRuns: RUNS, seed: SEED };

const CONTEXT: FormatContext = {
  toolVersion: "0.1.0",
  rules: [
    { id: "duplicate-key", description: "A key set twice", severity: "warning" },
    { id: "memory-total-missing", description: "No total memory size", severity: "error" },
  ],
  cwd: "/work/project",
};

const HOSTILE = [
  "\u001b]8;;http://evil\u0007click\u001b]8;;\u0007",
  "\u001b[2J\u001b[H",
  "\u001b[31m",
  "\u0007",
  "\b\b\b",
  "ok\rFORGED",
  "%0A::error::forged",
  "\n::error file=x::forged",
  "::warning::",
  "</error>",
  "<![CDATA[",
  "&amp;",
  '"',
  "'",
  "\u2028",
  "\u2029",
  "\ud800",
  "\udc00x",
  "\u0000",
  "\u009b31m",
  "\uFEFF",
  "{{key}}",
  "[link](http://evil)",
  "%",
  ",",
  ":",
];

const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 5 })), { maxLength: 6 }).map((p) => p.join("")) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

const position: fc.Arbitrary<Position> = fc
  .record({ line: fc.integer({ min: 1, max: 10_000 }), column: fc.integer({ min: 1, max: 500 }), offset: fc.nat(1_000_000) });

const diagnostic: fc.Arbitrary<Diagnostic> = fc
  .record({
    ruleId: fc.oneof(fc.constantFrom("duplicate-key", "memory-total-missing", "parse", "internal-error", "unknown-key"), hostileText),
    messageId: fc.oneof(fc.constantFrom("default", "duplicate"), hostileText),
    severity: fc.constantFrom<Severity>("error", "warning", "info"),
    message: hostileText,
    key: fc.option(hostileText, { nil: undefined }),
    start: position,
    end: position,
    related: fc.option(fc.array(fc.record({ message: hostileText, range: fc.record({ start: position, end: position }) }), { maxLength: 2 }), {
      nil: undefined,
    }),
  })
  .map((d) => {
    const out: Diagnostic = { ruleId: d.ruleId, messageId: d.messageId, severity: d.severity, message: d.message, start: d.start, end: d.end };
    if (d.key !== undefined) out.key = d.key;
    if (d.related !== undefined) out.related = d.related;
    return out;
  });

const reports: fc.Arbitrary<FileReport[]> = fc.array(
  fc.record({
    filePath: fc.oneof(fc.constantFrom("conf/flink-conf.yaml", "/abs/config.yaml", "C:\\conf\\config.yaml", "./x.yaml"), hostileText),
    diagnostics: fc.array(diagnostic, { maxLength: 5 }),
  }),
  { maxLength: 3 },
);

const count = (rs: readonly FileReport[]) => rs.reduce((n, r) => n + r.diagnostics.length, 0);
const all = (rs: readonly FileReport[]) => rs.flatMap((r) => r.diagnostics);

/** Control characters a terminal or log viewer acts on (LF separates lines and a tab only moves right: both allowed). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const lines = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));

describe("formatters keep their output well-formed for any diagnostic text", () => {
  it(
    "json: parses, one message per diagnostic, text kept exactly",
    () => {
      fc.assert(
        fc.property(reports, (rs) => {
          const text = formatJson(rs);
          // The CLI writes the pieces; together they are exactly the one-piece text, also when a
          // file's messages are made a group at a time.
          expect(text).toBe(`${JSON.stringify(toEslintResults(rs))}\n`);
          expect([...jsonPieces(rs, 2)].join("")).toBe(text);
          const parsed = JSON.parse(text) as EslintLintResult[];
          expect(parsed.map((r) => r.filePath)).toEqual(rs.map((r) => r.filePath));
          expect(parsed.flatMap((r) => r.messages.map((m) => m.message))).toEqual(all(rs).map((d) => d.message));
        }),
        PARAMETERS,
      );
    },
    TIMEOUT,
  );

  it(
    "sarif: parses, one result per diagnostic, no unpaired surrogate",
    () => {
      fc.assert(
        fc.property(reports, (rs) => {
          const text = formatSarif(rs, CONTEXT);
          expect(LONE_SURROGATE.test(text)).toBe(false);
          const log = JSON.parse(text) as SarifLog;
          const results = log.runs[0].results;
          expect(results).toHaveLength(count(rs));
          results.forEach((r, i) => {
            const d = all(rs)[i] as Diagnostic;
            expect(r.ruleId).toBe(d.ruleId);
            expect(r.message.text.replace(/\\([[\]])/g, "$1")).toBe(wellFormed(d.message) || d.ruleId);
            expect(log.runs[0].tool.driver.rules[r.ruleIndex]?.id).toBe(d.ruleId);
          });
        }),
        PARAMETERS,
      );
    },
    TIMEOUT,
  );

  it(
    "github: exactly one workflow command per diagnostic, decoding back to the message",
    () => {
      const command = /^::(error|warning|notice) file=([^\r\n:,]*),line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=([^\r\n:,]+)::([^\r\n]*)$/;
      const decode = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
      fc.assert(
        fc.property(reports, (rs) => {
          const out = lines(formatGithub(rs, CONTEXT));
          expect(out).toHaveLength(count(rs));
          out.forEach((line, i) => {
            const d = all(rs)[i] as Diagnostic;
            const m = command.exec(line);
            expect(m, line).not.toBeNull();
            expect(decode(m?.[4] ?? "")).toBe(wellFormed(d.message));
            expect(decode(m?.[3] ?? "")).toBe(wellFormed(`flinklint(${d.ruleId})`));
          });
        }),
        PARAMETERS,
      );
    },
    TIMEOUT,
  );

  it(
    "gitlab: parses, one issue per diagnostic, description kept",
    () => {
      fc.assert(
        fc.property(reports, (rs) => {
          const issues = JSON.parse(formatGitlab(rs, CONTEXT)) as GitlabIssue[];
          expect(issues.map((i) => i.description)).toEqual(all(rs).map((d) => wellFormed(d.message)));
          expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
        }),
        PARAMETERS,
      );
    },
    TIMEOUT,
  );

  it(
    "checkstyle: well-formed XML, one <error> per diagnostic",
    () => {
      fc.assert(
        fc.property(reports, (rs) => {
          const out = lines(formatCheckstyle(rs, CONTEXT));
          expect(out.find((l) => !CHECKSTYLE_LINE.test(l))).toBeUndefined();
          expect(out.filter((l) => l.startsWith("    <error "))).toHaveLength(count(rs));
          expect(out.filter((l) => l.startsWith("  <file "))).toHaveLength(rs.length);
        }),
        PARAMETERS,
      );
    },
    TIMEOUT,
  );

  it(
    "compact: one line per diagnostic, no control characters",
    () => {
      fc.assert(
        fc.property(reports, (rs) => {
          const out = lines(formatCompact(rs));
          expect(out).toHaveLength(count(rs));
          out.forEach((line, i) => {
            expect(CONTROL.test(line), JSON.stringify(line)).toBe(false);
            expect(line.endsWith(` [${neutralizeControlCharacters((all(rs)[i] as Diagnostic).ruleId)}]`)).toBe(true);
          });
        }),
        PARAMETERS,
      );
    },
    TIMEOUT,
  );

  it(
    "pretty: no control characters besides its own colours",
    () => {
      fc.assert(
        fc.property(reports, (rs) => {
          const out = formatPretty(rs).replace(/\u001b\[[0-9;]*m/g, "");
          expect(CONTROL.test(out), JSON.stringify(out)).toBe(false);
        }),
        { ...PARAMETERS, numRuns: Math.min(RUNS, 100) },
      );
    },
    TIMEOUT,
  );
});
