/**
 * The built binary (`npm run build`), started as a user starts it. Only test/e2e/ uses it:
 * `npm test` builds before it runs these (vitest.e2e.config.ts).
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(new URL(".", import.meta.url).pathname, "..", "..");
export const BIN = join(ROOT, "dist/src/cli/bin.cjs");
export const LSP_BIN = join(ROOT, "dist/src/lsp/bin.js");

export interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <bin> …args` in `cwd` with no colours asked for. `bin` is the clone's own unless
 * given (a copy of the build, see unprivileged.ts).
 */
export function runBin(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string; bin?: string } & Pick<SpawnSyncOptions, "uid" | "gid"> = {},
): BinRun {
  const { cwd = ROOT, env = {}, input, bin = BIN, ...user } = options;
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    ...(input !== undefined && { input }),
    ...user,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", GITHUB_ACTIONS: "", ...env },
    timeout: 60_000,
    maxBuffer: 2 ** 30,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
