/**
 * The CLI: a thin shell over the library. `run` returns the exit code and writes only through `io`,
 * so tests drive it like a user would without spawning a process.
 */
import { readFileSync } from "node:fs";
import { readFile, stat } from "../node/fs-async.js";
import { writeReport } from "../node/write.js";
import { decodeConfigBytes } from "../engine/decode.js";
import type { LintOptions } from "../types.js";
import { resolve } from "node:path";
import { displayPath, FileAccessError } from "../node/errors.js";
import { lintFiles, type FileLintResult } from "../node/lint-files.js";
import { settingsForFile, type LintFilesOptions } from "../node/settings.js";
import { SettingsError } from "../engine/settings.js";
import { lintBytes } from "../lint-file.js";
import { wantsColour } from "./colour.js";
import { countBySeverity, type FileReport } from "../formatters/report.js";
import { parseCliArguments, toLintFilesOptions, USAGE, UsageError, type CliArguments, type FormatName } from "./args.js";
import type { CliIo } from "./io.js";

export type { CliIo };
/** The entry of a `--jobs` worker thread (it starts this bundle; see node/lint-pool.ts). */
export { serveLintJobs } from "../node/lint-worker.js";

export const EXIT_OK = 0;
export const EXIT_LINT_ERRORS = 1;
export const EXIT_FATAL = 2;

/** flinklint's version, from its package.json: three folders up when built (dist/src/cli), two in the source tree. */
export function packageVersion(): string {
  for (const path of ["../../../package.json", "../../package.json"]) {
    try {
      const read = JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as { name?: string; version: string };
      if (read.name === "flinklint") return read.version;
    } catch {
      // not this one
    }
  }
  return "unknown";
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArguments | undefined;
  try {
    args = parseCliArguments(argv);
    if (args.help) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    if (args.version) {
      io.stdout(`${packageVersion()}\n`);
      return EXIT_OK;
    }
    if (args.listRules) {
      io.stdout(await listRules());
      return EXIT_OK;
    }
    if (args.init) return await runInit(args, io);
    if (args.command === "explain") return await runExplain(args, io);
    if (args.command === "migrate") return await runMigrate(args, io);
    if (args.command === "lsp") {
      // The server takes over standard input and output until the editor sends exit.
      (await import("../lsp/server.js")).startServer();
      return EXIT_OK;
    }
    return await runLint(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`flinklint: ${error.message}\nRun "flinklint --help" for usage.\n`);
      return EXIT_FATAL;
    }
    if (error instanceof FileAccessError || error instanceof SettingsError) {
      io.stderr(`flinklint: ${error.message}\n`);
      return EXIT_FATAL;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`flinklint: internal error: ${detail}\n`);
    if (args?.debug || argv.includes("--debug")) io.stderr(`${error instanceof Error ? error.stack : ""}\n`);
    return EXIT_FATAL;
  }
}

async function runInit(args: CliArguments, io: CliIo): Promise<number> {
  const root = resolve(io.cwd, args.patterns[0] ?? ".");
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new FileAccessError(`${args.patterns[0] ?? "."}: not a directory`);
  const { initProjectConfig } = await import("../node/init.js");
  const plan = await initProjectConfig(root);
  const firstSource = (evidence: ReadonlyArray<{ value: string; source: string }>, value: string | undefined): string =>
    evidence.find((item) => item.value === value)?.source ?? "";
  const lines = [`Wrote ${displayPath(plan.path, io.cwd)}:`];
  lines.push(
    plan.flinkVersion !== undefined
      ? `  flink-version: ${plan.flinkVersion}  (${firstSource(plan.versions, plan.flinkVersion)})`
      : "  flink-version: not set (no build file, Dockerfile or image names one)",
  );
  lines.push(
    plan.deployment !== undefined
      ? `  deployment: ${plan.deployment}  (${firstSource(plan.deployments, plan.deployment)})`
      : `  deployment: not set (standalone)${plan.deployments.length > 0 ? "; more than one mode is in use" : ""}`,
  );
  lines.push(plan.ignore.length > 0 ? `  ignore: ${plan.ignore.join(", ")}` : "  ignore: nothing");
  lines.push(`A scan of this folder lints ${plan.linted} file${plan.linted === 1 ? "" : "s"}; run flinklint to see the findings.`);
  io.stdout(`${lines.join("\n")}\n`);
  return EXIT_OK;
}

