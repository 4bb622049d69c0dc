/** Whether a file sets both totals of a process (legacy heap keys count as the Flink total where Flink maps them so). */
import type { RuleContext } from "../types.js";
import type { ProcessKind } from "./memory.js";
import { versionFacts } from "./versions.js";

export function hasBothTotals(ctx: RuleContext, process: ProcessKind): { processKey: string; flinkKey: string } | undefined {
  const processKey = `${process}.memory.process.size`;
  if (!ctx.doc.config.has(processKey)) return undefined;
  const flinkKey = `${process}.memory.flink.size`;
  if (ctx.doc.config.has(flinkKey)) return { processKey, flinkKey };
  // Standalone TaskManagers read a legacy heap key as the Flink total (SPEC §6).
  if (process === "taskmanager" && ctx.deployment === "standalone" && versionFacts(ctx.flinkVersion).legacyHeapKeys) {
    const legacy = ["taskmanager.heap.size", "taskmanager.heap.mb"].find((k) => ctx.doc.config.has(k));
    if (legacy !== undefined) return { processKey, flinkKey: legacy };
  }
  return undefined;
}
