/**
 * Which memory options Flink reads for a process, and which of their values stop it: read from
 * Flink 1.20's and 2.1's TaskExecutorProcessUtils, JobManagerProcessUtils, ProcessMemoryUtils,
 * TaskExecutorFlinkMemoryUtils, JobManagerFlinkMemoryUtils and MemoryBackwardsCompatibilityUtils.
 *
 * Every branch Flink takes there is decided by which options are present (`Configuration.contains`,
 * which counts deprecated fallback keys), never by their values. So the options Flink reads on its
 * path are a function of presence alone, and an invalid value of any of them stops the process as
 * soon as whatever fails before it is fixed. The derivation (memory.ts) stops at the first failure;
 * this table says what lies behind it.
 *
 * The path (ProcessMemoryUtils.memoryProcessSpecFromConfig): fine-grained when all of its options
 * are set (TaskManager: task.heap.size and managed.size; JobManager: heap.size), else Total Flink
 * when flink.size is set, else Total Process when process.size is set, else Flink fails for want of
 * a size. Without any, the fix is to set `*.memory.process.size` (memory-total-missing), so the
 * Total Process column applies (setting flink.size instead reads the same options but the totals). Before the path is chosen (1.x only), a launcher fills an unset
 * target option from a legacy heap key: Total Flink (TaskManager) or JVM Heap (JobManager) for
 * bin/*.sh, Total Process for active deployments; the target then counts as set.
 *
 * TaskManager                        fine-grained      Total Flink       Total Process
 *   taskmanager.heap.size (1.x)      legacy            legacy            legacy       target unset
 *   taskmanager.heap.mb (1.x)        legacy            legacy            legacy       …and heap.size unset
 *   task.heap.size                   read              if set            if set
 *   managed.size (memory.size)       read              if set            if set
 *   managed.fraction                 —                 managed unset     managed unset
 *   framework.heap.size              read              read              read
 *   framework.off-heap.size          read              read              read
 *   task.off-heap.size               read              read              read
 *   flink.size                       if set            read              —
 *   process.size                     if set            if set            read
 *   network.min/max/fraction         range             range             range
 *   network.numberOfBuffers (1.x)    buffers           buffers           buffers
 *   segment-size                     buffers           buffers           buffers
 *   jvm-metaspace.size               read              read              read
 *   jvm-overhead.min/max/fraction    read              read              read
 *   cpu.cores                        if set            if set            if set       after the sizes
 *   numberOfTaskSlots                read              read              read         (CPU fallback too)
 * "buffers": 1.x, numberOfBuffers set and none of network.min/max/fraction (or their deprecated
 * keys); "range": otherwise. Never read on any path: framework.off-heap.batch-shuffle.size.
 *
 * JobManager                         fine-grained      Total Flink       Total Process
 *   jobmanager.heap.size (1.x)       legacy            legacy            legacy
 *   jobmanager.heap.mb (1.x)         legacy            legacy            legacy
 *   heap.size                        read              —                 —
 *   off-heap.size                    read              read              read
 *   flink.size                       if set            read              —
 *   process.size                     if set            if set            read
 *   jvm-metaspace.size               read              read              read
 *   jvm-overhead.min/max/fraction    read              read              read
 *   enable-jvm-direct-memory-limit   read              read              read         after the sizes
 *
 * test/memory-reads.test.ts holds this table to the derivation: on every configuration that
 * derives, the options it read are exactly the table's; on one that fails, a prefix of them.
 */
import { hasTemplatePlaceholder } from "../parser/placeholders.js";
import type { ConfigValue } from "../types.js";
import { FlinkConfiguration } from "./configuration.js";
import { ILLEGAL_ARGUMENT, ILLEGAL_CONFIGURATION, JavaException } from "./java-exception.js";
import {
  cpuCoresException,
  legacyHeapTarget,
  reportedException,
  segmentSizeException,
  type DeriveOptions,
  type MemoryPath,
  type ProcessKind,
} from "./memory.js";
import { jobManagerOptions, memoryOptionKeys, memoryOptionKeySet, taskManagerOptions, type JobManagerOptions, type OptionDef, type TaskManagerOptions } from "./options.js";
import { versionFacts, type VersionFacts } from "./versions.js";

