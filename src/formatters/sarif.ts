/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF viewers.
 * Also home of what the CI formatters share: `FormatContext`, the path-to-URI rules and the
 * stable fingerprint (FNV-1a 64, no `node:` imports so formatters stay pure).
 */
import type { Diagnostic, Fix, Severity } from "../types.js";
import { ruleDocsUrl, type FileReport } from "./report.js";

/** What the CI formatters need besides the reports. */
export interface FormatContext {
  /** flinklint's version, e.g. "0.1.0". */
  toolVersion: string;
  /** Every rule flinklint knows (the SARIF `tool.driver.rules`), in a stable order. */
  rules: readonly { id: string; description: string; severity: Severity }[];
  /** The absolute working directory that relative paths are relative to; becomes `%SRCROOT%`. */
  cwd?: string;
}

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const TOOL_INFORMATION_URI = "https://github.com/flinklint/flinklint";

type SarifLevel = "error" | "warning" | "note";

const LEVEL: Record<Severity, SarifLevel> = { error: "error", warning: "warning", info: "note" };

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region: SarifRegion;
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: [{ physicalLocation: SarifPhysicalLocation }];
  relatedLocations?: { id: number; physicalLocation: SarifPhysicalLocation; message: { text: string } }[];
  partialFingerprints: Record<string, string>;
  fixes?: SarifFix[];
  /** SARIF §3.8 property bag: `flink` holds Flink's exact exception or log message. */
  properties?: { flink?: string; advice?: string[] };
}

/** SARIF §3.55: a proposed change; each replacement deletes a region (empty: an insertion point) and inserts text. */
interface SarifFix {
  description: { text: string };
  artifactChanges: [
    {
      artifactLocation: SarifArtifactLocation;
      replacements: { deletedRegion: SarifRegion; insertedContent?: { text: string } }[];
    },
  ];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: [
    {
      tool: {
        driver: {
          name: "flinklint";
          version: string;
          semanticVersion: string;
          informationUri: string;
          rules: SarifRule[];
        };
      };
      originalUriBaseIds?: Record<string, { uri: string }>;
      columnKind: "utf16CodeUnits";
      results: SarifResult[];
    },
  ];
}

/** The partialFingerprints key: ours, so upload-sarif still computes `primaryLocationLineHash` from the file. */
export const FINGERPRINT_NAME = "flinklintIdentity/v1";

export function toSarifLog(reports: readonly FileReport[], context: FormatContext): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (rule: SarifRule): number => {
    const known = ruleIndex.get(rule.id);
    if (known !== undefined) return known;
    ruleIndex.set(rule.id, rules.length);
    rules.push(rule);
    return rules.length - 1;
  };
  for (const rule of context.rules) addRule(describeRule(rule.id, rule.description, rule.severity));

  const results: SarifResult[] = [];
  for (const report of reports) {
    const artifactLocation = toArtifactLocation(report.filePath);
    const fingerprints = diagnosticFingerprints(report);
    report.diagnostics.forEach((d, i) => {
      // "parse" and "internal-error" may not be in the rule list; a result's ruleIndex must resolve.
      const index = addRule(describeRule(d.ruleId, d.ruleId, d.severity));
      const result: SarifResult = {
        ruleId: d.ruleId,
        ruleIndex: index,
        level: LEVEL[d.severity],
        message: { text: sarifMessageText(d.message, d.ruleId) },
        locations: [{ physicalLocation: { artifactLocation, region: toRegion(d.start, d.end) } }],
        partialFingerprints: { [FINGERPRINT_NAME]: fingerprints[i] ?? "" },
      };
      const fixes = [...(d.fix ? [d.fix] : []), ...(d.suggestions ?? [])].filter((f) => f.edits.length > 0);
      if (fixes.length) result.fixes = fixes.map((f) => toSarifFix(f, artifactLocation, d.ruleId));
      if (d.related?.length) {
        result.relatedLocations = d.related.map((r, j) => ({
          id: j + 1,
          physicalLocation: { artifactLocation, region: toRegion(r.range.start, r.range.end) },
          message: { text: sarifMessageText(r.message, d.ruleId) },
        }));
      }
      const properties: { flink?: string; advice?: string[] } = {};
      if (d.flink !== undefined) properties.flink = sarifMessageText(d.flink, d.ruleId);
      if (d.advice?.length) properties.advice = d.advice.map((a) => sarifMessageText(a, d.ruleId));
      if (Object.keys(properties).length > 0) result.properties = properties;
      results.push(result);
    });
  }

  const run: SarifLog["runs"][0] = {
    tool: {
      driver: {
        name: "flinklint",
        version: context.toolVersion,
        semanticVersion: context.toolVersion,
        informationUri: TOOL_INFORMATION_URI,
        rules,
      },
    },
    columnKind: "utf16CodeUnits",
    results,
  };
  if (context.cwd !== undefined && isAbsolutePath(context.cwd)) {
    const root = toArtifactLocation(context.cwd).uri;
    run.originalUriBaseIds = { "%SRCROOT%": { uri: root.endsWith("/") ? root : `${root}/` } };
  }
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}

export function formatSarif(reports: readonly FileReport[], context: FormatContext): string {
  return `${JSON.stringify(toSarifLog(reports, context), null, 2)}\n`;
}

