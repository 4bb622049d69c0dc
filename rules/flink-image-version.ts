// A container runs the Flink of its image: the official images' tags name the version, and flinklint
// checks the service against it (apache/flink-docker tags; Docker's image reference grammar).
import { reportOf, variantOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";

const MESSAGE_IDS = ["unpinned", "older", "newer", "unreadable", "unknown", "build", "mounted"] as const;

const COMPOSE = (image: string) => `services:\n  jobmanager:\n    image: ${image}\n    command: jobmanager\n`;

export default defineRule({
  meta: {
    id: "flink-image-version",
    severity: "info",
    description: "The Flink version a container's image implies, when its tag does not pin one flinklint knows",
    messages: {
      unpinned:
        "\"{{image}}\" does not pin a Flink version (the tag follows each new release): flinklint checks it as Flink {{version}}, the newest it knows; pin a tag such as flink:{{version}}.",
      older: "\"{{image}}\" runs Flink {{tagVersion}}, older than any flinklint knows: it is checked as Flink {{version}}, the oldest flinklint knows.",
      newer: "\"{{image}}\" runs Flink {{tagVersion}}, newer than any flinklint knows: it is checked as Flink {{version}}, the newest flinklint knows.",
      unreadable:
        "The tag of \"{{image}}\" names no Flink version: flinklint checks the container as Flink {{version}}; set --flink-version or `flink-version` in .flinklint.yaml.",
      unknown:
        "\"{{image}}\" is not an official Flink image, so flinklint cannot tell its Flink version: it checks the container as the official Flink {{version}} image would run it; set --flink-version or `flink-version` in .flinklint.yaml.",
      mounted:
        "This volume puts a configuration of its own at {{target}}, in place of the {{image}} image's default file: flinklint cannot see it, so it checks the container's FLINK_PROPERTIES and -D settings but not its processes' memory.",
      build:
        "This container's image is built from a Dockerfile, so flinklint cannot tell its Flink version: it checks the container as the official Flink {{version}} image would run it; set --flink-version or `flink-version` in .flinklint.yaml.",
    },
    docs: {
      why:
        "The official `flink` and `apache/flink` images name their Flink version in the tag (`1.17`, " +
        "`1.17.2-scala_2.12-java11`), and the version decides the default configuration file, how the entrypoint " +
        "applies `FLINK_PROPERTIES` and which options exist. `latest` (or no tag) moves to each new release; a " +
        "custom or built image does not say which Flink it holds.",
      valid: [{ dialect: "standard", filename: "docker-compose.yml", code: COMPOSE("flink:1.20.1-scala_2.12-java17") }],
      invalid: [{ dialect: "standard", filename: "docker-compose.yml", code: COMPOSE("flink:latest") }],
    },
  },
  check(ctx) {
    for (const finding of ctx.doc.findings) {
      if (finding.kind === "flink-image-version") ctx.report(reportOf(finding, variantOf(finding, MESSAGE_IDS, "unknown")));
    }
  },
});
