// When a component is the rest of a fixed total, Flink ignores its configured fraction and only logs
// it: TaskExecutorFlinkMemoryUtils.sanityCheckNetworkMemory, ProcessMemoryUtils.sanityCheckJvmOverhead.
import { derivations, processName, relatedKeys, locate } from "./support/report.js";
import { toShortSize } from "../src/model/memory-size.js";
import { clip } from "../src/util/text.js";
import { defineRule } from "../src/types.js";
import { percent } from "../src/util/text.js";


export default defineRule({
  meta: {
    id: "memory-fraction-ignored",
    scope: "processes",
    severity: "warning",
    description: "A configured fraction Flink ignores because the component is the rest of a fixed total",
    messages: {
      ignored:
        "`{{key}}` is ignored: {{process}} {{component}} is the rest, {{actual}}, not {{share}} = {{byFraction}}; remove it, or the sizes that fix the rest.",
    },
    docs: {
      why:
        "Network memory (when task heap and Total Flink are known) and JVM overhead (when both process and Flink " +
        "totals, or all fine-grained sizes, are set) are remainders. A fraction set for them is ignored, and Flink only " +
        "logs that the derived size does not match it.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.network.fraction: 0.2\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [
        {
          dialect: "legacy",
          code:
            "taskmanager.memory.flink.size: 1280m\ntaskmanager.memory.task.heap.size: 200m\ntaskmanager.memory.network.fraction: 0.2\njobmanager.memory.process.size: 1600m\n",
        },
      ],
    },
  },
  check(ctx) {
    const d = derivations(ctx);
    for (const result of [d.taskmanager, d.jobmanager]) {
      if (!result.ok) continue;
      for (const adjustment of result.adjustments) {
        if (adjustment.kind !== "fraction-ignored") continue;
        const { at, key } = locate(ctx.doc, adjustment.keys);
        const related = relatedKeys(ctx.doc, adjustment.keys, key);
        ctx.report({
          messageId: "ignored",
          at,
          ...(key ? { key } : {}),
          data: {
            key: clip(key ?? adjustment.keys[0] ?? "", 60),
            process: processName(result.process),
            component: adjustment.component === "network" ? "network memory" : "JVM overhead",
            actual: toShortSize(adjustment.bytes ?? 0n),
            share:
              adjustment.fraction === undefined
                ? "the fraction's"
                : `${percent(adjustment.fraction)}${adjustment.fractionOf === undefined ? "" : ` of ${toShortSize(adjustment.fractionOf)}`}`,
            byFraction: toShortSize(adjustment.derivedBytes ?? 0n),
            flinkMessage: adjustment.message,
          },
          ...(related.length > 0 ? { related } : {}),
        });
      }
    }
  },
});
