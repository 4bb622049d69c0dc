/**
 * `flinklint --init`: a commented `.flinklint.yaml` worked out from the repository (Flink version
 * from builds and images, deployment from manifests, test folders ignored); an existing one is
 * never replaced; the written file is one flinklint reads back with the settings it announced.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { run } from "../src/cli/main.js";
import { planProjectConfig } from "../src/hosts/init-config.js";
import { parseProjectConfig } from "../src/engine/project-config.js";
import { rules } from "../rules/index.js";
import { scratchDir } from "./scratch.js";

function repository(files: Record<string, string>): string {
  const dir = scratchDir("init");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function cli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    env: {},
    readStdin: async () => new Uint8Array(),
  });
  return { code, stdout, stderr };
}

const BROKEN = "taskmanager.memory.process.size: 1g\ntaskmanager.memory.flink.size: 2g\njobmanager.memory.process.size: 1600m\n";
const GOOD = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";

describe("flinklint --init", () => {
  it("writes settings that ignore the test data, pin the build's Flink version and are read back as announced", async () => {
    const dir = repository({
      "pom.xml": "<project>\n  <properties>\n    <flink.version>1.17.2</flink.version>\n  </properties>\n</project>\n",
      "docker/Dockerfile": "FROM flink:1.17.2-scala_2.12-java11\n",
      "conf/flink-conf.yaml": GOOD,
      "src/test/resources/flink-conf.yaml": BROKEN,
      "fixtures/bad/flink-conf.yaml": BROKEN,
      // Test data must not vote for the version.
      "fixtures/bad/docker-compose.yml": "services:\n  jm:\n    image: flink:1.19\n    command: jobmanager\n",
    });
    const { code, stdout } = await cli(["--init"], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Wrote \.flinklint\.yaml:/);
    expect(stdout).toContain("flink-version: 1.17");
    expect(stdout).toContain("ignore: fixtures/, src/test/");
    const text = readFileSync(join(dir, ".flinklint.yaml"), "utf8");
    expect(parseDocument(text).errors).toEqual([]);
    const config = parseProjectConfig(text, ".flinklint.yaml", rules.map((r) => r.meta.id));
    expect(config.flinkVersion).toBe("1.17");
    expect(config.deployment).toBeUndefined();
    expect(config.ignore).toEqual(["fixtures/", "src/test/"]);
    // Every setting it leaves out is there as a comment to uncomment.
    for (const key of ["deployment", "rules", "operator-defaults", "include"]) expect(text).toMatch(new RegExp(`^# ${key}:`, "m"));
    expect(text).toMatch(/Flink 1\.17\.2 in pom\.xml:3/);

    // Linting the repository now reports the deployed file only: the broken test data is skipped.
    const lint = await cli(["-f", "json", "."], dir);
    const files = (JSON.parse(lint.stdout) as Array<{ filePath: string }>).map((r) => r.filePath.replace(`${dir}/`, ""));
    expect(files).toEqual(["conf/flink-conf.yaml"]);
    expect(lint.code).toBe(0);
  });

  it("never replaces existing settings (exit 2, file untouched)", async () => {
    for (const name of [".flinklint.yaml", ".flinklint.yml"]) {
      const dir = repository({ [name]: "rules: {}\n", "flink-conf.yaml": GOOD });
      const { code, stderr } = await cli(["--init"], dir);
      expect(code).toBe(2);
      expect(stderr).toContain(`${name} already exists`);
      expect(readFileSync(join(dir, name), "utf8")).toBe("rules: {}\n");
    }
  });

  it("takes the repository folder as its argument, and refuses a file or lint options", async () => {
    const dir = repository({ "repo/deploy/app.yaml": "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: app\nspec:\n  image: flink:1.18\n  flinkVersion: v1_18\n" });
    const { code, stdout } = await cli(["--init", "repo"], dir);
    expect(code).toBe(0);
    expect(stdout).toContain("Wrote repo/.flinklint.yaml");
    const config = parseProjectConfig(readFileSync(join(dir, "repo/.flinklint.yaml"), "utf8"), "x", rules.map((r) => r.meta.id));
    expect(config).toMatchObject({ flinkVersion: "1.18", deployment: "kubernetes" });
    expect((await cli(["--init", "repo/deploy/app.yaml"], dir)).code).toBe(2);
    expect((await cli(["--init", "--fix", "repo"], dir)).code).toBe(2);
    expect((await cli(["--init", "a", "b"], dir)).code).toBe(2);
  });

  it("writes commented defaults for a repository without Flink files", async () => {
    const dir = repository({ "README.md": "nothing yet\n" });
    const { code, stdout } = await cli(["--init"], dir);
    expect(code).toBe(0);
    expect(stdout).toContain("flink-version: not set");
    const config = parseProjectConfig(readFileSync(join(dir, ".flinklint.yaml"), "utf8"), "x", rules.map((r) => r.meta.id));
    expect(config).toEqual({ path: "x", rules: {}, ignore: [] });
  });
});

describe("planProjectConfig", () => {
  const plan = (evidence: Record<string, string>, lintable: string[] = []) =>
    planProjectConfig({ lintable, evidence: Object.entries(evidence).map(([path, text]) => ({ path, text })) });

  it("counts a version once per file, and names the others in a comment", () => {
    const result = plan({
      "k8s/app.yaml": "kind: FlinkDeployment\nspec:\n  image: flink:1.18\n  flinkVersion: v1_18\n",
      "pom.xml": "<flink.version>1.17.1</flink.version>",
      "build.gradle": "def flinkVersion = '1.17.1'\n",
    });
    expect(result.flinkVersion).toBe("1.17");
    expect(result.text).toMatch(/Other versions are in use too: flink:1\.18 in k8s\/app\.yaml:3/);
  });

  it("ties go to the newer version; unofficial and unpinned images give no version", () => {
    expect(plan({ "a/Dockerfile": "FROM flink:1.16\n", "b/Dockerfile": "FROM apache/flink:1.19.1-java11\n" }).flinkVersion).toBe("1.19");
    expect(plan({ "Dockerfile": "FROM flink:latest\n", "x.yaml": "image: example.com/flink:1.17\n" }).flinkVersion).toBeUndefined();
  });

  it("leaves the deployment to the user when manifests and YARN launches disagree", () => {
    const result = plan({ "deploy.yaml": "kind: FlinkDeployment\n", "run.sh": "flink run -t yarn-application app.jar\n" });
    expect(result.deployment).toBeUndefined();
    expect(result.text).toMatch(/More than one is in use/);
    expect(plan({ "run.sh": "./bin/yarn-session.sh -d\n" }).deployment).toBe("yarn");
  });

  it("ignores the shallowest test folder of each lintable file, only where Flink files are", () => {
    const result = plan({}, ["test/a/flink-conf.yaml", "test/b/config.yaml", "modules/x/__tests__/flink-conf.yaml", "conf/flink-conf.yaml"]);
    expect(result.ignore).toEqual(["modules/x/__tests__/", "test/"]);
    expect(result.linted).toBe(1);
  });
});

describe("flinklint's own repository", () => {
  it("a scan from its root lints the examples only: its .flinklint.yaml skips the deliberately wrong test data", async () => {
    const root = join(dirname(new URL(import.meta.url).pathname), "..");
    const { stdout } = await cli(["-f", "json", "."], root);
    const files = (JSON.parse(stdout) as Array<{ filePath: string }>).map((r) => r.filePath.replace(`${root}/`, ""));
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => !file.startsWith("examples/"))).toEqual([]);
  }, 60_000);
});
