// When task heap or managed memory is fixed and Total Flink memory is known, network memory is the
// rest, and Flink fails when the rest is outside the network min/max: TaskExecutorFlinkMemoryUtils.
import { adviceRoom, offerFixes } from "./support/memory-fixes.js";
import { failuresWith, refusalFacts, reportFailure } from "./support/report.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-network-out-of-range",
    scope: "processes",
    severity: "error",
    description: "Network memory, left over from Total Flink memory, falls outside its min/max",
    messages: {
      outOfRange: "Flink refuses the TaskManager: {{facts}}{{fix}}.",
    },
    docs: {
      why:
        "With `taskmanager.memory.task.heap.size` (or task heap and managed size) set and the Total Flink memory " +
        "known, Flink gives the network whatever remains, then requires it to lie within `network.min`..`network.max` " +
        "(or to equal `numberOfBuffers × segment-size` in the legacy mode).",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [
        {
          dialect: "legacy",
          code:
            "taskmanager.memory.flink.size: 4g\ntaskmanager.memory.task.heap.size: 1g\ntaskmanager.memory.network.max: 512m\njobmanager.memory.process.size: 1600m\n",
        },
      ],
    },
  },
  check(ctx) {
    for (const failure of failuresWith(ctx, ["network-remainder-inconsistent"])) {
      const keys = [
        ...failure.keys.filter((k) => k.includes("network")),
        ...failure.keys.filter((k) => !k.includes("network")),
      ];
      const { phrase, suggestions, advice } = offerFixes(ctx, failure, undefined, adviceRoom(refusalFacts(failure, ctx.doc)));
      const cause = failure.causes[failure.causes.length - 1] ?? "";
      reportFailure(ctx, failure, "outOfRange", { flinkMessage: cause ? `${failure.error} (${cause})` : failure.error, facts: refusalFacts(failure, ctx.doc), fix: phrase }, keys, suggestions, advice);
    }
  },
});
