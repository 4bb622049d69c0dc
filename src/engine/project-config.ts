/**
 * The project's `.flinklint.yaml`: rule severities, Flink version, deployment and ignore patterns.
 * It is data only (read line by line in its usual shape, else with the `yaml` package, aliases
 * bounded); nothing in it is ever executed.
 *
 *   flink-version: "1.20"
 *   deployment: kubernetes
 *   rules:
 *     legacy-indented-line: off
 *     memory-both-totals: error
 *   ignore:
 *     - "test/**"
 *   operator-defaults: deploy/operator/flink-conf.yaml   # the operator's defaultConfiguration
 *   include:                       # files a directory scan lints although it would not pick them
 *     - ".github/workflows/*.yml"
 */
import { isMap, isScalar, parseDocument } from "yaml";
import { readSimpleSettings } from "./project-config-lines.js";
import { closestMatch } from "../util/did-you-mean.js";
import { DEPLOYMENTS, resolveFlinkVersion, SettingsError } from "./settings.js";
import type { Deployment, Dialect, Severity } from "../types.js";

export const PROJECT_CONFIG_NAMES = [".flinklint.yaml", ".flinklint.yml"] as const;

export interface ProjectConfig {
  /** Where it was read from; undefined for the built-in defaults. */
  path: string | undefined;
  flinkVersion?: string;
  deployment?: Deployment;
  dialect?: Dialect;
  rules: Record<string, Severity | "off">;
  /** Gitignore-style patterns, relative to the config file's folder. */
  ignore: string[];
  /**
   * Glob patterns, relative to the config file's folder, of files a directory scan lints besides
   * the ones it finds (a CI workflow that runs a Flink launcher).
   */
  include?: string[];
  /** The operator's default configuration file, as written (relative to the config file's folder). */
  operatorDefaults?: string;
  /** That file, once read (by the file-system layer). */
  operatorDefaultsFile?: { name: string; text: string };
}

const TOP_LEVEL_KEYS = ["flink-version", "deployment", "dialect", "rules", "ignore", "include", "operator-defaults"] as const;
const SEVERITY_WORDS: Record<string, Severity | "off"> = {
  off: "off",
  warn: "warning",
  warning: "warning",
  error: "error",
  info: "info",
};

/** Thrown for a bad `.flinklint.yaml`; the message names the file, the line and what is accepted. */
export class ProjectConfigError extends SettingsError {
  override name = "ProjectConfigError";
}

