/**
 * Paths that are no regular file, through the real CLI binary: a directory where a file is named,
 * a FIFO, a device, an unreadable file or folder, and symbolic link loops under a linted directory.
 * Each gets one line on stderr and exit 2, never a hang (a run is killed after BOUND_MS).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const BIN = new URL("../dist/src/cli/bin.cjs", import.meta.url).pathname;
const BOUND_MS = 5_000;
const CLEAN = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";
/** root reads anything: permission cases run as "nobody" then, so the check is real. */
const AS_NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

const scratchDirs: string[] = [];
afterEach(() => {
  for (const dir of scratchDirs.splice(0)) {
    spawnSync("chmod", ["-R", "u+rwx", dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "flinklint-fs-"));
  chmodSync(dir, 0o755);
  scratchDirs.push(dir);
  return dir;
}

function flinklint(args: string[], cwd: string, user: { uid?: number; gid?: number } = {}) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    timeout: BOUND_MS,
    ...user,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}

/** Exit 2, exactly one line on stderr that names the path, within the bound. */
function expectOneLineFailure(run: ReturnType<typeof flinklint>, mentions: string): void {
  expect(run.ms, `took ${Math.round(run.ms)} ms`).toBeLessThan(BOUND_MS);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^flinklint: [^\n]+\n$/);
  expect(run.stderr).toContain(mentions);
  expect(run.stdout).toBe("");
}

describe("paths that are no regular file", () => {
  it("a FIFO named as a file", () => {
    const dir = scratch();
    spawnSync("mkfifo", [join(dir, "flink-conf.yaml")]);
    expectOneLineFailure(flinklint(["flink-conf.yaml"], dir), "flink-conf.yaml");
  });

  it("a character device named as a file", () => {
    expectOneLineFailure(flinklint(["/dev/zero"], scratch()), "/dev/zero");
  });

  it("a FIFO under a linted directory is not waited on", () => {
    const dir = scratch();
    writeFileSync(join(dir, "flink-conf.yaml"), CLEAN);
    spawnSync("mkfifo", [join(dir, "other.flink-conf.yaml")]);
    const run = flinklint(["--format", "json", "."], dir);
    expect(run.ms).toBeLessThan(BOUND_MS);
    // Skipped like any non-file, or refused with one line: either way no hang.
    if (run.code === 2) expectOneLineFailure(run, "other.flink-conf.yaml");
    else expect((JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(["flink-conf.yaml"]);
  });

  it("an unreadable file under a linted directory", () => {
    const dir = scratch();
    mkdirSync(join(dir, "conf"), { mode: 0o755 });
    writeFileSync(join(dir, "conf", "flink-conf.yaml"), CLEAN, { mode: 0o000 });
    expectOneLineFailure(flinklint(["conf"], dir, AS_NOBODY), "permission denied");
  });

  it("an unreadable folder under a linted directory", () => {
    const dir = scratch();
    mkdirSync(join(dir, "conf", "secret"), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, "conf", "flink-conf.yaml"), CLEAN);
    writeFileSync(join(dir, "conf", "secret", "flink-conf.yaml"), CLEAN);
    chmodSync(join(dir, "conf", "secret"), 0o000);
    expectOneLineFailure(flinklint(["conf"], dir, AS_NOBODY), "permission denied");
  });

  it("a link to itself named as a file", () => {
    const dir = scratch();
    symlinkSync("flink-conf.yaml", join(dir, "flink-conf.yaml"));
    expectOneLineFailure(flinklint(["flink-conf.yaml"], dir), "flink-conf.yaml");
  });

  it("two links that point at each other under a linted directory", () => {
    const dir = scratch();
    writeFileSync(join(dir, "flink-conf.yaml"), CLEAN);
    symlinkSync("b.flink-conf.yaml", join(dir, "a.flink-conf.yaml"));
    symlinkSync("a.flink-conf.yaml", join(dir, "b.flink-conf.yaml"));
    const run = flinklint(["--format", "json", "."], dir);
    expect(run.ms).toBeLessThan(BOUND_MS);
    // Dangling or looping links are no config files: skipped, or refused with one line.
    if (run.code === 2) expectOneLineFailure(run, "flink-conf.yaml");
    else expect(run.code).toBe(0);
  });

  // Following every link, three links to "." would make 3^40 paths before the OS's depth limit
  // stops the walk: the walk must stop at the first link back to an ancestor.
  it("several links back to their own folder under a linted directory", () => {
    const dir = scratch();
    mkdirSync(join(dir, "conf"));
    writeFileSync(join(dir, "conf", "flink-conf.yaml"), CLEAN);
    for (const name of ["a", "b", "c"]) symlinkSync(".", join(dir, "conf", name));
    expectOneLineFailure(flinklint(["."], dir), "symbolic link loop");
  });

  // A directory where a file is named expands to the config files below it; with none there, the
  // argument matches nothing, which is an error (exit 2), never a silent pass.
  it("a directory named like a config file, holding none", () => {
    const dir = scratch();
    mkdirSync(join(dir, "flink-conf.yaml"));
    expectOneLineFailure(flinklint(["flink-conf.yaml"], dir), "flink-conf.yaml");
  });
});
