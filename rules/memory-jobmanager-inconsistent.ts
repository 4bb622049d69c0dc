// The JobManager's heap, off-heap and Total Flink sizes must agree (heap + off-heap = total, off-heap
// below total), or Flink refuses to start it: JobManagerFlinkMemoryUtils.
import { adviceRoom, offerFixes } from "./support/memory-fixes.js";
import { failuresWith, refusalFacts, reportFailure } from "./support/report.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-jobmanager-inconsistent",
    scope: "processes",
    severity: "error",
    description: "JobManager heap, off-heap and Total Flink memory that cannot all hold",
    messages: {
      inconsistent: "Flink refuses the JobManager: {{facts}}{{fix}}.",
    },
    docs: {
      why:
        "JobManager Total Flink memory = JVM heap + off-heap (128m by default). Setting the heap together with a " +
        "total that does not match, or a total no larger than the off-heap size, stops the JobManager.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.flink.size: 100m\n" }],
    },
  },
  check(ctx) {
    for (const failure of failuresWith(ctx, ["heap-and-off-heap-not-flink", "heap-exceeds-flink", "flink-not-above-off-heap"])) {
      const { phrase, suggestions, advice } = offerFixes(ctx, failure, undefined, adviceRoom(refusalFacts(failure, ctx.doc)));
      reportFailure(ctx, failure, "inconsistent", { facts: refusalFacts(failure, ctx.doc), fix: phrase }, failure.keys, suggestions, advice);
    }
  },
});
