/**
 * The CLI in process: `run(argv, io)` with an io that collects what it writes, as `bin` would pass
 * the real process's. No build is needed; the built binary has its own tests (test/e2e/).
 */
import { join } from "node:path";
import { run } from "../src/cli/main.js";
import type { CliIo } from "../src/cli/io.js";

/** The repository's root, where the examples are. */
export const ROOT = join(new URL(".", import.meta.url).pathname, "..");

export interface CliOptions {
  /** The folder the command runs in; the repository's root unless given. */
  cwd?: string;
  /** The whole environment the command sees: nothing of the test process's own leaks in. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Standard input; empty unless given, as for a command whose input is closed. */
  stdin?: string | Uint8Array;
  /** Whether standard output is a terminal. */
  isTTY?: boolean;
  columns?: number;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs flinklint with `argv`. Each write is turned into UTF-8 bytes and the whole decoded at the
 * end, as a reader of the real process's output gets it: a surrogate pair split across two writes
 * shows as U+FFFD here too.
 */
export async function runCli(argv: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const input = options.stdin ?? new Uint8Array();
  const io: CliIo = {
    stdout: (text) => {
      stdout.push(Buffer.from(text, "utf8"));
    },
    stderr: (text) => {
      stderr.push(Buffer.from(text, "utf8"));
    },
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    isTTY: options.isTTY,
    columns: options.columns,
    readStdin: async () => (typeof input === "string" ? Buffer.from(input, "utf8") : input),
  };
  const code = await run(argv, io);
  return { code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") };
}
