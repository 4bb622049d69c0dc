// Flink 1.19+ images read FLINK_PROPERTIES line by line: each line loses all whitespace and splits at
// its first ":", so a "#" line is a setting, not a comment: flink-docker docker-entrypoint.sh process_flink_properties.
import { reportOf, variantOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

const MESSAGE_IDS = ["line", "trailing"] as const;

export default defineRule({
  meta: {
    id: "flink-properties-comment",
    severity: "warning",
    supersedes: ["unknown-key"],
    description: "A comment in FLINK_PROPERTIES that a Flink 1.19+ image reads as part of a setting",
    messages: {
      line: "On {{image}} this line is no comment: the entrypoint sets \"{{key}}\" to \"{{value}}\" in config.yaml; remove it from FLINK_PROPERTIES.",
      trailing:
        "On {{image}} the comment joins the value: Flink reads \"{{key}}\" as \"{{value}}\", not \"{{intended}}\"; move the comment out of FLINK_PROPERTIES.",
    },
    docs: {
      why:
        "Up to Flink 1.18 the official image appends `FLINK_PROPERTIES` to `flink-conf.yaml`, whose reader skips " +
        "comments. From 1.19 the entrypoint reads it line by line: it deletes every whitespace character, splits " +
        "the line at its first `:` and merges the pair into `config.yaml` with a `-D` argument. A `# note` line " +
        "becomes a setting named `#note`, and `key: value # note` sets `key` to `value#note`.",
      valid: [{ dialect: "standard", filename: "docker-compose.yml", code: "services:\n  taskmanager:\n    image: flink:1.18\n    command: taskmanager\n    environment:\n      FLINK_PROPERTIES: |\n        # slots per TaskManager\n        taskmanager.numberOfTaskSlots: 2\n" }],
      invalid: [
        { dialect: "standard", filename: "compose.yaml", code: "services:\n  taskmanager:\n    image: flink:1.20\n    command: taskmanager\n    environment:\n      FLINK_PROPERTIES: |\n        # slots per TaskManager\n        taskmanager.numberOfTaskSlots: 2\n" },
        { dialect: "standard", filename: "compose.yaml", code: "services:\n  taskmanager:\n    image: flink:1.20\n    command: taskmanager\n    environment:\n      - |\n        FLINK_PROPERTIES=\n        taskmanager.numberOfTaskSlots: 2 # one per core\n" },
      ],
    },
  },
  check(ctx) {
    for (const finding of ctx.doc.findings) {
      if (finding.kind !== "flink-properties-comment") continue;
      const report = reportOf(finding, variantOf(finding, MESSAGE_IDS, "line"));
      const data = { ...report.data };
      for (const [name, max] of [["key", 60], ["value", 40], ["intended", 40], ["image", 60]] as const) {
        if (typeof data[name] === "string") data[name] = clip(data[name], max);
      }
      ctx.report({ ...report, data });
    }
  },
});
