/**
 * Hover on a memory key: what Flink derives for that process (the numbers of `flinklint explain`),
 * the option's default, and where the component it feeds got its size. Pure: a document in, Markdown out.
 */
import { COMPONENT_LABELS, explainDocument, JOB_MANAGER_COMPONENTS, TASK_MANAGER_COMPONENTS, type ExplainProcess } from "../formatters/explain.js";
import type { ComponentSource, JobManagerMemoryResult, MemoryAdjustment, TaskManagerMemoryResult } from "../model/memory.js";
import { formatBinary, LONG_MAX, toConfigText } from "../model/memory-size.js";
import { jobManagerOptions, MEMORY_SIZE_KEYS, taskManagerOptions, type OptionDef } from "../model/options.js";
import { versionFacts } from "../model/versions.js";
import type { ConfigDocument, ConfigEntry, Deployment } from "../types.js";

export interface MemoryHover {
  /** The entry hovered (its key range is the hover's range). */
  entry: ConfigEntry;
  markdown: string;
}

type Process = "taskmanager" | "jobmanager";



/** Which component each option feeds (by the option's name in the options tables). */
const TM_COMPONENT_OF_OPTION: Record<string, string> = {
  totalProcess: "totalProcess",
  totalFlink: "totalFlink",
  frameworkHeap: "frameworkHeap",
  frameworkOffHeap: "frameworkOffHeap",
  taskHeap: "taskHeap",
  taskOffHeap: "taskOffHeap",
  managedSize: "managed",
  managedFraction: "managed",
  networkMin: "network",
  networkMax: "network",
  networkFraction: "network",
  networkBuffers: "network",
  segmentSize: "network",
  jvmMetaspace: "jvmMetaspace",
  jvmOverheadMin: "jvmOverhead",
  jvmOverheadMax: "jvmOverhead",
  jvmOverheadFraction: "jvmOverhead",
};
const JM_COMPONENT_OF_OPTION: Record<string, string> = {
  totalProcess: "totalProcess",
  totalFlink: "totalFlink",
  jvmHeap: "jvmHeap",
  offHeap: "offHeap",
  jvmMetaspace: "jvmMetaspace",
  jvmOverheadMin: "jvmOverhead",
  jvmOverheadMax: "jvmOverhead",
  jvmOverheadFraction: "jvmOverhead",
};

interface KeyInfo {
  process: Process;
  option?: OptionDef;
  optionName?: string;
  /** Set when the key is a deprecated fallback of `option`. */
  deprecatedFor?: string;
}

/** What the memory model knows about a key, or undefined when it is no memory key. */
export function memoryKeyInfo(key: string, flinkVersion: string): KeyInfo | undefined {
  const process: Process | undefined = key.startsWith("taskmanager.") ? "taskmanager" : key.startsWith("jobmanager.") ? "jobmanager" : undefined;
  if (process === undefined) return undefined;
  const table: Record<string, OptionDef> =
    process === "taskmanager"
      ? (taskManagerOptions(versionFacts(flinkVersion)) as unknown as Record<string, OptionDef>)
      : (jobManagerOptions() as unknown as Record<string, OptionDef>);
  for (const [optionName, option] of Object.entries(table)) {
    if (option.key === key) return { process, option, optionName };
    if (option.fallbackKeys.includes(key)) return { process, option, optionName, deprecatedFor: option.key };
  }
  if (/^(taskmanager|jobmanager)\.memory\./.test(key) || MEMORY_SIZE_KEYS.some((k) => k.key === key)) return { process };
  return undefined;
}

/** The entry whose key or value contains the offset (the cursor right after a key counts too). */
export function entryAt(document: ConfigDocument, offset: number): ConfigEntry | undefined {
  const inside = (r: ConfigEntry["keyRange"]) => r.start.offset <= offset && offset <= r.end.offset;
  return document.entries.find((e) => inside(e.keyRange) || inside(e.valueRange));
}

function describeDefault(option: OptionDef): string {
  const value = option.defaultValue;
  if (value === undefined) return "none";
  if (typeof value === "bigint") return value === LONG_MAX ? "unlimited (`Long.MAX_VALUE`)" : `\`${toConfigText(value)}\``;
  return `\`${option.defaultText}\``;
}

