/**
 * What the official Flink image's entrypoint makes of a container's settings: the configuration file
 * Flink reads, layer by layer (image default → entrypoint's own settings → FLINK_PROPERTIES → `-D`
 * arguments), every entry positioned on the host file's line that brings it in. Semantics from
 * apache/flink-docker `docker-entrypoint.sh`: dev-1.14 … dev-1.18 (same file, 0ac313e/804c9f3)
 * append FLINK_PROPERTIES to flink-conf.yaml and run `envsubst` over the file; dev-1.19 … dev-2.2
 * (same file, 681c579 … 300c9a5) strip each line's whitespace and merge it as `-D` into config.yaml
 * through bin/config-parser-utils.sh (BashJavaUtils UPDATE_AND_GET_FLINK_CONFIGURATION →
 * ConfigurationParserUtils.loadAndModifyConfiguration → YamlParserUtils.convertAndDumpYamlFromFlatMap).
 */
import { javaHashMapOrder } from "../../model/java-hashmap.js";
import { parseVersion } from "../../model/versions.js";
import { parseConfig } from "../../parser/index.js";
import type { LineIndex } from "../../parser/lines.js";
import type { ConfigEntry, Dialect, FlinkProcess, LayerSummary, ParseFinding, Range } from "../../types.js";
import { toHost } from "../embedded.js";
import { imageDefaults, usesStandardConfig } from "./defaults.js";
import { editText, envsubst, sliceText, type SourcedText, type TextEdit } from "./text.js";

/** A variable of the container's environment as the host file sets it. */
export interface EnvSetting {
  /** The value, or undefined when it comes from outside the file (`- NAME` alone, `NAME:` with no value). */
  value: SourcedText | undefined;
  /** Where the host file names the variable. */
  nameRange: Range;
}

export interface ContainerInput {
  hostText: string;
  hostLines: LineIndex;
  /** The catalogued version whose image semantics apply. */
  version: string;
  /** How messages name the image, e.g. `flink:1.17`. */
  imageName: string;
  /** Where entries of the image's own layers are placed: the host's `image:` value (or the service key). */
  imageRange: Range;
  /** What the host calls the container, e.g. "service jobmanager". */
  containerName: string;
  env: ReadonlyMap<string, EnvSetting>;
  /** The arguments the entrypoint gets (Compose `command:`), each positioned in the host. */
  args: readonly SourcedText[];
  /** Where the host file sets them, for the dynamic-properties layer's label. */
  argsLabel: string;
  /** True when the host mounts its own configuration file over the image's (its settings are not known). */
  defaultFileReplaced?: boolean;
}

export interface ContainerConfiguration {
  dialect: Dialect;
  entries: ConfigEntry[];
  findings: ParseFinding[];
  layers: LayerSummary[];
  processes: FlinkProcess[];
  /** The entrypoint command (`jobmanager`, `taskmanager`, …), when there is one. */
  command?: string;
}

/** Variables the image or Docker set in every container: FLINK_HOME is fixed, the others flinklint cannot know. */
const IMAGE_ENV: readonly (readonly [string, string | undefined])[] = [
  ["FLINK_HOME", "/opt/flink"],
  ["HOSTNAME", undefined],
  ["HOME", undefined],
  ["PATH", undefined],
];

const COMMAND_PROCESSES: Readonly<Record<string, readonly FlinkProcess[]>> = {
  jobmanager: ["jobmanager"],
  "standalone-job": ["jobmanager"],
  taskmanager: ["taskmanager"],
  "history-server": [],
};

