// Flink stops when a memory-related number or flag it reads (legacy heap MB, network buffers, segment
// size, the JM direct-memory flag) is unreadable or out of range, or a sum overflows: ConfigurationUtils, MemorySize.
// A value Flink reads on its path is checked whatever fails first (memory-reads.ts).
import { memoryValueChecks } from "../src/engine/memory-facts.js";
import type { InvalidValueKind } from "../src/model/memory-reads.js";
import type { OptionDef } from "../src/model/options.js";
import { failuresWith, lastEntry, reportFailure } from "./support/report.js";
import { clip } from "../src/util/text.js";
import { defineRule } from "../src/types.js";

/** What Flink would read for the option, as advice. */
function expected(option: OptionDef): string {
  if (option.type === "bool") return "`true` or `false`";
  if (/\.heap\.mb$/.test(option.key)) return `whole MiB such as 1024, or better set \`${option.key.split(".")[0]}.memory.process.size\``;
  if (option.type === "int") return /^\d+$/.test(option.defaultText) ? `a whole number such as ${option.defaultText}` : "a whole number";
  return "a plain number";
}

/** Fractions, CPU cores and slots have rules of their own, sizes memory-size-invalid. */
const OWNED_ELSEWHERE = /(\.fraction|^taskmanager\.cpu\.cores|^taskmanager\.numberOfTaskSlots)$/;
const MESSAGE_OF: Partial<Record<InvalidValueKind, "unparsable" | "segment" | "negativeBuffers">> = {
  unparsable: "unparsable",
  segment: "segment",
  "negative-buffers": "negativeBuffers",
};

export default defineRule({
  meta: {
    id: "memory-value-invalid",
    scope: "processes",
    severity: "error",
    description: "A memory-related number or flag Flink cannot use (unparsable, negative, or overflowing)",
    messages: {
      unparsable: "Flink cannot read `{{key}}: {{value}}`{{why}}, so the {{process}} does not start; write {{expected}}.",
      unparsableUnread: "`{{key}}: {{value}}` is not a value Flink can read, but Flink's memory set-up ignores it here; fix or remove it.",
      negativeHeap: "Flink refuses the {{process}}: `{{key}}` is negative; set a positive size, or better `{{target}}`.",
      segment:
        "Flink refuses the TaskManager: `taskmanager.memory.segment-size: {{value}}` {{problem}}; use a power of 2 of at least 4k, e.g. 32k (the default).",
      overflow: "Flink refuses the {{process}}: its memory sizes are too large to add up in 64 bits; use realistic sizes.",
      negative: "Flink refuses the {{process}}: a memory size comes out negative; check `{{key}}`.",
      negativeBuffers:
        "`{{key}}: {{value}}` is negative, so the network size Flink derives from it is too; use a positive count, or set `taskmanager.memory.network.max`.",
    },
    docs: {
      why:
        "Besides sizes and fractions, Flink's memory set-up reads a few plain numbers and flags: `*.heap.mb` (int " +
        "MiB), `taskmanager.network.numberOfBuffers` (int) with `taskmanager.memory.segment-size` (a power of 2, " +
        "≥ 4k), and `jobmanager.memory.enable-jvm-direct-memory-limit` (`true`/`false`). Values Flink cannot read " +
        "stop the process. Each value Flink reads on the path it takes is checked even when another memory error " +
        "stops Flink first, since it fails on the value as soon as that one is fixed; an unreadable value Flink does " +
        "not read with the other settings (the buffer count beside `taskmanager.memory.network.*`, a legacy heap key " +
        "beside its replacement) is a warning.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\njobmanager.memory.enable-jvm-direct-memory-limit: true\n" }],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\njobmanager.memory.enable-jvm-direct-memory-limit: yes\n" },
        { dialect: "standard", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1g\njobmanager.memory.off-heap.size: 2g\njobmanager.memory.enable-jvm-direct-memory-limit: on\n" },
      ],
    },
  },
  check(ctx) {
    const checks = ctx.facts.get(memoryValueChecks);
    const reported = new Set<string>();
    const found = [...checks.invalid.map((v) => ({ ...v, read: true })), ...checks.invalidUnread.map((v) => ({ ...v, read: false }))];
    for (const invalid of found) {
      const kind = MESSAGE_OF[invalid.kind];
      const entry = lastEntry(ctx.doc, invalid.key);
      if (kind === undefined || entry === undefined || invalid.option.type === "memory" && kind === "unparsable" || OWNED_ELSEWHERE.test(invalid.key)) continue;
      // A placeholder (`${BUFFERS}`) is filled in before Flink reads it: template-placeholder notes it.
      if (invalid.placeholder) continue;
      if (!invalid.read && kind !== "unparsable") continue;
      reported.add(invalid.key);
      ctx.report({
        messageId: invalid.read ? kind : "unparsableUnread",
        at: entry.valueRange,
        key: invalid.key,
        data: {
          key: clip(invalid.key, 60),
          value: clip(entry.value.text),
          why: /overflows|underflows/.test(invalid.cause ?? "") ? " (too large for an int)" : "",
          expected: expected(invalid.option),
          problem: /power of 2/.test(invalid.error) ? "is not a power of 2" : "is below 4k",
          flinkMessage: invalid.cause && !invalid.error.includes(invalid.cause) ? `${invalid.error} (${invalid.cause})` : invalid.error,
          process: invalid.process === "taskmanager" ? "TaskManager" : "JobManager",
        },
        ...(invalid.read ? {} : { severity: "warning" as const }),
      });
    }
    // What only a whole derivation shows: a negative legacy heap (read first, so never hidden), sums that overflow.
    for (const failure of failuresWith(ctx, ["legacy-heap-negative", "long-overflow", "size-negative"])) {
      const key = failure.keys[0] ?? "";
      if (reported.has(key)) continue;
      const cause = failure.causes[failure.causes.length - 1] ?? "";
      const data = {
        key,
        flinkMessage: cause && !failure.error.includes(cause) ? `${failure.error} (${cause})` : failure.error,
        target: `${failure.process}.memory.process.size`,
      };
      const messageId = failure.code === "legacy-heap-negative" ? "negativeHeap" : failure.code === "long-overflow" ? "overflow" : "negative";
      reportFailure(ctx, failure, messageId, data);
    }
  },
});
