/**
 * The memory figure: Flink's documentation draws a process's memory as a stack of boxes; this
 * draws the user's own configuration that way, to scale and exact to the byte, as one
 * self-contained SVG document (no scripts, no external references).
 *
 * Each process is a column: a heading, how Flink derived it (or why it refuses), then the stack.
 * The stack has one scale (bytes per pixel) per figure; brackets for the totals sit on its left,
 * and every component's label sits on its right at the end of a leader line, so that a 128m box
 * in a 64g process keeps a readable label and labels never overlap. A refused configuration is
 * drawn from what was configured and the sizes in Flink's reason, with the part that does not
 * fit in a warning style.
 *
 * The output is a pure function of the input: no ids (an HTML page may inline several documents),
 * every style scoped under the root's class, every text from the file escaped.
 */
import type { ConfigValue } from "../types.js";
import { FlinkConfiguration } from "../model/configuration.js";
import type { ComponentSource, MemoryAdjustment, MemoryFailure, ProcessKind } from "../model/memory.js";
import { KIB, MIB, UNIT_LETTERS, javaTrim, parseMemorySize, toConfigText, toShortSize } from "../model/memory-size.js";
import { jobManagerOptions, taskManagerOptions, type OptionDef } from "../model/options.js";
import { versionFacts } from "../model/versions.js";
import { neutralizeControlCharacters } from "./escape.js";
import { COMPONENT_LABELS, type ExplainProcess, type ExplainResult } from "./explain.js";

/** One configuration to draw: a figure per process it starts. */
export interface MemoryFigureInput {
  /** The heading over its figures, e.g. "flink-conf.yaml" or "Compose service taskmanager". */
  title: string;
  explained: ExplainResult;
  /** The settings Flink read (the document's `config`): what was configured, when Flink refuses. */
  config: ReadonlyMap<string, ConfigValue>;
  /** The processes the configuration starts; both when absent. */
  processes?: readonly ProcessKind[];
}

// ---------------------------------------------------------------------------------------------
// Sizes and names
// ---------------------------------------------------------------------------------------------

/** A whole number of units up to this many is what a person reads at a glance. */
const READABLE_UNIT_COUNT = 99_999n;
/** Below this, a size no unit divides is plainest as bytes. */
const PLAIN_BYTES_BELOW = 10n * KIB;

/**
 * A size in Flink's unit letters, exact to the byte: `512m`, `1536k` when a unit divides it;
 * the nearest whole units and the few bytes off (`512m + 8b`, `384m − 10b`: what fractions of
 * float precision give); bytes below 10k (`900b`); else three decimals and the bytes, as Flink's
 * own messages write sizes (`230.400m (241591914 bytes)`).
 */
export function figureSize(bytes: bigint): string {
  if (bytes < 0n) return `-${figureSize(-bytes)}`;
  const exact = toConfigText(bytes);
  const whole = !exact.endsWith("b");
  if (bytes < PLAIN_BYTES_BELOW || (whole && BigInt(exact.slice(0, -1)) <= READABLE_UNIT_COUNT)) return exact;
  for (const [multiplier, letter] of UNIT_LETTERS) {
    // Kibibytes by the ten thousand read badly: from 1m up, m and larger units only.
    if (multiplier === KIB && bytes >= MIB) continue;
    const count = (bytes + multiplier / 2n) / multiplier;
    const rest = bytes - count * multiplier;
    if (count < 1n || count > READABLE_UNIT_COUNT || rest === 0n || rest >= KIB || rest <= -KIB) continue;
    return `${count}${letter} ${rest > 0n ? "+" : "\u2212"} ${rest > 0n ? rest : -rest}b`;
  }
  return `${toShortSize(bytes)} (${bytes} bytes)`;
}

/** Names of the parts a refused figure draws that are not components of the breakdown. */
const LUMP_LABELS: Readonly<Record<string, string>> = {
  flinkBesidesNetwork: "Flink memory besides network",
};

