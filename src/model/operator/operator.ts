/**
 * The Flink Kubernetes Operator's semantics that decide what Flink gets from a FlinkDeployment
 * (apache/flink-kubernetes-operator at 6e9caeb4: FlinkConfigBuilder, ResourceConfigUtils,
 * DefaultValidator, FlinkVersion; Flink's HighAvailabilityMode), and the `ConfigDocument` built
 * from it: the configuration the operator hands to Flink, every entry with its range in the manifest.
 */
import { assembleDocument } from "../../parser/document.js";
import { SUPPORTED_VERSIONS } from "../versions.js";
import type { ProcessKind } from "../memory.js";
import type { ConfigDocument, ConfigEntry, ConfigValue, Deployment } from "../../types.js";
import type { FlinkResource, ProcessSpec, ScalarAt } from "./resource.js";
import { parseResourceMemory, type ResourceMemory } from "./quantity.js";

/** The operator's `FlinkVersion` enum (also the CRD's `enum`), oldest first. */
export const OPERATOR_FLINK_VERSIONS = [
  "v1_13", "v1_14", "v1_15", "v1_16", "v1_17", "v1_18", "v1_19", "v1_20", "v2_0", "v2_1", "v2_2", "v2_3", "v2_4",
] as const;
/** `FlinkVersion.isSupported`: v1_15 and newer; DefaultValidator refuses older ones. */
const UNSUPPORTED_VERSIONS = new Set<string>(["v1_13", "v1_14"]);
/** Annotated `@Deprecated` in the enum (still accepted). */
const DEPRECATED_VERSIONS = new Set<string>(["v1_15", "v1_16", "v1_17", "v1_18"]);

export type FlinkVersionStatus =
  | { status: "missing" }
  | { status: "rejected"; value: ScalarAt }
  | {
      status: "valid" | "unsupported";
      value: ScalarAt;
      /** "1.20" for `v1_20`. */
      version: string;
      /** The version flinklint checks against: `version`, or the newest flinklint models when newer. */
      modeled: string;
      deprecated: boolean;
    };

/** What `spec.flinkVersion` means to the operator (the CRD enum, then DefaultValidator.validateFlinkVersion). */
export function flinkVersionStatus(resource: FlinkResource): FlinkVersionStatus {
  const value = resource.flinkVersion;
  if (value === undefined) return { status: "missing" };
  const name = value.text;
  if (!value.isString || !(OPERATOR_FLINK_VERSIONS as readonly string[]).includes(name)) return { status: "rejected", value };
  const version = name.slice(1).replace("_", ".");
  const newest = SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.length - 1] ?? version;
  const modeled = (SUPPORTED_VERSIONS as readonly string[]).includes(version) ? version : newest;
  return {
    status: UNSUPPORTED_VERSIONS.has(name) ? "unsupported" : "valid",
    value,
    version,
    modeled,
    deprecated: DEPRECATED_VERSIONS.has(name),
  };
}

/** The manifest path of a process's spec. */
export function processPath(process: ProcessKind): string {
  return process === "jobmanager" ? "spec.jobManager" : "spec.taskManager";
}

export function processSpec(resource: FlinkResource, process: ProcessKind): ProcessSpec | undefined {
  return process === "jobmanager" ? resource.jobManager : resource.taskManager;
}

/** `ResourceConfigUtils.hasResourceRequirements`: a non-empty `requests` or `limits`. */
export function hasResourceRequirements(spec: ProcessSpec | undefined): boolean {
  const r = spec?.resources;
  return r !== undefined && (r.requests.size > 0 || r.limits.size > 0);
}

/** A resource value the operator reads, and its path in the manifest. */
export interface SpecValue {
  value: ScalarAt;
  path: string;
}

/**
 * Where the operator takes a process's memory from (`FlinkConfigBuilder.applyResourceConfig`): the
 * `resources` requirements when they hold anything (request, else limit), else `resource.memory`.
 */
export function memorySource(resource: FlinkResource, process: ProcessKind): SpecValue | undefined {
  return resourceValue(resource, process, "memory");
}

/** Where the operator takes a process's CPU from, by the same precedence. */
export function cpuSource(resource: FlinkResource, process: ProcessKind): SpecValue | undefined {
  return resourceValue(resource, process, "cpu");
}

