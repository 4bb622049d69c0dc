/**
 * Paths that are no regular file, through the CLI in process: a directory where a file is named, a
 * FIFO, a device, and symbolic link loops under a linted directory. Each gets one line on stderr
 * and exit 2, never a hang (a run still going after HANG_MS fails). Unreadable files and folders
 * need another user: test/e2e/ runs those through the built binary.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, type CliRun } from "./cli-support.js";
import { scratchDir } from "./scratch.js";

/** A run still going after this long waits on something it should not (each takes well under 1 s). */
const HANG_MS = 60_000;
const CLEAN = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";

const scratch = () => scratchDir("fs");

interface Run extends CliRun {
  hung: boolean;
}

async function flinklint(args: string[], cwd: string): Promise<Run> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<undefined>((done) => (timer = setTimeout(done, HANG_MS, undefined)));
  const run = await Promise.race([runCli(args, { cwd }), hang]);
  clearTimeout(timer);
  return run === undefined ? { code: -1, stdout: "", stderr: "", hung: true } : { ...run, hung: false };
}

function expectNoHang(run: Run): void {
  expect(run.hung, `still running after ${HANG_MS} ms`).toBe(false);
}

/** Exit 2, exactly one line on stderr that names the path, no hang. */
function expectOneLineFailure(run: Run, mentions: string): void {
  expectNoHang(run);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^flinklint: [^\n]+\n$/);
  expect(run.stderr).toContain(mentions);
  expect(run.stdout).toBe("");
}

// Longer than HANG_MS, so that a hang is reported as one.
describe("paths that are no regular file", { timeout: 2 * HANG_MS }, () => {
  it("a FIFO named as a file", async () => {
    const dir = scratch();
    spawnSync("mkfifo", [join(dir, "flink-conf.yaml")]);
    expectOneLineFailure(await flinklint(["flink-conf.yaml"], dir), "flink-conf.yaml");
  });

  it("a character device named as a file", async () => {
    expectOneLineFailure(await flinklint(["/dev/zero"], scratch()), "/dev/zero");
  });

  it("a FIFO under a linted directory is not waited on", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "flink-conf.yaml"), CLEAN);
    spawnSync("mkfifo", [join(dir, "other.flink-conf.yaml")]);
    const run = await flinklint(["--format", "json", "."], dir);
    expectNoHang(run);
    // Skipped like any non-file, or refused with one line: either way no hang.
    if (run.code === 2) expectOneLineFailure(run, "other.flink-conf.yaml");
    else expect((JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(["flink-conf.yaml"]);
  });

  it("a link to itself named as a file", async () => {
    const dir = scratch();
    symlinkSync("flink-conf.yaml", join(dir, "flink-conf.yaml"));
    expectOneLineFailure(await flinklint(["flink-conf.yaml"], dir), "flink-conf.yaml");
  });

  it("two links that point at each other under a linted directory", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "flink-conf.yaml"), CLEAN);
    symlinkSync("b.flink-conf.yaml", join(dir, "a.flink-conf.yaml"));
    symlinkSync("a.flink-conf.yaml", join(dir, "b.flink-conf.yaml"));
    const run = await flinklint(["--format", "json", "."], dir);
    expectNoHang(run);
    // Dangling or looping links are no config files: skipped, or refused with one line.
    if (run.code === 2) expectOneLineFailure(run, "flink-conf.yaml");
    else expect(run.code).toBe(0);
  });

  // Following every link, three links to "." would make 3^40 paths before the OS's depth limit
  // stops the walk: the walk must stop at the first link back to an ancestor.
  it("several links back to their own folder under a linted directory", async () => {
    const dir = scratch();
    mkdirSync(join(dir, "conf"));
    writeFileSync(join(dir, "conf", "flink-conf.yaml"), CLEAN);
    for (const name of ["a", "b", "c"]) symlinkSync(".", join(dir, "conf", name));
    expectOneLineFailure(await flinklint(["."], dir), "symbolic link loop");
  });

  // A directory where a file is named expands to the config files below it; with none there, the
  // argument matches nothing, which is an error (exit 2), never a silent pass.
  it("a directory named like a config file, holding none", async () => {
    const dir = scratch();
    mkdirSync(join(dir, "flink-conf.yaml"));
    expectOneLineFailure(await flinklint(["flink-conf.yaml"], dir), "flink-conf.yaml");
  });
});
