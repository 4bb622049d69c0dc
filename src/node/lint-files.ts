/**
 * Linting on disk: each file of a scan read once as bytes (Flink reads UTF-8) and linted through
 * the one lint entry, with its folder's settings and its neighbours' names.
 */
import { basename, dirname, resolve } from "node:path";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { lintBytes, type TextLintOutcome } from "../lint-file.js";
import { describeErrno, displayPath, FileAccessError } from "./errors.js";
import { expandPatterns, includedFiles, NO_FLINK_FILES } from "./expand.js";
import { effectiveOptions, ProjectConfigCache, type LintFilesOptions } from "./settings.js";
import { writeFileAtomically } from "./write.js";

/**
 * One file's findings. Parsed documents are not kept: a run over thousands of files holds only
 * their diagnostics (use `lint()` for the document).
 */
export interface FileLintResult extends TextLintOutcome {
  /** Path relative to the working directory when inside it, else absolute. */
  filePath: string;
}

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
    if (configs.ignores(project, file)) continue;
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
