// A container runs the Flink of its image: the official images' tags name the version, and flinklint
// checks the service against it (apache/flink-docker tags; Docker's image reference grammar).
import { reportOf, variantOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

const MESSAGE_IDS = ["unpinned", "older", "newer", "unreadable", "unknown", "build", "mounted"] as const;

const COMPOSE = (image: string) => `services:\n  jobmanager:\n    image: ${image}\n    command: jobmanager\n`;

export default defineRule({
  meta: {
    id: "flink-image-version",
    severity: "info",
    description: "The Flink version a container's image implies, when its tag does not pin one flinklint knows",
    messages: {
      unpinned: "\"{{image}}\" pins no Flink version, so flinklint checks it as Flink {{version}}, the newest it knows; pin a tag such as flink:{{version}}.",
      older: "\"{{image}}\" runs Flink {{tagVersion}}, older than flinklint knows, so it is checked as Flink {{version}}, the oldest it knows.",
      newer: "\"{{image}}\" runs Flink {{tagVersion}}, newer than flinklint knows, so it is checked as Flink {{version}}, the newest it knows.",
      unreadable:
        "The tag of \"{{image}}\" names no Flink version: flinklint assumes Flink {{version}}; set --flink-version or `flink-version` in .flinklint.yaml.",
      unknown:
        "\"{{image}}\" is no official Flink image: flinklint assumes Flink {{version}}; set --flink-version or `flink-version` in .flinklint.yaml.",
      mounted:
        "This volume replaces the {{image}} image's config file at {{target}}: flinklint cannot see it, so it checks FLINK_PROPERTIES and -D settings, not memory.",
      build:
        "The image is built from a Dockerfile: flinklint assumes Flink {{version}}; set --flink-version or `flink-version` in .flinklint.yaml.",
    },
    docs: {
      why:
        "The official `flink` and `apache/flink` images name their Flink version in the tag (`1.17`, " +
        "`1.17.2-scala_2.12-java11`), and the version decides the default configuration file, how the entrypoint " +
        "applies `FLINK_PROPERTIES` and which options exist. `latest` (or no tag) moves to each new release; a " +
        "custom or built image does not say which Flink it holds, and flinklint checks it as the official image of the " +
        "version it assumes would run it. A configuration mounted over the image's default file is not in the linted " +
        "files, so the processes' memory cannot be checked.",
      valid: [{ dialect: "standard", filename: "docker-compose.yml", code: COMPOSE("flink:1.20.1-scala_2.12-java17") }],
      invalid: [{ dialect: "standard", filename: "docker-compose.yml", code: COMPOSE("flink:latest") }],
    },
  },
  check(ctx) {
    for (const finding of ctx.doc.findings) {
      if (finding.kind !== "flink-image-version") continue;
      const report = reportOf(finding, variantOf(finding, MESSAGE_IDS, "unknown"));
      const data = { ...report.data };
      for (const name of ["image", "target"] as const) if (typeof data[name] === "string") data[name] = clip(data[name], 60);
      ctx.report({ ...report, data });
    }
  },
});
