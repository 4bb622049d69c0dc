/**
 * What `flinklint explain` shows for a file's text: each configuration it carries that starts
 * Flink processes, with the memory Flink derives for it. Pure (no file system), so the CLI and the
 * browser page explain through the same code.
 */
import { resolveFlinkVersion } from "./engine/settings.js";
import { explainDocument, type ExplainResult } from "./formatters/explain.js";
import { readHost } from "./hosts/index.js";
import type { ConfigTarget, LintOptions } from "./types.js";

/** One configuration of a file and its memory. */
export interface ExplainedTarget {
  target: ConfigTarget;
  explained: ExplainResult;
}

export interface TextExplanation {
  /** What the file is, e.g. "Flink configuration file", "Compose file". */
  host: string;
  /** For a file that carries no Flink configuration: one line to say so. */
  notice?: string;
  /** Whether the file is one plain Flink configuration (one breakdown, no target names). */
  single: boolean;
  targets: ExplainedTarget[];
}

/** Reads `text` as its host and derives the memory of every configuration that starts a Flink process. */
export function explainText(text: string, options: LintOptions = {}): TextExplanation {
  const reading = readHost({ text, ...(options.filename !== undefined && { filename: options.filename }), options });
  const targets = reading.targets
    .filter((target) => target.processes.length > 0)
    .map((target) => ({
      target,
      explained: explainDocument(target.document, {
        flinkVersion: resolveFlinkVersion(options.flinkVersion ?? target.flinkVersion, target.document.dialect),
        deployment: target.deployment ?? options.deployment ?? "standalone",
      }),
    }));
  return {
    host: reading.host,
    ...(reading.notice !== undefined && { notice: reading.notice }),
    single: reading.targets.length === 1 && reading.targets[0]?.name === "",
    targets,
  };
}
