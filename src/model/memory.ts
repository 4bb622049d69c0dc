/**
 * Flink's TaskManager and JobManager process-memory derivation, byte for byte
 * (ProcessMemoryUtils, TaskExecutorFlinkMemoryUtils, JobManagerFlinkMemoryUtils,
 * TaskExecutorProcessUtils, JobManagerProcessUtils, MemoryBackwardsCompatibilityUtils).
 *
 * The code follows Flink's order of reads and checks, because that order decides which of several
 * problems Flink reports. Internally it throws JavaExceptions like Flink; the exported functions
 * catch them and return plain results, so they never throw.
 *
 * This file only names what the rest of flinklint uses; the derivation lives in ./memory/:
 * types.ts (results) ← failures.ts (exception → failure) ← derivation.ts (one run: reads,
 * arithmetic, range fractions) ← legacy-heap.ts, process-memory.ts (the path, metaspace and
 * overhead) ← taskmanager.ts, jobmanager.ts ← trace.ts.
 */
export type {
  AdjustmentKind,
  ComponentHow,
  ComponentSource,
  DeriveOptions,
  FailureCode,
  JobManagerBytes,
  JobManagerMemoryResult,
  JobManagerSuccess,
  MemoryAdjustment,
  MemoryFailure,
  MemoryPath,
  ProcessKind,
  TaskManagerBytes,
  TaskManagerMemoryResult,
  TaskManagerSuccess,
} from "./memory/types.js";
export { reportedException } from "./memory/failures.js";
export { legacyHeapTarget } from "./memory/legacy-heap.js";
export { cpuCoresException, deriveTaskManagerMemory, segmentSizeException } from "./memory/taskmanager.js";
export { deriveJobManagerMemory } from "./memory/jobmanager.js";
export { traceMemoryReads } from "./memory/trace.js";