/** When an option is read on a path. */
type When =
  | "read" // always (its default stands in when it is unset)
  | "if-set"
  | "managed-unset" // the managed fraction: only without a managed size
  | "range" // network min/max/fraction: unless the legacy buffer count sizes the network
  | "buffers" // numberOfBuffers and segment-size: the legacy buffer count sizes the network
  | "legacy" // a legacy heap key: the launcher's target is unset (and, for *.heap.mb, *.heap.size too)
  | "never";

/**
 * The options Flink reads, in its order, and when on each path (fine-grained, total Flink, total
 * process): one table for both processes, since most rows are the same; `reader` says which
 * process has the option.
 */
type ReadRow =
  | readonly [reader: "both", option: keyof TaskManagerOptions & keyof JobManagerOptions, fineGrained: When, flink: When, process: When]
  | readonly [reader: "taskmanager", option: keyof TaskManagerOptions, fineGrained: When, flink: When, process: When]
  | readonly [reader: "jobmanager", option: keyof JobManagerOptions, fineGrained: When, flink: When, process: When];

const MEMORY_READS: readonly ReadRow[] = [
  ["both", "legacyHeap", "legacy", "legacy", "legacy"],
  ["both", "legacyHeapMb", "legacy", "legacy", "legacy"],
  ["taskmanager", "taskHeap", "read", "if-set", "if-set"],
  ["taskmanager", "managedSize", "read", "if-set", "if-set"],
  ["taskmanager", "managedFraction", "never", "managed-unset", "managed-unset"],
  ["taskmanager", "frameworkHeap", "read", "read", "read"],
  ["taskmanager", "frameworkOffHeap", "read", "read", "read"],
  ["taskmanager", "taskOffHeap", "read", "read", "read"],
  ["jobmanager", "jvmHeap", "read", "never", "never"],
  ["jobmanager", "offHeap", "read", "read", "read"],
  ["both", "totalFlink", "if-set", "read", "never"],
  ["both", "totalProcess", "if-set", "if-set", "read"],
  ["taskmanager", "networkMin", "range", "range", "range"],
  ["taskmanager", "networkMax", "range", "range", "range"],
  ["taskmanager", "networkFraction", "range", "range", "range"],
  ["taskmanager", "networkBuffers", "buffers", "buffers", "buffers"],
  ["taskmanager", "segmentSize", "buffers", "buffers", "buffers"],
  ["both", "jvmMetaspace", "read", "read", "read"],
  ["both", "jvmOverheadMin", "read", "read", "read"],
  ["both", "jvmOverheadMax", "read", "read", "read"],
  ["both", "jvmOverheadFraction", "read", "read", "read"],
  ["taskmanager", "cpuCores", "if-set", "if-set", "if-set"],
  ["taskmanager", "taskSlots", "read", "read", "read"],
  ["jobmanager", "directMemoryLimit", "read", "read", "read"],
];

type Row<K> = readonly [option: K, fineGrained: When, flink: When, process: When];

/** The rows of `MEMORY_READS` that `process` reads, in order (the table's type keeps each option to its process). */
function rowsFor(process: "taskmanager"): ReadonlyArray<Row<keyof TaskManagerOptions>>;
function rowsFor(process: "jobmanager"): ReadonlyArray<Row<keyof JobManagerOptions>>;
function rowsFor(process: ProcessKind): ReadonlyArray<Row<string>> {
  const rows: Row<string>[] = [];
  for (const [reader, ...row] of MEMORY_READS) if (reader === "both" || reader === process) rows.push(row);
  return rows;
}

const TASK_MANAGER_READS = rowsFor("taskmanager");
const JOB_MANAGER_READS = rowsFor("jobmanager");

export interface MemoryRead {
  option: OptionDef;
  /** The key in the file whose value Flink parses for it; undefined when Flink uses the default. */
  key: string | undefined;
  /** Where in the start-up Flink reads it, which decides the wrapper around the message it prints. */
  stage: "legacy-heap" | "spec" | "after-spec";
}

export interface MemoryReads {
  process: ProcessKind;
  /** The path Flink takes; with no size at all, the one setting the total process size gives. */
  path: MemoryPath;
  reads: MemoryRead[];
  /** Memory options set in the file that Flink does not read on this path (a deprecated key beside its replacement is not listed). */
  unread: MemoryRead[];
}

