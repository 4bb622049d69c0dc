// The operator writes its spec fields into the Flink configuration after copying flinkConfiguration,
// so the same key there is silently replaced (resource.memory → *.memory.process.size, …): FlinkConfigBuilder.
import { viewOf } from "../src/engine/operator-facts.js";
import type { FlinkResource } from "../src/model/operator/resource.js";
import { cpuSource, hasResourceRequirements, injectedMemory, processPath, processSpec } from "../src/model/operator/operator.js";
import { exampleManifest, flinkConfigEntry } from "../src/model/operator/rule-support.js";
import { toShortSize } from "../src/model/memory-size.js";
import { defineRule, type Range } from "../src/types.js";
import { clip } from "../src/util/text.js";

interface Override {
  keys: readonly string[];
  /** What replaces the key, for the message. */
  what: string;
  at: Range;
  /** What to change, lower case: the message ends with it. */
  advice: string;
}

/** The keys FlinkConfigBuilder sets from the spec (applyImage … applyJobOrSessionSpec), whatever flinkConfiguration says. */
function overridesOf(resource: FlinkResource): Override[] {
  const found: Override[] = [];
  for (const process of ["jobmanager", "taskmanager"] as const) {
    const memory = injectedMemory(resource, process);
    if (memory) {
      const { resolved } = memory;
      const bytes = !resolved.ok ? undefined : resolved.via === "flink" ? resolved.bytes : resolved.flink.ok ? resolved.flink.bytes : undefined;
      const short = bytes === undefined ? undefined : toShortSize(bytes);
      const shown = resolved.ok && resolved.text !== memory.source.value.text ? ` (${short ?? clip(resolved.text)})` : "";
      found.push({
        keys: [memory.key],
        what: `\`${memory.source.path}: ${clip(memory.source.value.text)}\`${short === memory.source.value.text.trim() ? "" : shown}`,
        at: memory.source.value.valueRange,
        advice: "remove this line",
      });
    }
    const cpu = cpuSource(resource, process);
    if (cpu) {
      found.push({
        keys: [`kubernetes.${process}.cpu.amount`, `kubernetes.${process}.cpu`],
        what: `\`${cpu.path}: ${clip(cpu.value.text)}\``,
        at: cpu.value.valueRange,
        advice: "remove this line",
      });
    }
    const spec = processSpec(resource, process);
    if (hasResourceRequirements(spec)) {
      for (const name of ["memory", "cpu"] as const) {
        const request = spec?.resources?.requests.get(name);
        const limit = spec?.resources?.limits.get(name);
        if (!request || !limit) continue;
        found.push({
          keys: [`kubernetes.${process}.${name}.limit-factor`],
          what: `the ratio of \`${processPath(process)}.resources.limits.${name}\` to its request`,
          at: limit.valueRange,
          advice: "remove this line",
        });
      }
    }
  }
  const jm = resource.jobManager;
  if (jm) {
    const replicas = jm.replicas ? Number(jm.replicas.text) : 1;
    if (replicas > 0) {
      found.push({
        keys: ["kubernetes.jobmanager.replicas"],
        what: jm.replicas ? `\`spec.jobManager.replicas: ${clip(jm.replicas.text)}\`` : "`spec.jobManager.replicas` (1 when not set)",
        at: jm.replicas?.valueRange ?? jm.keyRange,
        advice: jm.replicas ? "remove this line" : "remove this line and set that field instead",
      });
    }
  }
  const scalar = (value: FlinkResource["image"], keys: string[], path: string): void => {
    if (!value || value.text.trim() === "") return;
    found.push({ keys, what: `\`${path}: ${clip(value.text)}\``, at: value.valueRange, advice: "remove this line" });
  };
  scalar(resource.image, ["kubernetes.container.image.ref", "kubernetes.container.image"], "spec.image");
  scalar(resource.imagePullPolicy, ["kubernetes.container.image.pull-policy"], "spec.imagePullPolicy");
  scalar(resource.serviceAccount, ["kubernetes.service-account"], "spec.serviceAccount");
  const job = resource.job;
  if (job) {
    const tmReplicas = resource.taskManager?.replicas;
    found.push({
      keys: ["parallelism.default"],
      what: tmReplicas
        ? `\`spec.taskManager.replicas: ${clip(tmReplicas.text)}\` times the slots per TaskManager`
        : job.parallelism
          ? `\`spec.job.parallelism: ${clip(job.parallelism.text)}\``
          : "`spec.job.parallelism`",
      at: tmReplicas?.valueRange ?? job.parallelism?.valueRange ?? job.keyRange,
      advice: tmReplicas || !job.parallelism ? "remove this line and set `spec.job.parallelism` instead" : "remove this line",
    });
  }
  found.push({
    keys: ["execution.target"],
    what: resource.mode?.text === "standalone" ? "`remote` (standalone mode)" : job ? "`kubernetes-application` (the FlinkDeployment has a job)" : "`kubernetes-session` (the FlinkDeployment has no job)",
    at: job?.keyRange ?? resource.spec?.keyRange ?? resource.kindRange,
    advice: "remove this line",
  });
  return found;
}

export default defineRule({
  meta: {
    id: "operator-overridden-key",
    scope: "processes",
    severity: "warning",
    description: "A flinkConfiguration key the operator silently replaces with a value from the FlinkDeployment spec",
    messages: {
      overridden: "The operator replaces `{{key}}: {{value}}` with {{what}}; {{advice}}.",
    },
    docs: {
      why:
        "The Flink Kubernetes Operator copies `spec.flinkConfiguration` first and then writes its spec fields over it: " +
        "`resource.memory` becomes `*.memory.process.size`, `resource.cpu` the CPU, `replicas`, `image`, " +
        "`serviceAccount` and the job's parallelism their keys. The same key in flinkConfiguration is silently " +
        "replaced, so the value you read there is not the one Flink runs with.",
      valid: [{ dialect: "standard", filename: "flink-deployment.yaml", code: exampleManifest("  taskManager:\n    resource:\n      memory: 2048m\n") }],
      invalid: [
        {
          dialect: "standard",
          filename: "flink-deployment.yaml",
          code: exampleManifest("  flinkConfiguration:\n    taskmanager.memory.process.size: 4g\n  taskManager:\n    resource:\n      memory: 2048m\n"),
        },
      ],
    },
  },
  check(ctx) {
    const view = viewOf(ctx);
    if (!view) return;
    for (const override of overridesOf(view.resource)) {
      for (const key of override.keys) {
        const entry = flinkConfigEntry(view.resource, key);
        if (!entry) continue;
        ctx.report({
          messageId: "overridden",
          at: entry.keyRange,
          key,
          data: { key: clip(key, 60), value: clip(entry.value.text), what: override.what, advice: override.advice },
          related: [{ message: `the operator takes \`${key}\` from here`, range: override.at }],
        });
      }
    }
  },
});
