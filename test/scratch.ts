/**
 * Temporary folders for a test file, removed after its last test: importing this registers the
 * clean-up in the importing file (vitest runs each test file in a module graph of its own).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system's temporary folder, named `flinklint-<purpose>-…`. */
export function scratchDir(purpose: string): string {
  const dir = mkdtempSync(join(tmpdir(), `flinklint-${purpose}-`));
  made.push(dir);
  return dir;
}
