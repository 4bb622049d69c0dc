// Flink reads memory fractions with Float.parseFloat (or narrows a YAML float) and stops when the
// value is not a number or overflows a float: ConfigurationUtils.convertToFloat. Which fractions it
// reads depends on the path it takes (memory-reads.ts), not on what fails first.
import { memoryValueChecks } from "../src/engine/memory-facts.js";
import { lastEntry } from "./support/report.js";
import { clip } from "../src/util/text.js";
import { defineRule } from "../src/types.js";

const FRACTION_KEY = /\.fraction$/;

/** The decimal a percentage (`40%`) or a quoted or listed decimal (`"0.5"`, `[0.5]`) means, else the option's default. */
function example(value: string, defaultText: string): string {
  const percent = /^\s*(\d+(?:\.\d+)?)\s*(?:%|percent)\s*$/i.exec(value);
  const wrapped = /^\s*(["'[])\s*(\d*\.\d+|\d+)\s*["'\]]\s*$/.exec(value);
  const decimal = percent !== null ? Number((Number(percent[1]) / 100).toPrecision(7)) : wrapped !== null ? Number(wrapped[2]) : NaN;
  return decimal >= 0 && decimal < 1 ? String(decimal) : defaultText;
}

export default defineRule({
  meta: {
    id: "memory-fraction-invalid",
    scope: "processes",
    severity: "error",
    description: "A memory fraction Flink cannot read as a number",
    messages: {
      invalid: "Flink cannot read `{{key}}: {{value}}` as a fraction{{why}}; write a plain decimal such as {{example}}.",
      invalidUnread:
        "`{{key}}: {{value}}` is not a fraction Flink can read, but unused while `{{instead}}` is set; write e.g. {{example}}, or remove it.",
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
        data: {
          key: clip(invalid.key, 60),
          value: clip(entry.value.text),
          why: /overflows|underflows/.test(invalid.cause ?? "") ? " (too small or large for a float)" : "",
          example: example(entry.value.text, invalid.option.defaultText),
          flinkMessage: invalid.cause && !invalid.error.includes(invalid.cause) ? `${invalid.error} (${invalid.cause})` : invalid.error,
          instead,
        },
        ...(invalid.read ? {} : { severity: "warning" as const }),
      });
    }
  },
});