function describeSource(source: ComponentSource | undefined, hovered: string): string {
  if (source === undefined) return "";
  const by = source.key === undefined ? "" : source.key === hovered ? " (this key)" : ` (\`${source.key}\`)`;
  switch (source.how) {
    case "configured":
      return `configured${by}`;
    case "default":
      return "default";
    case "fraction":
      return `fraction${by}`;
    case "capped-min":
      return `fraction, raised to min${by}`;
    case "capped-max":
      return `fraction, lowered to max${by}`;
    case "remainder":
      return "remainder";
    case "derived":
      return "sum of components";
  }
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function renderFailure(title: string, json: Extract<ExplainProcess, { ok: false }>): string[] {
  const lines = [`**${title}:** ${json.stage === "load" ? "Flink cannot load this file" : "Flink refuses this configuration"}`, ""];
  lines.push("```text", json.exception === undefined ? json.error : `${json.exception}: ${json.error}`);
  for (const cause of json.causes) if (!json.error.endsWith(cause)) lines.push(`caused by: ${cause}`);
  lines.push("```");
  return lines;
}

function renderBreakdown(
  title: string,
  json: Extract<ExplainProcess, { ok: true }>,
  rows: readonly string[],
  sources: Record<string, ComponentSource>,
  component: string | undefined,
  hovered: string,
  jvmHeap: bigint | undefined,
): string[] {
  const how = json.path === "fine-grained" ? "fine-grained components configured" : `total ${json.path} memory configured`;
  const lines = [`**${title}** (${how})`, "", "| component | size | bytes | from |", "| --- | ---: | ---: | --- |"];
  for (const row of rows) {
    const bytes = BigInt(json.bytes[row] ?? "0");
    const mark = row === component || sources[row]?.key === hovered ? "**" : "";
    const label = `${mark}${COMPONENT_LABELS[row] ?? row}${mark}`;
    lines.push(`| ${label} | ${formatBinary(bytes)} | ${bytes} | ${escapeCell(describeSource(sources[row], hovered))} |`);
  }
  if (jvmHeap !== undefined) lines.push(`| JVM heap (-Xmx) | ${formatBinary(jvmHeap)} | ${jvmHeap} | framework + task heap |`);
  lines.push("", `JVM: \`${json.jvmArgs}\``);
  return lines;
}

function notesFor(adjustments: readonly MemoryAdjustment[]): string[] {
  if (adjustments.length === 0) return [];
  return ["", "Flink notes:", ...adjustments.map((a) => `- ${a.message}`)];
}

/** The hover for the memory key at `offset`, or undefined when there is none there. */
export function memoryHover(
  document: ConfigDocument,
  offset: number,
  settings: { flinkVersion: string; deployment: Deployment },
): MemoryHover | undefined {
  const entry = entryAt(document, offset);
  if (entry === undefined) return undefined;
  const info = memoryKeyInfo(entry.key, settings.flinkVersion);
  if (info === undefined) return undefined;

  const explained = explainDocument(document, settings);
  const title = info.process === "taskmanager" ? "TaskManager" : "JobManager";
  const json = explained.json[info.process];
  const result: TaskManagerMemoryResult | JobManagerMemoryResult | undefined = explained[info.process];

  const head = [`**\`${entry.key}\`**: \`${entry.raw}\``];
  const facts: string[] = [];
  if (info.option !== undefined) facts.push(`default: ${describeDefault(info.option)}`);
  if (info.deprecatedFor !== undefined) facts.push(`deprecated: Flink reads it as \`${info.deprecatedFor}\` when that is not set`);
  if (entry.overridden) facts.push("overridden by a later line with the same key");
  facts.push(`Flink ${settings.flinkVersion}, ${settings.deployment}`);
  head.push("", facts.join(" · "), "");

  const mapping = info.process === "taskmanager" ? TM_COMPONENT_OF_OPTION : JM_COMPONENT_OF_OPTION;
  const sourcesOf = result?.ok ? (result.sources as Record<string, ComponentSource>) : {};
  const fromSources = Object.entries(sourcesOf).find(([, s]) => s.key === entry.key)?.[0];
  const component = fromSources ?? (info.optionName === undefined ? undefined : mapping[info.optionName]);

  let body: string[];
  if (!json.ok) {
    body = renderFailure(title, json);
  } else {
    if (component !== undefined) {
      const bytes = BigInt(json.bytes[component] ?? "0");
      const from = describeSource(sourcesOf[component], entry.key);
      head.push(`${COMPONENT_LABELS[component] ?? component}: **${formatBinary(bytes)}** (${bytes} bytes)${from ? `, ${from}` : ""}`, "");
    }
    const rows = info.process === "taskmanager" ? TASK_MANAGER_COMPONENTS : JOB_MANAGER_COMPONENTS;
    const jvmHeap = result?.ok && result.process === "taskmanager" ? result.bytes.jvmHeap : undefined;
    body = renderBreakdown(title, json, rows, sourcesOf, component, entry.key, jvmHeap);
  }
  const notes = result === undefined ? [] : notesFor(result.adjustments);
  return { entry, markdown: [...head, ...body, ...notes].join("\n") };
}
