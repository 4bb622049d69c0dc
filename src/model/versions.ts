/**
 * Every per-version fact of Flink's memory model flinklint knows, in one table (SPEC §11, §15).
 * Versions are "major.minor"; a patch part (e.g. "1.20.1") is ignored.
 */
import type { Dialect } from "../types.js";

export const SUPPORTED_VERSIONS = [
  "1.11", "1.12", "1.13", "1.14", "1.15", "1.16", "1.17", "1.18", "1.19", "1.20", "2.0", "2.1", "2.2",
] as const;

/** What `--flink-version` defaults to: the last 1.x for flink-conf.yaml, the newest verified 2.x for config.yaml. */
export const DEFAULT_VERSION_BY_DIALECT: Readonly<Record<Dialect, string>> = {
  legacy: "1.20",
  standard: "2.1",
};

export interface VersionFacts {
  /** "major.minor" as given. */
  version: string;
  /** `taskmanager.memory.network.max` default: 1g before 1.17 (FLINK-30472), then Long.MAX_VALUE. */
  networkMaxDefaultBytes: bigint;
  /** `taskmanager.heap.size/.mb`, `jobmanager.heap.size/.mb` still mapped (removed in 2.0, FLINK-33750). */
  legacyHeapKeys: boolean;
  /** `taskmanager.network.numberOfBuffers` still read (removed in 2.0). */
  legacyNetworkBuffers: boolean;
  /** JobManager failures are wrapped in "JobManager memory configuration failed: " (gone in 2.x). */
  jobManagerErrorPrefix: boolean;
  /** TaskManager failures are wrapped in "TaskManager memory configuration failed: " (≈1.12+). */
  taskManagerErrorPrefix: boolean;
  /** "process < flink + metaspace" is an explicit check (≈1.12+); before, a bare "bytes must be >= 0". */
  explicitProcessBelowFlinkCheck: boolean;
}

/** [major, minor] of a version string, or undefined when it is not one. */
export function parseVersion(version: string): [number, number] | undefined {
  const known = PARSED_SUPPORTED.get(version);
  if (known !== undefined) return [known[0], known[1]];
  const match = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function isSupportedVersion(version: string): boolean {
  const parsed = parseVersion(version);
  return parsed !== undefined && (SUPPORTED_VERSIONS as readonly string[]).includes(`${parsed[0]}.${parsed[1]}`);
}

function atLeast(v: [number, number], major: number, minor: number): boolean {
  return v[0] > major || (v[0] === major && v[1] >= minor);
}

const LONG_MAX = (1n << 63n) - 1n;

/** The facts for a version; unknown or malformed versions get the newest behaviour. */
export function versionFacts(version: string): VersionFacts {
  return FACTS_OF_SUPPORTED.get(version) ?? Object.freeze(computeVersionFacts(version));
}

function computeVersionFacts(version: string): VersionFacts {
  const v = parseVersion(version) ?? [2, 2];
  const twoX = atLeast(v, 2, 0);
  return {
    version,
    networkMaxDefaultBytes: atLeast(v, 1, 17) ? LONG_MAX : 1n << 30n,
    legacyHeapKeys: !twoX,
    legacyNetworkBuffers: !twoX,
    jobManagerErrorPrefix: !twoX,
    taskManagerErrorPrefix: atLeast(v, 1, 12),
    explicitProcessBelowFlinkCheck: atLeast(v, 1, 12),
  };
}

/**
 * The supported versions' answers, worked out at load: rules and derivations ask for the facts of
 * the version they lint for a dozen times a file. Other strings (a patch release) are worked out
 * on each ask.
 */
const PARSED_SUPPORTED: ReadonlyMap<string, readonly [number, number]> = new Map(
  SUPPORTED_VERSIONS.map((v) => [v, v.split(".").map(Number) as [number, number]] as const),
);
const FACTS_OF_SUPPORTED: ReadonlyMap<string, VersionFacts> = new Map(
  SUPPORTED_VERSIONS.map((v) => [v, Object.freeze(computeVersionFacts(v))] as const),
);
