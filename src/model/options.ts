/**
 * The memory options Flink's derivation reads: key, type, default and deprecated fallback keys
 * (TaskManagerOptions, JobManagerOptions, NettyShuffleEnvironmentOptions).
 */
import type { OptionType } from "./convert.js";
import { toCompactString, GIB, KIB, LONG_MAX, MIB } from "./memory-size.js";
import type { VersionFacts } from "./versions.js";

export interface OptionDef<T extends OptionType = OptionType> {
  key: string;
  type: T;
  /** Default value (bytes for memory, a number for float/double/int, boolean for bool), if any. */
  defaultValue?: bigint | number | boolean;
  /** Java `toString()` of the default, as ConfigOption prints it. */
  defaultText: string;
  /** Deprecated keys consulted when the key itself is absent, in order. */
  fallbackKeys: readonly string[];
}

function memory(key: string, bytes: bigint | undefined, fallbackKeys: readonly string[] = []): OptionDef<"memory"> {
  return {
    key,
    type: "memory",
    ...(bytes === undefined ? {} : { defaultValue: bytes }),
    defaultText: bytes === undefined ? "null" : toCompactString(bytes),
    fallbackKeys,
  };
}

function fraction(key: string, value: number, text: string, fallbackKeys: readonly string[] = []): OptionDef<"float"> {
  return { key, type: "float", defaultValue: Math.fround(value), defaultText: text, fallbackKeys };
}

/** `ConfigOption.toString()`: `Key: 'k' , default: d (fallback keys: [{key=…, isDeprecated=true}])`. */
export function describeOption(option: OptionDef): string {
  const fallbacks = option.fallbackKeys.map((k) => `{key=${k}, isDeprecated=true}`).join(", ");
  return `Key: '${option.key}' , default: ${option.defaultText} (fallback keys: [${fallbacks}])`;
}

export interface TaskManagerOptions {
  totalProcess: OptionDef<"memory">;
  totalFlink: OptionDef<"memory">;
  frameworkHeap: OptionDef<"memory">;
  frameworkOffHeap: OptionDef<"memory">;
  taskHeap: OptionDef<"memory">;
  taskOffHeap: OptionDef<"memory">;
  managedSize: OptionDef<"memory">;
  managedFraction: OptionDef<"float">;
  networkMin: OptionDef<"memory">;
  networkMax: OptionDef<"memory">;
  networkFraction: OptionDef<"float">;
  jvmMetaspace: OptionDef<"memory">;
  jvmOverheadMin: OptionDef<"memory">;
  jvmOverheadMax: OptionDef<"memory">;
  jvmOverheadFraction: OptionDef<"float">;
  segmentSize: OptionDef<"memory">;
  networkBuffers: OptionDef<"int">;
  cpuCores: OptionDef<"double">;
  taskSlots: OptionDef<"int">;
  legacyHeap: OptionDef<"memory">;
  legacyHeapMb: OptionDef<"int">;
}

export interface JobManagerOptions {
  totalProcess: OptionDef<"memory">;
  totalFlink: OptionDef<"memory">;
  jvmHeap: OptionDef<"memory">;
  offHeap: OptionDef<"memory">;
  jvmMetaspace: OptionDef<"memory">;
  jvmOverheadMin: OptionDef<"memory">;
  jvmOverheadMax: OptionDef<"memory">;
  jvmOverheadFraction: OptionDef<"float">;
  directMemoryLimit: OptionDef<"bool">;
  legacyHeap: OptionDef<"memory">;
  legacyHeapMb: OptionDef<"int">;
}

export function taskManagerOptions(facts: VersionFacts): TaskManagerOptions {
  return tablesFor(facts).taskManager;
}

export function jobManagerOptions(): JobManagerOptions {
  return JOB_MANAGER_OPTIONS;
}

/** Every key the memory options read (each option's own and its deprecated ones), TaskManager's first. */
export function memoryOptionKeys(facts: VersionFacts): readonly string[] {
  return tablesFor(facts).keys;
}

/** The same keys as a set, for a file's keys to be looked up in. */
export function memoryOptionKeySet(facts: VersionFacts): ReadonlySet<string> {
  return tablesFor(facts).keySet;
}

interface OptionTables {
  taskManager: TaskManagerOptions;
  keys: readonly string[];
  keySet: ReadonlySet<string>;
}

function tablesFor(facts: VersionFacts): OptionTables {
  return TABLES_BY_NETWORK_MAX.get(facts.networkMaxDefaultBytes) ?? buildTables(facts.networkMaxDefaultBytes);
}

function buildTables(networkMaxDefaultBytes: bigint): OptionTables {
  const taskManager = buildTaskManagerOptions(networkMaxDefaultBytes);
  const options: OptionDef[] = [...Object.values(taskManager), ...Object.values(JOB_MANAGER_OPTIONS)];
  const keySet = new Set(options.flatMap((o) => [o.key, ...o.fallbackKeys]));
  return { taskManager, keys: [...keySet], keySet };
}

