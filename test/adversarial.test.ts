/**
 * The adversarial corpus (fixtures/adversarial/cases.ts) through the real CLI binary: alias bombs,
 * 10,000-deep nesting, 20,000 nested brackets, a 50 MB file, 1 MB lines, NUL bytes, invalid UTF-8,
 * UTF-16, CR-only and mixed line endings, empty and comment-only files, 100,000 keys, 400,000
 * unknown keys, a key set 100,000 times. Every file gets a normal result: exit 0 or 1, well-formed
 * output in every format, nothing on stderr (no stack trace), within BOUND_MS on a 2-core machine.
 * These are bounds, not benchmarks (`npm run bench` measures). `npm test` runs this file alone,
 * after the rest of the suite (vitest.bounds.config.ts), so a run's time is flinklint's and not the
 * other test files'. Files are generated into a temporary folder; `npm test` builds dist/ first.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADVERSARIAL_CASES, SEED_LEGACY, SEED_STANDARD, type AdversarialCase } from "../fixtures/adversarial/cases.js";
import { lint } from "../src/engine/lint.js";
import { CHECKSTYLE_LINE } from "./output-checks.js";

const BIN = new URL("../dist/src/cli/bin.cjs", import.meta.url).pathname;
/** Per CLI run, process start-up included. */
const BOUND_MS = 5_000;
const FORMATS = ["pretty", "compact", "json", "sarif", "github", "gitlab", "checkstyle"] as const;
type Format = (typeof FORMATS)[number];

/** Large cases with many findings: every format is run on each, since formatters scale with findings. */
const ALL_FORMATS_LARGE = new Set(["duplicate-keys-100k.flink-conf.yaml"]);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function flinklint(args: string[], cwd: string): Run {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", GITHUB_ACTIONS: "" },
    // A hang is killed at three times the bound, so it fails its bound instead of the test timeout.
    timeout: 3 * BOUND_MS,
    maxBuffer: 2 ** 30,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

/** Exit 0 or 1, nothing on stderr, within the bound. */
function expectNormalRun(run: Run, what: string): void {
  expect(run.stderr, `${what}: stderr`).toBe("");
  expect([0, 1], `${what}: exit code ${run.code}`).toContain(run.code);
  expect(run.ms, `${what}: took ${Math.round(run.ms)} ms`).toBeLessThan(BOUND_MS);
}

// Text from the linted file may appear in messages, but no control character may reach the output.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Checks one format's output for the given number of findings; throws with a reason if malformed. */
function expectWellFormed(format: Format, stdout: string, findings: number): void {
  switch (format) {
    case "json": {
      const results = JSON.parse(stdout) as JsonResult[];
      expect(results.reduce((n, r) => n + r.messages.length, 0)).toBe(findings);
      break;
    }
    case "sarif": {
      const log = JSON.parse(stdout) as { version: string; runs: { results: unknown[] }[] };
      expect(log.version).toBe("2.1.0");
      expect(log.runs[0]?.results).toHaveLength(findings);
      break;
    }
    case "gitlab":
      expect(JSON.parse(stdout) as unknown[]).toHaveLength(findings);
      break;
    case "github": {
      const lines = stdout.split("\n").filter((l) => l !== "");
      expect(lines).toHaveLength(findings);
      const command = /^::(error|warning|notice) file=[^\r\n:,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^\r\n:,]+::[^\r\n]*$/;
      expect(lines.find((l) => !command.test(l))).toBeUndefined();
      break;
    }
    case "compact": {
      const lines = stdout.split("\n").filter((l) => l !== "");
      expect(lines).toHaveLength(findings);
      const finding = /^.+:\d+:\d+: (error|warning|info) .* \[[\w-]+\]$/;
      expect(lines.find((l) => !finding.test(l) || CONTROL.test(l))).toBeUndefined();
      break;
    }
    case "checkstyle": {
      const lines = stdout.split("\n").filter((l) => l !== "");
      expect(lines.filter((l) => l.startsWith("    <error "))).toHaveLength(findings);
      expect(lines.find((l) => !CHECKSTYLE_LINE.test(l))?.slice(0, 300)).toBeUndefined();
      break;
    }
    case "pretty":
      expect(CONTROL.test(stdout)).toBe(false);
      if (findings > 0) expect(stdout).toMatch(/\d+ (error|warning)/);
      break;
  }
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "flinklint-adversarial-"));
  for (const c of ADVERSARIAL_CASES) writeFileSync(join(dir, c.file), c.build());
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("seeds", () => {
  it("the seed configurations are clean", () => {
    expect(lint(SEED_LEGACY, { filename: "flink-conf.yaml" }).diagnostics).toEqual([]);
    expect(lint(SEED_STANDARD, { filename: "config.yaml" }).diagnostics).toEqual([]);
  });
});

