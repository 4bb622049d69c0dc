/** `flinklint explain <file>`: the memory Flink derives from a file, as a table or as JSON. */
import { readFile } from "../node/fs-async.js";
import { resolve } from "node:path";
import { explainDocument, renderExplain, type ExplainResult } from "../formatters/explain.js";
import { readHost } from "../hosts/index.js";
import type { ConfigDocument, ConfigTarget } from "../types.js";
import { decodeConfigBytes } from "../engine/decode.js";
import { describeErrno, displayPath, FileAccessError } from "../node/errors.js";
import { settingsForFile } from "../node/settings.js";
import { resolveFlinkVersion } from "../engine/settings.js";
import { toLintFilesOptions, UsageError, type CliArguments } from "./args.js";
import type { CliIo } from "./io.js";
import { wantsColour } from "./colour.js";

export async function explainFile(args: CliArguments, io: CliIo): Promise<number> {
  const file = args.patterns[0] ?? "";
  const absolute = resolve(io.cwd, file);
  const bytes = await readFile(absolute).catch((error: NodeJS.ErrnoException) => {
    throw new FileAccessError(`${file}: ${describeErrno(error)}`);
  });
  const decoded = decodeConfigBytes(bytes);
  if (!decoded.ok) throw new FileAccessError(`${file}: ${decoded.diagnostic.message}`);
  const { options } = await settingsForFile(absolute, toLintFilesOptions(args, io.cwd));
  const shownPath = displayPath(absolute, io.cwd);
  const reading = readHost({ text: decoded.text, filename: absolute, options });
  const explained = reading.targets
    .filter((target) => target.processes.length > 0)
    .map((target) => ({
      target,
      explained: explainDocument(target.document, {
        flinkVersion: resolveFlinkVersion(options.flinkVersion ?? target.flinkVersion, target.document.dialect),
        deployment: target.deployment ?? options.deployment ?? "standalone",
      }),
    }));
  if (args.format !== undefined && args.format !== "pretty" && args.format !== "json") {
    throw new UsageError(`explain prints pretty or json, not ${args.format}`);
  }
  const single = reading.targets.length === 1 && reading.targets[0]?.name === "" ? explained[0] : undefined;
  if (single !== undefined) {
    // A Flink file: one breakdown.
    if (args.format === "json") io.stdout(`${JSON.stringify({ file: shownPath, ...single.explained.json }, null, 2)}\n`);
    else io.stdout(renderExplain(single.explained, { file: shownPath, color: useColor(args, io) }));
    return refusedAny(explained);
  }
  // A host file: one breakdown per configuration that starts Flink processes, each named.
  if (args.format === "json") {
    const json = explained.map(({ target, explained: e }) => ({
      file: shownPath,
      name: target.name,
      ...(target.namespace !== undefined && { namespace: target.namespace }),
      processes: target.processes,
      ...e.json,
      settings: effectiveSettings(target.document),
    }));
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return refusedAny(explained);
  }
  if (explained.length === 0) throw new FileAccessError(`${shownPath}: ${reading.notice ?? `no Flink process configuration in this ${reading.host}`}`);
  const color = useColor(args, io);
  io.stdout(
    explained.map(({ target, explained: e }) => renderExplain(e, { file: `${shownPath} (${target.what} ${target.name})`, color, processes: target.processes })).join("\n"),
  );
  return refusedAny(explained);
}

/** Exit code 1 when Flink would refuse to start a process one of the configurations starts, as lint exits 1 on an error. */
function refusedAny(explained: ReadonlyArray<{ target: ConfigTarget; explained: ExplainResult }>): number {
  const refused = explained.some(({ target, explained: e }) => target.processes.some((process) => !e.json[process].ok));
  return refused ? 1 : 0;
}

function useColor(args: CliArguments, io: CliIo): boolean {
  return wantsColour(args.color, io.env, () => io.isTTY === true);
}

/**
 * Each setting Flink ends up with and where it comes from: the host file's line for a value the
 * user wrote, or the place a host names for a value it brings in (an image's default file).
 */
function effectiveSettings(document: ConfigDocument): Array<{ key: string; value: string; from: string }> {
  return [...document.byKey.entries()].flatMap(([key, entries]) => {
    const last = entries[entries.length - 1];
    if (last === undefined) return [];
    return [{ key, value: last.value.text, from: last.label ?? `line ${last.keyRange.start.line}` }];
  });
}
