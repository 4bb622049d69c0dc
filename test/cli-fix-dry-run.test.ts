/**
 * --fix-dry-run: a diff for people beside the text report; in a machine format stdout stays one
 * parseable document carrying the fixed text (ESLint's `output`); either way the findings are those
 * of the file as it is on disk, which is not written.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { scratchDir } from "./scratch.js";

// Line 2 is an overridden duplicate (a safe fix deletes it); line 4's `1600Mi` is rewritten as `1600m`.
const TEXT = "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.process.size: 1728m\nparallelism.default: 2\njobmanager.memory.process.size: 1600Mi\n";

async function dryRun(format: string[]): Promise<{ code: number; stdout: string; dir: string }> {
  const dir = scratchDir("fix-dry-run");
  writeFileSync(join(dir, "flink-conf.yaml"), TEXT);
  let stdout = "";
  const code = await run(["--fix-dry-run", ...format, "flink-conf.yaml"], {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    cwd: dir,
    env: {},
    readStdin: async () => new Uint8Array(),
  });
  expect(readFileSync(join(dir, "flink-conf.yaml"), "utf8")).toBe(TEXT);
  return { code, stdout, dir };
}

describe("--fix-dry-run", () => {
  it("--format json: one JSON document with the fixed text as `output`, findings on the lines on disk", async () => {
    const { stdout } = await dryRun(["--format", "json"]);
    const [result] = JSON.parse(stdout) as Array<{ output?: string; messages: Array<{ ruleId: string; line: number }> }>;
    expect(result?.output).toBe("taskmanager.memory.process.size: 1728m\nparallelism.default: 2\njobmanager.memory.process.size: 1600m\n");
    // The duplicate is reported where it is on disk (line 1 or 2), and the Mi size on line 4, not line 3 of the fixed text.
    const lines = Object.fromEntries(result?.messages.map((m) => [m.ruleId, m.line]) ?? []);
    expect(lines["memory-size-invalid"]).toBe(4);
    expect([1, 2]).toContain(lines["duplicate-key"]);
  });

  it.each(["sarif", "checkstyle", "gitlab"])("--format %s: no diff before the document", async (format) => {
    const { stdout } = await dryRun(["--format", format]);
    expect(stdout).not.toMatch(/^--- a\//m);
    if (format !== "checkstyle") expect(() => JSON.parse(stdout)).not.toThrow();
  });

  it("pretty and compact: the unified diff, then the report of the file on disk", async () => {
    const { stdout } = await dryRun(["--format", "compact"]);
    expect(stdout).toMatch(/^--- a\/flink-conf\.yaml$/m);
    expect(stdout).toMatch(/^-jobmanager\.memory\.process\.size: 1600Mi$/m);
    expect(stdout).toMatch(/flink-conf\.yaml:4:\d+: .*\[memory-size-invalid\]/);
  });
});
