/** Command-line arguments: parsed with node:util's parseArgs, validated into plain settings. */
import { parseArgs } from "node:util";
import { parseDeployment, resolveFlinkVersion, SettingsError } from "../engine/settings.js";
import { closestMatch } from "../util/did-you-mean.js";
import { dialectForFilename } from "../parser/index.js";
import { MIGRATION_TARGETS, type MigrationTarget } from "../migrate/targets.js";
import type { LintFilesOptions } from "../node/settings.js";
import type { Deployment, Dialect } from "../types.js";

export class UsageError extends Error {
  override name = "UsageError";
}

export const FORMATS = ["pretty", "json", "compact", "sarif", "github", "gitlab", "checkstyle"] as const;
export type FormatName = (typeof FORMATS)[number];
/** What `explain` prints: the table, JSON, the memory figure, or a page with all of them and the findings. */
export const EXPLAIN_FORMATS = ["pretty", "json", "svg", "html"] as const;
export type ExplainFormatName = (typeof EXPLAIN_FORMATS)[number];
/** What `migrate` prints: the config.yaml, or the changes and the text as JSON. */
export const MIGRATE_FORMATS = ["yaml", "json"] as const;
export type MigrateFormatName = (typeof MIGRATE_FORMATS)[number];

export interface CliArguments {
  command: "lint" | "explain" | "migrate" | "lsp";
  patterns: string[];
  format: FormatName | undefined;
  /** `explain --format`: undefined for the table. */
  explainFormat: ExplainFormatName | undefined;
  maxWarnings: number | undefined;
  /** --jobs: threads that lint the files; undefined for the default. */
  jobs: number | undefined;
  quiet: boolean;
  showInfo: boolean;
  /** pretty: Flink's exact message under each finding. */
  verbose: boolean;
  flinkVersion: string | undefined;
  deployment: Deployment | undefined;
  dialect: Dialect | undefined;
  debug: boolean;
  help: boolean;
  version: boolean;
  listRules: boolean;
  color: boolean | undefined;
  outputFile: string | undefined;
  configPath: string | undefined;
  noConfigLookup: boolean;
  printConfig: string | undefined;
  stdin: boolean;
  stdinFilename: string | undefined;
  reportUnusedDisableDirectives: boolean;
  fix: "write" | "dry-run" | undefined;
  /** Write a `.flinklint.yaml` for the repository at `patterns[0]` (default: the current folder). */
  init: boolean;
  /** `migrate`: its own options (undefined for the other commands). */
  migrate?: MigrateArguments;
}

export interface MigrateArguments {
  to: MigrationTarget;
  style: "nested" | "flat";
  format: MigrateFormatName;
  /** Write config.yaml beside the input instead of printing it. */
  write: boolean;
  /** With `write`: replace an existing config.yaml. */
  force: boolean;
}

export const USAGE = `Usage: flinklint [options] [files, directories or globs...]
       flinklint explain [options] <file>
       flinklint migrate [--to <2.x>] [--deployment <mode>] [--style nested|flat]
                         [--write [--force]] [--format json] <flink-conf.yaml>
       flinklint lsp --stdio
       flinklint --init [directory]

Lints Apache Flink configuration files (flink-conf.yaml, config.yaml) and reports, at file:line:column,
every setting Flink would refuse, skip or misread. Directories expand to the Flink config files below
them (.gitignore is honoured); no argument means the current directory.

Commands:
  explain <file>            Show the TaskManager and JobManager memory Flink derives from the file
                            (--format pretty, json, svg: the memory figure, html: a page with the
                            figures, the breakdown and the findings)
  migrate <flink-conf.yaml> Print the config.yaml Flink 2.x reads with the same meaning: values as
                            Flink 1.x read them, deprecated keys renamed, removed keys replaced by
                            their successors (the legacy heap keys by the memory size --deployment
                            read them as), comments kept. --to 2.0, 2.1 (default) or 2.2;
                            --style nested (default) or flat; --write writes config.yaml beside the
                            input (--force replaces one); --format json lists the changes.
                            Exit 1 when a setting has no 2.x equivalent (kept as a comment)
  lsp --stdio               Run the language server for editors (also the flinklint-lsp command)
  --init [directory]        Write a commented .flinklint.yaml for the repository (Flink version and
                            deployment from its builds, images and manifests; test folders ignored);
                            an existing one is never replaced

Options:
  -f, --format <name>       Output format: pretty (default; github when GITHUB_ACTIONS=true),
                            json, compact, sarif, github, gitlab, checkstyle
  -o, --output-file <path>  Write the report to a file instead of standard output
  -c, --config <path>       Use this .flinklint.yaml instead of looking one up
      --no-config-lookup    Ignore .flinklint.yaml files
      --print-config <file> Print the settings that apply to a file, then exit
      --stdin               Lint standard input
      --stdin-filename <p>  The name to lint standard input as (picks the format)
      --fix                 Apply safe fixes to the files (atomically), then report what is left
      --fix-dry-run         Print the safe fixes as a unified diff instead of writing them
      --report-unused-disable-directives
                            Report flinklint-disable comments that suppress nothing
      --max-warnings <n>    Exit with 1 when there are more than n warnings
  -j, --jobs <n>            Lint on n threads (default: half the CPUs for a large tree;
                            the output is the same, in the same order)
  -q, --quiet               Report errors only
      --show-info           Also report info notes (e.g. a fraction capped at its min or max)
      --verbose             pretty: also print Flink's exact message under each finding
      --flink-version <v>   Flink version to check against, 1.11 to 2.2
                            (default: 1.20 for flink-conf.yaml, 2.1 for config.yaml)
      --deployment <mode>   standalone (default), kubernetes or yarn
      --dialect <d>         Read every file as legacy (flink-conf.yaml) or standard (config.yaml)
      --list-rules          List the rules with their default severity
      --color, --no-color   Force or disable colours
      --debug               Print stack traces of internal errors
  -h, --help                Show this help
  -v, --version             Show the version

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings),
            2 usage error, unreadable or missing file, or internal failure.
`;