function resourceValue(resource: FlinkResource, process: ProcessKind, name: "memory" | "cpu"): SpecValue | undefined {
  const spec = processSpec(resource, process);
  const base = processPath(process);
  if (hasResourceRequirements(spec)) {
    const request = spec?.resources?.requests.get(name);
    if (request) return { value: request, path: `${base}.resources.requests.${name}` };
    const limit = spec?.resources?.limits.get(name);
    if (limit) return { value: limit, path: `${base}.resources.limits.${name}` };
    return undefined;
  }
  const value = spec?.resource?.[name];
  return value ? { value, path: `${base}.resource.${name}` } : undefined;
}

/** The process size the operator writes for one process. */
export interface InjectedMemory {
  process: ProcessKind;
  key: string;
  source: SpecValue;
  resolved: ResourceMemory;
  /** The value written into the configuration (the raw text when the operator cannot read it). */
  text: string;
}

export function injectedMemory(resource: FlinkResource, process: ProcessKind): InjectedMemory | undefined {
  const source = memorySource(resource, process);
  if (!source) return undefined;
  const resolved = parseResourceMemory(source.value.text);
  return {
    process,
    key: `${process}.memory.process.size`,
    source,
    resolved,
    text: resolved.ok ? resolved.text : source.value.text,
  };
}

/** `spec.mode: standalone` runs Flink's standalone scripts; otherwise native Kubernetes (an active deployment). */
export function deploymentOf(resource: FlinkResource): Deployment {
  return resource.mode?.text === "standalone" ? "standalone" : "kubernetes";
}

/** Flink's `HighAvailabilityMode.isHighAvailabilityModeActivated` (`high-availability.type` and its deprecated keys). */
export function isHighAvailabilityActivated(config: ReadonlyMap<string, ConfigValue>): boolean {
  const mode = ["high-availability.type", "recovery.mode", "high-availability"].map((k) => config.get(k)).find((v) => v !== undefined);
  const text = mode?.text ?? "NONE";
  if (text.toLowerCase() === "standalone") return false;
  return text.toUpperCase() !== "NONE";
}

/** The manifest with every other YAML document blanked out (same length, same lines), so directives stay per resource. */
function maskOtherDocuments(text: string, resource: FlinkResource): string {
  const blank = (part: string) => part.replace(/[^\r\n]/g, " ");
  return blank(text.slice(0, resource.documentStart)) + text.slice(resource.documentStart, resource.documentEnd) + blank(text.slice(resource.documentEnd));
}

export interface EffectiveConfiguration {
  document: ConfigDocument;
  injected: InjectedMemory[];
  deployment: Deployment;
}

/**
 * The configuration the operator hands to Flink for a FlinkDeployment (`FlinkConfigBuilder.buildFrom`):
 * `spec.flinkConfiguration` flattened, then the process sizes from the resource spec, which replace
 * any set in flinkConfiguration. The operator's shipped defaults (`taskmanager.numberOfTaskSlots: 1`,
 * `parallelism.default: 1`) equal Flink's own and change nothing in the memory derivation, and the
 * other keys it sets (image, CPU, replicas, targets) are not read by it, so they are left out.
 */
export function effectiveConfiguration(text: string, resource: FlinkResource): EffectiveConfiguration {
  const entries: ConfigEntry[] = (resource.flinkConfiguration?.entries ?? []).map((e) => ({ ...e }));
  const injected: InjectedMemory[] = [];
  if (resource.kind === "FlinkDeployment") {
    for (const process of ["jobmanager", "taskmanager"] as const) {
      const memory = injectedMemory(resource, process);
      if (!memory) continue;
      injected.push(memory);
      const range = memory.source.value.valueRange;
      entries.push({
        key: memory.key,
        value: { type: "string", text: memory.text },
        raw: text.slice(range.start.offset, range.end.offset),
        keyRange: range,
        valueRange: range,
        overridden: false,
        label: memory.source.path,
      });
    }
  }
  const findings = [...(resource.flinkConfiguration?.findings ?? [])];
  const document = assembleDocument("standard", maskOtherDocuments(text, resource), entries, findings);
  return { document, injected, deployment: deploymentOf(resource) };
}
