/**
 * SARIF output: a golden file, validated two ways:
 * - against the SARIF 2.1.0 JSON schema (fixtures/formatters/sarif-schema-2.1.0.json, the copy that
 *   ships in @microsoft/sarif-multitool-linux 5.7.0) with ajv, which catches every schema violation;
 * - with Microsoft's SARIF validator (`@microsoft/sarif-multitool validate`, a native binary from npm
 *   that runs offline in about a second) with its SARIF and GitHub-ingestion (GH*) rule sets. Its schema
 *   check is lenient (an unknown `level` passes), hence ajv too.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import Ajv2020Import from "ajv/dist/2020.js";
import addFormatsImport from "ajv-formats";
import { describe, expect, it } from "vitest";
import {
  FINGERPRINT_NAME,
  diagnosticFingerprints,
  fnv1a64,
  formatSarif,
  stableHash,
  toArtifactLocation,
  toSarifLog,
  type SarifLog,
} from "../src/formatters/sarif.js";
import type { FileReport } from "../src/formatters/report.js";
import { lint } from "../src/engine/lint.js";
import { LineIndex } from "../src/parser/lines.js";
import type { TextEdit } from "../src/types.js";
import { CONTEXT, HOSTILE_FILE, HOSTILE_MESSAGE, REPORTS, diagnostic } from "../fixtures/formatters/reports.js";
import { scratchDir } from "./scratch.js";

const GOLDEN = new URL("../fixtures/formatters/golden.sarif", import.meta.url).pathname;
const SCHEMA = new URL("../fixtures/formatters/sarif-schema-2.1.0.json", import.meta.url).pathname;

// ajv and ajv-formats are CommonJS with `exports.default`; NodeNext types the default import as the module.
type AjvClass = typeof Ajv2020Import.default;
const Ajv2020: AjvClass = (Ajv2020Import as unknown as { default?: AjvClass }).default ?? (Ajv2020Import as unknown as AjvClass);
type AddFormats = typeof addFormatsImport.default;
const addFormats: AddFormats =
  (addFormatsImport as unknown as { default?: AddFormats }).default ?? (addFormatsImport as unknown as AddFormats);

function schemaErrors(log: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")) as object);
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

/** The platform's multitool binary, when @microsoft/sarif-multitool has one for this OS. */
function multitoolBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)(`@microsoft/sarif-multitool-${process.platform}`) as unknown;
    return typeof path === "string" && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

interface MultitoolFinding {
  ruleId: string;
  level: string;
  text: string;
}

function runMultitool(binary: string, sarif: string): MultitoolFinding[] {
  const dir = scratchDir("sarif");
  const input = join(dir, "flinklint.sarif");
  const output = join(dir, "validation.sarif");
  writeFileSync(input, sarif);
  const validation = spawnSync(
    binary,
    ["validate", input, "--output", output, "--log", "ForceOverwrite", "--rule-kind", "Gh;Sarif"],
    { encoding: "utf8", timeout: 60_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" } },
  );
  expect(validation.error).toBeUndefined();
  expect(validation.status, validation.stdout + validation.stderr).toBe(0);
  const log = JSON.parse(readFileSync(output, "utf8")) as {
    runs: {
      tool: { driver: { rules?: { id: string; messageStrings?: Record<string, { text: string }> }[] } };
      results?: { ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] } }[];
    }[];
  };
  const run = log.runs[0];
  return (run?.results ?? []).map((r) => {
    const template = run?.tool.driver.rules?.find((rule) => rule.id === r.ruleId)?.messageStrings?.[r.message.id ?? ""]?.text;
    const args = r.message.arguments ?? [];
    return {
      ruleId: r.ruleId,
      level: r.level ?? "warning",
      text: r.message.text ?? (template ?? "").replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? ""),
    };
  });
}

