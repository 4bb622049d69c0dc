/**
 * ConfigMaps holding a Flink configuration file: a `data` entry named `flink-conf.yaml` (Flink's
 * legacy reader) or `config.yaml` (the standard YAML reader), as in Flink's standalone-Kubernetes
 * docs (`flink-config`). Mounted at /opt/flink/conf it is the file the JobManager and TaskManager read.
 */
import { isScalar, type Scalar } from "yaml";
import { scalarText, type EmbeddedText } from "../embedded.js";
import type { Dialect, Range } from "../../types.js";
import type { KubernetesObject, ManifestStream } from "./objects.js";

/** The data entry names Flink reads, and the reader each is read with. */
export const FLINK_FILES: Readonly<Record<string, Dialect>> = { "flink-conf.yaml": "legacy", "config.yaml": "standard" };

/** One Flink configuration file carried by a ConfigMap. */
export interface ConfigMapFile {
  configMap: KubernetesObject;
  /** The data key: `flink-conf.yaml` or `config.yaml`. */
  file: string;
  dialect: Dialect;
  embedded: EmbeddedText;
  keyRange: Range;
}

/** Every data entry of every ConfigMap, by ConfigMap name (and namespace), in file order. */
export interface ConfigMapIndex {
  files: ConfigMapFile[];
  /** The ConfigMaps of the stream, for mounts: the data keys each holds. */
  byName(name: string, namespace: string | undefined): KubernetesObject | undefined;
  /** The string a ConfigMap carries under data `key` (whatever its name), with where it is. */
  entry(configMap: KubernetesObject, key: string): { embedded: EmbeddedText; keyRange: Range } | undefined;
  dataKeys(configMap: KubernetesObject): string[];
}

export function indexConfigMaps(text: string, stream: ManifestStream): ConfigMapIndex {
  const { reader } = stream;
  const configMaps = stream.objects.filter((o) => o.kind === "ConfigMap");
  const files: ConfigMapFile[] = [];
  const keys = new Map<KubernetesObject, string[]>();
  const entries = new Map<KubernetesObject, Map<string, { embedded: EmbeddedText; keyRange: Range }>>();
  for (const configMap of configMaps) {
    const data = reader.map(configMap.map, "data");
    const names: string[] = [];
    const strings = new Map<string, { embedded: EmbeddedText; keyRange: Range }>();
    for (const pair of data?.items ?? []) {
      const key = reader.resolve(pair.key);
      if (!isScalar(key)) continue;
      const name = String(key.value);
      names.push(name);
      const value = reader.resolve(pair.value);
      // The API server takes only strings in `data`; a number or `null` is not a file.
      const embedded = isScalar(value) ? scalarText(text, value as Scalar) : undefined;
      if (!embedded) continue;
      strings.set(name, { embedded, keyRange: reader.range(key) });
      const dialect = FLINK_FILES[name];
      if (dialect !== undefined) files.push({ configMap, file: name, dialect, embedded, keyRange: reader.range(key) });
    }
    keys.set(configMap, names);
    entries.set(configMap, strings);
  }
  return {
    files,
    byName: (name, namespace) => configMaps.find((c) => c.name === name && (namespace === undefined || c.namespace === undefined || c.namespace === namespace)),
    entry: (configMap, key) => entries.get(configMap)?.get(key),
    dataKeys: (configMap) => keys.get(configMap) ?? [],
  };
}