async function runLint(args: CliArguments, io: CliIo): Promise<number> {
  const options = toLintFilesOptions(args, io.cwd);
  if (args.printConfig !== undefined) return printConfig(args.printConfig, options, io);
  const results = args.stdin ? [await lintStdin(args, options, io)] : await lintFiles(args.patterns, options);
  const formatName = args.format ?? (io.env.GITHUB_ACTIONS === "true" ? "github" : "pretty");
  // A diff on stdout only beside a report for people; a machine format stays one document, with
  // the fixed text in it (ESLint's `output`).
  const textFormat = formatName === "pretty" || formatName === "compact";
  if (args.fix === "dry-run" && textFormat) io.stdout(await fixDiffs(results));
  // Not an error by itself: the findings are reported as usual, the file is just left alone.
  for (const r of results) if (r.notFixed !== undefined) io.stderr(`flinklint: ${r.filePath}: not fixed: ${r.notFixed}\n`);
  // A named file that carries no Flink configuration: one line, not findings.
  for (const r of results) if (r.notice !== undefined) io.stderr(`flinklint: ${r.filePath}: ${r.notice}\n`);
  const reports = toReports(results, args.quiet, args.fix === "dry-run" && !textFormat);
  const output = await format(formatName, reports, io, wantsColour(args.color, io.env, () => io.isTTY === true), args.verbose);
  if (args.outputFile !== undefined) await writeReport(resolve(io.cwd, args.outputFile), typeof output === "string" ? output : [...output].join(""));
  else if (typeof output === "string") io.stdout(output);
  else writeInBatches(output, io);
  const { errors, warnings } = countBySeverity(reports);
  if (errors > 0) return EXIT_LINT_ERRORS;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr(`flinklint: too many warnings (${warnings}, --max-warnings ${args.maxWarnings})\n`);
    return EXIT_LINT_ERRORS;
  }
  return EXIT_OK;
}

/** Standard input, linted as if it were the file named by --stdin-filename (dialect, config lookup). */
async function lintStdin(args: CliArguments, options: LintFilesOptions, io: CliIo): Promise<FileLintResult> {
  const shownAs = args.stdinFilename ?? "<stdin>";
  const absolute = resolve(io.cwd, args.stdinFilename ?? "flink-conf.yaml");
  const settings = await settingsForFile(absolute, options);
  const bytes = await io.readStdin();
  const filePath = args.stdinFilename === undefined ? shownAs : displayPath(absolute, io.cwd);
  const outcome = lintBytes(bytes, { ...settings.options, filename: filePath }, args.fix ?? false);
  return { filePath, ...outcome };
}

async function printConfig(file: string, options: LintFilesOptions, io: CliIo): Promise<number> {
  const absolute = resolve(io.cwd, file);
  const { project, options: effective } = await settingsForFile(absolute, options);
  const { rules } = await import("../../rules/index.js");
  const { resolveDialect } = await import("../engine/lint.js");
  const { resolveFlinkVersion } = await import("../engine/settings.js");
  const dialect = resolveDialect({ ...effective, filename: absolute });
  const severities = Object.fromEntries(rules.map((r) => [r.meta.id, effective.rules?.[r.meta.id] ?? r.meta.severity]));
  const host = await hostOf(absolute, effective);
  const shown = {
    file: displayPath(absolute, io.cwd),
    configFile: project?.path ? displayPath(project.path, io.cwd) : null,
    // For a host file (a manifest, a Compose file) each configuration below says its own.
    ...(host.adapter === undefined || host.adapter === "flink-file"
      ? { dialect, flinkVersion: resolveFlinkVersion(effective.flinkVersion, dialect), deployment: effective.deployment ?? "standalone" }
      : {}),
    ...host.shown,
    ignore: project?.ignore ?? [],
    rules: severities,
  };
  io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
  return EXIT_OK;
}

/**
 * Which host adapter reads the file and the configurations it finds there, each with its layers
 * (lowest first); nothing when the file cannot be read (the settings still apply to it).
 */
async function hostOf(absolute: string, options: LintOptions): Promise<{ adapter?: string; shown: Record<string, unknown> }> {
  const bytes = await readFile(absolute).catch(() => undefined);
  const decoded = bytes === undefined ? undefined : decodeConfigBytes(bytes);
  if (decoded === undefined || !decoded.ok) return { shown: {} };
  const { readHost } = await import("../hosts/index.js");
  const { resolveFlinkVersion } = await import("../engine/settings.js");
  const reading = readHost({ text: decoded.text, filename: absolute, options });
  const shown = {
    host: { adapter: reading.adapter, kind: reading.host, ...(reading.notice !== undefined && { notice: reading.notice }) },
    configurations: reading.targets.map((t) => ({
      name: t.name,
      what: t.what,
      dialect: t.document.dialect,
      flinkVersion: resolveFlinkVersion(options.flinkVersion ?? t.flinkVersion, t.document.dialect),
      deployment: t.deployment ?? options.deployment ?? "standalone",
      processes: t.processes,
      layers: t.layers,
    })),
  };
  return { adapter: reading.adapter, shown };
}

