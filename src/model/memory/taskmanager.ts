/** The TaskManager's memory (TaskExecutorFlinkMemoryUtils, TaskExecutorProcessUtils). */
import type { ConfigValue } from "../../types.js";
import { javaDoubleToString } from "../../util/java.js";
import { FlinkConfiguration } from "../configuration.js";
import { ILLEGAL_ARGUMENT, ILLEGAL_CONFIGURATION, JavaException, NUMBER_FORMAT } from "../java-exception.js";
import { INT_MAX, LONG_MAX, toHumanReadableString as hr } from "../memory-size.js";
import { taskManagerOptions, type TaskManagerOptions } from "../options.js";
import { versionFacts } from "../versions.js";
import { configuredOr, Derivation, type RangeFraction } from "./derivation.js";
import { PREFIX_TM, PREFIX_TM_LEGACY, present, rethrowWithPrefix, toFailure } from "./failures.js";
import { legacyHeapTarget, mapLegacyHeap } from "./legacy-heap.js";
import { assembleDynamicConfigs, deriveProcessSpec } from "./process-memory.js";
import type {
  ComponentHow,
  ComponentSource,
  DeriveOptions,
  FailureCode,
  TaskManagerBytes,
  TaskManagerMemoryResult,
  TaskManagerSuccess,
} from "./types.js";
import { extended } from "../../util/objects.js";

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
    throw d.failures.tag(invalidSegment, { code: "segment-size-invalid", keys: present(keys), numbers: { segmentSize: segment } });
  }
  const bytes = buffers * segment;
  if (bytes < 0n) {
    throw d.failures.tag(new JavaException(ILLEGAL_ARGUMENT, "bytes must be >= 0"), {
      code: "size-negative",
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

/** Network as the rest of a known Total Flink: checked against its range (or the legacy buffers), else network-remainder-inconsistent. */
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
          "network-remainder-inconsistent",
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
        "network-remainder-inconsistent",
        `Derived Network Memory size (${hr(network)}) is not in configured Network Memory range [${hr(rf.min)}, ${hr(rf.max)}].`,
        [...remainderKeys, network > rf.max ? rf.maxKey : rf.minKey],
        { network, min: rf.min, max: rf.max, totalFlink },
      );
    }
    d.noteIgnoredFraction(
      { component: "network", size: "Network Memory", fraction: "configured Network Memory", total: "Total Flink Memory" },
      network,
      totalFlink,
      rf,
      remainderKeys,
    );
  } catch (e) {
    if (!(e instanceof JavaException) || e.className !== ILLEGAL_CONFIGURATION) throw e;
    const wrapped = new JavaException(
      ILLEGAL_CONFIGURATION,
      "If Total Flink, Task Heap and (or) Managed Memory sizes are explicitly configured then the Network Memory size is the rest of the Total Flink memory after subtracting all other configured types of memory, but the derived Network Memory is inconsistent with its configuration.",
      e,
    );
    const inner = d.failures.info(e);
    if (inner?.code === "network-remainder-inconsistent") d.failures.tag(wrapped, inner);
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
      failComponentsBesidesNetwork(d, o, { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed, totalFlink });
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

function failComponentsBesidesNetwork(
  d: Derivation,
  o: TaskManagerOptions,
  n: { frameworkHeap: bigint; frameworkOffHeap: bigint; taskHeap: bigint; taskOffHeap: bigint; managed: bigint; totalFlink: bigint },
): never {
  d.fail(
    "components-besides-network-exceed-flink",
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
      failComponentsBesidesNetwork(d, o, { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed: managed.bytes, totalFlink });
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
      sources: extended(fixedSources, { taskHeap: configuredOr(d, o.taskHeap), managed: managed.source, network: { how: "remainder" } as const }),
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
      "components-besides-task-heap-exceed-flink",
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
    sources: extended(fixedSources, { taskHeap: { how: "remainder" } as const, managed: managed.source, network: networkFrom }),
  };
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
    sources: extended(flink.sources, {
      jvmMetaspace: configuredOr(d, o.jvmMetaspace),
      jvmOverhead: jvm.overheadSource,
      totalFlink: totalFlinkSource,
      totalProcess: jvm.totalProcessSource,
    }),
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
    throw d.failures.tag(problem.exception, {
      code: problem.code,
      keys: present([d.conf.sourceKey(o.cpuCores) ?? d.conf.sourceKey(o.taskSlots)]),
      numbers: {},
    });
  }
  return cores;
}

/** Why a number of CPU cores cannot make a TaskManager (`getCpuCoresWithFallback`, `CPUResource`), if it cannot. */
export function cpuCoresException(
  cores: number,
): { code: Extract<FailureCode, "cpu-cores-not-positive" | "cpu-cores-not-finite">; exception: JavaException } | undefined {
  if (cores <= 0) {
    const message = "TaskExecutors need to be started with a positive number of CPU cores. Please configure taskmanager.cpu.cores accordingly.";
    return { code: "cpu-cores-not-positive", exception: new JavaException(ILLEGAL_CONFIGURATION, message) };
  }
  if (!Number.isFinite(cores)) {
    // CPUResource goes through BigDecimal.valueOf, which cannot take NaN or Infinity.
    const first = javaDoubleToString(cores).charAt(0);
    const message = `Character ${first} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`;
    return { code: "cpu-cores-not-finite", exception: new JavaException(NUMBER_FORMAT, message) };
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

/** `deriveTaskManagerMemory`, logging the key of every option read into `readLog` when given. */
export function deriveTaskManager(config: ReadonlyMap<string, ConfigValue>, opts: DeriveOptions, readLog?: string[]): TaskManagerMemoryResult {
  const facts = versionFacts(opts.flinkVersion);
  const d = new Derivation(new FlinkConfiguration(config), facts, readLog);
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
    return toFailure(d.failures, d.adjustments, "taskmanager", e);
  }
}
