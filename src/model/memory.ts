/**
 * Flink's TaskManager and JobManager process-memory derivation, byte for byte
 * (ProcessMemoryUtils, TaskExecutorFlinkMemoryUtils, JobManagerFlinkMemoryUtils,
 * TaskExecutorProcessUtils, JobManagerProcessUtils, MemoryBackwardsCompatibilityUtils).
 *
 * The code follows Flink's order of reads and checks, because that order decides which of several
 * problems Flink reports. Internally it throws JavaExceptions like Flink; the exported functions
 * catch them and return plain results, so they never throw.
 */
import type { ConfigValue, Deployment } from "../types.js";
import { javaDoubleToString } from "../util/java.js";
import { FlinkConfiguration } from "./configuration.js";
import type { OptionType, OptionValue } from "./convert.js";
import {
  ARITHMETIC,
  ILLEGAL_ARGUMENT,
  ILLEGAL_CONFIGURATION,
  JavaException,
  NULL_POINTER,
  NUMBER_FORMAT,
} from "./java-exception.js";
import { javaHashMapOrder } from "./java-hashmap.js";
import { INT_MAX, LONG_MAX, MIB, toHumanReadableString as hr } from "./memory-size.js";
import {
  describeOption,
  jobManagerOptions,
  taskManagerOptions,
  type JobManagerOptions,
  type OptionDef,
  type TaskManagerOptions,
} from "./options.js";
import { versionFacts, type VersionFacts } from "./versions.js";

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

/** Stable ids of the ways a derivation fails (SPEC §9). */
export type FailureCode =
  | "M1" // nothing required configured
  | "M2" // metaspace + overhead exceed total process
  | "M3" // total process below total flink + metaspace
  | "M4" // overhead remainder outside its range
  | "M6" // a memory size value cannot be read
  | "M7" // a capped fraction's min > max, or fraction outside [0, 1)
  | "M8" // a fraction/number/boolean value cannot be parsed
  | "T1" // task heap + managed + framework exceed total flink
  | "T2" // managed + network + framework exceed total flink
  | "T3" // network remainder outside its range / buffers
  | "T9" // negative legacy heap MB
  | "T11" // no positive number of CPU cores
  | "T12" // CPU cores not a finite number
  | "S1" // segment size invalid for legacy network buffers
  | "J2" // JM heap + off-heap ≠ total flink
  | "J3" // JM heap exceeds total flink
  | "J4" // JM total flink ≤ off-heap
  | "A1" // 64-bit overflow
  | "A2"; // a size became negative

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
  /** For M7: which check failed. */
  reason?: "min-above-max" | "fraction-out-of-range";
  /** Keys that cause it, primary first, including whatever deprecated or legacy key supplied a value. */
  keys: string[];
  /** The sizes involved, in bytes, for concrete fixes. */
  numbers: Record<string, bigint>;
  /** The fraction involved (M7), as Flink used it. */
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

interface FailureInfo {
  code: FailureCode;
  keys: string[];
  numbers: Record<string, bigint>;
  reason?: MemoryFailure["reason"];
  fraction?: number;
}

interface RangeFraction {
  min: bigint;
  max: bigint;
  fraction: number;
  fractionKey: string | undefined;
  minKey: string | undefined;
  maxKey: string | undefined;
}

/** The options of the JVM part, shared by TM and JM. */
interface JvmOptions {
  totalProcess: OptionDef<"memory">;
  totalFlink: OptionDef<"memory">;
  jvmMetaspace: OptionDef<"memory">;
  jvmOverheadMin: OptionDef<"memory">;
  jvmOverheadMax: OptionDef<"memory">;
  jvmOverheadFraction: OptionDef<"float">;
}

interface JvmPart {
  metaspace: bigint;
  overhead: bigint;
}

const PREFIX_TM = "TaskManager memory configuration failed: ";
const PREFIX_TM_LEGACY = "TaskManager failed to map legacy JVM heap option to the new one: ";
const PREFIX_JM = "JobManager memory configuration failed: ";
const JM_MIN_HEAP = 128n * MIB;

/** `BigDecimal.valueOf(d)` as (unscaled, scale): the digits of Java's `Double.toString(d)`. */
function decimalOf(d: number): { unscaled: bigint; scale: number } {
  let decimal = decimals.get(d);
  if (decimal === undefined) {
    // A run over thousands of files multiplies by the same few fractions (0.4, 0.1, 0.25, …).
    if (decimals.size >= 1024) decimals.clear();
    decimals.set(d, (decimal = computeDecimal(d)));
  }
  return decimal;
}

const decimals = new Map<number, { unscaled: bigint; scale: number }>();

function computeDecimal(d: number): { unscaled: bigint; scale: number } {
  const text = javaDoubleToString(d);
  const [mantissa, expText] = text.split("E") as [string, string | undefined];
  const negative = mantissa.startsWith("-");
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const [intPart, fracPart = ""] = unsigned.split(".") as [string, string | undefined];
  let unscaled = BigInt(`${intPart}${fracPart}`);
  if (negative) unscaled = -unscaled;
  return { unscaled, scale: fracPart.length - Number(expText ?? "0") };
}

/** One derivation run: the configuration, what Flink logs, and what each failure is about. */
class Derivation {
  readonly adjustments: MemoryAdjustment[] = [];
  private readonly failureInfo = new Map<JavaException, FailureInfo>();
  private readonly deprecatedReported = new Set<string>();

  constructor(
    public conf: FlinkConfiguration,
    readonly facts: VersionFacts,
    /** When given, the key of every option read, in order (what `traceMemoryReads` returns). */
    private readonly readLog?: string[],
  ) {}

  info(e: JavaException): FailureInfo | undefined {
    return this.failureInfo.get(e);
  }

  tag(e: JavaException, info: FailureInfo): JavaException {
    this.failureInfo.set(e, info);
    return e;
  }

  /** The first tagged exception along the chain, outermost first. */
  describe(e: JavaException): FailureInfo {
    for (let c: JavaException | undefined = e; c !== undefined; c = c.javaCause) {
      const info = this.failureInfo.get(c);
      if (info !== undefined) return info;
    }
    return { code: "A1", keys: [], numbers: {} };
  }

  fail(code: FailureCode, message: string, keys: Array<string | undefined>, numbers: Record<string, bigint> = {}): never {
    throw this.tag(new JavaException(ILLEGAL_CONFIGURATION, message), { code, keys: present(keys), numbers });
  }

  /** Source keys of the options that are present, in order. */
  keysOf(...options: OptionDef[]): string[] {
    return present(options.map((o) => this.conf.sourceKey(o)));
  }

  private noteDeprecated(option: OptionDef): void {
    const key = this.conf.lookupKey(option);
    if (key === undefined || key === option.key || this.deprecatedReported.has(key)) return;
    this.deprecatedReported.add(key);
    this.adjustments.push({
      kind: "deprecated-key-used",
      keys: [key, option.key],
      message: `Config uses deprecated configuration key '${key}' instead of proper key '${option.key}'`,
    });
  }

