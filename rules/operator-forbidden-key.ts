// The operator sets the namespace and cluster ids from the FlinkDeployment's metadata and refuses a
// flinkConfiguration that sets them ("Forbidden Flink config key"): DefaultValidator.validateFlinkDeploymentConfig.
import { exampleManifest, flinkConfigEntry } from "../src/model/operator/rule-support.js";
import { viewOf } from "../src/engine/operator-facts.js";
import { defineRule } from "../src/types.js";

/** DefaultValidator.FORBIDDEN_CONF_KEYS, and where FlinkConfigBuilder.build() takes each from. */
const FORBIDDEN: ReadonlyArray<{ key: string; from: string }> = [
  { key: "kubernetes.namespace", from: "`metadata.namespace`" },
  { key: "kubernetes.cluster-id", from: "`metadata.name`" },
  { key: "high-availability.cluster-id", from: "`metadata.name` when high availability is on" },
];

export default defineRule({
  meta: {
    id: "operator-forbidden-key",
    scope: "processes",
    severity: "error",
    description: "A flinkConfiguration key the Flink Kubernetes Operator forbids, so it refuses the FlinkDeployment",
    messages: {
      forbidden: "The operator refuses `{{key}}` in flinkConfiguration, as it sets it from {{from}}; remove the line.",
    },
    docs: {
      why:
        "The Flink Kubernetes Operator derives `kubernetes.namespace`, `kubernetes.cluster-id` and " +
        "`high-availability.cluster-id` from the FlinkDeployment's metadata. Its validator rejects a " +
        "`spec.flinkConfiguration` that sets any of them, and the deployment is not started.",
      valid: [{ dialect: "standard", filename: "flink-deployment.yaml", code: exampleManifest("  flinkConfiguration:\n    taskmanager.numberOfTaskSlots: \"2\"\n") }],
      invalid: [{ dialect: "standard", filename: "flink-deployment.yaml", code: exampleManifest("  flinkConfiguration:\n    kubernetes.cluster-id: my-cluster\n") }],
    },
  },
  check(ctx) {
    const view = viewOf(ctx);
    if (!view) return;
    for (const { key, from } of FORBIDDEN) {
      const entry = flinkConfigEntry(view.resource, key);
      if (entry) ctx.report({ messageId: "forbidden", at: entry.keyRange, key, data: { key, from, flinkMessage: `Forbidden Flink config key: ${key}` } });
    }
  },
});
