/**
 * The real pre-commit tool runs this repository's hook (`pre-commit try-repo`) against a scratch
 * git repository: it must fail on a bad Flink config and pass on a good one.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scratchDir } from "../scratch.js";

const HOOK_REPO = new URL("../..", import.meta.url).pathname;

function git(cwd: string, ...args: string[]): void {
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd, stdio: "pipe" });
}

function tryRepo(cwd: string, files: string[]) {
  const run = spawnSync("pre-commit", ["try-repo", HOOK_REPO, "flinklint", "--verbose", "--files", ...files], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, PRE_COMMIT_HOME: join(cwd, ".pre-commit-home"), NO_COLOR: "1" },
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("pre-commit hook", () => {
  let repo: string;

  beforeAll(() => {
    expect(spawnSync("pre-commit", ["--version"]).status, "pre-commit must be installed (.ci/run installs it)").toBe(0);
    repo = scratchDir("pre-commit");
    mkdirSync(join(repo, "good/conf"), { recursive: true });
    mkdirSync(join(repo, "bad/conf"), { recursive: true });
    writeFileSync(join(repo, "good/conf/flink-conf.yaml"), "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n");
    writeFileSync(join(repo, "bad/conf/flink-conf.yaml"), "taskmanager.memory.process.size:1728m\njobmanager.memory.process.size: 1600m\n");
    writeFileSync(join(repo, "README.md"), "not a Flink config\n");
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "configs");
  });

  it("fails on a bad config, naming the line", () => {
    const run = tryRepo(repo, ["bad/conf/flink-conf.yaml", "README.md"]);
    expect(run.output).toContain("bad/conf/flink-conf.yaml");
    expect(run.output).toContain("legacy-missing-separator");
    expect(run.code).toBe(1);
  });

  it("passes on a good config", () => {
    const run = tryRepo(repo, ["good/conf/flink-conf.yaml", "README.md"]);
    expect(run.output).toMatch(/flinklint\.+Passed/);
    expect(run.code).toBe(0);
  });
});
