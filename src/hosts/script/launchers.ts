/**
 * Flink's launchers in shell commands, and the settings their arguments give: `-Dkey=value` (also
 * `-D key=value`) as Flink's command-line parsers read dynamic properties (commons-cli with `=` as
 * value separator: the first `=` splits, the rest is the value), the `--target`/`-t` deployment
 * target, and yarn-session.sh's `-jm`/`-tm`/`-s` (FlinkYarnSessionCli: a unit-less size is MiB).
 */
import type { Deployment, FlinkProcess } from "../../types.js";
import type { ShellCommand, ShellWord } from "./shell.js";

export type LauncherKind =
  | "flink run"
  | "flink run-application"
  | "kubernetes-session.sh"
  | "yarn-session.sh"
  | "jobmanager.sh"
  | "taskmanager.sh"
  | "standalone-job.sh";

/** A setting a launcher's arguments give, with the host offsets of each character of key and value. */
export interface LauncherSetting {
  key: string;
  keyAt: readonly number[];
  value: string;
  valueAt: readonly number[];
  /** The host offset where the value starts (just after `=`; for an empty value, where it would be). */
  valueStart: number;
  /** The option that gives it, when it is not written as `key=value` (yarn-session.sh `-tm 4096`). */
  option?: string;
}

export interface LauncherCall {
  kind: LauncherKind;
  /** The words that name the launcher (`./bin/flink run-application`): where notes about the call go. */
  start: number;
  end: number;
  settings: LauncherSetting[];
  /** The deployment target as given (`-t`, `--target`, `-Dexecution.target`), if any. */
  target?: string;
}

const SCRIPTS: Record<string, LauncherKind> = {
  "kubernetes-session.sh": "kubernetes-session.sh",
  "yarn-session.sh": "yarn-session.sh",
  "jobmanager.sh": "jobmanager.sh",
  "taskmanager.sh": "taskmanager.sh",
  "standalone-job.sh": "standalone-job.sh",
};

/** Commands that only print or look at the launcher's name (`echo flink run …`, `which flink`). */
const NOT_A_CALL = new Set(["echo", "printf", "cat", "grep", "which", "type", "command", "man", "test", "["]);

/**
 * Options of each launcher that take a value (so the word after them is not a positional argument).
 * CliFrontendParser (run, run-application with the generic, YARN and Kubernetes CLIs),
 * FlinkYarnSessionCli without prefix, the entrypoints' ClusterConfigurationParserFactory.
 */
const RUN_VALUE_OPTIONS = new Set([
  "-c", "--class", "-C", "--classpath", "-m", "--jobmanager", "-p", "--parallelism", "-s", "--fromSavepoint",
  "-t", "--target", "-e", "--executor", "-py", "--python", "-pyfs", "--pyFiles", "-pym", "--pyModule",
  "-pyarch", "--pyArchives", "-pyexec", "--pyExecutable", "-pyclientexec", "--pyClientExecutable",
  "-pyreq", "--pyRequirements", "-pypath", "--pyPythonPath", "-j", "--jarfile", "-rm", "--restoreMode",
  "-cm", "--claimMode", "-yid", "--yarnapplicationId", "-z", "--zookeeperNamespace", "-yjm", "-ytm", "-ys",
  "-ynm", "-yqu", "-yt", "-yj", "-yat", "-yz", "-ynl", "-ya",
]);
const YARN_SESSION_VALUE_OPTIONS = new Set([
  "-jm", "--jobManagerMemory", "-tm", "--taskManagerMemory", "-s", "--slots", "-nm", "--name", "-qu", "--queue",
  "-id", "--applicationId", "-j", "--jar", "-t", "--ship", "-z", "--zookeeperNamespace", "-at", "--applicationType",
  "-m", "--jobmanager", "-nl", "--nodeLabel",
]);
const ENTRYPOINT_VALUE_OPTIONS = new Set([
  "-c", "--configDir", "-r", "--webui-port", "-h", "--host", "-x", "--executionMode", "-j", "--job-classname",
  "--jars", "-jid", "--job-id", "-s", "--fromSavepoint", "-rm", "--restoreMode",
]);
/** Options without a value, of all launchers. */
const FLAGS = new Set([
  "-d", "--detached", "-n", "--allowNonRestoredState", "-sae", "--shutdownOnAttachedExit", "-yd", "--yarndetached",
  "-h", "--help", "-q", "--sysoutLogging",
]);

