// Flink sizes network and JVM overhead as a fraction of a total and silently raises or lowers the
// result to the configured min or max: ProcessMemoryUtils.capToMinMax.
import { toShortSize } from "../src/model/memory-size.js";
import { derivations, processName, relatedKeys, locate } from "./support/report.js";
import { defineRule } from "../src/types.js";
import { percent } from "../src/util/text.js";


const COMPONENT_NAMES: Record<string, string> = { jvmOverhead: "JVM overhead", network: "network memory", managed: "managed memory" };

export default defineRule({
  meta: {
    id: "memory-fraction-capped",
    scope: "processes",
    severity: "info",
    description: "A fraction-derived size that Flink raised to its min or lowered to its max",
    messages: {
      capped: "{{process}} {{component}}: {{share}} is {{derived}}, {{bound}} {{size}}.",
    },
    docs: {
      why:
        "A fraction gives the size only within `[min, max]`: the default 1728m TaskManager gets 192m JVM overhead " +
        "(the min), not 10%. This is normal, but explains sizes that do not match the fraction; to get the fraction's " +
        "size, move the min or max (or the total) so that it falls within them.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 4g\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" }],
    },
  },
  check(ctx) {
    const d = derivations(ctx);
    for (const result of [d.taskmanager, d.jobmanager]) {
      if (!result.ok) continue;
      const totals = [`${result.process}.memory.process.size`, `${result.process}.memory.flink.size`];
      for (const adjustment of result.adjustments) {
        if (adjustment.kind !== "capped-min" && adjustment.kind !== "capped-max") continue;
        const { at, key } = locate(ctx.doc, [...adjustment.keys, ...totals]);
        const related = relatedKeys(ctx.doc, adjustment.keys, key);
        ctx.report({
          messageId: "capped",
          at,
          ...(key ? { key } : {}),
          data: {
            process: processName(result.process),
            component: COMPONENT_NAMES[adjustment.component ?? ""] ?? adjustment.component ?? "",
            share:
              adjustment.fraction === undefined
                ? "the fraction"
                : `${percent(adjustment.fraction)}${adjustment.fractionOf === undefined ? "" : ` of ${toShortSize(adjustment.fractionOf)}`}`,
            derived: toShortSize(adjustment.derivedBytes ?? 0n),
            bound: adjustment.kind === "capped-min" ? "raised to its min" : "lowered to its max",
            size: toShortSize(adjustment.bytes ?? 0n),
            flinkMessage: adjustment.message,
          },
          ...(related.length > 0 ? { related } : {}),
        });
      }
    }
  },
});