/** The configuration a container of the official image reads. */
export function containerConfiguration(input: ContainerInput): ContainerConfiguration {
  const standard = usesStandardConfig(input.version);
  const defaults = imageDefaults(input.version);
  const dialect = defaults.dialect;
  const defaultLabel = `the ${input.imageName} image's default ${defaults.fileName}`;
  const entrypointLabel = `the ${input.imageName} image's entrypoint (docker-entrypoint.sh)`;
  const layers: LayerSummary[] = [
    { kind: "image-default", label: defaultLabel, external: true },
    { kind: "entrypoint", label: entrypointLabel, external: true },
  ];
  const entries: ConfigEntry[] = [];
  const findings: ParseFinding[] = [];

  // 1. The image's default file, read as Flink reads it (typed YAML for config.yaml), placed at `image:`.
  const flat = defaults.settings.map(([k, v]) => `${k}: ${v}`).join("\n") + "\n";
  if (input.defaultFileReplaced) layers.shift();
  else for (const entry of parseConfig(flat, dialect).entries) entries.push(placed(entry, input.imageRange, defaultLabel));

  // 2. The entrypoint's own settings (prepare_configuration).
  const env = containerEnv(input.env);
  const rpc = input.env.get("JOB_MANAGER_RPC_ADDRESS");
  entries.push(
    envEntry("jobmanager.rpc.address", rpc, "the container's hostname", input, entrypointLabel),
    fixedEntry("blob.server.port", "6124", input, entrypointLabel),
  );
  // The entrypoint also sets `query.server.port: 6125`, an option no Flink version reads (queryable
  // state listens on `queryable-state.server.ports`): left out, as Flink ignores it.
  const slots = input.env.get("TASK_MANAGER_NUMBER_OF_TASK_SLOTS");
  const v = parseVersion(input.version) ?? [2, 2];
  if (slots?.value !== undefined && slots.value.text !== "") {
    entries.push(envEntry("taskmanager.numberOfTaskSlots", slots, "", input, entrypointLabel));
  } else if (v[0] === 1 && v[1] >= 12 && v[1] <= 13) {
    // dev-1.12/dev-1.13: `TASK_MANAGER_NUMBER_OF_TASK_SLOTS=${TASK_MANAGER_NUMBER_OF_TASK_SLOTS:-1}`, always set.
    entries.push(fixedEntry("taskmanager.numberOfTaskSlots", "1", input, entrypointLabel));
  }

  // 3. FLINK_PROPERTIES.
  const properties = input.env.get("FLINK_PROPERTIES")?.value;
  if (properties !== undefined && properties.text !== "") {
    layers.push({ kind: "flink-properties", label: `FLINK_PROPERTIES of ${input.containerName}`, external: false });
    const read = standard ? readStandardProperties(properties, env, input) : readLegacyProperties(properties, env, input);
    entries.push(...read.entries);
    findings.push(...read.findings);
  }
  let fileEntries = entries;
  if (standard) {
    const merge = mergeFindings(entries, input);
    findings.push(...merge);
    fileEntries = withoutDropped(entries, merge);
  }

  // 4. `-D` arguments after the entrypoint's command.
  const command = input.args[0]?.text;
  // With its own configuration file mounted, the processes' memory depends on settings flinklint cannot see.
  const processes = command !== undefined && !input.defaultFileReplaced ? [...(COMMAND_PROCESSES[command] ?? [])] : [];
  if (command !== undefined && command in COMMAND_PROCESSES) {
    const dynamic = dynamicProperties(input.args.slice(1), input);
    if (dynamic.entries.length > 0) layers.push({ kind: "dynamic-properties", label: input.argsLabel, external: false });
    fileEntries = [...fileEntries, ...dynamic.entries];
    findings.push(...dynamic.findings);
  }
  return { dialect, entries: fileEntries, findings, layers, processes, ...(command !== undefined && { command }) };
}

/** How an entry not written in the host file is named: its key and the layer it comes from. */
function layerLabel(key: string, layer: string): string {
  return `${key} (from ${layer})`;
}

/** A setting of the image's default file: not the user's to fix, placed on the line that picks the image. */
function placed(entry: ConfigEntry, range: Range, layer: string): ConfigEntry {
  return { ...entry, keyRange: range, valueRange: range, overridden: false, external: true, label: layerLabel(entry.key, layer) };
}

function fixedEntry(key: string, value: string, input: ContainerInput, layer: string): ConfigEntry {
  return {
    key,
    value: { type: "string", text: value },
    raw: value,
    keyRange: input.imageRange,
    valueRange: input.imageRange,
    overridden: false,
    // The entrypoint writes it whatever the user does: a finding about it is not theirs to fix.
    external: true,
    label: layerLabel(key, layer),
  };
}

