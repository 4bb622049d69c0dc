// The TaskManager's CPU cores (taskmanager.cpu.cores, else the number of slots) must be a positive
// number and the slots an int, or the TaskManager spec cannot be built: TaskExecutorProcessUtils.
import { failuresWith, reportFailure } from "../src/model/rule-support.js";
import { defineRule } from "../src/types.js";

const CPU_KEYS = new Set(["taskmanager.cpu.cores", "taskmanager.numberOfTaskSlots"]);

export default defineRule({
  meta: {
    id: "memory-cpu-invalid",
    severity: "error",
    description: "TaskManager CPU cores or slots that are not a positive number",
    messages: {
      notPositive: "The TaskManager needs a positive number of CPU cores: {{flinkMessage}} Set `{{key}}` to 1 or more.",
      notFinite: "`{{key}}` is not a finite number, which Flink cannot turn into a CPU resource: {{flinkMessage}}",
      unparsable: "Flink cannot read `{{key}}`: {{flinkMessage}} ({{cause}}). It must be {{expected}}.",
    },
    docs: {
      why:
        "Flink sizes a TaskManager's CPU from `taskmanager.cpu.cores`, or from `taskmanager.numberOfTaskSlots` when " +
        "that is unset. Zero, negative, non-numeric or (for slots) non-integer values stop the TaskManager.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.numberOfTaskSlots: 4\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.cpu.cores: 0\njobmanager.memory.process.size: 1600m\n" }],
    },
  },
  check(ctx) {
    for (const failure of failuresWith(ctx, ["T11", "T12", "M8"])) {
      const key = failure.keys[0] ?? "taskmanager.cpu.cores";
      if (failure.code === "M8" && !CPU_KEYS.has(key)) continue;
      const messageId = failure.code === "T11" ? "notPositive" : failure.code === "T12" ? "notFinite" : "unparsable";
      reportFailure(ctx, failure, messageId, {
        key,
        cause: failure.causes[failure.causes.length - 1] ?? "",
        expected: key === "taskmanager.numberOfTaskSlots" ? "a whole number such as 4" : "a number such as 2 or 0.5",
      });
    }
  },
});
