// The operator writes resource.memory into *.memory.process.size but keeps a *.memory.flink.size from
// flinkConfiguration; with both totals Flink makes the JVM overhead the rest and fails when it leaves
// its range: FlinkConfigBuilder.setResource, ProcessMemoryUtils.deriveJvmMetaspaceAndOverheadFromTotalFlinkMemory.
import { viewOf } from "../src/engine/operator-facts.js";
import { exampleManifest, flinkConfigEntry } from "../src/model/operator/rule-support.js";
import { toShortSize } from "../src/model/memory-size.js";
import { adviceRoom, offerFixes, removal, searchedSize } from "./support/memory-fixes.js";
import { processName, refusalFacts } from "./support/report.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "operator-flink-size-with-resource-memory",
    scope: "processes",
    supersedes: ["memory-both-totals"],
    severity: "error",
    description: "A flink.size in flinkConfiguration next to resource.memory: JVM overhead becomes the rest, and must fit its range",
    messages: {
      kept:
        "With `{{path}}` set, `{{flinkKey}}` makes the JVM overhead the rest ({{overhead}}) instead of a fraction; remove it.",
      keptUnderived:
        "With `{{path}}` set, `{{flinkKey}}` makes the JVM overhead the rest instead of a fraction; remove it.",
      contradiction:
        "Flink refuses the {{process}} with `{{path}}: {{memory}}`: {{facts}}{{fix}}.",
    },
    docs: {
      why:
        "The operator sets `taskmanager.memory.process.size` (`jobmanager.…`) from `spec.*.resource.memory` and keeps " +
        "everything else in `flinkConfiguration`, including a `*.memory.flink.size`. Flink then has both totals: the " +
        "JVM overhead is no longer a fraction but `process − flink − metaspace`, and Flink refuses to start the process " +
        "when that falls outside `jvm-overhead.min`..`max`. The operator's validator does not look at this, so it " +
        "shows only as a crash-looping pod.",
      valid: [{ dialect: "standard", filename: "flink-deployment.yaml", code: exampleManifest("  taskManager:\n    resource:\n      memory: 2048m\n") }],
      invalid: [
        {
          dialect: "standard",
          filename: "flink-deployment.yaml",
          code: exampleManifest("  flinkConfiguration:\n    taskmanager.memory.flink.size: 2g\n  taskManager:\n    resource:\n      memory: 2048m\n"),
        },
      ],
    },
  },
  check(ctx) {
    const view = viewOf(ctx);
    if (!view) return;
    for (const memory of view.injected) {
      const process = memory.process;
      const flinkKey = `${process}.memory.flink.size`;
      const entry = flinkConfigEntry(view.resource, flinkKey);
      if (!entry) continue;
      const result = view.derivations[process];
      const data = {
        flinkKey,
        flinkValue: entry.value.text,
        path: memory.source.path,
        memory: memory.source.value.text,
        processKey: memory.key,
        process: processName(process),
      };
      const related = [{ message: `${memory.source.path} sets ${memory.key} here`, range: memory.source.value.valueRange }];
      if (result.ok) {
        ctx.report({
          messageId: "kept",
          at: entry.keyRange,
          key: flinkKey,
          severity: "warning",
          data: { ...data, overhead: toShortSize(result.bytes.jvmOverhead) },
          related,
        });
      } else if (result.code === "process-below-flink-and-metaspace" || result.code === "overhead-out-of-range") {
        const overheadTooBig = result.code === "overhead-out-of-range" && (result.numbers.jvmOverhead ?? 0n) > (result.numbers.max ?? 0n);
        const scope = view.derivations;
        const { phrase: fix, suggestions, advice } = offerFixes(ctx, result, [
          searchedSize(scope, result, memory.key, overheadTooBig ? "down" : "up", overheadTooBig ? "lower" : "raise", result.numbers.totalProcess),
          searchedSize(scope, result, flinkKey, overheadTooBig ? "up" : "down", overheadTooBig ? "raise" : "lower", result.numbers.totalFlink),
          removal(scope, flinkKey),
        ], adviceRoom(refusalFacts(result, ctx.doc), memory.source.path.length + memory.source.value.text.length + 10));
        ctx.report({
          messageId: "contradiction",
          at: entry.keyRange,
          key: flinkKey,
          data: { ...data, flinkMessage: result.error, facts: refusalFacts(result, ctx.doc), fix },
          related,
          ...(suggestions.length > 0 && { suggestions }),
          ...(advice.length > 0 && { advice }),
        });
      } else {
        ctx.report({ messageId: "keptUnderived", at: entry.keyRange, key: flinkKey, severity: "warning", data, related });
      }
    }
  },
});
