// Flink reads memory fractions with Float.parseFloat (or narrows a YAML float) and stops when the
// value is not a number or overflows a float: ConfigurationUtils.convertToFloat. Which fractions it
// reads depends on the path it takes (memory-reads.ts), not on what fails first.
import { memoryValueChecks } from "../src/model/facts.js";
import { lastEntry } from "../src/model/rule-support.js";
import { defineRule } from "../src/types.js";

const FRACTION_KEY = /\.fraction$/;

export default defineRule({
  meta: {
    id: "memory-fraction-invalid",
    scope: "processes",
    severity: "error",
    description: "A memory fraction Flink cannot read as a number",
    messages: {
      invalid: "Flink cannot read `{{key}}` as a fraction: {{flinkMessage}} ({{cause}}). Write a plain decimal such as 0.1.",
      invalidUnread:
        "`{{key}}: {{value}}` is not a fraction Flink can read ({{cause}}); Flink does not read it while `{{instead}}` is set, so it does no harm yet. Write a plain decimal such as 0.4, or remove the line.",
    },
    docs: {
      why:
        "Fractions are Java floats: `0.25`, `2.5e-1` work; `40%`, `abc`, a quoted value in `flink-conf.yaml` or a " +
        "YAML list do not, and the process stops before it starts. Every fraction Flink reads on the path it takes " +
        "is checked, even when another memory error stops Flink first: it fails on the fraction as soon as that one " +
        "is fixed. Flink never reads `taskmanager.memory.managed.fraction` when `taskmanager.memory.managed.size` " +
        "is set, so an unreadable one there is a warning.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.managed.fraction: 0.25\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.managed.fraction: 40%\njobmanager.memory.process.size: 1600m\n" },
        {
          dialect: "standard",
          code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\njobmanager.memory.flink.size: 2g\njobmanager.memory.jvm-overhead.fraction: 10%\n",
        },
      ],
    },
  },
  check(ctx) {
    const checks = ctx.facts.get(memoryValueChecks);
    const found = [...checks.invalid.map((v) => ({ ...v, read: true })), ...checks.invalidUnread.map((v) => ({ ...v, read: false }))];
    for (const invalid of found) {
      if (invalid.kind !== "unparsable" || !FRACTION_KEY.test(invalid.key)) continue;
      // A placeholder (`${FRACTION}`) is filled in before Flink reads it: template-placeholder notes it.
      if (invalid.placeholder) continue;
      const entry = lastEntry(ctx.doc, invalid.key);
      if (entry === undefined) continue;
      // Only the managed fraction can go unread: a managed size stands in for it.
      const instead = ctx.doc.config.has("taskmanager.memory.managed.size") ? "taskmanager.memory.managed.size" : "taskmanager.memory.size";
      ctx.report({
        messageId: invalid.read ? "invalid" : "invalidUnread",
        at: entry.valueRange,
        key: invalid.key,
        data: { key: invalid.key, value: entry.value.text, flinkMessage: invalid.error, cause: invalid.cause ?? "", instead },
        ...(invalid.read ? {} : { severity: "warning" as const }),
      });
    }
  },
});
