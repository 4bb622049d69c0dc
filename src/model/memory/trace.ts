/** The derivation with the options it read, for tests that compare them with Flink's reads. */
import type { ConfigValue } from "../../types.js";
import { deriveJobManager } from "./jobmanager.js";
import { deriveTaskManager } from "./taskmanager.js";
import type { DeriveOptions, JobManagerMemoryResult, ProcessKind, TaskManagerMemoryResult } from "./types.js";

/**
 * The derivation of one process, with the key of every option it read, in order (a failing read
 * included): what tests compare with the table of options Flink reads (memory-reads.ts).
 */
export function traceMemoryReads(
  config: ReadonlyMap<string, ConfigValue>,
  opts: DeriveOptions,
  process: ProcessKind,
): { result: TaskManagerMemoryResult | JobManagerMemoryResult; reads: string[] } {
  const reads: string[] = [];
  const result = process === "taskmanager" ? deriveTaskManager(config, opts, reads) : deriveJobManager(config, opts, reads);
  return { result, reads };
}
