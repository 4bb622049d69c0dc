// Flink's legacy reader splits each line at the first ": " and silently skips a line without one
// (only a WARN in the log): GlobalConfiguration.loadLegacyYAMLResource.
import { findingsOf, FindingKind, replaceRange, reportOf, variantOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";

const MESSAGE_IDS = ["noSpace", "equalsSign", "noValue", "noSeparator"] as const;

export default defineRule({
  meta: {
    id: "legacy-missing-separator",
    severity: "error",
    description: "A flink-conf.yaml line without \": \" that Flink skips",
    messages: {
      noSpace: "Flink skips \"{{line}}\" because a space must follow the colon; write \"{{replacement}}\".",
      equalsSign: "Flink skips \"{{line}}\" because flink-conf.yaml takes \"key: value\", not \"=\"; write \"{{replacement}}\".",
      noValue: "Flink skips \"{{line}}\" because it has no value; give \"{{key}}\" a value or delete the line.",
      noSeparator: "Flink skips \"{{line}}\" because it is not a \"key: value\" line; write it as \"key: value\" or delete it.",
    },
    docs: {
      why:
        "`flink-conf.yaml` is not read as YAML: Flink splits every line at the first colon followed by a space " +
        "(`\": \"`). A line without that separator — `key:1728m`, `key = value`, `key:` with nothing after it, or a " +
        "tab after the colon — is skipped with only a warning in the log, so the setting silently does not apply.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\n" }],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size:1728m\n" },
        { dialect: "legacy", code: "taskmanager.memory.process.size = 1728m\n" },
        { dialect: "legacy", code: "taskmanager.memory.process.size:\n" },
      ],
    },
  },
  check(ctx) {
    for (const finding of findingsOf(ctx.doc, FindingKind.legacyMissingSeparator)) {
      const replacement = finding.data?.["replacement"];
      ctx.report({
        ...reportOf(finding, variantOf(finding, MESSAGE_IDS, "noSeparator")),
        ...(typeof replacement === "string" && {
          suggestions: [replaceRange(finding.range, replacement, `write "${replacement}"`)],
        }),
      });
    }
  },
});
