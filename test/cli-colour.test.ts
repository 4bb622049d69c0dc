/**
 * Colours in pretty output and in `explain` follow one decision (src/cli/colour.ts): `--color` or
 * `--no-color`, then NO_COLOR, then FORCE_COLOR, else whether stdout is a terminal, for every part
 * of the output (text, severity marks). Output into a pipe or a file also loads no tty, net or
 * stream module (bin.cts asks fstat first). A terminal is util-linux's `script`, which runs the
 * command on a pseudo-terminal. `npm test` builds dist/ first.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const BIN = new URL("../dist/src/cli/bin.cjs", import.meta.url).pathname;
const ROOT = new URL("..", import.meta.url).pathname;
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

describe("colours", () => {
  it("in a terminal: on, and off with NO_COLOR, --no-color or FORCE_COLOR=0", () => {
    const coloured = inTerminal([SAMPLE]);
    expect(coloured).toContain(ESCAPE);
    expect(coloured).toMatch(YELLOW_MARK);
    // no-color.org: an empty NO_COLOR is as if unset.
    expect(inTerminal([SAMPLE], { NO_COLOR: "" })).toMatch(YELLOW_MARK);
    for (const [args, env] of [[[SAMPLE], { NO_COLOR: "1" }], [["--no-color", SAMPLE], {}], [[SAMPLE], { FORCE_COLOR: "0" }]] as const) {
      expect(inTerminal([...args], env), `${args.join(" ")} ${JSON.stringify(env)}`).not.toContain(ESCAPE);
    }
  });

  it("into a pipe: off, whatever TERM says, unless --color or FORCE_COLOR asks for them", () => {
    expect(inPipe([SAMPLE])).not.toContain(ESCAPE);
    expect(inPipe([SAMPLE], { TERM: "xterm-256color", COLORTERM: "truecolor" })).not.toContain(ESCAPE);
    expect(inPipe(["--color", SAMPLE])).toMatch(YELLOW_MARK);
    expect(inPipe([SAMPLE], { FORCE_COLOR: "1" })).toMatch(YELLOW_MARK);
    expect(inPipe(["--color", SAMPLE], { NO_COLOR: "1" })).toMatch(YELLOW_MARK);
  });

  it("explain decides the same way", () => {
    const explain = ["explain", SAMPLE];
    const run = (how: (args: string[], env?: Record<string, string>) => string, env: Record<string, string> = {}) => how(explain, env);
    const pipe = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...ENV, ...env }, encoding: "utf8" }).stdout;
    expect(run(inTerminal)).toContain(ESCAPE);
    expect(run(inTerminal, { NO_COLOR: "1" })).not.toContain(ESCAPE);
    expect(run(inTerminal, { NO_COLOR: "" })).toContain(ESCAPE);
    expect(run(pipe)).not.toContain(ESCAPE);
    expect(run(pipe, { FORCE_COLOR: "1" })).toContain(ESCAPE);
  });
});

describe("start-up", () => {
  const dir = mkdtempSync(join(tmpdir(), "flinklint-colour-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const preload = join(dir, "modules.cjs");
  const list = join(dir, "modules.txt");
  writeFileSync(preload, `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));\n`);
  const loaded = () => readFileSync(list, "utf8").split("\n");

  it("pretty output into a pipe loads no tty, net or stream module; in a terminal it does", () => {
    inPipe([SAMPLE], { NODE_OPTIONS: `--require ${preload}` });
    expect(loaded().filter((m) => /^NativeModule (tty|net|stream)$/.test(m))).toEqual([]);
    inTerminal([SAMPLE], { NODE_OPTIONS: `--require ${preload}` });
    expect(loaded()).toContain("NativeModule tty");
  });
});
