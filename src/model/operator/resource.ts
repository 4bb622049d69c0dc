/**
 * A Flink Kubernetes Operator resource (FlinkDeployment, FlinkSessionJob) as the operator reads it:
 * the values it uses, each with its range in the manifest it was read from.
 */
import type { ConfigEntry, ParseFinding, Range } from "../../types.js";

export const FLINK_API_GROUP = "flink.apache.org/";
export type FlinkResourceKind = "FlinkDeployment" | "FlinkSessionJob";

/** A scalar in the manifest: its text (as the operator sees it), YAML type, and where it is. */
export interface ScalarAt {
  /** `JsonNode.asText()` of the value: a string as is, numbers and booleans printed. */
  text: string;
  /** The YAML type kubectl would send: a string or not. */
  isString: boolean;
  /** The parsed value (bigint for integers). */
  value: unknown;
  keyRange: Range;
  valueRange: Range;
}

/** A mapping key that is present, with where its key is. */
export interface KeyAt {
  keyRange: Range;
}

export interface ResourceSpec extends KeyAt {
  memory?: ScalarAt;
  cpu?: ScalarAt;
}

export interface ResourceRequirementsSpec extends KeyAt {
  requests: Map<string, ScalarAt>;
  limits: Map<string, ScalarAt>;
}

export interface ProcessSpec extends KeyAt {
  resource?: ResourceSpec;
  resources?: ResourceRequirementsSpec;
  replicas?: ScalarAt;
}

/** One FlinkDeployment or FlinkSessionJob found in a manifest. */
export interface FlinkResource {
  kind: FlinkResourceKind;
  apiVersion: string;
  /** `metadata.name`, "" when absent. */
  name: string;
  namespace?: string;
  /** Offsets of the resource's text: its YAML document, or its item of a `kind: List`. */
  start: number;
  end: number;
  /** Offsets of the YAML document the resource is in (used to blank out the other documents). */
  documentStart: number;
  documentEnd: number;
  kindRange: Range;
  spec?: KeyAt;
  /** `spec.flinkConfiguration`: the flat map the operator builds, in source order. */
  flinkConfiguration?: KeyAt & { entries: ConfigEntry[]; findings: ParseFinding[] };
  flinkVersion?: ScalarAt;
  /** `spec.mode`: "native" (default) or "standalone". */
  mode?: ScalarAt;
  image?: ScalarAt;
  imagePullPolicy?: ScalarAt;
  serviceAccount?: ScalarAt;
  job?: KeyAt & { parallelism?: ScalarAt };
  jobManager?: ProcessSpec;
  taskManager?: ProcessSpec;
}
