// The JobManager's heap, off-heap and Total Flink sizes must agree (heap + off-heap = total, off-heap
// below total), or Flink refuses to start it: JobManagerFlinkMemoryUtils.
import { offerFixes } from "../src/model/memory-fixes.js";
import { failuresWith, reportFailure } from "../src/model/rule-support.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-jobmanager-inconsistent",
    scope: "processes",
    severity: "error",
    description: "JobManager heap, off-heap and Total Flink memory that cannot all hold",
    messages: {
      inconsistent: "The JobManager's memory sizes contradict each other, so Flink refuses to start it.{{fix}}",
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
    for (const failure of failuresWith(ctx, ["J2", "J3", "J4"])) {
      const { phrase, suggestions } = offerFixes(ctx, failure);
      reportFailure(ctx, failure, "inconsistent", { fix: phrase }, failure.keys, suggestions);
    }
  },
});
