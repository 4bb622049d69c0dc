/**
 * Linting Flink Kubernetes Operator manifests: one result per FlinkDeployment (and per FlinkSessionJob
 * that carries a flinkConfiguration), each the configuration the operator hands to Flink, linted by
 * the same rules and memory model as a config file, with every diagnostic positioned in the manifest.
 */
import { rules as allRules } from "../../rules/index.js";
import { compareDiagnostics, lintDocument } from "../engine/lint.js";
import { resolveFlinkVersion } from "../engine/settings.js";
import { explainDocument, type ExplainJson, type ExplainResult } from "../model/explain.js";
import { assembleDocument } from "../parser/document.js";
import { FindingKind } from "../parser/findings.js";
import type { ConfigDocument, Diagnostic, LintOptions, LintResult, Range, RuleModule } from "../types.js";
import { looksLikeFlinkManifest, readManifest, type FlinkResource, type FlinkResourceKind } from "./manifest.js";
import { effectiveConfiguration, flinkVersionStatus, type InjectedMemory } from "./operator.js";

export { looksLikeFlinkManifest } from "./manifest.js";

/** Settings of a manifest lint: as for a config file, less the dialect (always standard YAML) and deployment (from `spec.mode`). */
export type ManifestLintOptions = Omit<LintOptions, "dialect" | "deployment">;

export interface ManifestLintResult extends LintResult {
  /** The resource's `metadata.name` ("" when it has none, or for a manifest that is not valid YAML). */
  name: string;
  kind: FlinkResourceKind;
  namespace?: string;
}

/** Rules of a cluster's memory; a FlinkSessionJob's configuration goes to its job, not to the cluster's processes. */
const CLUSTER_RULE_PREFIXES = ["memory-", "operator-"];

/**
 * Rules about the configuration file itself (which file a Flink version reads): the operator writes
 * the file in the format the image's Flink version reads, so they do not apply to manifests.
 */
const FILE_RULES = new Set(["config-file-ignored"]);

/**
 * Where an operator rule takes over from a memory rule, the memory rule's diagnostic at the same
 * place is dropped (its meaning is the same, its wording is about keys the manifest does not have).
 */
const SUPERSEDES: Readonly<Record<string, readonly string[]>> = {
  "operator-flink-size-with-resource-memory": ["memory-both-totals"],
};

/**
 * Lints every FlinkDeployment (and FlinkSessionJob with a flinkConfiguration) in a manifest. Other
 * Kubernetes objects are ignored; a manifest without Flink resources gives []. Never throws for bad
 * input; an unsupported `options.flinkVersion` throws SettingsError as `lint` does.
 */
export function lintManifest(text: string, options: ManifestLintOptions = {}, rules: readonly RuleModule[] = allRules): ManifestLintResult[] {
  const read = readManifest(text);
  if (read.syntaxError) {
    if (!looksLikeFlinkManifest(text)) return [];
    return [unreadableManifest(text, read.syntaxError, options, rules)];
  }
  const results: ManifestLintResult[] = [];
  for (const [index, resource] of read.resources.entries()) {
    if (resource.kind === "FlinkSessionJob" && !resource.flinkConfiguration) continue;
    const { document, injected, deployment } = effectiveConfiguration(text, resource);
    const status = flinkVersionStatus(resource);
    const specVersion = status.status === "valid" || status.status === "unsupported" ? status.modeled : undefined;
    const flinkVersion = options.flinkVersion ?? specVersion;
    const used = rules.filter(
      (r) => !FILE_RULES.has(r.meta.id) && !(resource.kind === "FlinkSessionJob" && CLUSTER_RULE_PREFIXES.some((p) => r.meta.id.startsWith(p))),
    );
    const result = lintDocument(
      document,
      { ...options, dialect: "standard", deployment, ...(flinkVersion !== undefined && { flinkVersion }) },
      used,
      (edited) => rereadResource(edited, index, resource),
    );
    results.push({
      ...result,
      diagnostics: adjust(result.diagnostics, resource, injected),
      suppressed: adjust(result.suppressed, resource, injected),
      name: resource.name,
      kind: resource.kind,
      ...(resource.namespace !== undefined && { namespace: resource.namespace }),
    });
  }
  return results;
}