function stopsAtUnknown(kind: LauncherKind): boolean {
  return kind !== "yarn-session.sh" && kind !== "kubernetes-session.sh";
}

const ENTRYPOINT_ACTIONS = new Set(["start", "start-foreground", "stop", "stop-all"]);

/** yarn-session.sh options that set an option of the cluster (FlinkYarnSessionCli). */
const YARN_SESSION_SETTINGS: Record<string, { key: string; size: boolean }> = {
  "-jm": { key: "jobmanager.memory.process.size", size: true },
  "--jobManagerMemory": { key: "jobmanager.memory.process.size", size: true },
  "-tm": { key: "taskmanager.memory.process.size", size: true },
  "--taskManagerMemory": { key: "taskmanager.memory.process.size", size: true },
  "-s": { key: "taskmanager.numberOfTaskSlots", size: false },
  "--slots": { key: "taskmanager.numberOfTaskSlots", size: false },
};

function baseName(word: string): string {
  return word.slice(word.lastIndexOf("/") + 1);
}

/**
 * The launcher calls among `commands`, in order. `variables` gives the values of the make
 * variables a Makefile defines, so a recipe's `$(FLINK) run` is found when `FLINK = …/bin/flink`.
 */
export function findLauncherCalls(commands: readonly ShellCommand[], variables: ReadonlyMap<string, string> = new Map()): LauncherCall[] {
  const calls: LauncherCall[] = [];
  for (const { words } of commands) {
    const first = words[0];
    if (first === undefined || NOT_A_CALL.has(first.text)) continue;
    for (let w = 0; w < words.length; w++) {
      const word = words[w] as ShellWord;
      // A Makefile recipe line may start with @, - or +.
      const written = w === 0 ? word.text.replace(/^[@+-]+/, "") : word.text;
      const variable = /^\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]$/.exec(written)?.[1];
      const name = baseName((variable !== undefined ? variables.get(variable) : undefined) ?? written);
      let kind: LauncherKind | undefined = SCRIPTS[name];
      let nameEnd = word.end;
      let argsFrom = w + 1;
      if (kind === undefined && name === "flink") {
        const action = words[w + 1];
        if (action?.text === "run" || action?.text === "run-application") {
          kind = action.text === "run" ? "flink run" : "flink run-application";
          nameEnd = action.end;
          argsFrom = w + 2;
        }
      }
      if (kind === undefined) continue;
      calls.push(readArguments(kind, word.start, nameEnd, words.slice(argsFrom)));
      break;
    }
  }
  return calls;
}

function readArguments(kind: LauncherKind, start: number, end: number, args: readonly ShellWord[]): LauncherCall {
  const call: LauncherCall = { kind, start, end, settings: [] };
  const isRun = kind === "flink run" || kind === "flink run-application";
  const valueOptions = isRun ? RUN_VALUE_OPTIONS : kind === "yarn-session.sh" ? YARN_SESSION_VALUE_OPTIONS : kind === "kubernetes-session.sh" ? RUN_VALUE_OPTIONS : ENTRYPOINT_VALUE_OPTIONS;
  let actionSeen = false;
  for (let a = 0; a < args.length; a++) {
    const word = args[a] as ShellWord;
    const text = word.text;
    if (text === "--") break;
    if (text.startsWith("-D") || (isRun && text.startsWith("-yD"))) {
      const prefix = text.startsWith("-yD") ? 3 : 2;
      if (text.length === prefix) {
        const pair = args[a + 1];
        a++;
        if (pair !== undefined) addProperty(call, pair, 0);
      } else {
        addProperty(call, word, prefix);
      }
      continue;
    }
    const targetOption = kind !== "yarn-session.sh" && (text === "-t" || text === "--target");
    if (targetOption) {
      const value = args[a + 1];
      a++;
      if (value !== undefined) call.target = value.text;
      continue;
    }
    if (kind !== "yarn-session.sh" && text.startsWith("--target=")) {
      call.target = text.slice("--target=".length);
      continue;
    }
    if (text.startsWith("-")) {
      // CliFrontend and the entrypoints parse with stopAtNonOption: an option they do not know ends
      // Flink's options, and it and the rest go to the job.
      const known = valueOptions.has(text) || FLAGS.has(text) || valueOptions.has(text.slice(0, text.indexOf("=")));
      if (stopsAtUnknown(kind) && !known) break;
      const setting = kind === "yarn-session.sh" ? YARN_SESSION_SETTINGS[text] : undefined;
      const value = valueOptions.has(text) ? args[a + 1] : undefined;
      if (valueOptions.has(text)) a++;
      // `-m yarn-cluster`: the per-job YARN cluster of Flink before `--target`.
      if (isRun && text === "-m" && value?.text === "yarn-cluster") call.target ??= "yarn-per-job";
      if (setting !== undefined && value !== undefined) call.settings.push(yarnSessionSetting(word, setting, value));
      continue;
    }
    // A positional argument: the job's jar or script ends Flink's options (CliFrontend stops at the
    // first non-option), as does a standalone job's first argument after the action.
    if (isRun) break;
    if (!actionSeen && ENTRYPOINT_ACTIONS.has(text)) {
      actionSeen = true;
      continue;
    }
    if (kind === "standalone-job.sh") break;
  }
  // FlinkYarnSessionCli applies -jm, -tm and -s first, then the -D properties over them.
  if (kind === "yarn-session.sh") call.settings = [...call.settings.filter((s) => s.option !== undefined), ...call.settings.filter((s) => s.option === undefined)];
  const target = call.settings.filter((s) => s.key === "execution.target").at(-1)?.value;
  if (call.target === undefined && target !== undefined) call.target = target;
  return call;
}