const OPTIONS = {
  format: { type: "string", short: "f" },
  "output-file": { type: "string", short: "o" },
  config: { type: "string", short: "c" },
  "no-config-lookup": { type: "boolean" },
  "print-config": { type: "string" },
  stdin: { type: "boolean" },
  "stdin-filename": { type: "string" },
  "report-unused-disable-directives": { type: "boolean" },
  fix: { type: "boolean" },
  init: { type: "boolean" },
  stdio: { type: "boolean" },
  "fix-dry-run": { type: "boolean" },
  "max-warnings": { type: "string" },
  jobs: { type: "string", short: "j" },
  quiet: { type: "boolean", short: "q" },
  "show-info": { type: "boolean" },
  verbose: { type: "boolean" },
  "flink-version": { type: "string" },
  deployment: { type: "string" },
  dialect: { type: "string" },
  "list-rules": { type: "boolean" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  to: { type: "string" },
  style: { type: "string" },
  write: { type: "boolean" },
  force: { type: "boolean" },
} as const;

/**
 * parseArgs' messages, in flinklint's words: an unknown option names the closest known one
 * (`--frmat` → `--format`); a missing value says which option wants it.
 */
function describeArgumentError(error: unknown, argv: readonly string[]): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const given = /'(-[^']*)'/.exec(message)?.[1] ?? argv.find((a) => a.startsWith("-")) ?? "";
    const name = given.replace(/^-+/, "").split("=")[0] ?? "";
    const known = Object.keys(OPTIONS);
    const guess = given.startsWith("--") ? closestMatch(name, known) : undefined;
    return `unknown option ${given.split("=")[0]}${guess !== undefined ? `; did you mean --${guess}?` : ""}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return message.replace(/'/g, "").replace(/\.$/, "");
  return message;
}

export function parseCliArguments(argv: readonly string[]): CliArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    throw new UsageError(describeArgumentError(error, argv));
  }
  const { values, positionals } = parsed;
  let command: CliArguments["command"] = "lint";
  const patterns = [...positionals];
  if (patterns[0] === "explain") {
    command = "explain";
    patterns.shift();
    if (patterns.length !== 1) throw new UsageError("explain takes exactly one file");
  } else if (patterns[0] === "migrate") {
    command = "migrate";
    patterns.shift();
    if (patterns.length !== 1) throw new UsageError("migrate takes exactly one flink-conf.yaml");
    const file = patterns[0] ?? "";
    if ((dialectForFilename(file) !== "legacy" && values.dialect !== "legacy") || values.dialect === "standard") {
      throw new UsageError(`migrate reads a legacy flink-conf.yaml; "${file}" is not one (a config.yaml is already what Flink 2.x reads; --dialect legacy reads another name as one)`);
    }
  } else if (patterns[0] === "lsp") {
    command = "lsp";
    patterns.shift();
    // Editors start servers with --stdio; it is the only transport, so it is also the default.
    if (patterns.length) throw new UsageError("lsp takes no file arguments");
  }
  if (values.init) {
    if (command !== "lint") throw new UsageError(`--init is an option of flinklint itself, not of ${command}`);
    if (patterns.length > 1) throw new UsageError("--init takes at most one directory");
    if (values.stdin || values.fix || values["fix-dry-run"]) throw new UsageError("--init writes .flinklint.yaml and lints nothing; give it no lint options");
  }
  if (values.stdio && command !== "lsp") throw new UsageError("--stdio is an option of flinklint lsp");
  if (command !== "migrate") {
    for (const option of ["to", "style", "write", "force"] as const) {
      if (values[option] !== undefined) throw new UsageError(`--${option} is an option of flinklint migrate`);
    }
  }
  if (command === "migrate" && (values.fix || values["fix-dry-run"] || values.stdin || values.init)) {
    throw new UsageError("migrate takes a file and its own options; --fix, --fix-dry-run, --stdin and --init are lint options");
  }
  if (command === "migrate" && values["flink-version"] !== undefined) {
    throw new UsageError("migrate reads the file as Flink 1.20 read it; choose the 2.x release to write for with --to");
  }
  if (command === "migrate" && values["output-file"] !== undefined) {
    throw new UsageError("migrate prints the config.yaml; --write writes it beside the input");
  }
  const migrate = command === "migrate" ? parseMigrateArguments(values) : undefined;

  if (values["stdin-filename"] !== undefined && !values.stdin) throw new UsageError("--stdin-filename needs --stdin");
  if (values.stdin && patterns.length) throw new UsageError("--stdin lints standard input; give no file arguments with it");
  if (values.fix && values["fix-dry-run"]) throw new UsageError("use --fix or --fix-dry-run, not both");
  if (values.fix && values.stdin) throw new UsageError("--fix writes files; with --stdin use --fix-dry-run");
  const format = values.format;
  const formats: readonly string[] = command === "explain" ? EXPLAIN_FORMATS : command === "migrate" ? MIGRATE_FORMATS : FORMATS;
  if (format !== undefined && !formats.includes(format)) {
    const what = command === "explain" ? "explain format" : command === "migrate" ? "migrate format" : "format";
    throw new UsageError(`unknown ${what} "${format}"; expected one of ${formats.join(", ")}`);
  }
  let maxWarnings: number | undefined;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      throw new UsageError(`--max-warnings takes a whole number >= 0, not "${values["max-warnings"]}"`);
    }
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!/^\d+$/.test(values.jobs) || !Number.isSafeInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number >= 1, not "${values.jobs}"`);
  }
  const dialect = values.dialect;
  if (dialect !== undefined && dialect !== "legacy" && dialect !== "standard") {
    throw new UsageError(`unknown dialect "${dialect}"; expected legacy or standard`);
  }
  let deployment: Deployment | undefined;
  let flinkVersion: string | undefined;
  try {
    if (values.deployment !== undefined) deployment = parseDeployment(values.deployment);
    if (values["flink-version"] !== undefined) {
      resolveFlinkVersion(values["flink-version"], "legacy"); // validates early
      flinkVersion = values["flink-version"];
    }
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }

  return {
    command,
    patterns,
    format: command === "explain" || command === "migrate" ? undefined : (format as FormatName | undefined),
    explainFormat: command === "explain" ? (format as ExplainFormatName | undefined) : undefined,
    maxWarnings,
    jobs,
    quiet: values.quiet ?? false,
    showInfo: values["show-info"] ?? false,
    verbose: values.verbose ?? false,
    flinkVersion,
    deployment,
    dialect,
    debug: values.debug ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    listRules: values["list-rules"] ?? false,
    color: values["no-color"] ? false : values.color,
    outputFile: values["output-file"],
    configPath: values.config,
    noConfigLookup: values["no-config-lookup"] ?? false,
    printConfig: values["print-config"],
    stdin: values.stdin ?? false,
    stdinFilename: values["stdin-filename"],
    reportUnusedDisableDirectives: values["report-unused-disable-directives"] ?? false,
    fix: values.fix ? "write" : values["fix-dry-run"] ? "dry-run" : undefined,
    init: values.init ?? false,
    ...(migrate !== undefined && { migrate }),
  };
}

