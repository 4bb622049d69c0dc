// Flink 1.19+ images delete every whitespace character of each FLINK_PROPERTIES line before they merge
// it into config.yaml (`tr -d '[:space:]'`): flink-docker docker-entrypoint.sh process_flink_properties.
import { reportOf, variantOf } from "../src/parser/findings.js";
import { catalogFor, type Catalog } from "../src/model/catalog.js";
import { defineRule, type ParseFinding } from "../src/types.js";
import { clip } from "../src/util/text.js";

const MESSAGE_IDS = ["value", "key", "nested"] as const;

/** `15 s`, `1 gb`, `30 SECONDS`: a number and a unit, which Flink's size and duration parsers read the same without the space. */
const NUMBER_AND_UNIT = /^[ \t]*\d+(?:\.\d+)?[ \t]+[A-Za-z]+[ \t]*$/;
/** Reporter intervals are durations, though their keys are a pattern the catalog cannot type. */
const REPORTER_INTERVAL = /^(?:metrics|traces|events)\.reporter\.[^.]+\.interval$/;

/**
 * Whether the value Flink reads is the same as written: the space between a duration's or a
 * memory size's number and unit is optional to Flink (`15 SECONDS` and `15SECONDS` are 15 s).
 */
function readsTheSame(data: ParseFinding["data"], catalog: Catalog): boolean {
  if (data?.["variant"] !== "value") return false;
  const key = String(data["key"] ?? "");
  if (!NUMBER_AND_UNIT.test(String(data["written"] ?? ""))) return false;
  const type = catalog.option(key)?.type;
  return type === "MemorySize" || type === "Duration" || REPORTER_INTERVAL.test(key);
}


export default defineRule({
  meta: {
    id: "flink-properties-whitespace",
    severity: "warning",
    supersedes: ["unknown-key"],
    description: "Whitespace in FLINK_PROPERTIES that a Flink 1.19+ image deletes, changing the setting",
    messages: {
      value:
        "On {{image}} FLINK_PROPERTIES loses its spaces: Flink reads \"{{value}}\", not \"{{written}}\"; set it in a mounted config.yaml instead.",
      key: "On {{image}} FLINK_PROPERTIES loses its spaces: the key \"{{written}}\" becomes \"{{key}}\"; remove the spaces.",
      nested:
        "On {{image}} FLINK_PROPERTIES is not YAML: this line sets \"{{key}}\" and leaves \"{{parent}}\" empty; write \"{{parent}}.{{key}}\".",
    },
    docs: {
      why:
        "From Flink 1.19 the official image's entrypoint deletes every space and tab of each `FLINK_PROPERTIES` line " +
        "before it splits the line at its first `:`. JVM options such as `env.java.opts.all: -XX:+UseG1GC -Xss2m` " +
        "become the single word `-XX:+UseG1GC-Xss2m`, and indentation is lost, so nested YAML does not nest. " +
        "Images up to 1.18 append the block to `flink-conf.yaml` and keep the spaces.",
      invalid: [
        { dialect: "standard", filename: "compose.yaml", code: "services:\n  taskmanager:\n    image: flink:1.20\n    command: taskmanager\n    environment:\n      FLINK_PROPERTIES: |\n        env.java.opts.all: -XX:+UseG1GC -Xss2m\n" },
        { dialect: "standard", filename: "compose.yaml", code: "services:\n  taskmanager:\n    image: apache/flink:2.1\n    command: taskmanager\n    environment:\n      - |\n        FLINK_PROPERTIES=\n        taskmanager:\n          numberOfTaskSlots: 2\n" },
      ],
      valid: [{ dialect: "standard", filename: "docker-compose.yml", code: "services:\n  taskmanager:\n    image: flink:1.18\n    command: taskmanager\n    environment:\n      FLINK_PROPERTIES: |\n        env.java.opts.all: -XX:+UseG1GC -Xss2m\n" }],
    },
  },
  check(ctx) {
    const catalog = catalogFor(ctx.flinkVersion, ctx.session);
    const changed = ctx.doc.findings.filter((f) => f.kind === "flink-properties-whitespace" && !readsTheSame(f.data, catalog));
    for (const finding of changed) {
      const report = reportOf(finding, variantOf(finding, MESSAGE_IDS, "value"));
      const data = { ...report.data };
      for (const [name, max] of [["key", 60], ["parent", 60], ["value", 40], ["written", 40], ["image", 60]] as const) {
        if (typeof data[name] === "string") data[name] = clip(data[name], name === "written" && report.messageId === "key" ? 60 : max);
      }
      ctx.report({ ...report, data });
    }
  },
});
