/**
 * The built CLI, as npm's bin link starts it: exit codes from a folder of the user's, standard
 * input, --fix on disk, the bundle and its code cache, and its own writes to stdout (megabytes of
 * non-ASCII text, a reader that goes away). Everything else the CLI does is tested in process.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../scratch.js";
import { BIN, ROOT, runBin } from "./bin-support.js";

const flinklint = runBin;

function scratch(files: Record<string, string | Buffer>): string {
  const dir = scratchDir("e2e");
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const CLEAN = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";
const SKIPPED_LINE = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size:1600m\n";
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

describe("the built flinklint", () => {
  it("exits 0 on a clean file, 1 on findings and 2 on a usage or file error, from any folder", () => {
    const dir = scratch({ "clean/flink-conf.yaml": CLEAN, "bad/flink-conf.yaml": SKIPPED_LINE });
    const clean = flinklint(["clean/flink-conf.yaml"], { cwd: dir });
    expect([clean.code, clean.stdout, clean.stderr]).toEqual([0, "", ""]);
    const bad = flinklint(["--format", "compact", "bad/flink-conf.yaml"], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^bad\/flink-conf\.yaml:2:1: error .* \[legacy-missing-separator\]$/m);
    const usage = flinklint(["--no-such-flag"], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^flinklint: .*no-such-flag.*\nRun "flinklint --help" for usage\.\n$/);
    const missing = flinklint(["missing/flink-conf.yaml"], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([2, "flinklint: missing/flink-conf.yaml: no such file or directory\n"]);
    expect(flinklint(["--version"], { cwd: dir }).stdout).toBe(`${VERSION}\n`);
  });

  it("runs as an executable, as npm's bin links and npx start it", () => {
    // npx may reuse a link made before a rebuild; the build itself marks the entries executable.
    const packageJson = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    for (const bin of Object.values(packageJson.bin)) expect(statSync(join(ROOT, bin)).mode & 0o111, bin).toBe(0o111);
    const direct = spawnSync(BIN, ["--version"], { encoding: "utf8" });
    expect(direct.stdout).toBe(`${VERSION}\n`);
  });

  it("lints standard input as the file named by --stdin-filename", () => {
    const dir = scratch({ "conf/.flinklint.yaml": "rules:\n  legacy-indented-line: error\n" });
    const legacy = flinklint(["--stdin", "--stdin-filename", "conf/flink-conf.yaml", "--format", "compact"], {
      cwd: dir,
      input: `${CLEAN}  parallelism.default: 2\n`,
    });
    expect(legacy.stdout).toMatch(/^conf\/flink-conf\.yaml:3:1: error .*\[legacy-indented-line\]\n$/);
    expect(legacy.code).toBe(1);
  });

  it("--fix rewrites the file in place, keeping its mode, and leaves no other file", () => {
    const dir = scratch({ "flink-conf.yaml": "taskmanager.memory.process.size: 1728m\r\njobmanager.memory.process.size: 1600Mi\r\n" });
    chmodSync(join(dir, "flink-conf.yaml"), 0o640);
    const fixed = flinklint(["--format", "compact", "--fix", "flink-conf.yaml"], { cwd: dir });
    expect([fixed.code, fixed.stdout, fixed.stderr]).toEqual([0, "", ""]);
    expect(readFileSync(join(dir, "flink-conf.yaml"), "utf8")).toBe("taskmanager.memory.process.size: 1728m\r\njobmanager.memory.process.size: 1600m\r\n");
    expect(statSync(join(dir, "flink-conf.yaml")).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["flink-conf.yaml"]);
  });

  it("starts from the bundle with V8 taking its code cache, and loads yaml only for files that need it", () => {
    // The build's training run wrote the caches; a cache V8 refused would only make us slow, so it is checked here.
    const bundlesFor = (file: string) => {
      const script = [
        `const load = require(${JSON.stringify(join(ROOT, "dist/src/cli/load.cjs"))});`,
        "load.loadCli().then(async ({ run }) => {",
        `  await run(["--format", "json", ${JSON.stringify(file)}], { stdout() {}, stderr() {}, cwd: process.cwd(), env: {}, readStdin: async () => new Uint8Array() });`,
        "  console.log(JSON.stringify(load.loadedBundles()));",
        "});",
      ].join("\n");
      const result = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
      expect(result.stderr).toBe("");
      const bundles = JSON.parse(result.stdout) as { file: string; cacheRejected: boolean | undefined }[];
      return bundles.map((b) => [b.file.split("/").pop(), b.cacheRejected]);
    };
    // Both under this repository's .flinklint.yaml, which the line reader reads.
    expect(bundlesFor("examples/kubernetes-tm/config.yaml")).toEqual([["flinklint.cjs", false]]);
    expect(bundlesFor("examples/flink-conf.yaml")).toEqual([["flinklint.cjs", false]]);
    // A manifest is YAML of any shape: yaml's own part, with its cache.
    expect(bundlesFor("examples/kubernetes/flink-deployment.yaml")).toEqual([
      ["flinklint.cjs", false],
      ["part-yaml.cjs", false],
    ]);
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