  /** `Configuration.get(option)`, tagging a parse failure with the key that supplied the value. */
  read<T extends OptionType>(option: OptionDef<T>): OptionValue<T> | undefined {
    this.readLog?.push(option.key);
    try {
      const value = this.conf.get(option);
      this.noteDeprecated(option);
      return value;
    } catch (e) {
      if (e instanceof JavaException) {
        this.tag(e, { code: option.type === "memory" ? "M6" : "M8", keys: this.keysOf(option), numbers: {} });
      }
      throw e;
    }
  }

  /** `ProcessMemoryUtils.getMemorySizeFromConfig`. */
  readMemory(option: OptionDef<"memory">): bigint {
    let cause: JavaException;
    try {
      const value = this.read(option);
      if (value !== undefined) return value;
      cause = new JavaException(NULL_POINTER, "The memory option is not set and has no default value.");
    } catch (e) {
      if (!(e instanceof JavaException)) throw e;
      cause = e;
    }
    throw this.tag(
      new JavaException(ILLEGAL_CONFIGURATION, `Cannot read memory size from config option '${option.key}'.`, cause),
      { code: "M6", keys: this.keysOf(option), numbers: {} },
    );
  }

  readNumber<T extends "float" | "double" | "int">(option: OptionDef<T>): number {
    return this.read(option) as number;
  }

  add(a: bigint, b: bigint, keys: Array<string | undefined> = []): bigint {
    const sum = a + b;
    if (sum > LONG_MAX) throw this.tag(new JavaException(ARITHMETIC, "long overflow"), { code: "A1", keys: present(keys), numbers: {} });
    return sum;
  }

  sum(values: bigint[], keys: Array<string | undefined> = []): bigint {
    return values.reduce((acc, v) => this.add(acc, v, keys), 0n);
  }

  subtract(a: bigint, b: bigint, keys: Array<string | undefined> = []): bigint {
    const difference = a - b;
    if (difference < 0n) {
      throw this.tag(new JavaException(ILLEGAL_ARGUMENT, "bytes must be >= 0"), { code: "A2", keys: present(keys), numbers: {} });
    }
    return difference;
  }

  /** `MemorySize.multiply(d)`: exact decimal product with `Double.toString(d)`, truncated. */
  multiply(bytes: bigint, d: number, keys: Array<string | undefined> = []): bigint {
    if (!(d >= 0)) throw this.tag(new JavaException(ILLEGAL_ARGUMENT, "multiplier must be >= 0"), { code: "A2", keys: present(keys), numbers: {} });
    if (!Number.isFinite(d)) {
      throw this.tag(
        new JavaException(NUMBER_FORMAT, 'Character I is neither a decimal digit number, decimal point, nor "e" notation exponential mark.'),
        { code: "A1", keys: present(keys), numbers: {} },
      );
    }
    const { unscaled, scale } = decimalOf(d);
    const product = bytes * unscaled;
    let overflow: boolean;
    let result: bigint;
    if (scale <= 0) {
      result = product * 10n ** BigInt(-scale);
      overflow = result > LONG_MAX;
    } else {
      const divisor = 10n ** BigInt(scale);
      result = product / divisor;
      overflow = product > LONG_MAX * divisor;
    }
    if (overflow) throw this.tag(new JavaException(ARITHMETIC, "long overflow"), { code: "A1", keys: present(keys), numbers: {} });
    return result;
  }

  /** `ProcessMemoryUtils.getRangeFraction`: reads the fraction, then validates min ≤ max and [0, 1). */
  rangeFraction(
    min: bigint,
    max: bigint,
    fractionOption: OptionDef<"float">,
    minOption?: OptionDef<"memory">,
    maxOption?: OptionDef<"memory">,
  ): RangeFraction {
    const fraction = this.readNumber(fractionOption);
    const minKey = minOption && this.conf.sourceKey(minOption);
    const maxKey = maxOption && this.conf.sourceKey(maxOption);
    const fractionKey = this.conf.sourceKey(fractionOption);
    let problem: string | undefined;
    let reason: MemoryFailure["reason"];
    if (!(min <= max)) {
      problem = "min value must be less or equal to max value";
      reason = "min-above-max";
    } else if (!(fraction >= 0 && fraction < 1)) {
      problem = "fraction must be in range [0, 1)";
      reason = "fraction-out-of-range";
    }
    if (problem !== undefined) {
      const message = `Inconsistently configured ${describeOption(fractionOption)} (${javaDoubleToString(fraction)}) and its min (${hr(min)}), max (${hr(max)}) value`;
      const keys = reason === "min-above-max" ? present([minKey, maxKey]) : present([fractionKey]);
      throw this.tag(new JavaException(ILLEGAL_CONFIGURATION, message, new JavaException(ILLEGAL_ARGUMENT, problem)), {
        code: "M7",
        keys,
        numbers: { min, max },
        fraction,
        ...(reason === undefined ? {} : { reason }),
      });
    }
    return { min, max, fraction, fractionKey, minKey, maxKey };
  }

  /** `capToMinMax`: max is checked first; a capped value is logged as Flink logs it. */
  capToMinMax(description: string, component: string, relative: bigint, rf: RangeFraction, fractionOf?: bigint): { bytes: bigint; how: ComponentHow } {
    const cap =
      relative > rf.max
        ? { how: "capped-max" as const, bytes: rf.max, key: rf.maxKey, words: "greater than its max", bound: "max" }
        : relative < rf.min
          ? { how: "capped-min" as const, bytes: rf.min, key: rf.minKey, words: "less than its min", bound: "min" }
          : undefined;
    if (cap === undefined) return { bytes: relative, how: "fraction" };
    this.adjustments.push({
      kind: cap.how,
      component,
      keys: present([rf.fractionKey, cap.key]),
      message: `The derived from fraction ${description} (${hr(relative)}) is ${cap.words} value ${hr(cap.bytes)}, ${cap.bound} value will be used instead`,
      bytes: cap.bytes,
      derivedBytes: relative,
      fraction: rf.fraction,
      ...(fractionOf === undefined ? {} : { fractionOf }),
    });
    return { bytes: cap.bytes, how: cap.how };
  }

  deriveWithFraction(description: string, component: string, base: bigint, rf: RangeFraction): { bytes: bigint; how: ComponentHow } {
    return this.capToMinMax(description, component, this.multiply(base, rf.fraction), rf, base);
  }

  deriveWithInverseFraction(description: string, component: string, base: bigint, rf: RangeFraction): { bytes: bigint; how: ComponentHow } {
    const relative = this.multiply(base, rf.fraction / (1 - rf.fraction));
    // The fraction is of the total this makes up with the rest: base + relative.
    return this.capToMinMax(description, component, relative, rf, base + relative);
  }
}

