/**
 * What the operator rules see: the FlinkDeployment behind the linted configuration and what the
 * operator hands to Flink. The host that read the resource seeds `operatorResource` (a
 * ConfigTarget's `facts`); for any other configuration it is undefined and the operator rules stay
 * silent.
 */
import { defineFact } from "./facts.js";
import { memoryDerivations, type MemoryDerivations } from "./memory-facts.js";
import type { ConfigDocument, FactDefinition, RuleContext } from "../types.js";
import type { FlinkResource } from "../model/operator/resource.js";
import { effectiveConfiguration, type InjectedMemory } from "../model/operator/operator.js";

/** The operator resource a configuration was built from; seeded by the host that read it. */
export const operatorResource: FactDefinition<FlinkResource | undefined> = defineFact<FlinkResource | undefined>("operator-resource", () => undefined);

export interface OperatorView {
  resource: FlinkResource;
  /** The configuration the operator hands to Flink. */
  effective: ConfigDocument;
  injected: InjectedMemory[];
  /** The memory derivations of `effective`, as the memory rules see them. */
  derivations: MemoryDerivations;
}

export const operatorView: FactDefinition<OperatorView | undefined> = defineFact<OperatorView | undefined>("operator-view", (ctx) => {
  const resource = ctx.facts.get(operatorResource);
  if (resource?.kind !== "FlinkDeployment") return undefined;
  const { injected } = effectiveConfiguration(ctx.doc.text, resource);
  return { resource, effective: ctx.doc, injected, derivations: ctx.facts.get(memoryDerivations) };
});

export function viewOf(ctx: RuleContext): OperatorView | undefined {
  return ctx.facts.get(operatorView);
}
