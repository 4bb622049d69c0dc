// The JobManager's heap, off-heap and Total Flink sizes must agree (heap + off-heap = total, off-heap
// below total), or Flink refuses to start it: JobManagerFlinkMemoryUtils.
import { toConfigText } from "../src/model/memory-size.js";
import { failuresWith, fixPhrase, joinFixes, reportFailure, totalKey } from "../src/model/rule-support.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-jobmanager-inconsistent",
    severity: "error",
    description: "JobManager heap, off-heap and Total Flink memory that cannot all hold",
    messages: {
      inconsistent: "The JobManager memory sizes contradict each other: {{flinkMessage}}{{fix}}",
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
      const n = failure.numbers;
      let fixes: string[];
      if (failure.code === "J2") {
        fixes = [
          `set \`jobmanager.memory.flink.size\` to ${toConfigText((n.jvmHeap ?? 0n) + (n.offHeap ?? 0n))}`,
          "remove `jobmanager.memory.flink.size`",
        ];
      } else if (failure.code === "J3") {
        fixes = [fixPhrase(ctx, failure, "jobmanager.memory.flink.size", "up", "raise"), "remove `jobmanager.memory.flink.size`"];
      } else {
        const total = totalKey(failure, "flink.size") ?? totalKey(failure, "process.size");
        fixes = [fixPhrase(ctx, failure, total, "up", "raise"), `lower \`jobmanager.memory.off-heap.size\` below ${toConfigText(n.totalFlink ?? 0n)}`];
      }
      reportFailure(ctx, failure, "inconsistent", { fix: joinFixes(fixes) });
    }
  },
});
