/**
 * The host adapter for Kubernetes manifests of a standalone Flink cluster (Flink's
 * standalone-Kubernetes docs): one target per ConfigMap data entry `flink-conf.yaml`/`config.yaml`,
 * and one per container of a workload that starts a JobManager or TaskManager, built from the
 * layers that container's Flink reads — the image's default file or the ConfigMap mounted at
 * /opt/flink/conf, the entrypoint's settings and FLINK_PROPERTIES, then the `-D` arguments.
 */
import { assembleDocument } from "../../parser/document.js";
import { LineIndex } from "../../parser/lines.js";
import { unreadableHostTarget } from "../unreadable.js";
import { parseConfig } from "../../parser/index.js";
import { DEFAULT_VERSION_BY_DIALECT, parseVersion } from "../../model/versions.js";
import { parseEmbedded } from "../embedded.js";
import { usesStandardConfig } from "../image/defaults.js";
import { containerConfiguration, type EnvSetting } from "../image/entrypoint.js";
import { imageName, newestCataloguedVersion } from "../image/reference.js";
import type { ConfigDocument, ConfigEntry, ConfigTarget, ContainerMemoryLimit, Dialect, LayerSummary, LintOptions, ParseFinding } from "../../types.js";
import type { HostAdapter, HostInput, HostReading } from "../types.js";
import { FLINK_FILES, indexConfigMaps, type ConfigMapFile, type ConfigMapIndex } from "./configmap.js";
import { looksLikeKubernetesManifest, readObjects } from "./objects.js";
import { quantityBytes } from "./quantity.js";
import { CONF_DIR, flinkContainers, idleContainers, type FlinkContainer, type IdleContainer } from "./workload.js";

export const HOST = "Kubernetes manifest";

/** The version the user asked for, as "major.minor", when it is one. */
function userVersion(options: LintOptions): string | undefined {
  const parsed = options.flinkVersion === undefined ? undefined : parseVersion(options.flinkVersion.replace(/^v/, ""));
  return parsed ? `${parsed[0]}.${parsed[1]}` : undefined;
}

/** The file the image of `version` keeps in /opt/flink/conf. */
function imageConfigFile(version: string): "flink-conf.yaml" | "config.yaml" {
  return usesStandardConfig(version) ? "config.yaml" : "flink-conf.yaml";
}

/**
 * The file Flink `version` reads from a conf directory holding `files` (GlobalConfiguration.loadConfiguration):
 * up to 1.18 flink-conf.yaml; 1.19 and 1.20 flink-conf.yaml when it exists, else config.yaml; 2.x config.yaml.
 */
function fileRead(files: ReadonlySet<string>, version: string | undefined): string | undefined {
  const legacy = files.has("flink-conf.yaml") ? "flink-conf.yaml" : undefined;
  const standard = files.has("config.yaml") ? "config.yaml" : undefined;
  if (version === undefined) return legacy ?? standard;
  if (!usesStandardConfig(version)) return legacy;
  return Number(version.split(".")[0]) < 2 ? (legacy ?? standard) : standard;
}

/** Where a container's configuration file comes from. */
type ConfSource =
  | { kind: "image"; file: string }
  | { kind: "configmap"; file: string; configMapFile?: ConfigMapFile; embedded: ConfigMapFile["embedded"]; configMapName: string; key: string }
  /** A ConfigMap of another file of the same scan: its settings are external to this file. */
  | { kind: "elsewhere"; file: string; embedded: ConfigMapFile["embedded"]; configMapName: string; key: string; path: string; line: number }
  | { kind: "unknown"; reason: string; writable?: boolean };

interface ContainerPlan {
  container: FlinkContainer;
  version?: string;
  source: ConfSource;
}

/** The ConfigMaps of the other files of a scan (`options.scanFiles`), indexed when first asked for. */
type ScanIndexes = () => ReadonlyArray<{ path: string; index: ConfigMapIndex }>;

