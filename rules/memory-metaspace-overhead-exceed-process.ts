// Flink subtracts JVM metaspace and overhead from the total process size first and fails when they
// do not fit, or when the process is smaller than Flink memory plus metaspace: ProcessMemoryUtils.
import { hasBothTotals } from "./support/both-totals.js";
import { adviceRoom, offerFixes } from "./support/memory-fixes.js";
import { failuresWith, refusalFacts, reportFailure } from "./support/report.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-metaspace-overhead-exceed-process",
    scope: "processes",
    severity: "error",
    description: "Total process memory too small for JVM metaspace and overhead (plus Flink memory)",
    messages: {
      exceed: "Flink refuses the {{process}}: {{facts}}{{fix}}.",
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
    for (const failure of failuresWith(ctx, ["metaspace-and-overhead-exceed-process", "process-below-flink-and-metaspace"])) {
      if (failure.code === "process-below-flink-and-metaspace" && hasBothTotals(ctx, failure.process) !== undefined) continue;
      const { phrase, suggestions, advice } = offerFixes(ctx, failure, undefined, adviceRoom(refusalFacts(failure, ctx.doc)));
      reportFailure(ctx, failure, "exceed", { facts: refusalFacts(failure, ctx.doc), fix: phrase }, failure.keys, suggestions, advice);
    }
  },
});
