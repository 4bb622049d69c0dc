/**
 * The directory walk of a scan: every entry below a folder that git would not ignore, without
 * following links. One `readdir` per folder and no `stat` per file (the entry's type comes with
 * the listing); globby's walk stat-ed each of 10,000 files and cost six times the listing.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { dirname, join, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

/** What a walk finds: files and links, never folders (those it walks into). */
export interface WalkEntry {
  /** Absolute path. */
  path: string;
  /** The base name. */
  name: string;
  dirent: Dirent;
}

/** Folders no scan walks into, whatever the ignore files say. */
export const ALWAYS_IGNORED_FOLDERS: ReadonlySet<string> = new Set(["node_modules", ".git"]);

/** The rules of one `.gitignore`, for the paths below its folder. */
interface IgnoreFile {
  /** The folder, with a trailing separator. */
  base: string;
  rules: Ignore;
}

/**
 * Every file and link below `dir`, sorted by path, leaving out what the `.gitignore` files of the
 * repository ignore: those in the folders from the repository's root down to `dir` and those met
 * on the way, as git reads them (a deeper file's rule wins, and an ignored folder is not entered).
 * An unreadable folder throws the `readdir` error, with its path.
 */
export function walkDirectory(dir: string): WalkEntry[] {
  const found: WalkEntry[] = [];
  visit(dir, ignoreFilesAbove(dir), found);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function visit(dir: string, inherited: readonly IgnoreFile[], found: WalkEntry[]): void {
  const entries = readdirSync(dir, { withFileTypes: true });
  let rules = inherited;
  if (entries.some((e) => e.name === ".gitignore" && !e.isDirectory())) {
    const own = readIgnoreFile(join(dir, ".gitignore"), dir);
    if (own !== undefined) rules = [...inherited, own];
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const isDirectory = entry.isDirectory();
    if (isDirectory && ALWAYS_IGNORED_FOLDERS.has(entry.name)) continue;
    if (rules.length > 0 && isIgnored(rules, path, isDirectory)) continue;
    if (isDirectory) visit(path, rules, found);
    else found.push({ path, name: entry.name, dirent: entry });
  }
}

/** Git's verdict: the last rule that matches, read from the shallowest `.gitignore` to the deepest. */
function isIgnored(rules: readonly IgnoreFile[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const { base, rules: file } of rules) {
    let rel = path.slice(base.length);
    if (sep !== "/") rel = rel.split(sep).join("/");
    const verdict = file.test(isDirectory ? `${rel}/` : rel);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

/** The `.gitignore` files of the folders above `dir` up to the repository's root (none outside a repository). */
function ignoreFilesAbove(dir: string): IgnoreFile[] {
  // From a repository's root itself, nothing above applies.
  if (exists(join(dir, ".git"))) return [];
  const folders: string[] = [];
  for (let folder = dirname(dir); ; folder = dirname(folder)) {
    folders.push(folder);
    if (exists(join(folder, ".git"))) break;
    if (dirname(folder) === folder) return [];
  }
  return folders
    .reverse()
    .map((folder) => readIgnoreFile(join(folder, ".gitignore"), folder))
    .filter((file): file is IgnoreFile => file !== undefined);
}

function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** An unreadable `.gitignore` ignores nothing, as git reads it. */
function readIgnoreFile(path: string, base: string): IgnoreFile | undefined {
  try {
    return { base: base.endsWith(sep) ? base : base + sep, rules: ignore().add(readFileSync(path, "utf8")) };
  } catch {
    return undefined;
  }
}
