/**
 * `--jobs`: the files of a scan linted by this thread and worker threads. Each worker starts the CLI's own bundle
 * (with its code cache) through `load.cjs` and serves batches of files; the outcomes come back
 * in the scan's order whatever the order the workers finish in, so the output is the one a single
 * thread prints.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { scanLinter, type FileJob, type FileOutcome, type ScanInit } from "./lint-one.js";
import type { BatchResult, JobBatch, ScanMessage } from "./lint-worker.js";

/** Files per message: enough to make the round trip cheap, few enough to keep the workers even. */
const BATCH = 48;
/** Batches each worker holds at once, so it never waits for the next. */
const IN_FLIGHT = 2;
/** Below this many files per worker a thread costs more to start than it saves. */
const FILES_PER_WORKER = 250;

/**
 * The default number of threads: one for a handful of files, up to half the CPUs for a large tree
 * (ESLint's `--concurrency auto` takes half too). One lint thread already keeps more than one CPU
 * busy (V8 collects garbage and compiles on threads of its own), and CPUs are often hyperthreads
 * of one core: on a 2-CPU machine a second thread made a 10,000-file run slower (2.0 s against
 * 1.7 s, with a fifth more CPU time).
 */
export function defaultJobs(files: number, cpus: number = availableParallelism()): number {
  return Math.max(1, Math.min(Math.floor(cpus / 2), Math.floor(files / FILES_PER_WORKER)));
}

/**
 * `load.cjs` of the built CLI: beside the bundle (this code inside `flinklint.cjs`) or in
 * `../cli/` (tsc's output); undefined when running from the TypeScript sources (tests), where
 * there is nothing a worker could start.
 */
function cliLoader(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const loader = basename(here) === "cli" ? join(here, "load.cjs") : join(here, "..", "cli", "load.cjs");
  return existsSync(loader) ? loader : undefined;
}

/** Whether worker threads can run here (the CLI has been built). */
export function canUseWorkers(): boolean {
  return cliLoader() !== undefined;
}

/** A worker thread that loads the CLI and waits for a scan (see lint-worker.ts), and how it ended if it did. */
interface LintWorker {
  thread: import("node:worker_threads").Worker;
  failure?: Error;
  exitCode?: number;
}

/** Workers started ahead of a scan (`startLintWorkers`). */
export type LintWorkers = Promise<LintWorker[]>;

/**
 * Starts `count` workers now: each loads the CLI's bundle while this thread is still walking the
 * tree, and waits for the scan. `lintInWorkers` takes them; `stopLintWorkers` ends the rest.
 */
export async function startLintWorkers(count: number): LintWorkers {
  const loader = cliLoader();
  if (loader === undefined) throw new Error("--jobs needs the built CLI (npm run build)");
  const source = `require(${JSON.stringify(loader)}).loadCli().then((cli) => cli.serveLintJobs())`;
  // Loaded only here: node:worker_threads loads the stream modules, which a one-file run never needs.
  const { Worker } = await import("node:worker_threads");
  return Array.from({ length: count }, () => {
    const worker: LintWorker = { thread: new Worker(source, { eval: true }) };
    // Kept until the worker is used, so that one that fails while it waits is not an uncaught error.
    worker.thread.on("error", (error) => (worker.failure ??= error));
    worker.thread.on("exit", (code) => (worker.exitCode = code));
    return worker;
  });
}

/** Ends the workers (terminating one that has ended already is harmless). */
export async function stopLintWorkers(workers: LintWorkers): Promise<void> {
  await Promise.all((await workers).map(({ thread }) => thread.terminate()));
}

/**
 * Lints the jobs on `threads` threads, this one among them (it takes batches from the same queue
 * between the workers' messages, so no core waits on a thread that only hands out work); the
 * outcomes in the jobs' order. Workers started earlier (`startLintWorkers`) are used first.
 */
export async function lintInWorkers(jobs: readonly FileJob[], init: ScanInit, threads: number, started?: LintWorkers): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(jobs.length);
  const batches: JobBatch[] = [];
  for (let start = 0, id = 0; start < jobs.length; start += BATCH, id++) batches.push({ id, jobs: jobs.slice(start, start + BATCH) });
  const workerCount = Math.max(0, Math.min(threads - 1, batches.length - 1));
  const early = started === undefined ? [] : await started;
  const workers = early.slice(0, workerCount);
  await Promise.all(early.slice(workerCount).map(({ thread }) => thread.terminate()));
  if (workers.length < workerCount) workers.push(...(await startLintWorkers(workerCount - workers.length)));
  const lintHere = scanLinter(init);
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolvePool, rejectPool) => {
      if (batches.length === 0) return resolvePool();
      const record = (result: BatchResult) => {
        const offset = result.id * BATCH;
        result.outcomes.forEach((outcome, i) => (outcomes[offset + i] = outcome));
        if (++done === batches.length) resolvePool();
      };
      // This thread's share: one batch, then the event loop (the workers' results and their next batches), then another.
      const lintNextHere = () => {
        const batch = batches[next++];
        if (batch === undefined) return;
        try {
          record({ id: batch.id, outcomes: batch.jobs.map(lintHere) });
        } catch (error) {
          rejectPool(error);
          return;
        }
        setImmediate(lintNextHere);
      };
      const stopped = (code: number | undefined) => new Error(`a lint worker stopped (exit code ${code})`);
      for (const { thread, failure, exitCode } of workers) {
        // One that ended while it waited for the scan would never answer.
        if (failure !== undefined || exitCode !== undefined) return rejectPool(failure ?? stopped(exitCode));
        const send = () => {
          const batch = batches[next++];
          if (batch !== undefined) thread.postMessage(batch);
        };
        thread.on("message", (result: BatchResult) => {
          record(result);
          if (done < batches.length) send();
        });
        thread.on("error", rejectPool);
        thread.on("exit", (code) => {
          if (done < batches.length) rejectPool(stopped(code));
        });
        // The scan first: a worker's messages arrive in the order they were sent.
        thread.postMessage({ init } satisfies ScanMessage);
        for (let i = 0; i < IN_FLIGHT; i++) send();
      }
      lintNextHere();
    });
  } finally {
    await Promise.all(workers.map(({ thread }) => thread.terminate()));
  }
  return outcomes;
}