function scanIndexes(options: LintOptions): ScanIndexes {
  let indexes: Array<{ path: string; index: ConfigMapIndex }> | undefined;
  return () =>
    (indexes ??= (options.scanFiles?.() ?? []).flatMap((file) => {
      if (!/\bConfigMap\b/.test(file.text) || file.path === options.filename) return [];
      const stream = readObjects(file.text);
      return stream.syntaxError ? [] : [{ path: file.path, index: indexConfigMaps(file.text, stream) }];
    }));
}

function planContainer(container: FlinkContainer, index: ConfigMapIndex, options: LintOptions, scan: ScanIndexes = () => []): ContainerPlan {
  // An official image whose tag names no version runs whatever was pulled: checked as the newest.
  const version = userVersion(options) ?? container.image?.version ?? (container.image ? newestCataloguedVersion() : undefined);
  const mount = container.mount;
  const imageFile = container.image && imageConfigFile(version ?? container.image.version ?? newestCataloguedVersion());
  const plan = (source: ConfSource): ContainerPlan => ({ container, ...(version !== undefined && { version }), source });
  if (!mount) return imageFile ? plan({ kind: "image", file: imageFile }) : plan({ kind: "unknown", reason: "the image is not an official Flink image" });
  if (mount.configMapName === undefined) {
    return plan({ kind: "unknown", reason: `${CONF_DIR} comes from volume ${mount.volume}, not a ConfigMap, so its files are not in this file`, writable: true });
  }
  const configMap = index.byName(mount.configMapName, container.workload.namespace);
  if (!configMap) {
    // Flink's own Kubernetes docs keep the ConfigMap and each Deployment in files of their own.
    const name = mount.configMapName;
    const found = scan().find((s) => s.index.byName(name, container.workload.namespace));
    const other = found && found.index.byName(name, container.workload.namespace);
    if (found && other) {
      const keys = mount.subPath ? new Map([[mount.subPath.file, mount.subPath.key]]) : mount.items ? new Map(mount.items) : new Map(found.index.dataKeys(other).map((k) => [k, k]));
      const chosen = fileRead(new Set(keys.keys()), version);
      const key = chosen && keys.get(chosen);
      const entry = key !== undefined ? found.index.entry(other, key) : undefined;
      if (chosen !== undefined && key !== undefined && entry) {
        return plan({ kind: "elsewhere", file: chosen, embedded: entry.embedded, configMapName: name, key, path: found.path, line: entry.keyRange.start.line });
      }
    }
  }
  // File name in /opt/flink/conf → data key of the ConfigMap.
  const files = new Map<string, string>();
  if (mount.subPath) files.set(mount.subPath.file, mount.subPath.key);
  else if (mount.items) for (const [path, key] of mount.items) files.set(path, key);
  else if (configMap) for (const key of index.dataKeys(configMap)) files.set(key, key);
  const names = new Set(files.keys());
  // A file mounted with subPath sits beside the image's own files.
  if (mount.subPath && imageFile) names.add(imageFile);
  const chosen = fileRead(names, version);
  if (!configMap && !(mount.subPath && chosen === imageFile && chosen !== mount.subPath.file)) {
    return plan({ kind: "unknown", reason: `ConfigMap ${mount.configMapName}, mounted at ${CONF_DIR}, is not in this file` });
  }
  if (chosen === undefined) {
    return plan({ kind: "unknown", reason: `ConfigMap ${mount.configMapName} gives ${CONF_DIR} no configuration file Flink ${version ?? ""} reads`.replace("  ", " ") });
  }
  const key = files.get(chosen);
  if (key === undefined) return plan({ kind: "image", file: chosen });
  const entry = configMap && index.entry(configMap, key);
  if (!configMap || !entry) return plan({ kind: "unknown", reason: `ConfigMap ${mount.configMapName} has no data entry ${key}` });
  const configMapFile = index.files.find((f) => f.configMap === configMap && f.file === key);
  return plan({ kind: "configmap", file: chosen, ...(configMapFile && { configMapFile }), embedded: entry.embedded, configMapName: mount.configMapName, key });
}

interface Built {
  entries: ConfigEntry[];
  findings: ParseFinding[];
  loadFailure?: ConfigDocument["loadFailure"];
  layers: LayerSummary[];
  dialect: Dialect;
  known: boolean;
}

