/** Resolution of user settings (Flink version, deployment) into what rules see. */
import { DEFAULT_VERSION_BY_DIALECT, SUPPORTED_VERSIONS } from "../model/versions.js";
import type { Deployment, Dialect } from "../types.js";

/** Thrown for a setting the user got wrong; the CLI prints it and exits with 2. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

export const DEPLOYMENTS: readonly Deployment[] = ["standalone", "kubernetes", "yarn"];

/** Flink versions flinklint models, oldest first (from the model's version table). */
export const SUPPORTED_FLINK_VERSIONS = SUPPORTED_VERSIONS;

/**
 * The version to check against: the user's (normalized: "1.20.1" → "1.20", "2" → "2.2"),
 * else the version table's default for the dialect (1.20 for flink-conf.yaml, 2.x for config.yaml).
 */
export function resolveFlinkVersion(requested: string | undefined, dialect: Dialect): string {
  if (requested === undefined) return DEFAULT_VERSION_BY_DIALECT[dialect];
  const match = /^v?(\d+)(?:[._](\d+))?(?:[._]\d+)*$/.exec(requested.trim());
  if (match) {
    const major = match[1];
    const minor = match[2] ?? SUPPORTED_FLINK_VERSIONS.filter((v) => v.startsWith(`${major}.`)).at(-1)?.split(".")[1];
    const version = `${major}.${Number(minor)}`;
    if ((SUPPORTED_FLINK_VERSIONS as readonly string[]).includes(version)) return version;
  }
  throw new SettingsError(
    `unsupported Flink version "${requested}"; expected one of ${SUPPORTED_FLINK_VERSIONS.join(", ")}`,
  );
}

export function parseDeployment(value: string): Deployment {
  if ((DEPLOYMENTS as readonly string[]).includes(value)) return value as Deployment;
  throw new SettingsError(`unknown deployment "${value}"; expected one of ${DEPLOYMENTS.join(", ")}`);
}
