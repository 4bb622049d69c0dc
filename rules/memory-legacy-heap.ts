// Since 1.10/1.11 the legacy heap keys are not the JVM heap: Flink copies them into a total memory
// option (or ignores them, and from 2.0 drops them): MemoryBackwardsCompatibilityUtils.
import { toShortSize } from "../src/model/memory-size.js";
import { derivations, lastEntry } from "./support/report.js";
import { versionFacts } from "../src/model/versions.js";
import { defineRule } from "../src/types.js";

const LEGACY = [
  { key: "taskmanager.heap.size", process: "taskmanager" },
  { key: "taskmanager.heap.mb", process: "taskmanager" },
  { key: "jobmanager.heap.size", process: "jobmanager" },
  { key: "jobmanager.heap.mb", process: "jobmanager" },
] as const;

export default defineRule({
  meta: {
    id: "memory-legacy-heap",
    scope: "processes",
    severity: "warning",
    description: "A legacy heap key, which is not the JVM heap and is ignored in Flink 2.x",
    messages: {
      mapped:
        "Flink {{version}} ({{deployment}}) reads `{{key}}` as `{{target}}`{{result}}; set that or `{{alternative}}`.",
      shadowed: "Flink ignores `{{key}}` because `{{target}}` is set; remove `{{key}}`.",
      removed: "Flink {{version}} ignores `{{key}}` (legacy heap keys were removed in 2.0); set `{{process}}.memory.process.size` instead.",
    },
    docs: {
      why:
        "Before Flink 1.10 `taskmanager.heap.size` sized the whole TaskManager. Since then a standalone TaskManager " +
        "reads it as Total Flink memory (so `1024m` gives only 384 MiB of JVM heap), Kubernetes/YARN read it as " +
        "total process memory, and Flink 2.0 dropped it altogether. Flink logs the mapping (shown as Flink's " +
        "message); set `*.memory.flink.size` or `*.memory.process.size` instead, which Flink 2.x also reads.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.heap.size: 1024m\njobmanager.memory.process.size: 1600m\n" }],
    },
  },
  check(ctx) {
    const facts = versionFacts(ctx.flinkVersion);
    const d = derivations(ctx);
    for (const { key, process } of LEGACY) {
      const entry = lastEntry(ctx.doc, key);
      if (entry === undefined) continue;
      const data = { key, version: ctx.flinkVersion, process };
      if (!facts.legacyHeapKeys) {
        ctx.report({ messageId: "removed", at: entry.keyRange, key, data });
        continue;
      }
      const result = process === "taskmanager" ? d.taskmanager : d.jobmanager;
      const mapping = result.adjustments.find((a) => a.kind === "legacy-heap-mapped" && a.keys[0] === key);
      const target =
        ctx.deployment === "standalone"
          ? process === "taskmanager" ? "taskmanager.memory.flink.size" : "jobmanager.memory.heap.size"
          : `${process}.memory.process.size`;
      if (mapping === undefined) {
        // Either the target is set, or Flink failed before mapping (reported by another rule).
        if (ctx.doc.config.has(target)) ctx.report({ messageId: "shadowed", at: entry.keyRange, key, data: { ...data, target } });
        continue;
      }
      // Not the JVM heap: the heap and process it gives, or the refusal that other rules report.
      const outcome = result.ok
        ? ` (-Xmx${toShortSize(result.bytes.jvmHeap)}, ${toShortSize(result.bytes.totalProcess)} process)`
        : " (which Flink refuses)";
      ctx.report({
        messageId: "mapped",
        at: entry.keyRange,
        key,
        data: {
          ...data,
          target,
          alternative: target.endsWith("process.size") ? `${process}.memory.flink.size` : `${process}.memory.process.size`,
          deployment: ctx.deployment,
          result: outcome,
          flinkMessage: mapping.message,
        },
      });
    }
  },
});
