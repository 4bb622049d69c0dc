// Flink's legacy reader splits each line at the first ": " and silently skips a line without one
// (only a WARN in the log): GlobalConfiguration.loadLegacyYAMLResource.
import { findingsOf, FindingKind, replaceRange, reportOf, variantOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";
import { clippedReport as clipped } from "../src/util/text.js";

const MESSAGE_IDS = ["noSpace", "equalsSign", "noValue", "noSeparator", "continuation", "log4j"] as const;


export default defineRule({
  meta: {
    id: "legacy-missing-separator",
    severity: "error",
    description: "A flink-conf.yaml line without \": \" that Flink skips",
    messages: {
      noSpace: "Flink skips \"{{line}}\" because a space must follow the colon; write \"{{replacement}}\".",
      equalsSign: "Flink skips \"{{line}}\" because flink-conf.yaml takes \"key: value\", not \"=\"; write \"{{replacement}}\".",
      noValue: "Flink skips \"{{line}}\" because it has no value, so the option keeps its default; give it a value or delete the line.",
      noSeparator: "Flink skips \"{{line}}\" because it is not a \"key: value\" line; write it as \"key: value\" or delete it.",
      log4j:
        "Flink skips the log4j setting \"{{line}}\" in flink-conf.yaml; move it to conf/log4j.properties (log4j-console.properties in Docker).",
      continuation:
        "Flink skips \"{{line}}\" (flink-conf.yaml has no line continuation); put the whole value of \"{{key}}\" on one line.",
    },
    docs: {
      why:
        "`flink-conf.yaml` is not read as YAML: Flink splits every line at the first colon followed by a space " +
        "(`\": \"`). A line without that separator — `key:1728m`, `key = value`, `key:` with nothing after it, or a " +
        "tab after the colon — is skipped with only a warning in the log, so the setting silently does not apply. " +
        "A `key:` with nothing after it is only a warning: no value is lost, the option keeps its default as it would " +
        "in YAML. Logging is configured in `conf/log4j.properties`, or `log4j-console.properties` for a process " +
        "running in the foreground, as in Docker. A value wrapped onto the next line is not continued: Flink skips " +
        "the wrapped part.",
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
      const messageId = variantOf(finding, MESSAGE_IDS, "noSeparator");
      ctx.report({
        ...clipped(reportOf(finding, messageId), { line: 40, replacement: 60, key: 60 }),
        // Nothing was written after the colon, so skipping the line loses nothing.
        ...(messageId === "noValue" && { severity: "warning" as const }),
        ...(typeof replacement === "string" && {
          suggestions: [replaceRange(finding.range, replacement, `write "${replacement}"`)],
        }),
      });
    }
  },
});
