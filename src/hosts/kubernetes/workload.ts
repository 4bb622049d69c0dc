/**
 * Containers of Kubernetes workloads (Deployment, StatefulSet, Job, Pod, … and `kind: List` items)
 * that start a Flink process: what they run (the official image's entrypoint and the start scripts
 * apache/flink-docker's docker-entrypoint.sh calls), which configuration file they read from
 * /opt/flink/conf (the image's own, or a ConfigMap mounted there), and their memory limit.
 */
import { isScalar, type YAMLMap } from "yaml";
import { scalarText, verbatimText } from "../embedded.js";
import type { EnvSetting } from "../image/entrypoint.js";
import { parseImageReference, type ImageReference } from "../image/reference.js";
import { editText, sourced, type SourcedText, type TextEdit } from "../image/text.js";
import type { FlinkProcess, Range } from "../../types.js";
import { closestMatch } from "../../util/did-you-mean.js";
import { podSpec, WORKLOAD_KINDS, type KubernetesObject, type ManifestStream, type ScalarValue } from "./objects.js";

/** Where the official images keep Flink's configuration directory (FLINK_HOME=/opt/flink). */
export const CONF_DIR = "/opt/flink/conf";

/** What a container's argv starts, as docker-entrypoint.sh and the start scripts read it. */
export interface Launch {
  process: FlinkProcess;
  /** Whether docker-entrypoint.sh runs first (it applies FLINK_PROPERTIES to the configuration file). */
  entrypoint: boolean;
  /** The arguments the start script gets, where the dynamic properties are. */
  scriptArgs: SourcedText[];
  /** The entrypoint's command for the process (`taskmanager`, `standalone-job`), as written when it is. */
  command: SourcedText;
}