/** The keys that are set, each once, in order (a loop: every derivation calls this many times). */
function present(keys: ReadonlyArray<string | undefined>): string[] {
  const kept: string[] = [];
  for (const key of keys) if (key !== undefined && !kept.includes(key)) kept.push(key);
  return kept;
}

function configuredOr(d: Derivation, option: OptionDef, fallback: ComponentHow = "default"): ComponentSource {
  const key = d.conf.sourceKey(option);
  return key === undefined ? { how: fallback } : { how: "configured", key };
}

// ---------------------------------------------------------------------------------------------
// JVM metaspace and overhead (ProcessMemoryUtils)
// ---------------------------------------------------------------------------------------------

function overheadRangeFraction(d: Derivation, o: JvmOptions): RangeFraction {
  const min = d.readMemory(o.jvmOverheadMin);
  const max = d.readMemory(o.jvmOverheadMax);
  return d.rangeFraction(min, max, o.jvmOverheadFraction, o.jvmOverheadMin, o.jvmOverheadMax);
}

interface JvmDerivation extends JvmPart {
  totalProcess: bigint;
  overheadSource: ComponentSource;
  totalProcessSource: ComponentSource;
}

/** Process branch: overhead is a fraction of the configured total process memory. */
function jvmWithTotalProcess(d: Derivation, o: JvmOptions, totalProcess: bigint): JvmDerivation {
  const metaspace = d.readMemory(o.jvmMetaspace);
  const rf = overheadRangeFraction(d, o);
  const overhead = d.deriveWithFraction("jvm overhead memory", "jvmOverhead", totalProcess, rf);
  const processKey = d.conf.sourceKey(o.totalProcess);
  const jvmTotal = d.add(metaspace, overhead.bytes, [d.conf.sourceKey(o.jvmMetaspace), processKey]);
  if (jvmTotal > totalProcess) {
    d.fail(
      "M2",
      `Sum of configured JVM Metaspace (${hr(metaspace)}) and JVM Overhead (${hr(overhead.bytes)}) exceed configured Total Process Memory (${hr(totalProcess)}).`,
      [processKey, d.conf.sourceKey(o.jvmMetaspace), rf.minKey, rf.fractionKey],
      { totalProcess, jvmMetaspace: metaspace, jvmOverhead: overhead.bytes },
    );
  }
  return {
    metaspace,
    overhead: overhead.bytes,
    totalProcess,
    overheadSource: { how: overhead.how, ...(rf.fractionKey ? { key: rf.fractionKey } : {}) },
    totalProcessSource: configuredOr(d, o.totalProcess),
  };
}

/** Total Flink known: overhead is the remainder of a configured process size, else an inverse fraction. */
function jvmFromTotalFlink(d: Derivation, o: JvmOptions, totalFlink: bigint, flinkKeys: string[]): JvmDerivation {
  const metaspaceKey = d.conf.sourceKey(o.jvmMetaspace);
  let metaspace = d.readMemory(o.jvmMetaspace);
  let flinkAndMetaspace = d.add(totalFlink, metaspace, [...flinkKeys, metaspaceKey]);
  if (d.conf.contains(o.totalProcess)) {
    const processKey = d.conf.sourceKey(o.totalProcess);
    const totalProcess = d.readMemory(o.totalProcess);
    metaspace = d.readMemory(o.jvmMetaspace);
    flinkAndMetaspace = d.add(totalFlink, metaspace, [...flinkKeys, metaspaceKey]);
    if (totalProcess < flinkAndMetaspace) {
      if (!d.facts.explicitProcessBelowFlinkCheck) d.subtract(totalProcess, flinkAndMetaspace, [processKey, ...flinkKeys]);
      d.fail(
        "M3",
        `The configured Total Process Memory size (${hr(totalProcess)}) is less than the sum of the derived Total Flink Memory size (${hr(totalFlink)}) and the configured or default JVM Metaspace size  (${hr(metaspace)}).`,
        [processKey, ...flinkKeys, metaspaceKey],
        { totalProcess, totalFlink, jvmMetaspace: metaspace },
      );
    }
    const overhead = totalProcess - flinkAndMetaspace;
    const rf = overheadRangeFraction(d, o);
    if (overhead > rf.max || overhead < rf.min) {
      d.fail(
        "M4",
        `Derived JVM Overhead size (${hr(overhead)}) is not in configured JVM Overhead range [${hr(rf.min)}, ${hr(rf.max)}].`,
        [processKey, ...flinkKeys, overhead > rf.max ? rf.maxKey : rf.minKey, metaspaceKey],
        { jvmOverhead: overhead, min: rf.min, max: rf.max, totalProcess, totalFlink, jvmMetaspace: metaspace },
      );
    }
    if (rf.fractionKey !== undefined) {
      const byFraction = d.multiply(totalProcess, rf.fraction);
      if (byFraction !== overhead) {
        d.adjustments.push({
          kind: "fraction-ignored",
          component: "jvmOverhead",
          keys: present([rf.fractionKey, processKey, ...flinkKeys]),
          message: `The derived JVM Overhead size (${hr(overhead)}) does not match the configured or default JVM Overhead fraction (${javaDoubleToString(rf.fraction)}) from the configured Total Process Memory size (${hr(totalProcess)}). The derived JVM Overhead size will be used.`,
          bytes: overhead,
          derivedBytes: byFraction,
          fraction: rf.fraction,
          fractionOf: totalProcess,
        });
      }
    }
    return {
      metaspace,
      overhead,
      totalProcess,
      overheadSource: { how: "remainder" },
      totalProcessSource: configuredOr(d, o.totalProcess),
    };
  }
  const rf = overheadRangeFraction(d, o);
  const overhead = d.deriveWithInverseFraction("jvm overhead memory", "jvmOverhead", flinkAndMetaspace, rf);
  const totalProcess = d.add(flinkAndMetaspace, overhead.bytes, flinkKeys);
  return {
    metaspace,
    overhead: overhead.bytes,
    totalProcess,
    overheadSource: { how: overhead.how, ...(rf.fractionKey ? { key: rf.fractionKey } : {}) },
    totalProcessSource: { how: "derived" },
  };
}

function requiredOptionsMissing(d: Derivation, fineGrainedKeys: string[], o: JvmOptions): never {
  d.fail(
    "M1",
    `Either required fine-grained memory (${fineGrainedKeys.join(" and ")}), or Total Flink Memory size (${describeOption(o.totalFlink)}), or Total Process Memory size (${describeOption(o.totalProcess)}) need to be configured explicitly.`,
    [],
  );
}

// ---------------------------------------------------------------------------------------------
// TaskManager (TaskExecutorFlinkMemoryUtils, TaskExecutorProcessUtils)
// ---------------------------------------------------------------------------------------------

