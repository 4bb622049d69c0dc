/** Whether a file sets both totals of a process (legacy heap keys count as the Flink total where Flink maps them so). */
import type { ConfigValue, Deployment, RuleContext } from "../../src/types.js";
import type { ProcessKind } from "../../src/model/memory.js";
import { versionFacts } from "../../src/model/versions.js";

/** Constant strings, so a lookup hashes no freshly built key (every file asks, for both processes). */
const TOTAL_KEYS = {
  taskmanager: { processKey: "taskmanager.memory.process.size", flinkKey: "taskmanager.memory.flink.size" },
  jobmanager: { processKey: "jobmanager.memory.process.size", flinkKey: "jobmanager.memory.flink.size" },
} as const satisfies Record<ProcessKind, { processKey: string; flinkKey: string }>;

export function hasBothTotals(ctx: RuleContext, process: ProcessKind): { processKey: string; flinkKey: string } | undefined {
  return bothTotalsIn(ctx.doc.config, process, ctx.deployment, ctx.flinkVersion);
}

/** `hasBothTotals` of settings that need not be a file's (e.g. settings a fix would change). */
export function bothTotalsIn(
  config: ReadonlyMap<string, ConfigValue>,
  process: ProcessKind,
  deployment: Deployment,
  flinkVersion: string,
): { processKey: string; flinkKey: string } | undefined {
  const { processKey, flinkKey } = TOTAL_KEYS[process];
  if (!config.has(processKey)) return undefined;
  if (config.has(flinkKey)) return { processKey, flinkKey };
  // Standalone TaskManagers read a legacy heap key as the Flink total (SPEC §6).
  if (process === "taskmanager" && deployment === "standalone" && versionFacts(flinkVersion).legacyHeapKeys) {
    const legacy = ["taskmanager.heap.size", "taskmanager.heap.mb"].find((k) => config.has(k));
    if (legacy !== undefined) return { processKey, flinkKey: legacy };
  }
  return undefined;
}
