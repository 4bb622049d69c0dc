/**
 * `--jobs`: the built CLI lints on this thread and on worker threads, and prints exactly what one
 * thread prints, in the same order, with the same exit code.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: the benchmark's corpus generator is plain JavaScript without types.
import { writeCorpus } from "../../bench/corpus.mjs";
import { runBin } from "./bin-support.js";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "flinklint-jobs-"));
  (writeCorpus as (dir: string, count: number) => void)(join(dir, "corpus"), 700);
  // Files each thread must read the way one thread does: not UTF-8, a NUL byte, UTF-16, a BOM.
  mkdirSync(join(dir, "corpus", "odd"));
  writeFileSync(join(dir, "corpus", "odd", "a-flink-conf.yaml"), Buffer.from("s3.secret-key: caf\xe9\n", "latin1"));
  writeFileSync(join(dir, "corpus", "odd", "b-flink-conf.yaml"), Buffer.from([0x6b, 0x3a, 0x20, 0x00]));
  writeFileSync(join(dir, "corpus", "odd", "c-flink-conf.yaml"), Buffer.from("\ufeffk: v\n", "utf16le"));
  writeFileSync(join(dir, "corpus", "odd", "d-flink-conf.yaml"), "\ufefftaskmanager.numberOfTaskSlots: 2\n");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("--jobs", () => {
  it("prints what one thread prints, in order, with the same exit code", () => {
    const args = ["--format", "json", "--no-config-lookup", "corpus"];
    const one = runBin(["--jobs", "1", ...args], { cwd: dir });
    expect(one.stderr).toBe("");
    expect(one.code).toBe(1);
    const results = JSON.parse(one.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    expect(results).toHaveLength(704);
    // The corpus has findings, so the comparison below compares reports, not empty lists.
    expect(results.filter((r) => r.messages.length > 0).length).toBeGreaterThan(300);
    const odd = Object.fromEntries(results.filter((r) => r.filePath.startsWith("corpus/odd/")).map((r) => [r.filePath, r.messages.map((m) => m.message)]));
    expect(odd["corpus/odd/a-flink-conf.yaml"]?.[0]).toMatch(/not valid UTF-8 \(byte 0xe9 at offset 18\)/);
    expect(odd["corpus/odd/b-flink-conf.yaml"]?.[0]).toMatch(/NUL byte at offset 3/);
    expect(odd["corpus/odd/c-flink-conf.yaml"]?.[0]).toMatch(/UTF-16/);
    expect(results.find((r) => r.filePath === "corpus/odd/d-flink-conf.yaml")?.messages.map((m) => m.ruleId)).toContain("legacy-bom");
    for (const jobs of ["2", "3", "5"]) {
      const many = runBin(["--jobs", jobs, ...args], { cwd: dir });
      expect({ jobs, code: many.code, stderr: many.stderr }).toEqual({ jobs, code: one.code, stderr: one.stderr });
      expect(many.stdout === one.stdout, `--jobs ${jobs} printed another report`).toBe(true);
    }
  });

  it("ends the threads it started when the scan fails or needs fewer", () => {
    // Threads asked for start before the walk: a missing path still fails at once with exit 2.
    const missing = runBin(["--jobs", "3", "--format", "json", "no-such-folder"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toMatch(/no-such-folder/);
    // Four threads for two files: one thread lints them, the others are ended, the report is one thread's.
    const few = ["--format", "json", "--no-config-lookup", "corpus/odd/a-flink-conf.yaml", "corpus/odd/d-flink-conf.yaml"];
    const many = runBin(["--jobs", "4", ...few], { cwd: dir });
    expect({ code: many.code, stdout: many.stdout, stderr: many.stderr }).toEqual(runBin(["--jobs", "1", ...few], { cwd: dir }));
  });
});
