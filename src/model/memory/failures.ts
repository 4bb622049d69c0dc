/**
 * How a thrown JavaException becomes a MemoryFailure: what each exception is about (its code, keys
 * and sizes), and the prefixes TaskExecutorProcessUtils and JobManagerProcessUtils put before it.
 */
import { ILLEGAL_CONFIGURATION, JavaException } from "../java-exception.js";
import type { VersionFacts } from "../versions.js";
import type { FailureCode, MemoryAdjustment, MemoryFailure, ProcessKind } from "./types.js";

/** What one thrown exception is about. */
export interface FailureInfo {
  code: FailureCode;
  keys: string[];
  numbers: Record<string, bigint>;
  reason?: MemoryFailure["reason"];
  fraction?: number;
}

export const PREFIX_TM = "TaskManager memory configuration failed: ";
export const PREFIX_TM_LEGACY = "TaskManager failed to map legacy JVM heap option to the new one: ";
export const PREFIX_JM = "JobManager memory configuration failed: ";

/** The keys that are set, each once, in order (a loop: every derivation calls this many times). */
export function present(keys: ReadonlyArray<string | undefined>): string[] {
  const kept: string[] = [];
  for (const key of keys) if (key !== undefined && !kept.includes(key)) kept.push(key);
  return kept;
}

/** The FailureInfo of each exception one derivation threw (Flink's exceptions carry only text). */
export class FailureTags {
  private readonly byException = new Map<JavaException, FailureInfo>();

  info(e: JavaException): FailureInfo | undefined {
    return this.byException.get(e);
  }

  tag(e: JavaException, info: FailureInfo): JavaException {
    this.byException.set(e, info);
    return e;
  }

  /** The first tagged exception along the chain, outermost first. */
  describe(e: JavaException): FailureInfo {
    for (let c: JavaException | undefined = e; c !== undefined; c = c.javaCause) {
      const info = this.byException.get(c);
      if (info !== undefined) return info;
    }
    return { code: "long-overflow", keys: [], numbers: {} };
  }
}

export function rethrowWithPrefix(e: unknown, prefix: string): never {
  throw e instanceof JavaException ? withPrefix(e, prefix) : e;
}

export function withPrefix(e: JavaException, prefix: string): JavaException {
  return e.className === ILLEGAL_CONFIGURATION ? new JavaException(ILLEGAL_CONFIGURATION, prefix + e.message, e) : e;
}

/** What a derivation that threw `e` returns. */
export function toFailure(tags: FailureTags, adjustments: MemoryAdjustment[], process: ProcessKind, e: unknown): MemoryFailure {
  const exception = e instanceof JavaException ? e : new JavaException("java.lang.RuntimeException", String(e));
  const info = tags.describe(exception);
  return {
    ok: false,
    process,
    stage: "compute",
    error: exception.message,
    causes: exception.causeMessages(),
    exception: exception.className,
    code: info.code,
    ...(info.reason ? { reason: info.reason } : {}),
    keys: info.keys,
    numbers: info.numbers,
    ...(info.fraction !== undefined ? { fraction: info.fraction } : {}),
    adjustments,
  };
}

/**
 * An exception thrown while Flink derives a process's memory, as Flink reports it: with the
 * wrapper TaskExecutorProcessUtils or JobManagerProcessUtils puts around an IllegalConfigurationException.
 */
export function reportedException(
  process: ProcessKind,
  facts: VersionFacts,
  stage: "legacy-heap" | "spec" | "after-spec",
  e: JavaException,
): JavaException {
  if (stage === "after-spec") return e;
  if (process === "jobmanager") return facts.jobManagerErrorPrefix ? withPrefix(e, PREFIX_JM) : e;
  if (stage === "legacy-heap") return withPrefix(e, PREFIX_TM_LEGACY);
  return facts.taskManagerErrorPrefix ? withPrefix(e, PREFIX_TM) : e;
}
