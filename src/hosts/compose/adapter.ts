/**
 * The host adapter for Docker Compose files: one target per service that runs Flink (the official
 * image, or a built/custom image started with the image's entrypoint commands or FLINK_PROPERTIES),
 * the configuration the image's entrypoint builds for it, every entry on the Compose file's own lines.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Scalar } from "yaml";
import { DEFAULT_VERSION_BY_DIALECT, isSupportedVersion, parseVersion } from "../../model/versions.js";
import { assembleDocument } from "../../parser/document.js";
import { unreadableHostTarget } from "../unreadable.js";
import { LineIndex } from "../../parser/lines.js";
import type { ConfigDocument, ConfigTarget, ContainerMemoryLimit, FlinkProcess, ParseFinding, Range } from "../../types.js";
import { scalarText } from "../embedded.js";
import { containerConfiguration, type EnvSetting } from "../image/entrypoint.js";
import { parseImageReference, type ImageReference } from "../image/reference.js";
import { sliceText, sourced, type SourcedText } from "../image/text.js";
import type { HostAdapter, HostInput, HostReading } from "../types.js";
import { interpolate } from "./interpolate.js";
import { ComposeNodes } from "./nodes.js";
import { parseByteValue } from "./units.js";
import { splitCommand } from "./words.js";

export const HOST = "Docker Compose file";

const COMPOSE_NAME = /(?:^|[/\\])(?:docker-compose[^/\\]*\.ya?ml|compose\.ya?ml|[^/\\]+\.compose\.ya?ml)$/i;
const FLINK_COMMANDS = new Set(["jobmanager", "taskmanager", "standalone-job", "history-server"]);

interface ComposeService {
  name: string;
  nameRange: Range;
  node: unknown;
}

interface ReadCompose {
  lines: LineIndex;
  nodes?: ComposeNodes;
  services: ComposeService[];
  syntaxError?: { message: string; range: Range };
}

function readCompose(text: string): ReadCompose {
  const lines = new LineIndex(text);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: false, merge: false, prettyErrors: false });
  } catch (error) {
    return { lines, services: [], syntaxError: { message: error instanceof Error ? error.message : String(error), range: lines.range(0, 0) } };
  }
  const error = doc.errors[0];
  if (error) {
    const [start, end] = error.pos;
    return { lines, services: [], syntaxError: { message: error.message.split("\n")[0] ?? error.message, range: lines.range(start, Math.max(start, end)) } };
  }
  const nodes = new ComposeNodes(doc);
  const services: ComposeService[] = [];
  for (const [name, entry] of nodes.entries(nodes.get(doc.contents, "services")?.value)) {
    const [start, end] = entry.key.range ?? [0, 0];
    services.push({ name, nameRange: lines.range(start, end), node: entry.value });
  }
  return { lines, nodes, services };
}

/** A scalar's text as Compose hands it on (interpolated), positioned in the host. */
function composeValue(text: string, node: unknown): SourcedText | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  if (typeof node.value === "string") {
    const embedded = scalarText(text, node as Scalar);
    return embedded ? interpolate(sourced(embedded)) : undefined;
  }
  if (node.value === null || node.value === undefined) return undefined;
  // A number or boolean: Compose takes its text as written.
  const [start, end] = node.range;
  const written = text.slice(start, end);
  return sourced({ text: written, toHost: (o) => start + Math.min(Math.max(o, 0), written.length) });
}

/** The service's environment: map form (`NAME: value`) or list form (`- NAME=value`). */
function environmentOf(text: string, lines: LineIndex, nodes: ComposeNodes, service: unknown): Map<string, EnvSetting> {
  const env = new Map<string, EnvSetting>();
  const node = nodes.resolve(nodes.get(service, "environment")?.value);
  const rangeOf = (n: { range?: [number, number, number] | null }) => lines.range(n.range?.[0] ?? 0, n.range?.[1] ?? 0);
  if (isMap(node)) {
    for (const [name, entry] of nodes.entries(node)) {
      const value = nodes.resolve(entry.value);
      env.set(name, { value: isScalar(value) ? composeValue(text, value) : undefined, nameRange: rangeOf(entry.key) });
    }
  } else if (isSeq(node)) {
    for (const item of nodes.items(node)) {
      const value = composeValue(text, item);
      if (!value || !isScalar(item)) continue;
      const eq = value.text.indexOf("=");
      const name = (eq < 0 ? value.text : value.text.slice(0, eq)).trim();
      const nameRange = lines.range(value.toHost(0), value.toHost(eq < 0 ? value.text.length : eq));
      env.set(name, { value: eq < 0 ? undefined : sliceText(value, eq + 1), nameRange });
    }
  }
  return env;
}

/** `command:` / `entrypoint:` as argument words (string form split as Compose does, list form as is). */
function wordsOf(text: string, nodes: ComposeNodes, node: unknown): SourcedText[] | undefined {
  const resolved = nodes.resolve(node);
  if (resolved === null) return undefined;
  if (isSeq(resolved)) return nodes.items(resolved).flatMap((item) => composeValue(text, item) ?? []);
  const value = composeValue(text, resolved);
  return value ? splitCommand(value) : undefined;
}

