/** A named file of another tool that carries no Flink configuration gets one notice, never findings about its own structure. */
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { lintText } from "../src/lint-file.js";
import { scratchDir } from "./scratch.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const WORKFLOW = "name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n";
const SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n";

describe("files of other tools", () => {
  it.each([
    [".github/workflows/ci.yml", WORKFLOW, "a GitHub Actions workflow"],
    ["service.yaml", SERVICE, "a Kubernetes manifest"],
    ["values.yaml", "replicaCount: 2\nimage:\n  repository: nginx\n", "a Helm values file"],
  ])("%s: no findings, one notice naming what it is", (filename, text, host) => {
    const linted = lintText(text, { filename });
    expect(linted.diagnostics).toEqual([]);
    expect(linted.notice).toMatch(new RegExp(`^${host} with no Flink configuration`));
  });

  it("a Flink file name or --dialect still reads it as Flink's (the user asked for it)", () => {
    expect(lintText(WORKFLOW, { filename: "flink-conf.yaml" }).diagnostics.length).toBeGreaterThan(0);
    expect(lintText(WORKFLOW, { filename: "ci.yml", dialect: "legacy" }).diagnostics.length).toBeGreaterThan(0);
    expect(lintText("taskmanager.memory.process.size: 1728m\n", { filename: "settings.yaml" }).notice).toBeUndefined();
  });

  it("the CLI prints the notice on stderr and exits 0; --print-config names the adapter", async () => {
    const dir = scratchDir("foreign");
    writeFileSync(join(dir, "service.yaml"), SERVICE);
    let stdout = "";
    let stderr = "";
    const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), cwd: dir, env: {}, readStdin: async () => new Uint8Array() };
    expect(await run(["--format", "compact", "service.yaml"], io)).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toBe("flinklint: service.yaml: a Kubernetes manifest with no Flink configuration that flinklint reads; not linted (give --dialect to read it as a Flink file)\n");
    stdout = "";
    expect(await run(["--print-config", "service.yaml"], io)).toBe(0);
    const shown = JSON.parse(stdout) as { host: { adapter: string }; configurations: unknown[] };
    expect(shown.host.adapter).toBe("foreign");
    expect(shown.configurations).toEqual([]);
  });
});
