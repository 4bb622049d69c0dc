/**
 * Command-line arguments to files: files as given, folders to the Flink files below them, globs
 * through globby, and the files `.flinklint.yaml` includes.
 */
import { dirname, resolve, sep } from "node:path";
import { statSync, type Stats } from "node:fs";
import type { Options as GlobbyOptions } from "globby";
import { carriesFlinkConfiguration } from "../hosts/index.js";
import { FLINK_CONFIG_FILE_NAME } from "../engine/identify.js";
import { readFile, realpath, stat } from "./fs-async.js";
import { displayPath, FileAccessError, fileAccessError } from "./errors.js";
import type { ProjectConfigCache } from "./settings.js";
import { ALWAYS_IGNORED_FOLDERS, walkDirectory, type WalkEntry } from "./walk.js";

/** globby's form of the folders no scan enters (walk.ts). */
const ALWAYS_IGNORED = [...ALWAYS_IGNORED_FOLDERS].map((name) => `**/${name}/**`);

/** `stat`, synchronously, or the error it fails with. */
function statOrError(path: string): Stats | NodeJS.ErrnoException {
  try {
    return statSync(path);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

function looksLikeGlob(pattern: string): boolean {
  return /[*?[\]{}()!]/.test(pattern);
}

/** The end of the error for a folder with nothing to lint. */
export const NO_FLINK_FILES = "no Flink configuration files in this directory";

/**
 * The files `.flinklint.yaml`'s `include` patterns name inside the folders being scanned: a scan
 * lints them as if they had been named (a CI workflow that calls `flink run`).
 */
export async function includedFiles(patterns: readonly string[], cwd: string, configs: ProjectConfigCache): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    const dir = resolve(cwd, pattern);
    const info = statOrError(dir);
    if (info instanceof Error || !info.isDirectory()) continue;
    const project = await configs.forDirectory(dir, cwd);
    if (!project?.path || !project.include?.length) continue;
    const found = await globFiles(project.include, { cwd: dirname(project.path), absolute: true });
    for (const file of found.sort()) if ((file === dir || file.startsWith(dir + sep)) && !files.includes(file)) files.push(file);
  }
  return files;
}

/**
 * Expands CLI arguments to files: existing files as given, directories to the Flink config files
 * (and operator manifests) below them, globs through globby; both honour .gitignore. A pattern
 * that matches nothing, or a directory without any Flink file, is an error.
 */
export async function expandPatterns(patterns: readonly string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const info = statOrError(absolute);
    if (!(info instanceof Error)) {
      if (info.isDirectory()) {
        const found = await expandDirectory(absolute, cwd, new Set());
        if (found.length === 0) throw new FileAccessError(`${pattern}: ${NO_FLINK_FILES}`);
        for (const file of found) files.add(file);
        continue;
      }
      if (!info.isFile()) throw new FileAccessError(`${pattern}: not a regular file`);
      files.add(absolute);
      continue;
    }
    if (info.code === "EACCES") throw new FileAccessError(`${pattern}: permission denied`);
    if (info.code === "ELOOP") throw new FileAccessError(`${pattern}: too many levels of symbolic links`);
    if (!looksLikeGlob(pattern)) throw new FileAccessError(`${pattern}: no such file or directory`);
    const found = await globFiles(pattern, { cwd, gitignore: true, absolute: true });
    if (found.length === 0) throw new FileAccessError(`${pattern}: no files match this pattern`);
    for (const file of found.sort()) files.add(file);
  }
  return [...files];
}

/**
 * Names of files that may carry Flink configuration inside another format (YAML hosts, launch
 * scripts, Makefiles): a directory walk reads each and keeps those a host adapter reads.
 */
const HOST_FILE_NAME = /(?:\.ya?ml|\.sh|\.bash|\.mk|^Makefile|^makefile|^GNUmakefile)$/;

/**
 * The Flink files below a directory. The walk does not follow links (a folder of links back
 * to itself would otherwise be walked exponentially); each linked folder is then walked on its own,
 * once per real folder, and a link that points back at a folder containing it is an error.
 */
async function expandDirectory(dir: string, cwd: string, visited: Set<string>): Promise<string[]> {
  const real = await realpath(dir);
  if (visited.has(real)) return [];
  visited.add(real);
  let entries: WalkEntry[];
  try {
    entries = walkDirectory(dir);
  } catch (error) {
    throw fileAccessError(error, cwd);
  }
  const found: string[] = [];
  let linked = visited.size > 1;
  for (const entry of entries) {
    let isFile = entry.dirent.isFile();
    if (entry.dirent.isSymbolicLink()) {
      linked = true;
      const target = await stat(entry.path).catch((error: NodeJS.ErrnoException) => error);
      if (target instanceof Error) {
        if (target.code === "ELOOP") throw new FileAccessError(`${displayPath(entry.path, cwd)}: too many levels of symbolic links`);
        continue; // a dangling link names nothing to lint
      }
      if (target.isDirectory()) {
        const targetReal = await realpath(entry.path);
        const home = await realpath(dirname(entry.path));
        if (home === targetReal || home.startsWith(targetReal + sep)) {
          throw new FileAccessError(`${displayPath(entry.path, cwd)}: symbolic link loop (it points back to a folder that contains it)`);
        }
        found.push(...(await expandDirectory(entry.path, cwd, visited)));
        continue;
      }
      isFile = target.isFile();
    }
    if (!isFile) continue;
    if (FLINK_CONFIG_FILE_NAME.test(entry.name)) found.push(entry.path);
    else if (HOST_FILE_NAME.test(entry.name) && (await holdsFlinkConfiguration(entry.path))) found.push(entry.path);
  }
  // Without links every path is its own file; only links can reach one file twice.
  return linked ? distinctRealFiles(found) : found;
}

/**
 * The files a glob names (no folders), through globby, loaded on first use; its errors (an
 * unreadable folder) become one-line messages. Synchronous: there is nothing else to do meanwhile,
 * and blocking calls cost less than thread-pool round trips.
 */
export async function globFiles(patterns: string | readonly string[], options: GlobbyOptions & { cwd: string }): Promise<string[]> {
  const { globbySync } = await import("globby");
  try {
    return globbySync(patterns, { ...options, ignore: [...(options.ignore ?? []), ...ALWAYS_IGNORED], dot: true });
  } catch (error) {
    throw fileAccessError(error, options.cwd);
  }
}

/** Whether a file found in a directory carries Flink configuration some host adapter reads (unreadable: no). */
async function holdsFlinkConfiguration(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  // Generated bundles can be huge; a host file worth linting is not.
  if (!info?.isFile() || info.size > 16 * 1024 * 1024) return false;
  const text = await readFile(file, "utf8").catch(() => "");
  return carriesFlinkConfiguration({ text, filename: file, options: {} });
}

/** Each real file once: the same file reached through a linked folder or a linked file is linted once. */
async function distinctRealFiles(found: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const files: string[] = [];
  for (const file of found) {
    const real = await realpath(file).catch(() => file);
    if (seen.has(real)) continue;
    seen.add(real);
    files.push(file);
  }
  return files;
}
