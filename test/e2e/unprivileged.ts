/**
 * The built CLI run as an unprivileged user, for tests of permission errors: root reads anything,
 * so under root such a test runs flinklint as "nobody" (uid 65534) and the check is real.
 *
 * nobody may be unable to reach the clone itself (a clone under a 0700 `mktemp -d` folder), so
 * nobody runs a copy of everything the built CLI loads at run time (dist/, and package.json for
 * the version) in a world-readable scratch folder, made once per test file. The bundle needs no
 * node_modules (scripts/bundle.mjs).
 */
import { chmodSync, cpSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { scratchDir } from "../scratch.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const BIN = "dist/src/cli/bin.cjs";

/** The user to run a permission test as: nobody under root, else the current user (empty). */
export const UNPRIVILEGED: { uid?: number; gid?: number } = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

let copiedBin: string | undefined;

/** A `bin.cjs` that UNPRIVILEGED can run: the clone's own unless running as root. */
export function binForUnprivileged(): string {
  if (UNPRIVILEGED.uid === undefined) return join(ROOT, BIN);
  if (copiedBin === undefined) {
    const copy = scratchDir("cli-copy", { forAnyUser: true });
    cpSync(join(ROOT, "dist"), join(copy, "dist"), { recursive: true });
    cpSync(join(ROOT, "package.json"), join(copy, "package.json"));
    // A clone made under umask 077 has private files: the copy's must be readable by all.
    makeReadableByAll(copy);
    copiedBin = join(copy, BIN);
  }
  return copiedBin;
}

function makeReadableByAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeReadableByAll(path);
    // Run as `node bin.cjs`, so no file needs the x bit.
    else chmodSync(path, 0o644);
  }
}