export function parseProjectConfig(text: string, path: string, knownRuleIds: readonly string[]): ProjectConfig {
  const fail = (message: string, offset?: number): never => {
    const where = offset === undefined ? "" : `:${lineOf(text, offset)}`;
    throw new ProjectConfigError(`${path}${where}: ${message}`);
  };
  const simple = readSimpleSettings(text);
  const { data, offsetOf, written }: SettingsReading =
    simple === undefined
      ? readYaml(text, fail)
      : {
          data: simple.data,
          // A nested key's line, else its parent's, as the YAML path does.
          offsetOf: (...keys) => simple.keyOffsets.get(keys.join("\n")) ?? simple.keyOffsets.get(keys[0] ?? ""),
          written: (key) => simple.data[key],
        };
  const config: ProjectConfig = { path, rules: {}, ignore: [] };
  if (data === null || data === undefined) return config;
  if (typeof data !== "object" || Array.isArray(data)) fail("expected a mapping of settings at the top level");

  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    switch (key) {
      case "flink-version": {
        const version = written(key);
        if (typeof version !== "string") fail(`"flink-version" takes a version such as "1.20"`, offsetOf(key));
        try {
          resolveFlinkVersion(version as string, "legacy");
        } catch (error) {
          fail((error as Error).message, offsetOf(key));
        }
        config.flinkVersion = version as string;
        break;
      }
      case "deployment":
        if (typeof value !== "string" || !(DEPLOYMENTS as readonly string[]).includes(value)) {
          fail(`"deployment" must be one of ${DEPLOYMENTS.join(", ")}, not ${JSON.stringify(value)}`, offsetOf(key));
        }
        config.deployment = value as Deployment;
        break;
      case "dialect":
        if (value !== "legacy" && value !== "standard") fail(`"dialect" must be legacy or standard, not ${JSON.stringify(value)}`, offsetOf(key));
        config.dialect = value as Dialect;
        break;
      case "operator-defaults":
        if (typeof value !== "string" || value.trim() === "") {
          fail(`"operator-defaults" takes the path of the operator's flink-conf.yaml or config.yaml`, offsetOf(key));
        }
        config.operatorDefaults = value as string;
        break;
      case "include":
        if (!Array.isArray(value) || value.some((p) => typeof p !== "string")) {
          fail(`"include" takes a list of file patterns`, offsetOf(key));
        }
        config.include = value as string[];
        break;
      case "ignore":
        if (!Array.isArray(value) || value.some((p) => typeof p !== "string")) {
          fail(`"ignore" takes a list of file patterns`, offsetOf(key));
        }
        config.ignore = value as string[];
        break;
      case "rules":
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          fail(`"rules" takes a mapping of rule id to off, warn, error or info`, offsetOf(key));
        }
        for (const [ruleId, setting] of Object.entries(value as Record<string, unknown>)) {
          if (!knownRuleIds.includes(ruleId)) {
            const guess = closestMatch(ruleId, knownRuleIds);
            fail(`unknown rule "${ruleId}"${guess ? `; did you mean "${guess}"?` : ""}`, offsetOf(key, ruleId));
          }
          const word = Array.isArray(setting) ? setting[0] : setting;
          if (Array.isArray(setting) && setting.length > 1) {
            fail(`rule "${ruleId}" takes no options; give only its severity`, offsetOf(key, ruleId));
          }
          const severity = typeof word === "string" ? SEVERITY_WORDS[word] : word === false ? "off" : undefined;
          if (!severity) {
            fail(`rule "${ruleId}": unknown severity ${JSON.stringify(word)}; expected off, warn, error or info`, offsetOf(key, ruleId));
          }
          config.rules[ruleId] = severity as Severity | "off";
        }
        break;
      default: {
        const guess = closestMatch(key, TOP_LEVEL_KEYS);
        fail(`unknown setting "${key}"${guess ? `; did you mean "${guess}"?` : ""} (settings: ${TOP_LEVEL_KEYS.join(", ")})`, offsetOf(key));
      }
    }
  }
  return config;
}

/** What a reader of the file gives: the data, where each key is written, and a value as written. */
interface SettingsReading {
  data: unknown;
  offsetOf: (...keys: string[]) => number | undefined;
  /** A top-level value, with a number as its digits (`flink-version: 1.20` is the YAML number 1.2). */
  written: (key: string) => unknown;
}

function readYaml(text: string, fail: (message: string, offset?: number) => never): SettingsReading {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) fail(`not valid YAML: ${firstError.message.split("\n")[0]}`, firstError.pos[0]);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The yaml package refuses alias bombs (billion laughs) with an error of its own.
    fail(`cannot be read: ${(error as Error).message}`);
  }
  // Where a setting's key is written, for messages that name the line.
  const offsetOf = (...keys: string[]): number | undefined => {
    let map: unknown = doc.contents;
    let offset: number | undefined;
    for (const key of keys) {
      if (!isMap(map)) return offset;
      const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      if (!pair) return offset;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      map = pair.value;
    }
    return offset;
  };
  const written = (key: string): unknown => {
    const value = (data as Record<string, unknown>)[key];
    const node = doc.getIn([key], true) as { range?: [number, number, number] } | undefined;
    return typeof value === "number" && node?.range ? text.slice(node.range[0], node.range[1]).trim() : value;
  };
  return { data, offsetOf, written };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