describe("formatSarif", () => {
  const output = formatSarif(REPORTS, CONTEXT);

  it("matches the golden file", async () => {
    await expect(output).toMatchFileSnapshot(GOLDEN);
  });

  it("is valid against the SARIF 2.1.0 schema", () => {
    expect(schemaErrors(JSON.parse(output))).toEqual([]);
  });

  it("has an empty run and still validates when there is nothing to report", () => {
    const empty = JSON.parse(formatSarif([], { toolVersion: "0.1.0", rules: [] })) as SarifLog;
    expect(empty.runs[0].results).toEqual([]);
    expect(schemaErrors(empty)).toEqual([]);
  });

  it("the schema check does reject a broken log", () => {
    const broken = JSON.parse(output) as { runs: { results: { level: string }[] }[] };
    const first = broken.runs[0]?.results[0];
    if (first) first.level = "fatal";
    expect(schemaErrors(broken)).not.toEqual([]);
  });

  const binary = multitoolBinary();
  it("passes Microsoft's SARIF validator with the GitHub rules, without errors or warnings", () => {
    expect(binary, `@microsoft/sarif-multitool has no validator binary for ${process.platform}`).toBeDefined();
    const findings = runMultitool(binary ?? "", output);
    expect(findings.filter((f) => f.level === "error" || f.level === "warning")).toEqual([]);
  });

  it("the validator does report problems (it is not silently passing)", () => {
    expect(binary, `@microsoft/sarif-multitool has no validator binary for ${process.platform}`).toBeDefined();
    const log = JSON.parse(output) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const first = log.runs[0]?.results[0]?.locations[0];
    if (first) first.physicalLocation.region.startLine = 0;
    const findings = runMultitool(binary ?? "", JSON.stringify(log));
    expect(findings.some((f) => f.level === "error")).toBe(true);
  });

  it("describes the tool and every rule, mapping severities to SARIF levels", () => {
    const log = toSarifLog(REPORTS, CONTEXT);
    const run = log.runs[0];
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    expect(run.tool.driver).toMatchObject({ name: "flinklint", version: "0.1.0" });
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    for (const rule of CONTEXT.rules) {
      const sarifRule = run.tool.driver.rules.find((r) => r.id === rule.id);
      expect(sarifRule).toMatchObject({
        shortDescription: { text: rule.description },
        helpUri: `https://github.com/flinklint/flinklint/blob/main/docs/rules/${rule.id}.md`,
        defaultConfiguration: { level: { error: "error", warning: "warning", info: "note" }[rule.severity] },
      });
    }
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    }
    expect(run.results.map((r) => r.level)).toEqual(["error", "warning", "warning", "note", "warning", "warning", "error", "warning"]);
    const hostile = run.results[1];
    // Brackets are escaped (SARIF §3.11.6), so no config value can make an embedded link.
    expect(hostile?.message.text.replace(/\\([[\]])/g, "$1")).toBe(HOSTILE_MESSAGE);
    expect(toSarifLog([{ filePath: "a.yaml", diagnostics: [diagnostic("x", "error", "see [here](https://evil.example)", [1, 1], [1, 2])] }], CONTEXT)
      .runs[0].results[0]?.message.text).toBe("see \\[here\\](https://evil.example)");
    expect(hostile?.locations[0].physicalLocation.region).toEqual({ startLine: 5, startColumn: 16, endLine: 5, endColumn: 58 });
    expect(run.results[2]?.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: "conf/flink-conf.yaml", uriBaseId: "%SRCROOT%" },
          region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 20 },
        },
        message: { text: 'The earlier definition, "4 <ignored>".' },
      },
    ]);
  });

  it("maps %SRCROOT% to the working directory when it is known", () => {
    const run = toSarifLog(REPORTS, { ...CONTEXT, cwd: "/home/ci/my repo" }).runs[0];
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///home/ci/my%20repo/" } });
    expect(schemaErrors(JSON.parse(formatSarif(REPORTS, { ...CONTEXT, cwd: "/home/ci/my repo" })))).toEqual([]);
    expect(toSarifLog(REPORTS, { ...CONTEXT, cwd: "C:\\work\\repo\\" }).runs[0].originalUriBaseIds).toEqual({
      "%SRCROOT%": { uri: "file:///C:/work/repo/" },
    });
  });
});

describe("SARIF artifact locations", () => {
  it.each([
    ["conf/flink-conf.yaml", { uri: "conf/flink-conf.yaml", uriBaseId: "%SRCROOT%" }],
    ["./conf/config.yaml", { uri: "conf/config.yaml", uriBaseId: "%SRCROOT%" }],
    ["conf\\sub\\config.yaml", { uri: "conf/sub/config.yaml", uriBaseId: "%SRCROOT%" }],
    ["my dir/a#b?c%d.yaml", { uri: "my%20dir/a%23b%3Fc%25d.yaml", uriBaseId: "%SRCROOT%" }],
    ["c:config.yaml", { uri: "c%3Aconfig.yaml", uriBaseId: "%SRCROOT%" }],
    ["Größe/config.yaml", { uri: "Gr%C3%B6%C3%9Fe/config.yaml", uriBaseId: "%SRCROOT%" }],
    [HOSTILE_FILE, { uri: "conf/we%2Cird%3Ana%25me%20%C3%BC%0A%3A%3Aerror%3A%3Ax%20%231.yaml", uriBaseId: "%SRCROOT%" }],
    ["../elsewhere/config.yaml", { uri: "../elsewhere/config.yaml", uriBaseId: "%SRCROOT%" }],
    ["/opt/flink/conf/config.yaml", { uri: "file:///opt/flink/conf/config.yaml" }],
    ["C:\\flink\\conf\\config.yaml", { uri: "file:///C:/flink/conf/config.yaml" }],
    ["\\\\server\\share\\config.yaml", { uri: "file://server/share/config.yaml" }],
  ])("%j", (path, expected) => {
    expect(toArtifactLocation(path)).toEqual(expected);
  });

  it("never yields a URI a parser reads differently", () => {
    for (const path of [HOSTILE_FILE, "a b/c:d.yaml", "x\ud800y.yaml"]) {
      const { uri } = toArtifactLocation(path);
      expect(uri).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/);
      expect(new URL(uri, "file:///root/").pathname.startsWith("/root/")).toBe(true);
    }
  });
});