describe("every adversarial file gets a normal result from the CLI", () => {
  const findingsByFile = new Map<string, number>();

  /** Sane positions, no crashed rule, and the expected rule; records the count for the other formats. */
  const checkJsonResult = (result: JsonResult | undefined, c: AdversarialCase) => {
    expect(result?.filePath).toBe(c.file);
    const messages = result?.messages ?? [];
    // Plain checks first: one expect per message would dominate the time for 100,000 findings.
    const bad = messages.find(
      (m) =>
        !(m.line >= 1 && m.column >= 1) ||
        !(m.endLine > m.line || (m.endLine === m.line && m.endColumn >= m.column)) ||
        m.ruleId === "internal-error",
    );
    expect(bad && JSON.stringify(bad).slice(0, 300)).toBeUndefined();
    if (c.expectRule) expect(messages.some((m) => m.ruleId === c.expectRule), `${c.expectRule} reported`).toBe(true);
    findingsByFile.set(c.file, messages.length);
  };

  // Small files share one process per format (start-up dominates); each large file gets its own.
  const small = ADVERSARIAL_CASES.filter((c) => !c.large);
  it("small files: --format json", () => {
    const run = flinklint(["--format", "json", "--no-config-lookup", ...small.map((c) => c.file)], dir);
    expectNormalRun(run, "json");
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.map((r) => r.filePath)).toEqual(small.map((c) => c.file));
    small.forEach((c, i) => checkJsonResult(results[i], c));
  });

  it.each(FORMATS.filter((f) => f !== "json"))("small files: --format %s", (format) => {
    const run = flinklint(["--format", format, "--no-config-lookup", ...small.map((c) => c.file)], dir);
    expectNormalRun(run, format);
    expectWellFormed(format, run.stdout, small.reduce((n, c) => n + (findingsByFile.get(c.file) ?? 0), 0));
  });

  const large = ADVERSARIAL_CASES.filter((c) => c.large);
  it.each(large.map((c) => [c.file, c] as const))("%s: --format json", (_file, c) => {
    const run = flinklint(["--format", "json", "--no-config-lookup", c.file], dir);
    expectNormalRun(run, c.description);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results).toHaveLength(1);
    checkJsonResult(results[0], c);
  });

  const manyFindings = [...ALL_FORMATS_LARGE].flatMap((file) => FORMATS.filter((f) => f !== "json").map((format) => [file, format] as const));
  it.each(manyFindings)("%s: --format %s", (file, format) => {
    const run = flinklint(["--format", format, "--no-config-lookup", file], dir);
    expectNormalRun(run, `${file} ${format}`);
    expectWellFormed(format, run.stdout, findingsByFile.get(file) ?? 0);
  });
});

describe("duplicate-key detection stays linear", () => {
  const text = (n: number, dialect: "legacy" | "standard") =>
    (dialect === "legacy" ? SEED_LEGACY : SEED_STANDARD) + "parallelism.default: 1\n".repeat(n);
  const fastest = (run: () => void) => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      run();
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };

  it.each(["legacy", "standard"] as const)("%s: 4 times the keys take well under 16 times as long", (dialect) => {
    const filename = dialect === "legacy" ? "flink-conf.yaml" : "config.yaml";
    const small = text(10_000, dialect);
    const big = text(40_000, dialect);
    const tSmall = fastest(() => lint(small, { filename }));
    const tBig = fastest(() => lint(big, { filename }));
    // Linear is 4x; quadratic would be 16x. Timers and GC are noisy, so the bound is generous.
    expect(tBig / Math.max(tSmall, 1)).toBeLessThan(10);
  });
});