/** A setting the entrypoint takes from an environment variable, placed on the variable's value. */
function envEntry(key: string, setting: EnvSetting | undefined, fallback: string, input: ContainerInput, layer: string): ConfigEntry {
  const value = setting?.value;
  if (value === undefined) return fixedEntry(key, fallback, input, layer);
  const range = input.hostLines.range(value.toHost(0), value.toHost(value.text.length));
  const name = input.hostText.slice(setting?.nameRange.start.offset ?? 0, setting?.nameRange.end.offset ?? 0);
  return { key, value: { type: "string", text: value.text }, raw: value.text, keyRange: setting?.nameRange ?? range, valueRange: range, overridden: false, label: `${key} (from ${name} through ${layer})` };
}

/** The environment `envsubst` sees: the image's variables, then the host file's (undefined: unknown value). */
function containerEnv(settings: ReadonlyMap<string, EnvSetting>): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>(IMAGE_ENV);
  for (const [name, setting] of settings) {
    const value = setting.value;
    env.set(name, value === undefined || value.unresolved.length > 0 ? undefined : value.text);
  }
  return env;
}

interface ReadLayer {
  entries: ConfigEntry[];
  findings: ParseFinding[];
}

/**
 * Images up to 1.18: `echo "${FLINK_PROPERTIES}" >> flink-conf.yaml`, then `envsubst` over the file;
 * Flink's legacy line reader reads the appended lines (comments work, the last duplicate wins).
 */
function readLegacyProperties(properties: SourcedText, env: ReadonlyMap<string, string | undefined>, input: ContainerInput): ReadLayer {
  const substituted = envsubst(properties, env);
  const positioned = toHost(parseConfig(substituted.text, "legacy"), substituted, input.hostLines);
  const entries: ConfigEntry[] = [];
  // toHost moves the line numbers in the findings' data to the host's lines with the ranges.
  const findings = positioned.findings;
  // A value Compose could not fill in keeps its `${VAR}` text: the template rules leave it unchecked.
  entries.push(...positioned.entries);
  return { entries, findings };
}

const SHELL_SPACE = /[ \t\n\v\f\r]/;

/**
 * Images 1.19+ (process_flink_properties): each line of FLINK_PROPERTIES loses all whitespace
 * (`tr -d '[:space:]'`), empty lines are skipped, the line splits at its first `:` (bash `read` with
 * IFS=':'; a single trailing `:` of the value is dropped), the value goes through `envsubst`, and each
 * pair becomes `-Dkey=value`: a string in the merged config.yaml, the last of a repeated key winning.
 */
