/** File-system failures as one-line messages, and paths as they are shown. */
import { isAbsolute, relative, sep } from "node:path";

/** A problem with the arguments or the file system: the CLI prints it and exits with 2. */
export class FileAccessError extends Error {
  override name = "FileAccessError";
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

/** A failed `readdir`/`open` as a FileAccessError naming the path; anything else is rethrown. */
export function fileAccessError(error: unknown, cwd: string): FileAccessError {
  const errno = error as NodeJS.ErrnoException & { path?: string };
  if (typeof errno.code !== "string") throw error;
  const where = errno.path === undefined ? "." : displayPath(errno.path, cwd);
  return new FileAccessError(`${where}: ${describeErrno(errno)}`);
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