const ENTRYPOINT_MODES: Readonly<Record<string, FlinkProcess>> = { jobmanager: "jobmanager", "standalone-job": "jobmanager", taskmanager: "taskmanager" };
const SCRIPTS: Readonly<Record<string, FlinkProcess>> = { "jobmanager.sh": "jobmanager", "standalone-job.sh": "jobmanager", "taskmanager.sh": "taskmanager" };

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * The Flink process an argv starts: Kubernetes runs `command` (else the image's ENTRYPOINT,
 * /docker-entrypoint.sh) with `args` (else, without a `command`, the image's CMD, `help`).
 */
export function launchOf(argv: readonly SourcedText[]): Launch | undefined {
  let i = 0;
  let entrypoint = false;
  if (argv[0] !== undefined && baseName(argv[0].text) === "docker-entrypoint.sh") {
    entrypoint = true;
    i = 1;
  }
  const mode = argv[i]?.text;
  if (mode === undefined) return undefined;
  if (entrypoint) {
    const process = ENTRYPOINT_MODES[mode];
    // The entrypoint passes the rest to `<script> start-foreground`.
    if (process) return { process, entrypoint, scriptArgs: argv.slice(i + 1), command: argv[i] as SourcedText };
  }
  const script = SCRIPTS[baseName(mode)];
  const action = argv[i + 1]?.text;
  if (script && (action === "start-foreground" || action === "start")) {
    // A start script named directly: what it starts is what the entrypoint's command would.
    return { process: script, entrypoint, scriptArgs: argv.slice(i + 2), command: { ...(argv[i] as SourcedText), text: script } };
  }
  return undefined;
}

/** Which ConfigMap a container mounts into /opt/flink/conf, and how. */
export interface ConfMount {
  /** The ConfigMap mounted; undefined for another kind of volume (an emptyDir an init container fills, a Secret, …). */
  configMapName?: string;
  /** The volume's name. */
  volume: string;
  /** Whether the ConfigMap is the whole directory (a volume mount) or one file of it (`subPath`). */
  subPath?: { file: string; key: string };
  /** File name in the directory → data key of the ConfigMap; undefined: every data key, each under its own name. */
  items?: Map<string, string>;
  /** The mount's `mountPath` value, where findings about the mount go. */
  range: Range;
  /** The volume's `configMap.name` value. */
  nameRange: Range;
}

export interface FlinkContainer {
  workload: KubernetesObject;
  name: string;
  nameRange: Range;
  /** The official Flink image it runs, when it does. */
  image?: ImageReference;
  imageValue?: ScalarValue;
  launch: Launch;
  /** The container's `env`, as the image's entrypoint sees it (a `valueFrom` value is unknown). */
  env: Map<string, EnvSetting>;
  mount?: ConfMount;
  memoryLimit?: ScalarValue;
  /** The path of `resources.limits.memory`, for messages. */
  memoryLimitPath: string;
}

/**
 * A `command`/`args` item as the container gets it: Kubernetes replaces `$(NAME)` by the value of
 * the container's variable NAME (unknown for a `valueFrom` one), leaves it when there is no such
 * variable, and turns `$$` into `$`.
 */
function expandReferences(arg: SourcedText, env: ReadonlyMap<string, EnvSetting>): SourcedText {
  const edits: TextEdit[] = [];
  for (const m of arg.text.matchAll(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (m[0] === "$$") edits.push({ start, end, replacement: "$" });
    else if (env.has(m[1] ?? "")) {
      const value = env.get(m[1] ?? "")?.value;
      edits.push(value === undefined ? { start, end, replacement: m[0], unresolved: true } : { start, end, replacement: value.text });
    }
  }
  return editText(arg, edits);
}

function argumentsOf(text: string, stream: ManifestStream, container: YAMLMap, key: "command" | "args", env: ReadonlyMap<string, EnvSetting>): SourcedText[] | undefined {
  const items = stream.reader.scalars(stream.reader.seq(container, key));
  return items?.map(({ node, range }) => {
    const embedded = (typeof node.value === "string" ? scalarText(text, node) : undefined) ?? verbatimText(text, range.start.offset, range.end.offset);
    return expandReferences(sourced(embedded), env);
  });
}

/** A `configMapKeyRef`'s value, when the ConfigMap is in the stream (else unknown). */
function configMapValue(stream: ManifestStream, ref: YAMLMap | undefined): ScalarValue | undefined {
  const name = stream.reader.scalar(ref, "name")?.text;
  const key = stream.reader.scalar(ref, "key")?.text;
  if (name === undefined || key === undefined) return undefined;
  const configMap = stream.objects.find((o) => o.kind === "ConfigMap" && o.name === name);
  return configMap && stream.reader.scalar(stream.reader.map(configMap.map, "data"), key);
}

/** The container's variables: a literal `value` (or one of a ConfigMap in the file) with its characters, another `valueFrom` as unknown. */
function environmentOf(text: string, stream: ManifestStream, container: YAMLMap): Map<string, EnvSetting> {
  const { reader } = stream;
  const env = new Map<string, EnvSetting>();
  const embed = (value: ScalarValue) =>
    sourced(typeof value.node.value === "string" ? (scalarText(text, value.node) ?? verbatimText(text, 0, 0)) : verbatimText(text, value.valueRange.start.offset, value.valueRange.end.offset));
  // `envFrom: configMapRef` sets a variable per data key of the ConfigMap (when it is in the stream); `env` wins.
  for (const source of reader.maps(reader.seq(container, "envFrom"))) {
    const name = stream.reader.scalar(reader.map(source, "configMapRef"), "name")?.text;
    const configMap = name === undefined ? undefined : stream.objects.find((o) => o.kind === "ConfigMap" && o.name === name);
    const data = configMap && reader.map(configMap.map, "data");
    for (const pair of data?.items ?? []) {
      const key = reader.resolve(pair.key);
      if (!isScalar(key)) continue;
      const value = reader.scalar(data, String(key.value));
      if (value) env.set(String(key.value), { value: embed(value), nameRange: value.keyRange });
    }
  }
  for (const variable of reader.maps(reader.seq(container, "env"))) {
    const name = reader.scalar(variable, "name");
    if (!name) continue;
    const value = reader.scalar(variable, "value") ?? configMapValue(stream, reader.map(reader.map(variable, "valueFrom"), "configMapKeyRef"));
    // Kubernetes sets a variable with neither `value` nor `valueFrom` to the empty string.
    const empty = !value && !reader.map(variable, "valueFrom");
    env.set(name.text, { value: value ? embed(value) : empty ? sourced(verbatimText(text, name.valueRange.end.offset, name.valueRange.end.offset)) : undefined, nameRange: name.valueRange });
  }
  return env;
}

function normalDir(path: string): string {
  return path.replace(/\/+$/, "");
}

function confMount(stream: ManifestStream, pod: YAMLMap | undefined, container: YAMLMap): ConfMount | undefined {
  const { reader } = stream;
  const volumes = reader.maps(reader.seq(pod, "volumes"));
  for (const mount of reader.maps(reader.seq(container, "volumeMounts"))) {
    const mountPath = reader.scalar(mount, "mountPath");
    const volumeName = reader.scalar(mount, "name")?.text;
    if (!mountPath || volumeName === undefined) continue;
    const path = normalDir(mountPath.text);
    const subPath = reader.scalar(mount, "subPath")?.text;
    const inDir = path === CONF_DIR && subPath === undefined;
    // A file mounted into the directory matters when it is one of Flink's configuration files (not, say, log4j's).
    const asFile = subPath !== undefined && ["flink-conf.yaml", "config.yaml"].some((file) => path === `${CONF_DIR}/${file}`);
    if (!inDir && !asFile) continue;
    const volume = volumes.find((v) => reader.scalar(v, "name")?.text === volumeName);
    const configMap = reader.map(volume, "configMap");
    const name = reader.scalar(configMap, "name");
    if (!name) return { volume: volumeName, range: mountPath.valueRange, nameRange: mountPath.valueRange };
    const itemList = reader.seq(configMap, "items");
    let items: Map<string, string> | undefined;
    if (itemList) {
      items = new Map();
      for (const item of reader.maps(itemList)) {
        const key = reader.scalar(item, "key")?.text;
        const itemPath = reader.scalar(item, "path")?.text;
        if (key !== undefined && itemPath !== undefined) items.set(itemPath, key);
      }
    }
    const result: ConfMount = { configMapName: name.text, volume: volumeName, range: mountPath.valueRange, nameRange: name.valueRange };
    if (items) result.items = items;
    if (asFile && subPath !== undefined) {
      // `subPath` names a file of the volume: an item's path, or a data key when there are no items.
      result.subPath = { file: path.slice(CONF_DIR.length + 1), key: items?.get(subPath) ?? subPath };
    }
    return result;
  }
  return undefined;
}

/** A container of the official image whose entrypoint gets a command that starts nothing of Flink. */
export interface IdleContainer {
  workload: KubernetesObject;
  name: string;
  image: ScalarValue;
  /** Where the finding goes: the command word, else the `image:` value. */
  range: Range;
  /** "help": none given (the image's CMD) or `help`; "unknown": a word close to a command. */
  variant: "help" | "unknown";
  word: string;
  suggestion?: string;
}

const COMMANDS = ["jobmanager", "taskmanager", "standalone-job", "history-server"];

/**
 * Without a command of its own the official image's entrypoint prints its usage and exits 0
 * (docker-entrypoint.sh, `CMD ["help"]`); a word it does not know it runs as a program: flagged when
 * the word is a near miss of one of its commands (`task-manager`), not for a program of the user's.
 */
function idleCommand(argv: readonly SourcedText[]): { variant: "help" | "unknown"; word: string; at?: SourcedText; suggestion?: string } | undefined {
  if (argv[0] === undefined || baseName(argv[0].text) !== "docker-entrypoint.sh") return undefined;
  const command = argv[1];
  if (command === undefined || command.text === "help") return { variant: "help", word: command?.text ?? "", ...(command && { at: command }) };
  if (COMMANDS.includes(command.text) || command.text.includes("/")) return undefined;
  const suggestion = closestMatch(command.text, COMMANDS);
  return suggestion === undefined ? undefined : { variant: "unknown", word: command.text, at: command, suggestion };
}

/** The containers of the stream's workloads that start a Flink process, in file order. */
export function flinkContainers(text: string, stream: ManifestStream): FlinkContainer[] {
  return scanContainers(text, stream).running;
}

/** Containers of the official image that start no Flink process, in file order. */
export function idleContainers(text: string, stream: ManifestStream): IdleContainer[] {
  return scanContainers(text, stream).idle;
}

function scanContainers(text: string, stream: ManifestStream): { running: FlinkContainer[]; idle: IdleContainer[] } {
  const { reader } = stream;
  const found: FlinkContainer[] = [];
  const idle: IdleContainer[] = [];
  for (const workload of stream.objects) {
    if (!WORKLOAD_KINDS.includes(workload.kind)) continue;
    const pod = podSpec(reader, workload);
    const path = workload.kind === "Pod" ? "spec" : workload.kind === "CronJob" ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec";
    for (const container of reader.maps(reader.seq(pod, "containers"))) {
      const name = reader.scalar(container, "name");
      const imageValue = reader.scalar(container, "image");
      const reference = imageValue ? parseImageReference(imageValue.text) : undefined;
      const image = reference?.official ? reference : undefined;
      const mount = confMount(stream, pod, container);
      const env = environmentOf(text, stream, container);
      const command = argumentsOf(text, stream, container, "command", env);
      const args = argumentsOf(text, stream, container, "args", env);
      // Kubernetes: `command` replaces the image's ENTRYPOINT; `args` its CMD (dropped when only `command` is given).
      const word = (value: string): SourcedText => ({ text: value, toHost: () => (name ?? imageValue)?.valueRange.start.offset ?? 0, unresolved: [] });
      const argv = command ? [...command, ...(args ?? [])] : [word("/docker-entrypoint.sh"), ...(args ?? [word("help")])];
      // The official images have docker-entrypoint.sh as their ENTRYPOINT; an image of another name that
      // gets `args: [taskmanager]` and Flink's configuration at /opt/flink/conf is taken to be built on one.
      if (!command && !image && mount?.configMapName === undefined) continue;
      const launch = launchOf(argv);
      const idleAs = image && imageValue && !launch ? idleCommand(argv) : undefined;
      if (idleAs && imageValue) {
        // With neither `command` nor `args` the word is the image's CMD, not on the manifest's lines.
        const at = command || args ? idleAs.at : undefined;
        const range = at ? stream.lines.range(at.toHost(0), at.toHost(at.text.length)) : imageValue.valueRange;
        idle.push({ workload, name: name?.text ?? "", image: imageValue, range, variant: idleAs.variant, word: idleAs.word, ...(idleAs.suggestion !== undefined && { suggestion: idleAs.suggestion }) });
      }
      if (!launch || (!image && !mount)) continue;
      const memoryLimit = reader.scalar(reader.map(reader.map(container, "resources"), "limits"), "memory");
      const containerName = name?.text ?? "";
      found.push({
        workload,
        name: containerName,
        nameRange: name?.valueRange ?? workload.kindRange,
        ...(image && { image }),
        ...(imageValue && { imageValue }),
        launch,
        env,
        ...(mount && { mount }),
        ...(memoryLimit && { memoryLimit }),
        memoryLimitPath: `${path}.containers[${containerName}].resources.limits.memory`,
      });
    }
  }
  return { running: found, idle };
}
