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

/** The first message a worker gets: the scan its batches belong to. */
export interface ScanMessage {
  init: ScanInit;
}

/**
 * Serves batches on this worker's port until the main thread ends the worker. The worker may start
 * before the files are known (its start-up overlaps the walk): the scan comes as the first message.
 */
export async function serveLintJobs(): Promise<void> {
  // Loaded only in a worker: node:worker_threads loads the stream modules, which a one-file run never needs.
  const { parentPort } = await import("node:worker_threads");
  const port = parentPort;
  if (port === null) throw new Error("serveLintJobs runs in a worker thread");
  let lint: ((job: FileJob) => FileOutcome) | undefined;
  port.on("message", (message: ScanMessage | JobBatch) => {
    if ("init" in message) {
      lint = scanLinter(message.init);
      return;
    }
    if (lint === undefined) throw new Error("a lint worker got files before its scan");
    port.postMessage({ id: message.id, outcomes: message.jobs.map(lint) } satisfies BatchResult);
  });
}
