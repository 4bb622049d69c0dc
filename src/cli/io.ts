/**
 * What the CLI may touch of the world it runs in. `bin` gives it the real process; tests give it
 * strings to write into and a folder to run in, so `run` needs no child process to be tested.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (colours). */
  isTTY?: boolean;
  /** The terminal's width in columns, when standard output is one. */
  columns?: number;
  /** Reads all of standard input. */
  readStdin(): Promise<Uint8Array>;
}
