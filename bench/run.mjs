#!/usr/bin/env node
/**
 * `npm run bench`: how fast flinklint is as a whole process, the way a pre-commit hook or CI runs it.
 * Plain Node, not a test; run `npm run build` first (the script uses the built `bin`).
 *
 *   one file     `flinklint <file>` and `flinklint --format json <file>` against `node -e 0`, runs
 *                interleaved, median of BENCH_RUNS (default 30), and the fastest run of each
 *   throughput   `flinklint --format json <dir>` over a corpus of BENCH_FILES (default 10,000)
 *                configurations in both dialects (bench/corpus.mjs), on one thread and with `--jobs`
 *                (one per CPU), each as a ratio to the read+parse floor (bench/floor.mjs) and yamllint
 *                measured in the same run, interleaved, fastest of BENCH_THROUGHPUT_RUNS (default 3);
 *                single-threaded commands pinned to one core when `taskset` exists, and again on
 *                any core; peak RSS
 *   LSP          change-to-diagnostics time on a 2,000-line file (bench/lsp-latency.mjs): median, p95,
 *                for a file of options and comments and for one of 1,600 unknown keys (the stress case)
 *   playground   the browser page's work per keystroke (lint, explain, figure) on four typical files,
 *                in Node (bench/playground-edit.mjs): median, p95
 *   adversarial  each large hostile input of fixtures/adversarial/ (400,000 unknown keys, a 50 MB
 *                file, …) and all small ones together, `--format json`, fastest of
 *                BENCH_ADVERSARIAL_RUNS (default 3; 0 skips it), against the fastest `node -e 0`
 *   yamllint     the same one-file and corpus runs, where `yamllint` is installed (not a requirement)
 *
 * Prints a table and writes bench/results.json (ignored by git).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { adversarialTimes } from "./adversarial.mjs";
import { writeCorpus } from "./corpus.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const BIN = join(ROOT, PACKAGE.bin.flinklint);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const FILES = Number(process.env.BENCH_FILES ?? 10_000);
const ADVERSARIAL_RUNS = Number(process.env.BENCH_ADVERSARIAL_RUNS ?? 3);
const THROUGHPUT_RUNS = Number(process.env.BENCH_THROUGHPUT_RUNS ?? 3);
const SAMPLE = join(ROOT, "examples", "flink-conf.yaml");
/** Prints the process's peak RSS (KiB) on stderr as it exits; loaded with --import, so it measures any Node program. */
const MAX_RSS_HOOK = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nflinklint-bench-maxrss "+process.resourceUsage().maxRSS+"\\n"))`;

if (!existsSync(BIN)) {
  console.error(`bench: ${BIN} is missing; run "npm run build" first`);
  process.exit(2);
}

function which(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim() || undefined;
}

const TASKSET = which("taskset");
const YAMLLINT = which("yamllint");

