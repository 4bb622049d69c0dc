/**
 * Concrete changes that make Flink start a process it refuses: for each way a derivation fails,
 * the settings a Flink expert would change (raise a total, lower a component, widen a range, remove
 * one of two totals, set the missing total), each checked by re-running the memory model on the
 * changed settings. Where one change only uncovers the next failure (a missing total set, then its
 * overhead range is empty), the next failure's changes are added, up to a few steps.
 * Each checked change becomes advice in the message and, when its edit of the file holds exactly
 * the changed settings once read again, a suggestion.
 */
import type { ConfigValue, Deployment, Fix, RuleContext } from "../../src/types.js";
import { lastEntry } from "./report.js";
import { memoryDerivations, memorySettings, type MemorySettings } from "../../src/engine/memory-facts.js";
import { defineSessionCache } from "../../src/model/session.js";
import {
  deriveJobManagerMemory,
  deriveTaskManagerMemory,
  type JobManagerMemoryResult,
  type MemoryFailure,
  type ProcessKind,
  type TaskManagerMemoryResult,
} from "../../src/model/memory.js";
import { MIB, parseMemorySize, TIB, toConfigText } from "../../src/model/memory-size.js";
import { changedConfig, editsForChanges, holdsChanges, type SettingChange } from "../../src/engine/setting-edits.js";
import { bothTotalsIn } from "./both-totals.js";
import { extended } from "../../src/util/objects.js";

/** What a derivation reads besides the settings. */
export interface FixScope {
  config: ReadonlyMap<string, ConfigValue>;
  flinkVersion: string;
  deployment: Deployment;
  /** Derivations left for finding fixes; without it, no limit. */
  budget?: { left: number };
}

/** One change, and the verb that says it ("raise" `taskmanager.memory.process.size` to 1778m). */
export interface FixStep {
  verb: string;
  change: SettingChange;
}

/** How advice names a key: in backticks, as the file names it. */
export type KeyName = (key: string) => string;

const byKey: KeyName = (key) => `\`${key}\``;

/** "raise `key` to 1778m", "remove `key`". */
function describeStep(step: FixStep, name: KeyName = byKey): string {
  return "remove" in step.change ? `remove ${name(step.change.key)}` : `${step.verb} ${name(step.change.key)} to ${step.change.value}`;
}

/** Flink's shipped total process sizes (flink-dist's default file), for a missing total. */
export const SHIPPED_PROCESS_SIZE: Readonly<Record<ProcessKind, bigint>> = { taskmanager: 1728n * MIB, jobmanager: 1600n * MIB };

/** More steps than this and the advice stops being a fix: it is a new configuration. */
const MAX_STEPS = 4;
/** Points of the even scan for a narrow working window (an overhead range between two totals). */
const SCAN_POINTS = 256n;
/** Enough alternatives for a person to choose from. */
const MAX_SUGGESTIONS = 4;
/**
 * Derivations one failure's fixes may cost (each is some microseconds): enough for every refusal of
 * the conformance cases, and a bound on the time an editor waits for a configuration that fails in
 * many ways at once.
 */
export const FIX_DERIVATION_BUDGET = 4000;

export function derive(scope: FixScope, process: ProcessKind, changes: readonly SettingChange[] = []): TaskManagerMemoryResult | JobManagerMemoryResult {
  const config = changes.length === 0 ? scope.config : changedConfig(scope.config, changes);
  const opts = { flinkVersion: scope.flinkVersion, deployment: scope.deployment };
  return process === "taskmanager" ? deriveTaskManagerMemory(config, opts) : deriveJobManagerMemory(config, opts);
}

/** `derive`, or undefined once the scope's budget is spent (the caller then gives up on this change). */
function tryDerive(scope: FixScope, process: ProcessKind, changes: readonly SettingChange[]): TaskManagerMemoryResult | JobManagerMemoryResult | undefined {
  const budget = scope.budget;
  if (budget !== undefined) {
    if (budget.left <= 0) return undefined;
    budget.left--;
  }
  return derive(scope, process, changes);
}

function starts(scope: FixScope, process: ProcessKind, changes: readonly SettingChange[]): boolean {
  return tryDerive(scope, process, changes)?.ok === true;
}

function within(scope: FixScope, changes: readonly SettingChange[]): FixScope {
  return { ...scope, config: changedConfig(scope.config, changes) };
}