describe("SARIF fingerprints", () => {
  const fingerprintsOf = (report: FileReport) => toSarifLog([report], CONTEXT).runs[0].results.map((r) => r.partialFingerprints[FINGERPRINT_NAME]);
  const base = REPORTS[0] as FileReport;

  it("are unique per finding, also for the same finding twice", () => {
    const prints = fingerprintsOf(base);
    expect(new Set(prints).size).toBe(prints.length);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{16}$/);
  });

  it("survive unrelated edits above (line shifts) and value edits of a keyed finding", () => {
    const shifted: FileReport = {
      filePath: base.filePath,
      diagnostics: base.diagnostics.map((d) => ({
        ...d,
        message: d.key ? `${d.message} (edited value)` : d.message,
        start: { ...d.start, line: d.start.line + 7 },
        end: { ...d.end, line: d.end.line + 7 },
      })),
    };
    expect(fingerprintsOf(shifted)).toEqual(fingerprintsOf(base));
  });

  it("differ by rule, file and key", () => {
    const one = (ruleId: string, filePath: string, key: string) =>
      diagnosticFingerprints({ filePath, diagnostics: [diagnostic(ruleId, "warning", "m", [1, 1], [1, 2], { key })] })[0];
    const reference = one("unknown-key", "a/config.yaml", "x.y");
    expect(one("deprecated-key", "a/config.yaml", "x.y")).not.toBe(reference);
    expect(one("unknown-key", "b/config.yaml", "x.y")).not.toBe(reference);
    expect(one("unknown-key", "a/config.yaml", "x.z")).not.toBe(reference);
    expect(one("unknown-key", "a\\config.yaml", "x.y")).toBe(reference);
  });

  it("use FNV-1a 64 over UTF-8 (reference vectors) of length-prefixed parts", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
    // Non-ASCII is hashed as its UTF-8 bytes (checked against a hash of Node's own encoding).
    const reference = (bytes: Uint8Array) => {
      let h = 0xcbf29ce484222325n;
      for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, "0");
    };
    for (const text of ["Größe", "日本", "😀 x", "\u0000\u007f\u0080\u07ff\u0800\uffff"]) {
      expect(fnv1a64(text)).toBe(reference(Buffer.from(text, "utf8")));
    }
    expect(stableHash(["ab", "c"])).toBe(fnv1a64("2:ab1:c"));
    expect(stableHash(["ab", "c"])).not.toBe(stableHash(["a", "bc"]));
  });
});