function buildTaskManagerOptions(networkMaxDefaultBytes: bigint): TaskManagerOptions {
  return {
    totalProcess: memory("taskmanager.memory.process.size", undefined),
    totalFlink: memory("taskmanager.memory.flink.size", undefined),
    frameworkHeap: memory("taskmanager.memory.framework.heap.size", 128n * MIB),
    frameworkOffHeap: memory("taskmanager.memory.framework.off-heap.size", 128n * MIB),
    taskHeap: memory("taskmanager.memory.task.heap.size", undefined),
    taskOffHeap: memory("taskmanager.memory.task.off-heap.size", 0n),
    managedSize: memory("taskmanager.memory.managed.size", undefined, ["taskmanager.memory.size"]),
    managedFraction: fraction("taskmanager.memory.managed.fraction", 0.4, "0.4"),
    networkMin: memory("taskmanager.memory.network.min", 64n * MIB, ["taskmanager.network.memory.min"]),
    networkMax: memory("taskmanager.memory.network.max", networkMaxDefaultBytes, [
      "taskmanager.network.memory.max",
    ]),
    networkFraction: fraction("taskmanager.memory.network.fraction", 0.1, "0.1", [
      "taskmanager.network.memory.fraction",
    ]),
    jvmMetaspace: memory("taskmanager.memory.jvm-metaspace.size", 256n * MIB),
    jvmOverheadMin: memory("taskmanager.memory.jvm-overhead.min", 192n * MIB),
    jvmOverheadMax: memory("taskmanager.memory.jvm-overhead.max", GIB),
    jvmOverheadFraction: fraction("taskmanager.memory.jvm-overhead.fraction", 0.1, "0.1"),
    segmentSize: memory("taskmanager.memory.segment-size", 32n * KIB),
    networkBuffers: { key: "taskmanager.network.numberOfBuffers", type: "int", defaultValue: 2048, defaultText: "2048", fallbackKeys: [] },
    cpuCores: { key: "taskmanager.cpu.cores", type: "double", defaultText: "null", fallbackKeys: [] },
    taskSlots: { key: "taskmanager.numberOfTaskSlots", type: "int", defaultValue: 1, defaultText: "1", fallbackKeys: [] },
    legacyHeap: memory("taskmanager.heap.size", undefined),
    legacyHeapMb: { key: "taskmanager.heap.mb", type: "int", defaultText: "null", fallbackKeys: [] },
  };
}

function buildJobManagerOptions(): JobManagerOptions {
  return {
    totalProcess: memory("jobmanager.memory.process.size", undefined),
    totalFlink: memory("jobmanager.memory.flink.size", undefined),
    jvmHeap: memory("jobmanager.memory.heap.size", undefined),
    offHeap: memory("jobmanager.memory.off-heap.size", 128n * MIB),
    jvmMetaspace: memory("jobmanager.memory.jvm-metaspace.size", 256n * MIB),
    jvmOverheadMin: memory("jobmanager.memory.jvm-overhead.min", 192n * MIB),
    jvmOverheadMax: memory("jobmanager.memory.jvm-overhead.max", GIB),
    jvmOverheadFraction: fraction("jobmanager.memory.jvm-overhead.fraction", 0.1, "0.1"),
    directMemoryLimit: {
      key: "jobmanager.memory.enable-jvm-direct-memory-limit",
      type: "bool",
      defaultValue: false,
      defaultText: "false",
      fallbackKeys: [],
    },
    legacyHeap: memory("jobmanager.heap.size", undefined),
    legacyHeapMb: { key: "jobmanager.heap.mb", type: "int", defaultText: "null", fallbackKeys: [] },
  };
}

/**
 * The tables, built at load: they are immutable data, and of the version facts the TaskManager's
 * depend on one, the network maximum's default (1g before 1.17, then Long.MAX_VALUE).
 */
const JOB_MANAGER_OPTIONS: JobManagerOptions = buildJobManagerOptions();
const TABLES_BY_NETWORK_MAX: ReadonlyMap<bigint, OptionTables> = new Map(
  [GIB, LONG_MAX].map((bytes) => [bytes, buildTables(bytes)] as const),
);

/**
 * Every memory-size key of SPEC §2 (current and deprecated) whose value Flink parses as a MemorySize,
 * with the version range in which it is read. Used by `memory-size-invalid`.
 */
export const MEMORY_SIZE_KEYS: ReadonlyArray<{ key: string; until2x?: boolean; replacement?: string }> = [
  { key: "taskmanager.memory.process.size" },
  { key: "taskmanager.memory.flink.size" },
  { key: "taskmanager.memory.framework.heap.size" },
  { key: "taskmanager.memory.framework.off-heap.size" },
  { key: "taskmanager.memory.task.heap.size" },
  { key: "taskmanager.memory.task.off-heap.size" },
  { key: "taskmanager.memory.managed.size" },
  { key: "taskmanager.memory.size", replacement: "taskmanager.memory.managed.size" },
  { key: "taskmanager.memory.network.min" },
  { key: "taskmanager.memory.network.max" },
  { key: "taskmanager.network.memory.min", replacement: "taskmanager.memory.network.min" },
  { key: "taskmanager.network.memory.max", replacement: "taskmanager.memory.network.max" },
  { key: "taskmanager.memory.jvm-metaspace.size" },
  { key: "taskmanager.memory.jvm-overhead.min" },
  { key: "taskmanager.memory.jvm-overhead.max" },
  { key: "taskmanager.memory.segment-size" },
  { key: "taskmanager.memory.framework.off-heap.batch-shuffle.size" },
  { key: "taskmanager.heap.size", until2x: true },
  { key: "jobmanager.memory.process.size" },
  { key: "jobmanager.memory.flink.size" },
  { key: "jobmanager.memory.heap.size" },
  { key: "jobmanager.memory.off-heap.size" },
  { key: "jobmanager.memory.jvm-metaspace.size" },
  { key: "jobmanager.memory.jvm-overhead.min" },
  { key: "jobmanager.memory.jvm-overhead.max" },
  { key: "jobmanager.heap.size", until2x: true },
];

export { LONG_MAX };
