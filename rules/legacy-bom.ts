// Java's reader keeps a UTF-8 byte order mark as the character U+FEFF, and String.trim() does not strip it,
// so the first key becomes "\uFEFFkey": GlobalConfiguration.loadLegacyYAMLResource.
import { findingsOf, FindingKind, variantOf, reportOf, replaceRange } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";

const MESSAGE_IDS = ["bomInKey", "bom"] as const;

export default defineRule({
  meta: {
    id: "legacy-bom",
    severity: "warning",
    description: "A byte order mark at the start of flink-conf.yaml, which Flink keeps in the first key",
    messages: {
      bomInKey:
        "The file starts with a byte order mark, which Flink keeps as part of the first key, so it does not recognise \"{{key}}\"; save the file as UTF-8 without BOM.",
      bom: "The file starts with a byte order mark, which Flink reads as text on line 1; save the file as UTF-8 without BOM.",
    },
    docs: {
      why:
        "Some Windows editors save UTF-8 with a byte order mark. Flink's legacy reader does not remove it: the " +
        "first line's key then starts with the invisible character U+FEFF and no longer matches any Flink " +
        "option, so that setting is silently ignored. `config.yaml` is not affected (its YAML reader skips the mark).",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\n" }],
      invalid: [{ dialect: "legacy", code: "\uFEFFtaskmanager.memory.process.size: 1728m\n" }],
    },
  },
  check(ctx) {
    for (const finding of findingsOf(ctx.doc, FindingKind.legacyBom)) {
      const messageId = variantOf(finding, MESSAGE_IDS, "bom");
      const remove = replaceRange(finding.range, "", "remove the byte order mark");
      // Removing the mark from a comment line changes nothing Flink uses; from a key it changes the setting.
      ctx.report({ ...reportOf(finding, messageId), ...(messageId === "bom" ? { fix: remove } : { suggestions: [remove] }) });
    }
  },
});