/** GitHub code scanning wants full descriptions and help besides the short description. */
function describeRule(id: string, description: string, severity: Severity): SarifRule {
  const text = nonEmpty(wellFormed(description), id);
  const helpUri = ruleDocsUrl(id);
  return {
    id,
    shortDescription: { text },
    fullDescription: { text },
    helpUri,
    help: { text: `${text}\nDocumentation: ${helpUri}`, markdown: `${escapeMarkdown(text)}\n\n[Documentation](${helpUri})` },
    defaultConfiguration: { level: LEVEL[severity] },
  };
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|&]/g, (c) => `\\${c}`);
}

/** The safe fix and each suggestion, in that order, with their edits as replacements in the result's file. */
function toSarifFix(fix: Fix, artifactLocation: SarifArtifactLocation, ruleId: string): SarifFix {
  return {
    description: { text: sarifMessageText(fix.description, ruleId) },
    artifactChanges: [
      {
        artifactLocation,
        replacements: fix.edits.map((e) => ({
          deletedRegion: toRegion(e.range.start, e.range.end),
          ...(e.text !== "" && { insertedContent: { text: wellFormed(e.text) } }),
        })),
      },
    ],
  };
}

/** SARIF columns are 1-based UTF-16 code units and the end is exclusive, as ours are. */
function toRegion(start: { line: number; column: number }, end: { line: number; column: number }): SarifRegion {
  const startLine = Math.max(1, start.line);
  const startColumn = Math.max(1, start.column);
  let endLine = Math.max(1, end.line);
  let endColumn = Math.max(1, end.column);
  if (endLine < startLine || (endLine === startLine && endColumn < startColumn)) {
    endLine = startLine;
    endColumn = startColumn;
  }
  return { startLine, startColumn, endLine, endColumn };
}

// ---------------------------------------------------------------------------------------------
// Paths

/** Backslashes are taken as separators (Windows); a POSIX file name containing one is rare. */
export function toForwardSlashes(filePath: string): string {
  return filePath.replace(/\\/g, "/");
}

/** A report path with forward slashes and without a leading `./`, as CI services show paths. */
export function normalizeReportPath(filePath: string): string {
  return toForwardSlashes(wellFormed(filePath)).replace(/^(?:\.\/)+(?=.)/, "");
}

export function isAbsolutePath(filePath: string): boolean {
  const path = toForwardSlashes(filePath);
  return path.startsWith("/") || /^[A-Za-z]:\//.test(path);
}

/**
 * A report path as a SARIF artifact location: relative paths become percent-encoded URI references
 * under `%SRCROOT%` (so a `:` in the first segment cannot read as a scheme); absolute ones `file:` URIs.
 */
export function toArtifactLocation(filePath: string): SarifArtifactLocation {
  const path = toForwardSlashes(wellFormed(filePath));
  const drive = /^([A-Za-z]:)(\/.*)?$/.exec(path);
  if (drive) return { uri: `file:///${drive[1]}${encodePath(drive[2] ?? "/")}` };
  if (path.startsWith("//")) return { uri: `file:${encodePath(path)}` }; // UNC: file://server/share/…
  if (path.startsWith("/")) return { uri: `file://${encodePath(path)}` };
  const relative = path.replace(/^(?:\.\/)+/, "");
  return { uri: encodePath(relative === "" ? "." : relative), uriBaseId: "%SRCROOT%" };
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

// ---------------------------------------------------------------------------------------------
// Text and fingerprints shared by the CI formatters

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces unpaired surrogates (which no UTF-8 consumer can read) with U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd");
}

/**
 * A result message as SARIF plain text. SARIF §3.11.6 reads `[text](target)` in a message as an embedded
 * link (GitHub renders it), so literal brackets, which a config value can bring in, are escaped as
 * `\[` `\]`. Braces are left alone: without `arguments` there is no placeholder substitution.
 */
export function sarifMessageText(message: string, fallback: string): string {
  return nonEmpty(wellFormed(message), fallback).replace(/[[\]]/g, "\\$&");
}

function nonEmpty(text: string, fallback: string): string {
  return text === "" ? fallback : text;
}

/**
 * One fingerprint per diagnostic of a file, stable across unrelated edits: a hash of the rule,
 * the path, what the finding is about (message id and key; the message when there is no key)
 * and the occurrence index among equal findings. Line numbers are not part of it.
 */
export function diagnosticFingerprints(report: FileReport): string[] {
  const path = normalizeReportPath(report.filePath);
  const seen = new Map<string, number>();
  return report.diagnostics.map((d) => {
    const identity = [d.ruleId, path, d.messageId, identityText(d)];
    const base = stableHash(identity);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return stableHash([...identity, String(occurrence)]);
  });
}

function identityText(d: Diagnostic): string {
  return d.key !== undefined ? `key:${d.key}` : `message:${d.message}`;
}

/** A hash of several strings, unambiguous about where one ends (each is length-prefixed). */
export function stableHash(parts: readonly string[]): string {
  return fnv1a64(parts.map((part) => `${part.length}:${part}`).join(""));
}

const UTF8 = new TextEncoder();

/**
 * FNV-1a 64 of the UTF-8 bytes of `text` (unpaired surrogates as U+FFFD), as 16 hex digits.
 * Computed on two 32-bit halves: BigInt arithmetic per byte made SARIF and GitLab reports of
 * 100,000 findings take seconds. The prime is 2^40 + 0x1b3, so h * prime = h * 0x1b3 + (h << 40).
 */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of UTF8.encode(wellFormed(text))) {
    lo ^= byte;
    const low = (lo >>> 0) * 0x1b3; // < 2^41: exact
    const carry = Math.floor(low / 0x1_0000_0000);
    hi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = low >>> 0;
  }
  return (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
}
