// Standby JobManagers need high availability to elect a leader; the operator refuses replicas > 1
// without it: DefaultValidator.validateJmReplicas (HighAvailabilityMode.isHighAvailabilityModeActivated).
import { viewOf } from "../src/engine/operator-facts.js";
import { isHighAvailabilityActivated } from "../src/model/operator/operator.js";
import { exampleManifest } from "../src/model/operator/rule-support.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

export default defineRule({
  meta: {
    id: "operator-jobmanager-replicas-without-ha",
    scope: "processes",
    severity: "error",
    description: "More than one JobManager replica without high availability, which the operator refuses",
    messages: {
      noHa:
        "The operator refuses `replicas: {{replicas}}` without high availability; set `high-availability.type: kubernetes` and `high-availability.storageDir`, or use 1 replica.",
    },
    docs: {
      why:
        "Only one JobManager leads; the others wait as standbys and need high-availability services to elect a " +
        "leader and recover its state. The operator's validator rejects `spec.jobManager.replicas` above 1 unless " +
        "`high-availability.type` (or its deprecated keys) turns high availability on.",
      valid: [
        {
          dialect: "standard",
          filename: "flink-deployment.yaml",
          code: exampleManifest(
            "  flinkConfiguration:\n    high-availability.type: kubernetes\n    high-availability.storageDir: s3://bucket/ha\n  jobManager:\n    replicas: 2\n    resource:\n      memory: 2048m\n",
          ),
        },
      ],
      invalid: [{ dialect: "standard", filename: "flink-deployment.yaml", code: exampleManifest("  jobManager:\n    replicas: 2\n    resource:\n      memory: 2048m\n") }],
    },
  },
  check(ctx) {
    const view = viewOf(ctx);
    const replicas = view?.resource.jobManager?.replicas;
    if (!view || !replicas) return;
    const count = Number(replicas.text);
    if (!(count > 1) || isHighAvailabilityActivated(view.effective.config)) return;
    ctx.report({ messageId: "noHa", at: replicas.valueRange, data: { replicas: clip(replicas.text), flinkMessage: "High availability should be enabled when starting standby JobManagers." } });
  },
});