function isFlinkService(image: ImageReference | undefined, env: ReadonlyMap<string, EnvSetting>, args: readonly SourcedText[]): boolean {
  return image?.official === true || env.has("FLINK_PROPERTIES") || (args[0] !== undefined && FLINK_COMMANDS.has(args[0].text));
}

interface ServiceReading {
  target?: ConfigTarget;
}

function readService(text: string, read: ReadCompose, service: ComposeService, options: HostInput["options"], index: number): ServiceReading {
  const nodes = read.nodes;
  if (!nodes) return {};
  const lines = read.lines;
  const imageNode = nodes.scalar(service.node, "image");
  const imageValue = imageNode ? composeValue(text, imageNode) : undefined;
  const built = nodes.get(service.node, "build") !== undefined;
  const image = imageValue && imageValue.unresolved.length === 0 ? parseImageReference(imageValue.text) : undefined;
  const env = environmentOf(text, lines, nodes, service.node);
  const entrypoint = wordsOf(text, nodes, nodes.get(service.node, "entrypoint")?.value);
  const command = wordsOf(text, nodes, nodes.get(service.node, "command")?.value) ?? [];
  // An entrypoint that is the image's own script hands it the rest; another one runs first.
  const entryWords = entrypoint ?? [];
  const ownEntrypoint = entryWords.length > 0 && /(?:^|\/)docker-entrypoint\.sh$/.test(entryWords[0]?.text ?? "");
  const args = entrypoint === undefined ? command : ownEntrypoint ? [...entryWords.slice(1), ...command] : [...entryWords, ...command];
  if (!isFlinkService(built ? undefined : image, env, args)) return {};

  const imageRange = imageNode?.range ? lines.range(imageNode.range[0], imageNode.range[1]) : service.nameRange;
  const findings: ParseFinding[] = [];
  let version: string;
  const official = !built && image?.official === true && image.version !== undefined;
  if (official && image?.version !== undefined) {
    version = image.version;
    if (image.status !== "pinned") findings.push({ kind: "flink-image-version", range: imageRange, data: { variant: image.status, image: image.text, version, tagVersion: image.tagVersion ?? "" } });
  } else {
    const requested = options.flinkVersion !== undefined ? parseVersion(options.flinkVersion) : undefined;
    const user = requested && isSupportedVersion(`${requested[0]}.${requested[1]}`) ? `${requested[0]}.${requested[1]}` : undefined;
    // Unknown: the last 1.x (what most custom images build on), unless the user says otherwise.
    version = user ?? DEFAULT_VERSION_BY_DIALECT.legacy;
    const variant = built ? "build" : image?.official ? "unreadable" : "unknown";
    findings.push({ kind: "flink-image-version", range: imageRange, data: { variant, image: imageValue?.text ?? "", version, tagVersion: "" } });
  }
  const imageName = official && image ? image.text : built ? "built" : (imageValue?.text ?? "service's");
  const mounted = mountedConfiguration(lines, nodes, service.node);
  if (mounted) findings.push({ kind: "flink-image-version", range: mounted.range, data: { variant: "mounted", image: imageName, target: mounted.target, version, tagVersion: "" } });
  const configuration = containerConfiguration({
    hostText: text,
    hostLines: lines,
    version,
    imageName,
    imageRange,
    containerName: `service ${service.name}`,
    env,
    args,
    argsLabel: `the command of service ${service.name}`,
    defaultFileReplaced: mounted !== undefined,
  });
  findings.push(...configuration.findings);
  const document = assembleDocument(configuration.dialect, text, configuration.entries, findings, undefined, lines);
  const memoryLimits = memoryLimitsOf(text, lines, nodes, service, configuration.processes);
  const target: ConfigTarget = {
    name: service.name,
    what: "Compose service",
    document,
    layers: configuration.layers,
    flinkVersion: version,
    deployment: "standalone",
    processes: configuration.processes,
    isConfigFile: false,
    anchor: service.nameRange,
    reread: (edited) => rereadService(text, edited, service.name, options, index),
    ...(memoryLimits.length > 0 && { memoryLimits }),
  };
  return { target };
}

const CONF_TARGETS = new Set(["/opt/flink/conf", "/opt/flink/conf/flink-conf.yaml", "/opt/flink/conf/config.yaml"]);

/** A volume mounted over the image's configuration directory or file (short `src:target[:mode]` or long syntax). */
function mountedConfiguration(lines: LineIndex, nodes: ComposeNodes, service: unknown): { target: string; range: Range } | undefined {
  for (const item of nodes.items(nodes.get(service, "volumes")?.value)) {
    let target: string | undefined;
    let at: Scalar | undefined;
    if (isScalar(item) && typeof item.value === "string") {
      const parts = item.value.split(":");
      target = parts.length >= 2 ? parts[1] : parts[0];
      at = item;
    } else if (isMap(item)) {
      at = nodes.scalar(item, "target");
      target = typeof at?.value === "string" ? at.value : undefined;
    }
    const normalized = target?.replace(/\/+$/, "");
    if (normalized !== undefined && CONF_TARGETS.has(normalized) && at?.range) {
      return { target: normalized, range: lines.range(at.range[0], at.range[1]) };
    }
  }
  return undefined;
}