interface TaskManagerFlinkMemory {
  frameworkHeap: bigint;
  frameworkOffHeap: bigint;
  taskHeap: bigint;
  taskOffHeap: bigint;
  network: bigint;
  managed: bigint;
  sources: {
    frameworkHeap: ComponentSource;
    frameworkOffHeap: ComponentSource;
    taskHeap: ComponentSource;
    taskOffHeap: ComponentSource;
    network: ComponentSource;
    managed: ComponentSource;
  };
}

function usesLegacyNetworkBuffers(d: Derivation, o: TaskManagerOptions): boolean {
  if (!d.facts.legacyNetworkBuffers) return false;
  const anyNetworkConfigured =
    d.conf.contains(o.networkMin) || d.conf.contains(o.networkMax) || d.conf.contains(o.networkFraction);
  return !anyNetworkConfigured && d.conf.contains(o.networkBuffers);
}

/** `ConfigurationParserUtils.getPageSize`'s checks of a segment size: what Flink throws, if anything. */
export function segmentSizeException(segment: bigint): JavaException | undefined {
  if (segment > INT_MAX) return new JavaException(ILLEGAL_ARGUMENT, `Cannot downcast long value ${segment} to integer.`);
  const invalid = (detail: string): JavaException =>
    new JavaException(ILLEGAL_CONFIGURATION, `Invalid configuration value for taskmanager.memory.segment-size : ${segment} - ${detail}`);
  if (segment < 4096n) return invalid("Minimum memory segment size is 4096");
  if ((segment & (segment - 1n)) !== 0n) return invalid("Memory segment size must be a power of 2.");
  return undefined;
}

/** `numberOfBuffers × segment-size`, with `ConfigurationParserUtils.getPageSize` checks. */
function legacyNetworkSize(d: Derivation, o: TaskManagerOptions): bigint {
  const buffers = BigInt(d.readNumber(o.networkBuffers));
  const segmentKey = d.conf.sourceKey(o.segmentSize);
  const segment = d.read(o.segmentSize) ?? 0n;
  const invalidSegment = segmentSizeException(segment);
  if (invalidSegment !== undefined) {
    // The downcast fails before the buffer count matters.
    const keys = invalidSegment.className === ILLEGAL_ARGUMENT ? [segmentKey] : [segmentKey, d.conf.sourceKey(o.networkBuffers)];
    throw d.tag(invalidSegment, { code: "S1", keys: present(keys), numbers: { segmentSize: segment } });
  }
  const bytes = buffers * segment;
  if (bytes < 0n) {
    throw d.tag(new JavaException(ILLEGAL_ARGUMENT, "bytes must be >= 0"), {
      code: "A2",
      keys: present([d.conf.sourceKey(o.networkBuffers)]),
      numbers: {},
    });
  }
  return bytes;
}

function networkRangeFraction(d: Derivation, o: TaskManagerOptions): RangeFraction {
  const min = d.readMemory(o.networkMin);
  const max = d.readMemory(o.networkMax);
  return d.rangeFraction(min, max, o.networkFraction, o.networkMin, o.networkMax);
}

/** Network as the rest of a known Total Flink: checked against its range (or the legacy buffers), else T3. */
function checkNetworkRemainder(
  d: Derivation,
  o: TaskManagerOptions,
  network: bigint,
  totalFlink: bigint,
  remainderKeys: string[],
): void {
  try {
    if (usesLegacyNetworkBuffers(d, o)) {
      const configured = legacyNetworkSize(d, o);
      if (configured !== network) {
        d.fail(
          "T3",
          `Derived Network Memory size (${hr(network)}) does not match configured Network Memory size (${hr(configured)}).`,
          [...remainderKeys, d.conf.sourceKey(o.networkBuffers)],
          { network, configuredNetwork: configured, totalFlink },
        );
      }
      return;
    }
    const rf = networkRangeFraction(d, o);
    if (network > rf.max || network < rf.min) {
      d.fail(
        "T3",
        `Derived Network Memory size (${hr(network)}) is not in configured Network Memory range [${hr(rf.min)}, ${hr(rf.max)}].`,
        [...remainderKeys, network > rf.max ? rf.maxKey : rf.minKey],
        { network, min: rf.min, max: rf.max, totalFlink },
      );
    }
    if (rf.fractionKey !== undefined) {
      const byFraction = d.multiply(totalFlink, rf.fraction);
      if (byFraction !== network) {
        d.adjustments.push({
          kind: "fraction-ignored",
          component: "network",
          keys: present([rf.fractionKey, ...remainderKeys]),
          message: `The derived Network Memory size (${hr(network)}) does not match the configured Network Memory fraction (${javaDoubleToString(rf.fraction)}) from the configured Total Flink Memory size (${hr(totalFlink)}). The derived Network Memory size will be used.`,
          bytes: network,
          derivedBytes: byFraction,
          fraction: rf.fraction,
          fractionOf: totalFlink,
        });
      }
    }
  } catch (e) {
    if (!(e instanceof JavaException) || e.className !== ILLEGAL_CONFIGURATION) throw e;
    const wrapped = new JavaException(
      ILLEGAL_CONFIGURATION,
      "If Total Flink, Task Heap and (or) Managed Memory sizes are explicitly configured then the Network Memory size is the rest of the Total Flink memory after subtracting all other configured types of memory, but the derived Network Memory is inconsistent with its configuration.",
      e,
    );
    const inner = d.info(e);
    if (inner?.code === "T3") d.tag(wrapped, inner);
    throw wrapped;
  }
}

function managedAbsoluteOrFraction(d: Derivation, o: TaskManagerOptions, base: bigint): { bytes: bigint; source: ComponentSource } {
  if (d.conf.contains(o.managedSize)) {
    return { bytes: d.readMemory(o.managedSize), source: configuredOr(d, o.managedSize) };
  }
  const rf = d.rangeFraction(0n, LONG_MAX, o.managedFraction);
  const derived = d.deriveWithFraction("managed memory", "managed", base, rf);
  return { bytes: derived.bytes, source: { how: derived.how, ...(rf.fractionKey ? { key: rf.fractionKey } : {}) } };
}

function networkSource(d: Derivation, o: TaskManagerOptions, how: ComponentHow): ComponentSource {
  const key =
    how === "capped-min"
      ? d.conf.sourceKey(o.networkMin)
      : how === "capped-max"
        ? d.conf.sourceKey(o.networkMax)
        : d.conf.sourceKey(o.networkFraction);
  return { how, ...(key ? { key } : {}) };
}

