/**
 * The host adapter of launch scripts: shell scripts, Makefiles and (named explicitly) GitHub
 * workflows whose `run:` steps call a Flink launcher. Each launcher call is one target: the
 * settings its `-D` arguments give, read as Flink reads dynamic properties, positioned on the
 * script's own lines.
 *
 * The `-D` arguments override the local `conf/`, which flinklint cannot see. It lints what the
 * arguments say: a call that starts no process (`flink run` against a running cluster) gets no
 * memory rules; a process whose memory the arguments do not touch is not checked either; and a
 * process they size only in part (slots, a managed size) is checked over the process size of
 * Flink's default `conf/`, which messages name as such.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Scalar } from "yaml";
import { resolveFlinkVersion } from "../../engine/settings.js";
import { memoryReadKeys } from "../../model/memory-reads.js";
import { assembleDocument } from "../../parser/document.js";
import { LineIndex } from "../../parser/lines.js";
import type { ConfigDocument, ConfigEntry, ConfigTarget, FlinkProcess, LayerSummary, LintOptions, Range } from "../../types.js";
import { scalarText } from "../embedded.js";
import type { HostAdapter, HostInput, HostReading } from "../types.js";
import { deploymentOf, findLauncherCalls, processesStartedBy, type LauncherCall, type LauncherSetting } from "./launchers.js";
import { readShellCommands, type ShellCommand } from "./shell.js";

export const HOST = "launch script";

type ScriptKind = "shell" | "makefile" | "workflow";

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/** What kind of script a file name says, if any. */
export function scriptKindOf(filename: string | undefined): ScriptKind | undefined {
  if (filename === undefined) return undefined;
  const name = baseName(filename);
  if (/\.(sh|bash)$/i.test(name)) return "shell";
  if (/^(GNUmakefile|[Mm]akefile)$/.test(name) || /\.mk$/i.test(name)) return "makefile";
  if (/(^|[/\\])\.github[/\\]workflows[/\\][^/\\]+\.ya?ml$/i.test(filename)) return "workflow";
  return undefined;
}

/** A cheap look for a launcher's name, before any parsing. */
const LAUNCHER_NAME = /\bflink\s+run|(kubernetes-session|yarn-session|jobmanager|taskmanager|standalone-job)\.sh/;

/** The launcher calls of a script's text, every offset in the host text. */
export function launcherCalls(text: string, kind: ScriptKind): LauncherCall[] {
  if (!LAUNCHER_NAME.test(text)) return [];
  if (kind === "workflow") return findLauncherCalls(workflowCommands(text));
  return findLauncherCalls(readShellCommands(text, { makefile: kind === "makefile" }), kind === "makefile" ? makeVariables(text) : undefined);
}

/** A Makefile's simple variable definitions (`FLINK ?= $(FLINK_HOME)/bin/flink`): name → value as written. */
function makeVariables(text: string): Map<string, string> {
  const variables = new Map<string, string>();
  for (const match of text.matchAll(/^(?:override\s+|export\s+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*[:?+!]?=[ \t]*(\S+)[ \t]*$/gm)) {
    variables.set(match[1] as string, match[2] as string);
  }
  return variables;
}

/** The commands of every `run:` step of a GitHub workflow, positioned in the workflow file. */
function workflowCommands(text: string): ShellCommand[] {
  const doc = parseDocument(text, { uniqueKeys: false });
  const commands: ShellCommand[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.value === "run" && isScalar(pair.value)) {
          const embedded = scalarText(text, pair.value as Scalar);
          if (embedded) commands.push(...readShellCommands(embedded.text, { toHost: embedded.toHost }));
        } else {
          visit(pair.value);
        }
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item as YamlNode);
    }
  };
  visit(doc.contents);
  return commands;
}

/** Flink's default conf/ (flink-dist, 1.11 on) sizes both processes; the script's own sizes override it. */
const DEFAULT_PROCESS_SIZE: Record<FlinkProcess, string> = { jobmanager: "1600m", taskmanager: "1728m" };

/** Options that give a process its size (a total, the fine-grained sizes, a legacy heap key). */
const SIZES: Record<FlinkProcess, readonly (readonly string[])[]> = {
  taskmanager: [
    ["taskmanager.memory.process.size"],
    ["taskmanager.memory.flink.size"],
    ["taskmanager.memory.task.heap.size", "taskmanager.memory.managed.size"],
    ["taskmanager.heap.size"],
    ["taskmanager.heap.mb"],
  ],
  jobmanager: [["jobmanager.memory.process.size"], ["jobmanager.memory.flink.size"], ["jobmanager.memory.heap.size"], ["jobmanager.heap.size"], ["jobmanager.heap.mb"]],
};

