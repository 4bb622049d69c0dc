// Memory fractions must lie in [0, 1); Flink checks each when it derives the component and refuses
// the configuration otherwise: RangeFraction via ProcessMemoryUtils.getRangeFraction.
import { clip } from "../src/util/text.js";
import { memoryDerivations, memoryValueChecks } from "../src/engine/memory-facts.js";
import { derive, offerFixes } from "./support/memory-fixes.js";
import type { MemoryFailure } from "../src/model/memory.js";
import type { InvalidValue } from "../src/model/memory-reads.js";
import { derivations, failuresWith, lastEntry } from "./support/report.js";
import { defineRule, type RuleContext } from "../src/types.js";

const isOutOfRange = (failure: MemoryFailure, key: string): boolean => failure.reason === "fraction-out-of-range" && failure.keys[0] === key;

/**
 * The failure Flink reports for `value`: the derivation's own for the first fraction it checks,
 * and for each later one the derivation's once the other fractions out of range of that process
 * are at their defaults (Flink stops at the first, then at the next once that one is fixed).
 * Undefined when Flink would stop on something else before it gets to this fraction.
 */
function failureFor(ctx: RuleContext, value: InvalidValue, outOfRange: readonly InvalidValue[]): MemoryFailure | undefined {
  const own = failuresWith(ctx, ["range-fraction-invalid"]).find((f) => f.process === value.process && isOutOfRange(f, value.key));
  if (own !== undefined) return own;
  const others = outOfRange.filter((o) => o !== value && o.process === value.process);
  const result = derive(ctx.facts.get(memoryDerivations), value.process, others.map((o) => ({ key: o.key, value: o.option.defaultText })));
  return !result.ok && result.code === "range-fraction-invalid" && isOutOfRange(result, value.key) ? result : undefined;
}

/** A float's shortest digits: what was written (0.1f, not 0.10000000149011612). */
function floatText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(value.toPrecision(p));
    if (Math.fround(candidate) === Math.fround(value)) return String(candidate);
  }
  return String(value);
}

export default defineRule({
  meta: {
    id: "memory-fraction-out-of-range",
    scope: "processes",
    severity: "error",
    description: "A memory fraction outside [0, 1)",
    messages: {
      outOfRange: "Flink refuses the {{process}}: `{{key}}` is {{fraction}}, outside [0, 1); use e.g. {{example}} (the default).",
      outOfRangeLater:
        "`{{key}}` is {{fraction}}, outside [0, 1): Flink refuses the {{process}} on it once earlier errors are fixed; use e.g. {{example}} (the default).",
    },
    docs: {
      why:
        "Managed, network and JVM overhead fractions are parts of a total, so Flink accepts 0 ≤ fraction < 1; " +
        "`1.0`, percentages written as `40` or negative values stop the process. Fractions are read as 32-bit floats. " +
        "Every fraction Flink reads on the path it takes is reported, not only the first, and also when another memory " +
        "error stops Flink before it: Flink stops on each as soon as what it meets first is fixed.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.managed.fraction: 0.4\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.managed.fraction: 1.0\njobmanager.memory.process.size: 1600m\n" }],
    },
  },
  check(ctx) {
    // Only the processes the configuration starts (a TaskManager-only container has no JobManager to stop).
    const outOfRange = ctx.facts.get(memoryValueChecks).invalid.filter((v) => v.kind === "fraction-out-of-range" && ctx.processes.includes(v.process));
    for (const value of outOfRange) {
      const entry = lastEntry(ctx.doc, value.key);
      if (entry === undefined) continue;
      const failure = failureFor(ctx, value, outOfRange);
      // Behind another failure, the fixes of that failure: each starts the process, so gets past this fraction too.
      const derived = derivations(ctx)[value.process];
      const fixed = failure ?? (derived.ok ? undefined : derived);
      ctx.report({
        messageId: failure === undefined ? "outOfRangeLater" : "outOfRange",
        at: entry.valueRange,
        key: value.key,
        data: {
          key: clip(value.key, 60),
          fraction: floatText(typeof value.value === "number" ? value.value : NaN),
          // Without a failure to quote, the check itself (Flink's message would also name the range's min and max).
          flinkMessage: failure?.error ?? value.error,
          example: value.option.defaultText,
          process: value.process === "taskmanager" ? "TaskManager" : "JobManager",
        },
        ...(fixed === undefined ? {} : { suggestions: offerFixes(ctx, fixed).suggestions }),
      });
    }
  },
});
