/** Flink's MemoryBackwardsCompatibilityUtils: the legacy heap keys of both processes (1.10–1.20). */
import { toHumanReadableString as hr } from "../memory-size.js";
import type { JobManagerOptions, OptionDef, TaskManagerOptions } from "../options.js";
import type { Derivation } from "./derivation.js";
import type { DeriveOptions } from "./types.js";

/** `MemoryBackwardsCompatibilityUtils`: a legacy heap key fills the target option when that is absent. */
export function mapLegacyHeap(
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
      d.fail("legacy-heap-negative", `Configured total process memory size (${megabytes}MB) must not be less than 0.`, [legacyHeapMb.key]);
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

/**
 * The option a launcher fills from a legacy heap key when it is unset: bin/taskmanager.sh and
 * bin/jobmanager.sh map it to Total Flink / JVM Heap, active deployments to Total Process.
 */
export function legacyHeapTarget(o: TaskManagerOptions | JobManagerOptions, opts: DeriveOptions): OptionDef<"memory"> {
  if (opts.deployment !== "standalone") return o.totalProcess;
  return "jvmHeap" in o ? o.jvmHeap : o.totalFlink;
}
