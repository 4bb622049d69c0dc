// A capped fraction (network, JVM overhead) needs min ≤ max; Flink checks it when it builds the
// range and refuses to start otherwise: RangeFraction via ProcessMemoryUtils.getRangeFraction.
import { toConfigText } from "../src/model/memory-size.js";
import { offerFixes } from "./support/memory-fixes.js";
import { failuresWith, reportFailure } from "./support/report.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-min-above-max",
    scope: "processes",
    severity: "error",
    description: "A memory range (network, JVM overhead) whose min is above its max",
    messages: {
      minAboveMax: "Flink refuses the {{process}}: {{what}} min {{min}} is above max {{max}}; lower the min to at most {{maxText}} or raise the max to at least {{minText}}.",
    },
    docs: {
      why:
        "Network and JVM overhead sizes are fractions capped to `[min, max]`. A min above the max (often because only " +
        "one of them was set and the other kept its default) makes Flink refuse the configuration.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [
        {
          dialect: "legacy",
          code: "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.network.min: 512m\ntaskmanager.memory.network.max: 256m\njobmanager.memory.process.size: 1600m\n",
        },
      ],
    },
  },
  check(ctx) {
    for (const failure of failuresWith(ctx, ["range-fraction-invalid"])) {
      if (failure.reason !== "min-above-max") continue;
      const what = failure.error.includes("network") ? "network memory" : "JVM overhead";
      const min = toConfigText(failure.numbers.min ?? 0n);
      const max = toConfigText(failure.numbers.max ?? 0n);
      const { suggestions } = offerFixes(ctx, failure);
      reportFailure(ctx, failure, "minAboveMax", { what, min, max, minText: min, maxText: max }, failure.keys, suggestions);
    }
  },
});