function readStandardProperties(properties: SourcedText, env: ReadonlyMap<string, string | undefined>, input: ContainerInput): ReadLayer {
  const entries: ConfigEntry[] = [];
  const findings: ParseFinding[] = [];
  const range = (text: SourcedText, start: number, end: number) => input.hostLines.range(text.toHost(start), Math.max(text.toHost(start), text.toHost(end)));
  let previous: { key: string; emptyValue: boolean; indent: number } | undefined;
  let lineStart = 0;
  const lastByKey = new Map<string, ConfigEntry>();
  const lines: SourcedText[] = [];
  while (lineStart <= properties.text.length) {
    let lineEnd = properties.text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = properties.text.length;
    lines.push(sliceText(properties, lineStart, lineEnd));
    lineStart = lineEnd + 1;
  }
  for (const line of lines) {
    const raw = line.text;
    const edits: TextEdit[] = [];
    for (let i = 0; i < raw.length; i++) if (SHELL_SPACE.test(raw[i] ?? "")) edits.push({ start: i, end: i + 1, replacement: "" });
    const stripped = editText(line, edits);
    if (stripped.text === "") continue;
    const indent = raw.length - raw.trimStart().length;
    const colon = stripped.text.indexOf(":");
    const key = colon < 0 ? stripped.text : stripped.text.slice(0, colon);
    let valueStart = colon < 0 ? stripped.text.length : colon + 1;
    let valueEnd = stripped.text.length;
    const rest = stripped.text.slice(valueStart);
    if (rest.endsWith(":") && !rest.slice(0, -1).includes(":")) valueEnd--;
    if (valueStart > valueEnd) valueStart = valueEnd;
    const keyRange = range(stripped, 0, key.length);
    const valueText = sliceText(stripped, valueStart, valueEnd);
    const value = envsubst(valueText, env);
    const valueRange = range(valueText, 0, valueText.text.length);
    const entry: ConfigEntry = {
      key,
      value: { type: "string", text: value.text },
      raw: value.text,
      keyRange,
      valueRange,
      overridden: false,
    };

    const written = raw.trim();
    const rawColon = written.indexOf(":");
    const writtenValue = rawColon < 0 ? "" : written.slice(rawColon + 1).trim();
    const lineRange = range(line, indent, raw.trimEnd().length);
    if (written.startsWith("#")) {
      findings.push({ kind: "flink-properties-comment", range: lineRange, data: { variant: "line", image: input.imageName, key, value: value.text } });
    } else {
      const hash = writtenValue.search(/\s#/);
      if (hash >= 0) {
        findings.push({
          kind: "flink-properties-comment",
          range: lineRange,
          data: { variant: "trailing", image: input.imageName, key, value: value.text, intended: writtenValue.slice(0, hash).trim() },
        });
      }
      const beforeComment = hash >= 0 ? writtenValue.slice(0, hash).trim() : writtenValue;
      const writtenKey = rawColon < 0 ? written : written.slice(0, rawColon).trim();
      if (indent > 0 && previous?.emptyValue && indent > previous.indent) {
        findings.push({ kind: "flink-properties-whitespace", range: lineRange, data: { variant: "nested", image: input.imageName, key, parent: previous.key } });
      } else if (/\s/.test(writtenKey)) {
        findings.push({ kind: "flink-properties-whitespace", range: keyRange, data: { variant: "key", image: input.imageName, key, written: writtenKey } });
      } else if (/\S\s+\S/.test(beforeComment)) {
        findings.push({ kind: "flink-properties-whitespace", range: valueRange, data: { variant: "value", image: input.imageName, key, written: beforeComment, value: value.text } });
      }
    }
    previous = { key, emptyValue: value.text === "", indent };

    const earlier = lastByKey.get(key);
    if (earlier) {
      findings.push({
        kind: "duplicate-key",
        range: earlier.keyRange,
        data: { variant: "overridden", key, value: earlier.raw, laterValue: entry.raw, laterLine: entry.keyRange.start.line },
        related: [{ message: `set again here to "${entry.raw}", which Flink uses`, range: entry.keyRange }],
      });
    }
    lastByKey.set(key, entry);
    entries.push(entry);
  }
  return { entries, findings };
}

/**
 * Images 1.19+: the merge writes config.yaml as nested YAML (YamlParserUtils.convertAndDumpYamlFromFlatMap),
 * going through the flat keys in Java HashMap order. A key that is also the prefix of another cannot be
 * both a value and a map: met value-first, the longer key's path hits a string (ClassCastException;
 * the entrypoint ignores the failure and config-parser-utils.sh writes the error output over config.yaml,
 * so Flink cannot load it); met map-first, the value replaces the map and the longer keys are dropped.
 */
function mergeFindings(entries: readonly ConfigEntry[], input: ContainerInput): ParseFinding[] {
  const last = new Map<string, ConfigEntry>();
  for (const e of entries) {
    last.delete(e.key);
    last.set(e.key, e);
  }
  const keys = [...last.keys()];
  const keySet = new Set(keys);
  const conflicts: { key: string; child: string }[] = [];
  for (const key of keys) {
    for (let dot = key.indexOf("."); dot > 0; dot = key.indexOf(".", dot + 1)) {
      const prefix = key.slice(0, dot);
      if (keySet.has(prefix)) conflicts.push({ key: prefix, child: key });
    }
  }
  if (conflicts.length === 0) return [];
  const outcome = simulateNestedDump(javaHashMapOrder(keys));
  const findings: ParseFinding[] = [];
  const isUser = (e: ConfigEntry | undefined) => e !== undefined && e.label === undefined;
  // One finding per user key: the first conflict it takes part in says what happens to the merge.
  const reported = new Set<ConfigEntry>();
  for (const { key, child } of conflicts) {
    const short = last.get(key);
    const long = last.get(child);
    if (!short || !long || (!isUser(short) && !isUser(long))) continue;
    const at = isUser(short) ? short : long;
    if (reported.has(at)) continue;
    reported.add(at);
    const source = (e: ConfigEntry) => (isUser(e) ? `line ${e.keyRange.start.line}` : (/\(from (.*)\)$/.exec(e.label ?? "")?.[1] ?? "the image"));
    // The dump stops at the first path that runs into a value: then the whole merge failed.
    const data = {
      variant: outcome.failedAt !== undefined ? "fails" : "drops",
      image: input.imageName,
      key,
      value: short.raw,
      child,
      childValue: long.raw,
      keySource: source(short),
      childSource: source(long),
    };
    const other = at === short ? long : short;
    const related = [{ message: isUser(other) ? `${other.key} is set here` : `${other.key} comes from ${source(other)}`, range: other.keyRange }];
    findings.push({ kind: "flink-properties-prefix-conflict", range: at.keyRange, data, related });
  }
  return findings;
}

/** Which key the nested dump fails at (value first), or which keys it drops (map first). */
function simulateNestedDump(keysInOrder: readonly string[]): { failedAt?: string; dropped: Set<string> } {
  type Node = Map<string, Node | string>;
  const root: Node = new Map();
  const leafKeys = new Map<Node, Map<string, string>>();
  for (const key of keysInOrder) {
    const parts = key.split(".");
    while (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
    let current = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i] ?? "";
      const next = current.get(part);
      if (typeof next === "string") return { failedAt: key, dropped: new Set() };
      if (next === undefined) {
        const created: Node = new Map();
        current.set(part, created);
        current = created;
      } else current = next;
    }
    const leaf = parts[parts.length - 1] ?? "";
    current.set(leaf, key);
    let names = leafKeys.get(current);
    if (!names) leafKeys.set(current, (names = new Map()));
    names.set(leaf, key);
  }
  const kept = new Set<string>();
  const walk = (node: Node) => {
    for (const value of node.values()) {
      if (typeof value === "string") kept.add(value);
      else walk(value);
    }
  };
  walk(root);
  return { dropped: new Set(keysInOrder.filter((k) => !kept.has(k))) };
}

