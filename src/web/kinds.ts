/**
 * The kinds of file the playground's "File" selector offers, and the lint options each stands for:
 * the file name the CLI would see (which picks the host adapter and the dialect) and, for the two
 * Flink files, the dialect itself, so that the text is read as that file whatever it looks like.
 */
import { HOST_TOP_LEVEL_KEYS } from "../engine/identify.js";
import type { Dialect, LintOptions } from "../types.js";

export interface FileKind {
  /** The selector's value and the fragment's `dialect=`. */
  value: string;
  label: string;
  filename?: string;
  dialect?: Dialect;
}

export const FILE_KINDS: readonly FileKind[] = [
  { value: "auto", label: "Detect from the content" },
  { value: "legacy", label: "flink-conf.yaml (legacy, Flink ≤ 1.20)", filename: "flink-conf.yaml", dialect: "legacy" },
  { value: "standard", label: "config.yaml (standard YAML, Flink 1.19+)", filename: "config.yaml", dialect: "standard" },
  { value: "compose", label: "Docker Compose file", filename: "docker-compose.yml" },
  { value: "kubernetes", label: "Kubernetes manifest (FlinkDeployment, ConfigMap, Deployment, …)", filename: "manifest.yaml" },
];

/** A top-level key with no value, then (past blank and comment lines) an indented line that is not a list item. */
const NESTED_YAML = /^[^\s#-][^:#\n]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]+[^\s#-]/m;

/**
 * The options for a text read as `kind`. "auto" reads the text as the CLI reads a file named after
 * what the text looks like: Kubernetes manifests and Compose files are recognized by their content
 * (and another tool's file without Flink configuration gets the CLI's notice instead of findings),
 * nested YAML is read as config.yaml (someone who pastes nested YAML means Flink's standard
 * format, not a flat file gone wrong), and the rest as a text without a name (flink-conf.yaml,
 * unless it is a Helm template or a launch script).
 */
export function kindOptions(kind: string, text: string): Pick<LintOptions, "filename" | "dialect"> {
  const known = FILE_KINDS.find((k) => k.value === kind);
  if (known !== undefined && known.value !== "auto") {
    return { ...(known.filename !== undefined && { filename: known.filename }), ...(known.dialect !== undefined && { dialect: known.dialect }) };
  }
  // A name that is neither a Flink file's nor a known tool's: the host adapters decide by content.
  if (marksOtherTool(text)) return { filename: "untitled.yaml" };
  return NESTED_YAML.test(text) ? { filename: "config.yaml" } : {};
}

/** Whether the text has a top-level key that only another tool's file has (`apiVersion`, `services`, …). */
function marksOtherTool(text: string): boolean {
  return HOST_TOP_LEVEL_KEYS.some((marker) => marker.keys.some((key) => new RegExp(`^["']?${key}["']?[ \\t]*:`, "m").test(text)));
}
