/** The memory derivations of a linted document, computed once and shared by the memory rules. */
import { defineFact } from "./facts.js";
import type { ConfigValue, Deployment, Session } from "../types.js";
import {
  deriveJobManagerMemory,
  deriveTaskManagerMemory,
  type DeriveOptions,
  type JobManagerMemoryResult,
  type TaskManagerMemoryResult,
} from "../model/memory.js";
import { invalidMemoryValues, invalidUnreadValues, memoryReadKeys, memoryReads, type InvalidValue, type MemoryReads } from "../model/memory-reads.js";
import { defineSessionCache } from "../model/session.js";

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
  return { ...derive(ctx.doc.config, opts, ctx.session), config: ctx.doc.config, flinkVersion: ctx.flinkVersion, deployment: ctx.deployment };
});

type Derived = Pick<MemoryDerivations, "taskmanager" | "jobmanager">;

export interface MemoryValueChecks {
  /** What Flink reads for each process on the path it takes (memory-reads.ts). */
  reads: { taskmanager: MemoryReads; jobmanager: MemoryReads };
  /** Every value read there that stops Flink on its own, TaskManager first. */
  invalid: InvalidValue[];
  /** The same problems in values Flink does not read with this configuration. */
  invalidUnread: InvalidValue[];
  /** The keys in the file Flink reads for either process. */
  readKeys: ReadonlySet<string>;
}

/** The memory values Flink reads and those that stop it, whatever fails first: shared by the value rules. */
export const memoryValueChecks = defineFact<MemoryValueChecks>("memory-value-checks", (ctx) => {
  const opts = { flinkVersion: ctx.flinkVersion, deployment: ctx.deployment };
  const reads = { taskmanager: memoryReads(ctx.doc.config, opts, "taskmanager"), jobmanager: memoryReads(ctx.doc.config, opts, "jobmanager") };
  const all = [reads.taskmanager, reads.jobmanager];
  return {
    reads,
    invalid: all.flatMap((r) => invalidMemoryValues(r, ctx.doc.config, ctx.flinkVersion)),
    invalidUnread: all.flatMap((r) => invalidUnreadValues(r, ctx.doc.config, ctx.flinkVersion)),
    readKeys: new Set(all.flatMap((r) => r.reads.flatMap((read) => (read.key === undefined ? [] : [read.key])))),
  };
});

/**
 * Both derivations, remembered for the run by the settings they read: files of one repository tend
 * to share their memory settings (per-environment copies), and a directory run derives each
 * setting once. The derivations are pure functions of those settings, and rules only read their results.
 */
function derive(config: ReadonlyMap<string, ConfigValue>, opts: DeriveOptions, session: Session): Derived {
  const compute = (): Derived => ({ taskmanager: deriveTaskManagerMemory(config, opts), jobmanager: deriveJobManagerMemory(config, opts) });
  const key = settingsKey(config, opts);
  return key === undefined ? compute() : session.memo(DERIVED_BY_SETTINGS, key, compute);
}

const DERIVED_BY_SETTINGS = defineSessionCache<string, Derived>("memory derivations by settings", 512);

/** The settings the derivations read, as one string; undefined for a list value (its text is not its identity). */
function settingsKey(config: ReadonlyMap<string, ConfigValue>, opts: DeriveOptions): string | undefined {
  let key = `${opts.flinkVersion}\u0000${opts.deployment}`;
  for (const name of memoryReadKeys(opts.flinkVersion)) {
    const value = config.get(name);
    if (value === undefined) continue;
    if (value.type === "list") return undefined;
    key += `\u0000${name}\u0000${value.type}\u0000${value.text.length}\u0000${value.text}`;
  }
  return key;
}