/** `key=value` in `word` from character `from`: the first `=` splits; without one there is no setting to read. */
function addProperty(call: LauncherCall, word: ShellWord, from: number): void {
  const eq = word.text.indexOf("=", from);
  if (eq <= from) return;
  call.settings.push({
    key: word.text.slice(from, eq),
    keyAt: word.at.slice(from, eq),
    value: word.text.slice(eq + 1),
    valueAt: word.at.slice(eq + 1),
    valueStart: (word.at[eq] ?? word.end - 1) + 1,
  });
}

function yarnSessionSetting(option: ShellWord, setting: { key: string; size: boolean }, value: ShellWord): LauncherSetting {
  // FlinkYarnSessionCli: a size without a unit is MiB.
  const text = setting.size && /^\s*\d+\s*$/.test(value.text) ? `${value.text.trim()}m` : value.text;
  return {
    key: setting.key,
    // The option (`-tm`) stands where the key would.
    keyAt: option.at,
    value: text,
    valueAt: value.at,
    valueStart: value.at[0] ?? value.start,
    option: option.text,
  };
}

/** The deployment a target names (kubernetes-application → kubernetes, …); undefined for none or an unknown one. */
export function deploymentOfTarget(target: string | undefined): Deployment | undefined {
  if (target === undefined) return undefined;
  if (target.startsWith("kubernetes-")) return "kubernetes";
  if (target.startsWith("yarn-")) return "yarn";
  if (target === "remote" || target === "local") return "standalone";
  return undefined;
}

/** The deployment a call runs in: its target's, else the launcher's own. */
export function deploymentOf(call: LauncherCall): Deployment | undefined {
  const byTarget = deploymentOfTarget(call.target);
  if (byTarget !== undefined) return byTarget;
  switch (call.kind) {
    case "kubernetes-session.sh":
      return "kubernetes";
    case "yarn-session.sh":
      return "yarn";
    case "jobmanager.sh":
    case "taskmanager.sh":
    case "standalone-job.sh":
      return "standalone";
    default:
      return undefined;
  }
}

/**
 * The processes a call starts with the memory its settings give: none for `flink run` against a
 * running cluster (its settings configure the job), both for a session or application cluster and a
 * per-job YARN cluster, one for the standalone scripts.
 */
export function processesStartedBy(call: LauncherCall): FlinkProcess[] {
  switch (call.kind) {
    case "flink run":
      return call.target === "yarn-per-job" ? ["jobmanager", "taskmanager"] : [];
    case "jobmanager.sh":
    case "standalone-job.sh":
      return ["jobmanager"];
    case "taskmanager.sh":
      return ["taskmanager"];
    default:
      return ["jobmanager", "taskmanager"];
  }
}
