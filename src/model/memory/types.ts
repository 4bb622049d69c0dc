/** What a memory derivation returns: the sizes and sources of a success, or a failure and its keys. */
import type { Deployment } from "../../types.js";

export interface DeriveOptions {
  flinkVersion: string;
  deployment: Deployment;
}

export type ProcessKind = "taskmanager" | "jobmanager";
export type MemoryPath = "process" | "flink" | "fine-grained";

/** How a component's size was obtained. */
export type ComponentHow = "configured" | "default" | "fraction" | "capped-min" | "capped-max" | "remainder" | "derived";

export interface ComponentSource {
  how: ComponentHow;
  /** The key in the file that supplied it (for fractions: the fraction key, when set). */
  key?: string;
}

export type AdjustmentKind =
  | "capped-min"
  | "capped-max"
  | "fraction-ignored"
  | "off-heap-derived"
  | "legacy-heap-mapped"
  | "deprecated-key-used"
  | "heap-below-minimum"
  | "legacy-network-buffers";

/** Something Flink logs (INFO/WARN) while deriving: a capped fraction, an ignored fraction, … */
export interface MemoryAdjustment {
  kind: AdjustmentKind;
  component?: string;
  /** Keys involved, the first being the one to point at. */
  keys: string[];
  /** Flink's own log text. */
  message: string;
  /** The size that was used. */
  bytes?: bigint;
  /** The size the fraction gave before capping, or what the fraction would have given. */
  derivedBytes?: bigint;
  /** For fraction adjustments: the fraction (a float read as a double). */
  fraction?: number;
  /** For fraction adjustments: the total the fraction is of (`derivedBytes` = `fraction` × this). */
  fractionOf?: bigint;
}

/**
 * The ways a derivation fails, each with its id in SPEC §9 (ids the SPEC does not list are
 * flinklint's own). Only rules read them; no output prints them.
 */
export type FailureCode =
  /** M1: none of fine-grained sizes, Total Flink or Total Process is configured. */
  | "required-options-missing"
  /** M2: metaspace + overhead exceed the total process memory. */
  | "metaspace-and-overhead-exceed-process"
  /** M3: the total process memory is below total Flink + metaspace. */
  | "process-below-flink-and-metaspace"
  /** M4: the overhead left over is outside its min/max range. */
  | "overhead-out-of-range"
  /** M6: a memory size value cannot be read. */
  | "memory-size-unreadable"
  /** M7: a capped fraction's min is above its max, or the fraction is outside [0, 1). */
  | "range-fraction-invalid"
  /** M8 (§9.1 "fraction option unparsable"): a fraction, number or boolean cannot be parsed. */
  | "value-unparsable"
  /** T1: task heap + managed + framework + task off-heap exceed the total Flink memory. */
  | "components-besides-network-exceed-flink"
  /** T2: managed + network + framework + task off-heap exceed the total Flink memory. */
  | "components-besides-task-heap-exceed-flink"
  /** T3 (with cause T4 or T5): network as the rest of Total Flink is outside its range, or not what the legacy buffers give. */
  | "network-remainder-inconsistent"
  /** T9: a negative legacy heap size in MB. */
  | "legacy-heap-negative"
  /** T11: no positive number of CPU cores. */
  | "cpu-cores-not-positive"
  /** T12 (flinklint's): the number of CPU cores is NaN or infinite. */
  | "cpu-cores-not-finite"
  /** S1 (§9.6): a segment size the legacy network buffers cannot use. */
  | "segment-size-invalid"
  /** J2: JobManager heap + off-heap is not the configured total Flink memory. */
  | "heap-and-off-heap-not-flink"
  /** J3: the JobManager heap exceeds the total Flink memory. */
  | "heap-exceeds-flink"
  /** J4: the JobManager's total Flink memory is not above its off-heap memory. */
  | "flink-not-above-off-heap"
  /** A1 (§9.1b "long overflow"): a size does not fit in 64 bits. */
  | "long-overflow"
  /** A2 (flinklint's): a size came out negative. */
  | "size-negative";

export interface MemoryFailure {
  ok: false;
  process: ProcessKind;
  stage: "compute";
  /** Flink's exception message, with the prefix Flink adds in this version. */
  error: string;
  /** The cause chain's messages, as the vectors list them. */
  causes: string[];
  /** Java class of the exception. */
  exception: string;
  code: FailureCode;
  /** For range-fraction-invalid: which check failed. */
  reason?: "min-above-max" | "fraction-out-of-range";
  /** Keys that cause it, primary first, including whatever deprecated or legacy key supplied a value. */
  keys: string[];
  /** The sizes involved, in bytes, for concrete fixes. */
  numbers: Record<string, bigint>;
  /** The fraction involved (range-fraction-invalid), as Flink used it. */
  fraction?: number;
  adjustments: MemoryAdjustment[];
}

export interface TaskManagerBytes {
  frameworkHeap: bigint;
  taskHeap: bigint;
  frameworkOffHeap: bigint;
  taskOffHeap: bigint;
  network: bigint;
  managed: bigint;
  jvmMetaspace: bigint;
  jvmOverhead: bigint;
  totalFlink: bigint;
  totalProcess: bigint;
  jvmHeap: bigint;
  jvmDirect: bigint;
}

export interface JobManagerBytes {
  jvmHeap: bigint;
  offHeap: bigint;
  jvmMetaspace: bigint;
  jvmOverhead: bigint;
  totalFlink: bigint;
  totalProcess: bigint;
}

export interface TaskManagerSuccess {
  ok: true;
  process: "taskmanager";
  path: MemoryPath;
  bytes: TaskManagerBytes;
  jvmArgs: string;
  dynamicConfigs: string;
  sources: Record<Exclude<keyof TaskManagerBytes, "jvmHeap" | "jvmDirect">, ComponentSource>;
  adjustments: MemoryAdjustment[];
  cpuCores: number;
  taskSlots: number;
}

export interface JobManagerSuccess {
  ok: true;
  process: "jobmanager";
  path: MemoryPath;
  bytes: JobManagerBytes;
  jvmArgs: string;
  dynamicConfigs: string;
  sources: Record<keyof JobManagerBytes, ComponentSource>;
  adjustments: MemoryAdjustment[];
  directMemoryLimit: boolean;
}

export type TaskManagerMemoryResult = TaskManagerSuccess | MemoryFailure;
export type JobManagerMemoryResult = JobManagerSuccess | MemoryFailure;
