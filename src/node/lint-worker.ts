/**
 * The far side of `--jobs`: a worker thread that lints the files the main thread sends it, in
 * batches, and sends back each file's outcome (plain data, cloned across). It reads the files
 * itself, so the main thread only plans the run and prints.
 */
import { scanLinter, type FileJob, type FileOutcome, type ScanInit } from "./lint-one.js";

/** A batch of jobs, by its id; the reply carries the same id. */
export interface JobBatch {
  id: number;
  jobs: FileJob[];
}

export interface BatchResult {
  id: number;
  outcomes: FileOutcome[];
}

/** Serves batches on this worker's port until the main thread ends the worker. */
export async function serveLintJobs(): Promise<void> {
  // Loaded only in a worker: node:worker_threads loads the stream modules, which a one-file run never needs.
  const { parentPort, workerData } = await import("node:worker_threads");
  const port = parentPort;
  if (port === null) throw new Error("serveLintJobs runs in a worker thread");
  const lint = scanLinter(workerData as ScanInit);
  port.on("message", (batch: JobBatch) => {
    port.postMessage({ id: batch.id, outcomes: batch.jobs.map(lint) } satisfies BatchResult);
  });
}
