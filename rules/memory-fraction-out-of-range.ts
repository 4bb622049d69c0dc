// Memory fractions must lie in [0, 1); Flink checks each when it derives the component and refuses
// the configuration otherwise: RangeFraction via ProcessMemoryUtils.getRangeFraction.
import { javaDoubleToString } from "../src/util/java.js";
import { offerFixes } from "../src/model/memory-fixes.js";
import { failuresWith, reportFailure } from "../src/model/rule-support.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-fraction-out-of-range",
    severity: "error",
    description: "A memory fraction outside [0, 1)",
    messages: {
      outOfRange:
        "Flink reads the fraction as {{fraction}}, but it must be at least 0 and below 1: {{flinkMessage}} Use a value such as {{example}} (the default).",
    },
    docs: {
      why:
        "Managed, network and JVM overhead fractions are parts of a total, so Flink accepts 0 ≤ fraction < 1; " +
        "`1.0`, percentages written as `40` or negative values stop the process. Fractions are read as 32-bit floats.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.managed.fraction: 0.4\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.managed.fraction: 1.0\njobmanager.memory.process.size: 1600m\n" }],
    },
  },
  check(ctx) {
    for (const failure of failuresWith(ctx, ["M7"])) {
      if (failure.reason !== "fraction-out-of-range") continue;
      const example = /default: ([^ ]+) /.exec(failure.error)?.[1] ?? "0.1";
      const { suggestions } = offerFixes(ctx, failure);
      reportFailure(ctx, failure, "outOfRange", { fraction: javaDoubleToString(failure.fraction ?? NaN), example }, failure.keys, suggestions);
    }
  },
});
