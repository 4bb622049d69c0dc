// Flink passes `-XX:MaxMetaspaceSize` from the metaspace option; the JVM then dies with
// "OutOfMemoryError: Metaspace" once loaded classes exceed it: ProcessMemoryUtils.generateJvmParametersStr.
import { MIB, toShortSize } from "../src/model/memory-size.js";
import { derivations, lastEntry, processName } from "./support/report.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

const DEFAULT_METASPACE = 256n * MIB;

export default defineRule({
  meta: {
    id: "metaspace-too-small",
    severity: "warning",
    description: "JVM metaspace set below Flink's 256m default, a common cause of OutOfMemoryError: Metaspace",
    messages: {
      small:
        "`{{key}}: {{value}}` caps the {{process}}'s metaspace at {{size}}; raise it to Flink's default 256m unless the jobs are small.",
    },
    docs: {
      why:
        "Flink caps the JVM metaspace at `*.memory.jvm-metaspace.size` (`-XX:MaxMetaspaceSize`). The default was " +
        "raised from 96m to 256m (FLINK-16406) because smaller values fail in practice: every job's user-code " +
        "class loader and every connector loads classes, and a session cluster that runs many jobs, or a job that " +
        "restarts, fills it until the TaskManager or JobManager dies with `OutOfMemoryError: Metaspace`. The size " +
        "reported is the one Flink's memory derivation uses.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.jvm-metaspace.size: 512m\n" }],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.jvm-metaspace.size: 96m\n" },
      ],
    },
  },
  check(ctx) {
    const d = derivations(ctx);
    for (const result of [d.taskmanager, d.jobmanager]) {
      if (!result.ok) continue;
      const metaspace = result.bytes.jvmMetaspace;
      const source = result.sources.jvmMetaspace;
      if (metaspace >= DEFAULT_METASPACE || source.how !== "configured") continue;
      const key = source.key ?? `${result.process}.memory.jvm-metaspace.size`;
      const entry = lastEntry(ctx.doc, key);
      if (entry === undefined) continue;
      ctx.report({
        messageId: "small",
        at: entry.valueRange,
        key,
        data: { key, value: clip(entry.value.text), process: processName(result.process), size: toShortSize(metaspace) },
      });
    }
  },
});
