/**
 * The far side of `--jobs`: a worker thread that lints the files the main thread sends it, in
 * batches, and sends back each file's outcome (plain data, cloned across). It reads the files
 * itself, so the main thread only plans the run and prints.
 */
import { createSession } from "../model/session.js";
import { configMapsAmong, lintOneFile, type FileJob, type FileOutcome, type ScanInit } from "./lint-one.js";

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
  const { files, cwd, fix } = workerData as ScanInit;
  let configMaps: ReturnType<typeof configMapsAmong> | undefined;
  const scanFiles = () => (configMaps ??= configMapsAmong(files, cwd));
  // The worker's share of the scan is one run.
  const session = createSession();
  port.on("message", (batch: JobBatch) => {
    const outcomes = batch.jobs.map((job) => lintOneFile(job, { cwd, fix, scanFiles: files.length > 1 ? scanFiles : undefined, session }));
    port.postMessage({ id: batch.id, outcomes } satisfies BatchResult);
  });
}
