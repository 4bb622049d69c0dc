/** `flinklint migrate` through `run(argv, io)`: output, exit codes, --write (atomic, never over a file without --force), --format json. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./cli-support.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "flinklint-migrate-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const LEGACY = "# The TaskManager's heap\ntaskmanager.heap.size: 1024m\ntaskmanager.numberOfTaskSlots: 4\n";

function input(text = LEGACY, name = "flink-conf.yaml"): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe("flinklint migrate", () => {
  it("prints the config.yaml and lists the changes on standard error (exit 0)", async () => {
    const run = await runCli(["migrate", input()], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("taskmanager:\n  memory:\n    flink:\n      # The TaskManager's heap\n      size: 1024m\n  numberOfTaskSlots: 4\n");
    expect(run.stderr).toBe(
      "flink-conf.yaml:2: replaced: taskmanager.heap.size: 1024m -> taskmanager.memory.flink.size: 1024m (removed in Flink 2.0; Flink 1.x (standalone) read it as taskmanager.memory.flink.size)\n",
    );
    expect(existsSync(join(dir, "config.yaml"))).toBe(false);
  });

  it("maps the legacy heap by --deployment and writes --style flat", async () => {
    const run = await runCli(["migrate", "--deployment", "kubernetes", "--style", "flat", input()], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("# The TaskManager's heap\ntaskmanager.memory.process.size: 1024m\ntaskmanager.numberOfTaskSlots: 4\n");
  });

  it("exits 1 when a setting has no successor in Flink 2.x (kept as a comment)", async () => {
    const run = await runCli(["migrate", input("state.backend.async: true\n")], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("# state.backend.async: true");
    expect(run.stderr).toContain("removed: state.backend.async: true");
  });

  it.each([
    [["migrate"], "migrate takes exactly one flink-conf.yaml"],
    [["migrate", "a/flink-conf.yaml", "b/flink-conf.yaml"], "migrate takes exactly one flink-conf.yaml"],
    [["migrate", "config.yaml"], "migrate reads a legacy flink-conf.yaml"],
    [["migrate", "--to", "1.20", "flink-conf.yaml"], '--to takes a Flink 2.x release, 2.0, 2.1, 2.2; not "1.20"'],
    [["migrate", "--to", "3.0", "flink-conf.yaml"], "--to takes a Flink 2.x release"],
    [["migrate", "--style", "deep", "flink-conf.yaml"], 'unknown style "deep"'],
    [["migrate", "--force", "flink-conf.yaml"], "--force goes with --write"],
    [["migrate", "--format", "sarif", "flink-conf.yaml"], 'unknown migrate format "sarif"; expected one of yaml, json'],
    [["migrate", "--fix", "flink-conf.yaml"], "--fix, --fix-dry-run, --stdin and --init are lint options"],
    [["migrate", "--flink-version", "1.19", "flink-conf.yaml"], "choose the 2.x release to write for with --to"],
    [["migrate", "-o", "out.yaml", "flink-conf.yaml"], "--write writes it beside the input"],
    [["--write", "flink-conf.yaml"], "--write is an option of flinklint migrate"],
    [["explain", "--to", "2.1", "flink-conf.yaml"], "--to is an option of flinklint migrate"],
  ])("usage error for %j (exit 2)", async (argv, message) => {
    const run = await runCli(argv, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  });

  it("reads another name as a flink-conf.yaml with --dialect legacy", async () => {
    const run = await runCli(["migrate", "--dialect", "legacy", input("a.b: 1\n", "flink.yaml")], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("a:\n  b: 1\n");
  });

  it("accepts --to 2.0, 2.2 and 2 (the newest 2.x)", async () => {
    const name = input();
    for (const to of ["2.0", "2.2", "2", "2.1.1"]) expect((await runCli(["migrate", "--to", to, name], { cwd: dir })).code).toBe(0);
  });

  it("exits 2 for a missing file", async () => {
    const run = await runCli(["migrate", "missing/flink-conf.yaml"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flinklint: missing/flink-conf.yaml: no such file or directory\n");
  });

  it("--write creates config.yaml beside the input, and refuses to replace it without --force", async () => {
    const name = input();
    const first = await runCli(["migrate", "--write", name], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe("flinklint: wrote config.yaml for Flink 2.1 (1 change)\n");
    const written = readFileSync(join(dir, "config.yaml"), "utf8");
    expect(written).toContain("size: 1024m");

    writeFileSync(join(dir, "config.yaml"), "mine: 1\n");
    const refused = await runCli(["migrate", "--write", name], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("flinklint: config.yaml already exists; flinklint migrate does not replace it without --force\n");
    expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe("mine: 1\n");

    const forced = await runCli(["migrate", "--write", "--force", name], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe(written);
    // Written through a temporary file and a rename: nothing else is left beside it.
    expect(readdirSync(dir).sort()).toEqual(["config.yaml", "flink-conf.yaml"]);
  });

  it("--write names the output after the input: prod.flink-conf.yaml → prod.config.yaml", async () => {
    const name = input(LEGACY, "prod.flink-conf.yaml");
    const run = await runCli(["migrate", "--write", name], { cwd: dir });
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, "prod.config.yaml"))).toBe(true);
  });

  it("--format json prints the changes and the text", async () => {
    const run = await runCli(["migrate", "--format", "json", input(`${LEGACY}taskmanager.numberOfTaskSlots: 8\nbad:line\n`)], { cwd: dir });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { file: string; to: string; deployment: string; complete: boolean; changes: Array<{ kind: string; line: number }>; text: string };
    expect(json).toMatchObject({ file: "flink-conf.yaml", to: "2.1", deployment: "standalone", style: "nested", complete: true });
    expect(json.changes.map((c) => [c.kind, c.line])).toEqual([
      ["replaced", 2],
      ["duplicate-resolved", 3],
      ["skipped-line", 5],
    ]);
    expect(json.changes[0]).toEqual({
      kind: "replaced",
      line: 2,
      oldKey: "taskmanager.heap.size",
      oldValue: "1024m",
      newKey: "taskmanager.memory.flink.size",
      newValue: "1024m",
      reason: "removed in Flink 2.0; Flink 1.x (standalone) read it as taskmanager.memory.flink.size",
    });
    expect(json.text).toContain("numberOfTaskSlots: 8");
    expect(run.stderr).toBe("");
  });

  it("--write --format json names the file written; a setting without a successor still exits 1", async () => {
    const run = await runCli(["migrate", "--write", "--format", "json", input("state.backend.async: true\n")], { cwd: dir });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { written: string; complete: boolean; text: string };
    expect(json.written).toBe("config.yaml");
    expect(json.complete).toBe(false);
    expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe(json.text);
  });

  it("is in the usage text", async () => {
    const run = await runCli(["--help"], { cwd: dir });
    expect(run.stdout).toContain("flinklint migrate [--to <2.x>]");
  });
});