/** A component's name in a label: "task heap", "managed", "JVM metaspace". */
export function componentName(component: string): string {
  const label = COMPONENT_LABELS[component] ?? LUMP_LABELS[component] ?? component;
  return label.startsWith("JVM") ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** The stack top to bottom, as Flink's figure has it (managed before the direct memory). */
const TASK_MANAGER_STACK = [
  "frameworkHeap",
  "taskHeap",
  "managed",
  "frameworkOffHeap",
  "taskOffHeap",
  "network",
  "jvmMetaspace",
  "jvmOverhead",
] as const;
const JOB_MANAGER_STACK = ["jvmHeap", "offHeap", "jvmMetaspace", "jvmOverhead"] as const;

/** The brackets of a derived process: which run of the stack each spans, and at which depth (0 outermost). */
interface BracketSpan {
  name: string;
  /** The breakdown's total it shows, when it is one (carries `data-component`). */
  component?: "totalProcess" | "totalFlink";
  first: number;
  end: number;
  depth: number;
}
const TASK_MANAGER_BRACKETS: readonly BracketSpan[] = [
  { name: "Total process memory", component: "totalProcess", first: 0, end: 8, depth: 0 },
  { name: "Total Flink memory", component: "totalFlink", first: 0, end: 6, depth: 1 },
  { name: "JVM heap", first: 0, end: 2, depth: 2 },
  { name: "Off-heap memory", first: 2, end: 6, depth: 2 },
  { name: "Direct memory", first: 3, end: 6, depth: 3 },
];
const JOB_MANAGER_BRACKETS: readonly BracketSpan[] = [
  { name: "Total process memory", component: "totalProcess", first: 0, end: 4, depth: 0 },
  { name: "Total Flink memory", component: "totalFlink", first: 0, end: 2, depth: 1 },
];

/** What a fraction is of, in words. */
const FRACTION_OF: Readonly<Record<string, string>> = {
  managed: "total Flink",
  network: "total Flink",
  jvmOverhead: "total process",
};
/** What a remainder is the rest of, in words (the Flink components: of total Flink). */
const REMAINDER_OF: Readonly<Record<string, string>> = {
  jvmOverhead: "remainder of total process",
  totalFlink: "total process \u2212 JVM metaspace \u2212 JVM overhead",
};

/** The options behind each component, for what is set, defaults and fraction texts. */
interface ProcessOptions {
  /** The option that sets a component's size directly. */
  size: Readonly<Record<string, OptionDef>>;
  fraction: Readonly<Record<string, OptionDef>>;
  min: Readonly<Record<string, OptionDef>>;
  max: Readonly<Record<string, OptionDef>>;
  all: readonly OptionDef[];
}

function processOptions(process: ProcessKind, flinkVersion: string): ProcessOptions {
  if (process === "jobmanager") {
    const o = jobManagerOptions();
    return {
      size: { totalProcess: o.totalProcess, totalFlink: o.totalFlink, jvmHeap: o.jvmHeap, offHeap: o.offHeap, jvmMetaspace: o.jvmMetaspace },
      fraction: { jvmOverhead: o.jvmOverheadFraction },
      min: { jvmOverhead: o.jvmOverheadMin },
      max: { jvmOverhead: o.jvmOverheadMax },
      all: Object.values(o),
    };
  }
  const o = taskManagerOptions(versionFacts(flinkVersion));
  return {
    size: {
      totalProcess: o.totalProcess,
      totalFlink: o.totalFlink,
      frameworkHeap: o.frameworkHeap,
      taskHeap: o.taskHeap,
      frameworkOffHeap: o.frameworkOffHeap,
      taskOffHeap: o.taskOffHeap,
      managed: o.managedSize,
      jvmMetaspace: o.jvmMetaspace,
    },
    fraction: { managed: o.managedFraction, network: o.networkFraction, jvmOverhead: o.jvmOverheadFraction },
    min: { network: o.networkMin, jvmOverhead: o.jvmOverheadMin },
    max: { network: o.networkMax, jvmOverhead: o.jvmOverheadMax },
    all: Object.values(o),
  };
}

// ---------------------------------------------------------------------------------------------
// What a figure shows, before layout
// ---------------------------------------------------------------------------------------------

/** How a box is drawn: the legend's styles. */
type BoxStyle = "set" | "default" | "fraction" | "capped" | "remainder" | "derived" | "flagged";

interface Segment {
  component: string;
  /** Undefined: Flink stopped before deriving it (listed, not drawn). */
  bytes: bigint | undefined;
  style: BoxStyle;
  /** The label's lines after "name size": where the size comes from. */
  details: string[];
}

interface Bracket {
  name: string;
  component?: "totalProcess" | "totalFlink";
  /** Offset of its top from the stack's top, and its length, in bytes. */
  start: bigint;
  bytes: bigint;
  depth: number;
  /** A configured limit of a refused process (drawn in the warning colour when exceeded). */
  limit: boolean;
}

/** A part of the stack a refused process does not fit: past a limit, or left uncovered. */
interface Marker {
  kind: "overflow" | "gap";
  start: bigint;
  end: bigint;
  title: string;
  details: string[];
}

/** The sizes a flagged box must end within, measured from its top. */
interface AllowedRange {
  start: bigint;
  min: bigint;
  max: bigint;
}

interface TextBlock {
  text: string;
  cls: string;
}

interface ProcessFigure {
  process: ProcessKind;
  status: "ok" | "refused" | "load";
  heading: string;
  intro: TextBlock[];
  segments: Segment[];
  brackets: Bracket[];
  markers: Marker[];
  range?: AllowedRange;
  outro: TextBlock[];
}

/** Reads what a configuration sets, for the words of a figure. */
class SettingsReader {
  private readonly conf: FlinkConfiguration;

  constructor(
    private readonly config: ReadonlyMap<string, ConfigValue>,
    readonly options: ProcessOptions,
  ) {
    this.conf = new FlinkConfiguration(config);
  }

  /** The key in the file that sets the option (its own or a deprecated one), if any. */
  keyOf(option: OptionDef | undefined): string | undefined {
    return option === undefined ? undefined : this.conf.lookupKey(option);
  }

  /** A value as written, trimmed and kept short. */
  text(key: string): string | undefined {
    const value = this.config.get(key);
    return value === undefined ? undefined : clip(javaTrim(value.text), MAX_VALUE_CHARS);
  }

  has(key: string): boolean {
    return this.config.has(key);
  }

  /** A memory size as Flink's parser reads the value, if it is one. */
  memorySize(key: string): bigint | undefined {
    const value = this.config.get(key);
    const parsed = value === undefined ? undefined : parseMemorySize(value.text);
    return parsed?.ok ? parsed.bytes : undefined;
  }

  /** `key: value` as the user wrote it. */
  setting(key: string): string {
    const text = this.text(key);
    return text === undefined ? key : `${key}: ${text}`;
  }

  /** A fraction's words: "0.4 × total Flink (default)", "0.25 × total Flink (taskmanager.memory.managed.fraction)". */
  fractionOf(component: string): string {
    const option = this.options.fraction[component];
    const key = this.keyOf(option);
    const of = FRACTION_OF[component] ?? "its total";
    if (key !== undefined) return `${this.text(key) ?? ""} \u00d7 ${of} (${key})`;
    return `${option?.defaultText ?? "its fraction"} \u00d7 ${of} (default)`;
  }

  /** How a refused figure describes a size it took from Flink's reason. */
  describeReported(component: string): { style: BoxStyle; text: string } {
    const option = this.options.size[component];
    const key = this.keyOf(option);
    if (key !== undefined) return { style: "set", text: `set by ${key}` };
    if (option?.defaultValue !== undefined) return { style: "default", text: "default" };
    return { style: "derived", text: "derived by Flink" };
  }
}

const MAX_VALUE_CHARS = 60;
const MAX_TITLE_CHARS = 300;
const MAX_MESSAGE_CHARS = 2000;
const MAX_LISTED_SETTINGS = 24;

function toBytes(text: string | undefined): bigint | undefined {
  return text !== undefined && /^-?[0-9]{1,40}$/.test(text) ? BigInt(text) : undefined;
}

const PATH_WORDS: Readonly<Record<string, string>> = {
  process: "the total process memory",
  flink: "the total Flink memory",
  "fine-grained": "the fine-grained components",
};

const PROCESS_NAMES: Readonly<Record<ProcessKind, string>> = { taskmanager: "TaskManager", jobmanager: "JobManager" };

/** The figure of a process Flink derives. */
function derivedFigure(
  process: ProcessKind,
  json: Extract<ExplainProcess, { ok: true }>,
  explained: ExplainResult,
  settings: SettingsReader,
): ProcessFigure {
  const result = explained[process];
  const derivation = result?.ok ? result : undefined;
  const sources = derivation?.sources as Readonly<Record<string, ComponentSource>> | undefined;
  const adjustments: readonly MemoryAdjustment[] = derivation?.adjustments ?? [];
  const stack = process === "taskmanager" ? TASK_MANAGER_STACK : JOB_MANAGER_STACK;
  const spans = process === "taskmanager" ? TASK_MANAGER_BRACKETS : JOB_MANAGER_BRACKETS;
  const bytesOf = (component: string): bigint => toBytes(json.bytes[component]) ?? 0n;

  const segments: Segment[] = stack.map((component) => {
    const described = describeSource(component, sources?.[component], adjustments, settings, bytesOf(component));
    return { component, bytes: bytesOf(component), style: described.style, details: [described.text] };
  });
  const offsets = [0n];
  for (const segment of segments) offsets.push((offsets[offsets.length - 1] ?? 0n) + (segment.bytes ?? 0n));
  const brackets: Bracket[] = spans.map((span) => {
    const start = offsets[span.first] ?? 0n;
    const spanned = (offsets[span.end] ?? 0n) - start;
    return {
      name: span.name,
      ...(span.component === undefined ? {} : { component: span.component }),
      start,
      bytes: span.component === undefined ? spanned : (toBytes(json.bytes[span.component]) ?? spanned),
      depth: span.depth,
      limit: false,
    };
  });

  const path = `${PATH_WORDS[json.path] ?? "its settings"}${pathKeys(json.path, process, sources, settings)}`;
  const intro: TextBlock[] = [{ text: `Flink derived it from ${path}.`, cls: "fm-path" }];
  const totals = (["totalFlink", "totalProcess"] as const).flatMap((total) => {
    const source = sources?.[total];
    return source === undefined ? [] : [`${COMPONENT_LABELS[total] ?? total}: ${describeSource(total, source, adjustments, settings, bytesOf(total)).text}`];
  });
  if (totals.length > 0) intro.push({ text: totals.join(" \u00b7 "), cls: "fm-muted fm-small" });

  const outro: TextBlock[] = [{ text: `JVM: ${clip(json.jvmArgs, MAX_MESSAGE_CHARS)}`, cls: "fm-mono" }];
  if (adjustments.length > 0) outro.push({ text: "Flink notes:", cls: "fm-small fm-strong" });
  for (const adjustment of adjustments) outro.push({ text: `\u2022 ${clip(adjustment.message, MAX_MESSAGE_CHARS)}`, cls: "fm-small fm-muted" });
  return { process, status: "ok", heading: PROCESS_NAMES[process], intro, segments, brackets, markers: [], outro };
}

/** The keys that chose the path, with their values: " (taskmanager.memory.process.size: 1728m)". */
function pathKeys(
  path: string,
  process: ProcessKind,
  sources: Readonly<Record<string, ComponentSource>> | undefined,
  settings: SettingsReader,
): string {
  const components =
    path === "process" ? ["totalProcess"] : path === "flink" ? ["totalFlink"] : process === "taskmanager" ? ["taskHeap", "managed"] : ["jvmHeap"];
  const keys = components.flatMap((c) => {
    const key = sources?.[c]?.key;
    return key === undefined ? [] : [settings.setting(key)];
  });
  return keys.length === 0 ? "" : ` (${keys.join(", ")})`;
}

/** Where a derived size comes from, in words, and the box style that says it. */
function describeSource(
  component: string,
  source: ComponentSource | undefined,
  adjustments: readonly MemoryAdjustment[],
  settings: SettingsReader,
  bytes: bigint,
): { style: BoxStyle; text: string } {
  if (source === undefined) return { style: "derived", text: "derived by Flink" };
  switch (source.how) {
    case "configured":
      return { style: "set", text: source.key === undefined ? "set in the file" : `set by ${source.key}` };
    case "default":
      return { style: "default", text: "default" };
    case "fraction":
      return { style: "fraction", text: `fraction ${settings.fractionOf(component)}` };
    case "capped-min":
    case "capped-max": {
      const capped = adjustments.find((a) => a.kind === source.how && a.component === component);
      const gave = capped?.derivedBytes === undefined ? "" : ` gave ${toShortSize(capped.derivedBytes)},`;
      const bound = source.how === "capped-min" ? "min" : "max";
      const boundKey = settings.keyOf(source.how === "capped-min" ? settings.options.min[component] : settings.options.max[component]);
      const verb = source.how === "capped-min" ? "raised to min" : "lowered to max";
      return {
        style: "capped",
        text: `fraction ${settings.fractionOf(component)}${gave} ${verb} ${figureSize(bytes)} (${boundKey ?? `default ${bound}`})`,
      };
    }
    case "remainder": {
      const ignored = adjustments.find((a) => a.kind === "fraction-ignored" && a.component === component);
      const note = ignored === undefined ? "" : `; the fraction ${settings.fractionOf(component)} is ignored`;
      return { style: "remainder", text: `${REMAINDER_OF[component] ?? "remainder of total Flink"}${note}` };
    }
    case "derived":
      return { style: "derived", text: "sum of its components" };
    default:
      return { style: "derived", text: "derived by Flink" };
  }
}

/** How a refused process is drawn, by the reason Flink gives (the sizes are in `failure.numbers`). */
interface RefusalLayout {
  /** Top to bottom; a component without a size in the numbers is listed, not drawn. */
  stack: readonly string[];
  /** The configured total the stack is measured against (it would hold all of it). */
  limit: "totalProcess" | "totalFlink";
  /** The part whose size is outside its allowed range. */
  flagged?: string;
  /** Parts the numbers carry that Flink would not have used (a default it replaces by the remainder). */
  unsized?: readonly string[];
  /** Why a listed part has no size. */
  missing: string;
}

const REFUSAL_LAYOUTS: Partial<Record<MemoryFailure["code"], RefusalLayout>> = {
  "metaspace-and-overhead-exceed-process": {
    stack: ["totalFlink", "jvmMetaspace", "jvmOverhead"],
    limit: "totalProcess",
    missing: "no room left: JVM metaspace and JVM overhead take it all",
  },
  "process-below-flink-and-metaspace": {
    stack: ["totalFlink", "jvmMetaspace", "jvmOverhead"],
    limit: "totalProcess",
    missing: "no room left for it",
  },
  "overhead-out-of-range": {
    stack: ["totalFlink", "jvmMetaspace", "jvmOverhead"],
    limit: "totalProcess",
    flagged: "jvmOverhead",
    missing: "",
  },
  "components-besides-network-exceed-flink": {
    stack: ["frameworkHeap", "taskHeap", "managed", "frameworkOffHeap", "taskOffHeap", "network"],
    limit: "totalFlink",
    missing: "no room left: the other components exceed total Flink",
  },
  "components-besides-task-heap-exceed-flink": {
    stack: ["frameworkHeap", "taskHeap", "managed", "frameworkOffHeap", "taskOffHeap", "network"],
    limit: "totalFlink",
    missing: "no room left: the other components exceed total Flink",
  },
  "network-remainder-inconsistent": {
    stack: ["flinkBesidesNetwork", "network"],
    limit: "totalFlink",
    flagged: "network",
    missing: "",
  },
  "heap-and-off-heap-not-flink": { stack: ["jvmHeap", "offHeap"], limit: "totalFlink", missing: "" },
  "heap-exceeds-flink": {
    stack: ["jvmHeap", "offHeap"],
    limit: "totalFlink",
    unsized: ["offHeap"],
    missing: "no room left: the JVM heap exceeds total Flink",
  },
  "flink-not-above-off-heap": {
    stack: ["jvmHeap", "offHeap"],
    limit: "totalFlink",
    missing: "no room left: off-heap takes all of total Flink",
  },
};

/** The figure of a process Flink refuses: its reason, what was configured, and what does not fit. */
function refusedFigure(process: ProcessKind, json: Extract<ExplainProcess, { ok: false }>, explained: ExplainResult, settings: SettingsReader): ProcessFigure {
  const figure: ProcessFigure = {
    process,
    status: json.stage === "load" ? "load" : "refused",
    heading: `${PROCESS_NAMES[process]}: ${json.stage === "load" ? "Flink cannot load this file" : "Flink refuses this configuration"}`,
    intro: reasonBlocks(json),
    segments: [],
    brackets: [],
    markers: [],
    outro: [],
  };
  if (json.stage === "load") return figure;
  const result = explained[process];
  const failure = result !== undefined && !result.ok ? result : undefined;
  if (failure !== undefined) drawRefusal(figure, failure, settings);
  figure.outro = configuredBlocks(failure, settings);
  return figure;
}

function reasonBlocks(json: Extract<ExplainProcess, { ok: false }>): TextBlock[] {
  const blocks: TextBlock[] = [{ text: clip(json.error, MAX_MESSAGE_CHARS), cls: "fm-reason" }];
  for (const cause of json.causes.slice(0, 8)) {
    if (!json.error.endsWith(cause)) blocks.push({ text: `caused by: ${clip(cause, MAX_MESSAGE_CHARS)}`, cls: "fm-small fm-muted" });
  }
  return blocks;
}

function drawRefusal(figure: ProcessFigure, failure: MemoryFailure, settings: SettingsReader): void {
  const layout = REFUSAL_LAYOUTS[failure.code];
  const numbers = failure.numbers;
  const limitBytes = layout === undefined ? undefined : numbers[layout.limit];
  if (layout === undefined || limitBytes === undefined) return;
  const sized = (component: string): bigint | undefined => {
    if (component === "flinkBesidesNetwork") {
      const { totalFlink, network } = numbers;
      return totalFlink === undefined || network === undefined ? undefined : totalFlink - network;
    }
    return layout.unsized?.includes(component) ? undefined : numbers[component];
  };
  let held = 0n;
  for (const component of layout.stack) {
    const bytes = sized(component);
    if (bytes === undefined) {
      // A part Flink never sized: listed where it would be (a layout with nothing to say about it lists none).
      if (layout.missing !== "") figure.segments.push({ component, bytes: undefined, style: "derived", details: [layout.missing] });
      continue;
    }
    const reported = component === "flinkBesidesNetwork" ? { style: "derived" as const, text: "total Flink \u2212 network" } : settings.describeReported(component);
    const details = [reported.text];
    let style: BoxStyle = reported.style;
    if (component === layout.flagged) {
      style = "flagged";
      const { min, max, configuredNetwork } = numbers;
      if (configuredNetwork !== undefined) {
        details.push(`does not match the configured ${figureSize(configuredNetwork)} (network buffers \u00d7 segment size)`);
        figure.range = { start: held, min: configuredNetwork, max: configuredNetwork };
      } else if (min !== undefined && max !== undefined) {
        details.push(`outside its range [${figureSize(min)}, ${figureSize(max)}] (the green bar)`);
        figure.range = { start: held, min, max };
      }
    }
    figure.segments.push({ component, bytes, style, details });
    held += bytes < 0n ? 0n : bytes;
  }
  const name = COMPONENT_LABELS[layout.limit] ?? layout.limit;
  figure.brackets.push({ name, component: layout.limit, start: 0n, bytes: limitBytes, depth: 0, limit: held !== limitBytes });
  if (held > limitBytes) {
    figure.markers.push({
      kind: "overflow",
      start: limitBytes < 0n ? 0n : limitBytes,
      end: held,
      title: `does not fit: ${figureSize(held - limitBytes)}`,
      details: [`beyond ${componentName(layout.limit)} (${figureSize(limitBytes)})`],
    });
  } else if (held < limitBytes && failure.code === "heap-and-off-heap-not-flink") {
    figure.markers.push({
      kind: "gap",
      start: held,
      end: limitBytes,
      title: `not covered: ${figureSize(limitBytes - held)}`,
      details: ["JVM heap + off-heap fall short of total Flink"],
    });
  }
}

/** What the file sets for this process: the settings Flink's reason names first. */
function configuredBlocks(failure: MemoryFailure | undefined, settings: SettingsReader): TextBlock[] {
  const named = (failure?.keys ?? []).filter((key) => settings.has(key));
  const others: string[] = [];
  for (const option of settings.options.all) {
    const key = settings.keyOf(option);
    if (key !== undefined && !named.includes(key) && !others.includes(key)) others.push(key);
  }
  const line = (key: string): string => {
    const option = settings.options.all.find((o) => o.key === key || o.fallbackKeys.includes(key));
    const text = settings.text(key) ?? "";
    if (option?.type !== "memory") return `${key}: ${text}`;
    const bytes = settings.memorySize(key);
    if (bytes === undefined) return `${key}: ${text} (not a memory size)`;
    const size = figureSize(bytes);
    return size === text ? `${key}: ${text}` : `${key}: ${text} (= ${size})`;
  };
  if (named.length === 0 && others.length === 0) return [{ text: "No memory setting of this process is set in the file.", cls: "fm-small fm-muted" }];
  const blocks: TextBlock[] = [];
  if (named.length > 0) {
    blocks.push({ text: "Settings in Flink's reason:", cls: "fm-small fm-strong" });
    for (const key of named.slice(0, MAX_LISTED_SETTINGS)) blocks.push({ text: `\u2022 ${line(key)}`, cls: "fm-small fm-warn" });
  }
  if (others.length > 0) {
    blocks.push({ text: named.length > 0 ? "Other memory settings:" : "Memory settings:", cls: "fm-small fm-strong" });
    for (const key of others.slice(0, MAX_LISTED_SETTINGS)) blocks.push({ text: `\u2022 ${line(key)}`, cls: "fm-small" });
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

// Lone surrogates and the two non-characters are not allowed in XML; control characters are
// made visible by neutralizeControlCharacters first.
const XML_INVALID = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g;
const XML_SPECIAL: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text for an SVG element or attribute: markup escaped, characters XML cannot hold made visible. */
function escapeXml(text: string): string {
  return neutralizeControlCharacters(text)
    .replace(XML_INVALID, "\ufffd")
    .replace(/[&<>"']/g, (c) => XML_SPECIAL[c] ?? c);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
}

/** Average glyph width of the sans-serif fonts, a little generous, in em. */
const GLYPH_EM = 0.6;

function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * GLYPH_EM;
}

/** Lines of at most `width` pixels, broken at spaces (a longer word is cut). */
function wrap(text: string, width: number, fontSize: number): string[] {
  const max = Math.max(8, Math.floor(width / (fontSize * GLYPH_EM)));
  const lines: string[] = [];
  let line = "";
  for (const word of neutralizeControlCharacters(text).split(" ")) {
    let rest = word;
    while (rest.length > max) {
      if (line !== "") lines.push(line);
      line = "";
      lines.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    if (line === "") line = rest;
    else if (line.length + 1 + rest.length <= max) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}

/** A coordinate: two decimals, no trailing zeros, never "-0". */
function px(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return Object.is(rounded, -0) || !Number.isFinite(rounded) ? "0" : String(rounded);
}

function attrs(values: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === "number" ? px(value) : escapeXml(value)}"`)
    .join("");
}

// ---------------------------------------------------------------------------------------------
// Layout and drawing
// ---------------------------------------------------------------------------------------------

const PAD = 16;
const FIGURE_WIDTH = 620;
const FIGURE_GAP = 28;
const STACK_HEIGHT = 400;
const STACK_WIDTH = 150;
const BRACKET_COLUMN = 30;
const LEADER_SPAN = 44;
/** Font sizes and line heights by text class. */
const FONT = { body: 11.5, small: 10.5, name: 12, heading: 14, title: 15 } as const;
const LINE = { body: 15, small: 13.5, label: 12.5 } as const;

function fontOf(cls: string): number {
  return cls.includes("fm-small") || cls.includes("fm-mono") ? FONT.small : FONT.body;
}

/** A wrapped block of text as one `<text>` with a `<tspan>` per line; returns its height. */
function drawBlock(out: string[], block: TextBlock, x: number, y: number, width: number): number {
  const size = fontOf(block.cls);
  const step = size === FONT.small ? LINE.small : LINE.body;
  const lines = wrap(block.text, width, size);
  const spans = lines.map((line, i) => `<tspan${attrs({ x, y: y + step * (i + 1) - 3 })}>${escapeXml(line)}</tspan>`);
  out.push(`<text${attrs({ class: block.cls, x, y })}>${spans.join("")}</text>`);
  return lines.length * step;
}

interface LabelItem {
  /** Where its leader meets the stack. */
  anchor: number;
  name: string;
  nameClass: string;
  details: string[];
  /** Attributes of the label's group (data-label, and data-component for a component without a box). */
  data: Readonly<Record<string, string | undefined>>;
  warn: boolean;
  top: number;
  lines: string[];
}

function labelHeight(item: LabelItem): number {
  return 14 + LINE.label * item.lines.length + 5;
}

/** Spreads labels down from their anchors so that none overlaps the next, kept near the stack. */
function placeLabels(items: LabelItem[], top: number, bottom: number): void {
  let cursor = top;
  for (const item of items) {
    item.top = Math.max(item.anchor - 9, cursor);
    cursor = item.top + labelHeight(item);
  }
  // Pulled back up when the last ones run past the stack, as far as the top allows.
  let limit = bottom;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item === undefined) continue;
    item.top = Math.max(top, Math.min(item.top, limit - labelHeight(item)));
    limit = item.top;
  }
  cursor = top;
  for (const item of items) {
    item.top = Math.max(item.top, cursor);
    cursor = item.top + labelHeight(item);
  }
}

/** Draws one process's figure at the origin; returns its markup and height. */
function drawProcess(figure: ProcessFigure): { body: string; height: number } {
  const out: string[] = [];
  const warnHeading = figure.status !== "ok";
  out.push(`<text${attrs({ class: warnHeading ? "fm-heading fm-warn" : "fm-heading", x: 0, y: 16 })}>${escapeXml(figure.heading)}</text>`);
  let y = 24;
  for (const block of figure.intro) y += drawBlock(out, block, 0, y, FIGURE_WIDTH);
  if (figure.segments.length > 0 || figure.brackets.length > 0) y = drawStack(out, figure, y + 14) + 10;
  for (const block of figure.outro) y += drawBlock(out, block, 0, y, FIGURE_WIDTH);
  return { body: out.join("\n"), height: y };
}

/** The stack, its brackets and labels, from `top`; returns the y below them. */
function drawStack(out: string[], figure: ProcessFigure, top: number): number {
  const depths = figure.brackets.reduce((n, b) => Math.max(n, b.depth + 1), 0);
  const stackX = depths * BRACKET_COLUMN + 8;
  const stackRight = stackX + STACK_WIDTH;
  const labelX = stackRight + LEADER_SPAN;
  const labelWidth = FIGURE_WIDTH - labelX;

  let extent = 0n;
  let offset = 0n;
  for (const segment of figure.segments) {
    offset += segment.bytes !== undefined && segment.bytes > 0n ? segment.bytes : 0n;
    if (offset > extent) extent = offset;
  }
  for (const bracket of figure.brackets) if (bracket.start + bracket.bytes > extent) extent = bracket.start + bracket.bytes;
  for (const marker of figure.markers) if (marker.end > extent) extent = marker.end;
  // The allowed range may reach below the stack (an overhead below its min): the stack grows by
  // at most a quarter to show all of it, or its start and a little more, open-ended.
  if (figure.range !== undefined) {
    const { start, min, max } = figure.range;
    const bound = extent + extent / 4n;
    if (start + max <= bound) extent = extent > start + max ? extent : start + max;
    else if (start + min <= bound) extent = start + min + extent / 8n > extent ? start + min + extent / 8n : extent;
  }
  const scale = extent > 0n ? STACK_HEIGHT / Number(extent) : 0;
  const yAt = (bytes: bigint): number => top + Number(bytes < 0n ? 0n : bytes > extent ? extent : bytes) * scale;
  const bottom = top + (extent > 0n ? STACK_HEIGHT : 0);

  const labels: LabelItem[] = [];
  offset = 0n;
  out.push('<g class="fm-stack">');
  for (const segment of figure.segments) {
    const y0 = yAt(offset);
    const name = componentName(segment.component);
    const bytes = segment.bytes;
    const sizeText = bytes === undefined ? "not derived" : figureSize(bytes);
    if (bytes !== undefined && bytes > 0n) {
      offset += bytes;
      const y1 = yAt(offset);
      const boxTop = Math.round(y0 * 100) / 100;
      const boxHeight = Math.round(y1 * 100) / 100 - boxTop;
      out.push(
        `<rect${attrs({
          class: `fm-box fm-${segment.component} fm-${segment.style}`,
          x: stackX,
          y: boxTop,
          width: STACK_WIDTH,
          height: boxHeight,
          "data-component": segment.component,
          "data-bytes": bytes.toString(),
        })}><title>${escapeXml(`${name}: ${bytes} bytes, ${segment.details.join("; ")}`)}</title></rect>`,
      );
      // The name inside a box tall enough for it, as the docs' figure has it.
      if (boxHeight >= 18 && textWidth(name, FONT.small) < STACK_WIDTH - 8) {
        const at = { x: stackX + STACK_WIDTH / 2, y: boxTop + boxHeight / 2 + 4 };
        out.push(`<text${attrs({ class: "fm-inbox fm-small", ...at, "text-anchor": "middle" })}>${escapeXml(name)}</text>`);
      }
      labels.push(labelItem((y0 + y1) / 2, `${name} ${sizeText}`, segment, { "data-label": segment.component }));
    } else {
      // No box: a zero-byte component, listed at its place and carrying its bytes, or a part Flink never sized.
      labels.push(
        labelItem(y0, `${name} ${sizeText}`, segment, {
          "data-label": segment.component,
          ...(bytes === undefined ? { "data-missing": "true" } : { "data-component": segment.component, "data-bytes": bytes.toString() }),
        }),
      );
    }
  }
  for (const marker of figure.markers) {
    const y0 = yAt(marker.start);
    const y1 = yAt(marker.end);
    const area = { x: stackX - 5, y: y0, width: STACK_WIDTH + 10, height: y1 - y0 };
    const data = { "data-marker": marker.kind, "data-bytes": (marker.end - marker.start).toString() };
    out.push(`<rect${attrs({ class: marker.kind === "overflow" ? "fm-overflow" : "fm-gap", ...area, ...data })}/>`);
    labels.push({
      anchor: (y0 + y1) / 2,
      name: marker.title,
      nameClass: "fm-name fm-warn",
      details: marker.details,
      data: { "data-label": marker.kind },
      warn: true,
      top: 0,
      lines: [],
    });
  }
  if (figure.range !== undefined) drawRange(out, figure.range, yAt, extent, stackRight);
  out.push("</g>");

  const bracketBottom = drawBrackets(out, figure.brackets, yAt, top, bottom);

  for (const item of labels) item.lines = item.details.flatMap((d) => wrap(d, labelWidth, FONT.small));
  // In the order of their anchors (a marker's sits among the boxes'), so that no leader crosses another.
  labels.sort((a, b) => a.anchor - b.anchor);
  placeLabels(labels, top - 4, bottom + 4);
  out.push('<g class="fm-labels">');
  for (const item of labels) drawLabel(out, item, stackRight, labelX);
  out.push("</g>");
  const labelsBottom = labels.reduce((max, item) => Math.max(max, item.top + labelHeight(item)), 0);
  return Math.max(bottom, labelsBottom, bracketBottom);
}

function labelItem(anchor: number, name: string, segment: Segment, data: Readonly<Record<string, string | undefined>>): LabelItem {
  const warn = segment.style === "flagged";
  return { anchor, name, nameClass: warn ? "fm-name fm-warn" : "fm-name", details: segment.details, data, warn, top: 0, lines: [] };
}

function drawLabel(out: string[], item: LabelItem, stackRight: number, labelX: number): void {
  const lineY = item.top + 9;
  out.push(`<g${attrs({ class: "fm-label", ...item.data })}>`);
  const leader = `M${px(stackRight - 6)} ${px(item.anchor)}H${px(stackRight + 10)}L${px(labelX - 8)} ${px(lineY)}H${px(labelX - 3)}`;
  out.push(`<path${attrs({ class: item.warn ? "fm-leader fm-warn-line" : "fm-leader", d: leader })}/>`);
  const spans = [
    `<tspan${attrs({ class: item.nameClass, x: labelX, y: item.top + 13 })}>${escapeXml(item.name)}</tspan>`,
    ...item.lines.map((line, i) => `<tspan${attrs({ class: "fm-small fm-muted", x: labelX, y: item.top + 13 + LINE.label * (i + 1) })}>${escapeXml(line)}</tspan>`),
  ];
  out.push(`<text${attrs({ x: labelX, y: item.top })}>${spans.join("")}</text>`, "</g>");
}

/** The sizes a flagged box would have to end within, as a bar beside it from min to max (open when max is off the stack). */
function drawRange(out: string[], range: AllowedRange, yAt: (bytes: bigint) => number, extent: bigint, stackRight: number): void {
  const from = range.start + range.min;
  const to = range.start + range.max;
  const y0 = yAt(from);
  const y1 = yAt(to);
  const x = stackRight + 2;
  out.push(`<rect${attrs({ class: "fm-range", x, y: y0, width: 4, height: Math.max(1.5, y1 - y0), "data-range": `${range.min}-${range.max}` })}/>`);
  const caps = [from <= extent ? y0 : undefined, to <= extent ? y1 : undefined].filter((v): v is number => v !== undefined);
  for (const capY of caps) out.push(`<path${attrs({ class: "fm-range-cap", d: `M${px(x - 2)} ${px(capY)}H${px(x + 6)}` })}/>`);
}

/** The brackets on the stack's left, their names written along them; returns the lowest y any text reaches. */
function drawBrackets(out: string[], brackets: readonly Bracket[], yAt: (bytes: bigint) => number, top: number, bottom: number): number {
  let lowest = bottom;
  for (const bracket of brackets) {
    const left = bracket.depth * BRACKET_COLUMN;
    const lineX = left + BRACKET_COLUMN - 5;
    const y0 = yAt(bracket.start);
    const y1 = yAt(bracket.start + bracket.bytes);
    const size = figureSize(bracket.bytes);
    const lines = [bracket.name, size];
    const length = Math.max(...lines.map((l) => textWidth(l, FONT.small)));
    const cls = bracket.limit ? "fm-bracket fm-limit" : "fm-bracket";
    const total = bracket.component === undefined ? {} : { "data-component": bracket.component, "data-bytes": bracket.bytes.toString() };
    out.push(`<g${attrs({ class: "fm-bracket-group", "data-bracket": bracket.name, ...total })}>`);
    out.push(`<path${attrs({ class: cls, d: `M${px(lineX + 5)} ${px(y0)}H${px(lineX)}V${px(y1)}H${px(lineX + 5)}` })}/>`);
    let middle = (y0 + y1) / 2;
    const fits = y1 - y0 >= length + 6;
    // The totals keep their words even along a short bracket, kept within the stack's height.
    const outer = bracket.component !== undefined;
    if (fits || outer) {
      if (!fits) middle = Math.min(Math.max(middle, top + length / 2), Math.max(top + length / 2, bottom - length / 2));
      lowest = Math.max(lowest, middle + length / 2);
      lines.forEach((line, i) => {
        const x = left + 10 + i * 12;
        const along = { x, y: middle, "text-anchor": "middle", transform: `rotate(-90 ${px(x)} ${px(middle)})` };
        out.push(`<text${attrs({ class: i === 0 ? "fm-small fm-strong" : "fm-small", ...along })}>${escapeXml(line)}</text>`);
      });
    } else {
      out.push(`<title>${escapeXml(`${bracket.name} ${size}`)}</title>`);
    }
    out.push("</g>");
  }
  return lowest;
}

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------

const SVG_NAMESPACE = "http://www.w3.org/2000/svg";
const ROOT_CLASS = "flinklint-memory";

/** The document's own background, so that it reads the same on any page. */
function card(width: number, height: number): string {
  return `<rect${attrs({ class: "fm-card", x: 0.5, y: 0.5, width: width - 1, height: height - 1, rx: 8 })}/>`;
}

/** Light colours first, then the dark scheme's; every selector is scoped under the root's class. */
const STYLE_RULES: ReadonlyArray<readonly [string, string]> = [
  ["text", 'font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:11.5px;fill:#1f2328'],
  [".fm-card", "fill:#ffffff;stroke:#d0d7de"],
  [".fm-title", "font-size:15px;font-weight:600"],
  [".fm-heading", "font-size:14px;font-weight:600"],
  [".fm-name", "font-size:12px;font-weight:600"],
  [".fm-strong", "font-weight:600"],
  [".fm-small", "font-size:10.5px"],
  [".fm-mono", 'font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:10.5px'],
  [".fm-muted", "fill:#59636e"],
  [".fm-warn", "fill:#cf222e"],
  [".fm-inbox", "fill:#1f2328;fill-opacity:.75"],
  [".fm-box", "stroke:#24292f;stroke-width:1"],
  [".fm-set", "stroke-width:2.5"],
  [".fm-default", "stroke-width:1"],
  [".fm-fraction", "stroke-width:1.5;stroke-dasharray:6 3"],
  [".fm-capped", "stroke:#9a6700;stroke-width:2.5;stroke-dasharray:6 3"],
  [".fm-remainder", "stroke-width:1.5;stroke-dasharray:1.5 2.5"],
  [".fm-derived", "stroke-width:1;stroke-dasharray:1.5 2.5"],
  [".fm-flagged", "stroke:#cf222e;stroke-width:2.5"],
  [".fm-overflow", "fill:#cf222e;fill-opacity:.22;stroke:#cf222e;stroke-width:1.5;stroke-dasharray:4 2"],
  [".fm-gap", "fill:none;stroke:#cf222e;stroke-width:1.5;stroke-dasharray:4 2"],
  [".fm-range", "fill:#1a7f37;fill-opacity:.75"],
  [".fm-range-cap", "fill:none;stroke:#1a7f37;stroke-width:1.5"],
  [".fm-bracket", "fill:none;stroke:#57606a;stroke-width:1.2"],
  [".fm-limit", "stroke:#cf222e;stroke-width:1.8"],
  [".fm-leader", "fill:none;stroke:#8c959f;stroke-width:.8"],
  [".fm-warn-line", "stroke:#cf222e"],
  [".fm-frameworkHeap", "fill:#8db9e8"],
  [".fm-taskHeap,.fm-jvmHeap", "fill:#bad5f2"],
  [".fm-managed", "fill:#a6d9a0"],
  [".fm-frameworkOffHeap,.fm-offHeap", "fill:#f2bd7e"],
  [".fm-taskOffHeap", "fill:#f7d6ac"],
  [".fm-network", "fill:#eaa35c"],
  [".fm-jvmMetaspace", "fill:#cbbbe9"],
  [".fm-jvmOverhead", "fill:#d5d9de"],
  [".fm-totalFlink,.fm-flinkBesidesNetwork", "fill:#c4e3cb"],
  [".fm-sample", "fill:#e6e9ed"],
];
const DARK_RULES: ReadonlyArray<readonly [string, string]> = [
  ["text", "fill:#e6edf3"],
  [".fm-card", "fill:#0d1117;stroke:#30363d"],
  [".fm-muted", "fill:#9198a1"],
  [".fm-warn", "fill:#ff7b72"],
  [".fm-inbox", "fill:#e6edf3"],
  [".fm-box", "stroke:#c9d1d9"],
  [".fm-capped", "stroke:#d29922"],
  [".fm-flagged,.fm-warn-line", "stroke:#ff7b72"],
  [".fm-overflow", "fill:#ff7b72;stroke:#ff7b72"],
  [".fm-gap,.fm-limit", "stroke:#ff7b72"],
  [".fm-range", "fill:#3fb950"],
  [".fm-range-cap", "stroke:#3fb950"],
  [".fm-bracket", "stroke:#8b949e"],
  [".fm-leader", "stroke:#6e7681"],
  [".fm-frameworkHeap", "fill:#1f4f7f"],
  [".fm-taskHeap,.fm-jvmHeap", "fill:#2c5f94"],
  [".fm-managed", "fill:#2f6b3a"],
  [".fm-frameworkOffHeap,.fm-offHeap", "fill:#7a4f17"],
  [".fm-taskOffHeap", "fill:#8c6230"],
  [".fm-network", "fill:#94541c"],
  [".fm-jvmMetaspace", "fill:#4f3f7a"],
  [".fm-jvmOverhead", "fill:#3d444d"],
  [".fm-totalFlink,.fm-flinkBesidesNetwork", "fill:#2c5a3a"],
  [".fm-sample", "fill:#30363d"],
];

function scoped(rules: ReadonlyArray<readonly [string, string]>): string {
  return rules.map(([selectors, body]) => `${selectors.split(",").map((s) => `.${ROOT_CLASS} ${s}`).join(",")}{${body}}`).join("");
}

const STYLE = `<style>${scoped(STYLE_RULES)}@media (prefers-color-scheme:dark){${scoped(DARK_RULES)}}</style>`;

const LEGEND: ReadonlyArray<readonly [BoxStyle, string]> = [
  ["set", "set in the file"],
  ["default", "default"],
  ["fraction", "fraction of a total"],
  ["capped", "fraction capped at its min/max"],
  ["remainder", "remainder"],
  ["derived", "derived by Flink"],
  ["flagged", "does not fit"],
];

/** The legend in rows that fit `width`; returns its height. */
function drawLegend(out: string[], x: number, y: number, width: number): number {
  let cx = 0;
  let row = 0;
  out.push(`<g${attrs({ class: "fm-legend", transform: `translate(${px(x)} ${px(y)})` })}>`);
  for (const [style, words] of LEGEND) {
    const itemWidth = 30 + textWidth(words, FONT.small) + 14;
    if (cx > 0 && cx + itemWidth > width) {
      cx = 0;
      row++;
    }
    const ry = row * 20;
    out.push(`<rect${attrs({ class: `fm-box fm-sample fm-${style}`, x: cx, y: ry, width: 22, height: 12 })}/>`);
    out.push(`<text${attrs({ class: "fm-small", x: cx + 28, y: ry + 10 })}>${escapeXml(words)}</text>`);
    cx += itemWidth;
  }
  out.push("</g>");
  return (row + 1) * 20;
}

const BOTH: readonly ProcessKind[] = ["taskmanager", "jobmanager"];

/** The figures of one input, TaskManager first. */
function figuresOf(input: MemoryFigureInput): ProcessFigure[] {
  const wanted = input.processes ?? BOTH;
  const { json } = input.explained;
  return BOTH.filter((p) => wanted.includes(p)).map((process) => {
    const settings = new SettingsReader(input.config, processOptions(process, json.flinkVersion));
    const explained = json[process];
    return explained.ok ? derivedFigure(process, explained, input.explained, settings) : refusedFigure(process, explained, input.explained, settings);
  });
}

/** One `<svg>` document holding a figure for each process of each input. */
export function renderMemorySvg(figures: readonly MemoryFigureInput[]): string {
  try {
    return renderDocument(figures);
  } catch (e) {
    // A playground redraws on every keystroke: a figure it cannot draw says so rather than throw.
    return fallbackDocument(e instanceof Error ? e.message : String(e));
  }
}

function renderDocument(inputs: readonly MemoryFigureInput[]): string {
  const drawn = inputs.map((input) => ({ input, figures: figuresOf(input).map((f) => ({ figure: f, ...drawProcess(f) })) }));
  const columns = Math.max(1, ...drawn.map((d) => d.figures.length));
  const width = PAD * 2 + columns * FIGURE_WIDTH + (columns - 1) * FIGURE_GAP;
  const inner = width - PAD * 2;
  const body: string[] = [];
  let y = PAD;
  for (const { input, figures } of drawn) {
    body.push(`<g${attrs({ class: "fm-input", "data-title": clip(input.title, MAX_TITLE_CHARS) })}>`);
    y += drawBlock(body, { text: clip(input.title, MAX_TITLE_CHARS), cls: "fm-title" }, PAD, y, inner) + 2;
    const { flinkVersion, deployment } = input.explained.json;
    y += drawBlock(body, { text: `Flink ${flinkVersion}, ${deployment} deployment`, cls: "fm-small fm-muted" }, PAD, y, inner) + 8;
    if (figures.length === 0) y += drawBlock(body, { text: "This configuration starts no Flink process.", cls: "fm-muted" }, PAD, y, inner);
    figures.forEach(({ figure, body: markup }, i) => {
      const data = {
        class: "fm-process",
        "data-process": figure.process,
        ...(figure.status === "ok" ? {} : { "data-refused": "true" }),
        ...(figure.status === "load" ? { "data-stage": "load" } : {}),
        transform: `translate(${px(PAD + i * (FIGURE_WIDTH + FIGURE_GAP))} ${px(y)})`,
      };
      body.push(`<g${attrs(data)}>`, markup, "</g>");
    });
    y += Math.max(0, ...figures.map((f) => f.height)) + 20;
    body.push("</g>");
  }
  if (inputs.length === 0) {
    y += drawBlock(body, { text: "No configuration to draw.", cls: "fm-muted" }, PAD, y, inner) + 12;
  }
  y += drawLegend(body, PAD, y, inner) + PAD - 6;
  const height = Math.ceil(y);
  const label = `Flink memory: ${inputs.map((i) => clip(i.title, MAX_TITLE_CHARS)).join(", ")}`;
  return [
    `<svg${attrs({ xmlns: SVG_NAMESPACE, class: ROOT_CLASS, width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label })}>`,
    `<title>${escapeXml(label)}</title>`,
    STYLE,
    card(width, height),
    ...body,
    "</svg>\n",
  ].join("\n");
}

function fallbackDocument(reason: string): string {
  const width = 640;
  const lines = wrap(`The memory figure could not be drawn: ${clip(reason, 400)}`, width - PAD * 2, FONT.body);
  const height = PAD * 2 + lines.length * LINE.body;
  const text = lines.map((line, i) => `<tspan${attrs({ x: PAD, y: PAD + LINE.body * (i + 1) - 3 })}>${escapeXml(line)}</tspan>`).join("");
  return [
    `<svg${attrs({ xmlns: SVG_NAMESPACE, class: ROOT_CLASS, width, height, viewBox: `0 0 ${width} ${height}` })}>`,
    STYLE,
    card(width, height),
    `<text class="fm-warn">${text}</text>`,
    "</svg>\n",
  ].join("\n");
}
