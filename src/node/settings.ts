/**
 * The settings of a file-system run: `.flinklint.yaml` files found beside the files (each folder
 * looked up once), merged under the command line's, and the files they tell a scan to skip.
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { readFileSync, statSync, type Stats } from "node:fs";
import ignore, { type Ignore } from "ignore";
import { rules } from "../../rules/index.js";
import { parseProjectConfig, PROJECT_CONFIG_NAMES, type ProjectConfig } from "../engine/project-config.js";
import type { LintOptions } from "../types.js";
import { describeErrno, displayPath, FileAccessError } from "./errors.js";

/** Settings of a file-system lint run: lint options less what is per file, plus where config comes from. */
/** A `lintFiles` call is a run of its own (and its files may cross to worker threads): it takes no session. */
export type LintFilesOptions = Omit<LintOptions, "filename" | "siblingFiles" | "session"> & {
  cwd?: string;
  /** Use this `.flinklint.yaml` for every file instead of looking one up. */
  configPath?: string;
  /** Don't look up `.flinklint.yaml` files at all. */
  noConfigLookup?: boolean;
  /** "write" applies safe fixes to the files; "dry-run" only computes them. */
  fix?: "write" | "dry-run";
  /** Threads that lint the files (1: this one); by default half the CPUs for a large tree, one for a few files (defaultJobs). */
  jobs?: number;
};

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
  const { cwd: _cwd, configPath: _configPath, noConfigLookup: _noLookup, fix: _fix, jobs: _jobs, ...cli } = options;
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

/** Finds and reads `.flinklint.yaml` files, each folder looked up once. */
export class ProjectConfigCache {
  private readonly byDirectory = new Map<string, Promise<ProjectConfig | undefined>>();
  private explicit: Promise<ProjectConfig> | undefined;
  /** Each settings file's `ignore` patterns, compiled once for the files of a run. */
  private readonly ignoreRules = new Map<ProjectConfig, Ignore>();

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

  /** Whether the settings' `ignore` patterns (relative to their file's folder) skip this file. */
  ignores(project: ProjectConfig | undefined, file: string): boolean {
    if (!project?.path || project.ignore.length === 0) return false;
    const rel = relative(dirname(project.path), file);
    if (!rel || rel.startsWith("..") || isAbsolute(rel)) return false;
    let rules = this.ignoreRules.get(project);
    if (rules === undefined) this.ignoreRules.set(project, (rules = ignore().add(project.ignore)));
    return rules.ignores(sep === "/" ? rel : rel.split(sep).join("/"));
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
