/**
 * The official Flink images (Docker Hub `flink`, `apache/flink`, registry-qualified): which Flink
 * version a reference runs, and the settings of the default configuration file it ships
 * (apache/flink-docker `Dockerfile-ubuntu.template` per `dev-X.Y` branch: flink-dist's default file
 * with the REST/RPC bind addresses set to 0.0.0.0 and `taskmanager.host: localhost` removed;
 * `flink-conf.yaml` up to 1.18, `config.yaml` from 1.19).
 */
import { SUPPORTED_VERSIONS } from "../../model/versions.js";
import { parseConfig } from "../../parser/index.js";
import type { ConfigEntry, Dialect, Range } from "../../types.js";

export interface FlinkImage {
  /** The reference as written, e.g. `apache/flink:1.17.2-scala_2.12`. */
  reference: string;
  /** The tag, undefined when there is none (Docker then pulls `latest`). */
  tag?: string;
  /** The Flink version flinklint checks against ("1.17"), undefined when the tag names one it does not model. */
  version?: string;
  /** False for `latest`, no tag, or a tag without a version: the version changes with each release. */
  pinned: boolean;
}

const NEWEST = SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.length - 1] ?? "2.2";

/** The repositories of the official images, after the registry host. */
const OFFICIAL_REPOSITORIES = new Set(["flink", "library/flink", "apache/flink"]);

/** The official Flink image a reference names, or undefined for any other image. */
export function parseFlinkImage(reference: string): FlinkImage | undefined {
  const withoutDigest = reference.trim().split("@")[0] ?? "";
  const slash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  const hasTag = colon > slash;
  let repository = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  // A first path part with a dot, a port or `localhost` is a registry host (Docker's rule).
  const first = repository.split("/")[0] ?? "";
  if (repository.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost")) {
    repository = repository.slice(first.length + 1);
  }
  if (!OFFICIAL_REPOSITORIES.has(repository)) return undefined;
  const match = tag === undefined ? null : /^(\d+)\.(\d+)(?:\.\d+)?(?:-|$)/.exec(tag);
  if (!match) return { reference, ...(tag !== undefined && { tag }), version: NEWEST, pinned: false };
  const version = `${match[1]}.${Number(match[2])}`;
  const modeled = (SUPPORTED_VERSIONS as readonly string[]).includes(version);
  return { reference, ...(tag !== undefined && { tag }), ...(modeled && { version }), pinned: true };
}

/** The name of the configuration file an image of `version` ships in `/opt/flink/conf`. */
export function imageConfigFile(version: string): "flink-conf.yaml" | "config.yaml" {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major === 1 && minor <= 18 ? "flink-conf.yaml" : "config.yaml";
}

/** Whether Flink `version` reads `flink-conf.yaml` (1.19 and 1.20 only when it exists; 2.x never). */
export function readsLegacyFile(version: string): boolean {
  return Number(version.split(".")[0]) < 2;
}

/**
 * The settings of the image's default file that bear on what flinklint checks (the memory sizes,
 * slots, parallelism, addresses), as the image leaves them.
 */
function imageDefaults(version: string): [string, string][] {
  const [, minor = 0] = version.split(".").map(Number);
  const v1 = Number(version.split(".")[0]) === 1;
  return [
    ["jobmanager.rpc.address", "localhost"],
    ["jobmanager.rpc.port", "6123"],
    ...(!v1 || minor >= 15 ? ([["jobmanager.bind-host", "0.0.0.0"]] as [string, string][]) : []),
    ["jobmanager.memory.process.size", "1600m"],
    ...(!v1 || minor >= 15 ? ([["taskmanager.bind-host", "0.0.0.0"]] as [string, string][]) : []),
    ["taskmanager.memory.process.size", "1728m"],
    ["taskmanager.numberOfTaskSlots", "1"],
    ["parallelism.default", "1"],
    ["jobmanager.execution.failover-strategy", "region"],
    ["rest.address", "0.0.0.0"],
    ["rest.bind-address", "0.0.0.0"],
  ];
}

/** How messages name the image's default file: "the flink:1.17 image's default flink-conf.yaml". */
export function imageDefaultLabel(image: FlinkImage, version: string): string {
  return `the ${image.reference} image's default ${imageConfigFile(version)}`;
}

/**
 * The image's default settings as entries of `dialect`, each placed on `at` (the `image:` value,
 * the user's line that brings the layer in) and labelled with where it comes from.
 */
export function imageDefaultEntries(version: string, dialect: Dialect, at: Range, label: string): ConfigEntry[] {
  return settingEntries(imageDefaults(version), dialect, at, (key) => `${key} (from ${label})`);
}

/** Settings not written in the file, read as `dialect` would read `key: value` lines, all placed on `at`. */
export function settingEntries(settings: readonly [string, string][], dialect: Dialect, at: Range, label: (key: string) => string): ConfigEntry[] {
  const text = settings.map(([k, v]) => `${k}: ${v}\n`).join("");
  return parseConfig(text, dialect).entries.map((e) => ({ ...e, raw: e.raw, keyRange: at, valueRange: at, label: label(e.key) }));
}