function buildContainer(text: string, plan: ContainerPlan, lines: LineIndex): Built {
  const { container, source } = plan;
  const { launch } = container;
  const version = plan.version ?? container.image?.version ?? newestCataloguedVersion();
  const args = [launch.command, ...launch.scriptArgs];
  const input = {
    hostText: text,
    hostLines: lines,
    version,
    imageName: container.image ? imageName(container.image) : (container.imageValue?.text ?? "the container's image"),
    imageRange: container.imageValue?.valueRange ?? container.nameRange,
    containerName: `container ${container.name}`,
    args,
    argsLabel: `-D arguments of container ${container.name}`,
  };
  // The entrypoint applies FLINK_PROPERTIES only when it runs (a start script named as the command skips it).
  const env = launch.entrypoint ? container.env : new Map<string, EnvSetting>();
  if (source.kind === "image") {
    const configuration = containerConfiguration({ ...input, env });
    return { entries: configuration.entries, findings: configuration.findings, layers: configuration.layers, dialect: configuration.dialect, known: true };
  }
  if (source.kind === "unknown" && source.writable) {
    // A writable volume of unknown files: the entrypoint's layers go on top of a file flinklint cannot see.
    const configuration = containerConfiguration({ ...input, env, defaultFileReplaced: true });
    const layers = [{ kind: "file", label: `unknown: ${source.reason}`, external: true }, ...configuration.layers];
    return { entries: configuration.entries, findings: configuration.findings, layers, dialect: configuration.dialect, known: false };
  }
  // A ConfigMap volume is read-only: the entrypoint can write neither its own settings nor FLINK_PROPERTIES
  // into the file; the -D arguments still reach the start script.
  const dynamic = containerConfiguration({ ...input, env: new Map(), defaultFileReplaced: true });
  const dynamicEntries = dynamic.entries.filter((e) => e.label === undefined);
  const dynamicFindings = dynamic.findings.filter((f) => f.kind === "unresolved-variable");
  const dynamicLayers = dynamic.layers.filter((l) => l.kind === "dynamic-properties");
  const layers: LayerSummary[] = [];
  const entries: ConfigEntry[] = [];
  const findings: ParseFinding[] = [];
  let loadFailure: ConfigDocument["loadFailure"];
  let dialect: Dialect = usesStandardConfig(version) ? "standard" : "legacy";
  if (source.kind === "configmap") {
    dialect = FLINK_FILES[source.file] ?? dialect;
    const read = parseEmbedded(source.embedded, dialect, lines);
    entries.push(...read.entries);
    findings.push(...read.findings);
    if (read.loadFailure) loadFailure = read.loadFailure;
    layers.push({ kind: "file", label: `${source.key} of ConfigMap ${source.configMapName}, mounted as ${CONF_DIR}/${source.file}`, external: false });
  } else if (source.kind === "elsewhere") {
    // Linted in its own file; here its settings count as the container reads them, placed on the
    // volume's ConfigMap name (the line of this file that brings them in).
    dialect = FLINK_FILES[source.file] ?? dialect;
    const at = container.mount?.nameRange ?? container.nameRange;
    const place = `${source.key} of ConfigMap ${source.configMapName} (${source.path}:${source.line})`;
    for (const entry of parseConfig(source.embedded.text, dialect).entries) {
      entries.push({ ...entry, keyRange: at, valueRange: at, overridden: false, external: true, label: `${entry.key} (from ${place})` });
    }
    layers.push({ kind: "file", label: `${place}, mounted as ${CONF_DIR}/${source.file}`, external: true });
  } else {
    layers.push({ kind: "file", label: `unknown: ${source.reason}`, external: true });
  }
  const properties = container.env.get("FLINK_PROPERTIES");
  if (properties !== undefined) {
    const readOnly = launch.entrypoint;
    const why = readOnly ? `${CONF_DIR} is a read-only ConfigMap volume` : "the container does not run docker-entrypoint.sh";
    layers.push({ kind: "flink-properties", label: `FLINK_PROPERTIES of container ${container.name} (not applied: ${why})`, external: false });
    // FLINK_PROPERTIES taken from the very file that is mounted (configMapKeyRef to the same key) adds nothing.
    const sameFile =
      (source.kind === "configmap" || source.kind === "elsewhere") && properties.value !== undefined && properties.value.text.trim() === source.embedded.text.trim();
    findings.push({
      kind: "flink-properties-ignored",
      range: properties.nameRange,
      data: {
        variant: !readOnly ? "noEntrypoint" : sameFile ? "sameFile" : "readOnly",
        container: container.name,
        dir: CONF_DIR,
        configMap: source.kind === "configmap" || source.kind === "elsewhere" ? source.configMapName : "",
      },
    });
  }
  layers.push(...dynamicLayers);
  return {
    entries: [...entries, ...dynamicEntries],
    findings: [...findings, ...dynamicFindings],
    ...(loadFailure && { loadFailure }),
    layers,
    dialect,
    known: source.kind === "configmap" || source.kind === "elsewhere",
  };
}

