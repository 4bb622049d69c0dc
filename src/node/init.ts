/**
 * `flinklint --init` on disk: reads what the repository holds, asks the core for the settings, and
 * writes `.flinklint.yaml` beside them; an existing settings file is never replaced.
 */
import { join, relative, sep } from "node:path";
import { planProjectConfig, type InitFile, type InitPlan } from "../hosts/init-config.js";
import { PROJECT_CONFIG_NAMES } from "../engine/project-config.js";
import { FileAccessError } from "./errors.js";
import { expandPatterns } from "./expand.js";
import { walkDirectory } from "./walk.js";
import { readFile, stat, writeFile } from "./fs-async.js";

/** Files that may name the Flink version or the deployment: builds, Dockerfiles, YAML, scripts. */
const EVIDENCE_FILE = /(?:^pom\.xml|^build\.gradle(?:\.kts)?|^gradle\.properties|^build\.sbt|\.versions\.toml|^Dockerfile.*|.*\.Dockerfile|\.ya?ml|\.sh|\.bash|\.mk|^Makefile)$/;
/** Larger files are data, not settings; they are not read for hints. */
const MAX_EVIDENCE_BYTES = 1024 * 1024;
const MAX_EVIDENCE_FILES = 5000;

export interface InitOutcome extends InitPlan {
  /** Where the settings were written. */
  path: string;
}

function toSlashes(path: string): string {
  return path.split(sep).join("/");
}

export async function initProjectConfig(root: string): Promise<InitOutcome> {
  for (const name of PROJECT_CONFIG_NAMES) {
    const existing = await stat(join(root, name)).catch(() => undefined);
    if (existing) throw new FileAccessError(`${name} already exists; flinklint --init does not replace it (edit it, or delete it first)`);
  }
  let lintable: string[] = [];
  try {
    lintable = (await expandPatterns(["."], root)).map((file) => toSlashes(relative(root, file)));
  } catch (error) {
    // A repository without Flink files yet still gets the commented settings.
    if (!(error instanceof FileAccessError) || !/no Flink configuration files/.test(error.message)) throw error;
  }
  const candidates = walkDirectory(root)
    .filter((entry) => entry.dirent.isFile() && EVIDENCE_FILE.test(entry.name))
    .map((entry) => toSlashes(relative(root, entry.path)))
    .sort()
    .slice(0, MAX_EVIDENCE_FILES);
  const evidence: InitFile[] = [];
  for (const path of candidates) {
    try {
      const absolute = join(root, path);
      if ((await stat(absolute)).size > MAX_EVIDENCE_BYTES) continue;
      evidence.push({ path, text: await readFile(absolute, "utf8") });
    } catch {
      // An unreadable file gives no hint; the lint itself reports it.
    }
  }
  const plan = planProjectConfig({ lintable, evidence });
  const path = join(root, PROJECT_CONFIG_NAMES[0]);
  try {
    // `wx`: fails if the file appeared meanwhile, so nothing is ever overwritten.
    await writeFile(path, plan.text, { flag: "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new FileAccessError(`${PROJECT_CONFIG_NAMES[0]} already exists; flinklint --init does not replace it`);
    throw new FileAccessError(`${PROJECT_CONFIG_NAMES[0]}: cannot be written (${code ?? (error as Error).message})`);
  }
  return { ...plan, path };
}
