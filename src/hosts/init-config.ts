/**
 * `flinklint --init`: the `.flinklint.yaml` a repository starts with, worked out from what its files
 * say (a pure function of their paths and texts; the file-system shell walks and writes).
 *
 * - Test data is ignored: folders named like `fixtures/` or `test/` that hold files a scan would
 *   lint (flinklint's own fixtures are deliberately wrong).
 * - The Flink version comes from the build and the images the repository uses: Maven/Gradle's
 *   `flink.version`, `FROM flink:1.17`, `image: flink:1.17`, an operator's `flinkVersion: v1_17`.
 *   The version seen most often wins; the others are named in a comment.
 * - The deployment mode comes from Kubernetes manifests or YARN launch commands.
 */
import { parseImageReference } from "./image/reference.js";
import { SUPPORTED_VERSIONS } from "../model/versions.js";
import type { Deployment } from "../types.js";

export interface InitFile {
  /** Relative to the repository root, `/`-separated. */
  path: string;
  text: string;
}

export interface InitInput {
  /** The files a directory scan of the root would lint (relative, `/`-separated). */
  lintable: readonly string[];
  /** Files that may name a Flink version or a deployment (builds, Dockerfiles, YAML, scripts). */
  evidence: readonly InitFile[];
}

export interface InitEvidence {
  value: string;
  /** What was seen where, e.g. `Flink 1.17.2 in pom.xml:12`. */
  source: string;
  /** The file it was seen in (a file counts once per value). */
  path: string;
}

export interface InitPlan {
  /** The `.flinklint.yaml` to write. */
  text: string;
  flinkVersion?: string;
  deployment?: Deployment;
  ignore: string[];
  /** How many of the lintable files a scan still lints with these settings. */
  linted: number;
  /** Every version and deployment hint found, for the summary and the comments. */
  versions: InitEvidence[];
  deployments: InitEvidence[];
}

/** Folder names that hold test data rather than configuration anyone deploys. */
const TEST_FOLDER = /^(?:fixtures?|__fixtures__|test|tests|__tests__|testdata|test-data|test-resources|spec|specs|e2e)$/i;

/** The shallowest test folder on a path (`src/test/`), or undefined. */
function testFolderOf(path: string): string | undefined {
  const parts = path.split("/");
  for (let i = 0; i < parts.length - 1; i++) {
    if (TEST_FOLDER.test(parts[i] ?? "")) return `${parts.slice(0, i + 1).join("/")}/`;
  }
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** "1.17.2" → "1.17" when flinklint catalogues it. */
function catalogued(version: string): string | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version);
  if (!match) return undefined;
  const short = `${Number(match[1])}.${Number(match[2])}`;
  return (SUPPORTED_VERSIONS as readonly string[]).includes(short) ? short : undefined;
}

