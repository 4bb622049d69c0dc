/**
 * Temporary folders for a test file, removed after its last test: importing this registers the
 * clean-up in the importing file (vitest runs each test file in a module graph of its own).
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) {
    // Tests take permissions away (an unreadable folder); without them, removal fails for non-root.
    restorePermissions(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

function restorePermissions(dir: string): void {
  try {
    chmodSync(dir, 0o755);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) restorePermissions(join(dir, entry.name));
    }
  } catch {
    // Already gone, or not ours: rmSync reports what matters.
  }
}

/** Whether users other than the owner may pass through `dir` and every folder above it. */
function enterableByAll(dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if ((statSync(at).mode & 0o001) === 0) return false;
    if (dirname(at) === at) return true;
  }
}

/**
 * A new empty folder under the system's temporary folder, named `flinklint-<purpose>-…`.
 * `forAnyUser`: the folder is 0755 and every folder above it lets others pass (a TMPDIR inside a
 * private folder gives way to /tmp), so that a process run as another user ("nobody") can enter it.
 */
export function scratchDir(purpose: string, { forAnyUser = false } = {}): string {
  const base = forAnyUser && !enterableByAll(tmpdir()) ? "/tmp" : tmpdir();
  const dir = mkdtempSync(join(base, `flinklint-${purpose}-`));
  made.push(dir);
  if (forAnyUser) chmodSync(dir, 0o755);
  return dir;
}
