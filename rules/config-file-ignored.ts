// Flink reads one configuration file per directory: 1.19/1.20 prefer flink-conf.yaml over config.yaml,
// 2.x reads only config.yaml, ≤1.18 only flink-conf.yaml: GlobalConfiguration.loadConfiguration.
import { defineRule } from "../src/types.js";

const LEGACY_FILE = "flink-conf.yaml";
const STANDARD_FILE = "config.yaml";

/** Major and minor of "1.20" or "1.20.1" (asked once per linted file). */
function versionParts(version: string): [number, number] {
  const dot = version.indexOf(".");
  if (dot === -1) return [Number(version), 0];
  const next = version.indexOf(".", dot + 1);
  return [Number(version.slice(0, dot)), Number(version.slice(dot + 1, next === -1 ? undefined : next))];
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

export default defineRule({
  meta: {
    id: "config-file-ignored",
    scope: "file",
    severity: "error",
    description: "A configuration file that the chosen Flink version does not read at all",
    messages: {
      legacyIn2x:
        "Flink {{version}} does not read flink-conf.yaml, only config.yaml, so none of these settings apply; convert it (bin/migrate-config-file.sh).",
      standardBesideLegacy:
        "Flink {{version}} reads the flink-conf.yaml in this directory and ignores this config.yaml; merge the settings into one file and delete the other.",
      standardBefore119:
        "Flink {{version}} does not read config.yaml (only flink-conf.yaml, until 1.19), so none of these settings apply; use flink-conf.yaml.",
    },
    docs: {
      why:
        "Flink loads a single configuration file from its conf directory. Flink 1.19 and 1.20 use " +
        "`flink-conf.yaml` if it exists and only otherwise `config.yaml`; Flink 2.x reads only `config.yaml`; " +
        "Flink 1.18 and older read only `flink-conf.yaml`. Settings in the file that is not read are silently lost.",
      valid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\n", flinkVersion: "1.20" },
        { dialect: "standard", code: "taskmanager.memory.process.size: 1728m\n", flinkVersion: "2.1" },
      ],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\n", flinkVersion: "2.1" },
        { dialect: "standard", code: "taskmanager.memory.process.size: 1728m\n", flinkVersion: "1.18" },
      ],
    },
  },
  check(ctx) {
    const [major, minor] = versionParts(ctx.flinkVersion);
    let messageId: "legacyIn2x" | "standardBefore119" | "standardBesideLegacy" | undefined;
    if (ctx.doc.dialect === "legacy") {
      if (major >= 2) messageId = "legacyIn2x";
    } else if (major === 1 && minor < 19) {
      messageId = "standardBefore119";
    } else if (major === 1 && ctx.filename !== undefined && baseName(ctx.filename) === STANDARD_FILE && ctx.siblingFiles.some((name) => baseName(name) === LEGACY_FILE)) {
      messageId = "standardBesideLegacy";
    }
    // The finding is about the whole file: it sits on the first line.
    if (messageId !== undefined) ctx.report({ messageId, at: ctx.doc.lines.lineRange(1), data: { version: ctx.flinkVersion } });
  },
});
