/**
 * A host adapter knows one kind of file that carries Flink configuration (a Flink file, a
 * FlinkDeployment manifest, a Compose file, …) and turns its text into the configurations Flink
 * will read from it (`ConfigTarget`s), each positioned in the host file's text. The engine and the
 * rules know only targets; nothing below this folder imports an adapter.
 */
import type { ConfigTarget, LintOptions } from "../types.js";

export interface HostInput {
  text: string;
  /** The file's path as given (used for names such as `docker-compose.yml`). */
  filename?: string;
  options: LintOptions;
}

export interface HostReading {
  /** What the file is, for notices and `--print-config`: "Flink configuration file", "Kubernetes manifest", … */
  host: string;
  /** The configurations found, in file order ([] when the file carries none). */
  targets: ConfigTarget[];
  /** Whether `--fix` may write safe fixes into this file (the text is a Flink file itself). */
  fixable: boolean;
  /** Why `--fix` leaves the file alone, when it does and there is something to say. */
  notFixed?: string;
  /** One line for a user who named a file that carries no Flink configuration. */
  notice?: string;
}

export interface HostAdapter {
  /** kebab-case, e.g. "flink-file", "flink-resource", "compose". */
  id: string;
  /**
   * Whether this adapter reads the file: decided from the name and a cheap look at the text. The
   * first adapter of the registry that claims a file reads it; the Flink-file adapter takes the rest.
   */
  claims(input: HostInput): boolean;
  /**
   * Whether a file met in a directory walk (not named by the user) is worth reading: it must
   * really carry Flink configuration, so unrelated YAML stays silent.
   */
  carriesFlinkConfiguration(input: HostInput): boolean;
  read(input: HostInput): HostReading;
}