/** The options Flink reads for `process`, in its order, from which of them the file sets. */
export function memoryReads(config: ReadonlyMap<string, ConfigValue>, opts: DeriveOptions, process: ProcessKind): MemoryReads {
  const facts = versionFacts(opts.flinkVersion);
  const conf = new FlinkConfiguration(config);
  return process === "taskmanager"
    ? readsOf(conf, facts, opts, "taskmanager", taskManagerOptions(facts), TASK_MANAGER_READS, ["taskHeap", "managedSize"])
    : readsOf(conf, facts, opts, "jobmanager", jobManagerOptions(), JOB_MANAGER_READS, ["jvmHeap"]);
}

function readsOf<O extends TaskManagerOptions | JobManagerOptions>(
  conf: FlinkConfiguration,
  facts: VersionFacts,
  opts: DeriveOptions,
  process: ProcessKind,
  o: O,
  rows: ReadonlyArray<Row<keyof O>>,
  fineGrained: ReadonlyArray<keyof O>,
): MemoryReads {
  const option = (name: keyof O): OptionDef => o[name] as OptionDef;
  const target = legacyHeapTarget(o, opts);
  const legacyHeapKey = !facts.legacyHeapKeys || conf.contains(target) ? undefined : [o.legacyHeap, o.legacyHeapMb].find((l) => conf.contains(l));
  const set = (def: OptionDef): boolean => conf.contains(def) || (def === target && legacyHeapKey !== undefined);
  const path: MemoryPath = fineGrained.every((name) => set(option(name)))
    ? "fine-grained"
    : set(o.totalFlink)
      ? "flink"
      : "process";
  const tm = o as TaskManagerOptions;
  const legacyBuffers =
    process === "taskmanager" &&
    facts.legacyNetworkBuffers &&
    !set(tm.networkMin) &&
    !set(tm.networkMax) &&
    !set(tm.networkFraction) &&
    set(tm.networkBuffers);
  const isRead = (when: When, def: OptionDef): boolean => {
    switch (when) {
      case "read":
        return true;
      case "if-set":
        return set(def);
      case "managed-unset":
        return !set(tm.managedSize);
      case "range":
        return !legacyBuffers;
      case "buffers":
        return legacyBuffers;
      case "legacy":
        return def === legacyHeapKey;
      default:
        return false;
    }
  };
  const column = path === "fine-grained" ? 1 : path === "flink" ? 2 : 3;
  const reads: MemoryRead[] = [];
  const unread: MemoryReads["unread"] = [];
  for (const row of rows) {
    const def = option(row[0]);
    // The legacy heap keys and the buffer count are gone in 2.x: other rules report them as removed.
    if ((def === o.legacyHeap || def === o.legacyHeapMb) && !facts.legacyHeapKeys) continue;
    if (def === tm.networkBuffers && !facts.legacyNetworkBuffers) continue;
    const key = conf.lookupKey(def);
    const stage = row[1] === "legacy" ? "legacy-heap" : def === (o as JobManagerOptions).directMemoryLimit ? "after-spec" : "spec";
    if (isRead(row[column] as When, def)) reads.push({ option: def, key, stage });
    else if (key !== undefined) unread.push({ option: def, key, stage });
  }
  return { process, path, reads, unread };
}

export type InvalidValueKind =
  | "unparsable" // Configuration.get throws
  | "fraction-out-of-range" // RangeFraction: outside [0, 1)
  | "cpu-not-positive" // getCpuCoresWithFallback
  | "cpu-not-finite" // CPUResource
  | "segment" // ConfigurationParserUtils.getPageSize
  | "negative-buffers"; // numberOfBuffers × segment-size below 0

export interface InvalidValue {
  process: ProcessKind;
  kind: InvalidValueKind;
  /** The key in the file that holds the value. */
  key: string;
  option: OptionDef;
  /**
   * Flink's message for it, as Flink prints it (with the wrapper its process utils add); for a
   * fraction out of range, only the cause (Flink's message also names the min and max).
   */
  error: string;
  /** The innermost cause's message, when there is a cause. */
  cause?: string;
  /** The value as Flink read it, when it could read it. */
  value?: number | bigint;
  /**
   * The value holds a template placeholder (`%SLOTS%`, `${TM_MEMORY}`): Flink fails on the text as
   * it stands, but something fills it in before Flink reads it, so rules report it only as a template.
   */
  placeholder?: true;
}

