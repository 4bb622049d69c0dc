/** The memory derivations of a linted document, computed once and shared by the memory rules. */
import { defineFact } from "../engine/facts.js";
import type { ConfigValue, Deployment } from "../types.js";
import {
  deriveJobManagerMemory,
  deriveTaskManagerMemory,
  type JobManagerMemoryResult,
  type TaskManagerMemoryResult,
} from "./memory.js";

export interface MemoryDerivations {
  taskmanager: TaskManagerMemoryResult;
  jobmanager: JobManagerMemoryResult;
  /** The inputs, so rules can re-derive with one value changed to find a concrete fix. */
  config: ReadonlyMap<string, ConfigValue>;
  flinkVersion: string;
  deployment: Deployment;
}

export const memoryDerivations = defineFact<MemoryDerivations>("memory-derivations", (ctx) => {
  const opts = { flinkVersion: ctx.flinkVersion, deployment: ctx.deployment };
  return {
    taskmanager: deriveTaskManagerMemory(ctx.doc.config, opts),
    jobmanager: deriveJobManagerMemory(ctx.doc.config, opts),
    config: ctx.doc.config,
    flinkVersion: ctx.flinkVersion,
    deployment: ctx.deployment,
  };
});