function tmFromFineGrained(d: Derivation, o: TaskManagerOptions): TaskManagerFlinkMemory {
  const taskHeap = d.readMemory(o.taskHeap);
  const managed = d.readMemory(o.managedSize);
  const frameworkHeap = d.readMemory(o.frameworkHeap);
  const frameworkOffHeap = d.readMemory(o.frameworkOffHeap);
  const taskOffHeap = d.readMemory(o.taskOffHeap);
  const componentKeys = d.keysOf(o.taskHeap, o.managedSize, o.frameworkHeap, o.frameworkOffHeap, o.taskOffHeap);
  const withoutNetwork = d.sum([frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed], componentKeys);
  let network: bigint;
  let source: ComponentSource;
  if (d.conf.contains(o.totalFlink)) {
    const flinkKey = d.conf.sourceKey(o.totalFlink);
    const totalFlink = d.readMemory(o.totalFlink);
    if (withoutNetwork > totalFlink) {
      failT1(d, o, { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed, totalFlink });
    }
    network = totalFlink - withoutNetwork;
    checkNetworkRemainder(d, o, network, totalFlink, present([flinkKey, ...componentKeys]));
    source = { how: "remainder" };
  } else if (usesLegacyNetworkBuffers(d, o)) {
    network = legacyNetworkSize(d, o);
    source = { how: "configured", key: o.networkBuffers.key };
  } else {
    const derived = d.deriveWithInverseFraction("network memory", "network", withoutNetwork, networkRangeFraction(d, o));
    network = derived.bytes;
    source = networkSource(d, o, derived.how);
  }
  return {
    frameworkHeap,
    frameworkOffHeap,
    taskHeap,
    taskOffHeap,
    network,
    managed,
    sources: {
      frameworkHeap: configuredOr(d, o.frameworkHeap),
      frameworkOffHeap: configuredOr(d, o.frameworkOffHeap),
      taskHeap: configuredOr(d, o.taskHeap),
      taskOffHeap: configuredOr(d, o.taskOffHeap),
      network: source,
      managed: configuredOr(d, o.managedSize),
    },
  };
}

function failT1(
  d: Derivation,
  o: TaskManagerOptions,
  n: { frameworkHeap: bigint; frameworkOffHeap: bigint; taskHeap: bigint; taskOffHeap: bigint; managed: bigint; totalFlink: bigint },
): never {
  d.fail(
    "T1",
    `Sum of configured Framework Heap Memory (${hr(n.frameworkHeap)}), Framework Off-Heap Memory (${hr(n.frameworkOffHeap)}), Task Heap Memory (${hr(n.taskHeap)}), Task Off-Heap Memory (${hr(n.taskOffHeap)}) and Managed Memory (${hr(n.managed)}) exceed configured Total Flink Memory (${hr(n.totalFlink)}).`,
    [
      d.conf.sourceKey(o.taskHeap),
      d.conf.sourceKey(o.managedSize),
      d.conf.sourceKey(o.totalFlink) ?? d.conf.sourceKey(o.totalProcess),
      d.conf.sourceKey(o.managedFraction),
      d.conf.sourceKey(o.frameworkHeap),
      d.conf.sourceKey(o.frameworkOffHeap),
      d.conf.sourceKey(o.taskOffHeap),
    ],
    n,
  );
}

function tmFromTotalFlink(d: Derivation, o: TaskManagerOptions, totalFlink: bigint, flinkKeys: string[]): TaskManagerFlinkMemory {
  const frameworkHeap = d.readMemory(o.frameworkHeap);
  const frameworkOffHeap = d.readMemory(o.frameworkOffHeap);
  const taskOffHeap = d.readMemory(o.taskOffHeap);
  const fixedSources = {
    frameworkHeap: configuredOr(d, o.frameworkHeap),
    frameworkOffHeap: configuredOr(d, o.frameworkOffHeap),
    taskOffHeap: configuredOr(d, o.taskOffHeap),
  };
  if (d.conf.contains(o.taskHeap)) {
    const taskHeap = d.readMemory(o.taskHeap);
    const managed = managedAbsoluteOrFraction(d, o, totalFlink);
    const componentKeys = d.keysOf(o.taskHeap, o.managedSize, o.frameworkHeap, o.frameworkOffHeap, o.taskOffHeap);
    const withoutNetwork = d.sum([frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed.bytes], componentKeys);
    if (withoutNetwork > totalFlink) {
      failT1(d, o, { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed: managed.bytes, totalFlink });
    }
    const network = totalFlink - withoutNetwork;
    checkNetworkRemainder(d, o, network, totalFlink, present([...flinkKeys, ...componentKeys]));
    return {
      frameworkHeap,
      frameworkOffHeap,
      taskHeap,
      taskOffHeap,
      network,
      managed: managed.bytes,
      sources: { ...fixedSources, taskHeap: configuredOr(d, o.taskHeap), managed: managed.source, network: { how: "remainder" } },
    };
  }
  const managed = managedAbsoluteOrFraction(d, o, totalFlink);
  let network: bigint;
  let networkFrom: ComponentSource;
  if (usesLegacyNetworkBuffers(d, o)) {
    network = legacyNetworkSize(d, o);
    networkFrom = { how: "configured", key: o.networkBuffers.key };
  } else {
    const derived = d.deriveWithFraction("network memory", "network", totalFlink, networkRangeFraction(d, o));
    network = derived.bytes;
    networkFrom = networkSource(d, o, derived.how);
  }
  const componentKeys = d.keysOf(o.managedSize, o.frameworkHeap, o.frameworkOffHeap, o.taskOffHeap, o.networkMin);
  const withoutTaskHeap = d.sum([frameworkHeap, frameworkOffHeap, taskOffHeap, managed.bytes, network], componentKeys);
  if (withoutTaskHeap > totalFlink) {
    d.fail(
      "T2",
      `Sum of configured Framework Heap Memory (${hr(frameworkHeap)}), Framework Off-Heap Memory (${hr(frameworkOffHeap)}), Task Off-Heap Memory (${hr(taskOffHeap)}), Managed Memory (${hr(managed.bytes)}) and Network Memory (${hr(network)}) exceed configured Total Flink Memory (${hr(totalFlink)}).`,
      [
        ...flinkKeys,
        d.conf.sourceKey(o.managedSize),
        d.conf.sourceKey(o.managedFraction),
        d.conf.sourceKey(o.networkMin),
        d.conf.sourceKey(o.networkFraction),
        d.conf.sourceKey(o.networkBuffers),
        d.conf.sourceKey(o.frameworkHeap),
        d.conf.sourceKey(o.frameworkOffHeap),
        d.conf.sourceKey(o.taskOffHeap),
      ],
      { frameworkHeap, frameworkOffHeap, taskOffHeap, managed: managed.bytes, network, totalFlink },
    );
  }
  return {
    frameworkHeap,
    frameworkOffHeap,
    taskHeap: totalFlink - withoutTaskHeap,
    taskOffHeap,
    network,
    managed: managed.bytes,
    sources: { ...fixedSources, taskHeap: { how: "remainder" }, managed: managed.source, network: networkFrom },
  };
}