/**
 * Every value Flink reads for `process` that stops it on its own, whatever else is wrong: values
 * it cannot parse, fractions outside [0, 1), CPU cores that are not a positive finite number, and
 * on the legacy buffer path a segment size getPageSize refuses or a negative buffer count. Each
 * of these fails once the failures before it are fixed (a negative *.heap.mb is left to the
 * derivation: it is the first thing Flink reads, so nothing can hide it).
 */
export function invalidMemoryValues(reads: MemoryReads, config: ReadonlyMap<string, ConfigValue>, flinkVersion: string): InvalidValue[] {
  return checkValues(reads.process, reads.reads, config, flinkVersion);
}

/** The same checks of the values Flink does not read on its path: they do no harm yet. */
export function invalidUnreadValues(reads: MemoryReads, config: ReadonlyMap<string, ConfigValue>, flinkVersion: string): InvalidValue[] {
  return checkValues(reads.process, reads.unread, config, flinkVersion);
}

function checkValues(
  process: ProcessKind,
  reads: readonly MemoryRead[],
  config: ReadonlyMap<string, ConfigValue>,
  flinkVersion: string,
): InvalidValue[] {
  const facts = versionFacts(flinkVersion);
  const conf = new FlinkConfiguration(config);
  const found: InvalidValue[] = [];
  // Flink takes the CPU cores from the slots when cpu.cores is unset.
  const cpuFromSlots = process === "taskmanager" && !config.has("taskmanager.cpu.cores");
  for (const { option, key, stage } of reads) {
    if (key === undefined) continue;
    const text = config.get(key)?.text;
    const placeholder = text !== undefined && hasTemplatePlaceholder(text);
    const add = (kind: InvalidValueKind, thrown: JavaException, value?: number | bigint): void => {
      const e = reportedException(process, facts, stage, thrown);
      const causes = e.causeMessages();
      found.push({
        process,
        kind,
        key,
        option,
        error: e.message,
        ...(causes.length > 0 ? { cause: causes[causes.length - 1] } : {}),
        ...(value !== undefined ? { value } : {}),
        ...(placeholder ? { placeholder: true as const } : {}),
      });
    };
    let value: number | bigint | boolean | undefined;
    try {
      value = conf.get(option);
    } catch (e) {
      if (!(e instanceof JavaException)) throw e;
      // ProcessMemoryUtils.getMemorySizeFromConfig wraps a size it cannot read.
      const thrown = option.type === "memory" ? new JavaException(ILLEGAL_CONFIGURATION, `Cannot read memory size from config option '${option.key}'.`, e) : e;
      add("unparsable", thrown);
      continue;
    }
    if (option.type === "float" && typeof value === "number" && !(value >= 0 && value < 1)) {
      add("fraction-out-of-range", new JavaException(ILLEGAL_ARGUMENT, "fraction must be in range [0, 1)"), value);
    } else if (option.key === "taskmanager.cpu.cores" || (option.key === "taskmanager.numberOfTaskSlots" && cpuFromSlots)) {
      const problem = typeof value === "number" ? cpuCoresException(value) : undefined;
      if (problem !== undefined) add(problem.code === "cpu-cores-not-positive" ? "cpu-not-positive" : "cpu-not-finite", problem.exception, value as number);
    } else if (option.key === "taskmanager.memory.segment-size" && typeof value === "bigint") {
      const problem = segmentSizeException(value);
      if (problem !== undefined) add("segment", problem, value);
    } else if (option.key === "taskmanager.network.numberOfBuffers" && typeof value === "number" && value < 0) {
      add("negative-buffers", new JavaException(ILLEGAL_ARGUMENT, "bytes must be >= 0"), value);
    }
  }
  return found;
}

/** Every key the derivations may read (options and their deprecated fallbacks), per Flink version. */
export function memoryReadKeys(flinkVersion: string): readonly string[] {
  return memoryOptionKeys(versionFacts(flinkVersion));
}

/** The same keys as a set. */
export function memoryReadKeySet(flinkVersion: string): ReadonlySet<string> {
  return memoryOptionKeySet(versionFacts(flinkVersion));
}
