/** `flinklint explain <file>`: the memory Flink derives from a file, as a table or as JSON. */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseConfig } from "../parser/index.js";
import { explainDocument, renderExplain } from "../model/explain.js";
import { decodeConfigBytes, describeErrno, displayPath, effectiveOptions, FileAccessError, ProjectConfigCache } from "../engine/files.js";
import { resolveDialect } from "../engine/lint.js";
import { resolveFlinkVersion } from "../engine/settings.js";
import { UsageError, type CliArguments } from "./args.js";
import type { CliIo } from "./main.js";

export async function explainFile(args: CliArguments, io: CliIo): Promise<number> {
  const file = args.patterns[0] ?? "";
  const absolute = resolve(io.cwd, file);
  const bytes = await readFile(absolute).catch((error: NodeJS.ErrnoException) => {
    throw new FileAccessError(`${file}: ${describeErrno(error)}`);
  });
  const decoded = decodeConfigBytes(bytes);
  if (!decoded.ok) throw new FileAccessError(`${file}: ${decoded.diagnostic.message}`);
  const project = await new ProjectConfigCache({
    ...(args.configPath !== undefined && { configPath: args.configPath }),
    noConfigLookup: args.noConfigLookup,
  }).forDirectory(resolve(absolute, ".."), io.cwd);
  const options = effectiveOptions(project, {
    ...(args.flinkVersion !== undefined && { flinkVersion: args.flinkVersion }),
    ...(args.deployment !== undefined && { deployment: args.deployment }),
    ...(args.dialect !== undefined && { dialect: args.dialect }),
  });
  const dialect = resolveDialect({ ...options, filename: absolute });
  const document = parseConfig(decoded.text, dialect);
  const explained = explainDocument(document, {
    flinkVersion: resolveFlinkVersion(options.flinkVersion, dialect),
    deployment: options.deployment ?? "standalone",
  });
  const shownPath = displayPath(absolute, io.cwd);
  if (args.format === "json") {
    io.stdout(`${JSON.stringify({ file: shownPath, ...explained.json }, null, 2)}\n`);
  } else if (args.format === undefined || args.format === "pretty") {
    const color = args.color ?? (io.env.NO_COLOR === undefined && io.env.FORCE_COLOR !== "0" && io.isTTY === true);
    io.stdout(renderExplain(explained, { file: shownPath, color }));
  } else {
    throw new UsageError(`explain prints pretty or json, not ${args.format}`);
  }
  return 0;
}
