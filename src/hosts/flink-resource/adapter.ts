/**
 * The host adapter for Flink Kubernetes Operator manifests: one target per FlinkDeployment (and per
 * FlinkSessionJob that carries a flinkConfiguration), the configuration the operator hands to
 * Flink, positioned in the manifest.
 */
import { assembleDocument } from "../../parser/document.js";
import { unreadableHostTarget } from "../unreadable.js";
import { operatorResource } from "../../engine/operator-facts.js";
import { parseConfig } from "../../parser/index.js";
import type { ConfigDocument, ConfigEntry, ConfigTarget, LintOptions } from "../../types.js";
import type { HostAdapter, HostInput, HostReading } from "../types.js";
import { looksLikeFlinkManifest, readManifest, type FlinkResource } from "./manifest.js";
import { effectiveConfiguration, flinkVersionStatus } from "../../model/operator/operator.js";

export const HOST = "Kubernetes manifest";

/** The targets of a manifest's Flink resources ([] when it holds none), over the operator's defaults when given. */
export function manifestTargets(text: string, operatorDefaults?: LintOptions["operatorDefaults"]): ConfigTarget[] {
  const read = readManifest(text);
  if (read.syntaxError) return looksLikeFlinkManifest(text) ? [unreadableHostTarget(text, read.syntaxError, { what: "FlinkDeployment", alsoRefusedBy: "kubectl cannot read this manifest either", message: "The manifest is not valid YAML.", processes: ["jobmanager", "taskmanager"] })] : [];
  const targets: ConfigTarget[] = [];
  for (const [index, resource] of read.resources.entries()) {
    if (resource.kind === "FlinkSessionJob" && !resource.flinkConfiguration) continue;
    const status = flinkVersionStatus(resource);
    const specVersion = status.status === "valid" || status.status === "unsupported" ? status.modeled : undefined;
    const operatorVersion = status.status === "valid" || status.status === "unsupported" ? status.version : undefined;
    const configure = (source: string, again: FlinkResource) => withDefaults(effectiveConfiguration(source, again).document, again, operatorDefaults, operatorVersion);
    const { deployment } = effectiveConfiguration(text, resource);
    const document = configure(text, resource);
    targets.push({
      name: resource.name,
      what: resource.kind,
      ...(resource.namespace !== undefined && { namespace: resource.namespace }),
      document,
      layers: [
        ...(operatorDefaults ? [{ kind: "operator-defaults", label: `the operator's default configuration (${operatorDefaults.name})`, external: true }] : []),
        { kind: "operator-spec", label: `spec.flinkConfiguration of ${resource.kind} ${resource.name}`, external: false },
      ],
      ...(specVersion !== undefined && { flinkVersion: specVersion }),
      deployment,
      // A FlinkSessionJob's configuration goes to its job, not to the cluster's processes.
      processes: resource.kind === "FlinkDeployment" ? ["jobmanager", "taskmanager"] : [],
      isConfigFile: false,
      anchor: resource.spec?.keyRange ?? resource.kindRange,
      reread: (edited) => {
        const again = rereadResource(edited, index, resource);
        return again && configure(edited, again);
      },
      facts: [{ fact: operatorResource, value: resource }],
    });
  }
  return targets;
}

/** The same resource (by position, kind and name) in an edited manifest. */
function rereadResource(text: string, index: number, resource: FlinkResource): FlinkResource | undefined {
  const read = readManifest(text);
  const again = read.syntaxError ? undefined : read.resources[index];
  if (again === undefined || again.kind !== resource.kind || again.name !== resource.name) return undefined;
  return again;
}

/** `kubernetes.operator.default-configuration.flink-version.v1_18.…`, `….v1_19+.…`: defaults for some Flink versions only. */
const VERSIONED_DEFAULT = /^kubernetes\.operator\.default-configuration\.flink-version\.v(\d+)_(\d+)(\+?)\.(.+)$/;

/**
 * The operator's default configuration laid under the resource's own (FlinkConfigManager): its
 * settings first, then `spec.flinkConfiguration` and the sizes from `resource.memory` over them. A
 * default for some Flink versions only applies, under its own key, to a resource of such a version.
 * The defaults are not in this manifest: each is placed on the line that takes them in (the
 * resource's `flinkConfiguration`, else its `spec`) and named by where it comes from.
 */
function withDefaults(
  document: ConfigDocument,
  resource: FlinkResource,
  defaults: LintOptions["operatorDefaults"],
  version: string | undefined,
): ConfigDocument {
  if (defaults === undefined) return document;
  const dialect = /(?:^|[\\/])config\.yaml$/.test(defaults.name) ? "standard" : "legacy";
  const parsed = parseConfig(defaults.text, dialect);
  const at = resource.flinkConfiguration?.keyRange ?? resource.spec?.keyRange ?? resource.kindRange;
  const [major, minor] = (version ?? "").split(".").map(Number);
  const entries: ConfigEntry[] = [];
  for (const entry of parsed.entries) {
    let key = entry.key;
    const versioned = VERSIONED_DEFAULT.exec(key);
    if (versioned) {
      const [, vMajor, vMinor, orNewer, rest] = versioned;
      const wanted = [Number(vMajor), Number(vMinor)] as const;
      const matches =
        major !== undefined && minor !== undefined && (orNewer ? major > wanted[0] || (major === wanted[0] && minor >= wanted[1]) : major === wanted[0] && minor === wanted[1]);
      if (!matches || rest === undefined) continue;
      key = rest;
    }
    entries.push({
      ...entry,
      key,
      keyRange: at,
      valueRange: at,
      overridden: false,
      external: true,
      label: `the operator's default configuration (${defaults.name}, line ${entry.keyRange.start.line})`,
    });
  }
  return assembleDocument(document.dialect, document.text, [...entries, ...document.entries], [...document.findings], document.loadFailure, document.lines);
}

export const flinkResourceAdapter: HostAdapter = {
  id: "flink-resource",
  claims: ({ text, options }: HostInput) => options.dialect === undefined && looksLikeFlinkManifest(text),
  carriesFlinkConfiguration: ({ text }: HostInput) => looksLikeFlinkManifest(text),
  read({ text, options }: HostInput): HostReading {
    const targets = manifestTargets(text, options.operatorDefaults);
    return {
      host: HOST,
      targets,
      fixable: false,
      notFixed: "--fix does not rewrite Kubernetes manifests yet",
      ...(targets.length === 0 && { notice: "no FlinkDeployment or FlinkSessionJob with a flinkConfiguration in this manifest" }),
    };
  },
};
