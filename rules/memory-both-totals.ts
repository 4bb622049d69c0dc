// With both a total process size and a total Flink size, Flink makes the JVM overhead whatever is
// left and fails when that leaves it outside its range: ProcessMemoryUtils.deriveJvmMetaspaceAndOverheadFromTotalFlinkMemory.
import { hasBothTotals } from "./support/both-totals.js";
import { toShortSize } from "../src/model/memory-size.js";
import { adviceRoom, offerFixes, totalKey } from "./support/memory-fixes.js";
import { derivations, processName, refusalFacts, relatedKeys, locate } from "./support/report.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "memory-both-totals",
    scope: "processes",
    severity: "error",
    description: "Both total process and total Flink memory set: overhead becomes the rest, and must fit its range",
    messages: {
      both:
        "With both `{{processKey}}` and `{{flinkKey}}` set, the JVM overhead is the rest ({{overhead}}); set only one so they cannot drift apart.",
      contradiction: "Flink refuses the {{process}}: {{facts}}{{fix}}.",
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
          data: { processKey: both.processKey, flinkKey: both.flinkKey, overhead: toShortSize(result.bytes.jvmOverhead) },
          related: relatedKeys(ctx.doc, [both.processKey], key),
        });
      } else if (result.code === "process-below-flink-and-metaspace" || result.code === "overhead-out-of-range") {
        const flinkKey = totalKey(result, "flink.size") ?? both.flinkKey;
        const { phrase: fix, suggestions, advice } = offerFixes(ctx, result, undefined, adviceRoom(refusalFacts(result, ctx.doc)));
        const { at, key } = locate(ctx.doc, [flinkKey]);
        ctx.report({
          messageId: "contradiction",
          at,
          ...(key ? { key } : {}),
          data: { processKey: both.processKey, flinkKey, flinkMessage: result.error, facts: refusalFacts(result, ctx.doc), fix, process: processName(result.process) },
          related: relatedKeys(ctx.doc, [both.processKey, ...result.keys], key),
          ...(suggestions.length > 0 && { suggestions }),
          ...(advice.length > 0 && { advice }),
        });
      }
    }
  },
});
