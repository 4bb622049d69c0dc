// The operator reads resource memory with Flink's MemorySize first, then as a Kubernetes quantity, and
// refuses what neither reads or what Flink cannot read back: ResourceConfigUtils.parseResourceMemoryString,
// DefaultValidator.validateResources / validateResourceRequirements.
import { viewOf } from "../src/engine/operator-facts.js";
import type { FlinkResource, ScalarAt } from "../src/model/operator/resource.js";
import { processPath, processSpec } from "../src/model/operator/operator.js";
import { parseResourceMemory, quantityAmount } from "../src/model/operator/quantity.js";
import { exampleManifest } from "../src/model/operator/rule-support.js";
import { toConfigText, toShortSize } from "../src/model/memory-size.js";
import { defineRule, type RuleContext } from "../src/types.js";
import { clip } from "../src/util/text.js";

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
  const shown = clip(value.text);
  if (m.form === "resource" && !value.isString) {
    ctx.report({ messageId: "notAString", at, data: { path, value: shown } });
    return;
  }
  const resolved = parseResourceMemory(value.text);
  if (!resolved.ok) {
    ctx.report({
      messageId: "unreadable",
      at,
      data: {
        path,
        value: shown,
        quantity: clip(resolved.quantity),
        flinkMessage: `${resolved.flinkError.replace(/\.$/, "")}. As the quantity \`${resolved.quantity}\`: ${resolved.quantityError.replace(/\.$/, "")}.`,
      },
    });
    return;
  }
  if (resolved.via === "quantity" && !resolved.flink.ok) {
    const fix = resolved.exactBytes !== undefined && resolved.exactBytes > 0n ? `; write \`${toConfigText(resolved.exactBytes)}\` instead` : "";
    ctx.report({
      messageId: "notWhole",
      at,
      data: { path, value: shown, quantity: clip(resolved.quantity), text: clip(resolved.text), flinkMessage: resolved.flink.error, fix },
    });
    return;
  }
  const bytes = resolved.via === "flink" ? resolved.bytes : resolved.flink.ok ? resolved.flink.bytes : 0n;
  if (m.form !== "resource" && bytes <= 0n) {
    ctx.report({ messageId: "notPositive", at, data: { path, value: shown } });
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
        data: { path, value: shown, size: toShortSize(bytes), k8sBytes: k8sBytes.toString() },
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
      notAString: "`{{path}}: {{value}}` is a number, but the CRD wants a string, so the API server rejects the manifest; write it with a unit, e.g. `\"{{value}}m\"`.",
      unreadable:
        "`{{path}}: {{value}}` is no Flink size or Kubernetes quantity, so the operator refuses it; write a size such as `2048m` or `2Gi`.",
      notWhole:
        "`{{path}}: {{value}}` becomes `{{text}}` bytes, which Flink cannot read, so the operator refuses it{{fix}}.",
      notPositive: "`{{path}}: {{value}}` must be a positive size; the operator refuses the FlinkDeployment.",
      requestAboveLimit: "`{{path}}: {{value}}` is above the limit `{{limit}}`, so the operator refuses the FlinkDeployment; lower the request or raise the limit.",
      binaryUnits: "The operator reads `{{path}}: {{value}}` in Flink's binary units, as {{size}}, not as the {{k8sBytes}} bytes Kubernetes would read.",
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
        data: { path: request.path, value: clip(request.value.text), limit: clip(limit.value.text), flinkMessage: "request must not exceed its limit" },
        related: [{ message: `${limit.path} is set here`, range: limit.value.valueRange }],
      });
    }
  },
});
