/**
 * What the memory rules share: finding the line a key is on, and turning a failed derivation into a
 * report on the keys that cause it (the fixes it carries come from memory-fixes.ts).
 */
import type { ConfigDocument, ConfigEntry, Fix, Range, RelatedLocation, RuleContext } from "../../src/types.js";
import { memoryDerivations, type MemoryDerivations } from "../../src/engine/memory-facts.js";
import type { FailureCode, MemoryFailure, ProcessKind } from "../../src/model/memory.js";
import { toShortSize } from "../../src/model/memory-size.js";

/** The entry Flink uses for a key: the last one. */
export function lastEntry(doc: ConfigDocument, key: string): ConfigEntry | undefined {
  const entries = doc.byKey.get(key);
  return entries === undefined ? undefined : entries[entries.length - 1];
}

/** Line 1, column 1: where a report about a key missing from the file goes. */
export const START_OF_FILE: Range = {
  start: { line: 1, column: 1, offset: 0 },
  end: { line: 1, column: 1, offset: 0 },
};

/** The key range of the first of `keys` that is in the file, else the start of the file. */
export function locate(doc: ConfigDocument, keys: readonly string[]): { at: Range; key?: string } {
  for (const key of keys) {
    const entry = lastEntry(doc, key);
    if (entry !== undefined) return { at: entry.keyRange, key };
  }
  return { at: START_OF_FILE };
}

/** Related locations for the other keys that are in the file. */
export function relatedKeys(doc: ConfigDocument, keys: readonly string[], except?: string): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  for (const key of new Set(keys)) {
    if (key === except) continue;
    const entry = lastEntry(doc, key);
    if (entry !== undefined) related.push({ message: `${key} is set here`, range: entry.keyRange });
  }
  return related;
}

export function derivations(ctx: RuleContext): MemoryDerivations {
  return ctx.facts.get(memoryDerivations);
}

/** The failed derivations (TaskManager first) whose code is one of `codes`. */
export function failuresWith(ctx: RuleContext, codes: readonly FailureCode[]): MemoryFailure[] {
  const d = derivations(ctx);
  // A container that runs only a TaskManager does not fail on the JobManager's sizes, and back.
  return [d.taskmanager, d.jobmanager].filter(
    (r): r is MemoryFailure => !r.ok && codes.includes(r.code) && ctx.processes.includes(r.process),
  );
}

export function processName(process: ProcessKind): string {
  return process === "taskmanager" ? "TaskManager" : "JobManager";
}

/** The option key of a process (`taskmanager.memory.process.size` / `jobmanager.memory.process.size`). */
export function processKey(process: ProcessKind, suffix: string): string {
  return `${process}.memory.${suffix}`;
}

/** Reports a failed derivation on the first of its keys in the file, the other keys as related. */
export function reportFailure<M extends string>(
  ctx: RuleContext<M>,
  failure: MemoryFailure,
  messageId: M,
  data: Record<string, string | number | bigint>,
  keys: readonly string[] = failure.keys,
  suggestions: readonly Fix[] = [],
  advice: readonly string[] = [],
): void {
  const { at, key } = locate(ctx.doc, keys);
  const related = relatedKeys(ctx.doc, [...keys, ...failure.keys], key);
  ctx.report({
    messageId,
    at,
    ...(key !== undefined ? { key } : {}),
    data: { process: processName(failure.process), flinkMessage: failure.error, ...data },
    ...(related.length > 0 ? { related } : {}),
    ...(suggestions.length > 0 ? { suggestions: [...suggestions] } : {}),
    ...(advice.length > 0 ? { advice: [...advice] } : {}),
  });
}


/** The option behind a size of a failure's numbers, for naming where a value came from. */
const NUMBER_OPTIONS: Readonly<Record<string, { suffix: string }>> = {
  totalProcess: { suffix: "process.size" },
  totalFlink: { suffix: "flink.size" },
  jvmMetaspace: { suffix: "jvm-metaspace.size" },
  jvmHeap: { suffix: "heap.size" },
  offHeap: { suffix: "off-heap.size" },
};

