/**
 * Linting on disk: the files of a scan, each with its folder's settings and its neighbours' names,
 * linted on this thread or on `--jobs` worker threads (lint-one.ts does one file either way).
 */
import { dirname, resolve } from "node:path";
import { readdirSync } from "node:fs";
import type { TextLintOutcome } from "../lint-file.js";
import type { LintOptions } from "../types.js";
import type { ProjectConfig } from "../engine/project-config.js";
import { displayPath, FileAccessError } from "./errors.js";
import { expandPatterns, includedFiles, NO_FLINK_FILES } from "./expand.js";
import { outcomeOf, scanLinter, type FileJob, type FileOutcome, type ScanInit } from "./lint-one.js";
import { canUseWorkers, defaultJobs, lintInWorkers, startLintWorkers, stopLintWorkers, type LintWorkers } from "./lint-pool.js";
import { effectiveOptions, ProjectConfigCache, type LintFilesOptions } from "./settings.js";
import { writeFileAtomically } from "./write.js";
import { extended } from "../util/objects.js";

/**
 * One file's findings. Parsed documents are not kept: a run over thousands of files holds only
 * their diagnostics (use `lint()` for the document).
 */
export interface FileLintResult extends TextLintOutcome {
  /** Path relative to the working directory when inside it, else absolute. */
  filePath: string;
}

/** Lints files and directories as the CLI does. Throws FileAccessError for what cannot be read. */
export async function lintFiles(patterns: readonly string[], options: LintFilesOptions = {}): Promise<FileLintResult[]> {
  const cwd = options.cwd ?? process.cwd();
  // Threads asked for: they start now, loading the CLI while this thread walks the tree.
  const early = options.jobs !== undefined && options.jobs > 1 && canUseWorkers() ? startLintWorkers(options.jobs - 1) : undefined;
  // Awaited only after the walk: handled from the start, so a failure meanwhile is no unhandled rejection.
  early?.catch(() => undefined);
  try {
    return await lintFound(patterns, options, cwd, early);
  } finally {
    // Those lintInWorkers did not take (a scan that failed, or a handful of files); terminating twice is harmless.
    if (early !== undefined) await stopLintWorkers(early);
  }
}

async function lintFound(patterns: readonly string[], options: LintFilesOptions, cwd: string, early: LintWorkers | undefined): Promise<FileLintResult[]> {
  const given = patterns.length ? patterns : ["."];
  const configs = new ProjectConfigCache(options);
  const included = await includedFiles(given, cwd, configs);
  let files: string[];
  try {
    files = await expandPatterns(given, cwd);
  } catch (error) {
    // A folder whose only Flink configuration is what `.flinklint.yaml` includes is not empty.
    if (!(included.length > 0 && error instanceof FileAccessError && error.message.endsWith(NO_FLINK_FILES))) throw error;
    files = [];
  }
  for (const file of included) if (!files.includes(file)) files.push(file);
  // A file the user named (or included) gets a notice when it carries no Flink configuration; one
  // met in a walk (picked by its name, such as an app's `app-config.yaml` ConfigMap) is left out.
  const named = new Set([...given.map((p) => resolve(cwd, p)), ...included]);
  const siblingsByDir = new Map<string, string[]>();
  // A settings file's options, worked out once for all the files it covers.
  const optionsByProject = new Map<ProjectConfig | undefined, LintOptions>();
  const jobs: FileJob[] = [];
  for (const file of files) {
    const dir = dirname(file);
    const project = await configs.forDirectory(dir, cwd);
    if (configs.ignores(project, file)) continue;
    // The folder's one list serves each of its files (a copy without each file's own name would
    // cost a folder of n files n² names).
    let siblings = siblingsByDir.get(dir);
    if (!siblings) {
      siblings = readdirOrEmpty(dir);
      siblingsByDir.set(dir, siblings);
    }
    let projectOptions = optionsByProject.get(project);
    if (projectOptions === undefined) optionsByProject.set(project, (projectOptions = effectiveOptions(project, options)));
    const fileOptions: LintOptions = extended(projectOptions, { filename: displayPath(file, cwd), siblingFiles: siblings });
    jobs.push({ file, options: fileOptions });
  }
  const init: ScanInit = { files, cwd, fix: options.fix ?? false };
  const threads = options.jobs ?? defaultJobs(jobs.length);
  const outcomes = threads > 1 && canUseWorkers() ? await lintInWorkers(jobs, init, threads, early) : lintHere(jobs, init);
  const results: FileLintResult[] = [];
  for (const [i, job] of jobs.entries()) {
    const outcome = outcomeOf(outcomes[i] as FileOutcome);
    if (outcome.notice !== undefined && outcome.diagnostics.length === 0 && !named.has(resolve(cwd, job.file))) continue;
    if (outcome.fixed && options.fix === "write") await writeFileAtomically(job.file, outcome.fixed.output);
    results.push({ filePath: job.options.filename as string, ...outcome });
  }
  return results;
}

/** The jobs on this thread, stopping at the first file that cannot be read (as the run then does). */
function lintHere(jobs: readonly FileJob[], init: ScanInit): FileOutcome[] {
  const lint = scanLinter(init);
  const outcomes: FileOutcome[] = [];
  for (const job of jobs) {
    const outcome = lint(job);
    outcomes.push(outcome);
    if (!outcome.ok) break;
  }
  return outcomes;
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
