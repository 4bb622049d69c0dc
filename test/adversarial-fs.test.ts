/**
 * Paths that are no regular file, through the real CLI binary: a directory where a file is named,
 * a FIFO, a device, an unreadable file or folder, and symbolic link loops under a linted directory.
 * Each gets one line on stderr and exit 2, never a hang (a run is killed after HANG_MS).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "./scratch.js";
import { binForUnprivileged, UNPRIVILEGED } from "./unprivileged.js";

const BIN = new URL("../dist/src/cli/bin.cjs", import.meta.url).pathname;
/** A run still going after this long waits on something it should not (each takes well under 1 s). */
const HANG_MS = 60_000;
const CLEAN = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";

/** Enterable by UNPRIVILEGED too, for the permission cases. */
const scratch = () => scratchDir("fs", { forAnyUser: true });

/** `asUnprivileged`: run a copy of the build as UNPRIVILEGED (see unprivileged.ts). */
function flinklint(args: string[], cwd: string, { asUnprivileged = false } = {}) {
  const result = spawnSync(process.execPath, [asUnprivileged ? binForUnprivileged() : BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    timeout: HANG_MS,
    ...(asUnprivileged && UNPRIVILEGED),
  });
  const hung = (result.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, hung };
}

function expectNoHang(run: ReturnType<typeof flinklint>): void {
  expect(run.hung, `killed after ${HANG_MS} ms`).toBe(false);
}

/** Exit 2, exactly one line on stderr that names the path, no hang. */
function expectOneLineFailure(run: ReturnType<typeof flinklint>, mentions: string): void {
  expectNoHang(run);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^flinklint: [^\n]+\n$/);
  expect(run.stderr).toContain(mentions);
  expect(run.stdout).toBe("");
}

// Longer than HANG_MS, so that a hang is reported as one.
describe("paths that are no regular file", { timeout: 2 * HANG_MS }, () => {
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
    expectNoHang(run);
    // Skipped like any non-file, or refused with one line: either way no hang.
    if (run.code === 2) expectOneLineFailure(run, "other.flink-conf.yaml");
    else expect((JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(["flink-conf.yaml"]);
  });

  it("an unreadable file under a linted directory", () => {
    const dir = scratch();
    mkdirSync(join(dir, "conf"), { mode: 0o755 });
    writeFileSync(join(dir, "conf", "flink-conf.yaml"), CLEAN, { mode: 0o000 });
    expectOneLineFailure(flinklint(["conf"], dir, { asUnprivileged: true }), "permission denied");
  });

  it("an unreadable folder under a linted directory", () => {
    const dir = scratch();
    mkdirSync(join(dir, "conf", "secret"), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, "conf", "flink-conf.yaml"), CLEAN);
    writeFileSync(join(dir, "conf", "secret", "flink-conf.yaml"), CLEAN);
    chmodSync(join(dir, "conf", "secret"), 0o000);
    expectOneLineFailure(flinklint(["conf"], dir, { asUnprivileged: true }), "permission denied");
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
    expectNoHang(run);
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