/**
 * "from the flink:1.17 image's default flink-conf.yaml" for a value a host brings in from elsewhere
 * (its label says where), "" for one the user's file sets: the user cannot see that value in the file.
 */
export function originOf(doc: ConfigDocument, key: string): string {
  const entry = lastEntry(doc, key);
  if (entry?.external !== true || entry.label === undefined) return "";
  if (!entry.label.startsWith(key)) return `from ${entry.label}`;
  const rest = entry.label.slice(key.length).trim();
  const inner = /^\((.*)\)$/.exec(rest)?.[1] ?? rest;
  return inner.startsWith("from ") ? inner : `from ${inner}`;
}

/**
 * What does not fit in a refused derivation, in numbers, for a short message: "JVM overhead
 * would be 64m, below min 192m". Flink's exact exception stays in the finding's `flink`.
 */
export function refusalFacts(failure: MemoryFailure, doc?: ConfigDocument): string {
  // A size the host brings in from elsewhere (an image's default file) is not in the user's file:
  // the size says where it is, "1728m (the flink:1.17 image's default)".
  const origin = (number: string): string => {
    const option = NUMBER_OPTIONS[number];
    if (doc === undefined || option === undefined) return "";
    const from = originOf(doc, processKey(failure.process, option.suffix));
    if (from === "") return "";
    const place = from
      .replace(/^from /, "")
      .replace(/(default) (flink-conf|config)\.yaml$/, "$1")
      .replace(/ \((.*)\)$/, ", $1");
    return ` (${place})`;
  };
  return refusalNumbers(failure, origin);
}

function refusalNumbers(failure: MemoryFailure, origin: (number: string) => string): string {
  const n = failure.numbers;
  const size = (name: string): string => `${toShortSize(n[name] ?? 0n)}${origin(name)}`;
  const sum = (names: readonly string[]): string => toShortSize(names.reduce((total, name) => total + (n[name] ?? 0n), 0n));
  const outside = (what: string, name: string): string =>
    (n[name] ?? 0n) < (n["min"] ?? 0n)
      ? `${what} would be ${size(name)}, below min ${size("min")}`
      : `${what} would be ${size(name)}, above max ${size("max")}`;
  switch (failure.code) {
    case "metaspace-and-overhead-exceed-process":
      return `metaspace ${size("jvmMetaspace")} + JVM overhead ${size("jvmOverhead")} exceed process memory ${size("totalProcess")}`;
    case "process-below-flink-and-metaspace":
      return `process memory ${size("totalProcess")} is below Flink memory ${size("totalFlink")} + metaspace ${size("jvmMetaspace")}`;
    case "overhead-out-of-range":
      return outside("JVM overhead", "jvmOverhead");
    case "components-besides-network-exceed-flink":
      return `its memory besides network (${sum(["frameworkHeap", "frameworkOffHeap", "taskHeap", "taskOffHeap", "managed"])}) exceeds Flink memory ${size("totalFlink")}`;
    case "components-besides-task-heap-exceed-flink":
      return `its memory besides task heap (${sum(["frameworkHeap", "frameworkOffHeap", "taskOffHeap", "managed", "network"])}) exceeds Flink memory ${size("totalFlink")}`;
    case "network-remainder-inconsistent":
      return n["configuredNetwork"] !== undefined
        ? `network memory would be ${size("network")}, not the ${size("configuredNetwork")} the network buffers fix`
        : outside("network memory", "network");
    case "heap-and-off-heap-not-flink":
      return `heap ${size("jvmHeap")} + off-heap ${size("offHeap")} is not Flink memory ${size("totalFlink")}`;
    case "heap-exceeds-flink":
      return `heap ${size("jvmHeap")} exceeds Flink memory ${size("totalFlink")}`;
    case "flink-not-above-off-heap":
      return `Flink memory ${size("totalFlink")} is not above off-heap memory ${size("offHeap")}`;
    default:
      return "its memory sizes do not fit together";
  }
}
