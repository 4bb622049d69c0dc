// Flink needs a total (process or Flink memory) or the fine-grained sizes for each process and
// refuses to start without them: ProcessMemoryUtils.memoryProcessSpecFromConfig.
import { offerFixes, SHIPPED_PROCESS_SIZE } from "./support/memory-fixes.js";
import { toConfigText } from "../src/model/memory-size.js";
import { failuresWith, lastEntry, processName, START_OF_FILE } from "./support/report.js";
import { versionFacts } from "../src/model/versions.js";
import { defineRule } from "../src/types.js";

const LEGACY_KEYS = {
  taskmanager: ["taskmanager.heap.size", "taskmanager.heap.mb"],
  jobmanager: ["jobmanager.heap.size", "jobmanager.heap.mb"],
} as const;

/**
 * The Flink Kubernetes Operator's own configuration (it holds `kubernetes.operator.*` keys) starts
 * no JobManager or TaskManager: the operator lays it under each resource's `flinkConfiguration` and
 * writes the process sizes from `spec.jobManager/taskManager.resource.memory`, so no total is
 * missing there.
 */
function isOperatorConfiguration(keys: Iterable<string>): boolean {
  for (const key of keys) if (key.startsWith("kubernetes.operator.")) return true;
  return false;
}

/** The ignored legacy keys as one name: `taskmanager.heap.size`, or `taskmanager.heap.*` for both (the related locations list each). */
function legacyName(keys: readonly string[]): string {
  const [first = "", ...rest] = keys;
  return rest.length === 0 ? first : `${first.slice(0, first.lastIndexOf("."))}.*`;
}

export default defineRule({
  meta: {
    id: "memory-total-missing",
    scope: "processes",
    severity: "error",
    description: "No total memory size for the TaskManager or JobManager, so Flink cannot start it",
    messages: {
      missing:
        "Flink refuses the {{process}}: no memory size is set{{legacyNote}}; set `{{key}}`, e.g. {{example}}.",
    },
    docs: {
      why:
        "Since Flink 1.10 (TaskManager) and 1.11 (JobManager), each process needs `*.memory.process.size`, " +
        "`*.memory.flink.size`, or the fine-grained sizes. Without one of them the process refuses to start. " +
        "Flink's own default configuration file sets 1728m for the TaskManager and 1600m for the JobManager. " +
        "The legacy `*.heap.size` and `*.heap.mb` keys stand in for them only up to Flink 1.20; Flink 2.0 removed them. The Flink Kubernetes Operator's own " +
        "configuration (a file with `kubernetes.operator.*` keys) is not reported: the operator sets both process " +
        "sizes of every deployment from its `resource.memory`.",
      valid: [{ dialect: "standard", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [{ dialect: "standard", code: "taskmanager.memory.process.size: 1728m\n" }],
    },
  },
  check(ctx) {
    if (isOperatorConfiguration(ctx.doc.config.keys())) return;
    const facts = versionFacts(ctx.flinkVersion);
    for (const failure of failuresWith(ctx, ["required-options-missing"])) {
      const ignored = facts.legacyHeapKeys ? [] : LEGACY_KEYS[failure.process].filter((k) => ctx.doc.config.has(k));
      const related = ignored.flatMap((k) => {
        const entry = lastEntry(ctx.doc, k);
        return entry ? [{ message: `${k} is ignored since Flink 2.0`, range: entry.keyRange }] : [];
      });
      // Flink's shipped size; where other settings need more (a large metaspace), what else it takes.
      const { suggestions } = offerFixes(ctx, failure);
      ctx.report({
        messageId: "missing",
        at: START_OF_FILE,
        data: {
          process: processName(failure.process),
          flinkMessage: failure.error,
          key: `${failure.process}.memory.process.size`,
          example: toConfigText(SHIPPED_PROCESS_SIZE[failure.process]),
          legacyNote: ignored.length > 0 ? ` (Flink ${ctx.flinkVersion} ignores \`${legacyName(ignored)}\`)` : "",
        },
        ...(related.length > 0 ? { related } : {}),
        ...(suggestions.length > 0 && { suggestions }),
      });
    }
  },
});
