/**
 * `flinklint explain <file>`: the memory Flink derives from a file, as a table, as JSON, as the
 * memory figure (SVG) or as a page with the figures, the breakdown and the findings (HTML).
 */
import { readFile } from "../node/fs-async.js";
import { resolve } from "node:path";
import { renderExplain } from "../formatters/explain.js";
import { renderExplainHtml } from "../formatters/explain-html.js";
import { renderMemorySvg, type MemoryFigureInput } from "../formatters/figure.js";
import { explainText, type ExplainedTarget } from "../explain.js";
import type { ConfigDocument } from "../types.js";
import { decodeConfigBytes } from "../engine/decode.js";
import { describeErrno, displayPath, FileAccessError } from "../node/errors.js";
import { settingsForFile } from "../node/settings.js";
import { writeReport } from "../node/write.js";
import { lintText } from "../lint-file.js";
import { toLintFilesOptions, type CliArguments } from "./args.js";
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
  const explanation = explainText(decoded.text, { ...options, filename: absolute });
  const { targets } = explanation;
  const output = (text: string) => (args.outputFile !== undefined ? writeReport(resolve(io.cwd, args.outputFile), text) : io.stdout(text));
  const single = explanation.single ? targets[0] : undefined;
  const format = args.explainFormat ?? "pretty";
  if (format === "svg" || format === "html") {
    if (targets.length === 0) throw new FileAccessError(`${shownPath}: ${explanation.notice ?? `no Flink process configuration in this ${explanation.host}`}`);
    const sections = targets.map((t) => figureInput(t, single !== undefined ? shownPath : `${shownPath}: ${t.target.what} ${t.target.name}`));
    if (format === "svg") await output(renderMemorySvg(sections));
    else {
      const { diagnostics } = lintText(decoded.text, { ...options, filename: absolute });
      await output(renderExplainHtml({ file: shownPath, host: explanation.host, sections, diagnostics }));
    }
    return refusedAny(targets);
  }
  if (single !== undefined) {
    // A Flink file: one breakdown.
    if (format === "json") await output(`${JSON.stringify({ file: shownPath, ...single.explained.json }, null, 2)}\n`);
    else await output(renderExplain(single.explained, { file: shownPath, color: useColor(args, io) }));
    return refusedAny(targets);
  }
  // A host file: one breakdown per configuration that starts Flink processes, each named.
  if (format === "json") {
    const json = targets.map(({ target, explained: e }) => ({
      file: shownPath,
      name: target.name,
      ...(target.namespace !== undefined && { namespace: target.namespace }),
      processes: target.processes,
      ...e.json,
      settings: effectiveSettings(target.document),
    }));
    await output(`${JSON.stringify(json, null, 2)}\n`);
    return refusedAny(targets);
  }
  if (targets.length === 0) throw new FileAccessError(`${shownPath}: ${explanation.notice ?? `no Flink process configuration in this ${explanation.host}`}`);
  const color = useColor(args, io);
  await output(
    targets.map(({ target, explained: e }) => renderExplain(e, { file: `${shownPath} (${target.what} ${target.name})`, color, processes: target.processes })).join("\n"),
  );
  return refusedAny(targets);
}

/** What the figure draws for one configuration: the processes it starts, under its name. */
function figureInput({ target, explained }: ExplainedTarget, title: string): MemoryFigureInput {
  return { title, explained, config: target.document.config, processes: target.processes };
}

/** Exit code 1 when Flink would refuse to start a process one of the configurations starts, as lint exits 1 on an error. */
function refusedAny(targets: readonly ExplainedTarget[]): number {
  const refused = targets.some(({ target, explained: e }) => target.processes.some((process) => !e.json[process].ok));
  return refused ? 1 : 0;
}

function useColor(args: CliArguments, io: CliIo): boolean {
  // A file is no terminal: --output-file gets no colours unless asked for.
  return wantsColour(args.color, io.env, () => args.outputFile === undefined && io.isTTY === true);
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
