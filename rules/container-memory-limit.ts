// A container may use no more memory than its limit: the kernel's OOM killer ends it once it does
// (Kubernetes reports OOMKilled), and Flink sizes its JVM to the Total Process Memory it derives.
import { derive } from "./support/memory-fixes.js";
import { memoryDerivations } from "../src/engine/memory-facts.js";
import { MIB, toConfigText, toShortSize } from "../src/model/memory-size.js";
import { lastEntry, processName } from "./support/report.js";
import { editsForChanges, holdsChanges, type SettingChange } from "../src/engine/setting-edits.js";
import type { ContainerMemoryLimit, Fix, FlinkProcess, RelatedLocation, RuleContext } from "../src/types.js";
import { defineRule } from "../src/types.js";

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: flink-taskmanager
spec:
  containers:
  - name: taskmanager
    image: flink:1.20
    args: ["taskmanager", "-Dtaskmanager.memory.process.size=4g"]
    resources:
      limits:
        memory: LIMIT
`;

/** The changes that bring the process size down to the limit and still start both processes, checked by deriving. */
function fittingChanges(ctx: RuleContext, process: FlinkProcess, limit: bigint): SettingChange[] | undefined {
  const scope = ctx.facts.get(memoryDerivations);
  const key = `${process}.memory.process.size`;
  const size = (limit / MIB) * MIB;
  if (size <= 0n) return undefined;
  const lower: SettingChange = { key, value: toConfigText(size) };
  const candidates: SettingChange[][] = [[lower]];
  // A Total Flink Memory of its own would contradict the lower process size: it goes.
  const flinkKey = `${process}.memory.flink.size`;
  if (scope.config.has(flinkKey)) candidates.push([lower, { key: flinkKey, remove: true }]);
  const other: FlinkProcess = process === "taskmanager" ? "jobmanager" : "taskmanager";
  const otherStarted = scope[other].ok;
  return candidates.find((changes) => {
    const result = derive(scope, process, changes);
    return result.ok && result.bytes.totalProcess <= limit && (!otherStarted || derive(scope, other, changes).ok);
  });
}

/**
 * "lower `key` to 2g and remove `other`": "set" for a size the user's file does not set (absent, or
 * brought in from elsewhere, such as an image's default file, which the user's file can only set over).
 */
function describe(ctx: RuleContext, changes: readonly SettingChange[], quote: (key: string) => string): string {
  const verb = (key: string) => {
    const entry = lastEntry(ctx.doc, key);
    return entry !== undefined && entry.external !== true ? "lower" : "set";
  };
  return changes.map((c) => ("remove" in c ? `remove ${quote(c.key)}` : `${verb(c.key)} ${quote(c.key)} to ${c.value}`)).join(" and ");
}

export default defineRule({
  meta: {
    id: "container-memory-limit",
    scope: "processes",
    severity: "error",
    description: "A Flink process larger than the memory limit of its container, which is then killed (OOMKilled)",
    messages: {
      exceeds:
        "{{process}} process memory {{processSize}} exceeds the container limit {{limit}} (OOMKilled); {{fix}}.",
    },
    docs: {
      why:
        "Kubernetes (`resources.limits.memory`) and Docker (`mem_limit`, `deploy.resources.limits.memory`) let a " +
        "container use no more memory than its limit: once it does, the kernel's OOM killer ends it and Kubernetes " +
        "reports the pod as OOMKilled and restarts it, again and again. Flink sizes the JVM (heap, direct and " +
        "metaspace limits) and its native memory to the Total Process Memory it derives, and a TaskManager uses " +
        "its managed and network memory in full under load, so a process size above the limit is a crash waiting " +
        "for load. Lower `*.memory.process.size` to the limit (the other sizes are then derived within it) or " +
        "raise the container's limit.",
      valid: [{ dialect: "standard", filename: "taskmanager.yaml", code: MANIFEST.replace("LIMIT", "4Gi") }],
      invalid: [{ dialect: "standard", filename: "taskmanager.yaml", code: MANIFEST.replace("LIMIT", "2Gi") }],
    },
  },
  check(ctx) {
    const derivations = ctx.facts.get(memoryDerivations);
    for (const limit of ctx.memoryLimits) {
      if (!ctx.processes.includes(limit.process)) continue;
      const derived = derivations[limit.process];
      // A process Flink does not start at all is the memory rules' finding, not this one's.
      if (!derived.ok || derived.bytes.totalProcess <= limit.bytes) continue;
      reportExceeds(ctx, limit, derived.bytes.totalProcess);
    }
  },
});

function reportExceeds(ctx: RuleContext, limit: ContainerMemoryLimit, totalProcess: bigint): void {
  const process = limit.process;
  const changes = fittingChanges(ctx, process, limit.bytes);
  const suggestions: Fix[] = [];
  const raise = `raise the limit to ${(totalProcess + MIB - 1n) / MIB}Mi`;
  let fix = raise;
  if (changes) {
    fix = `${describe(ctx, changes, (key) => `\`${key}\``)}, or ${raise}`;
    const edits = ctx.reread && editsForChanges(ctx.doc, changes);
    if (edits && ctx.reread && holdsChanges(ctx.doc, changes, edits, ctx.reread)) {
      suggestions.push({ description: describe(ctx, changes, (key) => key), edits });
    }
  }
  const related: RelatedLocation[] = [];
  for (const key of [`${process}.memory.process.size`, `${process}.memory.flink.size`]) {
    const entry = lastEntry(ctx.doc, key);
    if (entry) related.push({ message: `${entry.label ?? key} is set here`, range: entry.keyRange });
  }
  ctx.report({
    messageId: "exceeds",
    at: limit.range,
    key: `${process}.memory.process.size`,
    data: {
      process: processName(process),
      processSize: toShortSize(totalProcess),
      limit: limit.text,
      fix,
    },
    ...(related.length > 0 && { related }),
    ...(suggestions.length > 0 && { suggestions }),
  });
}