function memoryLimitOf(container: FlinkContainer): ContainerMemoryLimit[] {
  const limit = container.memoryLimit;
  const bytes = limit && quantityBytes(limit.text);
  if (!limit || bytes === undefined) return [];
  return [{ process: container.launch.process, bytes, text: limit.text, range: limit.valueRange, label: container.memoryLimitPath }];
}

/** The target of a ConfigMap's Flink file, versioned by a workload of the file that reads it. */
function configMapTarget(text: string, file: ConfigMapFile, plans: readonly ContainerPlan[], options: LintOptions, lines: LineIndex): ConfigTarget {
  const readers = plans.filter((p) => p.source.kind === "configmap" && p.source.configMapFile === file);
  const reader = readers[0];
  const version = userVersion(options) ?? reader?.version;
  // A process started by a container of this file is checked as that container reads it (with its -D
  // arguments); the ConfigMap speaks for the processes started elsewhere.
  const covered = new Set(readers.map((p) => p.container.launch.process));
  const read = parseEmbedded(file.embedded, file.dialect, lines);
  const { configMap } = file;
  const target: ConfigTarget = {
    name: `${configMap.name}/${file.file}`,
    what: "ConfigMap",
    document: assembleDocument(file.dialect, text, read.entries, read.findings, read.loadFailure, lines),
    layers: [{ kind: "file", label: `${file.file} of ConfigMap ${configMap.name}`, external: false }],
    // Mounted at /opt/flink/conf, it is what both processes read.
    processes: (["jobmanager", "taskmanager"] as const).filter((p) => !covered.has(p)),
    isConfigFile: true,
    anchor: file.keyRange,
  };
  if (configMap.namespace !== undefined) target.namespace = configMap.namespace;
  if (version !== undefined) target.flinkVersion = version;
  if (reader) target.deployment = "standalone";
  return target;
}

/**
 * A note on the `image:` line when the version flinklint checks the container against is not one its
 * tag pins and the user did not name one (flink-image-version): `latest`, an unreadable tag, a custom image.
 */
function imageNote(plan: ContainerPlan, options: LintOptions, dialect: Dialect): ParseFinding | undefined {
  const { image, imageValue } = plan.container;
  if (userVersion(options) !== undefined || !imageValue || image?.status === "pinned") return undefined;
  const version = plan.version ?? DEFAULT_VERSION_BY_DIALECT[dialect];
  const data = { variant: image?.status ?? "unknown", image: imageValue.text, version, tagVersion: image?.tagVersion ?? "" };
  return { kind: "flink-image-version", range: imageValue.valueRange, data };
}

/** The target of a container: the layers its Flink reads, the process it starts and its memory limit. */
function containerTarget(text: string, plan: ContainerPlan, lines: LineIndex, options: LintOptions): ConfigTarget {
  const { container } = plan;
  const built = buildContainer(text, plan, lines);
  const note = imageNote(plan, options, built.dialect);
  if (note) built.findings.push(note);
  const mount = container.mount;
  if (!built.known && mount) {
    // What the process reads is not in this file: its memory is not judged, and the note says why.
    const data = { variant: "mounted", image: container.imageValue?.text ?? "", target: CONF_DIR, version: plan.version ?? DEFAULT_VERSION_BY_DIALECT[built.dialect], tagVersion: "" };
    built.findings.push({ kind: "flink-image-version", range: mount.range, data });
  }
  const target: ConfigTarget = {
    name: `${container.workload.name}/${container.name}`,
    what: "container",
    document: assembleDocument(built.dialect, text, built.entries, built.findings, built.loadFailure, lines),
    layers: built.layers,
    deployment: "standalone",
    // Without its configuration file the process's memory cannot be known: only the arguments are checked.
    processes: built.known ? [container.launch.process] : [],
    isConfigFile: false,
    anchor: container.nameRange,
    memoryLimits: memoryLimitOf(container),
  };
  if (container.workload.namespace !== undefined) target.namespace = container.workload.namespace;
  if (plan.version !== undefined) target.flinkVersion = plan.version;
  return target;
}

