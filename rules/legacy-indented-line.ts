// Flink's legacy reader trims every line, so an indented "key: value" works, but it looks like YAML
// nesting that GlobalConfiguration.loadLegacyYAMLResource does not have.
import { findingsOf, FindingKind, reportOf, replaceRange } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

export default defineRule({
  meta: {
    id: "legacy-indented-line",
    severity: "warning",
    description: "An indented flink-conf.yaml line, which looks nested but is read as a top-level key",
    messages: {
      indented: "Flink reads the indented \"{{key}}\" as a top-level key (flink-conf.yaml has no nesting); remove the indentation.",
    },
    docs: {
      why:
        "Flink's legacy reader trims each line, so indentation has no meaning in `flink-conf.yaml`: an indented " +
        "`key: value` is read exactly like an unindented one. The indentation misleads readers into thinking the " +
        "line belongs to the one above, and breaks the file when it is converted to `config.yaml`.",
      valid: [{ dialect: "legacy", code: "jobmanager.memory.process.size: 1600m\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 2g\n  jobmanager.memory.process.size: 1600m\n" }],
    },
  },
  check(ctx) {
    for (const finding of findingsOf(ctx.doc, FindingKind.legacyIndentedLine)) {
      const report = reportOf(finding, "indented");
      const key = report.data?.["key"];
      ctx.report({
        ...report,
        ...(typeof key === "string" && { data: { ...report.data, key: clip(key, 60) } }),
        fix: replaceRange(finding.range, "", "remove the indentation"),
      });
    }
  },
});
