/**
 * `flinklint migrate <flink-conf.yaml>`: prints (or with --write, writes beside the input) the
 * `config.yaml` Flink 2.x reads with the same meaning; the work is the core's `migrateConfig`.
 * Exit 0 when everything was carried over, 1 when a setting has no 2.x equivalent (it is kept as a
 * comment and listed), 2 for usage and file errors (including an existing config.yaml without --force).
 */
import { basename, dirname, join, resolve } from "node:path";
import { readFile, stat } from "../node/fs-async.js";
import { describeErrno, displayPath, FileAccessError } from "../node/errors.js";
import { writeFileAtomically, writeReport } from "../node/write.js";
import { decodeConfigBytes } from "../engine/decode.js";
import { migrateConfig, type MigrationChange } from "../migrate/migrate.js";
import type { CliArguments } from "./args.js";
import type { CliIo } from "./io.js";

/** The file Flink 2.x reads instead: `flink-conf.yaml` → `config.yaml` (`a.flink-conf.yaml` → `a.config.yaml`). */
export function migratedName(file: string): string {
  const name = basename(file);
  return join(dirname(file), name.endsWith("flink-conf.yaml") ? `${name.slice(0, -"flink-conf.yaml".length)}config.yaml` : "config.yaml");
}

export async function migrateFile(args: CliArguments, io: CliIo): Promise<number> {
  const file = args.patterns[0] ?? "";
  const options = args.migrate ?? { to: "2.1", style: "nested", format: "yaml", write: false, force: false };
  const absolute = resolve(io.cwd, file);
  const bytes = await readFile(absolute).catch((error: NodeJS.ErrnoException) => {
    throw new FileAccessError(`${file}: ${describeErrno(error)}`);
  });
  const decoded = decodeConfigBytes(bytes);
  if (!decoded.ok) throw new FileAccessError(`${file}: ${decoded.diagnostic.message}`);
  const deployment = args.deployment ?? "standalone";
  const result = migrateConfig(decoded.text, { to: options.to, deployment, style: options.style });
  const shownPath = displayPath(absolute, io.cwd);

  let written: string | undefined;
  if (options.write) {
    const target = migratedName(absolute);
    const exists = await stat(target).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw new FileAccessError(`${displayPath(target, io.cwd)}: ${describeErrno(error)}`);
      },
    );
    if (exists && !options.force) {
      throw new FileAccessError(`${displayPath(target, io.cwd)} already exists; flinklint migrate does not replace it without --force`);
    }
    // Both write a temporary file and rename it over the target: a reader never sees half a file.
    if (exists) await writeFileAtomically(target, result.text);
    else await writeReport(target, result.text);
    written = displayPath(target, io.cwd);
  }

  if (options.format === "json") {
    const json = {
      file: shownPath,
      to: options.to,
      deployment,
      style: options.style,
      ...(written !== undefined && { written }),
      complete: !result.incomplete,
      changes: result.changes,
      text: result.text,
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    if (written === undefined) io.stdout(result.text);
    const report = io.stderr;
    for (const change of result.changes) report(`${shownPath}:${change.line}: ${describeChange(change)}\n`);
    if (written !== undefined) io.stdout(`flinklint: wrote ${written} for Flink ${options.to} (${result.changes.length} change${result.changes.length === 1 ? "" : "s"})\n`);
  }
  return result.incomplete ? 1 : 0;
}

function describeChange(change: MigrationChange): string {
  const from = change.oldKey !== undefined ? `${change.oldKey}: ${change.oldValue ?? ""}` : (change.oldValue ?? "");
  const to = change.newKey !== undefined ? `${change.newKey}: ${change.newValue ?? ""}` : "";
  const what = change.kind === "quoted" ? to : to !== "" && to !== from ? `${from} -> ${to}` : from;
  return `${change.kind}: ${what} (${change.reason})`;
}