/** The same resource (by position, kind and name) in an edited manifest, as the operator would configure it. */
function rereadResource(text: string, index: number, resource: FlinkResource): ConfigDocument | undefined {
  const read = readManifest(text);
  const again = read.syntaxError ? undefined : read.resources[index];
  if (again === undefined || again.kind !== resource.kind || again.name !== resource.name) return undefined;
  return effectiveConfiguration(text, again).document;
}

/**
 * Manifest-specific clean-up of what the shared rules report:
 * - a report about a missing key goes to line 1, column 1 of a config file; in a manifest it goes to
 *   the resource's `spec` (or `kind`);
 * - `memory-size-invalid` on a process size the operator wrote from `resource.memory` is the
 *   operator's text (`2147483648` for `2Gi`), not the user's: `operator-resource-memory-invalid` owns it;
 * - a memory rule superseded by an operator rule at the same place is dropped.
 */
function adjust(diagnostics: readonly Diagnostic[], resource: FlinkResource, injected: readonly InjectedMemory[]): Diagnostic[] {
  const target = resource.spec?.keyRange ?? resource.kindRange;
  const injectedAt = new Set(injected.map((m) => m.source.value.valueRange.start.offset));
  const supersededAt = new Set<string>();
  for (const d of diagnostics) {
    for (const ruleId of SUPERSEDES[d.ruleId] ?? []) supersededAt.add(`${ruleId}@${d.start.offset}`);
  }
  return diagnostics
    .filter((d) => !(d.ruleId === "memory-size-invalid" && injectedAt.has(d.start.offset)))
    .filter((d) => !supersededAt.has(`${d.ruleId}@${d.start.offset}`))
    .map((d) => (d.start.offset === 0 && d.end.offset === 0 ? { ...d, start: target.start, end: target.end } : d))
    .sort(compareDiagnostics);
}

function unreadableManifest(
  text: string,
  error: { message: string; range: Range },
  options: ManifestLintOptions,
  rules: readonly RuleModule[],
): ManifestLintResult {
  const cause = `${error.message} (kubectl cannot read this manifest either)`;
  const document = assembleDocument(
    "standard",
    text,
    [],
    [{ kind: FindingKind.parse, range: error.range, data: { variant: "syntax", problem: cause, cause } }],
    { message: "The manifest is not valid YAML.", causes: [cause], range: error.range },
  );
  const result = lintDocument(document, { ...options, dialect: "standard" }, rules);
  return { ...result, name: "", kind: "FlinkDeployment" };
}

/** `flinklint explain` of one FlinkDeployment: issue 3's explain JSON plus the resource's name. */
export type ManifestExplainJson = ExplainJson & { name: string; namespace?: string };

export interface ManifestExplainResult {
  name: string;
  namespace?: string;
  explained: ExplainResult;
}

/** What Flink derives for each FlinkDeployment of a manifest, with the derivations (for `renderExplain`). */
export function explainManifestResults(text: string, options: Pick<LintOptions, "flinkVersion"> = {}): ManifestExplainResult[] {
  const read = readManifest(text);
  return read.resources
    .filter((r) => r.kind === "FlinkDeployment")
    .map((resource) => {
      const { document, deployment } = effectiveConfiguration(text, resource);
      const status = flinkVersionStatus(resource);
      const specVersion = status.status === "valid" || status.status === "unsupported" ? status.modeled : undefined;
      const flinkVersion = resolveFlinkVersion(options.flinkVersion ?? specVersion, "standard");
      return {
        name: resource.name,
        ...(resource.namespace !== undefined && { namespace: resource.namespace }),
        explained: explainDocument(document, { flinkVersion, deployment }),
      };
    });
}

/** Issue 3's explain JSON for each FlinkDeployment of a manifest, each with its `name`. */
export function explainManifest(text: string, options: Pick<LintOptions, "flinkVersion"> = {}): ManifestExplainJson[] {
  return explainManifestResults(text, options).map(({ name, namespace, explained }) => ({
    name,
    ...(namespace !== undefined && { namespace }),
    ...explained.json,
  }));
}
