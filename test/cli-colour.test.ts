/**
 * Colours in pretty output and in `explain` follow one decision (src/cli/colour.ts): `--color` or
 * `--no-color`, then NO_COLOR, then FORCE_COLOR, else whether stdout is a terminal, for every part
 * of the output (text, severity marks). In process, the terminal is `isTTY` of the CLI's io; how
 * the binary finds out, on a real terminal, is in test/e2e/.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-support.js";

const SAMPLE = "examples/flink-conf.yaml";
const ESCAPE = "\u001b[";
/** The warning mark in yellow. */
const YELLOW_MARK = /\u001b\[33m[⚠‼]/;

// A terminal's environment, without the CI variables that make chalk hold colours back.
const ENV = { PATH: process.env.PATH ?? "/usr/bin:/bin", SHELL: "/bin/sh", TERM: "xterm-256color" };

async function inPipe(args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await runCli(args, { env: { ...ENV, ...env }, isTTY: false });
  expect(result.code, result.stderr).toBe(1);
  return result.stdout;
}

async function inTerminal(args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await runCli(args, { env: { ...ENV, ...env }, isTTY: true, columns: 80 });
  expect(result.stdout).toContain("flink-conf.yaml");
  return result.stdout;
}

describe("colours", () => {
  it("in a terminal: on, and off with NO_COLOR, --no-color or FORCE_COLOR=0", async () => {
    const coloured = await inTerminal([SAMPLE]);
    expect(coloured).toContain(ESCAPE);
    expect(coloured).toMatch(YELLOW_MARK);
    // no-color.org: an empty NO_COLOR is as if unset.
    expect(await inTerminal([SAMPLE], { NO_COLOR: "" })).toMatch(YELLOW_MARK);
    for (const [args, env] of [[[SAMPLE], { NO_COLOR: "1" }], [["--no-color", SAMPLE], {}], [[SAMPLE], { FORCE_COLOR: "0" }]] as const) {
      expect(await inTerminal([...args], env), `${args.join(" ")} ${JSON.stringify(env)}`).not.toContain(ESCAPE);
    }
  });

  it("into a pipe: off, whatever TERM says, unless --color or FORCE_COLOR asks for them", async () => {
    expect(await inPipe([SAMPLE])).not.toContain(ESCAPE);
    expect(await inPipe([SAMPLE], { TERM: "xterm-256color", COLORTERM: "truecolor" })).not.toContain(ESCAPE);
    expect(await inPipe(["--color", SAMPLE])).toMatch(YELLOW_MARK);
    expect(await inPipe([SAMPLE], { FORCE_COLOR: "1" })).toMatch(YELLOW_MARK);
    expect(await inPipe(["--color", SAMPLE], { NO_COLOR: "1" })).toMatch(YELLOW_MARK);
  });

  it("explain decides the same way", async () => {
    const explain = ["explain", SAMPLE];
    const run = (how: (args: string[], env?: Record<string, string>) => Promise<string>, env: Record<string, string> = {}) => how(explain, env);
    const pipe = async (args: string[], env: Record<string, string> = {}) => (await runCli(args, { env: { ...ENV, ...env }, isTTY: false })).stdout;
    expect(await run(inTerminal)).toContain(ESCAPE);
    expect(await run(inTerminal, { NO_COLOR: "1" })).not.toContain(ESCAPE);
    expect(await run(inTerminal, { NO_COLOR: "" })).toContain(ESCAPE);
    expect(await run(pipe)).not.toContain(ESCAPE);
    expect(await run(pipe, { FORCE_COLOR: "1" })).toContain(ESCAPE);
  });
});
