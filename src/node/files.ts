/**
 * The file-system side of linting: expanding arguments to files, reading bytes as Flink would
 * (UTF-8), and turning unreadable content into a diagnostic instead of a crash.
 */
import { chmod, readFile, realpath, rename, stat, unlink, writeFile } from "./fs-async.js";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { readdirSync, readFileSync, statSync, type Stats } from "node:fs";
import ignore from "ignore";
import type { GlobEntry, Options as GlobbyOptions } from "globby";
import { dialectForFilename } from "../parser/index.js";
import { rules } from "../../rules/index.js";
import { carriesFlinkConfiguration } from "../hosts/index.js";
import { lintBytes, type TextLintOutcome } from "../lint-file.js";
import { FLINK_CONFIG_FILE_NAME } from "../engine/identify.js";
import { parseProjectConfig, PROJECT_CONFIG_NAMES, type ProjectConfig } from "../engine/project-config.js";
import type { LintOptions } from "../types.js";

/** A problem with the arguments or the file system: the CLI prints it and exits with 2. */
export class FileAccessError extends Error {
  override name = "FileAccessError";
}

export const ALWAYS_IGNORED = ["**/node_modules/**", "**/.git/**"];

/**
 * One file's findings. Parsed documents are not kept: a run over thousands of files holds only
 * their diagnostics (use `lint()` for the document).
 */
export interface FileLintResult extends TextLintOutcome {
  /** Path relative to the working directory when inside it, else absolute. */
  filePath: string;
}

/**
 * Replaces a file's content atomically: a temporary file beside it, the same mode, then a rename,
 * so a crash never leaves half a file. A symbolic link is followed, not replaced.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const target = await realpath(path);
  const { mode } = await stat(target);
  const temporary = join(dirname(target), `.${basename(target)}.flinklint-${process.pid}-${Date.now()}.tmp`);
  try {
    await writeFile(temporary, text, { flag: "wx", mode });
    await chmod(temporary, mode);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new FileAccessError(`${path}: cannot write the fixed file: ${describeErrno(error as NodeJS.ErrnoException)}`);
  }
}

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

/**
 * Expands CLI arguments to files: existing files as given, directories to the Flink config files
 * (and operator manifests) below them, globs through globby; both honour .gitignore. A pattern
 * that matches nothing, or a directory without any Flink file, is an error.
 */
const NO_FLINK_FILES = "no Flink configuration files in this directory";

/**
 * The YAML files of a scan that hold a ConfigMap, for workloads in other files that mount one
 * (Flink's Kubernetes docs keep the ConfigMap and each Deployment apart). Unreadable or huge files
 * are left to their own lint, which reports them.
 */
function configMapsAmong(files: readonly string[], cwd: string): Array<{ path: string; text: string }> {
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

/**
 * The files `.flinklint.yaml`'s `include` patterns name inside the folders being scanned: a scan
 * lints them as if they had been named (a CI workflow that calls `flink run`).
 */
async function includedFiles(patterns: readonly string[], cwd: string, configs: ProjectConfigCache): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    const dir = resolve(cwd, pattern);
    const info = statOrError(dir);
    if (info instanceof Error || !info.isDirectory()) continue;
    const project = await configs.forDirectory(dir, cwd);
    if (!project?.path || !project.include?.length) continue;
    const found = await walk(project.include, { cwd: dirname(project.path), absolute: true, dot: true, ignore: ALWAYS_IGNORED });
    for (const file of found.sort()) if ((file === dir || file.startsWith(dir + sep)) && !files.includes(file)) files.push(file);
  }
  return files;
}

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
    const found = await walk(pattern, { cwd, gitignore: true, ignore: ALWAYS_IGNORED, absolute: true, dot: true });
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
 * The Flink files below a directory. globby walks without following links (a folder of links back
 * to itself would otherwise be walked exponentially); each linked folder is then walked on its own,
 * once per real folder, and a link that points back at a folder containing it is an error.
 */
