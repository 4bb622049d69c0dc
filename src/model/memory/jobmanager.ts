/** The JobManager's memory (JobManagerFlinkMemoryUtils, JobManagerProcessUtils). */
import type { ConfigValue } from "../../types.js";
import { FlinkConfiguration } from "../configuration.js";
import { MIB, toHumanReadableString as hr } from "../memory-size.js";
import { jobManagerOptions, type JobManagerOptions } from "../options.js";
import { versionFacts } from "../versions.js";
import { configuredOr, Derivation } from "./derivation.js";
import { PREFIX_JM, present, rethrowWithPrefix, toFailure } from "./failures.js";
import { legacyHeapTarget, mapLegacyHeap } from "./legacy-heap.js";
import { assembleDynamicConfigs, deriveProcessSpec } from "./process-memory.js";
import type { ComponentSource, DeriveOptions, JobManagerBytes, JobManagerMemoryResult, JobManagerSuccess } from "./types.js";

const JM_MIN_HEAP = 128n * MIB;

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
          "heap-and-off-heap-not-flink",
          `Sum of the configured JVM Heap Memory (${hr(jvmHeap)}) and the configured Off-heap Memory (${hr(offHeap)}) does not match the configured Total Flink Memory (${hr(totalFlink)}). Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.`,
          keys,
          { jvmHeap, offHeap, totalFlink },
        );
      }
    } else {
      if (totalFlink < jvmHeap) {
        d.fail(
          "heap-exceeds-flink",
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
      "flink-not-above-off-heap",
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

function jobManagerDynamicConfigs(bytes: JobManagerBytes): string {
  return assembleDynamicConfigs([
    ["jobmanager.memory.heap.size", `${bytes.jvmHeap}b`],
    ["jobmanager.memory.off-heap.size", `${bytes.offHeap}b`],
    ["jobmanager.memory.jvm-metaspace.size", `${bytes.jvmMetaspace}b`],
    ["jobmanager.memory.jvm-overhead.min", `${bytes.jvmOverhead}b`],
    ["jobmanager.memory.jvm-overhead.max", `${bytes.jvmOverhead}b`],
  ]);
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

/** `deriveJobManagerMemory`, logging the key of every option read into `readLog` when given. */
export function deriveJobManager(config: ReadonlyMap<string, ConfigValue>, opts: DeriveOptions, readLog?: string[]): JobManagerMemoryResult {
  const facts = versionFacts(opts.flinkVersion);
  const d = new Derivation(new FlinkConfiguration(config), facts, readLog);
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
    return toFailure(d.failures, d.adjustments, "jobmanager", e);
  }
}
