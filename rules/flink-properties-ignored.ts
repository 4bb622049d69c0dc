// The official image's entrypoint applies FLINK_PROPERTIES by writing into /opt/flink/conf (appending
// to flink-conf.yaml up to 1.18, rewriting config.yaml from 1.19): flink-docker docker-entrypoint.sh.
// Kubernetes mounts a ConfigMap volume read-only, so those writes fail and the settings never arrive.
import { reportOf, variantOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

const MESSAGE_IDS = ["readOnly", "sameFile", "noEntrypoint"] as const;

const WORKLOAD = (env: string, mount: string) =>
  "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: flink-taskmanager\nspec:\n  template:\n    spec:\n      containers:\n" +
  "        - name: taskmanager\n          image: flink:1.20\n          args: [taskmanager]\n          env:\n" +
  env +
  mount;
const CONFIG_MAP_MOUNT =
  "          volumeMounts:\n            - name: flink-config\n              mountPath: /opt/flink/conf\n      volumes:\n" +
  "        - name: flink-config\n          configMap:\n            name: flink-config\n";
const PROPERTIES = "            - name: FLINK_PROPERTIES\n              value: |\n                taskmanager.numberOfTaskSlots: 4\n";

export default defineRule({
  meta: {
    id: "flink-properties-ignored",
    severity: "warning",
    description: "FLINK_PROPERTIES that a container never applies (its /opt/flink/conf is a read-only ConfigMap volume)",
    messages: {
      readOnly:
        "FLINK_PROPERTIES of {{container}} is never applied: {{dir}} is the read-only ConfigMap {{configMap}}; move them into its Flink file or -D arguments.",
      sameFile:
        "FLINK_PROPERTIES of {{container}} repeats the Flink file of the ConfigMap {{configMap}} mounted at {{dir}} and changes nothing; remove it.",
      noEntrypoint:
        "FLINK_PROPERTIES of {{container}} is never applied: this container does not run the image's docker-entrypoint.sh, which reads it; pass -D arguments instead.",
    },
    docs: {
      why:
        "The official image's entrypoint applies `FLINK_PROPERTIES` by writing into `/opt/flink/conf`: up to Flink " +
        "1.18 it appends the block to `flink-conf.yaml`, from 1.19 it merges it into `config.yaml`. A ConfigMap " +
        "mounted there is read-only, so the write fails (the log shows \"Read-only file system\") and Flink starts " +
        "without those settings. `-D` arguments still reach the start scripts. Only the official image's " +
        "`docker-entrypoint.sh` reads `FLINK_PROPERTIES`, so a container that runs its own command never applies it.",
      valid: [{ dialect: "standard", filename: "taskmanager.yaml", code: WORKLOAD(PROPERTIES, "") }],
      invalid: [{ dialect: "standard", filename: "taskmanager.yaml", code: WORKLOAD(PROPERTIES, CONFIG_MAP_MOUNT) }],
    },
  },
  check(ctx) {
    for (const finding of ctx.doc.findings) {
      if (finding.kind !== "flink-properties-ignored") continue;
      const messageId = variantOf(finding, MESSAGE_IDS, "readOnly");
      const report = reportOf(finding, messageId);
      const data = { ...report.data };
      for (const name of ["container", "configMap"] as const) if (typeof data[name] === "string") data[name] = clip(data[name]);
      // Repeating the mounted file loses nothing: a note, not a warning.
      ctx.report({ ...report, data, ...(messageId === "sameFile" && { severity: "info" as const }) });
    }
  },
});
