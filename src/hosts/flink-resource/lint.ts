/**
 * Linting Flink Kubernetes Operator manifests: one result per FlinkDeployment (and per FlinkSessionJob
 * that carries a flinkConfiguration), each the configuration the operator hands to Flink, linted by
 * the same rules and memory model as a config file, with every diagnostic positioned in the manifest.
 */
import { rules as allRules } from "../../../rules/index.js";
import { lintTarget } from "../../engine/lint.js";
import { resolveFlinkVersion } from "../../engine/settings.js";
import { explainDocument, type ExplainJson, type ExplainResult } from "../../formatters/explain.js";
import { createSession } from "../../model/session.js";
import type { LintOptions, LintResult, RuleModule } from "../../types.js";
import { manifestTargets } from "./adapter.js";
import type { FlinkResourceKind } from "./manifest.js";

export { looksLikeFlinkManifest } from "./manifest.js";

/** Settings of a manifest lint: as for a config file, less the dialect (always standard YAML) and deployment (from `spec.mode`). */
export type ManifestLintOptions = Omit<LintOptions, "dialect" | "deployment">;

export interface ManifestLintResult extends LintResult {
  /** The resource's `metadata.name` ("" when it has none, or for a manifest that is not valid YAML). */
  name: string;
  kind: FlinkResourceKind;
  namespace?: string;
}

/**
 * Lints every FlinkDeployment (and FlinkSessionJob with a flinkConfiguration) in a manifest. Other
 * Kubernetes objects are ignored; a manifest without Flink resources gives []. Never throws for bad
 * input; an unsupported `options.flinkVersion` throws SettingsError as `lint` does.
 */
export function lintManifest(text: string, options: ManifestLintOptions = {}, rules: readonly RuleModule[] = allRules): ManifestLintResult[] {
  const { dialect: _dialect, deployment: _deployment, ...rest } = options as LintOptions;
  // The resources of one manifest are one run.
  const manifestOptions: LintOptions = { ...rest, session: rest.session ?? createSession() };
  return manifestTargets(text).map((target) => ({
    ...lintTarget(target, manifestOptions, rules),
    name: target.name,
    kind: target.what === "FlinkSessionJob" ? "FlinkSessionJob" : "FlinkDeployment",
    ...(target.namespace !== undefined && { namespace: target.namespace }),
  }));
}

/** `flinklint explain` of one FlinkDeployment: issue 3's explain JSON plus the resource's name. */
export type ManifestExplainJson = ExplainJson & { name: string; namespace?: string };

export interface ManifestExplainResult {
  name: string;
  namespace?: string;
  explained: ExplainResult;
}

/** What Flink derives for each FlinkDeployment of a manifest, with the derivations (for `renderExplain`): its targets, as `explain` reads them. */
export function explainManifestResults(text: string, options: Pick<LintOptions, "flinkVersion"> = {}): ManifestExplainResult[] {
  return manifestTargets(text)
    .filter((target) => target.processes.length > 0 && target.document.loadFailure === undefined)
    .map((target) => ({
      name: target.name,
      ...(target.namespace !== undefined && { namespace: target.namespace }),
      explained: explainDocument(target.document, {
        flinkVersion: resolveFlinkVersion(options.flinkVersion ?? target.flinkVersion, "standard"),
        deployment: target.deployment ?? "kubernetes",
      }),
    }));
}

/** Issue 3's explain JSON for each FlinkDeployment of a manifest, each with its `name`. */
export function explainManifest(text: string, options: Pick<LintOptions, "flinkVersion"> = {}): ManifestExplainJson[] {
  return explainManifestResults(text, options).map(({ name, namespace, explained }) => ({
    name,
    ...(namespace !== undefined && { namespace }),
    ...explained.json,
  }));
}
