/**
 * What only the binary finds out: whether standard output is a terminal (a real one: util-linux's
 * `script` runs the command on a pseudo-terminal), and that output into a pipe or a file loads no
 * tty, net or stream module, nor does output into /dev/null (bin.cts asks fstat first). How colours are then decided is tested in
 * process (test/cli-colour.test.ts).
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "./bin-support.js";

const SAMPLE = "examples/flink-conf.yaml";
const ESCAPE = "\u001b[";
/** The warning mark in yellow. */
const YELLOW_MARK = /\u001b\[33m[⚠‼]/;

// A terminal's environment, without the CI variables that make chalk hold colours back.
const ENV = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tmpdir(), SHELL: "/bin/sh", TERM: "xterm-256color" };

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

function inPipe(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...ENV, ...env }, encoding: "utf8" });
  expect(result.status, result.stderr).toBe(1);
  return result.stdout;
}

function inTerminal(args: string[], env: Record<string, string> = {}) {
  const command = [process.execPath, BIN, ...args].map(quote).join(" ");
  const result = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: ROOT, env: { ...ENV, ...env }, encoding: "utf8" });
  expect(result.error).toBeUndefined();
  expect(result.stdout).toContain("flink-conf.yaml");
  return result.stdout;
}

describe("a terminal or a pipe", () => {
  const dir = mkdtempSync(join(tmpdir(), "flinklint-colour-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const preload = join(dir, "modules.cjs");
  const list = join(dir, "modules.txt");
  writeFileSync(preload, `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));\n`);
  const loaded = () => readFileSync(list, "utf8").split("\n");

  it("colours in a terminal, none into a pipe (whatever TERM says), and NO_COLOR holds for both", () => {
    expect(inTerminal([SAMPLE])).toMatch(YELLOW_MARK);
    expect(inTerminal([SAMPLE], { NO_COLOR: "1" })).not.toContain(ESCAPE);
    expect(inPipe([SAMPLE], { COLORTERM: "truecolor" })).not.toContain(ESCAPE);
    expect(inPipe([SAMPLE], { FORCE_COLOR: "1" })).toMatch(YELLOW_MARK);
  });

  it("pretty output into a pipe loads no tty, net or stream module; in a terminal it does", () => {
    inPipe([SAMPLE], { NODE_OPTIONS: `--require ${preload}` });
    expect(loaded().filter((m) => /^NativeModule (tty|net|stream)$/.test(m))).toEqual([]);
    inTerminal([SAMPLE], { NODE_OPTIONS: `--require ${preload}` });
    expect(loaded()).toContain("NativeModule tty");
  });

  // /dev/null is a character device, as a terminal is; bin.cts tells them apart by the device.
  it("output into /dev/null loads no tty, net or stream module either", () => {
    const devNull = openSync("/dev/null", "w");
    try {
      const result = spawnSync(process.execPath, [BIN, SAMPLE], {
        cwd: ROOT, env: { ...ENV, NODE_OPTIONS: `--require ${preload}` }, stdio: ["ignore", devNull, "pipe"], encoding: "utf8",
      });
      expect(result.status, result.stderr).toBe(1);
    } finally {
      closeSync(devNull);
    }
    expect(loaded().filter((m) => /^NativeModule (tty|net|stream)$/.test(m))).toEqual([]);
  });
});