describe("SARIF fixes", () => {
  // A safe fix (indentation), suggestions (a rename; four ways out of two contradicting totals), an
  // insertion (a missing total), a byte order mark and CRLF line ends, all from real lint results.
  const files: Record<string, string> = {
    "conf/flink-conf.yaml":
      "\uFEFF# keep\r\ntaskmanager.memory.process.size: 1728m\r\ntaskmanager.memory.flink.size: 1600m\r\n" +
      "taskmanager.memory.proces.size: 1g\r\n  rest.port: 8081\r\n",
    "tm/config.yaml": "taskmanager:\n  memory:\n    process.size: 1728m\n",
  };
  const reports: FileReport[] = Object.entries(files).map(([filePath, text]) => ({ filePath, diagnostics: lint(text, { filename: filePath }).diagnostics }));
  // A fix of several edits, as memory suggestions may have (remove one line, set another value).
  const several = reports[0]?.diagnostics.find((d) => d.ruleId === "unknown-key");
  const text0 = files["conf/flink-conf.yaml"] ?? "";
  const restLine = text0.indexOf("  rest.port");
  const lines0 = new LineIndex(text0);
  if (several) {
    several.suggestions = [
      ...(several.suggestions ?? []),
      {
        description: "remove it and set rest.port to 8082",
        edits: [
          { range: lines0.range(several.start.offset, restLine), text: "" },
          { range: lines0.range(restLine + 13, restLine + 17), text: "8082" },
        ],
      },
    ];
  }
  const log = JSON.parse(formatSarif(reports, CONTEXT)) as SarifLog & {
    runs: [{ results: Array<{ ruleId: string; locations: [{ physicalLocation: { artifactLocation: { uri: string } } }]; fixes?: SarifFixShape[] }> }];
  };

  it("has one fix per safe fix and suggestion, in that order, described as the rules describe them", () => {
    const results = log.runs[0].results;
    const described = results.map((r) => [r.ruleId, (r.fixes ?? []).map((f) => f.description.text)]);
    const expected = reports.flatMap((report) =>
      report.diagnostics.map((d) => [d.ruleId, [...(d.fix ? [d.fix] : []), ...(d.suggestions ?? [])].map((f) => f.description)]),
    );
    expect(described).toEqual(expected);
    expect(described).toContainEqual(["legacy-indented-line", ["remove the indentation"]]);
    expect(described.filter(([rule]) => rule === "memory-both-totals").flatMap(([, fixes]) => fixes).length).toBeGreaterThanOrEqual(2);
    expect(described.filter(([rule]) => rule === "memory-total-missing").flatMap(([, fixes]) => fixes).length).toBeGreaterThanOrEqual(1);
  });

  it("replacements, applied by their line/column regions, make exactly the text the fix makes", () => {
    let checked = 0;
    for (const [index, result] of log.runs[0].results.entries()) {
      const report = reports.find((r) => toArtifactLocation(r.filePath).uri === result.locations[0].physicalLocation.artifactLocation.uri);
      const text = files[report?.filePath ?? ""] ?? "";
      const diagnostic = reports.flatMap((r) => r.diagnostics)[index];
      const fixes = diagnostic ? [...(diagnostic.fix ? [diagnostic.fix] : []), ...(diagnostic.suggestions ?? [])] : [];
      (result.fixes ?? []).forEach((fix, i) => {
        const [change] = fix.artifactChanges;
        expect(fix.artifactChanges).toHaveLength(1);
        expect(change.artifactLocation).toEqual(result.locations[0].physicalLocation.artifactLocation);
        expect(applyReplacements(text, change.replacements)).toBe(applyEdits(text, fixes[i]?.edits ?? []));
        checked++;
      });
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it("is valid against the SARIF 2.1.0 schema and passes Microsoft's validator", () => {
    expect(schemaErrors(log)).toEqual([]);
    const binary = multitoolBinary();
    expect(binary, `@microsoft/sarif-multitool has no validator binary for ${process.platform}`).toBeDefined();
    const findings = runMultitool(binary ?? "", JSON.stringify(log));
    expect(findings.filter((f) => f.level === "error" || f.level === "warning")).toEqual([]);
  });

  it("the schema check rejects a fix without a region to delete", () => {
    const broken = structuredClone(log);
    const fix = broken.runs[0].results.find((r) => r.fixes)?.fixes?.[0];
    const replacement = fix?.artifactChanges[0].replacements[0] as Partial<SarifReplacementShape> | undefined;
    if (replacement) delete replacement.deletedRegion;
    expect(schemaErrors(broken)).not.toEqual([]);
  });
});

interface SarifRegionShape {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifReplacementShape {
  deletedRegion: SarifRegionShape;
  insertedContent?: { text: string };
}
interface SarifFixShape {
  description: { text: string };
  artifactChanges: [{ artifactLocation: { uri: string; uriBaseId?: string }; replacements: SarifReplacementShape[] }];
}

/** A SARIF consumer's view: line/column (1-based, UTF-16 code units, end exclusive) to offsets, lines ending at CRLF, LF or CR. */
function applyReplacements(text: string, replacements: readonly SarifReplacementShape[]): string {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push((match.index ?? 0) + match[0].length);
  const offset = (line: number, column: number) => (starts[line - 1] ?? text.length) + column - 1;
  const spans = replacements
    .map((r) => ({ start: offset(r.deletedRegion.startLine, r.deletedRegion.startColumn), end: offset(r.deletedRegion.endLine, r.deletedRegion.endColumn), text: r.insertedContent?.text ?? "" }))
    .sort((a, b) => a.start - b.start);
  return applySpans(text, spans);
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return applySpans(text, edits.map((e) => ({ start: e.range.start.offset, end: e.range.end.offset, text: e.text })).sort((a, b) => a.start - b.start));
}

function applySpans(text: string, spans: readonly { start: number; end: number; text: string }[]): string {
  let output = "";
  let cursor = 0;
  for (const span of spans) {
    output += text.slice(cursor, span.start) + span.text;
    cursor = span.end;
  }
  return output + text.slice(cursor);
}
