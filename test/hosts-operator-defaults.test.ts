/**
 * `.flinklint.yaml`'s `operator-defaults`: the Flink Kubernetes Operator's default configuration,
 * laid under every FlinkDeployment's `spec.flinkConfiguration` as the operator does.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { scratchDir } from "./scratch.js";

const DEPLOYMENT = [
  "apiVersion: flink.apache.org/v1beta1",
  "kind: FlinkDeployment",
  "metadata:",
  "  name: app",
  "spec:",
  "  image: flink:1.20",
  "  flinkVersion: v1_20",
  "  flinkConfiguration:",
  '    parallelism.default: "2"',
  "  jobManager:",
  "    resource:",
  "      memory: 1600m",
  "      cpu: 1",
  "  taskManager:",
  "    resource:",
  "      memory: 2048m",
  "      cpu: 1",
  "",
].join("\n");

async function flinklint(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env: {}, readStdin: async () => new Uint8Array() });
  return { code, stdout, stderr };
}

function project(defaults: string | undefined): string {
  const dir = scratchDir("operator-defaults");
  mkdirSync(join(dir, "operator"));
  if (defaults !== undefined) writeFileSync(join(dir, "operator/flink-conf.yaml"), defaults);
  writeFileSync(join(dir, ".flinklint.yaml"), "operator-defaults: operator/flink-conf.yaml\n");
  writeFileSync(join(dir, "app.yaml"), DEPLOYMENT);
  return dir;
}

describe("operator-defaults", () => {
  it("a default that contradicts resource.memory is the deployment's error, on its flinkConfiguration line, naming the defaults file", async () => {
    const dir = project("kubernetes.operator.reconcile.interval: 15 s\ntaskmanager.memory.flink.size: 2g\nno.such.option: 1\n");
    const { code, stdout } = await flinklint(dir, ["--format", "compact", "app.yaml"]);
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n");
    // Only the failure the defaults cause; nothing about the defaults file's own keys (not this file's to fix).
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^app\.yaml:8:3: error .*Flink memory 2g \(the operator's default configuration, operator\/flink-conf\.yaml, line 2\).* \[memory-both-totals\]$/);
    // Without the defaults the same deployment is clean.
    writeFileSync(join(dir, ".flinklint.yaml"), "");
    expect((await flinklint(dir, ["--format", "compact", "app.yaml"])).stdout).toBe("");
  });

  it("spec.flinkConfiguration and resource.memory win over the defaults; version-scoped defaults apply to their versions", async () => {
    const dir = project(
      [
        "parallelism.default: 8",
        "kubernetes.operator.default-configuration.flink-version.v1_19+.taskmanager.numberOfTaskSlots: 4",
        "kubernetes.operator.default-configuration.flink-version.v1_18.taskmanager.numberOfTaskSlots: 9",
        "taskmanager.memory.process.size: 4g",
        "",
      ].join("\n"),
    );
    const { code, stdout } = await flinklint(dir, ["explain", "--format", "json", "app.yaml"]);
    expect(code).toBe(0);
    const [deployment] = JSON.parse(stdout) as Array<{ settings: Array<{ key: string; value: string; from: string }>; taskmanager: { bytes: Record<string, string> } }>;
    const setting = Object.fromEntries((deployment?.settings ?? []).map((s) => [s.key, s]));
    expect(setting["parallelism.default"]).toMatchObject({ value: "2", from: "line 9" });
    expect(setting["taskmanager.numberOfTaskSlots"]).toMatchObject({ value: "4", from: "the operator's default configuration (operator/flink-conf.yaml, line 2)" });
    expect(setting["taskmanager.memory.process.size"]).toMatchObject({ from: "spec.taskManager.resource.memory" });
    expect(deployment?.taskmanager.bytes["totalProcess"]).toBe(String(2048 * 1024 * 1024));
  });

  it("a missing defaults file is a usage error naming the setting", async () => {
    const dir = project(undefined);
    const { code, stderr } = await flinklint(dir, ["app.yaml"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\.flinklint\.yaml: operator-defaults operator\/flink-conf\.yaml: /);
  });
});
