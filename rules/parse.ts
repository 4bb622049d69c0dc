// Flink refuses to start when config.yaml is not valid YAML, holds a null value or a non-string key,
// or is not a map: GlobalConfiguration.loadYAMLResource (via YamlParserUtils) throws "Error parsing YAML configuration."
import { findingsOf, FindingKind, variantOf, reportOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";

const MESSAGE_IDS = [
  "syntax",
  "unclosedQuote",
  "tab",
  "multipleDocuments",
  "nullValue",
  "nonStringKey",
  "notAMap",
  "aliasLimit",
  "tooLarge",
  "internal",
] as const;

/** Problems of the YAML stream itself: snakeyaml stops at the first, so only that one is reported. */
const STREAM_PROBLEMS = new Set<string>(["syntax", "unclosedQuote", "tab", "multipleDocuments", "aliasLimit", "tooLarge", "internal"]);

export default defineRule({
  meta: {
    id: "parse",
    severity: "error",
    description: "The file is not YAML that Flink can load, so Flink refuses to start",
    runsOnUnloadable: true,
    messages: {
      syntax: "Flink cannot load this file: {{problem}}; fix the YAML here.",
      unclosedQuote: "Flink cannot load this file: this quoted value is never closed; add the closing quote.",
      tab: "Flink cannot load this file: its YAML reader refuses a tab here (\"Do not use \\t(TAB) for indentation\"); use spaces.",
      multipleDocuments:
        "Flink cannot load this file: a second YAML document starts here, but config.yaml must hold exactly one; remove the \"---\" and merge the settings.",
      nullValue:
        "Flink cannot load this file: \"{{key}}\" has no value (\"Value must not be null.\"); give it a value or delete the line.",
      nonStringKey:
        "Flink cannot load this file: the key {{key}} is {{type}}, not a string; quote it or use a dotted option name.",
      notAMap:
        "Flink cannot load this file: the document is {{type}}, but config.yaml must be a map of \"key: value\" settings.",
      aliasLimit:
        "Flink cannot load this file: more than {{max}} aliases of maps or lists; write the settings out instead.",
      tooLarge: "Flink cannot load this file: {{cause}}.",
      internal: "flinklint could not parse this file ({{cause}}); please report this as a flinklint bug.",
    },
    docs: {
      why:
        "Flink 1.19+ reads `config.yaml` with a strict YAML 1.2 parser. Unlike the legacy `flink-conf.yaml` " +
        "reader, which skips bad lines, it refuses the whole file (`Error parsing YAML configuration.`) when the " +
        "YAML is broken, a tab indents a line or follows a colon, a setting has no value, a key is not a string, " +
        "or the file holds more than one document. The cluster then does not start.",
      valid: [
        { dialect: "standard", code: "taskmanager.memory.process.size: 1728m\n" },
        { dialect: "standard", code: "taskmanager:\n  memory:\n    process.size: 1728m\n" },
      ],
      invalid: [
        { dialect: "standard", code: "taskmanager:\n\tmemory.process.size: 2g\n" },
        { dialect: "standard", code: "taskmanager.memory.process.size: '2g\n" },
        { dialect: "standard", code: "taskmanager.memory.managed.fraction:\n" },
      ],
    },
  },
  check(ctx) {
    let streamProblemReported = false;
    for (const finding of findingsOf(ctx.doc, FindingKind.parse)) {
      const messageId = variantOf(finding, MESSAGE_IDS, "syntax");
      if (STREAM_PROBLEMS.has(messageId)) {
        if (streamProblemReported) continue;
        streamProblemReported = true;
      }
      const { key, ...report } = reportOf(finding, messageId);
      // Only a null value is about one setting; other load failures are about the file.
      ctx.report(messageId === "nullValue" && key !== undefined ? { ...report, key } : report);
    }
  },
});
