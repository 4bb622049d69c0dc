// The TaskManager's CPU cores (taskmanager.cpu.cores, else the number of slots) must be a positive
// number and the slots an int, or the TaskManager spec cannot be built: TaskExecutorProcessUtils.
// Flink reads both after every memory size, so they stop it once the sizes are fixed.
import { memoryValueChecks } from "../src/engine/memory-facts.js";
import type { InvalidValueKind } from "../src/model/memory-reads.js";
import { lastEntry } from "./support/report.js";
import { clip } from "../src/util/text.js";
import { defineRule } from "../src/types.js";

const CPU_KEYS = new Set(["taskmanager.cpu.cores", "taskmanager.numberOfTaskSlots"]);
const MESSAGE_OF: Partial<Record<InvalidValueKind, "notPositive" | "notFinite" | "unparsable">> = {
  "cpu-not-positive": "notPositive",
  "cpu-not-finite": "notFinite",
  unparsable: "unparsable",
};

export default defineRule({
  meta: {
    id: "memory-cpu-invalid",
    scope: "processes",
    severity: "error",
    description: "TaskManager CPU cores or slots that are not a positive number",
    messages: {
      notPositive: "Flink refuses the TaskManager: it needs a positive number of CPU cores; set `{{key}}` to 1 or more.",
      notFinite: "Flink refuses the TaskManager: `{{key}}: {{value}}` is not a finite number of CPU cores; set it to a number such as 2.",
      unparsable: "Flink cannot read `{{key}}: {{value}}`{{why}}, so the TaskManager does not start; write {{expected}}.",
    },
    docs: {
      why:
        "Flink sizes a TaskManager's CPU from `taskmanager.cpu.cores`, or from `taskmanager.numberOfTaskSlots` when " +
        "that is unset. Zero, negative, non-numeric or (for slots) non-integer values stop the TaskManager, and " +
        "Flink reads them after all memory sizes: such a value is an error even beside a memory error, since the " +
        "TaskManager fails on it as soon as that one is fixed.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.numberOfTaskSlots: 4\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.cpu.cores: 0\njobmanager.memory.process.size: 1600m\n" },
        { dialect: "standard", code: "taskmanager.memory.flink.size: 512m\ntaskmanager.memory.managed.size: 1g\ntaskmanager.numberOfTaskSlots: 2.5\njobmanager.memory.process.size: 1600m\n" },
      ],
    },
  },
  check(ctx) {
    for (const invalid of ctx.facts.get(memoryValueChecks).invalid) {
      const messageId = MESSAGE_OF[invalid.kind];
      const entry = lastEntry(ctx.doc, invalid.key);
      // A placeholder (`%SLOTS%`) is filled in before Flink reads it: template-placeholder notes it.
      if (messageId === undefined || !CPU_KEYS.has(invalid.key) || entry === undefined || invalid.placeholder) continue;
      ctx.report({
        messageId,
        at: entry.valueRange,
        key: invalid.key,
        data: {
          key: invalid.key,
          value: clip(entry.value.text),
          why: /overflows|underflows/.test(invalid.cause ?? "") ? " (too large for an int)" : "",
          flinkMessage: invalid.cause && !invalid.error.includes(invalid.cause) ? `${invalid.error} (${invalid.cause})` : invalid.error,
          expected: invalid.key === "taskmanager.numberOfTaskSlots" ? "a whole number such as 4" : "a number such as 2 or 0.5",
        },
      });
    }
  },
});
