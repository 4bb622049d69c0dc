/** The memory rules whose errors are a configuration Flink refuses, each naming a concrete change. */
export const SIZE_RULES: ReadonlySet<string> = new Set([
  "memory-both-totals",
  "memory-components-exceed-total",
  "memory-fraction-out-of-range",
  "memory-jobmanager-inconsistent",
  "memory-metaspace-overhead-exceed-process",
  "memory-min-above-max",
  "memory-network-out-of-range",
  "memory-overhead-out-of-range",
  "memory-total-missing",
]);
