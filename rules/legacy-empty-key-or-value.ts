// Flink's legacy reader skips a line whose key or value is empty after trimming (": 1728m"),
// logging only a WARN: GlobalConfiguration.loadLegacyYAMLResource.
import { findingsOf, FindingKind, variantOf, reportOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";

const MESSAGE_IDS = ["emptyKey", "emptyValue"] as const;

export default defineRule({
  meta: {
    id: "legacy-empty-key-or-value",
    severity: "error",
    description: "A flink-conf.yaml line with an empty key or value that Flink skips",
    messages: {
      emptyKey: "Flink skips \"{{line}}\" because the key before \": \" is empty; put the option name in front.",
      emptyValue: "Flink skips \"{{line}}\" because the value after \": \" is empty; give it a value or delete the line.",
    },
    docs: {
      why:
        "After splitting a line at `\": \"`, Flink's legacy reader trims key and value and skips the line when " +
        "either is empty, with only a warning in the log. A line such as `: 1728m` (the option name lost in an " +
        "edit) therefore sets nothing.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\n" }],
      invalid: [{ dialect: "legacy", code: ": 1728m\n" }],
    },
  },
  check(ctx) {
    for (const finding of findingsOf(ctx.doc, FindingKind.legacyEmptyKeyOrValue)) {
      ctx.report(reportOf(finding, variantOf(finding, MESSAGE_IDS, "emptyKey")));
    }
  },
});