/** Unified diffs of what --fix would change, one per file. */
async function fixDiffs(results: readonly FileLintResult[]): Promise<string> {
  const changed = results.filter((r) => r.fixed);
  if (changed.length === 0) return "";
  const { createTwoFilesPatch } = await import("diff");
  return changed
    .map((r) => {
      const { source, output } = r.fixed ?? { source: "", output: "" };
      return createTwoFilesPatch(`a/${r.filePath}`, `b/${r.filePath}`, source, output, undefined, undefined, { context: 3 })
        .split("\n")
        .slice(1) // jsdiff's "====" separator line
        .join("\n");
    })
    .join("");
}


function toReports(results: readonly FileLintResult[], quiet: boolean, withOutput: boolean): FileReport[] {
  return results.map((r) => ({
    filePath: r.filePath,
    diagnostics: quiet ? r.diagnostics.filter((d) => d.severity === "error") : r.diagnostics,
    ...(withOutput && r.fixed !== undefined && { output: r.fixed.output }),
  }));
}

/** Writes a report given in pieces, about a megabyte at a time (a write per piece would cost more). */
function writeInBatches(pieces: Iterable<string>, io: CliIo): void {
  const BATCH = 1 << 20;
  let batch: string[] = [];
  let size = 0;
  const flush = () => {
    if (batch.length > 0) io.stdout(batch.join(""));
    batch = [];
    size = 0;
  };
  for (const piece of pieces) {
    if (piece.length >= BATCH) {
      // One file's large result goes out as it is, not copied into a batch.
      flush();
      io.stdout(piece);
      continue;
    }
    batch.push(piece);
    size += piece.length;
    if (size >= BATCH) flush();
  }
  flush();
}

/**
 * Formatters load on demand: a run pays only for the one it prints with. JSON comes in pieces
 * (see `jsonPieces`), which keeps a run over thousands of files from holding the report twice.
 */
/**
 * How the pretty report fits the terminal: its width when standard output is one, else `COLUMNS`,
 * else 80; hyperlinks only when FORCE_HYPERLINK asks for them (their support cannot be detected).
 */
function prettyOptions(io: CliIo, color: boolean): { width: number; color: boolean; hyperlinks: boolean; cwd: string } {
  const fromEnv = Number(io.env.COLUMNS);
  const width = io.isTTY === true && io.columns !== undefined && io.columns > 0 ? io.columns : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80;
  const force = io.env.FORCE_HYPERLINK;
  return { width, color, hyperlinks: force !== undefined && force !== "0" && force !== "false", cwd: io.cwd };
}

async function format(name: FormatName, reports: readonly FileReport[], io: CliIo, colour = false, verbose = false): Promise<string | Iterable<string>> {
  const context = async () => {
    const { rules } = await import("../../rules/index.js");
    return {
      toolVersion: packageVersion(),
      rules: rules.map((r) => ({ id: r.meta.id, description: r.meta.description, severity: r.meta.severity })),
      cwd: io.cwd,
    };
  };
  switch (name) {
    case "json":
      return (await import("../formatters/json.js")).jsonPieces(reports);
    case "compact":
      return (await import("../formatters/compact.js")).formatCompact(reports);
    case "pretty":
      // Nothing to show: skip loading the formatter (the common case in a pre-commit hook).
      if (reports.every((r) => r.diagnostics.length === 0)) return "";
      return (await import("../formatters/pretty.js")).formatPretty(reports, { ...prettyOptions(io, colour), verbose });
    case "sarif":
      return (await import("../formatters/sarif.js")).formatSarif(reports, await context());
    case "github":
      return (await import("../formatters/github.js")).formatGithub(reports, await context());
    case "gitlab":
      return (await import("../formatters/gitlab.js")).formatGitlab(reports, await context());
    case "checkstyle":
      return (await import("../formatters/checkstyle.js")).formatCheckstyle(reports, await context());
  }
}

async function listRules(): Promise<string> {
  const { rules } = await import("../../rules/index.js");
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  return rules
    .map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${r.meta.description}\n`)
    .join("");
}

async function runExplain(args: CliArguments, io: CliIo): Promise<number> {
  const { explainFile } = await import("./explain.js");
  return explainFile(args, io);
}

async function runMigrate(args: CliArguments, io: CliIo): Promise<number> {
  const { migrateFile } = await import("./migrate.js");
  return migrateFile(args, io);
}
