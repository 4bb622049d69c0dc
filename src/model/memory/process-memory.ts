/**
 * What both processes share (Flink's ProcessMemoryUtils): the path a derivation takes
 * (fine-grained, Total Flink, Total Process), JVM metaspace and overhead, and the dynamic configs.
 */
import { javaHashMapOrder } from "../java-hashmap.js";
import { toHumanReadableString as hr } from "../memory-size.js";
import { describeOption, type OptionDef } from "../options.js";
import { configuredOr, type Derivation, type RangeFraction } from "./derivation.js";
import type { ComponentSource, MemoryPath } from "./types.js";

/** The options of the JVM part, shared by TM and JM. */
export interface JvmOptions {
  totalProcess: OptionDef<"memory">;
  totalFlink: OptionDef<"memory">;
  jvmMetaspace: OptionDef<"memory">;
  jvmOverheadMin: OptionDef<"memory">;
  jvmOverheadMax: OptionDef<"memory">;
  jvmOverheadFraction: OptionDef<"float">;
}

interface JvmDerivation {
  metaspace: bigint;
  overhead: bigint;
  totalProcess: bigint;
  overheadSource: ComponentSource;
  totalProcessSource: ComponentSource;
}

function overheadRangeFraction(d: Derivation, o: JvmOptions): RangeFraction {
  const min = d.readMemory(o.jvmOverheadMin);
  const max = d.readMemory(o.jvmOverheadMax);
  return d.rangeFraction(min, max, o.jvmOverheadFraction, o.jvmOverheadMin, o.jvmOverheadMax);
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
      "metaspace-and-overhead-exceed-process",
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
        "process-below-flink-and-metaspace",
        `The configured Total Process Memory size (${hr(totalProcess)}) is less than the sum of the derived Total Flink Memory size (${hr(totalFlink)}) and the configured or default JVM Metaspace size  (${hr(metaspace)}).`,
        [processKey, ...flinkKeys, metaspaceKey],
        { totalProcess, totalFlink, jvmMetaspace: metaspace },
      );
    }
    const overhead = totalProcess - flinkAndMetaspace;
    const rf = overheadRangeFraction(d, o);
    if (overhead > rf.max || overhead < rf.min) {
      d.fail(
        "overhead-out-of-range",
        `Derived JVM Overhead size (${hr(overhead)}) is not in configured JVM Overhead range [${hr(rf.min)}, ${hr(rf.max)}].`,
        [processKey, ...flinkKeys, overhead > rf.max ? rf.maxKey : rf.minKey, metaspaceKey],
        { jvmOverhead: overhead, min: rf.min, max: rf.max, totalProcess, totalFlink, jvmMetaspace: metaspace },
      );
    }
    d.noteIgnoredFraction(
      { component: "jvmOverhead", size: "JVM Overhead", fraction: "configured or default JVM Overhead", total: "Total Process Memory" },
      overhead,
      totalProcess,
      rf,
      [processKey, ...flinkKeys],
    );
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
    "required-options-missing",
    `Either required fine-grained memory (${fineGrainedKeys.join(" and ")}), or Total Flink Memory size (${describeOption(o.totalFlink)}), or Total Process Memory size (${describeOption(o.totalProcess)}) need to be configured explicitly.`,
    [],
  );
}

/**
 * How one kind of process (TaskManager or JobManager) splits its Total Flink Memory; everything
 * else is shared, as in Flink's ProcessMemoryUtils with its FlinkMemoryUtils per process.
 */
export interface FlinkMemoryStrategy<F> {
  /** The options that, all configured, make the fine-grained path. */
  fineGrained: readonly OptionDef[];
  /** Components from the fine-grained options; their sum is the Total Flink Memory. */
  fromFineGrained(d: Derivation): { flink: F; totalFlink: bigint; keys: string[] };
  /** Components carved out of a known Total Flink Memory. */
  fromTotalFlink(d: Derivation, totalFlink: bigint, keys: string[]): F;
}

export interface ProcessSpec<F> {
  path: MemoryPath;
  flink: F;
  jvm: JvmDerivation;
  totalFlink: bigint;
  totalFlinkSource: ComponentSource;
}

/** Flink's memoryProcessSpecFromConfig: fine-grained, else Total Flink, else Total Process, else fail. */
export function deriveProcessSpec<F>(d: Derivation, o: JvmOptions, strategy: FlinkMemoryStrategy<F>): ProcessSpec<F> {
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

/** `-D key=value` for each value, in the order Flink's HashMap iterates them. */
export function assembleDynamicConfigs(values: Array<[string, string]>): string {
  const byKey = new Map(values);
  return javaHashMapOrder(values.map(([k]) => k))
    .map((k) => `-D ${k}=${byKey.get(k) ?? ""}`)
    .join(" ");
}
