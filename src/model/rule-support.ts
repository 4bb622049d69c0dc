/**
 * What the memory rules share: finding the line a key is on, turning a failed derivation into a
 * report on the keys that cause it, and searching for a concrete value that would work.
 */
import type { ConfigDocument, ConfigEntry, ConfigValue, Range, RelatedLocation, RuleContext } from "../types.js";
import { memoryDerivations, type MemoryDerivations } from "./facts.js";
import {
  deriveJobManagerMemory,
  deriveTaskManagerMemory,
  type FailureCode,
  type MemoryFailure,
  type ProcessKind,
} from "./memory.js";
import { MIB, TIB, toConfigText } from "./memory-size.js";

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
  return [d.taskmanager, d.jobmanager].filter(
    (r): r is MemoryFailure => !r.ok && codes.includes(r.code),
  );
}

export function processName(process: ProcessKind): string {
  return process === "taskmanager" ? "TaskManager" : "JobManager";
}

/** The option key of a process (`taskmanager.memory.process.size` / `jobmanager.memory.process.size`). */
export function processKey(process: ProcessKind, suffix: string): string {
  return `${process}.memory.${suffix}`;
}

function derivesWith(d: MemoryDerivations, process: ProcessKind, key: string, bytes: bigint): boolean {
  const config = new Map<string, ConfigValue>(d.config);
  config.set(key, { type: "string", text: `${bytes}b` });
  const opts = { flinkVersion: d.flinkVersion, deployment: d.deployment };
  const result = process === "taskmanager" ? deriveTaskManagerMemory(config, opts) : deriveJobManagerMemory(config, opts);
  return result.ok;
}

/**
 * The smallest (direction "up") or largest (direction "down") whole-MiB value for `key`, starting
 * from `current`, with which Flink derives this process without failing; undefined if none is found.
 */
export function searchWorkingSize(
  d: MemoryDerivations,
  process: ProcessKind,
  key: string,
  current: bigint,
  direction: "up" | "down",
): bigint | undefined {
  const works = (mib: bigint): boolean => mib >= 0n && derivesWith(d, process, key, mib * MIB);
  const start = current / MIB;
  const sign = direction === "up" ? 1n : -1n;
  const limit = direction === "up" ? TIB / MIB - start : start;
  // Probe outward (doubling steps, then an even scan, since a working window can be narrow),
  // then narrow down to the working value closest to the current one.
  let bad = 0n;
  let good: bigint | undefined;
  for (let step = 1n; step <= limit; step *= 2n) {
    if (works(start + sign * step)) {
      good = step;
      break;
    }
    bad = step;
  }
  if (good === undefined) {
    const span = direction === "up" ? (limit < start * 16n ? limit : start * 16n + 64n) : limit;
    const stride = span / 2048n + 1n;
    bad = 0n;
    for (let step = stride; step <= span; step += stride) {
      if (works(start + sign * step)) {
        good = step;
        break;
      }
      bad = step;
    }
  }
  if (good === undefined) return undefined;
  let closest: bigint = good;
  while (closest - bad > 1n) {
    const mid: bigint = (closest + bad) / 2n;
    if (works(start + sign * mid)) closest = mid;
    else bad = mid;
  }
  return (start + sign * closest) * MIB;
}

/** A size rounded to whole MiB in the given direction, as written in a file (`1178m`). */
export function roundedSizeText(bytes: bigint, direction: "up" | "down"): string {
  const mib = direction === "up" ? (bytes + MIB - 1n) / MIB : bytes / MIB;
  return toConfigText(mib * MIB);
}

/** A size as it would be written in the file, e.g. `1216m`. */
export function sizeText(bytes: bigint): string {
  return toConfigText(bytes);
}

/** Reports a failed derivation on the first of its keys in the file, the other keys as related. */
export function reportFailure<M extends string>(
  ctx: RuleContext<M>,
  failure: MemoryFailure,
  messageId: M,
  data: Record<string, string | number | bigint>,
  keys: readonly string[] = failure.keys,
): void {
  const { at, key } = locate(ctx.doc, keys);
  const related = relatedKeys(ctx.doc, [...keys, ...failure.keys], key);
  ctx.report({
    messageId,
    at,
    ...(key !== undefined ? { key } : {}),
    data: { process: processName(failure.process), flinkMessage: failure.error, ...data },
    ...(related.length > 0 ? { related } : {}),
  });
}

/** The key that supplied a total (process/flink size) of a process, if the file sets it. */
export function totalKey(failure: MemoryFailure, suffix: "process.size" | "flink.size"): string | undefined {
  const primary = processKey(failure.process, suffix);
  return failure.keys.find((k) => k === primary || (suffix === "flink.size" && /^(taskmanager|jobmanager)\.heap\.(size|mb)$/.test(k)));
}

/** " or raise `key` to 1216m" style phrase, or "" when no working value exists. */
export function fixPhrase(
  ctx: RuleContext,
  failure: MemoryFailure,
  key: string | undefined,
  direction: "up" | "down",
  verb: string,
): string {
  if (key === undefined) return "";
  const current = failure.numbers[currentNumberFor(key)] ?? currentBytes(ctx.doc, key);
  if (current === undefined) return "";
  const found = searchWorkingSize(derivations(ctx), failure.process, key, current, direction);
  return found === undefined ? "" : `${verb} \`${key}\` to ${sizeText(found)}`;
}

function currentNumberFor(key: string): string {
  if (key.endsWith("process.size")) return "totalProcess";
  if (key.endsWith("flink.size") || /heap\.(size|mb)$/.test(key)) return "totalFlink";
  return key;
}

function currentBytes(doc: ConfigDocument, key: string): bigint | undefined {
  const value = doc.config.get(key);
  if (value === undefined) return undefined;
  const match = /^\s*(\d+)\s*([kmgt]?)b?\s*$/i.exec(value.text);
  if (!match) return undefined;
  const multipliers: Record<string, bigint> = { "": 1n, k: 1024n, m: MIB, g: 1024n * MIB, t: TIB };
  return BigInt(match[1] ?? "0") * (multipliers[(match[2] ?? "").toLowerCase()] ?? 1n);
}

/** Joins fix phrases: "a, or b". */
export function joinFixes(phrases: readonly string[]): string {
  const kept = phrases.filter((p) => p !== "");
  if (kept.length === 0) return "";
  // The advice follows Flink's message, which ends a sentence: start a new one.
  const sentence = kept.join(", or ");
  return ` ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
