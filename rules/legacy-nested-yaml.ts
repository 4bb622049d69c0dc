// Flink's legacy reader knows no nesting: it drops a "taskmanager:" header (no ": ") and reads each
// indented line below it as a key of its own, e.g. "size": GlobalConfiguration.loadLegacyYAMLResource.
import { catalogFor } from "../src/model/catalog.js";
import { findingsOf, FindingKind, replaceRange, reportOf, variantOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";
import { clip, clippedReport as clipped } from "../src/util/text.js";

const MESSAGE_IDS = ["header", "child", "droppedChild"] as const;


export default defineRule({
  meta: {
    id: "legacy-nested-yaml",
    severity: "error",
    description: "Nested YAML in flink-conf.yaml, which Flink reads as different keys",
    messages: {
      header:
        "Flink skips the header \"{{key}}:\" (flink-conf.yaml has no nesting); write each setting below it as a flat \"{{path}}.…: value\" line.",
      child: "Flink reads this indented line as the key \"{{key}}\", not \"{{intended}}\"; write \"{{replacement}}\" unindented.",
      droppedChild: "Flink skips \"{{line}}\" because flink-conf.yaml has no nesting; write flat \"dotted.key: value\" lines.",
      indentedKey:
        "Flink reads this line as the full key \"{{key}}\", not nested below \"{{header}}:\" (flink-conf.yaml has no nesting); remove the indentation.",
    },
    docs: {
      why:
        "`flink-conf.yaml` looks like YAML but Flink reads it line by line. Nested YAML pasted into it is " +
        "misread: the header line (`taskmanager:`) has no `\": \"` and is skipped, and an indented `size: 2g` " +
        "below it becomes the unknown key `size`. Only `config.yaml` (Flink 1.19+) understands nesting. A full " +
        "option key indented below a header (`  jobmanager.rpc.address: x` after a `pipeline:` list) is read as " +
        "written, so it is only a warning that the indentation suggests a nesting Flink does not see.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 2g\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager:\n  memory:\n    process.size: 2g\n" }],
    },
  },
  check(ctx) {
    const catalog = catalogFor(ctx.flinkVersion, ctx.session);
    for (const finding of findingsOf(ctx.doc, FindingKind.legacyNestedYaml)) {
      const key = finding.data?.["key"];
      const intended = finding.data?.["intended"];
      // A full option key indented below a header (`  jobmanager.rpc.address: x` under a `pipeline:`
      // list): Flink trims the line and reads the very key written, so nothing is misread.
      if (finding.data?.["variant"] === "child" && typeof key === "string" && typeof intended === "string" && catalog.isKnown(key) && !catalog.isKnown(intended)) {
        const header = intended.slice(0, intended.length - key.length - 1);
        ctx.report({
          messageId: "indentedKey",
          at: finding.range,
          key,
          data: { key: clip(key, 60), header: clip(header, 40) },
          severity: "warning",
        });
        continue;
      }
      const replacement = finding.data?.["replacement"];
      ctx.report({
        ...clipped(reportOf(finding, variantOf(finding, MESSAGE_IDS, "header")), { key: 40, path: 60, intended: 60, replacement: 60, line: 40 }),
        ...(typeof replacement === "string" && {
          suggestions: [replaceRange(finding.range, replacement, `write "${replacement}"`)],
        }),
      });
    }
  },
});
