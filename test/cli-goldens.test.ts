/**
 * What a user sees: the bundled examples linted through the CLI in every format, at 80 and 120
 * columns, against golden files (real rule messages, so a change to one shows up in review).
 * Only `pretty` depends on the width; every other format is checked to be the same at both.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { FORMATS } from "../src/cli/args.js";

const ROOT = join(new URL(".", import.meta.url).pathname, "..");
const GOLDEN = (name: string) => join(ROOT, "fixtures", "formatters", "cli", name);
const EXAMPLES = ["examples/flink-conf.yaml", "examples/kubernetes-tm/config.yaml", "examples/kubernetes/flink-deployment.yaml"];
const EXTENSION: Record<string, string> = { json: "json", sarif: "sarif", gitlab: "json", checkstyle: "xml" };

async function report(format: string, columns: number): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const code = await run(["--format", format, "--no-color", ...EXAMPLES], {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    cwd: ROOT,
    env: { COLUMNS: String(columns) },
    readStdin: async () => new Uint8Array(),
  });
  // Absolute paths (json, sarif) differ per checkout.
  return { code, stdout: stdout.split(ROOT).join("<root>") };
}

describe("the examples through the CLI", () => {
  it.each(FORMATS.filter((f) => f !== "pretty"))("%s: the same at 80 and 120 columns, and as the golden", async (format) => {
    const narrow = await report(format, 80);
    const wide = await report(format, 120);
    expect(narrow.code).toBe(1);
    expect(wide.stdout).toBe(narrow.stdout);
    await expect(narrow.stdout).toMatchFileSnapshot(GOLDEN(`examples.${format}.${EXTENSION[format] ?? "txt"}`));
  });

  it.each([80, 120])("pretty at %i columns: as the golden, no line wider than the terminal", async (columns) => {
    const { code, stdout } = await report("pretty", columns);
    expect(code).toBe(1);
    for (const line of stdout.split("\n")) {
      if (line.length <= columns) continue;
      // Too wide only when the line holds one word (a long key or path) besides its lead.
      expect(line.trim().split(/\s+/).filter((w) => !/^[✖⚠ℹ]$|^\d+:\d+$|^fix:$/.test(w)).length, line).toBeLessThanOrEqual(2);
    }
    await expect(stdout).toMatchFileSnapshot(GOLDEN(`examples.pretty-${columns}.txt`));
  });
});
