// flink-conf.yaml: Flink keeps the last of repeated keys without a word (GlobalConfiguration);
// config.yaml: snakeyaml refuses a repeated key in one mapping, so Flink fails to load (YamlParserUtils).
import { findingsOf, FindingKind, variantOf, reportOf } from "../src/parser/findings.js";
import { defineRule, type Fix, type ParseFinding, type RuleContext } from "../src/types.js";
import { clip } from "../src/util/text.js";

/**
 * Deletes the overridden line (a safe fix: Flink ignores it anyway). A comment on that line stays,
 * on a line of its own, so --fix never drops what someone wrote down.
 */
function removeOverriddenLine(ctx: RuleContext, finding: ParseFinding): Fix {
  const { lines } = ctx.doc;
  const line = lines.line(finding.range.start.line);
  const hash = line.text.indexOf("#");
  const end = hash === -1 ? (line.number < lines.lineCount ? lines.line(line.number + 1).start : line.end) : line.start + hash;
  return {
    description: `delete the overridden line ${line.number}`,
    edits: [{ range: lines.range(line.start, end), text: "" }],
  };
}

const MESSAGE_IDS = ["overridden", "duplicateInMapping"] as const;

export default defineRule({
  meta: {
    id: "duplicate-key",
    severity: "warning",
    description: "A key set twice: overridden in flink-conf.yaml, a load failure in config.yaml",
    runsOnUnloadable: true,
    messages: {
      overridden: "Flink ignores \"{{key}}: {{value}}\" because line {{laterLine}} sets it again to \"{{laterValue}}\"; delete one of them.",
      duplicateInMapping: "Flink cannot load this file: \"{{key}}\" is already set in this mapping on line {{firstLine}}; delete one of them.",
    },
    docs: {
      why:
        "In `flink-conf.yaml` the last occurrence of a key silently wins, so an earlier line that looks " +
        "effective is not (often after appending overrides to a long file). In `config.yaml` a key repeated in " +
        "the same mapping is a YAML error: Flink refuses to load the file and does not start.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 2g\njobmanager.memory.process.size: 1g\n" }],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1g\ntaskmanager.memory.process.size: 2g\n" },
        { dialect: "standard", code: "taskmanager.memory.process.size: 1g\ntaskmanager.memory.process.size: 2g\n" },
      ],
    },
  },
  check(ctx) {
    for (const finding of findingsOf(ctx.doc, FindingKind.duplicateKey)) {
      const messageId = variantOf(finding, MESSAGE_IDS, "overridden");
      const report = reportOf(finding, messageId);
      const data = report.data ?? {};
      ctx.report({
        ...report,
        data: {
          ...data,
          ...(typeof data["key"] === "string" && { key: clip(data["key"], 60) }),
          ...(typeof data["value"] === "string" && { value: clip(data["value"]) }),
          ...(typeof data["laterValue"] === "string" && { laterValue: clip(data["laterValue"]) }),
          // snakeyaml's DuplicateKeyException names the key on a line of its own.
          ...(messageId === "duplicateInMapping" && { flinkMessage: `found duplicate key ${String(data["key"] ?? "")}` }),
        },
        ...(messageId === "duplicateInMapping" && { severity: "error" as const }),
        ...(messageId === "overridden" && ctx.doc.dialect === "legacy" && { fix: removeOverriddenLine(ctx, finding) }),
      });
    }
  },
});
