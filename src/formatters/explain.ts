/**
 * `flinklint explain`: what Flink derives for the TaskManager and JobManager of one file, as JSON
 * (byte counts as decimal strings) and as a human table with a proportional bar.
 */
import type { ConfigDocument, ConfigValue, Deployment } from "../types.js";
import {
  deriveJobManagerMemory,
  deriveTaskManagerMemory,
  type ComponentSource,
  type DeriveOptions,
  type JobManagerMemoryResult,
  type TaskManagerMemoryResult,
} from "../model/memory.js";
import { formatBinary } from "../model/memory-size.js";

export type ExplainProcess =
  | {
      ok: true;
      path: "process" | "flink" | "fine-grained";
      bytes: Record<string, string>;
      jvmArgs: string;
      dynamicConfigs?: string;
      sources?: Record<string, ComponentSource>;
    }
  | {
      ok: false;
      stage: "load" | "compute";
      exception?: string;
      error: string;
      causes: string[];
    };

export interface ExplainJson {
  flinkVersion: string;
  deployment: Deployment;
  taskmanager: ExplainProcess;
  jobmanager: ExplainProcess;
}

/** The full explanation: the JSON form plus the derivations behind it (absent when the file cannot load). */
export interface ExplainResult {
  json: ExplainJson;
  taskmanager?: TaskManagerMemoryResult;
  jobmanager?: JobManagerMemoryResult;
}

/** The TaskManager components in the order Flink documents them, totals last. */
export const TASK_MANAGER_COMPONENTS = [
  "frameworkHeap",
  "taskHeap",
  "frameworkOffHeap",
  "taskOffHeap",
  "network",
  "managed",
  "jvmMetaspace",
  "jvmOverhead",
  "totalFlink",
  "totalProcess",
] as const;
/** The JobManager components, totals last. */
export const JOB_MANAGER_COMPONENTS = ["jvmHeap", "offHeap", "jvmMetaspace", "jvmOverhead", "totalFlink", "totalProcess"] as const;

function isDocument(input: ConfigDocument | ReadonlyMap<string, ConfigValue>): input is ConfigDocument {
  return !(input instanceof Map) && "entries" in input;
}

function toProcessJson(
  result: TaskManagerMemoryResult | JobManagerMemoryResult,
  order: readonly string[],
): ExplainProcess {
  if (!result.ok) {
    return { ok: false, stage: "compute", exception: result.exception, error: result.error, causes: result.causes };
  }
  const bytes: Record<string, string> = {};
  const all = result.bytes as unknown as Record<string, bigint>;
  for (const key of order) bytes[key] = String(all[key]);
  return { ok: true, path: result.path, bytes, jvmArgs: result.jvmArgs, dynamicConfigs: result.dynamicConfigs };
}

/** Derives both processes for a parsed document (or a plain key → value map). */
export function explainDocument(
  input: ConfigDocument | ReadonlyMap<string, ConfigValue>,
  opts: DeriveOptions,
): ExplainResult {
  const base = { flinkVersion: opts.flinkVersion, deployment: opts.deployment };
  if (isDocument(input) && input.loadFailure !== undefined) {
    const failure: ExplainProcess = {
      ok: false,
      stage: "load",
      error: input.loadFailure.message,
      causes: input.loadFailure.causes,
    };
    return { json: { ...base, taskmanager: failure, jobmanager: failure } };
  }
  const config = isDocument(input) ? input.config : input;
  const taskmanager = deriveTaskManagerMemory(config, opts);
  const jobmanager = deriveJobManagerMemory(config, opts);
  return {
    json: {
      ...base,
      taskmanager: toProcessJson(taskmanager, TASK_MANAGER_COMPONENTS),
      jobmanager: toProcessJson(jobmanager, JOB_MANAGER_COMPONENTS),
    },
    taskmanager,
    jobmanager,
  };
}

/** The JSON `flinklint explain --format json` prints (the CLI adds `file`). */
export function explainJson(input: ConfigDocument | ReadonlyMap<string, ConfigValue>, opts: DeriveOptions): ExplainJson {
  return explainDocument(input, opts).json;
}

// ---------------------------------------------------------------------------------------------
// Human rendering
// ---------------------------------------------------------------------------------------------

/** How each memory component is named to people (explain tables, editor hovers). */
export const COMPONENT_LABELS: Readonly<Record<string, string>> = {
  frameworkHeap: "Framework heap",
  taskHeap: "Task heap",
  frameworkOffHeap: "Framework off-heap",
  taskOffHeap: "Task off-heap",
  network: "Network",
  managed: "Managed",
  jvmHeap: "JVM heap",
  offHeap: "Off-heap",
  jvmMetaspace: "JVM metaspace",
  jvmOverhead: "JVM overhead",
  totalFlink: "Total Flink memory",
  totalProcess: "Total process memory",
};

/** One bar segment per component: the letter drawn and an ANSI background colour. */
const BAR_STYLE: Record<string, { letter: string; color: number }> = {
  frameworkHeap: { letter: "F", color: 44 },
  taskHeap: { letter: "H", color: 104 },
  jvmHeap: { letter: "H", color: 104 },
  frameworkOffHeap: { letter: "f", color: 45 },
  taskOffHeap: { letter: "o", color: 105 },
  offHeap: { letter: "o", color: 105 },
  network: { letter: "N", color: 43 },
  managed: { letter: "M", color: 42 },
  jvmMetaspace: { letter: "S", color: 46 },
  jvmOverhead: { letter: "O", color: 47 },
};

const BAR_WIDTH = 60;

