// Network memory holds the buffers of every channel; fixed below Flink's 64m default minimum, jobs
// with a few shuffles fail with "Insufficient number of network buffers": NetworkBufferPool.
import { KIB, MIB, parseMemorySize, toShortSize } from "../src/model/memory-size.js";
import { derivations, lastEntry } from "./support/report.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

const DEFAULT_MIN = 64n * MIB;

export default defineRule({
  meta: {
    id: "network-fixed-small",
    severity: "warning",
    description: "TaskManager network memory fixed below Flink's 64m default minimum",
    messages: {
      small: "`{{key}}: {{value}}` fixes TaskManager network memory at {{size}}, below Flink's 64m default minimum; {{advice}}",
    },
    docs: {
      why:
        "Every input and output channel of a task needs network buffers (by default 2 per channel plus 8 floating " +
        "per gate), so the need grows with parallelism × slots. Flink sizes network memory as a fraction of " +
        "Total Flink memory, at least 64m; a config that fixes it lower (min = max, a max below 64m, or the " +
        "1.x `taskmanager.network.numberOfBuffers`) runs out at the first wider job with \"Insufficient number " +
        "of network buffers\". Without the fixed setting, network memory follows `taskmanager.memory.network.fraction`. " +
        "The size comes from Flink's memory derivation.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.min: 128m\ntaskmanager.memory.network.max: 128m\n" }],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.min: 32m\ntaskmanager.memory.network.max: 32m\n" },
      ],
    },
  },
  check(ctx) {
    const tm = derivations(ctx).taskmanager;
    if (!tm.ok) return;
    const network = tm.bytes.network;
    const source = tm.sources.network;
    if (network >= DEFAULT_MIN || !["configured", "capped-max", "capped-min"].includes(source.how)) return;
    const candidates = [
      source.key,
      "taskmanager.network.numberOfBuffers",
      "taskmanager.memory.network.max",
      "taskmanager.network.memory.max",
      "taskmanager.memory.network.min",
      "taskmanager.network.memory.min",
    ].filter((k): k is string => k !== undefined);
    const key = candidates.find((k) => ctx.doc.config.has(k));
    const entry = key === undefined ? undefined : lastEntry(ctx.doc, key);
    if (key === undefined || entry === undefined) return;
    // A min capped by a larger max, or the other way round, floats with the total: not fixed.
    if (source.how === "capped-min" && !isFixedRange(ctx.doc.config, network)) return;
    const segmentText = ctx.doc.config.get("taskmanager.memory.segment-size")?.text;
    const segment = segmentText === undefined ? 32n * KIB : segmentBytes(segmentText) ?? 32n * KIB;
    const buffersKey = key.endsWith("numberOfBuffers");
    ctx.report({
      messageId: "small",
      at: entry.valueRange,
      key,
      data: {
        key,
        value: clip(entry.value.text),
        size: toShortSize(network),
        advice: buffersKey
          ? `remove it, or raise it to at least ${(DEFAULT_MIN + segment - 1n) / segment}.`
          : "raise the max (and min) to 64m, or remove them.",
      },
    });
  },
});

function isFixedRange(config: ReadonlyMap<string, { text: string }>, network: bigint): boolean {
  const max = config.get("taskmanager.memory.network.max") ?? config.get("taskmanager.network.memory.max");
  return max !== undefined && segmentBytes(max.text) === network;
}

function segmentBytes(text: string): bigint | undefined {
  const parsed = parseMemorySize(text);
  return parsed.ok ? parsed.bytes : undefined;
}
