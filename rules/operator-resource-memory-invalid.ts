// The operator reads resource memory with Flink's MemorySize first, then as a Kubernetes quantity, and
// refuses what neither reads or what Flink cannot read back: ResourceConfigUtils.parseResourceMemoryString,
// DefaultValidator.validateResources / validateResourceRequirements.
import { viewOf } from "../src/model/operator/facts.js";
import type { FlinkResource, ScalarAt } from "../src/model/operator/resource.js";
import { processPath, processSpec } from "../src/model/operator/operator.js";
import { parseResourceMemory, quantityAmount } from "../src/model/operator/quantity.js";
import { exampleManifest } from "../src/model/operator/rule-support.js";
import { toConfigText, toHumanReadableString } from "../src/model/memory-size.js";
import { defineRule, type RuleContext } from "../src/types.js";

type MessageId = "notAString" | "unreadable" | "notWhole" | "notPositive" | "requestAboveLimit" | "binaryUnits";

interface MemoryValue {
  path: string;
  value: ScalarAt;
  /** `resource.memory` is a string in the CRD; `resources` takes int-or-string quantities. */
  form: "resource" | "requests" | "limits";
}

function memoryValues(resource: FlinkResource): Array<MemoryValue & { process: "jobmanager" | "taskmanager" }> {
  const found: Array<MemoryValue & { process: "jobmanager" | "taskmanager" }> = [];
  for (const process of ["jobmanager", "taskmanager"] as const) {
    const spec = processSpec(resource, process);
    const base = processPath(process);
    const memory = spec?.resource?.memory;
    if (memory) found.push({ process, path: `${base}.resource.memory`, value: memory, form: "resource" });
    for (const form of ["requests", "limits"] as const) {
      const value = spec?.resources?.[form].get("memory");
      if (value) found.push({ process, path: `${base}.resources.${form}.memory`, value, form });
    }
  }
  return found;
}

/** The bytes the operator reads, when it reads the value at all. */
function operatorBytes(text: string): bigint | undefined {
  const resolved = parseResourceMemory(text);
  if (!resolved.ok) return undefined;
  return resolved.via === "flink" ? resolved.bytes : resolved.flink.ok ? resolved.flink.bytes : undefined;
}

function check(ctx: RuleContext<MessageId>, m: MemoryValue): void {
  const { value, path } = m;
  const at = value.valueRange;
  if (m.form === "resource" && !value.isString) {
    ctx.report({ messageId: "notAString", at, data: { path, value: value.text } });
    return;
  }
  const resolved = parseResourceMemory(value.text);
  if (!resolved.ok) {
    ctx.report({
      messageId: "unreadable",
      at,
      data: { path, value: value.text, flinkError: resolved.flinkError.replace(/\.$/, ""), quantity: resolved.quantity, quantityError: resolved.quantityError.replace(/\.$/, "") },
    });
    return;
  }
  if (resolved.via === "quantity" && !resolved.flink.ok) {
    const fix = resolved.exactBytes !== undefined && resolved.exactBytes > 0n ? ` Write \`${toConfigText(resolved.exactBytes)}\` instead.` : "";
    ctx.report({
      messageId: "notWhole",
      at,
      data: { path, value: value.text, quantity: resolved.quantity, text: resolved.text, flinkError: resolved.flink.error.replace(/\.$/, ""), fix },
    });
    return;
  }
  const bytes = resolved.via === "flink" ? resolved.bytes : resolved.flink.ok ? resolved.flink.bytes : 0n;
  if (m.form !== "resource" && bytes <= 0n) {
    ctx.report({ messageId: "notPositive", at, data: { path, value: value.text } });
    return;
  }
  // `2G` is 2 GiB to the operator (Flink's units are binary), 2×10⁹ bytes to Kubernetes.
  if (resolved.via === "flink" && /^\s*\d+\s*[MGT]\s*$/.test(value.text)) {
    const k8s = quantityAmount(value.text.trim());
    if (k8s.ok && k8s.amount.scale <= 0) {
      const k8sBytes = k8s.amount.unscaled * 10n ** BigInt(-k8s.amount.scale);
      ctx.report({
        messageId: "binaryUnits",
        at,
        severity: "info",
        data: { path, value: value.text, human: toHumanReadableString(bytes), k8sBytes: k8sBytes.toString() },
      });
    }
  }
}

