/** `flinklint explain <file>`: the memory Flink derives from a file, as a table or as JSON. */
import { readFile } from "../util/fs-async.js";
import { resolve } from "node:path";
import { parseConfig } from "../parser/index.js";
import { explainDocument, renderExplain } from "../model/explain.js";
import { explainManifest, explainManifestResults, looksLikeFlinkManifest } from "../k8s/lint.js";
import { decodeConfigBytes, describeErrno, displayPath, FileAccessError, settingsForFile } from "../engine/files.js";
import { resolveDialect } from "../engine/lint.js";
import { resolveFlinkVersion } from "../engine/settings.js";
import { toLintFilesOptions, UsageError, type CliArguments } from "./args.js";
import type { CliIo } from "./main.js";
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
  if (options.dialect === undefined && looksLikeFlinkManifest(decoded.text)) {
    return explainManifestFile(decoded.text, shownPath, args, options.flinkVersion, io);
  }
  const dialect = resolveDialect({ ...options, filename: absolute });
  const document = parseConfig(decoded.text, dialect);
  const explained = explainDocument(document, {
    flinkVersion: resolveFlinkVersion(options.flinkVersion, dialect),
    deployment: options.deployment ?? "standalone",
  });
  if (args.format === "json") {
    io.stdout(`${JSON.stringify({ file: shownPath, ...explained.json }, null, 2)}\n`);
  } else if (args.format === undefined || args.format === "pretty") {
    io.stdout(renderExplain(explained, { file: shownPath, color: useColor(args, io) }));
  } else {
    throw new UsageError(`explain prints pretty or json, not ${args.format}`);
  }
  return 0;
}

function useColor(args: CliArguments, io: CliIo): boolean {
  return wantsColour(args.color, io.env, () => io.isTTY === true);
}

/** A manifest: one breakdown per FlinkDeployment, with the version its spec names unless overridden. */
function explainManifestFile(text: string, shownPath: string, args: CliArguments, flinkVersion: string | undefined, io: CliIo): number {
  const options = flinkVersion === undefined ? {} : { flinkVersion };
  if (args.format === "json") {
    const explained = explainManifest(text, options).map((json) => ({ file: shownPath, ...json }));
    io.stdout(`${JSON.stringify(explained, null, 2)}\n`);
    return 0;
  }
  const results = explainManifestResults(text, options);
  if (results.length === 0) throw new FileAccessError(`${shownPath}: no FlinkDeployment in this manifest`);
  const color = useColor(args, io);
  io.stdout(results.map(({ name, explained }) => renderExplain(explained, { file: `${shownPath} (FlinkDeployment ${name})`, color })).join("\n"));
  return 0;
}
