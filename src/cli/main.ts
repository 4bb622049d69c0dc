/**
 * The CLI: a thin shell over the library. `run` returns the exit code and writes only through `io`,
 * so tests drive it like a user would without spawning a process.
 */
import { readFileSync } from "node:fs";
import { FileAccessError, lintFiles, type FileLintResult } from "../engine/files.js";
import { SettingsError } from "../engine/settings.js";
import { countBySeverity, type FileReport } from "../formatters/report.js";
import { parseCliArguments, USAGE, UsageError, type CliArguments, type FormatName } from "./args.js";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export const EXIT_OK = 0;
export const EXIT_LINT_ERRORS = 1;
export const EXIT_FATAL = 2;

export function packageVersion(): string {
  const url = new URL("../../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
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
    if (args.command === "explain") return await runExplain(args, io);
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

async function runLint(args: CliArguments, io: CliIo): Promise<number> {
  const results = await lintFiles(args.patterns, {
    cwd: io.cwd,
    ...(args.flinkVersion !== undefined && { flinkVersion: args.flinkVersion }),
    ...(args.deployment !== undefined && { deployment: args.deployment }),
    ...(args.dialect !== undefined && { dialect: args.dialect }),
    showInfo: args.showInfo,
  });
  const reports = toReports(results, args.quiet);
  io.stdout(await format(args.format ?? "pretty", reports));
  const { errors, warnings } = countBySeverity(reports);
  if (errors > 0) return EXIT_LINT_ERRORS;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr(`flinklint: too many warnings (${warnings}, --max-warnings ${args.maxWarnings})\n`);
    return EXIT_LINT_ERRORS;
  }
  return EXIT_OK;
}

function toReports(results: readonly FileLintResult[], quiet: boolean): FileReport[] {
  return results.map((r) => ({
    filePath: r.filePath,
    diagnostics: quiet ? r.diagnostics.filter((d) => d.severity === "error") : r.diagnostics,
  }));
}

/** Formatters load on demand: a run pays only for the one it prints with. */
async function format(name: FormatName, reports: readonly FileReport[]): Promise<string> {
  switch (name) {
    case "json":
      return (await import("../formatters/json.js")).formatJson(reports);
    case "compact":
      return (await import("../formatters/compact.js")).formatCompact(reports);
    case "pretty":
      return (await import("../formatters/pretty.js")).formatPretty(reports);
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
