/**
 * --fix changes only the bytes it means to: fixed findings are gone afterwards, every other byte of
 * the file is identical, files Flink cannot read are never touched, and writes are atomic.
 */
import { readFileSync, statSync, writeFileSync, chmodSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyFixEdits, fixText } from "../src/engine/fix.js";
import { lint } from "../src/engine/lint.js";
import type { Diagnostic, LintOptions } from "../src/types.js";
import { runCli } from "./cli-support.js";
import { fixtureOptions, listRuleFixtures } from "./fixture-support.js";
import { scratchDir } from "./scratch.js";

/** Every byte outside the edited ranges is kept, in order. */
function expectOnlyEditedBytesChanged(before: string, after: string, fixed: readonly Diagnostic[]): void {
  const edits = fixed.flatMap((d) => d.fix?.edits ?? []).sort((a, b) => a.range.start.offset - b.range.start.offset);
  let expected = "";
  let cursor = 0;
  for (const edit of edits) {
    expected += before.slice(cursor, edit.range.start.offset) + edit.text;
    cursor = edit.range.end.offset;
  }
  expect(after).toBe(expected + before.slice(cursor));
}

const errorKey = (d: Diagnostic) => `${d.ruleId}:${d.key ?? ""}`;

/**
 * A fix left in the fixed text is one --fix must not apply: alone, it would add an error the
 * original did not have (a size Flink could not read may reveal one) or not reduce the findings.
 */
function expectLeftFixesWithheldForCause(original: string, output: string, options: LintOptions): void {
  const errorsBefore = new Set(lint(original, options).diagnostics.filter((d) => d.severity === "error").map(errorKey));
  const after = lint(output, options);
  for (const d of after.diagnostics.filter((x) => x.fix)) {
    const next = lint(applyFixEdits(output, [d]).output, options);
    const worse =
      next.diagnostics.length >= after.diagnostics.length || next.diagnostics.some((x) => x.severity === "error" && !errorsBefore.has(errorKey(x)));
    expect(worse, `${d.ruleId} ${d.key ?? ""} was withheld without cause`).toBe(true);
  }
}

describe("fix round trip on every rule fixture", () => {
  const fixtures = listRuleFixtures();
  const withFixes = fixtures.filter((path) => {
    const text = readFileSync(path, "utf8");
    return lint(text, fixtureOptions(path, text)).diagnostics.some((d) => d.fix);
  });

  it("has fixtures with safe fixes that --fix applies", () => {
    expect(withFixes.filter((path) => {
      const text = readFileSync(path, "utf8");
      return fixText(text, fixtureOptions(path, text)).output !== text;
    }).length).toBeGreaterThan(3);
  });

  it.each(withFixes)("%s", (path) => {
    const text = readFileSync(path, "utf8");
    const options = fixtureOptions(path, text);
    const before = lint(text, options);
    // One pass: exactly the edits of the applied fixes, nothing else.
    const pass = applyFixEdits(text, before.diagnostics);
    expect(pass.applied.length).toBeGreaterThan(0);
    expectOnlyEditedBytesChanged(text, pass.output, pass.applied);
    // All passes: every fixture is a Flink file, the result still loads, and the findings fixed
    // in the first pass are gone. A fix is withheld only when it would add an error (a size Flink
    // could not read, once readable, may reveal one) or not reduce the findings.
    const { output, result, passes, notFixed } = fixText(text, options);
    expect(notFixed).toBeUndefined();
    expect(result.document.loadFailure).toBeUndefined();
    const first = passes[0] ?? [];
    const fixedAt = new Set(first.map((d) => `${d.ruleId}:${d.key ?? ""}:${text.slice(d.start.offset, d.end.offset)}`));
    for (const d of result.diagnostics) {
      expect(fixedAt.has(`${d.ruleId}:${d.key ?? ""}:${output.slice(d.start.offset, d.end.offset)}`)).toBe(false);
    }
    expectLeftFixesWithheldForCause(text, output, options);
    // Fixing is idempotent.
    expect(fixText(output, options).output).toBe(output);
  });
});

