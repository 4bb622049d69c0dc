// Flink reads memory fractions with Float.parseFloat (or narrows a YAML float) and stops when the
// value is not a number or overflows a float: ConfigurationUtils.convertToFloat.
import { failuresWith, reportFailure } from "../src/model/rule-support.js";
import { defineRule } from "../src/types.js";

const FRACTION_KEY = /\.fraction$/;

export default defineRule({
  meta: {
    id: "memory-fraction-invalid",
    severity: "error",
    description: "A memory fraction Flink cannot read as a number",
    messages: {
      invalid: "Flink cannot read `{{key}}` as a fraction: {{flinkMessage}} ({{cause}}). Write a plain decimal such as 0.1.",
    },
    docs: {
      why:
        "Fractions are Java floats: `0.25`, `2.5e-1` work; `40%`, `abc`, a quoted value in `flink-conf.yaml` or a " +
        "YAML list do not, and the process stops before any memory is sized.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.managed.fraction: 0.25\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.managed.fraction: 40%\njobmanager.memory.process.size: 1600m\n" }],
    },
  },
  check(ctx) {
    for (const failure of failuresWith(ctx, ["M8"])) {
      const key = failure.keys[0];
      if (key === undefined || !FRACTION_KEY.test(key)) continue;
      reportFailure(ctx, failure, "invalid", { key, cause: failure.causes[failure.causes.length - 1] ?? "" });
    }
  },
});
