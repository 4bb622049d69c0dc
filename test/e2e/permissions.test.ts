/**
 * Files and folders the user may not read: one line on stderr and exit 2. Root reads anything, so
 * under root the built binary runs as "nobody" (unprivileged.ts), which a test in process cannot.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../scratch.js";
import { runBin, type BinRun } from "./bin-support.js";
import { binForUnprivileged, UNPRIVILEGED } from "./unprivileged.js";

const CLEAN = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";

/** Enterable by UNPRIVILEGED too. */
const scratch = () => scratchDir("fs", { forAnyUser: true });

/** A copy of the build run as UNPRIVILEGED: another user may be unable to reach the clone. */
const asUnprivileged = (args: string[], cwd: string) => runBin(args, { cwd, bin: binForUnprivileged(), ...UNPRIVILEGED });

/** Exit 2, exactly one line on stderr that names the path. */
function expectOneLineFailure(run: BinRun, mentions: string): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^flinklint: [^\n]+\n$/);
  expect(run.stderr).toContain(mentions);
  expect(run.stdout).toBe("");
}

describe("what the user may not read", () => {
  it("exits 2 for an unreadable file", () => {
    const dir = scratch();
    writeFileSync(join(dir, "flink-conf.yaml"), CLEAN, { mode: 0o000 });
    const run = asUnprivileged(["flink-conf.yaml"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flinklint: flink-conf.yaml: permission denied\n");
  });

  it("an unreadable file under a linted directory", () => {
    const dir = scratch();
    mkdirSync(join(dir, "conf"), { mode: 0o755 });
    writeFileSync(join(dir, "conf", "flink-conf.yaml"), CLEAN, { mode: 0o000 });
    expectOneLineFailure(asUnprivileged(["conf"], dir), "permission denied");
  });

  it("an unreadable folder under a linted directory", () => {
    const dir = scratch();
    mkdirSync(join(dir, "conf", "secret"), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, "conf", "flink-conf.yaml"), CLEAN);
    writeFileSync(join(dir, "conf", "secret", "flink-conf.yaml"), CLEAN);
    chmodSync(join(dir, "conf", "secret"), 0o000);
    expectOneLineFailure(asUnprivileged(["conf"], dir), "permission denied");
  });
});
