/**
 * What the operator rules see: the FlinkDeployment behind the linted document and the configuration
 * the operator hands to Flink. For a document built by `lintManifest` (`doc.origin`) that is the
 * document itself; for a manifest linted as a plain config.yaml it is built from the text, so the
 * rules also work there. Undefined for Flink config files: the operator rules then stay silent.
 */
import { defineFact } from "../../engine/facts.js";
import { memoryDerivations, type MemoryDerivations } from "../../model/facts.js";
import { deriveJobManagerMemory, deriveTaskManagerMemory } from "../../model/memory.js";
import type { ConfigDocument, FactDefinition, RuleContext } from "../../types.js";
import { FLINK_API_GROUP, readManifest, type FlinkResource } from "./manifest.js";
import { effectiveConfiguration, type InjectedMemory } from "./operator.js";

export interface OperatorView {
  resource: FlinkResource;
  /** The configuration the operator hands to Flink. */
  effective: ConfigDocument;
  injected: InjectedMemory[];
  /** The memory derivations of `effective`, as the memory rules see them. */
  derivations: MemoryDerivations;
}

export const operatorView: FactDefinition<OperatorView | undefined> = defineFact<OperatorView | undefined>("k8s-operator-view", (ctx) => {
  const doc = ctx.doc;
  if (doc.origin?.kind === "flink-kubernetes-operator") {
    if (doc.origin.resourceKind !== "FlinkDeployment") return undefined;
    const offset = doc.origin.offset;
    const resource = readManifest(doc.text).resources.find((r) => r.start === offset);
    if (!resource) return undefined;
    const { injected } = effectiveConfiguration(doc.text, resource);
    return { resource, effective: doc, injected, derivations: ctx.facts.get(memoryDerivations) };
  }
  // A FlinkDeployment read as a config.yaml: flattened, its top-level keys are there.
  if (doc.dialect !== "standard" || doc.loadFailure) return undefined;
  if (doc.config.get("kind")?.text !== "FlinkDeployment" || !doc.config.get("apiVersion")?.text.startsWith(FLINK_API_GROUP)) return undefined;
  const resource = readManifest(doc.text).resources.find((r) => r.kind === "FlinkDeployment");
  if (!resource) return undefined;
  const { document, injected, deployment } = effectiveConfiguration(doc.text, resource);
  const opts = { flinkVersion: ctx.flinkVersion, deployment };
  return {
    resource,
    effective: document,
    injected,
    derivations: {
      taskmanager: deriveTaskManagerMemory(document.config, opts),
      jobmanager: deriveJobManagerMemory(document.config, opts),
      config: document.config,
      flinkVersion: ctx.flinkVersion,
      deployment,
    },
  };
});

export function viewOf(ctx: RuleContext): OperatorView | undefined {
  return ctx.facts.get(operatorView);
}
