/** `flinklint explain`: one breakdown per configuration of a host file, in JSON where each effective value comes from, and its exit code. */
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";

const ROOT = new URL("..", import.meta.url).pathname;

/** `flinklint explain <args>` in process: its exit code and standard output. */
async function explain(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const code = await run(["explain", ...args], { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: ROOT, env: {}, readStdin: async () => new Uint8Array() });
  return { code, stdout };
}

async function explainCode(args: string[]): Promise<number> {
  return (await explain(args)).code;
}

type ExplainedTarget = { name: string; processes: string[]; settings: Array<{ key: string; value: string; from: string }> };

async function explainJson(file: string): Promise<ExplainedTarget[]> {
  const { code, stdout } = await explain(["--format", "json", file]);
  expect(code).toBe(0);
  return JSON.parse(stdout) as ExplainedTarget[];
}

describe("explain of a host file", () => {
  it("names the place of each value: a user's line, or the spec field the operator writes a size from", async () => {
    const [deployment] = await explainJson("fixtures/k8s/application-ha.yaml");
    expect(deployment?.name).toBe("basic-checkpoint-ha-example");
    const from = Object.fromEntries((deployment?.settings ?? []).map((s) => [s.key, s.from]));
    expect(from["taskmanager.memory.process.size"]).toBe("spec.taskManager.resource.memory");
    expect(from["jobmanager.memory.process.size"]).toBe("spec.jobManager.resource.memory");
    expect(from["high-availability.type"]).toMatch(/^line \d+$/);
  });

  it("exits 1 when Flink would refuse a process it shows, 0 when all start", async () => {
    expect(await explainCode(["examples/flink-conf.yaml"])).toBe(0);
    expect(await explainCode(["fixtures/memory-both-totals/contradiction.flink-conf.yaml"])).toBe(1);
    expect(await explainCode(["--format", "json", "fixtures/memory-both-totals/contradiction.flink-conf.yaml"])).toBe(1);
  });

  it("a container shows only the process it starts", async () => {
    const { code, stdout } = await explain(["--no-color", "fixtures/hosts/kubernetes/session-cluster.yaml"]);
    expect(code).toBe(0);
    const [jobmanager, taskmanager] = stdout.split(/\n(?=\S+ \(container )/);
    expect(jobmanager).toMatch(/^JobManager /m);
    expect(jobmanager).not.toMatch(/^TaskManager /m);
    expect(taskmanager).toMatch(/^TaskManager /m);
    expect(taskmanager).not.toMatch(/^JobManager /m);
    const json = await explainJson("fixtures/hosts/kubernetes/session-cluster.yaml");
    expect(json.map((j) => j.processes)).toEqual([["jobmanager"], ["taskmanager"]]);
  });
});
