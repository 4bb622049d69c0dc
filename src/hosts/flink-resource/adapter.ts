/**
 * The host adapter for Flink Kubernetes Operator manifests: one target per FlinkDeployment (and per
 * FlinkSessionJob that carries a flinkConfiguration), the configuration the operator hands to
 * Flink, positioned in the manifest.
 */
import { assembleDocument } from "../../parser/document.js";
import { FindingKind } from "../../parser/findings.js";
import { operatorResource } from "../../model/operator/facts.js";
import type { ConfigDocument, ConfigTarget, Range } from "../../types.js";
import type { HostAdapter, HostInput, HostReading } from "../types.js";
import { looksLikeFlinkManifest, readManifest, type FlinkResource } from "./manifest.js";
import { effectiveConfiguration, flinkVersionStatus } from "../../model/operator/operator.js";

export const HOST = "Kubernetes manifest";

/** The targets of a manifest's Flink resources ([] when it holds none). */
export function manifestTargets(text: string): ConfigTarget[] {
  const read = readManifest(text);
  if (read.syntaxError) return looksLikeFlinkManifest(text) ? [unreadableManifest(text, read.syntaxError)] : [];
  const targets: ConfigTarget[] = [];
  for (const [index, resource] of read.resources.entries()) {
    if (resource.kind === "FlinkSessionJob" && !resource.flinkConfiguration) continue;
    const { document, deployment } = effectiveConfiguration(text, resource);
    const status = flinkVersionStatus(resource);
    const specVersion = status.status === "valid" || status.status === "unsupported" ? status.modeled : undefined;
    targets.push({
      name: resource.name,
      what: resource.kind,
      ...(resource.namespace !== undefined && { namespace: resource.namespace }),
      document,
      layers: [{ kind: "operator-spec", label: `spec.flinkConfiguration of ${resource.kind} ${resource.name}`, external: false }],
      ...(specVersion !== undefined && { flinkVersion: specVersion }),
      deployment,
      // A FlinkSessionJob's configuration goes to its job, not to the cluster's processes.
      processes: resource.kind === "FlinkDeployment" ? ["jobmanager", "taskmanager"] : [],
      isConfigFile: false,
      anchor: resource.spec?.keyRange ?? resource.kindRange,
      reread: (edited) => rereadResource(edited, index, resource),
      facts: [{ fact: operatorResource, value: resource }],
    });
  }
  return targets;
}

/** The same resource (by position, kind and name) in an edited manifest, as the operator would configure it. */
function rereadResource(text: string, index: number, resource: FlinkResource): ConfigDocument | undefined {
  const read = readManifest(text);
  const again = read.syntaxError ? undefined : read.resources[index];
  if (again === undefined || again.kind !== resource.kind || again.name !== resource.name) return undefined;
  return effectiveConfiguration(text, again).document;
}

function unreadableManifest(text: string, error: { message: string; range: Range }): ConfigTarget {
  const cause = `${error.message} (kubectl cannot read this manifest either)`;
  const document = assembleDocument(
    "standard",
    text,
    [],
    [{ kind: FindingKind.parse, range: error.range, data: { variant: "syntax", problem: cause, cause } }],
    { message: "The manifest is not valid YAML.", causes: [cause], range: error.range },
  );
  return { name: "", what: "FlinkDeployment", document, layers: [], processes: ["jobmanager", "taskmanager"], isConfigFile: false };
}

export const flinkResourceAdapter: HostAdapter = {
  id: "flink-resource",
  claims: ({ text, options }: HostInput) => options.dialect === undefined && looksLikeFlinkManifest(text),
  carriesFlinkConfiguration: ({ text }: HostInput) => looksLikeFlinkManifest(text),
  read({ text }: HostInput): HostReading {
    const targets = manifestTargets(text);
    return {
      host: HOST,
      targets,
      fixable: false,
      notFixed: "--fix does not rewrite Kubernetes manifests yet",
      ...(targets.length === 0 && { notice: "no FlinkDeployment or FlinkSessionJob with a flinkConfiguration in this manifest" }),
    };
  },
};
