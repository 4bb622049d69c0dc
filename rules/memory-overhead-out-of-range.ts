// When the JVM overhead is what is left of the total process size, Flink checks it against the
// overhead min and max and fails outside them: ProcessMemoryUtils.sanityCheckJvmOverhead.
import { hasBothTotals } from "./support/both-totals.js";
import { adviceRoom, offerFixes } from "./support/memory-fixes.js";
import { failuresWith, refusalFacts, reportFailure } from "./support/report.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-overhead-out-of-range",
    scope: "processes",
    severity: "error",
    description: "JVM overhead, left over from the total process size, falls outside its min/max",
    messages: {
      outOfRange: "Flink refuses the {{process}}: {{facts}}{{fix}}.",
    },
    docs: {
      why:
        "When the total process size is set together with the total Flink size or all fine-grained sizes, the JVM " +
        "overhead is not a fraction but the rest, and Flink still requires it to lie within " +
        "`jvm-overhead.min`..`jvm-overhead.max`.",
      valid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" },
      ],
      invalid: [
        {
          dialect: "legacy",
          code:
            "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1000m\njobmanager.memory.heap.size: 100m\njobmanager.memory.jvm-overhead.max: 256m\n",
        },
      ],
    },
  },
  check(ctx) {
    for (const failure of failuresWith(ctx, ["overhead-out-of-range"])) {
      if (hasBothTotals(ctx, failure.process) !== undefined) continue;
      const { phrase, suggestions, advice } = offerFixes(ctx, failure, undefined, adviceRoom(refusalFacts(failure, ctx.doc)));
      reportFailure(ctx, failure, "outOfRange", { facts: refusalFacts(failure, ctx.doc), fix: phrase }, failure.keys, suggestions, advice);
    }
  },
});
