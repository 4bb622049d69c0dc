/**
 * The adversarial corpus (fixtures/adversarial/cases.ts) through the real CLI binary: alias bombs,
 * 10,000-deep nesting, 20,000 nested brackets, a 50 MB file, 1 MB lines, NUL bytes, invalid UTF-8,
 * UTF-16, CR-only and mixed line endings, empty and comment-only files, 100,000 keys, 400,000
 * unknown keys, a key set 100,000 times. Every file gets a normal result: exit 0 or 1, well-formed
 * output in every format, nothing on stderr (no stack trace), and no hang (a run is killed after
 * HANG_MS). Growth is checked as a ratio of two sizes in the same test; how fast is for
 * `npm run bench`. `npm test` runs this file alone, after the rest of the suite
 * (vitest.bounds.config.ts): the large runs want the machine's memory and cores, and the ratios
 * measure flinklint rather than other test files. Files are generated into a temporary folder;
 * `npm test` builds dist/ first.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ADVERSARIAL_CASES, manyKeys, SEED_LEGACY, SEED_STANDARD, type AdversarialCase } from "../fixtures/adversarial/cases.js";
import { lint } from "../src/engine/lint.js";
import { expectNearLinear, fastestMs } from "./growth.js";
import { CHECKSTYLE_LINE } from "./output-checks.js";
import { scratchDir } from "./scratch.js";

const BIN = new URL("../dist/src/cli/bin.cjs", import.meta.url).pathname;
/** A run still going after this long hangs: it is killed and fails (the slowest takes seconds). */
const HANG_MS = 120_000;
const FORMATS = ["pretty", "compact", "json", "sarif", "github", "gitlab", "checkstyle"] as const;
type Format = (typeof FORMATS)[number];

/** Large cases with many findings: every format is run on each, since formatters scale with findings. */
const ALL_FORMATS_LARGE = new Set(["duplicate-keys-100k.flink-conf.yaml"]);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed after HANG_MS. */
  hung: boolean;
}

function flinklint(args: string[], cwd: string): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", GITHUB_ACTIONS: "" },
    timeout: HANG_MS,
    maxBuffer: 2 ** 30,
  });
  const hung = (result.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, hung };
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

/** Exit 0 or 1, nothing on stderr, no hang. */
function expectNormalRun(run: Run, what: string): void {
  expect(run.hung, `${what}: killed after ${HANG_MS} ms`).toBe(false);
  expect(run.stderr, `${what}: stderr`).toBe("");
  expect([0, 1], `${what}: exit code ${run.code}`).toContain(run.code);
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
  dir = scratchDir("adversarial");
  for (const c of ADVERSARIAL_CASES) writeFileSync(join(dir, c.file), c.build());
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

  // The standard dialect's parse takes more memory per key: fewer keys outgrow the caches.
  it.each([
    ["legacy", "flink-conf.yaml", 25_000],
    ["standard", "config.yaml", 10_000],
  ] as const)("%s: 4 times the keys take well under 16 times as long", (dialect, filename, keys) => {
    expectNearLinear((n) => {
      const input = text(n, dialect);
      return fastestMs(() => lint(input, { filename }));
    }, keys);
  });
});

// The case: a file of many unknown keys, through the CLI with its JSON report. Both sizes
// take long enough that process start-up, measured in the same test and subtracted, is small.
describe("the CLI stays linear in the number of keys", () => {
  const startUpMs = () => fastestMs(() => expectNormalRun(flinklint(["--version"], dir), "--version"));

  it.each([
    ["legacy", "flink-conf.yaml", SEED_LEGACY],
    ["standard", "config.yaml", SEED_STANDARD],
  ] as const)("%s: 10 times the unknown keys take well under 100 times as long", (_dialect, suffix, seed) => {
    const startUp = startUpMs();
    expectNearLinear((n) => {
      const file = `unknown-keys-${n}.${suffix}`;
      writeFileSync(join(dir, file), manyKeys(seed, n, (i) => `no.such.flink.option${i}`));
      return fastestMs(() => expectNormalRun(flinklint(["--format", "json", "--no-config-lookup", file], dir), file)) - startUp;
    }, 20_000, 10);
  });
});
