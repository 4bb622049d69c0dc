/**
 * The kinds of parse findings, each owned by exactly one rule (its id), and small helpers that
 * rules use to read them. A finding's `data.variant` names the rule message that fits it.
 */
import type { ConfigDocument, Fix, ParseFinding, Range, RuleReport } from "../types.js";

export const FindingKind = {
  /** The file cannot be loaded: broken YAML, a null value, a non-string key, a non-map document. */
  parse: "parse",
  legacyMissingSeparator: "legacy-missing-separator",
  legacyEmptyKeyOrValue: "legacy-empty-key-or-value",
  legacyNestedYaml: "legacy-nested-yaml",
  legacyIndentedLine: "legacy-indented-line",
  legacyHashInValue: "legacy-hash-in-value",
  legacyQuotedValue: "legacy-quoted-value",
  legacyBom: "legacy-bom",
  duplicateKey: "duplicate-key",
  flattenedKeyCollision: "flattened-key-collision",
} as const;

export type FindingKindName = (typeof FindingKind)[keyof typeof FindingKind];

/** The findings of one kind, in source order. */
export function findingsOf(doc: ConfigDocument, kind: FindingKindName): ParseFinding[] {
  return doc.findings.filter((f) => f.kind === kind);
}

/** The message id a finding asks for, if the rule has it; else the fallback. */
export function variantOf<M extends string>(finding: ParseFinding, messageIds: readonly M[], fallback: M): M {
  const variant = finding.data?.["variant"];
  return messageIds.find((id) => id === variant) ?? fallback;
}

/** Finding data without the `variant` bookkeeping, for message templates. */
export function messageData(finding: ParseFinding): Record<string, string | number> {
  const { variant: _variant, ...rest } = finding.data ?? {};
  return rest;
}

/** What every report about a finding carries: where, the message data, the key and related places. */
export function reportOf<M extends string>(finding: ParseFinding, messageId: M): RuleReport<M> {
  const data = messageData(finding);
  const key = data["key"];
  return {
    messageId,
    at: finding.range,
    data,
    ...(typeof key === "string" && { key }),
    ...(finding.related?.length && { related: finding.related }),
  };
}

/** A fix or suggestion that writes `text` over `range`. */
export function replaceRange(range: Range, text: string, description: string): Fix {
  return { description, edits: [{ range, text }] };
}
