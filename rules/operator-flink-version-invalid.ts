// The operator reads spec.flinkVersion as its FlinkVersion enum (the CRD lists the values) and its
// validator refuses a missing or unsupported one: FlinkVersion, DefaultValidator.validateFlinkVersion.
import { viewOf } from "../src/engine/operator-facts.js";
import { flinkVersionStatus, OPERATOR_FLINK_VERSIONS } from "../src/model/operator/operator.js";
import { exampleManifest } from "../src/model/operator/rule-support.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

function hint(text: string): string {
  const match = /^v?(\d+)[._](\d+)/.exec(text.trim());
  const candidate = match ? `v${match[1]}_${match[2]}` : undefined;
  return candidate !== undefined && (OPERATOR_FLINK_VERSIONS as readonly string[]).includes(candidate) ? `write \`${candidate}\`` : "write it like `v1_20`";
}

export default defineRule({
  meta: {
    id: "operator-flink-version-invalid",
    scope: "processes",
    severity: "error",
    description: "A FlinkDeployment spec.flinkVersion that is missing or not one the operator accepts",
    messages: {
      missing:
        "`spec.flinkVersion` is missing, so the operator refuses the FlinkDeployment; set it to the image's Flink version, e.g. `v1_20` (flinklint checks Flink {{version}}).",
      rejected:
        "`spec.flinkVersion: {{value}}` is not an operator Flink version ({{first}} … {{last}}), so the API server rejects the manifest; {{hint}} (flinklint checks Flink {{version}}).",
      unsupported: "`spec.flinkVersion: {{value}}`: the operator no longer supports Flink {{flink}} and refuses the FlinkDeployment; use v1_15 or newer.",
      deprecated: "`spec.flinkVersion: {{value}}` is deprecated in the operator; support for Flink {{flink}} is going away.",
      newer: "flinklint models Flink up to {{modeled}}, so `{{value}}` is checked as Flink {{modeled}}.",
    },
    docs: {
      why:
        "`spec.flinkVersion` tells the operator which Flink the image runs, and is one of its `FlinkVersion` values " +
        "(`v1_13` … `v2_4`, with an underscore). A value such as `v1.17` or `1.14.3` is refused by the API server, a " +
        "missing one and versions older than 1.15 by the operator's validator. flinklint also takes the Flink " +
        "version to check against from it (unless `--flink-version` is given).",
      valid: [{ dialect: "standard", filename: "flink-deployment.yaml", code: exampleManifest("") }],
      invalid: [{ dialect: "standard", filename: "flink-deployment.yaml", code: exampleManifest("").replace("flinkVersion: v1_20", "flinkVersion: v1.17") }],
    },
  },
  check(ctx) {
    const view = viewOf(ctx);
    if (!view) return;
    const { resource } = view;
    const status = flinkVersionStatus(resource);
    const first = OPERATOR_FLINK_VERSIONS[0];
    const last = OPERATOR_FLINK_VERSIONS[OPERATOR_FLINK_VERSIONS.length - 1] ?? first;
    if (status.status === "missing") {
      ctx.report({ messageId: "missing", at: resource.spec?.keyRange ?? resource.kindRange, data: { version: ctx.flinkVersion, flinkMessage: "Flink Version must be defined." } });
    } else if (status.status === "rejected") {
      ctx.report({
        messageId: "rejected",
        at: status.value.valueRange,
        data: { value: clip(status.value.text), first, last, hint: hint(status.value.text), version: ctx.flinkVersion },
      });
    } else {
      const data = { value: clip(status.value.text), flink: status.version, modeled: status.modeled };
      if (status.status === "unsupported") {
        const flinkMessage = `Flink version ${status.value.text} is not supported by this operator version`;
        ctx.report({ messageId: "unsupported", at: status.value.valueRange, data: { ...data, flinkMessage } });
      }
      else if (status.deprecated) ctx.report({ messageId: "deprecated", at: status.value.valueRange, data, severity: "info" });
      if (status.modeled !== status.version) ctx.report({ messageId: "newer", at: status.value.valueRange, data, severity: "info" });
    }
  },
});
