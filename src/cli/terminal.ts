/**
 * The `node:process` and `node:tty` that the pretty formatter's dependencies (chalk, log-symbols'
 * yoctocolors, supports-hyperlinks) see in the CLI's bundle: scripts/bundle.mjs points their
 * imports here. Left to themselves they would each decide about colours their own way (chalk
 * ignores NO_COLOR and, through the command line, `--no-color` reaches it alone; yoctocolors
 * colours the severity symbols of piped output whenever TERM is set), and they would load Node's
 * tty, net and stream modules (~3 ms of a one-file run) only to ask whether stdout and stderr are
 * terminals. Here every one of them follows `wantsColour`, and a descriptor that cannot be a
 * terminal (a pipe, a file, /dev/null) is told so from `fstat`, without the tty module.
 */
import { fstatSync, statSync } from "node:fs";
import { wantsColour } from "./colour.js";

type Tty = typeof import("node:tty");

const realProcess = globalThis.process;
let realTty: Tty | undefined;
const tty = (): Tty => (realTty ??= realProcess.getBuiltinModule("node:tty"));

let nullDevice: number | undefined;

/** `tty.isatty`, without loading the tty module for a descriptor that is not a character device or is /dev/null. */
export function isatty(fd: number): boolean {
  if (realProcess.platform !== "win32") {
    let rdev: number;
    try {
      const stats = fstatSync(fd);
      // Every terminal is a character device; a pipe, a file or a socket is not.
      if (!stats.isCharacterDevice()) return false;
      rdev = stats.rdev;
    } catch {
      return false; // not an open descriptor, which tty.isatty also calls false
    }
    try {
      nullDevice ??= statSync("/dev/null").rdev;
    } catch {
      nullDevice = -1;
    }
    if (rdev === nullDevice) return false;
  }
  return tty().isatty(fd);
}

let colour: boolean | undefined;

/** The CLI's decision (`--color`/`--no-color` as its argument parser reads them: `--no-color` wins). */
function colourWanted(): boolean {
  if (colour === undefined) {
    const end = realProcess.argv.indexOf("--");
    const options = end === -1 ? realProcess.argv : realProcess.argv.slice(0, end);
    const flag = options.includes("--no-color") ? false : options.includes("--color") ? true : undefined;
    colour = wantsColour(flag, realProcess.env, () => isatty(1));
  }
  return colour;
}

/** A standard stream as the dependencies use it: whether it is a terminal, and nothing else. */
function standardStream(fd: number): { readonly fd: number; readonly isTTY: boolean } {
  let isTTY: boolean | undefined;
  return {
    fd,
    get isTTY() {
      return (isTTY ??= isatty(fd));
    },
  };
}

let quietEnv: NodeJS.ProcessEnv | undefined;

/**
 * The real `process`, except for `stdout` and `stderr`, and for `env` when colours are off: then
 * FORCE_COLOR is "0", which turns off chalk's colours and supports-hyperlinks' links alike.
 */
export const processForFormatter: NodeJS.Process = Object.create(realProcess, {
  stdout: { value: standardStream(1) },
  stderr: { value: standardStream(2) },
  env: {
    get: () => (colourWanted() ? realProcess.env : (quietEnv ??= Object.create(realProcess.env, { FORCE_COLOR: { value: "0", enumerable: true } }))),
  },
}) as NodeJS.Process;

/**
 * `node:tty` for the dependencies: `isatty` above, and a `WriteStream` whose only use there,
 * yoctocolors' `WriteStream.prototype.hasColors()`, follows the CLI's decision (the real one reads
 * only the environment). In a terminal the real method still judges how many colours it has.
 */
export const ttyForFormatter = {
  isatty,
  WriteStream: {
    prototype: {
      hasColors(count = 16): boolean {
        if (!colourWanted()) return false;
        if (!isatty(1)) return count <= 16;
        // NO_COLOR is decided already; Node's method would also take an empty one as set.
        return tty().WriteStream.prototype.hasColors(count, { ...realProcess.env, NO_COLOR: undefined });
      },
    },
  },
};