const BUILD_VERSION_PATTERNS: RegExp[] = [
  /<flink\.version>\s*([\d.]+)[^<]*<\/flink\.version>/g, // Maven property
  /\bflink[._-]?[vV]ersion\s*[=:]\s*["']?([\d.]+)/g, // Gradle / properties / SBT
  /["']org\.apache\.flink:flink-[\w.-]+:([\d.]+)/g, // a Gradle dependency with its version
];
const IMAGE_PATTERNS: RegExp[] = [
  /^[ \t]*FROM[ \t]+(?:--platform=\S+[ \t]+)?(\S+)/gim, // Dockerfile
  /^[ \t-]*image[ \t]*:[ \t]*["']?([^\s"'#]+)/gm, // Compose, Kubernetes, the operator
];
const OPERATOR_VERSION = /^[ \t]*flinkVersion[ \t]*:[ \t]*["']?v(\d+)_(\d+)\b/gm;

function versionsIn(file: InitFile): InitEvidence[] {
  const found: InitEvidence[] = [];
  const name = file.path.split("/").pop() ?? "";
  const isBuild = /^(?:pom\.xml|build\.gradle(?:\.kts)?|gradle\.properties|build\.sbt|.*\.versions\.toml)$/.test(name);
  if (isBuild) {
    for (const pattern of BUILD_VERSION_PATTERNS) {
      for (const match of file.text.matchAll(pattern)) {
        const version = catalogued(match[1] ?? "");
        if (version) found.push({ value: version, path: file.path, source: `Flink ${match[1]} in ${file.path}:${lineAt(file.text, match.index)}` });
      }
    }
  }
  for (const pattern of IMAGE_PATTERNS) {
    for (const match of file.text.matchAll(pattern)) {
      const image = parseImageReference(match[1] ?? "");
      if (image.status === "pinned" && image.version) {
        found.push({ value: image.version, path: file.path, source: `${image.text} in ${file.path}:${lineAt(file.text, match.index)}` });
      }
    }
  }
  for (const match of file.text.matchAll(OPERATOR_VERSION)) {
    const version = catalogued(`${match[1]}.${match[2]}`);
    if (version) found.push({ value: version, path: file.path, source: `flinkVersion v${match[1]}_${match[2]} in ${file.path}:${lineAt(file.text, match.index)}` });
  }
  return found;
}

const DEPLOYMENT_HINTS: Array<{ deployment: Deployment; pattern: RegExp; what: string }> = [
  { deployment: "kubernetes", pattern: /^[ \t]*kind[ \t]*:[ \t]*["']?(?:FlinkDeployment|FlinkSessionJob)\b/m, what: "a FlinkDeployment" },
  { deployment: "kubernetes", pattern: /\b(?:kubernetes-application|kubernetes-session(?:\.sh)?)\b/, what: "a Kubernetes launch" },
  { deployment: "kubernetes", pattern: /^[ \t]*kubernetes\.cluster-id[ \t]*:/m, what: "kubernetes.cluster-id" },
  { deployment: "yarn", pattern: /\b(?:yarn-session\.sh|yarn-application|yarn-per-job|yarn-cluster)\b/, what: "a YARN launch" },
  { deployment: "yarn", pattern: /^[ \t]*yarn\.application\.[\w.-]+[ \t]*:/m, what: "yarn.application options" },
];

function deploymentsIn(file: InitFile): InitEvidence[] {
  const found: InitEvidence[] = [];
  for (const hint of DEPLOYMENT_HINTS) {
    const match = hint.pattern.exec(file.text);
    if (match) found.push({ value: hint.deployment, path: file.path, source: `${hint.what} in ${file.path}:${lineAt(file.text, match.index)}` });
  }
  return found;
}

/** The value seen in the most files (ties: the newest version, or the first seen). */
function mostCommon(evidence: readonly InitEvidence[], newer?: (a: string, b: string) => number): string | undefined {
  const files = new Map<string, Set<string>>();
  for (const item of evidence) files.set(item.value, (files.get(item.value) ?? new Set()).add(item.path));
  const counts = new Map([...files].map(([value, paths]) => [value, paths.size]));
  let best: string | undefined;
  for (const [value, count] of counts) {
    const bestCount = best === undefined ? -1 : (counts.get(best) ?? 0);
    if (count > bestCount || (count === bestCount && best !== undefined && newer && newer(value, best) > 0)) best = value;
  }
  return best;
}

function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return am - bm || an - bn;
}

/** Up to `max` sources, then how many more. */
function listSources(evidence: readonly InitEvidence[], max = 3): string {
  const shown = evidence.slice(0, max).map((item) => item.source);
  const rest = evidence.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

/** Wraps a comment at 100 columns. */
function comment(text: string, width = 100): string {
  const lines: string[] = [];
  let line = "#";
  for (const word of text.split(" ")) {
    if (line.length + 1 + word.length > width && line !== "#") {
      lines.push(line);
      line = "#";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join("\n");
}

export function planProjectConfig(input: InitInput): InitPlan {
  const ignore = [...new Set(input.lintable.map(testFolderOf).filter((folder): folder is string => folder !== undefined))].sort();
  const ignored = (path: string): boolean => ignore.some((folder) => path.startsWith(folder));
  const kept = input.evidence.filter((file) => !ignored(file.path));
  const versions = kept.flatMap(versionsIn);
  const deployments = kept.flatMap(deploymentsIn);
  const flinkVersion = mostCommon(versions, compareVersions);
  const deploymentValues = new Set(deployments.map((item) => item.value));
  const deployment = deploymentValues.size === 1 ? (deployments[0]?.value as Deployment) : undefined;
  const linted = input.lintable.filter((path) => !ignored(path)).length;

  const out: string[] = [
    "# flinklint settings for this repository, written by `flinklint --init`. They apply to the files",
    "# in this folder and below it; `flinklint --print-config <file>` shows what applies to one file.",
    "",
  ];

  if (flinkVersion) {
    const others = versions.filter((item) => item.value !== flinkVersion);
    out.push(comment(`The Flink version plain Flink files are checked against, as found in ${listSources(versions.filter((item) => item.value === flinkVersion))}.`));
    if (others.length > 0) {
      out.push(comment(`Other versions are in use too: ${listSources(others)}; a .flinklint.yaml in a folder sets that folder's version.`));
    }
    out.push("# Containers of the official Flink images are checked as the version of their tag.");
    out.push(`flink-version: "${flinkVersion}"`);
  } else {
    out.push("# The Flink version plain Flink files are checked against (none was found in a build file,");
    out.push("# Dockerfile or image; default: 1.20 for flink-conf.yaml, 2.1 for config.yaml).");
    out.push(`# flink-version: "1.20"`);
  }
  out.push("");

  out.push("# How Flink is deployed: standalone, kubernetes or yarn. It decides how Flink 1.x reads the legacy");
  out.push("# heap keys and which container the memory must fit.");
  if (deployment) {
    out.push(comment(`Found: ${listSources(deployments)}.`));
    out.push(`deployment: ${deployment}`);
  } else if (deployments.length > 0) {
    out.push(comment(`More than one is in use (${listSources(deployments)}); set it per folder.`));
    out.push("# deployment: standalone");
  } else {
    out.push("# deployment: standalone");
  }
  out.push("");

  if (ignore.length > 0) {
    out.push("# Files flinklint skips (.gitignore patterns), in a directory scan and when named on the command");
    out.push("# line, as a pre-commit hook names them. These folders hold test data, often wrong on purpose.");
    out.push("ignore:");
    for (const folder of ignore) out.push(`  - ${JSON.stringify(folder)}`);
  } else {
    out.push("# Files a directory scan skips (.gitignore patterns), e.g. test data that is wrong on purpose:");
    out.push("# ignore:");
    out.push(`#   - "test/fixtures/"`);
  }
  out.push("");

  out.push("# Rule severities: off, info, warn or error (`flinklint --list-rules` lists the rules).");
  out.push("# rules:");
  out.push("#   unknown-key: warn");
  out.push("#   memory-fraction-capped: off");
  out.push("");
  out.push("# The Flink Kubernetes Operator's default configuration, which FlinkDeployments inherit:");
  out.push("# operator-defaults: deploy/operator/flink-conf.yaml");
  out.push("");
  out.push("# Files a scan lints although their names do not say Flink (a CI workflow that runs `flink run`):");
  out.push("# include:");
  out.push(`#   - ".github/workflows/*.yml"`);

  return {
    text: `${out.join("\n")}\n`,
    ...(flinkVersion !== undefined && { flinkVersion }),
    ...(deployment !== undefined && { deployment }),
    ignore,
    linted,
    versions,
    deployments,
  };
}
