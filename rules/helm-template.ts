// Flink never reads a Helm template: `helm template`/`helm install` renders it first, and only the
// rendered manifests reach Flink (through the operator, a ConfigMap, a container's arguments).
import { templateActionRange } from "../src/parser/placeholders.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "helm-template",
    severity: "warning",
    description: "A Helm template, which Flink reads only after it is rendered: lint the rendered output",
    messages: {
      template:
        "Flink reads only what Helm renders from this template, so flinklint skips it; pipe `helm template` into `flinklint --stdin --stdin-filename rendered.yaml`.",
    },
    docs: {
      why:
        "Helm charts keep Flink's configuration in templates (`templates/*.yaml` with `{{ .Values.… }}`): a " +
        "FlinkDeployment, a ConfigMap holding `flink-conf.yaml`, a Deployment's `-D` arguments. What Flink reads " +
        "is the output of `helm template`, where every action is replaced; the template itself is often not even " +
        "valid YAML. flinklint says so once per file instead of reporting the template's syntax, and lints the " +
        "rendered manifests when they are piped in (`helm template my-release ./chart | flinklint --stdin " +
        "--stdin-filename rendered.yaml`, several documents in one stream).",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.numberOfTaskSlots: 4\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.numberOfTaskSlots: {{ .Values.slots }}\n" }],
    },
  },
  check(ctx) {
    const at = templateActionRange(ctx.doc);
    if (at !== undefined) ctx.report({ messageId: "template", at });
  },
});