/** `MemoryBackwardsCompatibilityUtils`: a legacy heap key fills the target option when that is absent. */
function mapLegacyHeap(
  d: Derivation,
  legacyHeap: OptionDef<"memory">,
  legacyHeapMb: OptionDef<"int">,
  target: OptionDef<"memory">,
): void {
  if (!d.facts.legacyHeapKeys || d.conf.contains(target)) return;
  let bytes: bigint;
  let legacyKey: string;
  if (d.conf.contains(legacyHeap)) {
    bytes = d.readMemory(legacyHeap);
    legacyKey = legacyHeap.key;
  } else if (d.conf.contains(legacyHeapMb)) {
    const megabytes = BigInt(d.readNumber(legacyHeapMb));
    if (megabytes < 0n) {
      d.fail("T9", `Configured total process memory size (${megabytes}MB) must not be less than 0.`, [legacyHeapMb.key]);
    }
    bytes = megabytes << 20n;
    legacyKey = legacyHeapMb.key;
  } else {
    return;
  }
  d.conf = d.conf.withValue(target.key, { type: "memory", bytes, text: `${bytes}` }, legacyKey);
  d.adjustments.push({
    kind: "legacy-heap-mapped",
    component: target.key,
    keys: [legacyKey, target.key],
    message: `'${target.key}' is not specified, use the configured deprecated task manager heap value (${hr(bytes)}) for it.`,
    bytes,
  });
}

function rethrowWithPrefix(e: unknown, prefix: string): never {
  throw e instanceof JavaException ? withPrefix(e, prefix) : e;
}

function withPrefix(e: JavaException, prefix: string): JavaException {
  return e.className === ILLEGAL_CONFIGURATION ? new JavaException(ILLEGAL_CONFIGURATION, prefix + e.message, e) : e;
}

function toFailure(d: Derivation, process: ProcessKind, e: unknown): MemoryFailure {
  const exception = e instanceof JavaException ? e : new JavaException("java.lang.RuntimeException", String(e));
  const info = d.describe(exception);
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
    adjustments: d.adjustments,
  };
}

function toConfiguration(config: ReadonlyMap<string, ConfigValue>): FlinkConfiguration {
  return new FlinkConfiguration(config);
}

/**
 * What Flink's TaskManager start-up (bin/taskmanager.sh for standalone, the resource manager for
 * Kubernetes/YARN) computes from a configuration. Never throws.
 */
export function deriveTaskManagerMemory(
  config: ReadonlyMap<string, ConfigValue>,
  opts: DeriveOptions,
): TaskManagerMemoryResult {
  return deriveTaskManager(config, opts);
}

function deriveTaskManager(config: ReadonlyMap<string, ConfigValue>, opts: DeriveOptions, readLog?: string[]): TaskManagerMemoryResult {
  const facts = versionFacts(opts.flinkVersion);
  const d = new Derivation(toConfiguration(config), facts, readLog);
  const o = taskManagerOptions(facts);
  try {
    try {
      mapLegacyHeap(d, o.legacyHeap, o.legacyHeapMb, legacyHeapTarget(o, opts));
    } catch (e) {
      rethrowWithPrefix(e, PREFIX_TM_LEGACY);
    }
    try {
      return deriveTaskManagerSpec(d, o);
    } catch (e) {
      if (facts.taskManagerErrorPrefix) rethrowWithPrefix(e, PREFIX_TM);
      throw e;
    }
  } catch (e) {
    return toFailure(d, "taskmanager", e);
  }
}

/**
 * The option a launcher fills from a legacy heap key when it is unset: bin/taskmanager.sh and
 * bin/jobmanager.sh map it to Total Flink / JVM Heap, active deployments to Total Process.
 */
