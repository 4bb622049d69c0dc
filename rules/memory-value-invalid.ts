// Flink stops when a memory-related number or flag it reads (legacy heap MB, network buffers, segment
// size, the JM direct-memory flag) is unreadable or out of range, or a sum overflows: ConfigurationUtils, MemorySize.
// A value Flink reads on its path is checked whatever fails first (memory-reads.ts).
import { memoryValueChecks } from "../src/model/facts.js";
import type { InvalidValueKind } from "../src/model/memory-reads.js";
import { failuresWith, lastEntry, reportFailure } from "../src/model/rule-support.js";
import { defineRule } from "../src/types.js";

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
      unparsable: "Flink cannot read `{{key}}`: {{flinkMessage}} ({{cause}}).",
      unparsableUnread:
        "`{{key}}: {{value}}` is not a value Flink can read ({{cause}}); Flink's memory set-up does not read it with this configuration, so it does no harm yet. Fix or remove it.",
      negativeHeap: "`{{key}}` is negative: {{flinkMessage}} Use a positive size, or better `{{target}}`.",
      segment: "`taskmanager.memory.segment-size` cannot be used for the network buffers: {{flinkMessage}} Use a power of 2 of at least 4k, e.g. 32k (the default).",
      overflow: "The configured {{process}} sizes are too large to add up in 64 bits: {{flinkMessage}} Use realistic sizes.",
      negative: "A {{process}} size came out negative: {{flinkMessage}} Check `{{key}}`.",
      negativeBuffers:
        "`{{key}}: {{value}}` is negative, and so is the network size Flink multiplies out of it: {{flinkMessage}}. Use a positive count, or size the network with `taskmanager.memory.network.max` instead.",
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
        data: { key: invalid.key, value: entry.value.text, flinkMessage: invalid.error, cause: invalid.cause ?? "", process: invalid.process === "taskmanager" ? "TaskManager" : "JobManager" },
        ...(invalid.read ? {} : { severity: "warning" as const }),
      });
    }
    // What only a whole derivation shows: a negative legacy heap (read first, so never hidden), sums that overflow.
    for (const failure of failuresWith(ctx, ["T9", "A1", "A2"])) {
      const key = failure.keys[0] ?? "";
      if (reported.has(key)) continue;
      const data = {
        key,
        cause: failure.causes[failure.causes.length - 1] ?? "",
        target: `${failure.process}.memory.process.size`,
      };
      const messageId = failure.code === "T9" ? "negativeHeap" : failure.code === "A1" ? "overflow" : "negative";
      reportFailure(ctx, failure, messageId, data);
    }
  },
});
