/** The memory derivations of a linted document, computed once and shared by the memory rules. */
import { defineFact } from "./facts.js";
import type { ConfigEntry, ConfigValue, Deployment } from "../types.js";
import {
  deriveJobManagerMemory,
  deriveTaskManagerMemory,
  type JobManagerMemoryResult,
  type TaskManagerMemoryResult,
} from "../model/memory.js";
import { invalidMemoryValues, invalidUnreadValues, memoryReadKeySet, memoryReads, type InvalidValue, type MemoryReads } from "../model/memory-reads.js";
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
  const compute = (): Derived => ({ taskmanager: deriveTaskManagerMemory(ctx.doc.config, opts), jobmanager: deriveJobManagerMemory(ctx.doc.config, opts) });
  const settings = ctx.facts.get(memorySettings);
  const derived = settings === undefined ? compute() : ctx.session.memo(DERIVED_BY_SETTINGS, settings, compute);
  return { taskmanager: derived.taskmanager, jobmanager: derived.jobmanager, config: ctx.doc.config, flinkVersion: ctx.flinkVersion, deployment: ctx.deployment };
});

type Derived = Pick<MemoryDerivations, "taskmanager" | "jobmanager">;

export interface MemoryValueChecks {
  /** What Flink reads for each process on the path it takes (memory-reads.ts). */
  reads: { taskmanager: MemoryReads; jobmanager: MemoryReads };
  /** Every value read there that stops Flink on its own, TaskManager first. */
  invalid: readonly InvalidValue[];
  /** The same problems in values Flink does not read with this configuration. */
  invalidUnread: readonly InvalidValue[];
  /** The keys in the file Flink reads for either process. */
  readKeys: ReadonlySet<string>;
}

/** The memory values Flink reads and those that stop it, whatever fails first: shared by the value rules. */
export const memoryValueChecks = defineFact<MemoryValueChecks>("memory-value-checks", (ctx) => {
  const config = ctx.doc.config;
  const compute = (): MemoryValueChecks => {
    const opts = { flinkVersion: ctx.flinkVersion, deployment: ctx.deployment };
    const reads = { taskmanager: memoryReads(config, opts, "taskmanager"), jobmanager: memoryReads(config, opts, "jobmanager") };
    const all = [reads.taskmanager, reads.jobmanager];
    return {
      reads,
      invalid: all.flatMap((r) => invalidMemoryValues(r, config, ctx.flinkVersion)),
      invalidUnread: all.flatMap((r) => invalidUnreadValues(r, config, ctx.flinkVersion)),
      readKeys: new Set(all.flatMap((r) => r.reads.flatMap((read) => (read.key === undefined ? [] : [read.key])))),
    };
  };
  const settings = ctx.facts.get(memorySettings);
  return settings === undefined ? compute() : ctx.session.memo(VALUE_CHECKS_BY_SETTINGS, settings, compute);
});

/**
 * The memory settings of the file (every key the derivations may read, with its value, in file
 * order), as one object of the run: files with the same settings get the same object. Undefined
 * when one is a list (its text is not its identity). Both the derivations and the value checks are
 * pure functions of these settings, and what they hold is plain data (keys, options, messages; no
 * ranges), so a run remembers them by this identity: files of one repository tend to share their
 * memory settings (per-environment copies), and a directory run works each setting out once. Two
 * files with the same settings in another order only miss the cache.
 *
 * The identity is a path in a tree of the run (key, then type, then text, for each setting), so a
 * file that repeats known settings adds nothing to it: a string key of them all would be built and
 * hashed again for every file.
 */
export const memorySettings = defineFact<MemorySettings | undefined>("memory-settings", (ctx) => {
  const readKeys = memoryReadKeySet(ctx.flinkVersion);
  const tree = ctx.session.memo(SETTINGS_TREES, `${ctx.flinkVersion}\u0000${ctx.deployment}`, (): SettingsTree => ({ root: newNode(), nodes: 0 }));
  if (tree.nodes > SETTINGS_NODES_KEPT) {
    tree.root = newNode();
    tree.nodes = 0;
  }
  let node = tree.root;
  const step = (label: string): void => {
    let next = node.next.get(label);
    if (next === undefined) {
      node.next.set(label, (next = newNode()));
      tree.nodes++;
    }
    node = next;
  };
  for (const [name, entries] of ctx.doc.byKey) {
    if (!readKeys.has(name)) continue;
    const value = (entries[entries.length - 1] as ConfigEntry).value;
    if (value.type === "list") return undefined;
    step(name);
    step(value.type);
    step(value.text);
  }
  return node;
});

/** The identity of a file's memory settings in its run (see memorySettings): compared, never read. */
export interface MemorySettings {
  readonly next: Map<string, MemorySettings>;
}

interface SettingsTree {
  root: MemorySettings;
  nodes: number;
}

function newNode(): MemorySettings {
  return { next: new Map() };
}

/** The tree of a Flink version and deployment, one per run. */
const SETTINGS_TREES = defineSessionCache<string, SettingsTree>("memory settings trees", 64);
/** A tree past this many nodes starts over (the caches below drop what they hold by their own limits). */
const SETTINGS_NODES_KEPT = 65_536;
const DERIVED_BY_SETTINGS = defineSessionCache<MemorySettings, Derived>("memory derivations by settings", 512);
const VALUE_CHECKS_BY_SETTINGS = defineSessionCache<MemorySettings, MemoryValueChecks>("memory value checks by settings", 512);
