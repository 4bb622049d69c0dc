// Flink fits framework, task, managed and network memory into Total Flink memory and fails when
// the configured or fraction-derived parts are larger: TaskExecutorFlinkMemoryUtils.
import { adviceRoom, offerFixes, totalKey } from "./support/memory-fixes.js";
import { failuresWith, refusalFacts, reportFailure } from "./support/report.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-components-exceed-total",
    scope: "processes",
    severity: "error",
    description: "TaskManager memory components add up to more than Total Flink memory",
    messages: {
      exceed: "Flink refuses the TaskManager: {{facts}}{{fix}}.",
    },
    docs: {
      why:
        "Total Flink memory = framework heap (128m) + framework off-heap (128m) + task heap + task off-heap + " +
        "managed + network. When the fixed and fraction-derived parts already exceed the total, there is no room " +
        "left and the TaskManager does not start.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 600m\njobmanager.memory.process.size: 1600m\n" }],
    },
  },
  check(ctx) {
    for (const failure of failuresWith(ctx, ["components-besides-network-exceed-flink", "components-besides-task-heap-exceed-flink"])) {
      const total = totalKey(failure, "flink.size") ?? totalKey(failure, "process.size");
      const { phrase, suggestions, advice } = offerFixes(ctx, failure, undefined, adviceRoom(refusalFacts(failure, ctx.doc)));
      const keys = total === undefined ? failure.keys : [total, ...failure.keys];
      reportFailure(ctx, failure, "exceed", { facts: refusalFacts(failure, ctx.doc), fix: phrase }, keys, suggestions, advice);
    }
  },
});
