// Flink's legacy reader does not unquote: `"1728m"` keeps its quotes and then fails to parse as a size
// or number: GlobalConfiguration.loadLegacyYAMLResource.
import { findingsOf, FindingKind, reportOf, replaceRange } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";

/**
 * JVM option keys the start-up scripts read themselves and strip of one leading and one trailing
 * double quote ("Remove leading and ending double quotes" in bin/config.sh), so a standalone
 * process gets the options unquoted.
 */
const SHELL_UNQUOTED_KEYS: ReadonlySet<string> = new Set([
  "env.java.opts",
  "env.java.opts.all",
  "env.java.opts.jobmanager",
  "env.java.opts.taskmanager",
  "env.java.opts.historyserver",
  "env.java.opts.client",
]);

export default defineRule({
  meta: {
    id: "legacy-quoted-value",
    severity: "warning",
    description: "A quoted flink-conf.yaml value, whose quotes Flink keeps as part of the value",
    messages: {
      quoted:
        "Flink keeps the quotes as part of the value of \"{{key}}\", so it reads {{value}}, not {{unquoted}}; remove the quotes.",
    },
    docs: {
      why:
        "`flink-conf.yaml` is not YAML: quotes are not syntax, so `\"1728m\"` is the seven-character text with " +
        "quotes, which is not a valid memory size, number or boolean, and a quoted path or class name keeps its " +
        "quote characters. Removing the quotes changes the value Flink sees, so it is offered as a suggestion. " +
        "In a standalone deployment the start-up scripts strip the double quotes of `env.java.opts*` themselves " +
        "(bin/config.sh), so those are not reported there.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\n" }],
      invalid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: \"1728m\"\n" }],
    },
  },
  check(ctx) {
    for (const finding of findingsOf(ctx.doc, FindingKind.legacyQuotedValue)) {
      const key = String(finding.data?.["key"] ?? "");
      const value = String(finding.data?.["value"] ?? "");
      if (ctx.deployment === "standalone" && SHELL_UNQUOTED_KEYS.has(key) && value.startsWith('"')) continue;
      const unquoted = String(finding.data?.["unquoted"] ?? "");
      ctx.report({ ...reportOf(finding, "quoted"), suggestions: [replaceRange(finding.range, unquoted, "remove the quotes")] });
    }
  },
});
