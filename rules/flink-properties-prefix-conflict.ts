// Flink 1.19+ images merge FLINK_PROPERTIES into config.yaml as nested YAML, where a key cannot be both a
// value and a map: bin/config-parser-utils.sh → ConfigurationParserUtils.loadAndModifyConfiguration →
// YamlParserUtils.convertAndDumpYamlFromFlatMap (flink-docker docker-entrypoint.sh set_config_options).
import { reportOf, variantOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

const MESSAGE_IDS = ["fails", "drops"] as const;

const COMPOSE = (properties: string, image = "flink:1.20") =>
  `services:\n  jobmanager:\n    image: ${image}\n    command: jobmanager\n    environment:\n      FLINK_PROPERTIES: |\n${properties
    .split("\n")
    .map((l) => `        ${l}`)
    .join("\n")}\n`;

export default defineRule({
  meta: {
    id: "flink-properties-prefix-conflict",
    severity: "error",
    description: "A FLINK_PROPERTIES key that is the prefix of another key when a Flink 1.19+ image merges it",
    supersedes: ["prefix-key-conflict", "unknown-key"],
    messages: {
      fails:
        "\"{{key}}\" ({{keySource}}) is a prefix of \"{{child}}\" ({{childSource}}): on {{image}} Flink cannot load the merged config.yaml; rename or remove one.",
      drops:
        "\"{{key}}\" ({{keySource}}) is a prefix of \"{{child}}\" ({{childSource}}): on {{image}} \"{{value}}\" wins and the longer key is lost; rename or remove one.",
    },
    docs: {
      why:
        "From Flink 1.19 the official image's entrypoint merges each `FLINK_PROPERTIES` line into `config.yaml` with " +
        "`config-parser-utils.sh`, which writes the whole configuration back as nested YAML. `state.backend: rocksdb` " +
        "beside `state.backend.type: rocksdb`, or `env.java.opts: …` beside the image's own `env.java.opts.all`, " +
        "asks for a key that is both a value and a map. Depending on Java's HashMap order the merge either fails, " +
        "leaving the error output in `config.yaml` so Flink does not start, or keeps the value and drops the longer " +
        "key without a word. A failed merge is a ClassCastException in `YamlParserUtils`; `config-parser-utils.sh` then " +
        "writes its error output over `config.yaml`, so Flink cannot load its configuration. flinklint works out " +
        "which of the two happens.",
      valid: [{ dialect: "standard", filename: "docker-compose.yml", code: COMPOSE("state.backend.type: rocksdb") }],
      invalid: [{ dialect: "standard", filename: "docker-compose.yml", code: COMPOSE("env.java.opts: -Xss2m") }],
    },
  },
  check(ctx) {
    for (const finding of ctx.doc.findings) {
      if (finding.kind !== "flink-properties-prefix-conflict") continue;
      const messageId = variantOf(finding, MESSAGE_IDS, "fails");
      const report = reportOf(finding, messageId);
      const data = { ...report.data };
      // The message names the image once: "the flink:1.20 image's default config.yaml" → "image default".
      const image = String(data["image"] ?? "");
      for (const name of ["keySource", "childSource"] as const) {
        if (typeof data[name] === "string" && image !== "") data[name] = data[name].replace(`the ${image} image's default config.yaml`, "image default").replace(`the ${image} image's `, "the image's ");
      }
      for (const [name, max] of [["key", 60], ["child", 60], ["value", 40], ["childValue", 40], ["image", 60]] as const) {
        if (typeof data[name] === "string") data[name] = clip(data[name], max);
      }
      ctx.report({ ...report, data, ...(messageId === "drops" && { severity: "warning" as const }) });
    }
  },
});
