/**
 * What the memory rules share: finding the line a key is on, and turning a failed derivation into a
 * report on the keys that cause it (the fixes it carries come from memory-fixes.ts).
 */
import type { ConfigDocument, ConfigEntry, Fix, Range, RelatedLocation, RuleContext } from "../types.js";
import { memoryDerivations, type MemoryDerivations } from "./facts.js";
import type { FailureCode, MemoryFailure, ProcessKind } from "./memory.js";

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
  });
}

