// The official Flink image starts a process only for the command its entrypoint gets: without one it
// prints its usage and exits (CMD ["help"]), and a word it does not know it runs as a program
// (apache/flink-docker docker-entrypoint.sh).
import { reportOf, variantOf } from "../src/parser/findings.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

const MESSAGE_IDS = ["help", "unknown"] as const;

/** A Pod of the official image, in flow style; `more` adds keys to its container. */
const POD = (more: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: flink-taskmanager}\nspec:\n  containers:\n  - {name: taskmanager, image: "flink:1.20"${more}}\n`;

export default defineRule({
  meta: {
    id: "container-command",
    severity: "error",
    description: "A container of the official Flink image whose command starts no Flink process",
    messages: {
      help:
        "The \"{{image}}\" container gets no command and just prints usage and exits; set `args: [jobmanager]`, `[taskmanager]` or `[standalone-job, --job-classname, …]`.",
      unknown:
        "The \"{{image}}\" entrypoint has no command \"{{word}}\" and runs it as a program, so the container fails at start; did you mean \"{{suggestion}}\"?",
    },
    docs: {
      why:
        "The official `flink` and `apache/flink` images run `/docker-entrypoint.sh` with the container's " +
        "arguments. Its commands are `jobmanager`, `taskmanager`, `standalone-job` and `history-server`; with " +
        "none (the image's default argument is `help`) it prints its usage and exits, and any other word it runs " +
        "as a program. A Deployment or StatefulSet whose Flink container has no `args` therefore never starts " +
        "Flink and restarts the container over and over (CrashLoopBackOff), and a Job completes without running " +
        "anything; a misspelt command fails the same way.",
      valid: [{ dialect: "standard", filename: "taskmanager.yaml", code: POD(", args: [taskmanager]") }],
      invalid: [
        { dialect: "standard", filename: "taskmanager.yaml", code: POD("") },
        { dialect: "standard", filename: "taskmanager.yaml", code: POD(", args: [task-manager]") },
      ],
    },
  },
  check(ctx) {
    for (const finding of ctx.doc.findings) {
      if (finding.kind !== "container-command") continue;
      const report = reportOf(finding, variantOf(finding, MESSAGE_IDS, "help"));
      const data = { ...report.data };
      for (const name of ["image", "word"] as const) if (typeof data[name] === "string") data[name] = clip(data[name], name === "image" ? 60 : 40);
      ctx.report({ ...report, data });
    }
  },
});
