/** `--fix` on disk: a file's content replaced whole or not at all. */
import { basename, dirname, join } from "node:path";
import { chmod, realpath, rename, stat, unlink, writeFile } from "./fs-async.js";
import { describeErrno, FileAccessError } from "./errors.js";

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


/** Writes a report (`--output-file`) atomically, so a reader never sees half of it. */
export async function writeReport(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new FileAccessError(`cannot write ${path}: ${(error as Error).message}`);
  }
}
