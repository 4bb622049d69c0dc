/**
 * The file-system side of linting: expanding arguments to files, reading bytes as Flink would
 * (UTF-8), and turning unreadable content into a diagnostic instead of a crash.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, relative, resolve } from "node:path";
import { dialectForFilename } from "../parser/index.js";
import { lint } from "./lint.js";
import type { Diagnostic, LintOptions, LintResult } from "../types.js";

/** A problem with the arguments or the file system: the CLI prints it and exits with 2. */
export class FileAccessError extends Error {
  override name = "FileAccessError";
}

/** What a directory argument expands to: the files Flink reads, under any prefix. */
const CONFIG_FILE_GLOBS = ["**/flink-conf.yaml", "**/*.flink-conf.yaml", "**/*-flink-conf.yaml", "**/config.yaml", "**/*.config.yaml", "**/*-config.yaml"];
const ALWAYS_IGNORED = ["**/node_modules/**", "**/.git/**"];

export interface FileLintResult {
  /** Path relative to the working directory when inside it, else absolute. */
  filePath: string;
  result: LintResult | undefined;
  diagnostics: Diagnostic[];
}

/** Decoded text, or the reason the bytes are no config file. */
export type DecodedText = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const ORIGIN = { line: 1, column: 1, offset: 0 };

function unreadable(messageId: string, message: string): DecodedText {
  return { ok: false, diagnostic: { ruleId: "parse", messageId, severity: "error", message, start: ORIGIN, end: ORIGIN } };
}

/** Reads bytes the way Flink does (UTF-8); a BOM is kept in the text so rules can point at it. */
export function decodeConfigBytes(bytes: Uint8Array): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return unreadable("utf16", "the file is UTF-16 encoded; Flink reads its configuration as UTF-8, so it would see no valid settings: save it as UTF-8");
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return unreadable("binary", `the file contains a NUL byte at offset ${nul}: it looks binary, not a Flink configuration file`);
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return unreadable("encoding", `the file is not valid UTF-8 (first invalid byte at offset ${at}); Flink reads its configuration as UTF-8: re-save the file as UTF-8`);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, found by bisection (a prefix may end mid-character: allow 3 bytes slack).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
    decoder.decode(); // reset streaming state
  }
  return lo;
}

/** Lints one file's bytes. */
export function lintBytes(bytes: Uint8Array, options: LintOptions): { result: LintResult | undefined; diagnostics: Diagnostic[] } {
  const decoded = decodeConfigBytes(bytes);
  if (!decoded.ok) return { result: undefined, diagnostics: [decoded.diagnostic] };
  const result = lint(decoded.text, options);
  return { result, diagnostics: result.diagnostics };
}

function looksLikeGlob(pattern: string): boolean {
  return /[*?[\]{}()!]/.test(pattern);
}

/**
 * Expands CLI arguments to files: existing files as given, directories to the Flink config files
 * below them, globs through globby; both honour .gitignore. A pattern that matches nothing is an error.
 */
export async function expandPatterns(patterns: readonly string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  const globby = (await import("globby")).globby;
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => error);
    if (!(info instanceof Error)) {
      if (info.isDirectory()) {
        const found = await globby(CONFIG_FILE_GLOBS, {
          cwd: absolute,
          gitignore: true,
          ignore: ALWAYS_IGNORED,
          absolute: true,
          dot: true,
          followSymbolicLinks: false,
        });
        for (const file of found.sort()) files.add(file);
        continue;
      }
      if (!info.isFile()) throw new FileAccessError(`${pattern}: not a regular file`);
      files.add(absolute);
      continue;
    }
    if (info.code === "EACCES") throw new FileAccessError(`${pattern}: permission denied`);
    if (info.code === "ELOOP") throw new FileAccessError(`${pattern}: too many levels of symbolic links`);
    if (!looksLikeGlob(pattern)) throw new FileAccessError(`${pattern}: no such file or directory`);
    const found = await globby(pattern, { cwd, gitignore: true, ignore: ALWAYS_IGNORED, absolute: true, dot: true });
    if (found.length === 0) throw new FileAccessError(`${pattern}: no files match this pattern`);
    for (const file of found.sort()) files.add(file);
  }
  return [...files];
}

/** Lints files and directories as the CLI does. Throws FileAccessError for what cannot be read. */
export async function lintFiles(
  patterns: readonly string[],
  options: Omit<LintOptions, "filename" | "siblingFiles"> & { cwd?: string } = {},
): Promise<FileLintResult[]> {
  const cwd = options.cwd ?? process.cwd();
  const files = await expandPatterns(patterns.length ? patterns : ["."], cwd);
  const siblingsByDir = new Map<string, Promise<string[]>>();
  const results: FileLintResult[] = [];
  for (const file of files) {
    const dir = dirname(file);
    let siblings = siblingsByDir.get(dir);
    if (!siblings) {
      siblings = readdir(dir).catch(() => []);
      siblingsByDir.set(dir, siblings);
    }
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new FileAccessError(`${displayPath(file, cwd)}: ${describeErrno(error)}`);
    });
    const filePath = displayPath(file, cwd);
    const { cwd: _cwd, ...lintOptions } = options;
    const { result, diagnostics } = lintBytes(bytes, {
      ...lintOptions,
      filename: filePath,
      siblingFiles: (await siblings).filter((name) => name !== basename(file)),
    });
    results.push({ filePath, result, diagnostics });
  }
  return results;
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
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