/** A container of the official image that starts no Flink process: a target holding just that finding. */
function idleTarget(text: string, idle: IdleContainer, lines: LineIndex): ConfigTarget {
  const data = { variant: idle.variant, image: idle.image.text, word: idle.word, suggestion: idle.suggestion ?? "" };
  const finding: ParseFinding = { kind: "container-command", range: idle.range, data };
  const target: ConfigTarget = {
    name: `${idle.workload.name}/${idle.name}`,
    what: "container",
    document: assembleDocument("standard", text, [], [finding], undefined, lines),
    layers: [],
    processes: [],
    isConfigFile: false,
    anchor: idle.range,
  };
  if (idle.workload.namespace !== undefined) target.namespace = idle.workload.namespace;
  return target;
}

/** Every target of a manifest, in file order. */
export function kubernetesTargets(text: string, options: LintOptions = {}): ConfigTarget[] {
  const stream = readObjects(text);
  if (stream.syntaxError) return carriesFlinkFileKey(text) ? [unreadableHostTarget(text, stream.syntaxError, { what: "ConfigMap", alsoRefusedBy: "kubectl cannot read this manifest either", message: "The manifest is not valid YAML.", processes: [] })] : [];
  const { lines } = stream;
  const index = indexConfigMaps(text, stream);
  const scan = scanIndexes(options);
  const plans = flinkContainers(text, stream).map((c) => planContainer(c, index, options, scan));
  const targets = [
    ...index.files.map((file) => configMapTarget(text, file, plans, options, lines)),
    ...plans.map((plan) => containerTarget(text, plan, lines, options)),
    ...idleContainers(text, stream).map((idle) => idleTarget(text, idle, lines)),
  ].sort((a, b) => (a.anchor?.start.offset ?? 0) - (b.anchor?.start.offset ?? 0));
  return targets.map((target, position) => ({ ...target, reread: (edited: string) => kubernetesTargets(edited, options)[position]?.document }));
}

/** A data key `flink-conf.yaml:` or `config.yaml:` in the text: worth a parse error when the YAML is broken. */
function carriesFlinkFileKey(text: string): boolean {
  return /^[ \t]+["']?(?:flink-conf|config)\.yaml["']?[ \t]*:/m.test(text);
}

function carries(text: string): boolean {
  if (!looksLikeKubernetesManifest(text)) return false;
  const stream = readObjects(text);
  if (stream.syntaxError) return carriesFlinkFileKey(text);
  return indexConfigMaps(text, stream).files.length > 0 || flinkContainers(text, stream).length > 0 || idleContainers(text, stream).length > 0;
}

const NOT_FIXED = "--fix does not rewrite Kubernetes manifests yet";
const NO_FLINK = "no Flink configuration in this manifest (no ConfigMap with flink-conf.yaml or config.yaml, no container running Flink)";

function hostReading(targets: ConfigTarget[]): HostReading {
  const reading: HostReading = { host: HOST, targets, fixable: false, notFixed: NOT_FIXED };
  if (targets.length === 0) reading.notice = NO_FLINK;
  return reading;
}

export const kubernetesAdapter: HostAdapter = {
  id: "kubernetes",
  claims: ({ text, options }: HostInput) => options.dialect === undefined && looksLikeKubernetesManifest(text),
  carriesFlinkConfiguration: ({ text }: HostInput) => carries(text),
  read: ({ text, options }: HostInput) => hostReading(kubernetesTargets(text, options)),
};
