// Flink subtracts JVM metaspace and overhead from the total process size first and fails when they
// do not fit, or when the process is smaller than Flink memory plus metaspace: ProcessMemoryUtils.
import { hasBothTotals } from "../src/model/both-totals.js";
import { offerFixes } from "../src/model/memory-fixes.js";
import { failuresWith, reportFailure } from "../src/model/rule-support.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-metaspace-overhead-exceed-process",
    scope: "processes",
    severity: "error",
    description: "Total process memory too small for JVM metaspace and overhead (plus Flink memory)",
    messages: {
      exceed: "The {{process}}'s total process memory is smaller than its {{parts}}, so Flink refuses to start it.{{fix}}",
    },
    docs: {
      why:
        "Total process memory = Flink memory + JVM metaspace (256m by default) + JVM overhead (at least 192m by " +
        "default). A process size below their sum cannot start.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 400m\njobmanager.memory.process.size: 1600m\n" }],
    },
  },
  check(ctx) {
    for (const failure of failuresWith(ctx, ["M2", "M3"])) {
      if (failure.code === "M3" && hasBothTotals(ctx, failure.process) !== undefined) continue;
      const { phrase, suggestions } = offerFixes(ctx, failure);
      // M2: metaspace and overhead alone exceed the process; M3: the Flink memory and metaspace do.
      const parts = failure.code === "M2" ? "JVM metaspace plus JVM overhead" : "Flink memory plus JVM metaspace";
      reportFailure(ctx, failure, "exceed", { parts, fix: phrase }, failure.keys, suggestions);
    }
  },
});