/** Where a component's size came from, in words ("fraction, raised to min (taskmanager.memory.network.fraction)"). */
export function describeSource(source: ComponentSource | undefined): string {
  if (source === undefined) return "";
  const how: Record<ComponentSource["how"], string> = {
    configured: "configured",
    default: "default",
    fraction: "fraction",
    "capped-min": "fraction, raised to min",
    "capped-max": "fraction, lowered to max",
    remainder: "remainder",
    derived: "sum of components",
  };
  return source.key === undefined ? how[source.how] : `${how[source.how]} (${source.key})`;
}

function paint(text: string, code: number, color: boolean): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function bold(text: string, color: boolean): string {
  return color ? `\u001b[1m${text}\u001b[22m` : text;
}

/** Splits the bar's width over the components by size (largest remainder), at least 1 cell for non-zero ones. */
function renderBar(parts: ReadonlyArray<[string, bigint]>, total: bigint, color: boolean): string {
  if (total <= 0n) return "";
  const shares = parts.map(([name, bytes]) => ({ name, exact: (Number(bytes) / Number(total)) * BAR_WIDTH, bytes }));
  const cells = shares.map((s) => (s.bytes > 0n ? Math.max(1, Math.floor(s.exact)) : 0));
  let used = cells.reduce((a, b) => a + b, 0);
  const byRemainder = shares
    .map((s, i) => ({ i, rest: s.exact - Math.floor(s.exact) }))
    .sort((a, b) => b.rest - a.rest);
  for (let k = 0; used < BAR_WIDTH && k < byRemainder.length; k++) {
    const entry = byRemainder[k];
    if (entry === undefined || (shares[entry.i]?.bytes ?? 0n) === 0n) continue;
    cells[entry.i] = (cells[entry.i] ?? 0) + 1;
    used++;
  }
  return shares
    .map((s, i) => {
      const style = BAR_STYLE[s.name] ?? { letter: "?", color: 47 };
      return paint(style.letter.repeat(cells[i] ?? 0), style.color, color);
    })
    .join("");
}

function renderProcess(
  title: string,
  json: ExplainProcess,
  order: readonly string[],
  barParts: readonly string[],
  sources: Record<string, ComponentSource> | undefined,
  color: boolean,
): string[] {
  if (!json.ok) {
    const lines = [`${bold(title, color)}: ${json.stage === "load" ? "Flink cannot load this file" : "Flink refuses this configuration"}`];
    lines.push(`  ${json.error}`);
    for (const cause of json.causes) if (!json.error.endsWith(cause)) lines.push(`  caused by: ${cause}`);
    return lines;
  }
  const lines = [`${bold(title, color)} (${json.path === "fine-grained" ? "fine-grained components" : `total ${json.path} memory`} configured)`];
  const rows = order.map((key) => {
    const bytes = BigInt(json.bytes[key] ?? "0");
    return [COMPONENT_LABELS[key] ?? key, formatBinary(bytes), bytes.toString(), describeSource(sources?.[key])] as const;
  });
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  for (const [label, size, bytes, from] of rows) {
    const isTotal = label.startsWith("Total");
    const line = `  ${label.padEnd(widths[0] ?? 0)}  ${size.padStart(widths[1] ?? 0)}  ${bytes.padStart(widths[2] ?? 0)}  ${from}`.trimEnd();
    lines.push(isTotal ? bold(line, color) : line);
  }
  lines.push(`  JVM: ${json.jvmArgs}`);
  const total = BigInt(json.bytes.totalProcess ?? "0");
  const bar = renderBar(barParts.map((k) => [k, BigInt(json.bytes[k] ?? "0")] as [string, bigint]), total, color);
  if (bar !== "") {
    lines.push(`  [${bar}]`);
    const legend = barParts
      .filter((k) => BigInt(json.bytes[k] ?? "0") > 0n)
      .map((k) => `${BAR_STYLE[k]?.letter ?? "?"} ${(COMPONENT_LABELS[k] ?? k).toLowerCase()}`);
    lines.push(`   ${legend.join(", ")}`);
  }
  return lines;
}

/** The human form of an explanation: a table per process, the JVM flags and a bar. */
/**
 * The breakdown as text. `processes` limits it to the processes a configuration starts (a
 * container that runs only a TaskManager); both by default.
 */
export function renderExplain(
  explained: ExplainResult | ExplainJson,
  options: { color: boolean; file?: string; processes?: readonly ("taskmanager" | "jobmanager")[] },
): string {
  const result: ExplainResult = "json" in explained ? explained : { json: explained };
  const { json } = result;
  const color = options.color;
  const shows = (process: "taskmanager" | "jobmanager") => options.processes === undefined || options.processes.includes(process);
  const header = `${options.file !== undefined ? `${options.file}: ` : ""}Flink ${json.flinkVersion}, ${json.deployment} deployment`;
  const tmSources = result.taskmanager?.ok ? (result.taskmanager.sources as Record<string, ComponentSource>) : undefined;
  const jmSources = result.jobmanager?.ok ? (result.jobmanager.sources as Record<string, ComponentSource>) : undefined;
  const lines = [
    header,
    ...(shows("taskmanager")
      ? ["", ...renderProcess("TaskManager", json.taskmanager, TASK_MANAGER_COMPONENTS, TASK_MANAGER_COMPONENTS.slice(0, 8), tmSources, color)]
      : []),
    ...(shows("jobmanager")
      ? ["", ...renderProcess("JobManager", json.jobmanager, JOB_MANAGER_COMPONENTS, JOB_MANAGER_COMPONENTS.slice(0, 4), jmSources, color)]
      : []),
  ];
  const notes = [shows("taskmanager") ? result.taskmanager : undefined, shows("jobmanager") ? result.jobmanager : undefined]
    .flatMap((r) => (r === undefined ? [] : r.adjustments))
    .map((a) => `  - ${a.message}`);
  if (notes.length > 0) lines.push("", "Flink notes:", ...notes);
  return `${lines.join("\n")}\n`;
}
