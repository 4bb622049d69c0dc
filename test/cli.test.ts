/**
 * The built binary, run as a user runs it: exit codes, formats, directories, globs and bad paths.
 * `npm test` builds first, so dist/ is current.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "./scratch.js";
import { binForUnprivileged, UNPRIVILEGED } from "./unprivileged.js";

const BIN = new URL("../dist/src/cli/bin.cjs", import.meta.url).pathname;
const ROOT = new URL("..", import.meta.url).pathname;

function flinklint(args: string[], options: { cwd?: string; env?: Record<string, string>; uid?: number; input?: string } = {}) {
  // Another user may be unable to reach the clone: it runs a copy of the build (unprivileged.ts).
  const result = spawnSync(process.execPath, [options.uid === undefined ? BIN : binForUnprivileged(), ...args], {
    cwd: options.cwd ?? ROOT,
    ...(options.input !== undefined && { input: options.input }),
    ...(options.uid !== undefined && { uid: options.uid, gid: options.uid }),
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
    timeout: 20_000,
    maxBuffer: 2 ** 30,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

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
  it("prints help and version", () => {
    const help = flinklint(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: flinklint/);
    const version = flinklint(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("runs as an executable, as npm's bin links and npx start it", () => {
    // npx may reuse a link made before a rebuild; the build itself marks the entries executable.
    const packageJson = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    for (const bin of Object.values(packageJson.bin)) expect(statSync(join(ROOT, bin)).mode & 0o111, bin).toBe(0o111);
    const direct = spawnSync(BIN, ["--version"], { encoding: "utf8" });
    expect(direct.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}\n`);
  });

  it("lists the rules", () => {
    const listed = flinklint(["--list-rules"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^legacy-missing-separator\s+error\s+\S/m);
    expect(listed.stdout).toMatch(/^memory-size-invalid\s+error\s+\S/m);
  });

  it("exits 0 on a clean file and prints nothing", () => {
    const dir = scratch({ "flink-conf.yaml": CLEAN });
    const run = flinklint(["flink-conf.yaml"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
  });

  it("exits 1 with file:line:column findings on a bad file", () => {
    const dir = scratch({ "flink-conf.yaml": SKIPPED_LINE });
    const run = flinklint(["--format", "compact", "flink-conf.yaml"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^flink-conf\.yaml:2:1: error .* \[legacy-missing-separator\]$/m);
  });

  it("prints pretty output by default", () => {
    const dir = scratch({ "flink-conf.yaml": SKIPPED_LINE });
    const run = flinklint(["flink-conf.yaml"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("flink-conf.yaml");
    expect(run.stdout).toContain("legacy-missing-separator");
    expect(run.stdout).toMatch(/2:1/);
  });

  it("prints ESLint's LintResult shape with --format json", () => {
    const dir = scratch({ "flink-conf.yaml": SKIPPED_LINE });
    const run = flinklint(["--format", "json", "flink-conf.yaml"], { cwd: dir });
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

  it("expands a directory to the Flink config files below it, honouring .gitignore", () => {
    const dir = scratch({
      "conf/flink-conf.yaml": SKIPPED_LINE,
      "prod/config.yaml": "taskmanager.memory.process.size: 2g\njobmanager.memory.process.size: 2g\n",
      "ignored/flink-conf.yaml": SKIPPED_LINE,
      "notes/other.yaml": "a: b\n",
      ".gitignore": "ignored/\n",
    });
    const run = flinklint(["--format", "json", "."], { cwd: dir });
    const files = (JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath).sort();
    expect(files).toEqual(["conf/flink-conf.yaml", "prod/config.yaml"]);
    expect(run.code).toBe(1);
  });

  it("lints the current directory when given no argument", () => {
    const dir = scratch({ "flink-conf.yaml": CLEAN });
    const run = flinklint(["--format", "json"], { cwd: dir });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(["flink-conf.yaml"]);
  });

  it("accepts globs and many file arguments", () => {
    const dir = scratch({ "a/flink-conf.yaml": CLEAN, "b/flink-conf.yaml": SKIPPED_LINE, "c/flink-conf.yaml": CLEAN });
    const glob = flinklint(["--format", "json", "*/flink-conf.yaml"], { cwd: dir });
    expect(JSON.parse(glob.stdout)).toHaveLength(3);
    const many = flinklint(["--format", "json", "a/flink-conf.yaml", "b/flink-conf.yaml"], { cwd: dir });
    expect(JSON.parse(many.stdout)).toHaveLength(2);
    expect(many.code).toBe(1);
  });

  it("exits 2 with one line on stderr for a pattern that matches nothing", () => {
    const run = flinklint(["no-such-dir/**/flink-conf.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flinklint: no-such-dir/**/flink-conf.yaml: no files match this pattern\n");
  });

  it("exits 2 for a missing file, without a stack trace", () => {
    const run = flinklint(["missing/flink-conf.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flinklint: missing/flink-conf.yaml: no such file or directory\n");
  });

  it("exits 2 for an unreadable file", () => {
    const dir = scratchDir("cli", { forAnyUser: true });
    writeFileSync(join(dir, "flink-conf.yaml"), CLEAN, { mode: 0o000 });
    const run = flinklint(["flink-conf.yaml"], { cwd: dir, uid: UNPRIVILEGED.uid });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flinklint: flink-conf.yaml: permission denied\n");
  });

  it("exits 2 for a symbolic link loop", () => {
    const dir = scratch({});
    symlinkSync("loop", join(dir, "loop"));
    const run = flinklint(["loop"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flinklint: loop: too many levels of symbolic links\n");
  });

  it("exits 2 for a symbolic link loop under a linted directory, and lints a linked file once", () => {
    const dir = scratch({ "conf/flink-conf.yaml": CLEAN });
    symlinkSync("../conf", join(dir, "conf-link"));
    const once = flinklint(["--format", "json", "."], { cwd: dir });
    expect(once.code).toBe(0);
    expect((JSON.parse(once.stdout) as unknown[]).length).toBe(1);
    symlinkSync(".", join(dir, "conf", "loop"));
    const run = flinklint(["."], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flinklint: conf/loop: symbolic link loop (it points back to a folder that contains it)\n");
  });

  it("exits 2 for usage errors", () => {
    expect(flinklint(["--format", "xml"]).code).toBe(2);
    expect(flinklint(["--no-such-flag"]).stderr).toMatch(/^flinklint: .*no-such-flag/);
    expect(flinklint(["--flink-version", "0.9", "examples"]).stderr).toMatch(/unsupported Flink version "0.9"/);
    expect(flinklint(["--max-warnings", "x"]).code).toBe(2);
  });

  it("--quiet reports errors only and --max-warnings turns warnings into exit 1", () => {
    const indented = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n  parallelism.default: 2\n";
    const dir = scratch({ "flink-conf.yaml": indented });
    const plain = flinklint(["--format", "compact", "flink-conf.yaml"], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/warning .*\[legacy-indented-line\]/);
    expect(flinklint(["--format", "compact", "--quiet", "flink-conf.yaml"], { cwd: dir }).stdout).toBe("");
    expect(flinklint(["--max-warnings", "0", "flink-conf.yaml"], { cwd: dir }).code).toBe(1);
    expect(flinklint(["--max-warnings", "1", "flink-conf.yaml"], { cwd: dir }).code).toBe(0);
  });

  it("reports a binary or non-UTF-8 file as a finding, not a crash", () => {
    const dir = scratch({
      "bin/flink-conf.yaml": Buffer.from([0x6b, 0x3a, 0x20, 0x00, 0x01, 0x02]),
      "latin1/flink-conf.yaml": Buffer.from("s3.secret-key: caf\xe9\n", "latin1"),
    });
    const run = flinklint(["--format", "json", "."], { cwd: dir });
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    const byFile = Object.fromEntries(results.map((r) => [r.filePath, r.messages]));
    expect(byFile["bin/flink-conf.yaml"]?.[0]).toMatchObject({ ruleId: "parse", line: 1, column: 4 });
    expect(byFile["bin/flink-conf.yaml"]?.[0]?.message).toMatch(/NUL byte at offset 3/);
    expect(byFile["latin1/flink-conf.yaml"]?.[0]).toMatchObject({ ruleId: "parse", line: 1, column: 19 });
    expect(byFile["latin1/flink-conf.yaml"]?.[0]?.message).toMatch(/not valid UTF-8 \(byte 0xe9 at offset 18\)/);
  });

  it("lints the bundled examples", () => {
    const run = flinklint(["examples/"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("examples/flink-conf.yaml");
    expect(run.stdout).toContain("examples/kubernetes-tm/config.yaml");
    expect(run.stdout).toContain("examples/kubernetes/flink-deployment.yaml");
  });

  it("lints standard input as the file named by --stdin-filename", () => {
    const dir = scratch({ "conf/.flinklint.yaml": "rules:\n  legacy-indented-line: error\n" });
    const legacy = flinklint(["--stdin", "--stdin-filename", "conf/flink-conf.yaml", "--format", "compact"], {
      cwd: dir,
      input: `${CLEAN}  parallelism.default: 2\n`,
    });
    expect(legacy.stdout).toMatch(/^conf\/flink-conf\.yaml:3:1: error .*\[legacy-indented-line\]\n$/);
    expect(legacy.code).toBe(1);
    // The same text named config.yaml is standard YAML: an indented key there is a YAML error.
    const standard = flinklint(["--stdin", "--stdin-filename", "config.yaml", "--format", "compact"], {
      cwd: dir,
      input: "a: 1\n  b: 2\n",
    });
    expect(standard.stdout).toMatch(/^config\.yaml:\d+:\d+: error .*\[parse\]$/m);
    expect(flinklint(["--stdin", "flink-conf.yaml"], { cwd: dir, input: "" }).code).toBe(2);
  });

  it("applies the nearest .flinklint.yaml, and --print-config shows it", () => {
    const dir = scratch({
      ".flinklint.yaml": "flink-version: 2.1\nrules:\n  legacy-indented-line: off\nignore:\n  - skipped/**\n",
      "conf/flink-conf.yaml": `${CLEAN}  parallelism.default: 2\n`,
      "skipped/flink-conf.yaml": SKIPPED_LINE,
      "strict/.flinklint.yaml": "rules:\n  legacy-indented-line: error\n",
      "strict/flink-conf.yaml": `${CLEAN}  parallelism.default: 2\n`,
    });
    const run = flinklint(["--format", "json", "."], { cwd: dir });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; severity: number }[] }[];
    expect(results.map((r) => r.filePath).sort()).toEqual(["conf/flink-conf.yaml", "strict/flink-conf.yaml"]);
    const byFile = Object.fromEntries(results.map((r) => [r.filePath, r.messages.map((m) => `${m.ruleId}:${m.severity}`)]));
    expect(byFile["conf/flink-conf.yaml"]).not.toContain("legacy-indented-line:1");
    expect(byFile["strict/flink-conf.yaml"]).toContain("legacy-indented-line:2");
    const printed = JSON.parse(flinklint(["--print-config", "conf/flink-conf.yaml"], { cwd: dir }).stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({
      file: "conf/flink-conf.yaml",
      configFile: ".flinklint.yaml",
      dialect: "legacy",
      flinkVersion: "2.1",
      rules: { "legacy-indented-line": "off", "legacy-missing-separator": "error" },
    });
  });

  it("exits 2 with the file and line for a bad .flinklint.yaml", () => {
    const dir = scratch({ ".flinklint.yaml": "rules:\n  legacy-indented-lines: off\n", "flink-conf.yaml": CLEAN });
    const run = flinklint(["flink-conf.yaml"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('flinklint: .flinklint.yaml:2: unknown rule "legacy-indented-lines"; did you mean "legacy-indented-line"?\n');
  });

  it("writes SARIF to --output-file and picks the github format under GitHub Actions", () => {
    const dir = scratch({ "flink-conf.yaml": SKIPPED_LINE });
    const sarif = flinklint(["--format", "sarif", "--output-file", "out.sarif", "flink-conf.yaml"], { cwd: dir });
    expect(sarif.code).toBe(1);
    expect(sarif.stdout).toBe("");
    const log = JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8")) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toContain("legacy-missing-separator");
    const github = flinklint(["flink-conf.yaml"], { cwd: dir, env: { GITHUB_ACTIONS: "true" } });
    expect(github.stdout).toMatch(/^::error file=flink-conf\.yaml,line=2,col=1,.*::/m);
  });

  it("explains the memory of the default TaskManager as Flink does", () => {
    const json = flinklint(["explain", "--format", "json", "examples/flink-conf.yaml"]);
    expect(json.code).toBe(0);
    const explained = JSON.parse(json.stdout) as { file: string; taskmanager: { ok: boolean; path: string; jvmArgs: string } };
    expect(explained.file).toBe("examples/flink-conf.yaml");
    expect(explained.taskmanager).toMatchObject({
      ok: true,
      path: "process",
      jvmArgs: "-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456",
    });
    const human = flinklint(["explain", "examples/flink-conf.yaml"]);
    expect(human.stdout).toContain("-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456");
    expect(flinklint(["explain"]).code).toBe(2);
  });

  it("runs the language server with `flinklint lsp --stdio`", async () => {
    const { spawn } = await import("node:child_process");
    const server = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: ROOT });
    const send = (message: object) => {
      const body = JSON.stringify({ jsonrpc: "2.0", ...message });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    let output = "";
    const initialized = new Promise<void>((resolve) => {
      server.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes('"id":1')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
    send({ id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } });
    await initialized;
    expect(output).toContain('"hoverProvider":true');
    send({ id: 2, method: "shutdown" });
    send({ method: "exit" });
    expect(await exited).toBe(0);
  });

  it("lints FlinkDeployment manifests found in a directory and leaves other YAML alone", () => {
    const manifest = readFileSync(new URL("../fixtures/k8s/basic.yaml", import.meta.url), "utf8");
    const dir = scratch({
      "deploy/flink.yaml": manifest,
      "deploy/app.yml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n",
      "deploy/values.yaml": "taskmanager:\n  memory: 2Gi\n",
    });
    const run = flinklint(["--format", "json", "."], { cwd: dir });
    const results = JSON.parse(run.stdout) as { filePath: string }[];
    expect(results.map((r) => r.filePath)).toEqual(["deploy/flink.yaml"]);
    const explained = JSON.parse(flinklint(["explain", "--format", "json", "deploy/flink.yaml"], { cwd: dir }).stdout) as {
      name: string;
      taskmanager: { ok: boolean };
    }[];
    expect(explained.map((e) => e.name)).toEqual(["basic-example"]);
  });

  it("starts from the bundle with V8 taking its code cache", () => {
    // The build's training run wrote the caches; a cache V8 refused would only make us slow, so it is checked here.
    const script = [
      `const load = require(${JSON.stringify(join(ROOT, "dist/src/cli/load.cjs"))});`,
      "load.loadCli().then(async ({ run }) => {",
      "  await run([\"--format\", \"json\", \"examples/kubernetes-tm/config.yaml\"], { stdout() {}, stderr() {}, cwd: process.cwd(), env: {}, readStdin: async () => new Uint8Array() });",
      "  console.log(JSON.stringify(load.loadedBundles()));",
      "});",
    ].join("\n");
    const result = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    const bundles = JSON.parse(result.stdout) as { file: string; cacheRejected: boolean | undefined }[];
    expect(bundles.map((b) => [b.file.split("/").pop(), b.cacheRejected])).toEqual([["flinklint.cjs", false]]);
  });

  it("still runs, and gives the same output, when V8 refuses a code cache", () => {
    // A cache made by another Node (a published package) is refused; the bundle then compiles from source.
    const copy = mkdtempSync(join(tmpdir(), "flinklint-cache-"));
    cpSync(join(ROOT, "dist"), join(copy, "dist"), { recursive: true });
    cpSync(join(ROOT, "package.json"), join(copy, "package.json"));
    writeFileSync(join(copy, "dist/src/cli/flinklint.cjs.cache"), Buffer.alloc(4096, 7));
    const args = ["--format", "json", "examples/flink-conf.yaml"];
    const fresh = spawnSync(process.execPath, [join(copy, "dist/src/cli/bin.cjs"), ...args], { cwd: ROOT, encoding: "utf8" });
    expect(fresh.stderr).toBe("");
    expect(fresh.stdout).toBe(flinklint(args).stdout);
    const script = [
      `const load = require(${JSON.stringify(join(copy, "dist/src/cli/load.cjs"))});`,
      "load.loadCli().then(() => console.log(JSON.stringify(load.loadedBundles())));",
    ].join("\n");
    const loaded = JSON.parse(spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).stdout) as { cacheRejected: boolean }[];
    expect(loaded.map((b) => b.cacheRejected)).toEqual([true]);
    rmSync(copy, { recursive: true, force: true });
  });

  it("writes a report of many megabytes with non-ASCII text intact", () => {
    // Output goes out a megabyte at a time; a character split across two pieces would turn into U+FFFD.
    const keys = Array.from({ length: 12_000 }, (_, i) => `no.such.option.é${"😀".repeat(40)}${i}: 𝔘${"ü".repeat(i % 7)}\n`).join("");
    const dir = scratch({ "config.yaml": CLEAN + keys });
    const run = flinklint(["--format", "json", "config.yaml"], { cwd: dir });
    expect(run.stdout.length).toBeGreaterThan(3_000_000);
    expect(run.stdout).not.toContain("\uFFFD");
    const messages = (JSON.parse(run.stdout) as { messages: { message: string; key?: string }[] }[])[0]?.messages ?? [];
    expect(messages).toHaveLength(12_000);
    // The message quotes the key's first 60 characters; the key itself is whole.
    expect(messages[11_999]?.message).toContain(`no.such.option.é${"😀".repeat(21)}…`);
    expect(messages[11_999]?.key).toBe(`no.such.option.é${"😀".repeat(40)}11999`);
    // The same settings over 40 files: written in batches of many files' results.
    const lines = keys.split("\n").filter(Boolean);
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, f) => [`c${f}/config.yaml`, CLEAN + lines.slice(f * 300, f * 300 + 300).join("\n")]));
    const many = flinklint(["--format", "json", "."], { cwd: scratch(files) });
    expect(many.stdout).not.toContain("\uFFFD");
    const results = JSON.parse(many.stdout) as { messages: unknown[] }[];
    expect(results).toHaveLength(40);
    expect(results.reduce((n, r) => n + r.messages.length, 0)).toBe(12_000);
  });

  it("stops writing quietly when the reader of its output goes away", () => {
    const dir = scratch(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`c${i}/flink-conf.yaml`, SKIPPED_LINE])));
    // About 250 kB of JSON, far more than a pipe holds, so writes go on after head has gone.
    const script = `"${process.execPath}" "${BIN}" --format json . | head -c 10 >/dev/null; exit \${PIPESTATUS[0]}`;
    const result = spawnSync("bash", ["-c", script], { cwd: dir, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
  });
});
