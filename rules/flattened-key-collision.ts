// Flink flattens nested maps of config.yaml into dotted keys; when two paths give the same key
// the later one silently replaces the earlier: GlobalConfiguration.loadYAMLResource (flatten).
import { findingsOf, FindingKind, reportOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";

export default defineRule({
  meta: {
    id: "flattened-key-collision",
    severity: "warning",
    description: "The same config.yaml option set both as a dotted key and through nesting",
    messages: {
      collision:
        "\"{{key}}\" is set again here (flat or nested) to \"{{value}}\", which Flink uses, silently replacing \"{{earlierValue}}\" from line {{earlierLine}}; keep one.",
    },
    docs: {
      why:
        "`config.yaml` allows flat dotted keys and nested maps side by side, and Flink joins nested keys with " +
        "dots. `a.b: 1` and `a: {b: 2}` are different YAML keys, so it is not a YAML error, but both become the " +
        "option `a.b` and the one later in the file silently wins.",
      valid: [{ dialect: "standard", code: "taskmanager:\n  memory.process.size: 2g\n" }],
      invalid: [
        {
          dialect: "standard",
          code: "taskmanager.memory.process.size: 2g\ntaskmanager:\n  memory:\n    process:\n      size: 3g\n",
        },
      ],
    },
  },
  check(ctx) {
    for (const finding of findingsOf(ctx.doc, FindingKind.flattenedKeyCollision)) {
      ctx.report(reportOf(finding, "collision"));
    }
  },
});