/** Runs a command, returning wall time in ms, exit code, and the peak RSS when the hook printed it. */
function timed(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 2 ** 30, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  const rss = /flinklint-bench-maxrss (\d+)/.exec(result.stderr ?? "");
  return { ms, code: result.status, stdout: result.stdout, stderr: result.stderr, maxRssKiB: rss ? Number(rss[1]) : undefined };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// ------------------------------------------------------------------------------------------------
// One file: whole-process latency, interleaved so that machine noise hits every command alike.

/**
 * The pre-commit hook's usual case: a clean `flink-conf.yaml` (the one Flink 1.18 ships) in a
 * repository with a `.flinklint.yaml` (this repository's). It is copied out first: in this
 * repository it sits under `fixtures/`, which that settings file ignores, and an ignored file is
 * not linted at all (earlier benches timed exactly that).
 */
function cleanRepository(dir) {
  copyFileSync(join(ROOT, ".flinklint.yaml"), join(dir, ".flinklint.yaml"));
  copyFileSync(join(ROOT, "fixtures", "flink-defaults", "1.18-flink-conf.yaml"), join(dir, "flink-conf.yaml"));
  const sample = join(dir, "flink-conf.yaml");
  // Linted, and clean: JSON lists the file, with no message.
  const run = timed(process.execPath, [BIN, "--format", "json", sample], { cwd: ROOT });
  const results = run.code === 0 ? JSON.parse(run.stdout) : [];
  if (results.length !== 1 || results[0].messages.length !== 0) throw new Error(`bench: the clean sample is not linted clean (exit ${run.code}): ${run.stdout.slice(0, 200)}`);
  return sample;
}

function oneFileLatency(cleanSample) {
  const commands = {
    "node -e 0": [process.execPath, ["-e", "0"]],
    "flinklint <file>": [process.execPath, [BIN, SAMPLE]],
    "flinklint --format json <file>": [process.execPath, [BIN, "--format", "json", SAMPLE]],
    // The pre-commit hook's usual case: a file with nothing to report.
    "flinklint <clean file>": [process.execPath, [BIN, cleanSample]],
  };
  if (YAMLLINT) commands["yamllint <file>"] = [YAMLLINT, ["-d", "relaxed", SAMPLE]];
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  const env = { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "" };
  for (const [name, [command, args]] of Object.entries(commands)) timed(command, args, { env }); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    for (const [name, [command, args]] of Object.entries(commands)) {
      const run = timed(command, args, { env });
      if (name.startsWith("flinklint") && run.code !== 0 && run.code !== 1) throw new Error(`${name} exited ${run.code}: ${run.stderr}`);
      times[name].push(run.ms);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, ms]) => [name, { medianMs: median(ms), minMs: Math.min(...ms), p95Ms: percentile(ms, 95), runs: ms.length }]),
  );
}

// ------------------------------------------------------------------------------------------------
// Throughput: a corpus of realistic configurations, half legacy and half standard, some with findings.

function throughput(dir) {
  const pin = TASKSET ? [TASKSET, ["-c", "0"]] : undefined;
  const pinned = (command, args) => (pin ? [pin[0], [...pin[1], command, ...args]] : [command, args]);
  const env = { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "" };
  const lint = (jobs) => [process.execPath, ["--import", MAX_RSS_HOOK, BIN, "--format", "json", "--no-config-lookup", "--jobs", String(jobs), dir]];
  const threads = availableParallelism();
  const floorCommand = [process.execPath, [join(ROOT, "bench", "floor.mjs"), dir]];
  const commands = {
    floor: pinned(...floorCommand),
    single: pinned(...lint(1)),
    // The same two on any core: a single-threaded process still has V8's garbage collector and
    // compiler threads, which a pinned run makes share its core.
    ...(pin && { floorAnyCore: floorCommand, singleAnyCore: lint(1) }),
    ...(threads > 1 && { jobs: lint(threads) }),
    ...(YAMLLINT && { yamllint: pinned(YAMLLINT, ["-d", "relaxed", "-f", "parsable", dir]) }),
  };
  const runs = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (const [command, args] of Object.values(commands)) timed(command, args, { env }); // warm the file cache
  // Interleaved, so that the machine's drift hits every command alike; the fastest run of each.
  for (let i = 0; i < THROUGHPUT_RUNS; i++) for (const [name, [command, args]] of Object.entries(commands)) runs[name].push(timed(command, args, { env }));
  const best = Object.fromEntries(Object.entries(runs).map(([name, list]) => [name, list.reduce((a, b) => (b.ms < a.ms ? b : a))]));
  const files = JSON.parse(best.single.stdout).length;
  if (best.jobs && best.jobs.stdout !== best.single.stdout) throw new Error("bench: --jobs printed another report than one thread");
  const floorFiles = JSON.parse(best.floor.stdout).files;
  const entry = (run, extra = {}) => ({ seconds: run.ms / 1000, ratioToFloor: run.ms / best.floor.ms, ...extra });
  return {
    files,
    floorFiles,
    pinnedToOneCore: Boolean(pin),
    runs: THROUGHPUT_RUNS,
    floor: { seconds: best.floor.ms / 1000 },
    single: entry(best.single, { filesPerSecond: files / (best.single.ms / 1000), maxRssMiB: best.single.maxRssKiB / 1024 }),
    ...(best.singleAnyCore && {
      anyCore: { floorSeconds: best.floorAnyCore.ms / 1000, seconds: best.singleAnyCore.ms / 1000, ratioToFloor: best.singleAnyCore.ms / best.floorAnyCore.ms },
    }),
    ...(best.jobs && {
      jobs: entry(best.jobs, {
        threads,
        filesPerSecond: files / (best.jobs.ms / 1000),
        maxRssMiB: best.jobs.maxRssKiB / 1024,
        // Threads run on any core: the like-for-like floor is the one on any core.
        ...(best.floorAnyCore && { ratioToFloorAnyCore: best.jobs.ms / best.floorAnyCore.ms }),
      }),
    }),
    ...(best.yamllint && { yamllint: entry(best.yamllint) }),
  };
}