describe("fix property: random configs with fixable defects", () => {
  const runs = Number(process.env.FLINKLINT_PROPERTY_RUNS ?? 150);
  const defect = fc.constantFrom(
    (k: string, v: string) => `  ${k}: ${v}`, // indented
    (k: string) => `${k}: 2Gi`, // IEC size
    (k: string) => `${k}: 1.5g`, // decimal size
  );
  const memoryKey = fc.constantFrom(
    "taskmanager.memory.managed.size",
    "taskmanager.memory.task.off-heap.size",
    "taskmanager.memory.framework.off-heap.size",
  );
  const eol = fc.constantFrom("\n", "\r\n");

  it("re-lints without fixable findings and keeps untouched lines byte for byte", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(memoryKey, defect), { maxLength: 6 }), eol, fc.boolean(), (defects, newline, bom) => {
        const plain = ["taskmanager.memory.process.size: 4g", "jobmanager.memory.process.size: 1600m", "# keep this comment"];
        const lines = [...plain, ...defects.map(([key, make]) => make(key, "64m")), "parallelism.default: 2"];
        const text = (bom ? "\uFEFF" : "") + lines.join(newline) + newline;
        const { output } = fixText(text, { dialect: "legacy" });
        expectLeftFixesWithheldForCause(text, output, { dialect: "legacy" });
        const outLines = output.split(newline);
        for (const line of [...plain.slice(1), "parallelism.default: 2"]) expect(outLines).toContain(line);
        expect(output.startsWith(bom ? "\uFEFFtaskmanager" : "taskmanager")).toBe(true);
        expect(output.endsWith(newline)).toBe(true);
      }),
      { numRuns: runs, seed: 20261127 },
    );
  });
});

describe("flinklint --fix on files", () => {
  function scratch(files: Record<string, string | Buffer>): string {
    const dir = scratchDir("fix");
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return dir;
  }
  const run = (cwd: string, ...args: string[]) => runCli(["--format", "compact", ...args], { cwd });

  it("rewrites in place, keeping the file mode, CRLF and the rest of the bytes", async () => {
    const text = "taskmanager.memory.process.size: 1728m\r\njobmanager.memory.process.size: 1600m\r\n  rest.port: 8081 # rest\r\ntaskmanager.memory.managed.size: 512Mi\r\n";
    const dir = scratch({ "flink-conf.yaml": text });
    chmodSync(join(dir, "flink-conf.yaml"), 0o640);
    const fixed = await run(dir, "--fix", "flink-conf.yaml");
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toBe("");
    expect(readFileSync(join(dir, "flink-conf.yaml"), "utf8")).toBe(
      "taskmanager.memory.process.size: 1728m\r\njobmanager.memory.process.size: 1600m\r\nrest.port: 8081 # rest\r\ntaskmanager.memory.managed.size: 512m\r\n",
    );
    expect(statSync(join(dir, "flink-conf.yaml")).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["flink-conf.yaml"]);
  });

  it("--fix-dry-run prints a unified diff and writes nothing", async () => {
    const text = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600Mi\n";
    const dir = scratch({ "flink-conf.yaml": text });
    const dry = await run(dir, "--fix-dry-run", "flink-conf.yaml");
    expect(dry.stdout.startsWith(
      [
        "--- a/flink-conf.yaml",
        "+++ b/flink-conf.yaml",
        "@@ -1,2 +1,2 @@",
        " taskmanager.memory.process.size: 1728m",
        "-jobmanager.memory.process.size: 1600Mi",
        "+jobmanager.memory.process.size: 1600m",
        "",
      ].join("\n"),
    )).toBe(true);
    // Then the report of the file as it is on disk (nothing was written): the Mi size is still an error there.
    expect(dry.stdout).toMatch(/flink-conf\.yaml:2:\d+: error .*\[memory-size-invalid\]/);
    expect(dry.code).toBe(1);
    expect(readFileSync(join(dir, "flink-conf.yaml"), "utf8")).toBe(text);
  });

  it("never touches a file that Flink cannot read", async () => {
    const broken = "taskmanager.memory.process.size: 1Gi\njobmanager: [unclosed\n";
    const latin1 = Buffer.from("taskmanager.memory.process.size: 1Gi\ns3.secret-key: caf\xe9\n", "latin1");
    const dir = scratch({ "config.yaml": broken, "flink-conf.yaml": latin1 });
    const result = await run(dir, "--fix", "config.yaml", "flink-conf.yaml");
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe(broken);
    expect(readFileSync(join(dir, "flink-conf.yaml")).equals(latin1)).toBe(true);
  });
});