/** Entries the 1.19+ merge drops (a value replaced their map) are not in what Flink reads. */
function withoutDropped(entries: ConfigEntry[], findings: readonly ParseFinding[]): ConfigEntry[] {
  const dropped = new Set<string>();
  for (const f of findings) if (f.kind === "flink-properties-prefix-conflict" && f.data?.["variant"] === "drops") dropped.add(String(f.data["child"]));
  if (dropped.size === 0) return entries;
  return entries.filter((e) => !dropped.has(e.key));
}

/**
 * `-Dkey=value` and `-D key=value` after the entrypoint's command: passed on to jobmanager.sh,
 * taskmanager.sh or standalone-job.sh `start-foreground`, they override every file layer.
 */
function dynamicProperties(args: readonly SourcedText[], input: ContainerInput): ReadLayer {
  const entries: ConfigEntry[] = [];
  const findings: ParseFinding[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg || !arg.text.startsWith("-D")) continue;
    let text = sliceText(arg, 2);
    if (text.text === "") {
      const next = args[i + 1];
      if (!next) break;
      text = next;
      i++;
    }
    const eq = text.text.indexOf("=");
    if (eq <= 0) continue;
    const key = text.text.slice(0, eq);
    const value = sliceText(text, eq + 1);
    const keyRange = input.hostLines.range(text.toHost(0), text.toHost(eq));
    const valueRange = input.hostLines.range(value.toHost(0), value.toHost(value.text.length));
    entries.push({ key, value: { type: "string", text: value.text }, raw: value.text, keyRange, valueRange, overridden: false });
  }
  return { entries, findings };
}
