#!/usr/bin/env node
// CommonJS, as is load.cts: see there why.
// Checked before anything else loads: pre-commit may run us with whatever Node the system has.
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`flinklint: Node.js 20.19 or newer is required (this is ${process.versions.node})\n`);
  process.exit(2);
}
// Loaded only after the check above, so an old Node gets the message rather than a syntax error.
const { loadCli } = require("./load.cjs") as typeof import("./load.cjs");
const { fstatSync, statSync, writeSync } = require("node:fs") as typeof import("node:fs");

const CHUNK = 1 << 20;
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Writes straight to the file descriptor: creating `process.stdout` (a stream, and Node's stream
 * modules with it) costs a one-file run ~2 ms. A descriptor that would block (a full non-blocking
 * pipe) hands the rest, and everything after it, to the stream, which keeps the order and waits.
 * A reader that went away (`flinklint … | head`) gets nothing more, as with any Unix tool.
 */
function writer(fd: 1 | 2, stream: () => NodeJS.WriteStream): (text: string) => void {
  let useStream = false;
  let closed = false;
  let buffer: Buffer | undefined;
  return (text) => {
    if (closed) return;
    if (useStream) {
      stream().write(text);
      return;
    }
    // Encoded a megabyte at a time into one reused buffer: a 150 MB report need not exist twice,
    // as text and as bytes, nor leave megabytes of buffers for the garbage collector.
    for (let start = 0; start < text.length && !closed; ) {
      let end = Math.min(start + CHUNK, text.length);
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
      const piece = text.slice(start, end);
      // UTF-8 takes at most three bytes per UTF-16 code unit.
      let bytes = text.length <= CHUNK ? Buffer.from(piece) : (buffer ??= Buffer.allocUnsafe(3 * CHUNK)).subarray(0, buffer.write(piece));
      start = end;
      try {
        while (bytes.length > 0) bytes = bytes.subarray(writeSync(fd, bytes));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EPIPE") closed = true;
        else if (code === "EAGAIN") {
          useStream = true;
          stream().write(Buffer.from(bytes));
          stream().write(text.slice(start));
          return;
        } else throw error;
      }
    }
  };
}

async function main(): Promise<number> {
  const { run } = await loadCli();
  return run(process.argv.slice(2), {
    stdout: writer(1, () => process.stdout),
    stderr: writer(2, () => process.stderr),
    cwd: process.cwd(),
    env: process.env,
    // Asked for colours; `process.stdout` would make the stream (see writer). A pipe or a file is no
    // terminal, which fstat tells without loading the tty module.
    get isTTY() {
      let out: import("node:fs").Stats;
      try {
        out = fstatSync(1);
      } catch {
        return false;
      }
      if (!out.isCharacterDevice()) return false;
      // `>/dev/null` (benchmarks, hooks that discard output) is a character device too but never a
      // terminal: being that device answers without loading the tty module (~5 ms).
      try {
        if (out.rdev === statSync("/dev/null").rdev) return false;
      } catch {
        // No /dev/null (Windows): the tty module decides.
      }
      return (require("node:tty") as typeof import("node:tty")).isatty(1);
    },
    // Asked only for a pretty report on a terminal, where the stream is worth its cost.
    get columns() {
      return process.stdout.columns;
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  // `run` reports its own errors; this is a broken installation (a bundle that does not load).
  (error: unknown) => {
    process.stderr.write(`flinklint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);

export {};