export function legacyHeapTarget(o: TaskManagerOptions | JobManagerOptions, opts: DeriveOptions): OptionDef<"memory"> {
  if (opts.deployment !== "standalone") return o.totalProcess;
  return "jvmHeap" in o ? o.jvmHeap : o.totalFlink;
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

/**
 * How one kind of process (TaskManager or JobManager) splits its Total Flink Memory; everything
 * else is shared, as in Flink's ProcessMemoryUtils with its FlinkMemoryUtils per process.
 */
interface FlinkMemoryStrategy<F> {
  /** The options that, all configured, make the fine-grained path. */
  fineGrained: readonly OptionDef[];
  /** Components from the fine-grained options; their sum is the Total Flink Memory. */
  fromFineGrained(d: Derivation): { flink: F; totalFlink: bigint; keys: string[] };
  /** Components carved out of a known Total Flink Memory. */
  fromTotalFlink(d: Derivation, totalFlink: bigint, keys: string[]): F;
}

interface ProcessSpec<F> {
  path: MemoryPath;
  flink: F;
  jvm: JvmDerivation;
  totalFlink: bigint;
  totalFlinkSource: ComponentSource;
}

/** Flink's memoryProcessSpecFromConfig: fine-grained, else Total Flink, else Total Process, else fail. */
function deriveProcessSpec<F>(d: Derivation, o: JvmOptions, strategy: FlinkMemoryStrategy<F>): ProcessSpec<F> {
  if (strategy.fineGrained.every((option) => d.conf.contains(option))) {
    const { flink, totalFlink, keys } = strategy.fromFineGrained(d);
    const totalFlinkSource = d.conf.contains(o.totalFlink) ? configuredOr(d, o.totalFlink) : { how: "derived" as const };
    return { path: "fine-grained", flink, totalFlink, totalFlinkSource, jvm: jvmFromTotalFlink(d, o, totalFlink, keys) };
  }
  if (d.conf.contains(o.totalFlink)) {
    const keys = d.keysOf(o.totalFlink);
    const totalFlink = d.readMemory(o.totalFlink);
    const flink = strategy.fromTotalFlink(d, totalFlink, keys);
    return { path: "flink", flink, totalFlink, totalFlinkSource: configuredOr(d, o.totalFlink), jvm: jvmFromTotalFlink(d, o, totalFlink, keys) };
  }
  if (d.conf.contains(o.totalProcess)) {
    const keys = d.keysOf(o.totalProcess);
    const jvm = jvmWithTotalProcess(d, o, d.readMemory(o.totalProcess));
    const totalFlink = d.subtract(jvm.totalProcess, jvm.metaspace + jvm.overhead, keys);
    const flink = strategy.fromTotalFlink(d, totalFlink, keys);
    return { path: "process", flink, totalFlink, totalFlinkSource: { how: "remainder" }, jvm };
  }
  return requiredOptionsMissing(d, strategy.fineGrained.map((option) => option.key), o);
}

function deriveTaskManagerSpec(d: Derivation, o: TaskManagerOptions): TaskManagerSuccess {
  const { path, flink, jvm, totalFlink, totalFlinkSource } = deriveProcessSpec(d, o, {
    fineGrained: [o.taskHeap, o.managedSize],
    fromFineGrained: (d) => {
      const flink = tmFromFineGrained(d, o);
      const keys = d.keysOf(o.taskHeap, o.managedSize, o.totalFlink);
      const parts = [flink.frameworkHeap, flink.frameworkOffHeap, flink.taskHeap, flink.taskOffHeap, flink.network, flink.managed];
      return { flink, totalFlink: d.sum(parts, keys), keys };
    },
    fromTotalFlink: (d, totalFlink, keys) => tmFromTotalFlink(d, o, totalFlink, keys),
  });
  const cpuCores = readCpuCores(d, o);
  const taskSlots = d.readNumber(o.taskSlots);
  const bytes: TaskManagerBytes = {
    frameworkHeap: flink.frameworkHeap,
    taskHeap: flink.taskHeap,
    frameworkOffHeap: flink.frameworkOffHeap,
    taskOffHeap: flink.taskOffHeap,
    network: flink.network,
    managed: flink.managed,
    jvmMetaspace: jvm.metaspace,
    jvmOverhead: jvm.overhead,
    totalFlink,
    totalProcess: jvm.totalProcess,
    jvmHeap: flink.frameworkHeap + flink.taskHeap,
    jvmDirect: flink.frameworkOffHeap + flink.taskOffHeap + flink.network,
  };
  let dynamicConfigs: string | undefined;
  return {
    ok: true,
    process: "taskmanager",
    path,
    bytes,
    jvmArgs: `-Xmx${bytes.jvmHeap} -Xms${bytes.jvmHeap} -XX:MaxDirectMemorySize=${bytes.jvmDirect} -XX:MaxMetaspaceSize=${bytes.jvmMetaspace}`,
    // Only `explain` prints it; lint derives thousands of processes and never reads it.
    get dynamicConfigs() {
      return (dynamicConfigs ??= taskManagerDynamicConfigs(bytes, cpuCores, taskSlots));
    },
    sources: {
      ...flink.sources,
      jvmMetaspace: configuredOr(d, o.jvmMetaspace),
      jvmOverhead: jvm.overheadSource,
      totalFlink: totalFlinkSource,
      totalProcess: jvm.totalProcessSource,
    },
    adjustments: d.adjustments,
    cpuCores,
    taskSlots,
  };
}

/** `getCpuCoresWithFallback(config, -1)`: cpu.cores, else the number of slots; must be positive. */
function readCpuCores(d: Derivation, o: TaskManagerOptions): number {
  const cores = d.conf.contains(o.cpuCores) ? d.readNumber(o.cpuCores) : d.readNumber(o.taskSlots);
  const problem = cpuCoresException(cores);
  if (problem !== undefined) {
    throw d.tag(problem.exception, { code: problem.code, keys: present([d.conf.sourceKey(o.cpuCores) ?? d.conf.sourceKey(o.taskSlots)]), numbers: {} });
  }
  return cores;
}

/** Why a number of CPU cores cannot make a TaskManager (`getCpuCoresWithFallback`, `CPUResource`), if it cannot. */
export function cpuCoresException(cores: number): { code: "T11" | "T12"; exception: JavaException } | undefined {
  if (cores <= 0) {
    const message = "TaskExecutors need to be started with a positive number of CPU cores. Please configure taskmanager.cpu.cores accordingly.";
    return { code: "T11", exception: new JavaException(ILLEGAL_CONFIGURATION, message) };
  }
  if (!Number.isFinite(cores)) {
    // CPUResource goes through BigDecimal.valueOf, which cannot take NaN or Infinity.
    const first = javaDoubleToString(cores).charAt(0);
    const message = `Character ${first} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`;
    return { code: "T12", exception: new JavaException(NUMBER_FORMAT, message) };
  }
  return undefined;
}

function taskManagerDynamicConfigs(bytes: TaskManagerBytes, cpuCores: number, taskSlots: number): string {
  const values: Array<[string, string]> = [
    ["taskmanager.cpu.cores", javaDoubleToString(cpuCores)],
    ["taskmanager.memory.framework.heap.size", `${bytes.frameworkHeap}b`],
    ["taskmanager.memory.framework.off-heap.size", `${bytes.frameworkOffHeap}b`],
    ["taskmanager.memory.task.heap.size", `${bytes.taskHeap}b`],
    ["taskmanager.memory.task.off-heap.size", `${bytes.taskOffHeap}b`],
    ["taskmanager.memory.network.min", `${bytes.network}b`],
    ["taskmanager.memory.network.max", `${bytes.network}b`],
    ["taskmanager.memory.managed.size", `${bytes.managed}b`],
    ["taskmanager.memory.jvm-metaspace.size", `${bytes.jvmMetaspace}b`],
    ["taskmanager.memory.jvm-overhead.min", `${bytes.jvmOverhead}b`],
    ["taskmanager.memory.jvm-overhead.max", `${bytes.jvmOverhead}b`],
    ["taskmanager.numberOfTaskSlots", `${taskSlots}`],
    ["external-resources", "none"],
  ];
  return assembleDynamicConfigs(values);
}

function jobManagerDynamicConfigs(bytes: JobManagerBytes): string {
  return assembleDynamicConfigs([
    ["jobmanager.memory.heap.size", `${bytes.jvmHeap}b`],
    ["jobmanager.memory.off-heap.size", `${bytes.offHeap}b`],
    ["jobmanager.memory.jvm-metaspace.size", `${bytes.jvmMetaspace}b`],
    ["jobmanager.memory.jvm-overhead.min", `${bytes.jvmOverhead}b`],
    ["jobmanager.memory.jvm-overhead.max", `${bytes.jvmOverhead}b`],
  ]);
}

function assembleDynamicConfigs(values: Array<[string, string]>): string {
  const byKey = new Map(values);
  return javaHashMapOrder(values.map(([k]) => k))
    .map((k) => `-D ${k}=${byKey.get(k) ?? ""}`)
    .join(" ");
}

// ---------------------------------------------------------------------------------------------
// JobManager (JobManagerFlinkMemoryUtils, JobManagerProcessUtils)
// ---------------------------------------------------------------------------------------------

interface JobManagerFlinkMemory {
  jvmHeap: bigint;
  offHeap: bigint;
  heapSource: ComponentSource;
  offHeapSource: ComponentSource;
}

function warnSmallHeap(d: Derivation, o: JobManagerOptions, jvmHeap: bigint): void {
  if (jvmHeap < JM_MIN_HEAP) {
    d.adjustments.push({
      kind: "heap-below-minimum",
      component: "jvmHeap",
      keys: present([d.conf.sourceKey(o.jvmHeap), d.conf.sourceKey(o.totalFlink), d.conf.sourceKey(o.totalProcess)]),
      message: `The configured or derived JVM heap memory size (${hr(jvmHeap)}) is less than its recommended minimum value (${hr(JM_MIN_HEAP)})`,
      bytes: jvmHeap,
    });
  }
}

function jmFromHeap(d: Derivation, o: JobManagerOptions): JobManagerFlinkMemory {
  const jvmHeap = d.readMemory(o.jvmHeap);
  let offHeap = d.readMemory(o.offHeap);
  let offHeapSource = configuredOr(d, o.offHeap);
  if (d.conf.contains(o.totalFlink)) {
    const totalFlink = d.readMemory(o.totalFlink);
    const keys = [d.conf.sourceKey(o.jvmHeap), d.conf.sourceKey(o.totalFlink), d.conf.sourceKey(o.offHeap)];
    if (d.conf.contains(o.offHeap)) {
      const sum = d.add(jvmHeap, offHeap, keys);
      if (sum !== totalFlink) {
        d.fail(
          "J2",
          `Sum of the configured JVM Heap Memory (${hr(jvmHeap)}) and the configured Off-heap Memory (${hr(offHeap)}) does not match the configured Total Flink Memory (${hr(totalFlink)}). Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.`,
          keys,
          { jvmHeap, offHeap, totalFlink },
        );
      }
    } else {
      if (totalFlink < jvmHeap) {
        d.fail(
          "J3",
          `The configured JVM Heap Memory (${hr(jvmHeap)}) exceeds the configured Total Flink Memory (${hr(totalFlink)}). Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.`,
          keys,
          { jvmHeap, totalFlink, offHeap },
        );
      }
      const derived = totalFlink - jvmHeap;
      if (derived !== offHeap) {
        d.adjustments.push({
          kind: "off-heap-derived",
          component: "offHeap",
          keys: present([d.conf.sourceKey(o.totalFlink), d.conf.sourceKey(o.jvmHeap)]),
          message: `The Off-Heap Memory size (${hr(derived)}) is derived the configured Total Flink Memory size (${hr(totalFlink)}) minus the configured JVM Heap Memory size (${hr(jvmHeap)}). The default Off-Heap Memory size (${hr(offHeap)}) is ignored.`,
          bytes: derived,
          derivedBytes: offHeap,
        });
      }
      offHeap = derived;
      offHeapSource = { how: "remainder" };
    }
  }
  warnSmallHeap(d, o, jvmHeap);
  return { jvmHeap, offHeap, heapSource: configuredOr(d, o.jvmHeap), offHeapSource };
}

function jmFromTotalFlink(d: Derivation, o: JobManagerOptions, totalFlink: bigint, flinkKeys: string[]): JobManagerFlinkMemory {
  const offHeap = d.readMemory(o.offHeap);
  if (totalFlink <= offHeap) {
    d.fail(
      "J4",
      `The configured Total Flink Memory (${hr(totalFlink)}) is less than the configured Off-heap Memory (${hr(offHeap)}).`,
      [...flinkKeys, d.conf.sourceKey(o.offHeap)],
      { totalFlink, offHeap },
    );
  }
  const jvmHeap = totalFlink - offHeap;
  warnSmallHeap(d, o, jvmHeap);
  return { jvmHeap, offHeap, heapSource: { how: "remainder" }, offHeapSource: configuredOr(d, o.offHeap) };
}

function deriveJobManagerSpec(d: Derivation, o: JobManagerOptions): Omit<JobManagerSuccess, "jvmArgs" | "directMemoryLimit" | "dynamicConfigs"> {
  const { path, flink, jvm, totalFlink, totalFlinkSource } = deriveProcessSpec(d, o, {
    fineGrained: [o.jvmHeap],
    fromFineGrained: (d) => {
      const flink = jmFromHeap(d, o);
      const keys = d.keysOf(o.jvmHeap, o.offHeap, o.totalFlink);
      return { flink, totalFlink: d.add(flink.jvmHeap, flink.offHeap, keys), keys };
    },
    fromTotalFlink: (d, totalFlink, keys) => jmFromTotalFlink(d, o, totalFlink, keys),
  });
  const bytes: JobManagerBytes = {
    jvmHeap: flink.jvmHeap,
    offHeap: flink.offHeap,
    jvmMetaspace: jvm.metaspace,
    jvmOverhead: jvm.overhead,
    totalFlink,
    totalProcess: jvm.totalProcess,
  };
  return {
    ok: true,
    process: "jobmanager",
    path,
    bytes,
    sources: {
      jvmHeap: flink.heapSource,
      offHeap: flink.offHeapSource,
      jvmMetaspace: configuredOr(d, o.jvmMetaspace),
      jvmOverhead: jvm.overheadSource,
      totalFlink: totalFlinkSource,
      totalProcess: jvm.totalProcessSource,
    },
    adjustments: d.adjustments,
  };
}

/**
 * What Flink's JobManager start-up (bin/jobmanager.sh for standalone, the Kubernetes/YARN client
 * for active deployments) computes from a configuration. Never throws.
 */
export function deriveJobManagerMemory(
  config: ReadonlyMap<string, ConfigValue>,
  opts: DeriveOptions,
): JobManagerMemoryResult {
  return deriveJobManager(config, opts);
}

function deriveJobManager(config: ReadonlyMap<string, ConfigValue>, opts: DeriveOptions, readLog?: string[]): JobManagerMemoryResult {
  const facts = versionFacts(opts.flinkVersion);
  const d = new Derivation(toConfiguration(config), facts, readLog);
  const o = jobManagerOptions();
  try {
    let spec: Omit<JobManagerSuccess, "jvmArgs" | "directMemoryLimit" | "dynamicConfigs">;
    try {
      mapLegacyHeap(d, o.legacyHeap, o.legacyHeapMb, legacyHeapTarget(o, opts));
      spec = deriveJobManagerSpec(d, o);
    } catch (e) {
      if (facts.jobManagerErrorPrefix) rethrowWithPrefix(e, PREFIX_JM);
      throw e;
    }
    const directMemoryLimit = d.read(o.directMemoryLimit) ?? false;
    const b = spec.bytes;
    const direct = directMemoryLimit ? ` -XX:MaxDirectMemorySize=${b.offHeap}` : "";
    let dynamicConfigs: string | undefined;
    // Same properties in the same order as before; dynamicConfigs is computed when first read
    // (only `explain` prints it, lint never does).
    return {
      ok: spec.ok,
      process: spec.process,
      path: spec.path,
      bytes: b,
      get dynamicConfigs() {
        return (dynamicConfigs ??= jobManagerDynamicConfigs(b));
      },
      sources: spec.sources,
      adjustments: spec.adjustments,
      jvmArgs: `-Xmx${b.jvmHeap} -Xms${b.jvmHeap}${direct} -XX:MaxMetaspaceSize=${b.jvmMetaspace}`,
      directMemoryLimit,
    };
  } catch (e) {
    return toFailure(d, "jobmanager", e);
  }
}