/** How a size is written for `key`: the legacy `*.heap.mb` keys take a plain number of MiB. */
export function sizeValue(key: string, bytes: bigint): string {
  return key.endsWith(".heap.mb") ? `${bytes / MIB}` : toConfigText(bytes);
}

/** Whether a derivation got past `failure`: it succeeds, or fails in another way (a later check). */
function getsPast(failure: MemoryFailure): (result: TaskManagerMemoryResult | JobManagerMemoryResult) => boolean {
  return (result) => result.ok || result.code !== failure.code || result.reason !== failure.reason || rangeOf(result) !== rangeOf(failure);
}

/** Which capped fraction an M7 failure is about (network, JVM overhead): the option Flink names. */
function rangeOf(failure: MemoryFailure): string | undefined {
  return failure.code === "range-fraction-invalid" ? /Key: '([^']+)'/.exec(failure.error)?.[1] : undefined;
}

/**
 * The smallest (direction "up") or largest (direction "down") whole-MiB value for `key`, starting
 * from `current`, with which Flink's derivation of the process passes `passes` (by default: does
 * not fail); undefined if none is found.
 */
export function searchWorkingSize(
  scope: FixScope,
  process: ProcessKind,
  key: string,
  current: bigint,
  direction: "up" | "down",
  passes: (result: TaskManagerMemoryResult | JobManagerMemoryResult) => boolean = (result) => result.ok,
): bigint | undefined {
  const works = (mib: bigint): boolean => {
    if (mib < 0n) return false;
    const result = tryDerive(scope, process, [{ key, value: sizeValue(key, mib * MIB) }]);
    return result !== undefined && passes(result);
  };
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
    const stride = span / SCAN_POINTS + 1n;
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

/** "raise `key` to value" (or set, lower, …). */
export function setting(key: string, value: string, verb: string): FixStep {
  return { verb, change: { key, value } };
}

/** "remove `key`", when the settings have it. */
export function removal(scope: FixScope, key: string | undefined): FixStep | undefined {
  if (key === undefined || !scope.config.has(key)) return undefined;
  return { verb: "remove", change: { key, remove: true } };
}

/**
 * "raise `key` to 1216m": the whole-MiB size closest to `current` (default: the key's size now) that
 * gets the derivation past this failure; whether it then starts is for `fixesFor` to find out.
 */
export function searchedSize(
  scope: FixScope,
  failure: MemoryFailure,
  key: string | undefined,
  direction: "up" | "down",
  verb: string,
  current: bigint | undefined = key === undefined ? undefined : currentBytes(scope, failure, key),
): FixStep | undefined {
  if (key === undefined || current === undefined) return undefined;
  // The size closest to the current one that gets past this failure; if Flink then fails later
  // on, the closest size beyond it that starts the process, else that one (fixesFor goes on from it).
  const past = searchWorkingSize(scope, failure.process, key, current, direction, getsPast(failure));
  if (past === undefined) return undefined;
  const found = starts(scope, failure.process, [{ key, value: sizeValue(key, past) }])
    ? past
    : (searchWorkingSize(scope, failure.process, key, past, direction) ?? past);
  return found === undefined ? undefined : setting(key, sizeValue(key, found), verb);
}

function currentBytes(scope: FixScope, failure: MemoryFailure, key: string): bigint | undefined {
  const number = numberFor(key, failure.process, scope.deployment);
  return (number === undefined ? undefined : failure.numbers[number]) ?? bytesOf(scope, key);
}

/** The failure number that holds a key's current size, when the failure states it (legacy heap keys: SPEC §6). */
function numberFor(key: string, process: ProcessKind, deployment: Deployment): string | undefined {
  if (key.endsWith("process.size")) return "totalProcess";
  if (key.endsWith("flink.size")) return "totalFlink";
  if (/^(taskmanager|jobmanager)\.heap\.(size|mb)$/.test(key)) {
    if (deployment !== "standalone") return "totalProcess";
    return process === "taskmanager" ? "totalFlink" : "jvmHeap";
  }
  if (key === "jobmanager.memory.heap.size") return "jvmHeap";
  return undefined;
}

/** A size setting's bytes as Flink reads them (`*.heap.mb`: a number of MiB), undefined when unreadable. */
function bytesOf(scope: FixScope, key: string): bigint | undefined {
  const value = scope.config.get(key);
  if (value === undefined) return undefined;
  if (key.endsWith(".heap.mb")) return /^\s*\d+\s*$/.test(value.text) ? BigInt(value.text.trim()) * MIB : undefined;
  const parsed = parseMemorySize(value.text);
  return parsed.ok ? parsed.bytes : undefined;
}

/**
 * The key that supplied a total (process/flink size) of a process, if the settings have it. A legacy
 * heap key stands for the TaskManager's Flink total in standalone mode and for the process total of
 * either process on Kubernetes and YARN (SPEC §6); a standalone JobManager reads it as its heap.
 */
export function totalKey(failure: MemoryFailure, suffix: "process.size" | "flink.size", deployment: Deployment = "standalone"): string | undefined {
  const primary = `${failure.process}.memory.${suffix}`;
  const legacyStandsFor = deployment !== "standalone" ? "process.size" : failure.process === "taskmanager" ? "flink.size" : undefined;
  return failure.keys.find((k) => k === primary || (suffix === legacyStandsFor && /^(taskmanager|jobmanager)\.heap\.(size|mb)$/.test(k)));
}

/** The first of the failure's keys that ends with one of `suffixes` and is set. */
function setKey(scope: FixScope, failure: MemoryFailure, ...suffixes: string[]): string | undefined {
  return failure.keys.find((k) => scope.config.has(k) && suffixes.some((s) => k.endsWith(s)));
}

/**
 * The changes worth trying for a failure, most natural first. A size the user did not set is
 * lowered only where Flink's default itself is the problem; metaspace and overhead are not
 * lowered below Flink's defaults unasked.
 */
export function stepsFor(scope: FixScope, failure: MemoryFailure): (FixStep | undefined)[] {
  const n = failure.numbers;
  const p = failure.process;
  const processTotal = totalKey(failure, "process.size", scope.deployment);
  const flinkTotal = totalKey(failure, "flink.size", scope.deployment);
  const anyTotal = flinkTotal ?? processTotal;
  const both = bothTotalsIn(scope.config, p, scope.deployment, scope.flinkVersion);
  switch (failure.code) {
    case "required-options-missing": {
      const key = `${p}.memory.process.size`;
      return [setting(key, toConfigText(SHIPPED_PROCESS_SIZE[p]), "set")];
    }
    case "metaspace-and-overhead-exceed-process":
      return [
        searchedSize(scope, failure, processTotal, "up", "raise"),
        searchedSize(scope, failure, setKey(scope, failure, "jvm-metaspace.size"), "down", "lower"),
        searchedSize(scope, failure, setKey(scope, failure, "jvm-overhead.min"), "down", "lower"),
        removal(scope, setKey(scope, failure, "jvm-overhead.fraction")),
      ];
    case "process-below-flink-and-metaspace":
    case "overhead-out-of-range": {
      const overheadTooBig = failure.code === "overhead-out-of-range" && (n.jvmOverhead ?? 0n) > (n.max ?? 0n);
      const flinkKey = flinkTotal ?? both?.flinkKey;
      const processKey = both?.processKey ?? processTotal;
      if (flinkKey !== undefined && processKey !== undefined) {
        return [
          searchedSize(scope, failure, flinkKey, overheadTooBig ? "up" : "down", overheadTooBig ? "raise" : "lower"),
          searchedSize(scope, failure, processKey, overheadTooBig ? "down" : "up", overheadTooBig ? "lower" : "raise"),
          removal(scope, flinkKey),
          removal(scope, processKey),
        ];
      }
      if (failure.code === "process-below-flink-and-metaspace") {
        return [
          searchedSize(scope, failure, processTotal, "up", "raise"),
          searchedSize(scope, failure, setKey(scope, failure, "task.heap.size"), "down", "lower"),
          searchedSize(scope, failure, setKey(scope, failure, "managed.size", "taskmanager.memory.size"), "down", "lower"),
          searchedSize(scope, failure, setKey(scope, failure, "jobmanager.memory.heap.size"), "down", "lower"),
          searchedSize(scope, failure, setKey(scope, failure, "jvm-metaspace.size"), "down", "lower"),
        ];
      }
      const overhead = n.jvmOverhead ?? 0n;
      const rangeKey = `${p}.memory.jvm-overhead.${overheadTooBig ? "max" : "min"}`;
      return [
        searchedSize(scope, failure, processTotal, overheadTooBig ? "down" : "up", overheadTooBig ? "lower" : "raise"),
        setting(rangeKey, roundedSizeText(overhead, overheadTooBig ? "up" : "down"), overheadTooBig ? "raise" : "lower"),
      ];
    }
    case "range-fraction-invalid": {
      if (failure.reason === "fraction-out-of-range") {
        const key = failure.keys[0];
        const shipped = /default: ([^ ]+) /.exec(failure.error)?.[1];
        return [key === undefined || shipped === undefined ? undefined : setting(key, shipped, "set"), removal(scope, key)];
      }
      const component = failure.error.includes("network") ? "network" : "jvm-overhead";
      const minKey = failure.keys.find((k) => k.endsWith(".min")) ?? `${p}.memory.${component}.min`;
      const maxKey = failure.keys.find((k) => k.endsWith(".max")) ?? `${p}.memory.${component}.max`;
      return [
        removal(scope, minKey),
        removal(scope, maxKey),
        setting(minKey, toConfigText(n.max ?? 0n), "lower"),
        setting(maxKey, toConfigText(n.min ?? 0n), "raise"),
      ];
    }
    case "components-besides-network-exceed-flink":
    case "components-besides-task-heap-exceed-flink":
      return [
        searchedSize(scope, failure, anyTotal, "up", "raise"),
        searchedSize(scope, failure, setKey(scope, failure, "task.heap.size"), "down", "lower"),
        searchedSize(scope, failure, setKey(scope, failure, "managed.size", "taskmanager.memory.size"), "down", "lower"),
        searchedSize(scope, failure, setKey(scope, failure, "network.min", "network.memory.min"), "down", "lower"),
        removal(scope, setKey(scope, failure, "managed.fraction", "network.fraction", "network.memory.fraction")),
      ];
    case "network-remainder-inconsistent": {
      if (n.configuredNetwork !== undefined) return [removal(scope, "taskmanager.network.numberOfBuffers")];
      const network = n.network ?? 0n;
      const tooBig = n.max !== undefined && network > n.max;
      return [
        tooBig
          ? setting(setKey(scope, failure, "network.max", "network.memory.max") ?? "taskmanager.memory.network.max", roundedSizeText(network, "up"), "raise")
          : setting(setKey(scope, failure, "network.min", "network.memory.min") ?? "taskmanager.memory.network.min", roundedSizeText(network, "down"), "lower"),
        searchedSize(scope, failure, anyTotal, tooBig ? "down" : "up", tooBig ? "lower" : "raise"),
        searchedSize(scope, failure, setKey(scope, failure, "task.heap.size"), tooBig ? "up" : "down", tooBig ? "raise" : "lower"),
      ];
    }
    case "heap-and-off-heap-not-flink": {
      const flinkKey = flinkTotal ?? "jobmanager.memory.flink.size";
      return [setting(flinkKey, toConfigText((n.jvmHeap ?? 0n) + (n.offHeap ?? 0n)), "set"), removal(scope, flinkKey)];
    }
    case "heap-exceeds-flink": {
      const flinkKey = flinkTotal ?? "jobmanager.memory.flink.size";
      return [
        searchedSize(scope, failure, flinkKey, "up", "raise"),
        searchedSize(scope, failure, setKey(scope, failure, "jobmanager.memory.heap.size", "jobmanager.heap.size", "jobmanager.heap.mb"), "down", "lower"),
        removal(scope, flinkKey),
      ];
    }
    case "flink-not-above-off-heap":
      // The off-heap size is lowered whether set or Flink's default (128m): either is what does not fit.
      return [
        searchedSize(scope, failure, anyTotal, "up", "raise"),
        searchedSize(scope, failure, "jobmanager.memory.off-heap.size", "down", "lower", n.offHeap),
      ];
    case "cpu-cores-not-positive":
    case "cpu-cores-not-finite":
      // CPU cores come from `taskmanager.cpu.cores`, else the number of slots; both default to 1.
      return [removal(scope, failure.keys[0])];
    default:
      return [];
  }
}

/** A checked fix: its steps (one change each, later ones replacing earlier ones of a key) and its changes. */
export interface FixCandidate {
  steps: FixStep[];
  changes: SettingChange[];
}

/**
 * The fixes for a failure: each step tried alone; a step that only leads to another failure is
 * followed by a step for that one (the changed settings searched again), up to MAX_STEPS. A fix
 * counts when Flink derives the failed process from the changed settings, and still derives the
 * other process if it did before.
 */
export function fixesFor(scope: FixScope, failure: MemoryFailure, first: readonly (FixStep | undefined)[] = stepsFor(scope, failure)): FixCandidate[] {
  const other: ProcessKind = failure.process === "taskmanager" ? "jobmanager" : "taskmanager";
  const otherStarted = derive(scope, other).ok;
  const found: FixCandidate[] = [];
  const seen = new Set<string>();
  const accept = (steps: readonly FixStep[]) => {
    const changes = mergedChanges(steps);
    const identity = JSON.stringify(changes);
    if (seen.has(identity)) return;
    seen.add(identity);
    found.push({ steps: [...steps], changes });
  };
  const chains: FixStep[][] = [];
  for (const step of first) {
    if (step === undefined) continue;
    const result = tryDerive(scope, failure.process, [step.change]);
    if (result?.ok) {
      if (!otherStarted || starts(scope, other, [step.change])) accept([step]);
    } else if (result !== undefined) chains.push([step]);
  }
  // Only when no single change works: a chain is a longer answer, and costs more searches.
  for (let depth = 1; found.length === 0 && depth < MAX_STEPS && chains.length > 0; depth++) {
    const next: FixStep[][] = [];
    for (const chain of chains) {
      const changes = mergedChanges(chain);
      const result = tryDerive(scope, failure.process, changes);
      if (result === undefined || result.ok) continue;
      const inner = within(scope, changes);
      for (const step of stepsFor(inner, result)) {
        if (step === undefined || chain.some((s) => s.change.key === step.change.key && "remove" in s.change)) continue;
        const longer = [...chain, step];
        const all = mergedChanges(longer);
        const outcome = tryDerive(scope, failure.process, all);
        if (outcome?.ok) {
          if (!otherStarted || starts(scope, other, all)) accept(longer);
        } else if (outcome !== undefined) next.push(longer);
      }
      if (found.length >= MAX_SUGGESTIONS) break;
    }
    chains.splice(0, chains.length, ...next.slice(0, MAX_SUGGESTIONS * 2));
  }
  return found.slice(0, MAX_SUGGESTIONS);
}

/** The changes of the steps, a later change of a key replacing an earlier one. */
function mergedChanges(steps: readonly FixStep[]): SettingChange[] {
  const byKey = new Map<string, SettingChange>();
  for (const step of steps) {
    byKey.delete(step.change.key);
    byKey.set(step.change.key, step.change);
  }
  return [...byKey.values()];
}

/**
 * "set `a` to 1728m and remove `b`": a step whose key a later step changes again is left out, and
 * the later one keeps the first one's verb ("set" a missing total, then to a larger size: "set").
 */
export function describeFix(fix: FixCandidate, name: KeyName = byKey): string {
  const steps = fix.steps;
  return steps
    .flatMap((step, i) => {
      if (steps.slice(i + 1).some((later) => later.change.key === step.change.key)) return [];
      const first = steps.find((earlier) => earlier.change.key === step.change.key) ?? step;
      return [describeStep({ ...step, verb: first.verb }, name)];
    })
    .join(" and ");
}

/** Room for the advice in a short message; the fixes left out are counted, and offered as suggestions. */
const ADVICE_LENGTH = 90;
/** The longest message a memory refusal should print (fixes past it are counted instead of named). */
const MESSAGE_LENGTH = 170;
/** What the lead of a refusal's message takes besides its facts: "Flink refuses the TaskManager: ". */
const LEAD_LENGTH = 32;
/** How far past its room a message may run to name one concrete fix rather than none. */
const NEARLY = 25;

/** Room for the advice after a message's facts (`refusalFacts`), and other words of `extra` length. */
export function adviceRoom(facts: string, extra = 0): number {
  return MESSAGE_LENGTH - LEAD_LENGTH - extra - facts.length;
}

/**
 * Fix phrases as the end of a message's sentence: "; lower `a` to 1g, or raise `b` to 2g" ("" when
 * there is none). Fixes are named in their order while they fit in ADVICE_LENGTH; when none fits,
 * the shortest is named.
 */
export function joinFixes(phrases: readonly string[], room: number = ADVICE_LENGTH): string {
  const kept = phrases.filter((p) => p !== "");
  if (kept.length === 0) return "";
  const named: string[] = [];
  let length = 0;
  for (const phrase of kept) {
    const added = (named.length === 0 ? 0 : 5) + phrase.length;
    if (length + added > room - (named.length + 1 < kept.length ? 12 : 0)) continue;
    named.push(phrase);
    length += added;
  }
  if (named.length === 0) {
    // Each fix is long (several changes, or after long facts): the shortest is named when it nearly
    // fits (without the count of the others if need be), else the fixes are only counted.
    const shortest = kept.reduce((a, b) => (b.length < a.length ? b : a));
    const more = kept.length > 1 ? ` (or ${kept.length - 1} more)` : "";
    if (shortest.length + more.length <= room + NEARLY) return `; ${shortest}${more}`;
    if (shortest.length <= room + NEARLY) return `; ${shortest}`;
    return `; ${kept.length === 1 ? "one fix is" : `${kept.length} fixes are`} offered`;
  }
  const others = kept.length - named.length;
  return `; ${named.join(", or ")}${others === 0 ? "" : ` (or ${others} more)`}`;
}

/** What a memory rule offers for a failure: the advice for its message and the suggestions to attach. */
export interface OfferedFixes {
  /** "; raise `a` to 1g, or remove `b`" ("" when nothing works): the end of the message's sentence. */
  phrase: string;
  suggestions: Fix[];
  /** The fixes the phrase counts that are no suggestion (no edit of this text makes them). */
  advice: string[];
}

/** Per memory settings of the run, the fixes searched, by the failed process and the steps asked for. */
const FIXES_BY_SETTINGS = defineSessionCache<MemorySettings, Map<string, readonly FixCandidate[]>>("memory fixes by settings", 512);

/**
 * The checked fixes of a failure as advice and as suggestions: a fix becomes a suggestion when its
 * edit of the text, read again, holds exactly the changed settings (see `holdsChanges`).
 */
export function offerFixes(
  ctx: RuleContext,
  failure: MemoryFailure,
  steps?: readonly (FixStep | undefined)[],
  room?: number,
): OfferedFixes {
  const derived = ctx.facts.get(memoryDerivations);
  const search = (): FixCandidate[] => {
    const scope = extended(derived, { budget: { left: FIX_DERIVATION_BUDGET } });
    return fixesFor(scope, failure, steps ?? stepsFor(scope, failure));
  };
  // The search is a pure function of the memory settings (and the steps asked for); the edits below
  // are the file's own. A failure of the file's own derivation is one of those settings', so the run
  // searches each once (see memorySettings); any other failure is searched here.
  const settings = derived[failure.process] === failure ? ctx.facts.get(memorySettings) : undefined;
  let fixes: readonly FixCandidate[];
  if (settings === undefined) fixes = search();
  else {
    const searched = ctx.session.memo(FIXES_BY_SETTINGS, settings, () => new Map<string, readonly FixCandidate[]>());
    const asked = `${failure.process}\u0000${steps === undefined ? "" : JSON.stringify(steps)}`;
    const known = searched.get(asked);
    fixes = known ?? search();
    if (known === undefined) searched.set(asked, fixes);
  }
  // A key is named as the file sets it (a manifest's `resource.memory`), plain in a suggestion's
  // title; one a host brings in from elsewhere (an image's default file) with where it is set.
  const label = (key: string): string => lastEntry(ctx.doc, key)?.label ?? key;
  const quoted = (key: string): string => {
    const entry = lastEntry(ctx.doc, key);
    if (!entry?.external || entry.label === undefined) return `\`${label(key)}\``;
    // "key (from the image's default file)" or a place: "`key` (from …)", "`key` in the operator's defaults (…)".
    return entry.label.startsWith(key) ? `\`${key}\`${entry.label.slice(key.length)}` : `\`${key}\` in ${entry.label}`;
  };
  // A setting the host brings in (an image's default file) cannot be removed from the user's file,
  // only set over: advice to remove it is left out.
  const removesExternal = (fix: (typeof fixes)[number]) =>
    fix.changes.some((change) => "remove" in change && lastEntry(ctx.doc, change.key)?.external === true);
  const suggestions: Fix[] = [];
  const advice: string[] = [];
  for (const fix of fixes) {
    const edits = ctx.reread && editsForChanges(ctx.doc, fix.changes);
    if (edits && ctx.reread && holdsChanges(ctx.doc, fix.changes, edits, ctx.reread)) {
      suggestions.push({ description: describeFix(fix, label), edits });
    } else if (!removesExternal(fix)) {
      advice.push(describeFix(fix, label));
    }
  }
  return { phrase: joinFixes(fixes.filter((f) => !removesExternal(f)).map((f) => describeFix(f, quoted)), room), suggestions, advice };
}