function entryOf(setting: LauncherSetting, lines: LineIndex, launcher: Range): ConfigEntry {
  const span = (at: readonly number[], empty: number): Range => {
    const first = at[0];
    const last = at[at.length - 1];
    return first === undefined || last === undefined ? lines.range(empty, empty) : lines.range(first, last + 1);
  };
  const valueRange = span(setting.valueAt, setting.valueStart);
  return {
    key: setting.key,
    value: { type: "string", text: setting.value },
    raw: setting.value,
    keyRange: setting.keyAt.length > 0 ? span(setting.keyAt, setting.valueStart) : launcher,
    valueRange,
    overridden: false,
  };
}

function lineOf(lines: LineIndex, offset: number): number {
  return lines.range(offset, offset).start.line;
}

/** The configuration one launcher call gives Flink, and the processes it is checked for. */
function callDocument(text: string, lines: LineIndex, call: LauncherCall, options: LintOptions): { document: ConfigDocument; processes: FlinkProcess[]; defaulted: FlinkProcess[] } {
  const launcher = lines.range(call.start, call.end);
  const own = call.settings.map((s) => entryOf(s, lines, launcher));
  const keys = new Set(own.map((e) => e.key));
  const version = resolveFlinkVersion(options.flinkVersion, "legacy");
  const memoryKeys = memoryReadKeys(version);
  const processes: FlinkProcess[] = [];
  const defaulted: FlinkProcess[] = [];
  const base: ConfigEntry[] = [];
  for (const process of processesStartedBy(call)) {
    // A process whose memory the arguments do not touch is sized by the conf/ flinklint cannot see.
    if (!memoryKeys.some((k) => k.startsWith(`${process}.`) && keys.has(k))) continue;
    processes.push(process);
    if (SIZES[process].some((set) => set.every((k) => keys.has(k)))) continue;
    defaulted.push(process);
    base.push({
      key: `${process}.memory.process.size`,
      value: { type: "string", text: DEFAULT_PROCESS_SIZE[process] },
      raw: DEFAULT_PROCESS_SIZE[process],
      keyRange: launcher,
      valueRange: launcher,
      overridden: false,
      // Advice names the argument that would size the process here (explain lists the default conf/ as a layer).
      label: `-D${process}.memory.process.size`,
    });
  }
  return { document: assembleDocument("legacy", text, [...base, ...own], [], undefined, lines), processes, defaulted };
}

function targetsOf(text: string, kind: ScriptKind, options: LintOptions): ConfigTarget[] {
  const lines = new LineIndex(text);
  return launcherCalls(text, kind).map((call, index): ConfigTarget => {
    const { document, processes, defaulted } = callDocument(text, lines, call, options);
    const line = lineOf(lines, call.start);
    const deployment = deploymentOf(call);
    const layers: LayerSummary[] = [
      { kind: "local-conf", label: "the local conf/ (not seen by flinklint)", external: true },
      ...defaulted.map((p) => ({ kind: "default-conf", label: `${p}.memory.process.size: ${DEFAULT_PROCESS_SIZE[p]} of Flink's default conf/`, external: true })),
      { kind: "dynamic-properties", label: `the -D arguments of ${call.kind} on line ${line}`, external: false },
    ];
    return {
      name: `line ${line}: ${call.kind}`,
      what: "launch command",
      document,
      layers,
      ...(deployment !== undefined && { deployment }),
      processes,
      isConfigFile: false,
      anchor: lines.range(call.start, call.end),
      reread: (edited) => {
        const again = launcherCalls(edited, kind)[index];
        return again === undefined || again.kind !== call.kind ? undefined : callDocument(edited, new LineIndex(edited), again, options).document;
      },
    };
  });
}

export const scriptAdapter: HostAdapter = {
  id: "script",
  claims: ({ filename, text, options }: HostInput) => {
    if (options.dialect !== undefined) return false;
    const kind = scriptKindOf(filename);
    // A workflow is a launch script only when one of its steps runs a launcher.
    return kind !== undefined && (kind !== "workflow" || launcherCalls(text, kind).length > 0);
  },
  // Workflows are read when named; scripts and Makefiles when a launcher there passes settings.
  carriesFlinkConfiguration: ({ filename, text }: HostInput) => {
    const kind = scriptKindOf(filename);
    return (kind === "shell" || kind === "makefile") && launcherCalls(text, kind).some((c) => c.settings.length > 0);
  },
  read({ text, filename, options }: HostInput): HostReading {
    const kind = scriptKindOf(filename) ?? "shell";
    const targets = targetsOf(text, kind, options);
    return {
      host: kind === "workflow" ? "GitHub workflow" : kind === "makefile" ? "Makefile" : HOST,
      targets,
      fixable: false,
      notFixed: "--fix does not rewrite launch scripts",
      ...(targets.length === 0 && { notice: "no Flink launcher (flink run, kubernetes-session.sh, jobmanager.sh, …) in this script" }),
    };
  },
};