function lspLatency(content) {
  const script = join(ROOT, "bench", "lsp-latency.mjs");
  if (!existsSync(script)) return undefined;
  const run = timed(process.execPath, [script, "--content", content], { cwd: ROOT });
  if (run.code !== 0) return { error: (run.stderr || `exit ${run.code}`).trim().split("\n")[0] };
  try {
    const parsed = JSON.parse(run.stdout.trim().split("\n").pop());
    return parsed;
  } catch {
    return { error: "bench/lsp-latency.mjs printed no JSON" };
  }
}

/** The playground's work per keystroke, in Node on the built core (bench/playground-edit.mjs). */
function playgroundEdit() {
  const run = timed(process.execPath, [join(ROOT, "bench", "playground-edit.mjs")], { cwd: ROOT });
  if (run.code !== 0) return { error: (run.stderr || `exit ${run.code}`).trim().split("\n")[0] };
  try {
    return JSON.parse(run.stdout.trim().split("\n").pop());
  } catch {
    return { error: "bench/playground-edit.mjs printed no JSON" };
  }
}

// ------------------------------------------------------------------------------------------------

const fmt = (n, digits = 1) => (n === undefined || Number.isNaN(n) ? "n/a" : n.toFixed(digits));

const corpus = mkdtempSync(join(tmpdir(), "flinklint-bench-"));
const hostile = mkdtempSync(join(tmpdir(), "flinklint-bench-adversarial-"));
const clean = mkdtempSync(join(tmpdir(), "flinklint-bench-clean-"));
try {
  console.log(`flinklint ${PACKAGE.version} bench: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), bin ${PACKAGE.bin.flinklint}`);
  const latency = oneFileLatency(cleanRepository(clean));
  writeCorpus(corpus, FILES);
  const corpusResults = throughput(corpus);
  // A large file as people write it (options and comments), and the stress case of 1,600 findings a change.
  const lsp = lspLatency("options");
  const lspUnknown = lspLatency("unknown-keys");
  const playground = playgroundEdit();
  const adversarial = ADVERSARIAL_RUNS > 0 ? await adversarialTimes({ root: ROOT, bin: BIN, dir: hostile, runs: ADVERSARIAL_RUNS, timed }) : [];

  const baseline = latency["node -e 0"].medianMs;
  // The median is the measure; the fastest run, against the fastest `node -e 0`, shows the cost
  // without the machine's noise (other tenants of a shared host slow some runs by tens of ms).
  const fastest = latency["node -e 0"].minMs;
  const rows = [
    ["measurement", "median ms", "p95 ms", "vs node -e 0", "fastest ms", "fastest vs fastest"],
    ...Object.entries(latency).map(([name, r]) => [
      name,
      fmt(r.medianMs),
      fmt(r.p95Ms),
      `${fmt(r.medianMs / baseline, 2)}x`,
      fmt(r.minMs),
      `${fmt(r.minMs / fastest, 2)}x`,
    ]),
  ];
  const width = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => `| ${r.map((cell, c) => String(cell).padEnd(width[c])).join(" | ")} |`;
  console.log(`\nOne file (${RUNS} interleaved runs each, ${SAMPLE.slice(ROOT.length + 1)}):`);
  console.log(line(rows[0]));
  console.log(`|${width.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows.slice(1)) console.log(line(r));

  const c = corpusResults;
  console.log(`\nCorpus of ${c.files} configs, both dialects (fastest of ${c.runs} interleaved runs${c.pinnedToOneCore ? "; one core unless threaded" : ""}):`);
  console.log(`  read+parse floor (bench/floor.mjs: walk, read, yaml.parseDocument): ${fmt(c.floor.seconds, 2)} s = 1.00x`);
  console.log(`  flinklint --jobs 1 --format json <dir>:  ${fmt(c.single.seconds, 2)} s = ${fmt(c.single.ratioToFloor, 2)}x floor, ${fmt(c.single.filesPerSecond, 0)} files/s, peak RSS ${fmt(c.single.maxRssMiB, 0)} MiB`);
  if (c.anyCore) console.log(`  on any core: floor ${fmt(c.anyCore.floorSeconds, 2)} s, flinklint --jobs 1 ${fmt(c.anyCore.seconds, 2)} s = ${fmt(c.anyCore.ratioToFloor, 2)}x floor`);
  if (c.jobs) {
    const anyCore = c.jobs.ratioToFloorAnyCore === undefined ? "" : ` (${fmt(c.jobs.ratioToFloorAnyCore, 2)}x the floor on any core)`;
    console.log(`  flinklint --jobs ${c.jobs.threads} --format json <dir>:  ${fmt(c.jobs.seconds, 2)} s = ${fmt(c.jobs.ratioToFloor, 2)}x floor${anyCore}, peak RSS ${fmt(c.jobs.maxRssMiB, 0)} MiB (same report)`);
  }
  else console.log("  flinklint --jobs: n/a (one CPU)");
  if (c.yamllint) console.log(`  yamllint -d relaxed <dir>:               ${fmt(c.yamllint.seconds, 2)} s = ${fmt(c.yamllint.ratioToFloor, 2)}x floor`);
  else console.log("  yamllint: n/a (not installed)");
  const lspLine = (r) => (r === undefined ? "n/a (bench/lsp-latency.mjs not present)" : r.error ? `n/a (${r.error})` : `${r.lines} lines, median ${fmt(r.medianMs)} ms, p95 ${fmt(r.p95Ms)} ms`);
  console.log(`\nLSP change-to-diagnostics, options and comments: ${lspLine(lsp)}`);
  console.log(`LSP change-to-diagnostics, 1,600 unknown keys:   ${lspLine(lspUnknown)}`);

  if (playground.error) console.log(`\nPlayground edit (lint + explain + figure): n/a (${playground.error})`);
  else {
    console.log(`\nPlayground edit, lint + explain + figure per keystroke in Node (${playground.iterations} edits each; the page adds its DOM work):`);
    for (const [kind, r] of Object.entries(playground.files)) console.log(`  ${kind.padEnd(16)} ${String(r.lines).padStart(4)} lines  median ${fmt(r.medianMs)} ms, p95 ${fmt(r.p95Ms)} ms`);
  }

  if (adversarial.length > 0) {
    console.log(`\nAdversarial inputs (--format json, fastest of ${ADVERSARIAL_RUNS}; fixtures/adversarial/cases.ts):`);
    const named = Math.max(...adversarial.map((a) => a.name.length));
    for (const a of adversarial) {
      console.log(`  ${a.name.padEnd(named)}  ${fmt(a.ms, 0).padStart(6)} ms  ${fmt(a.ms / fastest, 1).padStart(5)}x node -e 0  report ${fmt(a.reportMiB, 1)} MiB`);
    }
  } else console.log("\nAdversarial inputs: skipped (BENCH_ADVERSARIAL_RUNS=0)");

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    bin: PACKAGE.bin.flinklint,
    oneFile: { file: SAMPLE.slice(ROOT.length + 1), runs: RUNS, ...latency, ratioToNode: latency["flinklint <file>"].medianMs / baseline, jsonRatioToNode: latency["flinklint --format json <file>"].medianMs / baseline, cleanRatioToNode: latency["flinklint <clean file>"].medianMs / baseline },
    corpus: corpusResults,
    lsp: lsp ?? null,
    lspUnknownKeys: lspUnknown ?? null,
    playgroundEdit: playground,
    adversarial: { runs: ADVERSARIAL_RUNS, nodeFastestMs: fastest, cases: adversarial.map((a) => ({ ...a, ratioToFastestNode: a.ms / fastest })) },
  };
  writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log("\nwritten: bench/results.json");
} finally {
  rmSync(corpus, { recursive: true, force: true });
  rmSync(hostile, { recursive: true, force: true });
  rmSync(clean, { recursive: true, force: true });
}