async function expandDirectory(dir: string, cwd: string, visited: Set<string>): Promise<string[]> {
  const real = await realpath(dir);
  if (visited.has(real)) return [];
  visited.add(real);
  const entries = await walk(["**/*"], {
    cwd: dir,
    gitignore: true,
    ignore: ALWAYS_IGNORED,
    absolute: true,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
  });
  const found: string[] = [];
  let linked = visited.size > 1;
  for (const entry of entries.sort((a, b) => (a.path < b.path ? -1 : 1))) {
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
 * globby, loaded on first use; its errors (an unreadable folder) become one-line messages. The
 * synchronous walk: with .gitignore support globby stats every entry, and 10,000 stats through
 * the thread pool took three times as long as blocking ones, with nothing else to do meanwhile.
 */
export async function walk(patterns: string | readonly string[], options: GlobbyOptions & { objectMode: true }): Promise<GlobEntry[]>;
export async function walk(patterns: string | readonly string[], options: GlobbyOptions): Promise<string[]>;
export async function walk(patterns: string | readonly string[], options: GlobbyOptions): Promise<Array<string | GlobEntry>> {
  const { globbySync } = await import("globby");
  try {
    return globbySync(patterns, options);
  } catch (error) {
    const errno = error as NodeJS.ErrnoException & { path?: string };
    if (typeof errno.code !== "string") throw error;
    const where = errno.path === undefined ? String(patterns) : displayPath(errno.path, options.cwd?.toString() ?? "");
    throw new FileAccessError(`${where}: ${describeErrno(errno)}`);
  }
}

/** Settings of a file-system lint run: lint options less what is per file, plus where config comes from. */
export type LintFilesOptions = Omit<LintOptions, "filename" | "siblingFiles"> & {
  cwd?: string;
  /** Use this `.flinklint.yaml` for every file instead of looking one up. */
  configPath?: string;
  /** Don't look up `.flinklint.yaml` files at all. */
  noConfigLookup?: boolean;
  /** "write" applies safe fixes to the files; "dry-run" only computes them. */
  fix?: "write" | "dry-run";
};

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

/** Lints files and directories as the CLI does. Throws FileAccessError for what cannot be read. */
export async function lintFiles(patterns: readonly string[], options: LintFilesOptions = {}): Promise<FileLintResult[]> {
  const cwd = options.cwd ?? process.cwd();
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
  // Read only if a workload mounts a ConfigMap its own file lacks, and then once for the whole scan.
  let configMaps: Array<{ path: string; text: string }> | undefined;
  const scanFiles = () => (configMaps ??= configMapsAmong(files, cwd));
  const siblingsByDir = new Map<string, string[]>();
  const results: FileLintResult[] = [];
  for (const file of files) {
    const dir = dirname(file);
    const project = await configs.forDirectory(dir, cwd);
    if (project && isIgnoredBy(project, file)) continue;
    let siblings = siblingsByDir.get(dir);
    if (!siblings) {
      siblings = readdirOrEmpty(dir);
      siblingsByDir.set(dir, siblings);
    }
    const bytes = readBytes(file, cwd);
    const filePath = displayPath(file, cwd);
    const own = basename(file);
    const outcome = lintBytes(
      bytes,
      {
        ...effectiveOptions(project, options),
        ...(files.length > 1 && { scanFiles }),
        filename: filePath,
        siblingFiles: siblings.filter((name) => name !== own),
      },
      options.fix ?? false,
    );
    if (outcome.notice !== undefined && outcome.diagnostics.length === 0 && !named.has(resolve(cwd, file))) continue;
    if (outcome.fixed && options.fix === "write") await writeFileAtomically(file, outcome.fixed.output);
    results.push({ filePath, ...outcome });
  }
  return results;
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Reads synchronously: for thousands of small files one blocking read beats the four thread-pool
 * round trips of fs/promises per file, and there is nothing else to do while waiting.
 */
function readBytes(file: string, cwd: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new FileAccessError(`${displayPath(file, cwd)}: ${describeErrno(error as NodeJS.ErrnoException)}`);
  }
}

/**
 * The settings that apply to one file outside a directory walk (stdin, explain, --print-config):
 * the nearest `.flinklint.yaml` (or the one named), merged under the command line's.
 */
export async function settingsForFile(
  file: string,
  options: LintFilesOptions,
): Promise<{ project: ProjectConfig | undefined; options: LintOptions }> {
  const cwd = options.cwd ?? process.cwd();
  const project = await new ProjectConfigCache(options).forDirectory(dirname(resolve(cwd, file)), cwd);
  return { project, options: effectiveOptions(project, options) };
}

/** Command-line settings win over the project file's. */
export function effectiveOptions(project: ProjectConfig | undefined, options: LintFilesOptions): LintOptions {
  const { cwd: _cwd, configPath: _configPath, noConfigLookup: _noLookup, fix: _fix, ...cli } = options;
  const merged: LintOptions = { ...cli };
  const flinkVersion = cli.flinkVersion ?? project?.flinkVersion;
  const deployment = cli.deployment ?? project?.deployment;
  const dialect = cli.dialect ?? project?.dialect;
  if (flinkVersion !== undefined) merged.flinkVersion = flinkVersion;
  if (deployment !== undefined) merged.deployment = deployment;
  if (dialect !== undefined) merged.dialect = dialect;
  if (project && Object.keys(project.rules).length) merged.rules = { ...project.rules, ...cli.rules };
  if (project?.operatorDefaultsFile !== undefined && cli.operatorDefaults === undefined) merged.operatorDefaults = project.operatorDefaultsFile;
  return merged;
}

function isIgnoredBy(project: ProjectConfig, file: string): boolean {
  if (!project.path || project.ignore.length === 0) return false;
  const rel = relative(dirname(project.path), file);
  if (!rel || rel.startsWith("..") || isAbsolute(rel)) return false;
  return ignore().add(project.ignore).ignores(rel.split(sep).join("/"));
}

/** Finds and reads `.flinklint.yaml` files, each folder looked up once. */
export class ProjectConfigCache {
  private readonly byDirectory = new Map<string, Promise<ProjectConfig | undefined>>();
  private explicit: Promise<ProjectConfig> | undefined;

  constructor(private readonly options: Pick<LintFilesOptions, "configPath" | "noConfigLookup">) {}

  async forDirectory(dir: string, cwd: string): Promise<ProjectConfig | undefined> {
    if (this.options.configPath !== undefined) {
      this.explicit ??= readProjectConfig(resolve(cwd, this.options.configPath), this.options.configPath);
      return this.explicit;
    }
    if (this.options.noConfigLookup) return undefined;
    let found = this.byDirectory.get(dir);
    if (!found) {
      found = this.lookUp(dir, cwd);
      this.byDirectory.set(dir, found);
    }
    return found;
  }

  private async lookUp(dir: string, cwd: string): Promise<ProjectConfig | undefined> {
    for (const name of PROJECT_CONFIG_NAMES) {
      const candidate = join(dir, name);
      // Synchronous, and no exception for a missing file: a one-file run asks in every parent folder.
      let info: Stats | undefined;
      try {
        info = statSync(candidate, { throwIfNoEntry: false });
      } catch {
        info = undefined;
      }
      if (info?.isFile()) return readProjectConfig(candidate, displayPath(candidate, cwd));
    }
    const parent = dirname(dir);
    return parent === dir ? undefined : this.forDirectory(parent, cwd);
  }
}

async function readProjectConfig(path: string, shownAs: string): Promise<ProjectConfig> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new FileAccessError(`${shownAs}: ${describeErrno(error as NodeJS.ErrnoException)}`);
  }
  const config = parseProjectConfig(text, shownAs, rules.map((r) => r.meta.id));
  if (config.operatorDefaults !== undefined) {
    const defaultsPath = resolve(dirname(path), config.operatorDefaults);
    try {
      config.operatorDefaultsFile = { name: config.operatorDefaults, text: readFileSync(defaultsPath, "utf8") };
    } catch (error) {
      throw new FileAccessError(`${shownAs}: operator-defaults ${config.operatorDefaults}: ${describeErrno(error as NodeJS.ErrnoException)}`);
    }
  }
  return { ...config, path };
}

export function displayPath(file: string, cwd: string): string {
  // A walked file below cwd (the usual case, thousands of times a run) without path.relative's work:
  // the rest after cwd and a separator, when it has no empty, `.` or `..` segment.
  if (file.startsWith(cwd) && file[cwd.length] === sep) {
    const rest = file.slice(cwd.length + 1);
    if (rest !== "" && !/(?:^|[\\/])\.{0,2}(?:[\\/]|$)/.test(rest)) return rest;
  }
  const rel = relative(cwd, file);
  const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  return rel && !outside ? rel : file;
}

export function describeErrno(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ELOOP":
      return "too many levels of symbolic links";
    default:
      return error.message;
  }
}

/** Whether flinklint recognises the file name as a Flink configuration file. */
export function isFlinkConfigFile(path: string): boolean {
  return dialectForFilename(basename(path)) !== undefined;
}