/** `migrate`'s own options: `--to` a 2.x release (2.0–2.2), `--style`, `--write`, `--force`, `--format`. */
function parseMigrateArguments(values: { to?: string; style?: string; write?: boolean; force?: boolean; format?: string }): MigrateArguments {
  let to: MigrationTarget = "2.1";
  if (values.to !== undefined) {
    let resolved: string | undefined;
    try {
      resolved = resolveFlinkVersion(values.to, "standard");
    } catch {
      resolved = undefined;
    }
    const target = MIGRATION_TARGETS.find((t) => t === resolved);
    if (target === undefined) throw new UsageError(`--to takes a Flink 2.x release, ${MIGRATION_TARGETS.join(", ")}; not "${values.to}"`);
    to = target;
  }
  const style = values.style ?? "nested";
  if (style !== "nested" && style !== "flat") throw new UsageError(`unknown style "${style}"; expected nested or flat`);
  if (values.force && !values.write) throw new UsageError("--force goes with --write");
  return {
    to,
    style,
    format: (values.format as MigrateFormatName | undefined) ?? "yaml",
    write: values.write ?? false,
    force: values.force ?? false,
  };
}

/** What the command line asks of a lint run, as the file layer takes it. */
export function toLintFilesOptions(args: CliArguments, cwd: string): LintFilesOptions {
  return {
    cwd,
    ...(args.flinkVersion !== undefined && { flinkVersion: args.flinkVersion }),
    ...(args.deployment !== undefined && { deployment: args.deployment }),
    ...(args.dialect !== undefined && { dialect: args.dialect }),
    ...(args.configPath !== undefined && { configPath: args.configPath }),
    noConfigLookup: args.noConfigLookup,
    showInfo: args.showInfo,
    reportUnusedDisableDirectives: args.reportUnusedDisableDirectives,
    ...(args.fix !== undefined && { fix: args.fix }),
    ...(args.jobs !== undefined && { jobs: args.jobs }),
  };
}
