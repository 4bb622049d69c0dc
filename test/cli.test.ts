/**
 * The CLI as a user runs it, in process (`run(argv, io)`): exit codes, formats, directories, globs
 * and bad paths. What only the built binary does (the bundle, the executable, its own writes to
 * stdout, permissions as another user) is in test/e2e/.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-support.js";
import { scratchDir } from "./scratch.js";

const flinklint = runCli;

function scratch(files: Record<string, string | Buffer>): string {
  const dir = scratchDir("cli");
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const CLEAN = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";
const SKIPPED_LINE = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size:1600m\n";

describe("flinklint CLI", () => {
  it("prints help and version", async () => {
    const help = await flinklint(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: flinklint/);
    const version = await flinklint(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("lists the rules", async () => {
    const listed = await flinklint(["--list-rules"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^legacy-missing-separator\s+error\s+\S/m);
    expect(listed.stdout).toMatch(/^memory-size-invalid\s+error\s+\S/m);
  });

  it("exits 0 on a clean file and prints nothing", async () => {
    const dir = scratch({ "flink-conf.yaml": CLEAN });
    const run = await flinklint(["flink-conf.yaml"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
  });

  it("exits 1 with file:line:column findings on a bad file", async () => {
    const dir = scratch({ "flink-conf.yaml": SKIPPED_LINE });
    const run = await flinklint(["--format", "compact", "flink-conf.yaml"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^flink-conf\.yaml:2:1: error .* \[legacy-missing-separator\]$/m);
  });

  it("prints pretty output by default", async () => {
    const dir = scratch({ "flink-conf.yaml": SKIPPED_LINE });
    const run = await flinklint(["flink-conf.yaml"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("flink-conf.yaml");
    expect(run.stdout).toContain("legacy-missing-separator");
    expect(run.stdout).toMatch(/2:1/);
  });

  it("prints ESLint's LintResult shape with --format json", async () => {
    const dir = scratch({ "flink-conf.yaml": SKIPPED_LINE });
    const run = await flinklint(["--format", "json", "flink-conf.yaml"], { cwd: dir });
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as {
      filePath: string;
      errorCount: number;
      warningCount: number;
      messages: { ruleId: string; severity: number; line: number; column: number; endLine: number; endColumn: number }[];
    }[];
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result?.filePath).toBe("flink-conf.yaml");
    const message = result?.messages.find((m) => m.ruleId === "legacy-missing-separator");
    expect(message).toMatchObject({ severity: 2, line: 2, column: 1, endLine: 2 });
    expect(result?.errorCount).toBe(result?.messages.filter((m) => m.severity === 2).length);
  });

  it("expands a directory to the Flink config files below it, honouring .gitignore", async () => {
    const dir = scratch({
      "conf/flink-conf.yaml": SKIPPED_LINE,
      "prod/config.yaml": "taskmanager.memory.process.size: 2g\njobmanager.memory.process.size: 2g\n",
      "ignored/flink-conf.yaml": SKIPPED_LINE,
      "notes/other.yaml": "a: b\n",
      ".gitignore": "ignored/\n",
    });
    const run = await flinklint(["--format", "json", "."], { cwd: dir });
    const files = (JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath).sort();
    expect(files).toEqual(["conf/flink-conf.yaml", "prod/config.yaml"]);
    expect(run.code).toBe(1);
  });

  it("lints the current directory when given no argument", async () => {
    const dir = scratch({ "flink-conf.yaml": CLEAN });
    const run = await flinklint(["--format", "json"], { cwd: dir });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(["flink-conf.yaml"]);
  });

  it("accepts globs and many file arguments", async () => {
    const dir = scratch({ "a/flink-conf.yaml": CLEAN, "b/flink-conf.yaml": SKIPPED_LINE, "c/flink-conf.yaml": CLEAN });
    const glob = await flinklint(["--format", "json", "*/flink-conf.yaml"], { cwd: dir });
    expect(JSON.parse(glob.stdout)).toHaveLength(3);
    const many = await flinklint(["--format", "json", "a/flink-conf.yaml", "b/flink-conf.yaml"], { cwd: dir });
    expect(JSON.parse(many.stdout)).toHaveLength(2);
    expect(many.code).toBe(1);
  });

  it("exits 2 with one line on stderr for a pattern that matches nothing", async () => {
    const run = await flinklint(["no-such-dir/**/flink-conf.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flinklint: no-such-dir/**/flink-conf.yaml: no files match this pattern\n");
  });

  it("exits 2 for a missing file, without a stack trace", async () => {
    const run = await flinklint(["missing/flink-conf.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flinklint: missing/flink-conf.yaml: no such file or directory\n");
  });

  it("exits 2 for a symbolic link loop", async () => {
    const dir = scratch({});
    symlinkSync("loop", join(dir, "loop"));
    const run = await flinklint(["loop"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flinklint: loop: too many levels of symbolic links\n");
  });

  it("exits 2 for a symbolic link loop under a linted directory, and lints a linked file once", async () => {
    const dir = scratch({ "conf/flink-conf.yaml": CLEAN });
    symlinkSync("../conf", join(dir, "conf-link"));
    const once = await flinklint(["--format", "json", "."], { cwd: dir });
    expect(once.code).toBe(0);
    expect((JSON.parse(once.stdout) as unknown[]).length).toBe(1);
    symlinkSync(".", join(dir, "conf", "loop"));
    const run = await flinklint(["."], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flinklint: conf/loop: symbolic link loop (it points back to a folder that contains it)\n");
  });

  it("exits 2 for usage errors", async () => {
    expect((await flinklint(["--format", "xml"])).code).toBe(2);
    expect((await flinklint(["--no-such-flag"])).stderr).toMatch(/^flinklint: .*no-such-flag/);
    expect((await flinklint(["--flink-version", "0.9", "examples"])).stderr).toMatch(/unsupported Flink version "0.9"/);
    expect((await flinklint(["--max-warnings", "x"])).code).toBe(2);
  });

  it("--quiet reports errors only and --max-warnings turns warnings into exit 1", async () => {
    const indented = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n  parallelism.default: 2\n";
    const dir = scratch({ "flink-conf.yaml": indented });
    const plain = await flinklint(["--format", "compact", "flink-conf.yaml"], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/warning .*\[legacy-indented-line\]/);
    expect((await flinklint(["--format", "compact", "--quiet", "flink-conf.yaml"], { cwd: dir })).stdout).toBe("");
    expect((await flinklint(["--max-warnings", "0", "flink-conf.yaml"], { cwd: dir })).code).toBe(1);
    expect((await flinklint(["--max-warnings", "1", "flink-conf.yaml"], { cwd: dir })).code).toBe(0);
  });

  it("reports a binary or non-UTF-8 file as a finding, not a crash", async () => {
    const dir = scratch({
      "bin/flink-conf.yaml": Buffer.from([0x6b, 0x3a, 0x20, 0x00, 0x01, 0x02]),
      "latin1/flink-conf.yaml": Buffer.from("s3.secret-key: caf\xe9\n", "latin1"),
    });
    const run = await flinklint(["--format", "json", "."], { cwd: dir });
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    const byFile = Object.fromEntries(results.map((r) => [r.filePath, r.messages]));
    expect(byFile["bin/flink-conf.yaml"]?.[0]).toMatchObject({ ruleId: "parse", line: 1, column: 4 });
    expect(byFile["bin/flink-conf.yaml"]?.[0]?.message).toMatch(/NUL byte at offset 3/);
    expect(byFile["latin1/flink-conf.yaml"]?.[0]).toMatchObject({ ruleId: "parse", line: 1, column: 19 });
    expect(byFile["latin1/flink-conf.yaml"]?.[0]?.message).toMatch(/not valid UTF-8 \(byte 0xe9 at offset 18\)/);
  });

  it("lints the bundled examples", async () => {
    const run = await flinklint(["examples/"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("examples/flink-conf.yaml");
    expect(run.stdout).toContain("examples/kubernetes-tm/config.yaml");
    expect(run.stdout).toContain("examples/kubernetes/flink-deployment.yaml");
  });

  it("lints standard input as the file named by --stdin-filename", async () => {
    const dir = scratch({ "conf/.flinklint.yaml": "rules:\n  legacy-indented-line: error\n" });
    const legacy = await flinklint(["--stdin", "--stdin-filename", "conf/flink-conf.yaml", "--format", "compact"], {
      cwd: dir,
      stdin: `${CLEAN}  parallelism.default: 2\n`,
    });
    expect(legacy.stdout).toMatch(/^conf\/flink-conf\.yaml:3:1: error .*\[legacy-indented-line\]\n$/);
    expect(legacy.code).toBe(1);
    // The same text named config.yaml is standard YAML: an indented key there is a YAML error.
    const standard = await flinklint(["--stdin", "--stdin-filename", "config.yaml", "--format", "compact"], {
      cwd: dir,
      stdin: "a: 1\n  b: 2\n",
    });
    expect(standard.stdout).toMatch(/^config\.yaml:\d+:\d+: error .*\[parse\]$/m);
    expect((await flinklint(["--stdin", "flink-conf.yaml"], { cwd: dir, stdin: "" })).code).toBe(2);
  });

  it("applies the nearest .flinklint.yaml, and --print-config shows it", async () => {
    const dir = scratch({
      ".flinklint.yaml": "flink-version: 2.1\nrules:\n  legacy-indented-line: off\nignore:\n  - skipped/**\n",
      "conf/flink-conf.yaml": `${CLEAN}  parallelism.default: 2\n`,
      "skipped/flink-conf.yaml": SKIPPED_LINE,
      "strict/.flinklint.yaml": "rules:\n  legacy-indented-line: error\n",
      "strict/flink-conf.yaml": `${CLEAN}  parallelism.default: 2\n`,
    });
    const run = await flinklint(["--format", "json", "."], { cwd: dir });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; severity: number }[] }[];
    expect(results.map((r) => r.filePath).sort()).toEqual(["conf/flink-conf.yaml", "strict/flink-conf.yaml"]);
    const byFile = Object.fromEntries(results.map((r) => [r.filePath, r.messages.map((m) => `${m.ruleId}:${m.severity}`)]));
    expect(byFile["conf/flink-conf.yaml"]).not.toContain("legacy-indented-line:1");
    expect(byFile["strict/flink-conf.yaml"]).toContain("legacy-indented-line:2");
    const printed = JSON.parse((await flinklint(["--print-config", "conf/flink-conf.yaml"], { cwd: dir })).stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({
      file: "conf/flink-conf.yaml",
      configFile: ".flinklint.yaml",
      dialect: "legacy",
      flinkVersion: "2.1",
      rules: { "legacy-indented-line": "off", "legacy-missing-separator": "error" },
    });
  });

  it("exits 2 with the file and line for a bad .flinklint.yaml", async () => {
    const dir = scratch({ ".flinklint.yaml": "rules:\n  legacy-indented-lines: off\n", "flink-conf.yaml": CLEAN });
    const run = await flinklint(["flink-conf.yaml"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('flinklint: .flinklint.yaml:2: unknown rule "legacy-indented-lines"; did you mean "legacy-indented-line"?\n');
  });

  it("writes SARIF to --output-file and picks the github format under GitHub Actions", async () => {
    const dir = scratch({ "flink-conf.yaml": SKIPPED_LINE });
    const sarif = await flinklint(["--format", "sarif", "--output-file", "out.sarif", "flink-conf.yaml"], { cwd: dir });
    expect(sarif.code).toBe(1);
    expect(sarif.stdout).toBe("");
    const log = JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8")) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toContain("legacy-missing-separator");
    const github = await flinklint(["flink-conf.yaml"], { cwd: dir, env: { GITHUB_ACTIONS: "true" } });
    expect(github.stdout).toMatch(/^::error file=flink-conf\.yaml,line=2,col=1,.*::/m);
  });

  it("explains the memory of the default TaskManager as Flink does", async () => {
    const json = await flinklint(["explain", "--format", "json", "examples/flink-conf.yaml"]);
    expect(json.code).toBe(0);
    const explained = JSON.parse(json.stdout) as { file: string; taskmanager: { ok: boolean; path: string; jvmArgs: string } };
    expect(explained.file).toBe("examples/flink-conf.yaml");
    expect(explained.taskmanager).toMatchObject({
      ok: true,
      path: "process",
      jvmArgs: "-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456",
    });
    const human = await flinklint(["explain", "examples/flink-conf.yaml"]);
    expect(human.stdout).toContain("-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456");
    expect((await flinklint(["explain"])).code).toBe(2);
  });

  it("lints FlinkDeployment manifests found in a directory and leaves other YAML alone", async () => {
    const manifest = readFileSync(new URL("../fixtures/k8s/basic.yaml", import.meta.url), "utf8");
    const dir = scratch({
      "deploy/flink.yaml": manifest,
      "deploy/app.yml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n",
      "deploy/values.yaml": "taskmanager:\n  memory: 2Gi\n",
    });
    const run = await flinklint(["--format", "json", "."], { cwd: dir });
    const results = JSON.parse(run.stdout) as { filePath: string }[];
    expect(results.map((r) => r.filePath)).toEqual(["deploy/flink.yaml"]);
    const explained = JSON.parse((await flinklint(["explain", "--format", "json", "deploy/flink.yaml"], { cwd: dir })).stdout) as {
      name: string;
      taskmanager: { ok: boolean };
    }[];
    expect(explained.map((e) => e.name)).toEqual(["basic-example"]);
  });

});
