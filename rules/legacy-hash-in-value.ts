// Flink's legacy reader cuts every line at its first "#", even inside a value or quotes, so "abc#def"
// becomes "abc": GlobalConfiguration.loadLegacyYAMLResource.
import { findingsOf, FindingKind, reportOf, variantOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";
import { clippedReport as clipped } from "../src/util/text.js";

const MESSAGE_IDS = ["cutsValue", "cutsKey"] as const;


export default defineRule({
  meta: {
    id: "legacy-hash-in-value",
    severity: "error",
    description: "A \"#\" inside a flink-conf.yaml value or key, where Flink cuts the line",
    messages: {
      cutsValue:
        "Flink keeps only \"{{kept}}\" of \"{{written}}\" (\"#\" starts a comment in flink-conf.yaml); remove the \"#\", or quote the value in config.yaml.",
      cutsKey:
        "Flink cuts \"{{written}}\" at the \"#\", leaving \"{{kept}}\" with no \": \", and skips the line; remove the \"#\".",
    },
    docs: {
      why:
        "Flink's legacy reader treats the first `#` on a line as the start of a comment wherever it appears, " +
        "even with no space before it and even inside quotes. `password: abc#def` sets `abc`, and a `#` in a key " +
        "makes Flink drop the whole line. A `#` after whitespace is an ordinary comment and is fine. `config.yaml` " +
        "(Flink 1.19+) is real YAML and keeps a `#` inside a quoted value.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 2g # two gigabytes\n" }],
      invalid: [{ dialect: "legacy", code: "s3.secret-key: abc#def\n" }],
    },
  },
  check(ctx) {
    for (const finding of findingsOf(ctx.doc, FindingKind.legacyHashInValue)) {
      ctx.report(clipped(reportOf(finding, variantOf(finding, MESSAGE_IDS, "cutsValue")), { written: 40, kept: 40, key: 60 }));
    }
  },
});
