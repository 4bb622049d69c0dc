// The operator writes its spec fields into the Flink configuration after copying flinkConfiguration,
// so the same key there is silently replaced (resource.memory → *.memory.process.size, …): FlinkConfigBuilder.
import { viewOf } from "../src/model/operator/facts.js";
import type { FlinkResource } from "../src/model/operator/resource.js";
import { cpuSource, hasResourceRequirements, injectedMemory, processPath, processSpec } from "../src/model/operator/operator.js";
import { exampleManifest, flinkConfigEntry } from "../src/model/operator/rule-support.js";
import { defineRule, type Range } from "../src/types.js";

interface Override {
  keys: readonly string[];
  /** What replaces the key, for the message. */
  what: string;
  at: Range;
  advice: string;
}

/** The keys FlinkConfigBuilder sets from the spec (applyImage … applyJobOrSessionSpec), whatever flinkConfiguration says. */
function overridesOf(resource: FlinkResource): Override[] {
  const found: Override[] = [];
  for (const process of ["jobmanager", "taskmanager"] as const) {
    const memory = injectedMemory(resource, process);
    if (memory) {
      const shown = memory.resolved.ok && memory.resolved.text !== memory.source.value.text ? ` (${memory.resolved.text})` : "";
      found.push({
        keys: [memory.key],
        what: `\`${memory.source.path}: ${memory.source.value.text}\`${shown}`,
        at: memory.source.value.valueRange,
        advice: `Size the ${process === "jobmanager" ? "JobManager" : "TaskManager"} with \`${memory.source.path}\` only and remove this line.`,
      });
    }
    const cpu = cpuSource(resource, process);
    if (cpu) {
      found.push({
        keys: [`kubernetes.${process}.cpu.amount`, `kubernetes.${process}.cpu`],
        what: `\`${cpu.path}: ${cpu.value.text}\``,
        at: cpu.value.valueRange,
        advice: `Set the CPU with \`${cpu.path}\` only and remove this line.`,
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
          advice: "Remove this line; the limit sets it.",
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
        what: jm.replicas ? `\`spec.jobManager.replicas: ${jm.replicas.text}\`` : "`spec.jobManager.replicas` (1 when not set)",
        at: jm.replicas?.valueRange ?? jm.keyRange,
        advice: "Set `spec.jobManager.replicas` instead and remove this line.",
      });
    }
  }
  const scalar = (value: FlinkResource["image"], keys: string[], path: string): void => {
    if (!value || value.text.trim() === "") return;
    found.push({ keys, what: `\`${path}: ${value.text}\``, at: value.valueRange, advice: `Set \`${path}\` instead and remove this line.` });
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
        ? `\`spec.taskManager.replicas: ${tmReplicas.text}\` times the slots per TaskManager`
        : job.parallelism
          ? `\`spec.job.parallelism: ${job.parallelism.text}\``
          : "`spec.job.parallelism`",
      at: tmReplicas?.valueRange ?? job.parallelism?.valueRange ?? job.keyRange,
      advice: "Set `spec.job.parallelism` instead and remove this line.",
    });
  }
  found.push({
    keys: ["execution.target"],
    what: resource.mode?.text === "standalone" ? "`remote` (standalone mode)" : job ? "`kubernetes-application` (the FlinkDeployment has a job)" : "`kubernetes-session` (the FlinkDeployment has no job)",
    at: job?.keyRange ?? resource.spec?.keyRange ?? resource.kindRange,
    advice: "Remove this line.",
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
      overridden: "`{{key}}: {{value}}` has no effect: the operator replaces it with {{what}}. {{advice}}",
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
          data: { key, value: entry.value.text, what: override.what, advice: override.advice },
          related: [{ message: `the operator takes \`${key}\` from here`, range: override.at }],
        });
      }
    }
  },
});
