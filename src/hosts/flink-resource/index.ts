/** Flink Kubernetes Operator manifests: the API the CLI and the file walk use. */
export {
  explainManifest,
  explainManifestResults,
  lintManifest,
  looksLikeFlinkManifest,
  type ManifestExplainJson,
  type ManifestExplainResult,
  type ManifestLintOptions,
  type ManifestLintResult,
} from "./lint.js";
export { readManifest, type FlinkResource, type FlinkResourceKind } from "./manifest.js";
export { effectiveConfiguration, flinkVersionStatus, OPERATOR_FLINK_VERSIONS } from "../../model/operator/operator.js";
export { parseResourceMemory, type ResourceMemory } from "../../model/operator/quantity.js";
