/**
 * An image reference (`flink:1.17`, `apache/flink:1.19.1-java11`, `docker.io/library/flink`) → the
 * Flink version flinklint checks a container of it against. Only the official images count: the
 * Docker Official Image `flink` (docker.io/library/flink), `apache/flink` on Docker Hub, and the
 * snapshots apache/flink-docker publishes to `ghcr.io/apache/flink-docker`. Their tags start with the
 * Flink version (`1.17`, `1.17.2`, `1.17.2-scala_2.12-java11`, `2.1-java17`); `latest` and the
 * version-less tags (`scala_2.12-java17`, `java17`) are the newest release.
 */
import { SUPPORTED_VERSIONS } from "../../model/versions.js";

export type ImageVersionStatus =
  /** The tag names a version flinklint catalogues. */
  | "pinned"
  /** `latest`, no tag, or a tag without a version: the newest release, whatever it is when pulled. */
  | "unpinned"
  /** A version older than flinklint's catalogue: checked as the oldest catalogued version. */
  | "older"
  /** A version newer than flinklint's catalogue: checked as the newest catalogued version. */
  | "newer"
  /** An official image whose tag names no version flinklint can read (a digest only, a typo). */
  | "unreadable"
  /** Not an official Flink image: a custom or third-party image, or one built from the Compose file. */
  | "unknown-image";

export interface ImageReference {
  /** The reference as written. */
  text: string;
  /** Registry-less repository path, e.g. `library/flink`, `apache/flink`. */
  repository: string;
  tag?: string;
  digest?: string;
  official: boolean;
  status: ImageVersionStatus;
  /** The version the tag names ("1.17", "1.17.2"), when it names one. */
  tagVersion?: string;
  /** The catalogued "major.minor" flinklint checks against (absent for "unreadable" and "unknown-image"). */
  version?: string;
}

const OFFICIAL_REPOSITORIES = new Set(["library/flink", "apache/flink"]);
const GHCR_FLINK_DOCKER = "ghcr.io/apache/flink-docker";

/** The newest version flinklint catalogues (what `latest` is checked as). */
export function newestCataloguedVersion(): string {
  return SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.length - 1] ?? "2.2";
}

/** The oldest version flinklint catalogues. */
export function oldestCataloguedVersion(): string {
  return SUPPORTED_VERSIONS[0] ?? "1.11";
}

function compareVersions(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

function majorMinor(version: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Reads an image reference as Docker does: `[registry/]path[:tag][@digest]`. */
export function parseImageReference(text: string): ImageReference {
  const trimmed = text.trim();
  let rest = trimmed;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const lower = rest.toLowerCase();
  // A first component with a dot or colon, or `localhost`, is a registry (Docker's rule).
  const slash = lower.indexOf("/");
  const first = slash < 0 ? "" : lower.slice(0, slash);
  const hasRegistry = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry ? first : "docker.io";
  let repository = hasRegistry ? lower.slice(slash + 1) : lower;
  const dockerHub = registry === "docker.io" || registry === "index.docker.io" || registry === "registry.hub.docker.com" || registry === "registry-1.docker.io";
  if (dockerHub && !repository.includes("/")) repository = `library/${repository}`;
  const official = (dockerHub && OFFICIAL_REPOSITORIES.has(repository)) || `${registry}/${repository}` === GHCR_FLINK_DOCKER;
  const base: ImageReference = {
    text: trimmed,
    repository,
    ...(tag !== undefined && { tag }),
    ...(digest !== undefined && { digest }),
    official,
    status: "unknown-image",
  };
  if (!official) return base;
  if (tag === undefined && digest !== undefined) return { ...base, status: "unreadable" };
  if (tag === undefined || tag === "latest" || /^(scala_[\d.]+|java\d+)([-_].*)?$/.test(tag)) {
    return { ...base, status: "unpinned", version: newestCataloguedVersion() };
  }
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(?=$|[-_])/.exec(tag);
  if (!match) return { ...base, status: "unreadable" };
  const tagVersion = match[3] === undefined ? `${match[1]}.${match[2]}` : `${match[1]}.${match[2]}.${match[3]}`;
  const wanted: [number, number] = [Number(match[1]), Number(match[2])];
  const catalogued = `${wanted[0]}.${wanted[1]}`;
  if ((SUPPORTED_VERSIONS as readonly string[]).includes(catalogued)) return { ...base, status: "pinned", tagVersion, version: catalogued };
  const oldest = majorMinor(oldestCataloguedVersion()) ?? [1, 11];
  if (compareVersions(wanted, oldest) < 0) return { ...base, status: "older", tagVersion, version: oldestCataloguedVersion() };
  return { ...base, status: "newer", tagVersion, version: newestCataloguedVersion() };
}

/** How messages name the image: `flink:1.17`, or the reference as written. */
export function imageName(image: ImageReference): string {
  return image.text;
}
