/**
 * One file of a scan: read once (Flink reads UTF-8) and linted through the one lint entry.
 * The same code runs on the main thread and in `--jobs` workers, so both give the same outcome.
 */
import { readFileSync, statSync } from "node:fs";
import { lintBytes, type TextLintOutcome } from "../lint-file.js";
import type { LintOptions, Session } from "../types.js";
import { createSession } from "../model/session.js";
import { describeErrno, displayPath, FileAccessError } from "./errors.js";
import { extended } from "../util/objects.js";

/** What a worker needs to know of the whole scan: its files (for ConfigMaps other files mount), the working directory, fixing. */
export interface ScanInit {
  files: readonly string[];
  cwd: string;
  fix: false | "write" | "dry-run";
}

/** One file to lint, with its settings: plain data, so it can cross to a worker. */
export interface FileJob {
  file: string;
  options: LintOptions;
}

/** A file's outcome, or the message of the error that stops the run (an unreadable file). */
export type FileOutcome = { ok: true; outcome: TextLintOutcome } | { ok: false; error: string };

/** `scan.session` is the thread's run: the files of a scan share what it learns (catalogs, memory derivations). */
export function lintOneFile(
  job: FileJob,
  scan: { cwd: string; fix: ScanInit["fix"]; scanFiles: LintOptions["scanFiles"]; session: Session },
): FileOutcome {
  const options: LintOptions = extended(job.options, { session: scan.session, ...(scan.scanFiles !== undefined && { scanFiles: scan.scanFiles }) });
  // Read as text, which costs Node no buffer: it decodes what is not UTF-8 as U+FFFD, so a text
  // with one (or with a NUL) is read again as bytes, for decodeConfigBytes to say what and where.
  let read: string | Uint8Array;
  try {
    read = readFileSync(job.file, "utf8");
    if (read.includes("\uFFFD") || read.includes("\u0000")) read = readFileSync(job.file);
  } catch (error) {
    return { ok: false, error: `${displayPath(job.file, scan.cwd)}: ${describeErrno(error as NodeJS.ErrnoException)}` };
  }
  return { ok: true, outcome: lintBytes(read, options, scan.fix) };
}

/**
 * Lints the files of a scan one by one on this thread, as one run (its files share what the session
 * learns). The other files' ConfigMaps are read only if a workload mounts one its own file lacks,
 * and then once for the whole scan.
 */
export function scanLinter(init: ScanInit): (job: FileJob) => FileOutcome {
  let configMaps: ReturnType<typeof configMapsAmong> | undefined;
  const scanFiles = init.files.length > 1 ? () => (configMaps ??= configMapsAmong(init.files, init.cwd)) : undefined;
  const scan = { cwd: init.cwd, fix: init.fix, scanFiles, session: createSession() };
  return (job) => lintOneFile(job, scan);
}

/** The outcome, or the FileAccessError it stands for. */
export function outcomeOf(result: FileOutcome): TextLintOutcome {
  if (!result.ok) throw new FileAccessError(result.error);
  return result.outcome;
}

/**
 * The YAML files of a scan that hold a ConfigMap, for workloads in other files that mount one
 * (Flink's Kubernetes docs keep the ConfigMap and each Deployment apart). Unreadable or huge files
 * are left to their own lint, which reports them.
 */
export function configMapsAmong(files: readonly string[], cwd: string): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  for (const file of files) {
    if (!/\.ya?ml$/.test(file)) continue;
    try {
      if (statSync(file).size > 16 * 1024 * 1024) continue;
      const text = readFileSync(file, "utf8");
      if (/^[ \t-]*["']?kind["']?[ \t]*:[ \t]*["']?ConfigMap\b/m.test(text)) found.push({ path: displayPath(file, cwd), text });
    } catch {
      // reported when the file itself is linted
    }
  }
  return found;
}