/** `mem_limit` and `deploy.resources.limits.memory`: the kernel kills the container above them. */
function memoryLimitsOf(text: string, lines: LineIndex, nodes: ComposeNodes, service: ComposeService, processes: readonly FlinkProcess[]): ContainerMemoryLimit[] {
  const process = processes[0];
  if (process === undefined) return [];
  const limits: ContainerMemoryLimit[] = [];
  const add = (node: Scalar | undefined, label: string) => {
    if (!node?.range) return;
    const value = composeValue(text, node);
    if (!value || value.unresolved.length > 0) return;
    const bytes = parseByteValue(value.text);
    if (bytes === undefined) return;
    limits.push({ process, bytes, text: value.text, range: lines.range(node.range[0], node.range[1]), label });
  };
  const limitsNode = nodes.get(nodes.get(nodes.get(service.node, "deploy")?.value, "resources")?.value, "limits")?.value;
  add(nodes.scalar(limitsNode, "memory"), `services.${service.name}.deploy.resources.limits.memory`);
  add(nodes.scalar(service.node, "mem_limit"), `services.${service.name}.mem_limit`);
  return limits;
}

/**
 * The same service in an edited Compose file, or undefined when the edit also changes what another
 * service gets (a value in an anchor the services share): a suggestion must fix this service only.
 */
function rereadService(original: string, text: string, name: string, options: HostInput["options"], index: number): ConfigDocument | undefined {
  const read = readCompose(text);
  const service = read.services[index];
  if (!service || service.name !== name) return undefined;
  const before = readCompose(original);
  for (const [i, other] of read.services.entries()) {
    if (i === index) continue;
    const was = before.services[i];
    if (!was || was.name !== other.name) return undefined;
    const now = readService(text, read, other, options, i).target?.document.config;
    const then = readService(original, before, was, options, i).target?.document.config;
    if (!sameSettings(now, then)) return undefined;
  }
  return readService(text, read, service, options, index).target?.document;
}

function sameSettings(a: ReadonlyMap<string, { text: string }> | undefined, b: ReadonlyMap<string, { text: string }> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key)?.text !== value.text) return false;
  return true;
}

/** The targets of a Compose file's Flink services ([] when it has none). */
export function composeTargets(text: string, options: HostInput["options"] = {}): ConfigTarget[] {
  const read = readCompose(text);
  if (read.syntaxError) return looksLikeFlinkCompose(text) ? [unreadableHostTarget(text, read.syntaxError, { what: "Compose service", alsoRefusedBy: "docker compose cannot read this file either", message: "The Compose file is not valid YAML.", processes: ["jobmanager", "taskmanager"] })] : [];
  return read.services.flatMap((service, i) => readService(text, read, service, options, i).target ?? []);
}

/** A cheap look: top-level `services:` and a Flink image, FLINK_PROPERTIES or an entrypoint command of the image. */
export function looksLikeFlinkCompose(text: string): boolean {
  // A plain search first: most files are no Compose file, and the line pattern costs a scan.
  return (
    text.includes("services") &&
    /^services[ \t]*:/m.test(text) &&
    (/FLINK_PROPERTIES/.test(text) ||
      /^[ \t]*image[ \t]*:[ \t]*["']?(?:(?:docker\.io|index\.docker\.io|registry\.hub\.docker\.com)\/)?(?:library\/|apache\/)?flink(?:[:@"'\s]|$)/m.test(text) ||
      /ghcr\.io\/apache\/flink-docker/.test(text) ||
      /^[ \t]*command[ \t]*:[ \t]*\[?[ \t]*["']?(?:jobmanager|taskmanager|standalone-job)\b/m.test(text))
  );
}

function isComposeName(filename: string | undefined): boolean {
  return filename !== undefined && COMPOSE_NAME.test(filename);
}

export const composeAdapter: HostAdapter = {
  id: "compose",
  claims: ({ text, filename, options }: HostInput) =>
    options.dialect === undefined && (isComposeName(filename) || (looksLikeFlinkCompose(text) && composeTargets(text, options).length > 0)),
  carriesFlinkConfiguration: ({ text, options }: HostInput) => looksLikeFlinkCompose(text) && composeTargets(text, options).length > 0,
  read({ text, options }: HostInput): HostReading {
    const targets = composeTargets(text, options);
    return {
      host: HOST,
      targets,
      fixable: false,
      notFixed: "--fix does not rewrite Docker Compose files",
      ...(targets.length === 0 && { notice: "no service of this Compose file runs Flink" }),
    };
  },
};

