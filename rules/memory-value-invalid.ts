// Flink stops when a memory-related number or flag it reads (legacy heap MB, network buffers, segment
// size, the JM direct-memory flag) is unreadable or out of range, or a sum overflows: ConfigurationUtils, MemorySize.
import { failuresWith, reportFailure } from "../src/model/rule-support.js";
import { defineRule } from "../src/types.js";

const OWNED_ELSEWHERE = /(\.fraction|^taskmanager\.cpu\.cores|^taskmanager\.numberOfTaskSlots)$/;

export default defineRule({
  meta: {
    id: "memory-value-invalid",
    severity: "error",
    description: "A memory-related number or flag Flink cannot use (unparsable, negative, or overflowing)",
    messages: {
      unparsable: "Flink cannot read `{{key}}`: {{flinkMessage}} ({{cause}}).",
      negativeHeap: "`{{key}}` is negative: {{flinkMessage}} Use a positive size, or better `{{target}}`.",
      segment: "`taskmanager.memory.segment-size` cannot be used for the network buffers: {{flinkMessage}} Use a power of 2 of at least 4k, e.g. 32k (the default).",
      overflow: "The configured {{process}} sizes are too large to add up in 64 bits: {{flinkMessage}} Use realistic sizes.",
      negative: "A {{process}} size came out negative: {{flinkMessage}} Check `{{key}}`.",
    },
    docs: {
      why:
        "Besides sizes and fractions, Flink's memory set-up reads a few plain numbers and flags: `*.heap.mb` (int " +
        "MiB), `taskmanager.network.numberOfBuffers` (int) with `taskmanager.memory.segment-size` (a power of 2, " +
        "≥ 4k), and `jobmanager.memory.enable-jvm-direct-memory-limit` (`true`/`false`). Values Flink cannot read " +
        "stop the process.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\njobmanager.memory.enable-jvm-direct-memory-limit: true\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\njobmanager.memory.enable-jvm-direct-memory-limit: yes\n" }],
    },
  },
  check(ctx) {
    for (const failure of failuresWith(ctx, ["M8", "T9", "S1", "A1", "A2"])) {
      const key = failure.keys[0] ?? "";
      if (failure.code === "M8" && OWNED_ELSEWHERE.test(key)) continue;
      const data = {
        key,
        cause: failure.causes[failure.causes.length - 1] ?? "",
        target: `${failure.process}.memory.process.size`,
      };
      const messageId =
        failure.code === "M8" ? "unparsable" : failure.code === "T9" ? "negativeHeap" : failure.code === "S1" ? "segment" : failure.code === "A1" ? "overflow" : "negative";
      reportFailure(ctx, failure, messageId, data);
    }
  },
});