export default defineRule<MessageId>({
  meta: {
    id: "operator-resource-memory-invalid",
    scope: "processes",
    severity: "error",
    description: "A FlinkDeployment resource memory the operator cannot read as a Flink size or Kubernetes quantity",
    messages: {
      notAString:
        "`{{path}}: {{value}}` is a number, but the FlinkDeployment resource wants a string, so the API server rejects the manifest. Write it with a unit, e.g. `\"{{value}}m\"`.",
      unreadable:
        "The operator cannot read `{{path}}: {{value}}`: it is not a Flink memory size ({{flinkError}}) nor a Kubernetes quantity (`{{quantity}}`: {{quantityError}}), so it refuses the FlinkDeployment. Write a size such as `2048m` or `2Gi`.",
      notWhole:
        "`{{path}}: {{value}}` is no Flink memory size, so the operator reads it as the Kubernetes quantity `{{quantity}}` and writes `{{text}}` bytes, which Flink cannot read ({{flinkError}}); the operator refuses the FlinkDeployment.{{fix}}",
      notPositive: "`{{path}}: {{value}}` must be a positive size; the operator refuses the FlinkDeployment.",
      requestAboveLimit:
        "`{{path}}: {{value}}` is above the limit `{{limit}}`; the operator refuses the FlinkDeployment (\"request must not exceed its limit\").",
      binaryUnits:
        "The operator reads `{{path}}: {{value}}` with Flink's binary units, as {{human}}, not as the {{k8sBytes}} bytes Kubernetes would read.",
    },
    docs: {
      why:
        "The operator reads `resource.memory` (and `resources.requests/limits.memory`) with Flink's `MemorySize` first " +
        "(`2048m`, `2g`; `2G` is 2 GiB) and falls back to a Kubernetes quantity (`2Gi`, `1.5G`). A value neither reads, " +
        "or a fractional quantity whose byte count it writes with a decimal point (`1.5Gi` → `1610612736.0`), which " +
        "Flink cannot read back, makes the operator refuse the FlinkDeployment.",
      valid: [
        { dialect: "standard", filename: "flink-deployment.yaml", code: exampleManifest("  taskManager:\n    resource:\n      memory: 2Gi\n") },
        { dialect: "standard", filename: "flink-deployment.yaml", code: exampleManifest("  taskManager:\n    resource:\n      memory: 2048m\n") },
      ],
      invalid: [
        { dialect: "standard", filename: "flink-deployment.yaml", code: exampleManifest("  taskManager:\n    resource:\n      memory: 2 gigs\n") },
        { dialect: "standard", filename: "flink-deployment.yaml", code: exampleManifest("  taskManager:\n    resource:\n      memory: 1.5Gi\n") },
      ],
    },
  },
  check(ctx) {
    const view = viewOf(ctx);
    if (!view) return;
    const values = memoryValues(view.resource);
    for (const m of values) check(ctx, m);
    // A request above its limit: DefaultValidator.validateRequestNotAboveLimit.
    for (const process of ["jobmanager", "taskmanager"] as const) {
      const request = values.find((v) => v.process === process && v.form === "requests");
      const limit = values.find((v) => v.process === process && v.form === "limits");
      if (!request || !limit) continue;
      const r = operatorBytes(request.value.text);
      const l = operatorBytes(limit.value.text);
      if (r === undefined || l === undefined || r <= l) continue;
      ctx.report({
        messageId: "requestAboveLimit",
        at: request.value.valueRange,
        data: { path: request.path, value: request.value.text, limit: limit.value.text },
        related: [{ message: `${limit.path} is set here`, range: limit.value.valueRange }],
      });
    }
  },
});
