// With both a total process size and a total Flink size, Flink makes the JVM overhead whatever is
// left and fails when that leaves it outside its range: ProcessMemoryUtils.deriveJvmMetaspaceAndOverheadFromTotalFlinkMemory.
import { hasBothTotals } from "../src/model/both-totals.js";
import { toHumanReadableString } from "../src/model/memory-size.js";
import { derivations, fixPhrase, joinFixes, processName, relatedKeys, locate, totalKey } from "../src/model/rule-support.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-both-totals",
    severity: "error",
    description: "Both total process and total Flink memory set: overhead becomes the rest, and must fit its range",
    messages: {
      both:
        "Both `{{processKey}}` and `{{flinkKey}}` are set: Flink keeps the Flink size and makes the JVM overhead the rest ({{overhead}}). It works, but set only one of them so the sizes cannot drift apart.",
      contradiction: "`{{processKey}}` and `{{flinkKey}}` contradict each other: {{flinkMessage}}{{fix}}",
    },
    docs: {
      why:
        "Flink's docs advise setting only one total. With both, JVM overhead is `process − flink − metaspace` " +
        "instead of a fraction, and must land between `jvm-overhead.min` and `jvm-overhead.max`, or be non-negative at all.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [
        {
          dialect: "legacy",
          code: "taskmanager.memory.process.size: 1500m\ntaskmanager.memory.flink.size: 1280m\njobmanager.memory.process.size: 1600m\n",
        },
      ],
    },
  },
  check(ctx) {
    const d = derivations(ctx);
    for (const result of [d.taskmanager, d.jobmanager]) {
      const both = hasBothTotals(ctx, result.process);
      if (both === undefined) continue;
      if (result.ok) {
        const { at, key } = locate(ctx.doc, [both.flinkKey]);
        ctx.report({
          messageId: "both",
          at,
          ...(key ? { key } : {}),
          severity: "warning",
          data: { processKey: both.processKey, flinkKey: both.flinkKey, overhead: toHumanReadableString(result.bytes.jvmOverhead) },
          related: relatedKeys(ctx.doc, [both.processKey], key),
        });
      } else if (result.code === "M3" || result.code === "M4") {
        const overheadTooBig = result.code === "M4" && (result.numbers.jvmOverhead ?? 0n) > (result.numbers.max ?? 0n);
        const flinkKey = totalKey(result, "flink.size") ?? both.flinkKey;
        const fix = joinFixes([
          fixPhrase(ctx, result, flinkKey, overheadTooBig ? "up" : "down", overheadTooBig ? "raise" : "lower"),
          fixPhrase(ctx, result, both.processKey, overheadTooBig ? "down" : "up", overheadTooBig ? "lower" : "raise"),
          `remove \`${flinkKey}\``,
        ]);
        const { at, key } = locate(ctx.doc, [flinkKey]);
        ctx.report({
          messageId: "contradiction",
          at,
          ...(key ? { key } : {}),
          data: { processKey: both.processKey, flinkKey, flinkMessage: result.error, fix, process: processName(result.process) },
          related: relatedKeys(ctx.doc, [both.processKey, ...result.keys], key),
        });
      }
    }
  },
});
